"""The applicant's actions: notify that the ТУ are fulfilled, sign an act (SMS code or УКЭП)."""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.core.errors import TransitionError
from lk_plugin.core.files import clean_filename, discard_files_on_error, validate_upload
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.notifications.flows import notify_staff

from ..choices import ApplicantAction, SignatureMethod
from ..models import ConnectionProcess, PlacedDocument, Signature, SigningCode, TuNotice, TuNoticeFile
from .stages import file_sha256, stage_advance

MAX_CODE_ATTEMPTS = 5
RESEND_AFTER = dt.timedelta(seconds=60)


def _ensure_owner(application, user):
    if application.owner_id != getattr(user, "pk", None):
        raise TransitionError(_("Это не ваша заявка."), code="owner")


def _current_stage_allows(application, action):
    process = (
        ConnectionProcess.objects.select_related("current_stage").filter(application=application).first()
    )
    stage = process.current_stage if process else None
    if stage is None or not stage.allows(action):
        raise TransitionError(_("На текущем этапе это действие недоступно."), code="stage")
    return stage


@discard_files_on_error()
@transaction.atomic
def tu_notice_submit(*, application, user, text: str = "", files=(), expected_version=None) -> TuNotice:
    """«Уведомить о выполнении ТУ»: the notice with documents; the stage moves to the utility's check."""
    _ensure_owner(application, user)
    stage = _current_stage_allows(application, ApplicantAction.NOTIFY_TU)
    text = (text or "").strip()
    if not files:
        raise TransitionError(
            _("Приложите документы, подтверждающие выполнение технических условий."), code="files"
        )
    for upload in files:
        validate_upload(upload)
    notice = TuNotice.objects.create(application=application, text=text, created_by=user)
    for upload in files:
        TuNoticeFile.objects.create(
            notice=notice, file=upload, original_name=clean_filename(upload.name), size=upload.size or 0
        )
    stage_advance(
        application=application,
        actor=user,
        by_applicant=True,
        expected_version=expected_version,
        expected_stage=stage.code,
        comment=_("Заявитель уведомил о выполнении ТУ."),
    )
    notify_staff(
        obj=application,
        event="staff_connection_tu_notice",
        context={
            "title": _("Заявка %(number)s: уведомление о выполнении ТУ") % {"number": application.number},
            "text": text,
        },
    )
    return notice


def _code_hash(code_row_salt: str, code: str) -> str:
    key = f"lk_plugin.connection.signing:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{code_row_salt}:{code}".encode(), hashlib.sha256).hexdigest()


def signable(document, user) -> PlacedDocument:
    """The document's placement if *user* may sign it now; TransitionError (Russian) otherwise."""
    application = document.application
    _ensure_owner(application, user)
    placement = PlacedDocument.objects.filter(document=document, requires_signature=True).first()
    if placement is None:
        raise TransitionError(_("Этот документ не требует подписи."), code="not_signable")
    if Signature.objects.filter(document=document, user=user).exists():
        raise TransitionError(_("Документ уже подписан."), code="signed")
    _current_stage_allows(application, ApplicantAction.SIGN)
    return placement


def _ensure_unchanged(document, placement) -> str:
    try:
        current = file_sha256(document.file)
    except (FileNotFoundError, ValueError) as exc:
        raise TransitionError(
            _("Файл документа недоступен. Обратитесь в сетевую организацию."), code="missing"
        ) from exc
    if current != placement.sha256:
        raise TransitionError(
            _(
                "Документ изменён после размещения: подписание невозможно. "
                "Сетевая организация разместит актуальную версию."
            ),
            code="changed",
        )
    return current


@transaction.atomic
def signing_request_code(*, document, user) -> SigningCode:
    """Send a one-time code by SMS to the applicant's phone from the profile."""
    placement = signable(document, user)
    _ensure_unchanged(document, placement)
    phone = get_adapter().get_phone(user)
    if not phone:
        raise TransitionError(_("Укажите номер телефона в профиле, чтобы получить код."), code="phone")
    now = timezone.now()
    last = SigningCode.objects.filter(document=document, user=user).order_by("-created_at").first()
    if last and not last.used_at and now - last.created_at < RESEND_AFTER:
        raise TransitionError(_("Код уже отправлен. Повторно запросить можно через минуту."), code="too_soon")
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    row = SigningCode.objects.create(
        document=document,
        user=user,
        code_hash=f"{salt}${_code_hash(salt, code)}",
        phone=phone,
        expires_at=now + dt.timedelta(seconds=app_settings.SIGNING_CODE_TTL),
    )
    text = _(
        "Код для подписания документа «%(title)s» по заявке %(number)s: %(code)s. Никому не сообщайте."
    ) % {
        "title": document.title,
        "number": document.application.number,
        "code": code,
    }
    transaction.on_commit(lambda: get_adapter().send_sms(phone, text))
    return row


def _check_code(*, document, user, code: str) -> SigningCode:
    """Count the attempt (committed even when the code is wrong) and return the matching code row."""
    code = "".join(ch for ch in str(code or "") if ch.isdigit())
    with transaction.atomic():
        row = (
            SigningCode.objects.select_for_update()
            .filter(document=document, user=user, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if row is None:
            error = _("Код истёк или не запрошен. Запросите новый код.")
        elif row.attempts >= MAX_CODE_ATTEMPTS:
            error = _("Слишком много неверных попыток. Запросите новый код.")
        else:
            salt, expected = row.code_hash.split("$", 1)
            if code and hmac.compare_digest(expected, _code_hash(salt, code)):
                return row
            SigningCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
            error = _("Неверный код.")
    raise ValidationError({"code": [error]}, code="code")


def signing_confirm(*, document, user, code: str, request_meta: RequestMeta | None = None) -> Signature:
    """Sign with the SMS code: refused if the document changed since it was placed."""
    signable(document, user)
    row = _check_code(document=document, user=user, code=code)
    with transaction.atomic():
        placement = signable(document, user)
        sha = _ensure_unchanged(document, placement)
        updated = SigningCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=timezone.now())
        if not updated:
            raise ValidationError({"code": [_("Код уже использован. Запросите новый код.")]}, code="code")
        return _record(document, user, SignatureMethod.SMS, sha, request_meta, phone=row.phone)


@transaction.atomic
def signing_ukep(*, document, user, signature_file, request_meta: RequestMeta | None = None) -> Signature:
    """Sign with a qualified signature: a detached .sig/.p7s checked by ``adapter.verify_signature``."""
    placement = signable(document, user)
    sha = _ensure_unchanged(document, placement)
    facts = get_adapter().verify_signature(
        application=document.application, user=user, signature_file=signature_file
    )
    return _record(document, user, SignatureMethod.UKEP, sha, request_meta, details=facts)


def _record(document, user, method, sha, request_meta, *, phone="", details=None) -> Signature:
    meta = request_meta or RequestMeta()
    signature = Signature.objects.create(
        document=document,
        user=user,
        method=method,
        document_sha256=sha,
        ip=meta.ip,
        user_agent=meta.user_agent,
        phone=phone,
        details=details or {},
    )
    application = document.application
    stage_advance(
        application=application,
        actor=user,
        by_applicant=True,
        comment=_("Заявитель подписал «%(title)s».") % {"title": document.title},
    )
    notify_staff(
        obj=application,
        event="staff_connection_act_signed",
        context={
            "title": _("Заявка %(number)s: акт подписан заявителем") % {"number": application.number},
            "text": document.title,
        },
    )
    return signature

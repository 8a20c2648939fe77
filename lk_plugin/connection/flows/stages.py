"""Stage moves: start the process, advance it (staff or the applicant's own action), place the offer / act.

Every move goes through ``stage_advance``: the application's optimistic lock (``expected_version``),
a StagePassage row and Wagtail's log entry (history), and a notification to the applicant.
"""

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lk_plugin.applications.flows.status import TransitionError, application_change_status, bump_version
from lk_plugin.applications.models import Application, StageDocument
from lk_plugin.applications.statuses import Status, is_allowed
from lk_plugin.core.files import clean_filename, discard_files_on_error
from lk_plugin.notifications.flows import notify

from ..choices import ApplicantAction
from ..models import ConnectionProcess, Invoice, InvoiceScheduleLine, PlacedDocument, StagePassage
from ..selectors import scheme_for
from ..terms import stage_due_date

LOG_STAGE = "lk.connection.stage"
LOG_OFFER = "lk.connection.offer"
LOG_ACT = "lk.connection.act"


def file_sha256(fieldfile) -> str:
    digest = hashlib.sha256()
    with fieldfile.open("rb") as handle:
        for chunk in iter(lambda: handle.read(64 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _submitted_on(application) -> dt.date | None:
    return timezone.localdate(application.submitted_at) if application.submitted_at else None


def _enter(process: ConnectionProcess, stage, *, on: dt.date) -> None:
    due = stage_due_date(
        stage,
        stage_start=on,
        submitted_on=_submitted_on(process.application),
        contract_on=process.contract_concluded_on,
    )
    process.current_stage, process.stage_started_on, process.stage_due_date = stage, on, due
    StagePassage.objects.create(process=process, stage=stage, started_on=on, due_date=due)


@transaction.atomic
def connection_start(
    *, application: Application, scheme=None, on: dt.date | None = None, fresh: bool = False
):
    """Put a submitted application on the first stage of its scheme (None when no scheme fits).

    *fresh*: the application was submitted just now (the submit's receiver), so it has no process
    yet and the lookup is skipped; the one-to-one link still refuses a second process."""
    if not fresh:
        existing = ConnectionProcess.objects.filter(application=application).first()
        if existing is not None:
            return existing
    scheme = scheme or scheme_for(application)
    if scheme is None:
        return None
    first = scheme.stages.order_by("order").first()
    if first is None:
        return None
    process = ConnectionProcess(application=application, scheme=scheme)
    process.application = application
    start = on or _submitted_on(application) or timezone.localdate()
    due = stage_due_date(first, stage_start=start, submitted_on=_submitted_on(application), contract_on=None)
    # One INSERT with the first stage already set, then its passage row.
    process.current_stage, process.stage_started_on, process.stage_due_date = first, start, due
    process.save(force_insert=True)
    StagePassage.objects.create(process=process, stage=first, started_on=start, due_date=due)
    return process


def _locked_process(application) -> ConnectionProcess:
    process = (
        ConnectionProcess.objects.select_for_update(of=("self",))
        .select_related("current_stage", "scheme")
        .filter(application=application)
        .first()
    )
    if process is None:
        raise TransitionError(_("Для заявки не ведутся этапы присоединения."), code="no_process")
    process.application = application
    return process


def _unsigned_act_exists(application) -> bool:
    from ..models import Signature

    signed = Signature.objects.filter(document__application=application).values("document_id")
    return (
        PlacedDocument.objects.filter(document__application=application, requires_signature=True)
        .exclude(document_id__in=signed)
        .exists()
    )


def _stage_text(process) -> str:
    if process.current_stage is None:
        return _("Технологическое присоединение завершено.")
    text = _("Текущий этап: «%(stage)s».") % {"stage": process.current_stage.name}
    if process.stage_due_date:
        text += " " + _("Срок: до %(date)s.") % {"date": process.stage_due_date.strftime("%d.%m.%Y")}
    return text


@transaction.atomic
def stage_advance(
    *,
    application: Application,
    actor,
    expected_version: int | None = None,
    comment: str = "",
    on: dt.date | None = None,
    by_applicant: bool = False,
    expected_stage: str = "",
) -> ConnectionProcess:
    """Finish the current stage and start the next one (or finish the connection after the last)."""
    process = _locked_process(application)
    current = process.current_stage
    if current is None:
        raise TransitionError(_("Присоединение уже завершено."), code="finished")
    if expected_stage and current.code != expected_stage:
        raise TransitionError(_("Заявка уже на другом этапе. Обновите страницу."), code="stage")
    if application.status in (Status.WITHDRAWN, Status.REJECTED, Status.DRAFT):
        raise TransitionError(_("Этапы закрытой заявки не меняются."), code="closed")
    # The optimistic lock: a second tab / a colleague who moved it first gets ConflictError. Without an
    # expected version (system moves: a payment, the applicant's own action) the row's current one counts.
    if expected_version is None:
        application.version = Application.objects.values_list("version", flat=True).get(pk=application.pk)
    bump_version(application, expected_version)
    today = on or timezone.localdate()
    comment = (comment or "").strip()
    StagePassage.objects.filter(process=process, stage=current, completed_on__isnull=True).update(
        completed_on=today, completed_by=actor, comment=comment
    )
    following = process.scheme.stages.filter(order__gt=current.order).order_by("order").first()
    if (
        following is not None
        and following.allows(ApplicantAction.SIGN)
        and not _unsigned_act_exists(application)
    ):
        raise TransitionError(_("Сначала разместите акт для подписания заявителем."), code="no_act")
    if following is not None:
        _enter(process, following, on=today)
    else:
        process.current_stage, process.stage_due_date, process.completed_on = None, None, today
    process.save()
    if application.status == Status.SUBMITTED and is_allowed(application.status, Status.IN_PROGRESS, "staff"):
        application_change_status(
            application=application, to_status=Status.IN_PROGRESS, actor=actor, notify_owner=False
        )
    if following is None and is_allowed(application.status, Status.COMPLETED, "staff"):
        application_change_status(
            application=application, to_status=Status.COMPLETED, actor=actor, notify_owner=False
        )
    log(
        application,
        LOG_STAGE,
        user=actor,
        data={
            "from": current.name,
            "to": following.name if following else "",
            "comment": comment,
            "by_applicant": by_applicant,
        },
    )
    text = _stage_text(process)
    if comment and not by_applicant:
        text += "\n" + _("Комментарий специалиста: %(comment)s") % {"comment": comment}
    notify(
        user=application.owner,
        event="connection_stage_changed",
        context={"title": _("Заявка %(number)s: новый этап") % {"number": application.number}, "text": text},
        url=application.get_absolute_url(),
    )
    return process


def _place_document(*, application, actor, stage: str, title: str, file, requires_signature=False):
    document = StageDocument.objects.create(
        application=application,
        stage=stage,
        title=(title or "").strip() or StageDocument.Stage(stage).label,
        file=file,
        original_name=clean_filename(file.name),
        size=file.size or 0,
        published_by=actor,
    )
    PlacedDocument.objects.create(
        document=document, sha256=file_sha256(document.file), requires_signature=requires_signature
    )
    return document


def _money(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise TransitionError(_("Укажите сумму числом, например 550.00."), code="amount") from exc
    if amount <= 0:
        raise TransitionError(_("Сумма должна быть больше нуля."), code="amount")
    return amount


def next_invoice_number(application) -> str:
    count = Invoice.objects.filter(application=application).count()
    return f"ТП-{application.pk:06d}-{count + 1}"


@discard_files_on_error()
@transaction.atomic
def offer_place(
    *,
    application: Application,
    actor,
    contract_file,
    tu_file,
    instructions_file=None,
    amount,
    schedule=(),
    expected_version: int | None = None,
    on: dt.date | None = None,
) -> Invoice:
    """One action: place the contract terms, ТУ and instructions, issue the invoice, move to «Оплата»."""
    process = _locked_process(application)
    current = process.current_stage
    if current is None or StageDocument.Stage.CONTRACT_TERMS not in (current.documents or []):
        raise TransitionError(_("Договор размещается на этапе рассмотрения заявки."), code="stage")
    if expected_version is not None and expected_version != application.version:
        from lk_plugin.core.errors import ConflictError

        raise ConflictError(ConflictError.message)
    amount = _money(amount)
    lines = [(due, _money(value)) for due, value in schedule or ()]
    if lines:
        if not process.scheme.allows_instalments:
            raise TransitionError(
                _("Для этой категории заявителей рассрочка не предусмотрена."), code="schedule"
            )
        if sum(v for _d, v in lines) != amount:
            raise TransitionError(
                _("Сумма платежей по графику должна равняться сумме счёта."), code="schedule"
            )
    documents = [
        _place_document(
            application=application, actor=actor, stage="contract_terms", title="", file=contract_file
        ),
        _place_document(
            application=application, actor=actor, stage="technical_conditions", title="", file=tu_file
        ),
    ]
    if instructions_file:
        documents.append(
            _place_document(
                application=application, actor=actor, stage="instructions", title="", file=instructions_file
            )
        )
    stage_advance(
        application=application, actor=actor, on=on, comment=_("Размещены условия договора, ТУ и счёт.")
    )
    process.refresh_from_db()
    due = process.stage_due_date or on or timezone.localdate()
    invoice = Invoice.objects.create(
        application=application,
        number=next_invoice_number(application),
        amount=amount,
        due_date=lines[0][0] if lines else due,
        purpose=_("Плата за технологическое присоединение по заявке %(number)s")
        % {"number": application.number},
    )
    InvoiceScheduleLine.objects.bulk_create(
        [InvoiceScheduleLine(invoice=invoice, due_date=d, amount=v) for d, v in lines]
    )
    log(
        application,
        LOG_OFFER,
        user=actor,
        data={"invoice": invoice.number, "amount": str(amount), "documents": [d.pk for d in documents]},
    )
    return invoice


@discard_files_on_error()
@transaction.atomic
def act_place(
    *,
    application: Application,
    actor,
    file,
    title: str = "",
    expected_version: int | None = None,
    on: dt.date | None = None,
) -> StageDocument:
    """Place the act of connection for the applicant to sign and move to the signing stage."""
    process = _locked_process(application)
    current = process.current_stage
    following = (
        process.scheme.stages.filter(order__gt=current.order).order_by("order").first() if current else None
    )
    if following is None or not following.allows(ApplicantAction.SIGN):
        raise TransitionError(_("Акт размещается перед этапом подписания."), code="stage")
    document = _place_document(
        application=application,
        actor=actor,
        stage="act",
        title=title or _("Акт об осуществлении технологического присоединения"),
        file=file,
        requires_signature=True,
    )
    stage_advance(
        application=application,
        actor=actor,
        expected_version=expected_version,
        on=on,
        comment=_("Размещён акт для подписания."),
    )
    log(application, LOG_ACT, user=actor, data={"document_id": document.pk})
    return document

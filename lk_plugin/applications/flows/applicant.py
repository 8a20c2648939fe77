"""What the applicant does to a submitted application from the cabinet (issue 6)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.core.files import clean_filename, discard_files_on_error

from ..models import Application, ApplicationDocument, InfoRequest
from ..statuses import Status
from .status import application_change_status

#: Slot of the files an applicant sends in answer to a request for documents.
INFO_RESPONSE_SLOT = "info_response"


def _ensure_owner(application: Application, user) -> None:
    if application.owner_id != getattr(user, "pk", None):
        raise PermissionDenied


@transaction.atomic
def application_withdraw(*, application: Application, user, reason: str = "") -> Application:
    """Withdraw a submitted application before the utility starts work on it."""
    _ensure_owner(application, user)
    return application_change_status(
        application=application,
        to_status=Status.WITHDRAWN,
        actor=user,
        reason=reason or _("Отозвана заявителем"),
        by_applicant=True,
    )


@transaction.atomic
def application_delete_draft(*, application: Application, user) -> None:
    """Delete a draft (a submitted application is never deleted); its uploaded files go after the
    commit (core/file_cleanup.py)."""
    _ensure_owner(application, user)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.DRAFT:
        raise ValidationError(_("Удалить можно только черновик."), code="not_draft")
    locked.delete()


def open_info_request(application: Application) -> InfoRequest | None:
    return application.info_requests.filter(answered_at__isnull=True).order_by("-created_at", "-pk").first()


def shown_info_request(application: Application) -> InfoRequest | None:
    """What staff asked, for the top of the application page: the open request, or — for a status
    set before every «Требуются сведения» was a request — an unsaved one made from its history row
    (the reason, who and when)."""
    row = open_info_request(application)
    if row is not None:
        return row
    change = (
        application.history.filter(to_status="needs_info")
        .select_related("actor")
        .order_by("-created_at")
        .first()
    )
    if change is None or not change.reason:
        return None
    return InfoRequest(
        application=application,
        message=change.reason,
        requested_by=change.actor,
        created_at=change.created_at,
    )


@discard_files_on_error()
@transaction.atomic
def application_respond(*, application: Application, user, text: str = "", files=()) -> Application:
    """Answer a request for documents/information: store the answer and files, hand back to staff."""
    _ensure_owner(application, user)
    text = (text or "").strip()
    if application.status != Status.NEEDS_INFO:
        raise ValidationError(_("Специалист не запрашивал сведения по этой заявке."), code="not_needed")
    if not text and not files:
        raise ValidationError(_("Напишите ответ или приложите документы."), code="empty")
    names = []
    for upload in files:
        name = clean_filename(upload.name)
        ApplicationDocument.objects.create(
            application=application,
            slot=INFO_RESPONSE_SLOT,
            file=upload,
            original_name=name,
            size=upload.size or 0,
            uploaded_by=user,
        )
        names.append(name)
    request = open_info_request(application)
    if request is not None:
        request.answer = text
        request.answered_at = timezone.now()
        request.save(update_fields=["answer", "answered_at"])
    reason = text
    if names:
        reason = (reason + "\n" if reason else "") + _("Приложены документы: %(names)s") % {
            "names": ", ".join(names)
        }
    return application_change_status(
        application=application,
        to_status=Status.IN_PROGRESS,
        actor=user,
        reason=reason,
        by_applicant=True,
    )

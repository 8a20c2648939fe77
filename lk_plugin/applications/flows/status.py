from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin import signals
from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.core.errors import ConflictError, TransitionError
from lk_plugin.core.errors import bump_version as _bump_version
from lk_plugin.notifications.flows import notify

from ..models import Application, StatusChange
from ..statuses import APPLICANT, FINAL, REASON_REQUIRED, STAFF, Status, is_allowed


def bump_version(application: Application, expected_version: int | None, **fields) -> Application:
    """UPDATE … SET version = version + 1 WHERE version = expected; ConflictError when 0 rows."""
    return _bump_version(application, expected_version, **fields)


@transaction.atomic
def application_change_status(
    *,
    application: Application,
    to_status: str,
    actor,
    reason: str = "",
    expected_version: int | None = None,
    by_applicant: bool = False,
    notify_owner: bool = True,
) -> Application:
    """Move *application* along an allowed transition, write history and notify the applicant."""
    role = APPLICANT if by_applicant else STAFF
    if expected_version is not None and expected_version != application.version:
        # The person acted on a page loaded before someone else's change: say so (not "illegal
        # transition" from the status they have not seen yet).
        raise ConflictError(ConflictError.message)
    from_status = application.status
    if not is_allowed(from_status, to_status, role):
        raise TransitionError(
            _("Нельзя перевести заявку из статуса «%(from)s» в статус «%(to)s».")
            % {"from": Status(from_status).label, "to": Status(to_status).label},
            code="transition",
        )
    reason = (reason or "").strip()
    if to_status in REASON_REQUIRED and not by_applicant and not reason:
        raise TransitionError(_("Укажите причину: заявитель увидит её в личном кабинете."), code="reason")
    fields = {"status": to_status}
    if to_status in FINAL:
        fields["closed_at"] = timezone.now()
    bump_version(application, expected_version, **fields)
    StatusChange.objects.create(
        application=application, from_status=from_status, to_status=to_status, actor=actor, reason=reason
    )
    if notify_owner and not by_applicant:
        text = _("Статус заявки %(number)s: «%(status)s».") % {
            "number": application.number,
            "status": Status(to_status).label,
        }
        if reason:
            text += "\n" + _("Комментарий специалиста: %(reason)s") % {"reason": reason}
        # A completed application invites its applicant to rate the service (one answer per application).
        survey_url = get_adapter().quality_survey_url(application) if to_status == Status.COMPLETED else ""
        if survey_url:
            text += "\n" + _("Оцените, пожалуйста, качество услуги: %(url)s") % {
                "url": (app_settings.SITE_URL or "").rstrip("/") + survey_url
            }
        notify(
            user=application.owner,
            event="application_status_changed",
            context={
                "title": _("Заявка %(number)s: статус изменён") % {"number": application.number},
                "text": text,
                "survey_url": survey_url,
            },
            url=application.get_absolute_url(),
        )
    transaction.on_commit(
        lambda: signals.application_status_changed.send(
            sender=Application,
            application=application,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
        )
    )
    return application

"""Staff flows on appeals: status changes, assignment and the answer (keyword-only, atomic, logged)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lk_plugin.core.errors import TransitionError, bump_version
from lk_plugin.core.files import clean_filename
from lk_plugin.notifications.flows import notify
from lk_plugin.notifications.outbox import enqueue_email

from .models import APPEAL_TRANSITIONS, Appeal, AppealAttachment, AppealStatus

LOG_STATUS = "lk.appeal.status"
LOG_ANSWER = "lk.appeal.answer"
LOG_ASSIGN = "lk.appeal.assign"


def _bump(appeal: Appeal, expected_version: int | None, **fields) -> Appeal:
    return bump_version(
        appeal,
        expected_version,
        message=_("Обращение уже изменил другой сотрудник. Обновите страницу и повторите действие."),
        **fields,
    )


def _check(appeal: Appeal, to_status: str):
    if (appeal.status, to_status) not in APPEAL_TRANSITIONS:
        raise TransitionError(
            _("Нельзя перевести обращение из статуса «%(from)s» в статус «%(to)s».")
            % {"from": AppealStatus(appeal.status).label, "to": AppealStatus(to_status).label},
            code="transition",
        )


@transaction.atomic
def appeal_change_status(
    *, appeal: Appeal, to_status: str, actor, expected_version: int | None = None
) -> Appeal:
    from_status = appeal.status
    _check(appeal, to_status)
    _bump(appeal, expected_version, status=to_status)
    log(appeal, LOG_STATUS, user=actor, data={"from": from_status, "to": to_status})
    return appeal


@transaction.atomic
def appeal_assign(*, appeal: Appeal, assignee, actor, expected_version: int | None = None) -> Appeal:
    _bump(appeal, expected_version, assignee=assignee)
    log(appeal, LOG_ASSIGN, user=actor, data={"assignee_id": assignee.pk if assignee else None})
    return appeal


@transaction.atomic
def appeal_answer(
    *, appeal: Appeal, actor, text: str, files=(), close: bool = False, expected_version: int | None = None
) -> Appeal:
    """Answer the appeal (status «Дан ответ», or «Закрыто» with *close*) and tell the person."""
    text = (text or "").strip()
    if not text:
        raise TransitionError(_("Введите текст ответа."), code="empty")
    to_status = AppealStatus.CLOSED if close else AppealStatus.ANSWERED
    from_status = appeal.status
    _check(appeal, to_status)
    _bump(
        appeal,
        expected_version,
        status=to_status,
        answer_text=text,
        answered_at=timezone.now(),
        answered_by=actor,
    )
    for upload in files:
        AppealAttachment.objects.create(
            appeal=appeal,
            file=upload,
            original_name=clean_filename(upload.name),
            size=upload.size or 0,
            from_staff=True,
        )
    log(appeal, LOG_ANSWER, user=actor, data={"from": from_status, "to": to_status, "files": len(files)})
    context = {
        "title": _("Ответ на обращение %(number)s") % {"number": appeal.number},
        "text": text,
        "number": appeal.number,
    }
    if appeal.owner_id:
        notify(user=appeal.owner, event="appeal_answered", context=context, url=appeal.get_absolute_url())
    elif appeal.guest_email:
        enqueue_email(to=appeal.guest_email, event="appeal_answered", context={**context, "url": ""})
    return appeal

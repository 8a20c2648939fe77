"""Appeals from the cabinet and from the public site (guests)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin import signals
from lk_plugin.adapter import get_adapter
from lk_plugin.core.files import clean_filename, discard_files_on_error
from lk_plugin.core.numbering import next_value
from lk_plugin.core.retry import retry_on_conflict
from lk_plugin.notifications import outbox
from lk_plugin.notifications.flows import notify, notify_staff

from .models import Appeal, AppealAttachment


@dataclass(frozen=True)
class GuestContact:
    name: str
    email: str
    phone: str = ""


@retry_on_conflict
@discard_files_on_error()
@transaction.atomic
def appeal_submit(
    *,
    user,
    topic,
    text: str,
    application=None,
    files=(),
    guest: GuestContact | None = None,
    request_meta=None,
) -> Appeal:
    """Register an appeal: number ``{seq}/{topic_code}/ЛК``, answer due in 30 calendar days."""
    signed_in = user is not None and user.is_authenticated
    if not signed_in and guest is None:
        raise ValidationError(_("Укажите контактные данные."), code="guest")
    if not topic.is_active:
        raise ValidationError(_("Эта тема обращений больше не принимается."), code="topic")
    if application is not None and (not signed_in or application.owner_id != user.pk):
        raise ValidationError(_("Выберите одну из своих заявок."), code="application")
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Напишите текст обращения."), code="text")
    adapter = get_adapter()
    today = timezone.localdate()
    appeal = Appeal.objects.create(
        owner=user if signed_in else None,
        guest_name="" if signed_in else guest.name,
        guest_email="" if signed_in else guest.email,
        guest_phone="" if signed_in else guest.phone,
        topic=topic,
        about=application,
        text=text,
        number=adapter.get_appeal_number(seq=next_value("appeal"), topic=topic),
        due_date=adapter.get_appeal_due_date(today),
    )
    for upload in files:
        AppealAttachment.objects.create(
            appeal=appeal, file=upload, original_name=clean_filename(upload.name), size=upload.size or 0
        )
    context = {
        "title": _("Обращение %(number)s зарегистрировано") % {"number": appeal.number},
        "text": _("Тема: %(topic)s. Срок ответа — до %(due)s.")
        % {"topic": topic.title, "due": appeal.due_date.strftime("%d.%m.%Y")},
    }
    if signed_in:
        notify(user=user, event="appeal_submitted", context=context, url=appeal.get_absolute_url())
    elif guest.email:
        outbox.enqueue_email(
            to=guest.email, event="appeal_submitted", context={**context, "user_name": guest.name}
        )
    notify_staff(
        obj=appeal,
        event="staff_appeal_submitted",
        context={
            "title": _("Новое обращение %(number)s") % {"number": appeal.number},
            "text": _("Тема: %(topic)s. Срок ответа — до %(due)s.")
            % {"topic": topic.title, "due": appeal.due_date.strftime("%d.%m.%Y")},
        },
    )
    transaction.on_commit(
        lambda: signals.appeal_submitted.send(sender=Appeal, appeal=appeal, user=user if signed_in else None)
    )
    return appeal

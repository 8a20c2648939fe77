"""Threads and messages: the chat of an application or appeal, and free dialogs with the utility."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.core.files import clean_filename, discard_files_on_error
from lk_plugin.notifications.flows import notify, notify_staff

from .models import Message, MessageAttachment, Thread


def thread_url(thread: Thread) -> str:
    """Where the applicant reads this thread: the application or appeal page for its chat, else the thread page."""
    about = thread.about if thread.about_type_id else None
    if about is not None and hasattr(about, "get_absolute_url"):
        return about.get_absolute_url() + "#chat"
    return thread.get_absolute_url()


@transaction.atomic
def thread_about(obj, *, subject: str) -> Thread:
    """The one chat thread about *obj* (an application, an appeal: anything with an ``owner``), created on
    first use with *subject*."""
    thread = Thread.objects.about(obj).first()
    if thread is not None:
        return thread
    try:
        with transaction.atomic():
            return Thread.objects.create(owner=obj.owner, about=obj, subject=subject)
    except IntegrityError:  # created concurrently
        return Thread.objects.about(obj).get()


def thread_for_application(*, application) -> Thread:
    """The chat of an application: «Заявка 25-0001»."""
    return thread_about(
        application, subject=_("Заявка %(number)s") % {"number": application.number or application.pk}
    )


def thread_for_appeal(*, appeal) -> Thread:
    """The chat of an appeal: «Обращение 12/01/ЛК»."""
    return thread_about(appeal, subject=_("Обращение %(number)s") % {"number": appeal.number})


@discard_files_on_error()
@transaction.atomic
def message_post(*, thread: Thread, author, text: str, files=(), from_staff: bool = False) -> Message:
    """Post to *thread*; a staff message notifies the applicant (in-cabinet + their channels)."""
    text = (text or "").strip()
    if not text and not files:
        raise ValidationError(_("Напишите сообщение или приложите файл."), code="empty")
    if thread.is_closed and not from_staff:
        raise ValidationError(_("Диалог закрыт: начните новый."), code="closed")
    if not from_staff:  # each applicant message mails every specialist: LK_QUOTAS
        from lk_plugin.core.limits import consume_quota

        consume_quota(author, "chat_message")
        if files:
            consume_quota(author, "upload", len(files))
    now = timezone.now()
    message = Message.objects.create(
        thread=thread,
        author=author,
        from_staff=from_staff,
        text=text,
        # The author has read their own message.
        read_by_owner_at=None if from_staff else now,
        read_by_staff_at=now if from_staff else None,
    )
    for upload in files:
        MessageAttachment.objects.create(
            message=message, file=upload, original_name=clean_filename(upload.name), size=upload.size or 0
        )
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
    thread.last_message_at = now
    if from_staff:
        notify(
            user=thread.owner,
            event="message_received",
            context={
                "title": _("Новое сообщение: %(subject)s") % {"subject": thread.subject},
                "text": text or _("Специалист прислал файл."),
                "subject": thread.subject,
            },
            url=thread_url(thread),
        )
    else:
        notify_staff(
            obj=thread,
            event="staff_message_received",
            context={
                "title": _("Сообщение заявителя: %(subject)s") % {"subject": thread.subject},
                "text": text or _("Заявитель прислал файл."),
            },
        )
    return message


@discard_files_on_error()
@transaction.atomic
def dialog_create(*, user, subject: str, text: str, files=()) -> Thread:
    """«Создать диалог»: a free conversation with the utility on any subject."""
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError(_("Укажите тему диалога."), code="subject")
    thread = Thread.objects.create(owner=user, subject=subject[:255])
    message_post(thread=thread, author=user, text=text, files=files)
    return thread


def thread_mark_read(*, thread: Thread, user) -> int:
    """Mark the utility's messages in *thread* read by its owner; returns how many were unread."""
    if thread.owner_id != user.pk:
        return 0
    return Message.objects.filter(thread=thread, from_staff=True, read_by_owner_at__isnull=True).update(
        read_by_owner_at=timezone.now()
    )

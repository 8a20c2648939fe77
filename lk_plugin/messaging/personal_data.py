"""The person's dialogs in «Скачать мои данные»; free dialogs are deleted after consent withdrawal.

Chats of applications and appeals stay with them (they are part of the retained case).
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_eraser, register_labels, register_section


def _number(thread, label):
    return getattr(thread.about, "number", None) if thread.about_is(label) else None


def threads_section(user):
    from .models import Message, Thread

    threads = (
        Thread.objects.filter(owner=user)
        .prefetch_related("about")
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=Message.objects.order_by("created_at", "pk").prefetch_related("attachments"),
            )
        )
        .order_by("created_at", "pk")
    )
    rows = []
    for t in threads:
        rows.append(
            {
                "subject": t.subject,
                "application_number": _number(t, "lk_applications.application"),
                "appeal_number": _number(t, "lk_appeals.appeal"),
                "created_at": _dt(t.created_at),
                "thread_messages": [
                    {
                        "sent_at": _dt(m.created_at),
                        "from_staff": m.from_staff,
                        "text": m.text,
                        "attachments": ", ".join(f.original_name for f in m.attachments.all()),
                        "read_at": _dt(m.read_by_owner_at),
                    }
                    for m in t.messages.all()
                ],
            }
        )
    return rows


@transaction.atomic
def erase_free_dialogs(user):
    """Delete free dialogs (not tied to an application or appeal) with their messages; the files go
    after the commit (core/file_cleanup.py)."""
    from .models import Thread

    threads = Thread.objects.filter(owner=user, about_type__isnull=True)
    threads.delete()


def register():
    register_section(
        "messages",
        threads_section,
        title=_("Сообщения"),
        summary=("subject", "application_number", "appeal_number", "created_at", "thread_messages"),
    )
    register_eraser("free_dialogs", erase_free_dialogs)
    register_labels(
        {
            "subject": _("Тема"),
            "application_number": _("Заявка"),
            "appeal_number": _("Обращение"),
            "thread_messages": _("Сообщения"),
            "sent_at": _("Отправлено"),
            "from_staff": _("От организации"),
            "text": _("Текст"),
            "attachments": _("Вложения"),
            "read_at": _("Прочитано"),
        },
        nested={"thread_messages"},
    )

"""The person's appeals in «Скачать мои данные». Appeals are kept after consent withdrawal (Приказ №186)."""

from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_labels, register_section


def appeals_section(user):
    from .models import Appeal

    appeals = (
        Appeal.objects.filter(owner=user)
        .select_related("topic")
        .prefetch_related("attachments")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "number": a.number,
            "topic": str(a.topic.title) if a.topic_id else None,
            "text": a.text,
            "status_display": str(a.get_status_display()),
            "submitted_at": _dt(a.submitted_at),
            "due_date": a.due_date.isoformat() if a.due_date else None,
            "answer": a.answer_text,
            "answered_at": _dt(a.answered_at),
            "attachment_names": [
                {"name": f.original_name, "from_staff": f.from_staff} for f in a.attachments.all()
            ],
        }
        for a in appeals
    ]


def register():
    register_section(
        "appeals",
        appeals_section,
        title=_("Обращения"),
        summary=("number", "topic", "status_display", "submitted_at", "due_date", "answered_at"),
    )
    register_labels(
        {
            "number": _("Номер"),
            "topic": _("Тема"),
            "text": _("Текст"),
            "status_display": _("Статус"),
            "submitted_at": _("Направлено"),
            "due_date": _("Срок"),
            "answer": _("Ответ"),
            "answered_at": _("Дан ответ"),
            "attachment_names": _("Вложения"),
            "name": _("Имя файла"),
            "from_staff": _("От организации"),
        },
        nested={"attachment_names"},
    )

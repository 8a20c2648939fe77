"""The person's applications in «Скачать мои данные» and the destruction after consent withdrawal.

Submitted applications are kept (the utility must retain them under its contracts and Приказ №186);
only drafts are deleted with their files.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_eraser, register_labels, register_section


def _sections(application):
    from lk_plugin.formbuilder.display import application_sections

    lines = []
    for section in application_sections(application, documents=application.documents.all()):
        for field in section["fields"]:
            if field["value"] not in (None, ""):
                lines.append(f"{section['title']} — {field['label']}: {field['value']}")
    return lines


def applications_section(user):
    from .models import Application

    applications = (
        Application.objects.filter(owner=user)
        .select_related("kind", "form_version")
        .prefetch_related("documents", "history", "comments", "info_requests", "stage_documents")
        .order_by("created_at", "pk")
    )
    rows = []
    for a in applications:
        rows.append(
            {
                "number": a.number,
                "application_kind": str(a.kind.title) if a.kind_id else None,
                "status_display": str(a.get_status_display()),
                "created_at": _dt(a.created_at),
                "submitted_at": _dt(a.submitted_at),
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "closed_at": _dt(a.closed_at),
                "submitted_data": _sections(a),
                "document_names": [d.original_name for d in a.documents.all()],
                "status_history": [
                    {
                        "when": _dt(h.created_at),
                        "status_display": str(h.get_to_status_display()),
                        "reason": h.reason,
                    }
                    for h in sorted(a.history.all(), key=lambda h: (h.created_at, h.pk))
                ],
                # Public comments only: internal notes of the staff are not the applicant's data.
                "comments": [
                    {"when": _dt(c.created_at), "text": c.text}
                    for c in sorted(a.comments.all(), key=lambda c: (c.created_at, c.pk))
                    if not c.is_internal
                ],
                "info_requests": [
                    {
                        "when": _dt(r.created_at),
                        "request": r.message,
                        "answer": r.answer,
                        "answered_at": _dt(r.answered_at),
                    }
                    for r in sorted(a.info_requests.all(), key=lambda r: (r.created_at, r.pk))
                ],
                "stage_documents": [d.title for d in a.stage_documents.all()],
            }
        )
    return rows


@transaction.atomic
def erase_drafts(user):
    """Delete the person's drafts; submitted applications are kept. Their files go after the commit
    (core/file_cleanup.py removes the file of every deleted row)."""
    from lk_plugin.applications.statuses import Status

    from .models import Application

    drafts = Application.objects.filter(owner=user, status=Status.DRAFT)
    drafts.delete()


def register():
    register_section("applications", applications_section, title=_("Заявки"))
    register_eraser("application_drafts", erase_drafts)
    register_labels(
        {
            "number": _("Номер"),
            "application_kind": _("Вид заявки"),
            "status_display": _("Статус"),
            "submitted_at": _("Подана"),
            "due_date": _("Срок"),
            "closed_at": _("Закрыта"),
            "submitted_data": _("Сведения заявки"),
            "document_names": _("Документы"),
            "status_history": _("История статусов"),
            "when": _("Когда"),
            "reason": _("Причина"),
            "comments": _("Комментарии"),
            "text": _("Текст"),
            "info_requests": _("Запросы сведений"),
            "request": _("Запрос"),
            "answer": _("Ответ"),
            "answered_at": _("Дан ответ"),
            "stage_documents": _("Документы по этапам"),
        },
        nested={
            "submitted_data",
            "document_names",
            "status_history",
            "comments",
            "info_requests",
            "stage_documents",
        },
    )

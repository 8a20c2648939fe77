"""The person's applications in «Скачать мои данные» and the destruction after consent withdrawal.

Submitted applications are kept (the utility must retain them under its contracts and Приказ №186);
only drafts are deleted with their files.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_eraser, register_labels, register_section


def _sections(application, documents):
    from lk_plugin.formbuilder.display import application_sections

    lines = []
    for section in application_sections(application, documents=documents):
        for field in section["fields"]:
            if field["value"] not in (None, ""):
                lines.append(f"{section['title']} — {field['label']}: {field['value']}")
    return lines


def _by_application(queryset) -> dict:
    """{application id: [rows]} in the queryset's order."""
    grouped: dict = {}
    for row in queryset:
        grouped.setdefault(row.application_id, []).append(row)
    return grouped


def applications_section(user):
    from .models import (
        Application,
        ApplicationDocument,
        Comment,
        FormVersion,
        InfoRequest,
        StageDocument,
        StatusChange,
    )
    from .statuses import Status

    # One query per related table for all the person's applications, grouped here: a 500-application
    # export spent most of its time in the per-object prefetch machinery. Each form version (and its
    # schema) is read once, not once per application.
    applications = list(
        Application.objects.filter(owner=user).select_related("kind").order_by("created_at", "pk")
    )
    versions = FormVersion.objects.in_bulk({a.form_version_id for a in applications if a.form_version_id})
    mine = {"application__owner": user}
    documents = _by_application(ApplicationDocument.objects.filter(**mine))
    history = _by_application(StatusChange.objects.filter(**mine).order_by("created_at", "pk"))
    # Public comments only: internal notes of the staff are not the applicant's data.
    comments = _by_application(Comment.objects.filter(**mine, is_internal=False).order_by("created_at", "pk"))
    info_requests = _by_application(InfoRequest.objects.filter(**mine).order_by("created_at", "pk"))
    stage_documents = _by_application(StageDocument.objects.filter(**mine))
    status_labels = {value: str(label) for value, label in Status.choices}
    rows = []
    for a in applications:
        if a.form_version_id:
            a.form_version = versions.get(a.form_version_id)
        docs = documents.get(a.pk, [])
        rows.append(
            {
                "number": a.number,
                "application_kind": str(a.kind.title) if a.kind_id else None,
                "status_display": status_labels.get(a.status, a.status),
                "created_at": _dt(a.created_at),
                "submitted_at": _dt(a.submitted_at),
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "closed_at": _dt(a.closed_at),
                "submitted_data": _sections(a, docs),
                "document_names": [d.original_name for d in docs],
                "status_history": [
                    {
                        "when": _dt(h.created_at),
                        "status_display": status_labels.get(h.to_status, h.to_status),
                        "reason": h.reason,
                    }
                    for h in history.get(a.pk, [])
                ],
                "comments": [{"when": _dt(c.created_at), "text": c.text} for c in comments.get(a.pk, [])],
                "info_requests": [
                    {
                        "when": _dt(r.created_at),
                        "request": r.message,
                        "answer": r.answer,
                        "answered_at": _dt(r.answered_at),
                    }
                    for r in info_requests.get(a.pk, [])
                ],
                "stage_documents": [d.title for d in stage_documents.get(a.pk, [])],
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
    register_section(
        "applications",
        applications_section,
        title=_("Заявки"),
        summary=(
            "number",
            "application_kind",
            "status_display",
            "created_at",
            "submitted_at",
            "due_date",
            "closed_at",
        ),
    )
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

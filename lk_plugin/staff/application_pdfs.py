"""«PDF заявок (ZIP)» in the staff queue: the PDFs of the ticked applications — or of every application
the current filter shows — in one ZIP, built by a background job (lk_plugin.core.jobs) with the same
progress page, notification and owner-only download as the XLSX/CSV exports (staff/exports.py).

The request checks the permission, resolves the applications (at most ``LK_BULK_PDF_MAX``), records
each one in the personal-data access log as «Выгрузка» and starts the job; the job checks the
permission again and renders the PDFs one by one, reporting progress.
"""

import io
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from wagtail.permission_policies import ModelPermissionPolicy

from lk_plugin.app_settings import app_settings
from lk_plugin.applications.models import Application
from lk_plugin.applications.pdf import application_pdf_filename, render_application_pdf
from lk_plugin.core import jobs
from lk_plugin.core.models import PersonalDataAccessLog

from .audit import log_personal_data_access
from .exports import notify_owner, replay_index_view

KIND = "staff_application_pdfs"
PERMISSIONS = ["view", "change"]


def may_view_applications(user) -> bool:
    return ModelPermissionPolicy(Application).user_has_any_permission(user, PERMISSIONS)


def _selected_ids(request, viewset_class):
    """The applications the form names: the ticked ones (``scope=selected``) or every one the list's
    filters and search show (``scope=filter``); None (with a message) when there are none or too many."""
    cap = app_settings.BULK_PDF_MAX
    if request.POST.get("scope") == "filter":
        view = replay_index_view(viewset_class, request.user, request.POST.get("query", ""))
        ids = list(view.get_queryset().values_list("pk", flat=True)[: cap + 1])
    else:
        raw = request.POST.getlist("ids")
        wanted = {int(value) for value in raw if value.isdigit()}
        found = set(Application.objects.submitted().filter(pk__in=wanted).values_list("pk", flat=True))
        ids = [pk for pk in dict.fromkeys(int(v) for v in raw if v.isdigit()) if pk in found]
    if not ids:
        messages.error(
            request, gettext("Отметьте заявки, PDF которых нужно скачать, или выберите «все по фильтру».")
        )
        return None
    if len(ids) > cap:
        messages.error(
            request,
            ngettext(
                "За один раз можно скачать PDF не более %(cap)s заявки. Уточните фильтр или отметьте меньше заявок.",
                "За один раз можно скачать PDF не более %(cap)s заявок. Уточните фильтр или отметьте меньше заявок.",
                cap,
            )
            % {"cap": cap},
        )
        return None
    return ids


def start_view(viewset_class):
    """The queue's form posts here (``lk_application:pdf_zip``)."""

    def view(request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not may_view_applications(request.user):
            raise PermissionDenied
        query = request.POST.get("query", "")
        queue_url = reverse("lk_application:index") + (f"?{query}" if query else "")
        ids = _selected_ids(request, viewset_class)
        if ids is None:
            return redirect(queue_url)
        for application in Application.objects.filter(pk__in=ids).select_related("owner"):
            log_personal_data_access(
                user=request.user,
                subject=application.owner,
                obj=application,
                action=PersonalDataAccessLog.Action.EXPORT,
            )
        title = ngettext("PDF %(count)s заявки (ZIP)", "PDF %(count)s заявок (ZIP)", len(ids)) % {
            "count": len(ids)
        }
        job = jobs.start(kind=KIND, owner=request.user, params={"ids": ids}, title=title)
        return redirect("lk_staff_job", pk=job.pk)

    return view


def run_application_pdfs(job, progress):
    from lk_plugin.core.pdf import PDF_UNAVAILABLE_MESSAGE, PDFRenderError, background_time_limit

    if not may_view_applications(job.owner):
        raise PermissionDenied
    ids = [int(pk) for pk in job.params.get("ids", [])][: app_settings.BULK_PDF_MAX]
    by_pk = Application.objects.submitted().select_related("kind", "form_version", "owner").in_bulk(ids)
    applications = [by_pk[pk] for pk in ids if pk in by_pk]
    total = len(applications)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, application in enumerate(applications):
            progress(
                done,
                total,
                gettext("Формируем PDF: %(done)s из %(total)s") % {"done": done + 1, "total": total},
            )
            try:
                with background_time_limit():
                    content = render_application_pdf(application)
            except PDFRenderError as exc:
                raise jobs.JobError(
                    gettext("Заявка %(number)s: %(error)s")
                    % {"number": application.number, "error": PDF_UNAVAILABLE_MESSAGE}
                ) from exc
            archive.writestr(application_pdf_filename(application), content)
    return jobs.JobResult(
        content=buffer.getvalue(),
        filename=gettext("PDF заявок.zip"),
        message=ngettext("Готово: %(count)s PDF", "Готово: %(count)s PDF", total) % {"count": total},
    )


jobs.register(KIND, run_application_pdfs, on_done=notify_owner)

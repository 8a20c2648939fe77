"""Staff spreadsheets of large querysets as background jobs (lk_plugin.core.jobs).

The queue's «Скачать XLSX/CSV» does not build the file inside the request any more: it records the
export in the personal-data access log, starts a job with the list's filters and search, and opens
the job's page in the admin, where progress updates without reload and the file appears when ready.
The job rebuilds exactly the queryset the list shows (the same IndexView, filters, search and
ordering) for the person who asked, with their permissions checked again.
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lk_plugin.core import jobs
from lk_plugin.core.audit import log_personal_data_list

KIND = "staff_list_export"
CHUNK = 2000

#: Export name → the viewset class whose index view the job replays.
_EXPORTS: dict[str, object] = {}


def register_export(name: str, viewset_class) -> None:
    _EXPORTS[name] = viewset_class


class BackgroundExportMixin:
    """For a Wagtail IndexView with ``list_export``: export requests start a job."""

    #: The key the viewset is registered under with ``register_export``.
    background_export_name = ""

    def log_export(self):
        """Record who took the spreadsheet and with which filters (the personal-data access log)."""
        log_personal_data_list(
            user=self.request.user, model=self.model, query=self.request.GET.urlencode()[:200], export=True
        )

    def get(self, request, *args, **kwargs):
        if not (self.is_export and self.background_export_name):
            return super().get(request, *args, **kwargs)
        self.log_export()
        query = request.GET.copy()
        fmt = query.get("export")
        title = _("%(name)s (%(fmt)s)") % {"name": self.get_page_title(), "fmt": fmt.upper()}
        job = jobs.start(
            kind=KIND,
            owner=request.user,
            params={"export": self.background_export_name, "query": query.urlencode(), "fmt": fmt},
            title=title,
        )
        return redirect("lk_staff_job", pk=job.pk)


def replay_index_view(viewset_class, user, query: str):
    """*viewset_class*'s IndexView set up for *user* with the query string *query* (filters, search,
    ordering), with the user's permission checked again: the queryset the person saw in the list."""
    viewset = viewset_class()
    func = viewset.index_view
    view = func.view_class(**func.view_initkwargs)
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = user
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
    view.setup(request)
    if not view.permission_policy.user_has_any_permission(user, view.any_permission_required):
        raise PermissionDenied
    return view


def _replayed_view(job):
    """The list's IndexView set up for the job's owner with the saved query string."""
    return replay_index_view(_EXPORTS[job.params["export"]], job.owner, job.params.get("query", ""))


def write_spreadsheet(view, queryset, fmt, progress) -> bytes:
    """The rows of *queryset* as XLSX or CSV (Wagtail's formatting), reporting progress per chunk."""
    total = queryset.count()
    fields = list(view.list_export)
    headings = [view.get_heading(queryset, field) for field in fields]
    rows = queryset.iterator(chunk_size=CHUNK)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writerow(dict(zip(fields, headings, strict=True)))
        for done, item in enumerate(rows, start=1):
            view.write_csv_row(writer, view.to_row_dict(item))
            if done % CHUNK == 0:
                progress(
                    done,
                    total,
                    gettext("Строк записано: %(done)s из %(total)s") % {"done": done, "total": total},
                )
        return buffer.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook
    from wagtail.admin.views.mixins import ExcelDateFormatter

    workbook = Workbook(write_only=True, iso_dates=True)
    sheet = workbook.create_sheet(title="Sheet1")
    sheet.append(headings)
    date_format = ExcelDateFormatter().get()
    for done, item in enumerate(rows, start=1):
        sheet.append(view.generate_xlsx_row(sheet, view.to_row_dict(item), date_format=date_format))
        if done % CHUNK == 0:
            progress(
                done, total, gettext("Строк записано: %(done)s из %(total)s") % {"done": done, "total": total}
            )
    progress(99, 100, gettext("Сохраняем файл…"))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def run_list_export(job, progress):
    view = _replayed_view(job)
    fmt = job.params.get("fmt", "xlsx")
    progress(0, 100, gettext("Отбираем строки…"))
    content = write_spreadsheet(view, view.get_queryset(), fmt, progress)
    filename = f"{view.get_filename()}-{timezone.localtime():%Y-%m-%d-%H%M}.{fmt}"
    return jobs.JobResult(content=content, filename=filename, message=gettext("Файл готов"))


def notify_owner(job):
    from django.urls import reverse

    from lk_plugin.notifications.flows import notify

    notify(
        user=job.owner,
        event="job_finished",
        context={"title": gettext("Выгрузка готова: %(title)s") % {"title": job.title}, "text": ""},
        url=reverse("lk_staff_job", args=[job.pk]),
        channels=(),
    )


jobs.register(KIND, run_list_export, on_done=notify_owner)

"""«Скачать мои данные» as a background job: the request answers at once, the page shows progress,
a notification and a download link follow (lk_plugin.core.jobs)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lk_plugin.adapter import get_adapter
from lk_plugin.core import jobs, personal_data
from lk_plugin.core.limits import QuotaExceeded, consume_quota
from lk_plugin.core.models import Job

KIND = "personal_data_export"
FORMATS = {"json": _("Мои данные (JSON)"), "pdf": _("Мои данные (PDF)")}


def _filename(fmt):
    return f"my-data-{timezone.localdate():%Y-%m-%d}.{fmt}"


def render_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder).encode()


def render_pdf(user, data) -> bytes:
    from lk_plugin.core.pdf import PDF_UNAVAILABLE_MESSAGE, PDFRenderError, background_time_limit
    from lk_plugin.core.pdf import render_pdf as render

    try:
        with background_time_limit():
            return _render(render, user, data)
    except PDFRenderError as exc:
        raise jobs.JobError(PDF_UNAVAILABLE_MESSAGE) from exc


def _render(render, user, data):
    """A readable summary (profile, consents, one line per application, appeal and other record);
    the full data is the JSON export, embedded in the PDF as a file (the note at the top says so)."""
    json_name = _filename("json")
    return render(
        "lk_plugin/accounts/pdf/my_data.html",
        {
            "sections": personal_data.pdf_summary(data),
            "generated_at": personal_data.human_date(data["generated_at"]),
            "display_name": get_adapter().get_display_name(user),
            "json_name": json_name,
        },
        attachments={json_name: render_json(data)},
    )


def run_export(job, progress):
    fmt = job.params.get("fmt")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "pdf":
        # Counted here, where the PDF is rendered, not in the request that queues the job (one export
        # per person runs at a time: a second click reuses it). Over the quota: the Russian refusal.
        try:
            consume_quota(job.owner, "pdf")
        except QuotaExceeded as exc:
            raise jobs.JobError(exc.messages[0]) from exc
    # Collecting is most of a JSON export; for a PDF the rendering takes the second half.
    share = 90 if fmt == "json" else 40

    def on_section(done, total, title):
        progress(done * share, total * 100, gettext("Собираем сведения: %(section)s") % {"section": title})

    data = personal_data.collect(job.owner, on_section=on_section)
    if fmt == "json":
        content = render_json(data)
    else:
        progress(share, 100, gettext("Формируем PDF…"))
        content = render_pdf(job.owner, data)
    return jobs.JobResult(content=content, filename=_filename(fmt), message=gettext("Файл готов"))


def notify_owner(job):
    from lk_plugin.notifications.flows import notify

    notify(
        user=job.owner,
        event="job_finished",
        context={
            "title": gettext("Выгрузка готова: %(title)s") % {"title": job.title},
            "text": gettext("Файл можно скачать на странице настроек в течение нескольких дней."),
        },
        url=reverse("lk_accounts:settings") + "#my-data",
        channels=(),  # in the cabinet only: the person is waiting for it there
    )


def start_export(*, user, fmt) -> Job:
    """The person's export in *fmt*; the one already queued or running is reused (a second click
    does not start a second job)."""
    return jobs.start_once(kind=KIND, owner=user, params={"fmt": fmt}, title=FORMATS[fmt], same=("fmt",))


def recent_exports(user, limit=4):
    return list(jobs.for_owner(user).filter(kind=KIND)[:limit])


jobs.register(KIND, run_export, on_done=notify_owner)

"""PDF from HTML with WeasyPrint — the one place the project renders PDFs.

Safety (docs/security.md): the url_fetcher loads only our static files (and ``data:`` URLs), never
the network or the file system (SSRF); the HTML is bounded by ``LK_PDF_MAX_HTML_SIZE`` and rendering
by ``LK_PDF_TIME_LIMIT`` seconds (a SIGALRM timer where the render runs in a process's main thread,
as in gunicorn sync workers and Celery prefork workers; elsewhere Celery's task time limits apply).
"""

import functools
import logging
import mimetypes
import signal
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from lk_plugin.app_settings import app_settings

logger = logging.getLogger("lk_plugin.pdf")

#: Resources in the HTML are written as /static/<path>; WeasyPrint resolves them against this origin.
BASE_URL = "https://lk-static.invalid/"


class PDFRenderError(Exception):
    """The PDF was not rendered: input too large or rendering took longer than allowed."""


#: What the person sees when their PDF could not be made (page and API).
PDF_UNAVAILABLE_MESSAGE = gettext_lazy(
    "Не удалось сформировать PDF: документ слишком большой или сервер сейчас перегружен. "
    "Попробуйте ещё раз через несколько минут; если не получится — напишите нам."
)


def pdf_view(view):
    """A cabinet view that answers with a PDF: when rendering is refused (``PDFRenderError``) the
    person gets a page that says so, with a way back, and status 503 — not a server error."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        from .limits import QuotaExceeded, consume_quota

        try:
            consume_quota(request.user, "pdf")  # LK_QUOTAS["pdf"]: each render holds a worker
        except QuotaExceeded as exc:
            back = reverse("lk_cabinet:overview")
            return render(
                request,
                "lk_plugin/pdf_unavailable.html",
                {"message": exc.messages[0], "back": back},
                status=429,
            )
        try:
            return view(request, *args, **kwargs)
        except PDFRenderError as exc:
            logger.warning("PDF for %s not rendered: %s", request.path, exc)
            back = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
                back = reverse("lk_cabinet:overview")
            return render(
                request,
                "lk_plugin/pdf_unavailable.html",
                {"message": PDF_UNAVAILABLE_MESSAGE, "back": back},
                status=503,
            )

    return wrapper


def _static_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != "lk-static.invalid":
        return None
    static_url = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(static_url):
        return None
    relative = path[len(static_url) :]
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if found else None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_path(url)
            if path is None:
                raise ValueError(f"PDF rendering may only load our static files, not {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyURLFetcher


@contextmanager
def time_limit(seconds):
    """Raise PDFRenderError in the main thread after *seconds* (no-op in other threads or for 0)."""
    usable = (
        seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _expired(signum, frame):
        raise PDFRenderError(f"PDF rendering took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: A longer limit for renders in background jobs (``background_time_limit``); None: LK_PDF_TIME_LIMIT.
_job_time_limit: ContextVar[float | None] = ContextVar("lk_pdf_job_time_limit", default=None)


@contextmanager
def background_time_limit():
    """Inside a background job the person is not waiting on an HTTP worker: renders may take up to
    LK_JOB_PDF_TIME_LIMIT seconds (a 500-application personal-data export needs more than a minute)."""
    token = _job_time_limit.set(app_settings.JOB_PDF_TIME_LIMIT)
    try:
        yield
    finally:
        _job_time_limit.reset(token)


def render_html_pdf(html: str, *, attachments=None) -> bytes:
    """PDF bytes of *html*; resources as ``/static/<path>`` (``{% static %}``), nothing else loads.
    *attachments*: ``{filename: bytes}`` embedded as files in the PDF (e.g. the full data as JSON)."""
    from weasyprint import HTML, Attachment

    if len(html.encode()) > app_settings.PDF_MAX_HTML_SIZE:
        raise PDFRenderError("PDF input is larger than LK_PDF_MAX_HTML_SIZE")
    fetcher = _fetcher_class()(allowed_protocols={"https", "data"}, allow_redirects=False)
    limit = _job_time_limit.get()
    with time_limit(app_settings.PDF_TIME_LIMIT if limit is None else limit):
        files = [Attachment(string=content, name=name) for name, content in (attachments or {}).items()]
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(attachments=files)


def render_pdf(template_name: str, context: dict, *, attachments=None) -> bytes:
    """Render *template_name* with *context* to PDF bytes. Use ``{% static %}`` for images, CSS, fonts."""
    html = render_to_string(template_name, context)
    return render_html_pdf(html, attachments=attachments) if attachments else render_html_pdf(html)

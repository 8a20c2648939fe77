"""The application as a PDF (WeasyPrint): DejaVu fonts shipped with the package, and a url_fetcher
that serves only our own static files — nothing from the network or the file system otherwise."""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from lk_plugin.app_settings import app_settings
from lk_plugin.formbuilder.display import application_sections
from lk_plugin.notifications import attachments

#: Resources in the HTML are written as /static/<path>; WeasyPrint resolves them against this origin.
BASE_URL = "https://lk-pdf.invalid/"
STATIC_PREFIX = "/static/"


def _static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(STATIC_PREFIX):
                raise ValueError(f"PDF: refused to fetch {url}")
            relative = unquote(parts.path[len(STATIC_PREFIX) :])
            if ".." in relative.split("/"):
                raise ValueError(f"PDF: refused to fetch {url}")
            path = finders.find(relative)
            if not path:
                raise ValueError(f"PDF: no static file {relative}")
            with open(path, "rb") as handle:
                body = handle.read()
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return StaticOnlyFetcher


def render_html_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_static_fetcher_class()()).write_pdf()


def render_application_pdf(application) -> bytes:
    documents = [d for d in application.documents.all() if not d.slot.startswith("_")]
    context = {
        "application": application,
        "sections": application_sections(application, documents=documents),
        "utility_name": app_settings.UTILITY_NAME,
        "utility_phone": app_settings.UTILITY_PHONE,
        "logo": STATIC_PREFIX + app_settings.UTILITY_LOGO,
        "applicant": application.owner.lk_profile if hasattr(application.owner, "lk_profile") else None,
        "generated_at": timezone.localtime(),
    }
    return render_html_pdf(render_to_string("lk_plugin/applications/pdf.html", context))


@attachments.register("application_pdf")
def application_pdf_attachment(*, id):  # noqa: A002 - the outbox row's key
    from .models import Application

    application = Application.objects.select_related("kind", "form_version", "owner").get(pk=id)
    return (f"zayavka-{application.pk}.pdf", render_application_pdf(application), "application/pdf")

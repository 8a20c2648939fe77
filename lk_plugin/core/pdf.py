"""PDF from a Django template with WeasyPrint; only our static files (and data: URLs) may be fetched."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

BASE_URL = "https://lk-static.invalid/"


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


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render *template_name* with *context* to PDF bytes. Use ``{% static %}`` for images, CSS, fonts."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    fetcher = _fetcher_class()(allowed_protocols={"https", "data"}, allow_redirects=False)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()

"""/lk/widget.js: the embeddable login widget at a stable URL (no build step, no hashed name)."""

import hashlib
from functools import cache
from pathlib import Path

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

WIDGET_PATH = Path(__file__).resolve().parent.parent / "static" / "lk_plugin" / "widget" / "lk-widget.js"


@cache
def _widget_source() -> tuple[bytes, str]:
    content = WIDGET_PATH.read_bytes()
    return content, '"%s"' % hashlib.sha256(content).hexdigest()[:32]


@require_safe
def widget_js(request):
    content, etag = _widget_source()
    if request.headers.get("if-none-match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    # Hosts embed the URL as is: revalidate hourly so an upgrade reaches every page within the hour.
    patch_cache_control(response, public=True, max_age=3600)
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response

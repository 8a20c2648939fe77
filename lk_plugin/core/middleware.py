"""RequestOriginMiddleware: remembers the origin (scheme + host) of the request being served, so links
in mails and pages rendered during it point to the host the person is using — in development the
port ``runserver`` really listens on, not a configured ``http://127.0.0.1:8000``.

Only used when ``LK_SITE_URL_FROM_REQUEST`` is on (default: ``DEBUG``); production keeps the
configured ``LK_SITE_URL``. The host comes from ``request.get_host()``, so ALLOWED_HOSTS applies.
"""

from contextvars import ContextVar

from django.core.exceptions import DisallowedHost

_origin: ContextVar[str] = ContextVar("lk_request_origin", default="")


def current_origin() -> str:
    """``https://host[:port]`` of the request being served, or "" outside a request."""
    return _origin.get()


class RequestOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            origin = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            origin = ""
        token = _origin.set(origin)
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)

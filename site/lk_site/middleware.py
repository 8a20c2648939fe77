"""The host's CSP exception for Wagtail's admin, which renders inline scripts and previews pages in a
same-origin frame; the public site and the cabinet keep ``script-src 'self'`` and ``frame-ancestors 'none'``."""

ADMIN_PREFIX = "/admin/"


class AdminCSPMiddleware:
    """List it *after* ``csp.middleware.CSPMiddleware``: responses pass it first, so the policy that
    CSPMiddleware then builds includes the admin's additions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Wagtail renders a page preview through a dummy request to the page's own URL (is_dummy):
        # it is shown in the admin's same-origin frame too.
        if request.path.startswith(ADMIN_PREFIX) or getattr(request, "is_dummy", False):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response

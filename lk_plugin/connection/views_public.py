from django.shortcuts import render
from django.views.decorators.cache import never_cache

from lk_plugin.core.request_meta import client_ip

from .forms import StatusCheckForm
from .status_check import find_status, hit_limit


@never_cache
def status_check(request):
    """GET /lk/status/?number=…&phone_last4=…: the status and current stage, or one neutral answer."""
    form = StatusCheckForm(request.GET or None)
    result, not_found, limited = None, False, False
    if request.GET and form.is_valid():
        if hit_limit(client_ip(request)):
            limited = True
        else:
            result = find_status(form.cleaned_data["number"], form.cleaned_data["phone_last4"])
            not_found = result is None
    response = render(
        request,
        "lk_plugin/connection/status_check.html",
        {"form": form, "result": result, "not_found": not_found, "limited": limited},
        status=429 if limited else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lk_plugin.adapter import get_adapter


@login_required
def overview(request):
    return render(
        request,
        "lk_plugin/cabinet/overview.html",
        {"lk_active": "overview", "display_name": get_adapter().get_display_name(request.user)},
    )

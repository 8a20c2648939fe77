"""Baselines: the floor of the same stack, each next to the product scenario it is compared with."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lk_plugin.applications.models import Application
from lk_plugin.outages.addresses import parse_address
from lk_plugin.outages.models import Outage

from .models import BenchInsert

STATIC_PDF_HTML = Path(settings.BASE_DIR) / "var" / "bench" / "application.html"


@login_required
def base_one_query(request):
    """P1: base.html (site header, menu, login widget) and one query of the person's applications."""
    rows = list(Application.objects.filter(owner=request.user).order_by("-created_at")[:10])
    return render(request, "lk_bench/base_one_query.html", {"rows": rows})


@require_POST
def one_insert(request):
    """P4: the cheapest write a view can do."""
    BenchInsert.objects.create(label=request.POST.get("label", "")[:100])
    return HttpResponse("ok")


def static_pdf(request):
    """P5: WeasyPrint on the application's HTML saved as a file (same fetcher, fonts and CSS)."""
    from lk_plugin.applications.pdf import render_html_pdf

    content = render_html_pdf(STATIC_PDF_HTML.read_text(encoding="utf-8"))
    return HttpResponse(content, content_type="application/pdf")


def outage_one_query(request):
    """P6: one indexed query (street key + end time) rendered in base.html."""
    key, _number, _letter = parse_address(request.GET.get("q", ""))
    rows = list(Outage.objects.filter(street_key=key, ends_at__gt=timezone.now()).order_by("starts_at")[:300])
    return render(request, "lk_bench/outages.html", {"rows": rows})

"""Baselines: the floor of the same stack, each next to the product scenario it is compared with."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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


@login_required
@require_POST
def bare_post(request):
    """P8: a signed-in POST that does nothing and redirects (session, CSRF, auth: the same middleware)."""
    return redirect("/lk/settings/")


@login_required
@require_POST
def submit_floor(request, pk):
    """P4, for context (not a target): only the writes DESIGN §3 puts inside a submit transaction —
    the draft locked, a counter value, the application updated, history, consent, in-cabinet
    notification and one outbox row, one publish after commit — with no checks, no validation and no
    rendering. No implementation of the submit contract can be faster than this."""
    from lk_plugin.accounts.models import ConsentRecord
    from lk_plugin.applications.models import StatusChange
    from lk_plugin.core.numbering import next_value
    from lk_plugin.notifications.models import Notification, OutboxMessage
    from lk_plugin.notifications.tasks import send_outbox_messages

    with transaction.atomic():
        application = get_object_or_404(
            Application.objects.select_for_update(), pk=pk, owner=request.user, status="draft"
        )
        number = f"{next_value('bench:floor')}/floor"
        Application.objects.filter(pk=pk).update(
            status="submitted", number=number, submitted_at=timezone.now(), version=F("version") + 1
        )
        StatusChange.objects.create(
            application=application, from_status="draft", to_status="submitted", actor=request.user
        )
        ConsentRecord.objects.create(user=request.user, purpose="application", ip="127.0.0.1")
        Notification.objects.create(user=request.user, event="application_submitted", title=number, url="/")
        row = OutboxMessage.objects.create(
            channel="email",
            event="application_submitted",
            to=request.user.email,
            subject=number,
            body_text="-",
        )
        transaction.on_commit(lambda: send_outbox_messages.delay([row.pk]))
    return redirect(f"/lk/applications/{pk}/confirmation/")


def static_pdf(request):
    """P5: WeasyPrint on the application's HTML saved as a file (same fetcher, fonts and CSS)."""
    from lk_plugin.core.pdf import render_html_pdf

    content = render_html_pdf(STATIC_PDF_HTML.read_text(encoding="utf-8"))
    return HttpResponse(content, content_type="application/pdf")


def outage_one_query(request):
    """P6: one indexed query (street key + end time) rendered in base.html."""
    key, _number, _letter = parse_address(request.GET.get("q", ""))
    rows = list(Outage.objects.filter(street_key=key, ends_at__gt=timezone.now()).order_by("starts_at")[:300])
    return render(request, "lk_bench/outages.html", {"rows": rows})

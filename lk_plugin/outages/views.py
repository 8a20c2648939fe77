from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lk_plugin.core.files import bytes_response

from . import feeds, flows, selectors
from .forms import OutageFilterForm

FEED_LIMIT = 500


def _outages(request):
    form = OutageFilterForm(request.GET or None, districts=selectors.districts())
    return list(selectors.search_outages(form.to_filter())[:FEED_LIMIT])


@require_GET
def feed_ics(request):
    content = feeds.to_ics(_outages(request))
    return bytes_response(content, "otklyucheniya.ics", "text/calendar; charset=utf-8", private=False)


@require_GET
def feed_rss(request):
    return HttpResponse(
        feeds.to_rss(_outages(request), link=selectors.schedule_page_url()),
        content_type="application/rss+xml; charset=utf-8",
    )


@require_GET
def feed_json(request):
    return JsonResponse(feeds.to_json(_outages(request)), json_dumps_params={"ensure_ascii": False})


def subscription_confirm(request, token):
    subscription = flows.outage_subscription_confirm(token=token)
    return render(
        request,
        "lk_plugin/outages/subscription_result.html",
        {"subscription": subscription, "action": "confirm", "schedule_url": selectors.schedule_page_url()},
        status=200 if subscription else 400,
    )


def unsubscribe(request, token):
    """GET shows a button (mail scanners follow links), POST removes the subscription."""
    if request.method == "POST":
        subscription = flows.outage_unsubscribe(token=token)
        if subscription is None:
            messages.error(request, _("Ссылка недействительна или подписка уже отменена."))
        return render(
            request,
            "lk_plugin/outages/subscription_result.html",
            {
                "subscription": subscription,
                "action": "unsubscribed",
                "schedule_url": selectors.schedule_page_url(),
            },
        )
    return render(
        request,
        "lk_plugin/outages/subscription_result.html",
        {"action": "unsubscribe", "token": token, "schedule_url": selectors.schedule_page_url()},
    )

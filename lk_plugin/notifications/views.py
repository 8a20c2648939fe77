from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lk_plugin.app_settings import app_settings

from . import selectors
from .flows import notifications_mark_read
from .models import Notification


@login_required
def notification_list(request):
    only_unread = request.GET.get("unread") == "1"
    qs = selectors.notifications_for(request.user)
    if only_unread:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, app_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "lk_plugin/notifications/list.html",
        {"lk_active": "notifications", "page_obj": page, "only_unread": only_unread},
    )


@login_required
def notification_open(request, pk):
    """Mark one notification read and go where it points."""
    notification = get_object_or_404(Notification.objects.filter(user=request.user), pk=pk)
    if notification.read_at is None:
        notifications_mark_read(user=request.user, pk=notification.pk)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("lk_notifications:list")


@login_required
@require_POST
def notification_mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.filter(user=request.user), pk=pk)
    notifications_mark_read(user=request.user, pk=notification.pk)
    return redirect(reverse("lk_notifications:list"))


@login_required
@require_POST
def notification_mark_all_read(request):
    notifications_mark_read(user=request.user)
    return redirect(reverse("lk_notifications:list"))

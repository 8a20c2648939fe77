from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings
from lk_plugin.core.files import add_flow_error, download
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.messaging import flows as messaging_flows
from lk_plugin.messaging.forms import MessageForm
from lk_plugin.messaging.selectors import thread_messages
from lk_plugin.messaging.views import post_chat_message
from lk_plugin.notifications.flows import notifications_mark_read

from . import flows, selectors
from .forms import AppealForm
from .models import Appeal
from .selectors import TABS


@login_required
def appeal_list(request):
    tab = request.GET.get("tab") or "all"
    if tab not in TABS:
        tab = "all"
    qs = selectors.appeals_for_list(request.user, tab=tab)
    page = Paginator(qs, app_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    tabs = [{"key": key, "label": label, "active": key == tab} for key, (label, _s) in TABS.items()]
    return render(
        request, "lk_plugin/appeals/list.html", {"lk_active": "appeals", "page_obj": page, "tabs": tabs}
    )


def submit_appeal_form(request, form, *, guest=None):
    """Shared by the cabinet view and the public AppealFormPage: returns the appeal or None."""
    if not form.is_valid():
        return None
    try:
        return flows.appeal_submit(
            user=request.user,
            topic=form.cleaned_data["topic"],
            text=form.cleaned_data["text"],
            application=form.cleaned_data.get("application"),
            files=form.cleaned_data["files"],
            guest=guest,
            request_meta=RequestMeta.from_request(request),
        )
    except ValidationError as exc:
        add_flow_error(form, exc)
        return None


@login_required
def appeal_new(request):
    initial = {}
    if request.GET.get("application", "").isdigit():
        initial["application"] = int(request.GET["application"])
    form = AppealForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST":
        appeal = submit_appeal_form(request, form)
        if appeal is not None:
            messages.success(
                request,
                _("Обращение %(number)s направлено. Ответ — до %(due)s.")
                % {"number": appeal.number, "due": appeal.due_date.strftime("%d.%m.%Y")},
            )
            return redirect(appeal.get_absolute_url())
    return render(request, "lk_plugin/appeals/new.html", {"lk_active": "appeals", "form": form})


def _owned(request, pk):
    return get_object_or_404(
        Appeal.objects.owned_by(request.user).select_related("topic").prefetch_related("about"), pk=pk
    )


def _render_detail(request, appeal, chat_form=None):
    attachments = list(appeal.attachments.all())
    thread = appeal.threads.first() if hasattr(appeal, "threads") else None
    if thread is not None:
        messaging_flows.thread_mark_read(thread=thread, user=request.user)
    return render(
        request,
        "lk_plugin/appeals/detail.html",
        {
            "lk_active": "appeals",
            "appeal": appeal,
            "my_files": [a for a in attachments if not a.from_staff],
            "answer_files": [a for a in attachments if a.from_staff],
            "has_chat": hasattr(appeal, "threads"),  # lk_plugin.messaging is installed
            "thread": thread,
            "chat_messages": thread_messages(thread) if thread else [],
            "chat_form": (chat_form or MessageForm()) if hasattr(appeal, "threads") else None,
            "chat_action": reverse("lk_appeals:chat", args=[appeal.pk]) if hasattr(appeal, "threads") else "",
        },
    )


@login_required
def appeal_detail(request, pk):
    appeal = _owned(request, pk)
    notifications_mark_read(user=request.user, url_prefix=appeal.get_absolute_url())
    return _render_detail(request, appeal)


@login_required
def appeal_chat(request, pk):
    """Correspondence about an appeal (its thread is created with the first message)."""
    appeal = _owned(request, pk)
    if request.method != "POST":
        return redirect(appeal.get_absolute_url() + "#chat")
    form, sent = post_chat_message(
        request,
        thread=lambda: messaging_flows.thread_for_appeal(appeal=appeal),
        success_url=appeal.get_absolute_url() + "#chat",
    )
    return sent or _render_detail(request, appeal, chat_form=form)


@login_required
def attachment_download(request, pk, file_pk):
    return download(selectors.appeal_files_of(request.user, pk), file_pk)

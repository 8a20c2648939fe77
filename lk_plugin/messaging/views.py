from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings
from lk_plugin.core.files import add_flow_error, download

from . import flows, selectors
from .forms import DialogForm, MessageForm
from .models import Thread


def post_chat_message(request, *, thread, success_url, refused=""):
    """The POST of a chat form (a dialog, an application's or an appeal's chat): the message and its
    files through ``flows.message_post``. Returns ``(form, response)``: a redirect to *success_url*
    once sent, else ``None`` and the bound form with its errors at their fields (what was typed is
    kept). *thread* may be a callable — the thread is then created only for a valid message;
    *refused* is a reason the message cannot be sent at all."""
    form = MessageForm(request.POST, request.FILES)
    if refused:
        form.add_error(None, refused)
    if form.is_valid():
        try:
            flows.message_post(
                thread=thread() if callable(thread) else thread,
                author=request.user,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            add_flow_error(form, exc)
        else:
            messages.success(request, _("Сообщение отправлено."))
            return form, redirect(success_url)
    return form, None


@login_required
def thread_list(request):
    page = Paginator(selectors.threads_for_user(request.user), app_settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "lk_plugin/messaging/list.html", {"lk_active": "messages", "page_obj": page})


@login_required
def dialog_new(request):
    form = DialogForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = flows.dialog_create(
                user=request.user,
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            add_flow_error(form, exc)
        else:
            messages.success(request, _("Диалог создан, специалист ответит здесь."))
            return redirect(thread.get_absolute_url())
    return render(request, "lk_plugin/messaging/new.html", {"lk_active": "messages", "form": form})


@login_required
def thread_detail(request, pk):
    thread = get_object_or_404(Thread.objects.owned_by(request.user).prefetch_related("about"), pk=pk)
    form = MessageForm()
    if request.method == "POST":
        form, sent = post_chat_message(
            request, thread=thread, success_url=thread.get_absolute_url() + "#last"
        )
        if sent:
            return sent
    flows.thread_mark_read(thread=thread, user=request.user)
    return render(
        request,
        "lk_plugin/messaging/thread.html",
        {
            "lk_active": "messages",
            "thread": thread,
            "chat_messages": selectors.thread_messages(thread),
            "form": form,
        },
    )


@login_required
def attachment_download(request, pk, att_pk):
    return download(selectors.message_files_of(request.user, pk), att_pk)

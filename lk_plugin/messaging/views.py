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
    thread = get_object_or_404(Thread.objects.owned_by(request.user).select_related("application"), pk=pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            flows.message_post(
                thread=thread,
                author=request.user,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            add_flow_error(form, exc)
        else:
            messages.success(request, _("Сообщение отправлено."))
            return redirect(thread.get_absolute_url() + "#last")
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

"""The applicant's applications in the cabinet: list with tabs, detail, withdraw, answer, chat, files."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.core.files import add_flow_error, download
from lk_plugin.formbuilder.display import DOCUMENT_TYPES, application_sections
from lk_plugin.messaging import flows as messaging_flows
from lk_plugin.messaging.forms import MessageForm
from lk_plugin.messaging.selectors import thread_messages
from lk_plugin.messaging.views import post_chat_message
from lk_plugin.notifications.flows import notifications_mark_read

from . import selectors
from .flows import ConflictError
from .flows import applicant as applicant_flows
from .forms_cabinet import RespondForm
from .models import Application
from .panels import render_detail_panels
from .statuses import APPLICANT, TABS, Status, is_allowed


def messaging_installed() -> bool:
    """The chat section exists only with lk_plugin.messaging."""
    return apps.is_installed("lk_plugin.messaging")


def _thread(application):
    """The application's chat, or None (none yet, or no lk_plugin.messaging)."""
    return application.threads.first() if messaging_installed() else None


def _owned(request, pk):
    return get_object_or_404(Application.objects.owned_by(request.user), pk=pk)


def _reverse_or_empty(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@login_required
def application_list(request):
    tab = request.GET.get("tab") or "all"
    if tab not in TABS:
        tab = "all"
    query = request.GET.get("q", "").strip()[:100]
    qs = selectors.applications_for_list(request.user, tab=tab, query=query)
    page = Paginator(qs, app_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    adapter = get_adapter()
    for application in page.object_list:
        application.continue_url = adapter.application_draft_url(application) if application.is_draft else ""
    tabs = [{"key": key, "label": label, "active": key == tab} for key, (label, _s) in TABS.items()]
    # "Все" last, the way the manuals show the tabs.
    tabs.sort(key=lambda t: t["key"] == "all")
    if query:  # a search covers every tab: none is the current one
        for t in tabs:
            t["active"] = False
    return render(
        request,
        "lk_plugin/applications/list.html",
        {
            "lk_active": "applications",
            "page_obj": page,
            "tabs": tabs,
            "tab": tab,
            "query": query,
            "search_hits": selectors.search_hits_by_tab(request.user, query) if query else [],
        },
    )


def _detail_context(request, application, *, respond_form=None, chat_form=None):
    documents = list(application.documents.all())
    sections = application_sections(application, documents=documents)
    schema_slots = {
        field.get("name")
        for step in (application.form_version.schema if application.form_version_id else {}).get("steps", [])
        for field in step.get("fields", [])
        if field.get("type") in DOCUMENT_TYPES
    }
    extra_documents = [doc for doc in documents if doc.slot not in schema_slots]
    thread = _thread(application)
    info_request = None
    if application.status == Status.NEEDS_INFO:
        info_request = applicant_flows.shown_info_request(application)
    stage_groups: dict = {}
    for doc in application.stage_documents.all():
        stage_groups.setdefault(doc.get_stage_display(), []).append(doc)
    return {
        "lk_active": "applications",
        "application": application,
        "sections": sections,
        "extra_documents": extra_documents,
        "document_downloads": bool(_reverse_or_empty("lk_applications:document", application.pk, 0)),
        "pdf_url": "" if application.is_draft else _reverse_or_empty("lk_applications:pdf", application.pk),
        "history": application.history.all(),
        "comments": application.public_comments,
        "stage_groups": stage_groups,
        "info_request": info_request,
        "respond_form": respond_form or RespondForm(),
        "can_respond": application.status == Status.NEEDS_INFO,
        "can_withdraw": is_allowed(application.status, Status.WITHDRAWN, APPLICANT),
        "continue_url": get_adapter().application_draft_url(application) if application.is_draft else "",
        "has_chat": messaging_installed(),
        "thread": thread,
        "chat_messages": thread_messages(thread) if thread else [],
        "chat_form": (chat_form or MessageForm()) if messaging_installed() else None,
        "chat_action": _reverse_or_empty("lk_applications:chat", application.pk),
        "extra_panels": render_detail_panels(request, application),
    }


@login_required
def application_detail(request, pk):
    application = selectors.application_for_detail(request.user, pk).first()
    if application is None:
        raise Http404
    thread = _thread(application)
    if thread is not None:
        messaging_flows.thread_mark_read(thread=thread, user=request.user)
    notifications_mark_read(user=request.user, url_prefix=application.get_absolute_url())
    return render(request, "lk_plugin/applications/detail.html", _detail_context(request, application))


def _render_detail_with(request, pk, **forms):
    application = selectors.application_for_detail(request.user, pk).first()
    return render(
        request, "lk_plugin/applications/detail.html", _detail_context(request, application, **forms)
    )


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _owned(request, pk)
    try:
        applicant_flows.application_withdraw(application=application, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ConflictError:
        messages.error(request, _("Заявку только что изменил специалист. Проверьте её статус и повторите."))
    else:
        messages.success(request, _("Заявка %(number)s отозвана.") % {"number": application.number})
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def application_delete_draft(request, pk):
    application = _owned(request, pk)
    try:
        applicant_flows.application_delete_draft(application=application, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(application.get_absolute_url())
    messages.success(request, _("Черновик удалён."))
    return redirect(reverse("lk_applications:list") + "?tab=drafts")


@login_required
def application_respond(request, pk):
    application = _owned(request, pk)
    if request.method != "POST":
        return redirect(application.get_absolute_url() + "#respond")
    form = RespondForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            applicant_flows.application_respond(
                application=application,
                user=request.user,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as exc:
            add_flow_error(form, exc)
        except ConflictError:
            form.add_error(None, _("Заявку только что изменил специалист. Обновите страницу и повторите."))
        else:
            messages.success(request, _("Ответ отправлен, заявка снова у специалиста."))
            return redirect(application.get_absolute_url())
    return _render_detail_with(request, pk, respond_form=form)


@login_required
def application_chat(request, pk):
    application = _owned(request, pk)
    if request.method != "POST":
        return redirect(application.get_absolute_url() + "#chat")
    form, sent = post_chat_message(
        request,
        thread=lambda: messaging_flows.thread_for_application(application=application),
        success_url=application.get_absolute_url() + "#chat",
        refused=_("Чат по заявке доступен после её отправки.") if application.is_draft else "",
    )
    return sent or _render_detail_with(request, pk, chat_form=form)


@login_required
def stage_document_download(request, pk, doc_pk):
    return download(selectors.stage_documents_of(request.user, pk), doc_pk)


@login_required
def comment_file_download(request, pk, file_pk):
    return download(selectors.public_comment_files_of(request.user, pk), file_pk)

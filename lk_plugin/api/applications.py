"""The applicant's applications: list with the cabinet's tabs, detail, history, comments, files, PDF,
withdraw, answer to a request for information, the application's chat."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile
from ninja import Status as Reply

from lk_plugin.applications import selectors
from lk_plugin.applications.flows import applicant as applicant_flows
from lk_plugin.applications.forms_cabinet import RespondForm
from lk_plugin.applications.models import Application
from lk_plugin.applications.statuses import APPLICANT, TABS, Status, is_allowed
from lk_plugin.core.files import download
from lk_plugin.formbuilder.display import DOCUMENT_TYPES, application_sections
from lk_plugin.messaging import flows as messaging_flows
from lk_plugin.messaging.forms import MessageForm
from lk_plugin.messaging.models import Thread

from .common import FILE_OPENAPI, FileOut, Id, clean_text, file_out
from .errors import ApiError, ErrorOut, form_error, responses
from .messages import MessageOut, message_out, messages_of
from .pagination import PageMeta, PageQuery, paginate

router = Router(tags=["applications"])


class ApplicationItemOut(Schema):
    id: int
    number: str | None
    status: str
    status_display: str
    kind: str
    kind_title: str
    form_id: int | None
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    due_date: dt.date | None
    last_comment: str | None


class TabOut(Schema):
    key: str
    label: str
    count: int


class ApplicationListOut(PageMeta):
    items: list[ApplicationItemOut]
    tabs: list[TabOut]


class ListQuery(PageQuery):
    tab: str = Field("all", description="Вкладка: " + ", ".join(TABS))
    q: str = Field("", max_length=100, description="Поиск по номеру")


class SectionFieldOut(Schema):
    name: str
    label: str
    type: str
    value: str


class SectionDocumentsOut(Schema):
    name: str
    label: str
    files: list[FileOut]


class SectionOut(Schema):
    key: str
    title: str
    fields: list[SectionFieldOut]
    documents: list[SectionDocumentsOut]


class InfoRequestOut(Schema):
    message: str
    items: list
    created_at: dt.datetime


class ApplicationDetailOut(ApplicationItemOut):
    sections: list[SectionOut]
    extra_documents: list[FileOut]
    info_request: InfoRequestOut | None
    can_withdraw: bool
    can_respond: bool
    thread_id: int | None


class HistoryOut(Schema):
    from_status: str
    from_status_display: str
    to_status: str
    to_status_display: str
    reason: str
    created_at: dt.datetime


class CommentOut(Schema):
    id: int
    text: str
    created_at: dt.datetime
    files: list[FileOut]


class StageDocumentOut(FileOut):
    stage: str
    stage_display: str
    title: str
    published_at: dt.datetime


def item_out(application) -> dict:
    return {
        "id": application.pk,
        "number": application.number,
        "status": application.status,
        "status_display": str(application.get_status_display()),
        "kind": application.kind.code,
        "kind_title": application.kind.title,
        "form_id": application.form_page_id,
        "created_at": application.created_at,
        "submitted_at": application.submitted_at,
        "due_date": application.due_date,
        "last_comment": getattr(application, "last_comment_text", None),
    }


def _owned(request, pk) -> Application:
    return get_object_or_404(Application.objects.owned_by(request.user).select_related("kind"), pk=pk)


@router.get("/", response=responses(200, ApplicationListOut), summary="Мои заявки")
def application_list(request, query: Query[ListQuery]):
    tab = query.tab if query.tab in TABS else "all"
    qs = selectors.applications_for_list(request.user, tab=tab, query=clean_text(query.q, 100))
    items, meta = paginate(qs, query)
    counts = selectors.tab_counts(request.user)
    tabs = [{"key": key, "label": str(label), "count": counts[key]} for key, (label, _s) in TABS.items()]
    return {**meta, "items": [item_out(a) for a in items], "tabs": tabs}


@router.get("/{application_id}/", response=responses(200, ApplicationDetailOut), summary="Заявка")
def application_detail(request, application_id: Id):
    application = selectors.application_for_detail(request.user, application_id).first()
    if application is None:
        raise Http404
    documents = list(application.documents.all())
    sections = application_sections(application, documents=documents)
    schema = application.form_version.schema if application.form_version_id else {}
    schema_slots = {
        spec.get("name")
        for step in schema.get("steps", [])
        for spec in step.get("fields", [])
        if spec.get("type") in DOCUMENT_TYPES
    }
    info_request = None
    if application.status == Status.NEEDS_INFO:
        request_row = applicant_flows.shown_info_request(application)
        if request_row is not None:
            info_request = {
                "message": request_row.message,
                "items": request_row.items or [],
                "created_at": request_row.created_at,
            }
    thread = Thread.objects.about(application).only("pk").first()
    return {
        **item_out(application),
        "sections": [
            {
                **section,
                "fields": section["fields"],
                "documents": [
                    {"name": d["name"], "label": d["label"], "files": [file_out(f) for f in d["files"]]}
                    for d in section["documents"]
                ],
            }
            for section in sections
        ],
        "extra_documents": [file_out(d) for d in documents if d.slot not in schema_slots],
        "info_request": info_request,
        "can_withdraw": is_allowed(application.status, Status.WITHDRAWN, APPLICANT),
        "can_respond": application.status == Status.NEEDS_INFO,
        "thread_id": thread.pk if thread else None,
    }


@router.get(
    "/{application_id}/history/", response=responses(200, list[HistoryOut]), summary="История статусов"
)
def application_history(request, application_id: Id):
    application = _owned(request, application_id)
    return [
        {
            "from_status": change.from_status,
            "from_status_display": str(change.get_from_status_display()) if change.from_status else "",
            "to_status": change.to_status,
            "to_status_display": str(change.get_to_status_display()),
            "reason": change.reason,
            "created_at": change.created_at,
        }
        for change in application.history.all()
    ]


@router.get(
    "/{application_id}/comments/",
    response=responses(200, list[CommentOut]),
    summary="Комментарии специалиста",
)
def application_comments(request, application_id: Id):
    application = _owned(request, application_id)
    comments = (
        selectors.public_comments()
        .filter(application=application)
        .prefetch_related("files")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": c.pk,
            "text": c.text,
            "created_at": c.created_at,
            "files": [file_out(f) for f in c.files.all()],
        }
        for c in comments
    ]


@router.get(
    "/{application_id}/comment-files/{file_id}/",
    response=responses(200, None),
    openapi_extra=FILE_OPENAPI,
    summary="Файл комментария",
)
def application_comment_file(request, application_id: Id, file_id: Id):
    return download(selectors.public_comment_files_of(request.user, application_id), file_id)


@router.get(
    "/{application_id}/stage-documents/",
    response=responses(200, list[StageDocumentOut]),
    summary="Документы по этапам",
)
def application_stage_documents(request, application_id: Id):
    application = _owned(request, application_id)
    return [
        file_out(d)
        | {
            "stage": d.stage,
            "stage_display": str(d.get_stage_display()),
            "title": d.title,
            "published_at": d.published_at,
        }
        for d in application.stage_documents.all()
    ]


@router.get(
    "/{application_id}/stage-documents/{document_id}/",
    response=responses(200, None),
    openapi_extra=FILE_OPENAPI,
    summary="Скачать документ этапа",
)
def application_stage_document_file(request, application_id: Id, document_id: Id):
    return download(selectors.stage_documents_of(request.user, application_id), document_id)


@router.get(
    "/{application_id}/documents/{document_id}/",
    response=responses(200, None),
    openapi_extra=FILE_OPENAPI,
    summary="Скачать документ заявки",
)
def application_document_file(request, application_id: Id, document_id: Id):
    return download(_owned(request, application_id).documents.all(), document_id)


@router.get(
    "/{application_id}/pdf/",
    response=responses((200, None), (429, ErrorOut), (503, ErrorOut)),  # 429: quota; 503: render refused
    openapi_extra=FILE_OPENAPI,
    summary="Заявка в PDF",
)
def application_pdf(request, application_id: Id):
    from lk_plugin.applications.pdf import application_pdf_filename, render_application_pdf
    from lk_plugin.core.files import bytes_response
    from lk_plugin.core.limits import consume_quota

    application = get_object_or_404(
        Application.objects.owned_by(request.user).select_related("kind", "form_version"), pk=application_id
    )
    if application.is_draft:
        raise ApiError(400, _("PDF доступен после подачи заявки."), "not_submitted")
    consume_quota(request.user, "pdf")  # 429 when over LK_QUOTAS["pdf"]
    content = render_application_pdf(application)
    return bytes_response(content, application_pdf_filename(application), "application/pdf")


@router.post(
    "/{application_id}/withdraw/", response=responses(200, ApplicationItemOut), summary="Отозвать заявку"
)
def application_withdraw(request, application_id: Id):
    application = _owned(request, application_id)
    application = applicant_flows.application_withdraw(application=application, user=request.user)
    return item_out(application)


@router.post(
    "/{application_id}/respond/",
    response=responses(200, ApplicationItemOut),
    summary="Ответить на запрос сведений",
)
def application_respond(
    request, application_id: Id, text: Form[str] = "", files: File[list[UploadedFile]] = None
):
    application = _owned(request, application_id)
    form = RespondForm({"text": text}, {"files": files or []})
    if not form.is_valid():
        raise form_error(form)
    application = applicant_flows.application_respond(
        application=application,
        user=request.user,
        text=form.cleaned_data["text"],
        files=form.cleaned_data["files"],
    )
    return item_out(application)


@router.get("/{application_id}/messages/", response=responses(200, list[MessageOut]), summary="Чат по заявке")
def application_messages(request, application_id: Id):
    application = _owned(request, application_id)
    thread = Thread.objects.about(application).first()
    if thread is None:
        return []
    messaging_flows.thread_mark_read(thread=thread, user=request.user)
    return messages_of(thread)


@router.post(
    "/{application_id}/messages/", response=responses(201, MessageOut), summary="Написать в чат по заявке"
)
def application_message_post(
    request, application_id: Id, text: Form[str] = "", files: File[list[UploadedFile]] = None
):
    application = _owned(request, application_id)
    if application.is_draft:
        message = _("Чат по заявке доступен после её отправки.")
        raise ApiError(400, message, "draft", {"__all__": [message]})
    form = MessageForm({"text": text}, {"files": files or []})
    if not form.is_valid():
        raise form_error(form)
    thread = messaging_flows.thread_for_application(application=application)
    message = messaging_flows.message_post(
        thread=thread, author=request.user, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
    )
    return Reply(201, message_out(message))

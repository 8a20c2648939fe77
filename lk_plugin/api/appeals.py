"""Appeals: list with the cabinet's tabs, topics, create (the cabinet's form and flow), detail, chat."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from lk_plugin.appeals.forms import AppealForm
from lk_plugin.appeals.models import Appeal, AppealTopic
from lk_plugin.appeals.selectors import TABS, appeal_files_of, appeals_for_list
from lk_plugin.appeals.views import submit_appeal_form
from lk_plugin.core.files import download
from lk_plugin.messaging import flows as messaging_flows
from lk_plugin.messaging.forms import MessageForm

from .common import FILE_OPENAPI, FileOut, Id, file_out
from .errors import form_error, responses
from .messages import MessageOut, message_out, messages_of
from .pagination import PageMeta, PageQuery, paginate

router = Router(tags=["appeals"])


class TopicOut(Schema):
    id: int
    code: str
    title: str


class AppealItemOut(Schema):
    id: int
    number: str
    status: str
    status_display: str
    topic: TopicOut
    application_id: int | None
    submitted_at: dt.datetime
    due_date: dt.date


class AppealListOut(PageMeta):
    items: list[AppealItemOut]


class AppealDetailOut(AppealItemOut):
    text: str
    answer_text: str
    answered_at: dt.datetime | None
    files: list[FileOut]
    answer_files: list[FileOut]
    thread_id: int | None


class AppealListQuery(PageQuery):
    tab: str = Field("all", description="Вкладка: " + ", ".join(TABS))


def _topic(topic) -> dict:
    return {"id": topic.pk, "code": topic.code, "title": topic.title}


def item_out(appeal) -> dict:
    return {
        "id": appeal.pk,
        "number": appeal.number,
        "status": appeal.status,
        "status_display": str(appeal.get_status_display()),
        "topic": _topic(appeal.topic),
        "application_id": appeal.application.pk if appeal.application else None,
        "submitted_at": appeal.submitted_at,
        "due_date": appeal.due_date,
    }


def detail_out(appeal) -> dict:
    attachments = list(appeal.attachments.all())
    thread = appeal.threads.first() if hasattr(appeal, "threads") else None
    return item_out(appeal) | {
        "text": appeal.text,
        "answer_text": appeal.answer_text,
        "answered_at": appeal.answered_at,
        "files": [file_out(a) for a in attachments if not a.from_staff],
        "answer_files": [file_out(a) for a in attachments if a.from_staff],
        "thread_id": thread.pk if thread else None,
    }


def _owned(request, appeal_id) -> Appeal:
    return get_object_or_404(
        Appeal.objects.owned_by(request.user).select_related("topic").prefetch_related("about"), pk=appeal_id
    )


@router.get("/", response=responses(200, AppealListOut), summary="Мои обращения")
def appeal_list(request, query: Query[AppealListQuery]):
    tab = query.tab if query.tab in TABS else "all"
    items, meta = paginate(appeals_for_list(request.user, tab=tab), query)
    return {**meta, "items": [item_out(a) for a in items]}


@router.get("/topics/", response=responses(200, list[TopicOut]), summary="Темы обращений")
def topic_list(request):
    return [_topic(t) for t in AppealTopic.objects.filter(is_active=True)]


@router.post("/", response=responses(201, AppealDetailOut), summary="Написать обращение")
def appeal_create(
    request,
    topic: Form[str] = "",
    text: Form[str] = "",
    application: Form[str] = "",
    files: File[list[UploadedFile]] = None,
):
    """Fields as on «Написать обращение»: topic (id), text, application (id of a submitted one), files."""
    form = AppealForm(
        {"topic": topic, "text": text, "application": application},
        {"files": files or []},
        user=request.user,
    )
    appeal = submit_appeal_form(request, form)
    if appeal is None:
        raise form_error(form)
    return Status(201, detail_out(_owned(request, appeal.pk)))


@router.get("/{appeal_id}/", response=responses(200, AppealDetailOut), summary="Обращение")
def appeal_detail(request, appeal_id: Id):
    return detail_out(_owned(request, appeal_id))


@router.get(
    "/{appeal_id}/files/{file_id}/",
    response=responses(200, None),
    openapi_extra=FILE_OPENAPI,
    summary="Скачать файл обращения",
)
def appeal_file(request, appeal_id: Id, file_id: Id):
    return download(appeal_files_of(request.user, appeal_id), file_id)


@router.get("/{appeal_id}/messages/", response=responses(200, list[MessageOut]), summary="Переписка")
def appeal_messages(request, appeal_id: Id):
    appeal = _owned(request, appeal_id)
    thread = appeal.threads.first() if hasattr(appeal, "threads") else None
    if thread is None:
        return []
    messaging_flows.thread_mark_read(thread=thread, user=request.user)
    return messages_of(thread)


@router.post("/{appeal_id}/messages/", response=responses(201, MessageOut), summary="Написать по обращению")
def appeal_message_post(request, appeal_id: Id, text: Form[str] = "", files: File[list[UploadedFile]] = None):
    appeal = _owned(request, appeal_id)
    form = MessageForm({"text": text}, {"files": files or []})
    if not form.is_valid():
        raise form_error(form)
    message = messaging_flows.message_post(
        thread=messaging_flows.thread_for_appeal(appeal=appeal),
        author=request.user,
        text=form.cleaned_data["text"],
        files=form.cleaned_data["files"],
    )
    return Status(201, message_out(message))

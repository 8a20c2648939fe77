"""Chat: my threads (dialogs, application and appeal chats), their messages, new dialogs, replies."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile

from lk_plugin.core.files import download
from lk_plugin.messaging import flows, selectors
from lk_plugin.messaging.forms import DialogForm, MessageForm
from lk_plugin.messaging.models import Thread

from .common import FILE_OPENAPI, FileOut, Id, file_out
from .errors import form_error, responses
from .pagination import PageMeta, PageQuery, paginate

router = Router(tags=["messages"])


class MessageOut(Schema):
    id: int
    from_staff: bool
    author_name: str
    text: str
    created_at: dt.datetime
    read: bool
    files: list[FileOut]


class ThreadOut(Schema):
    id: int
    subject: str
    application_id: int | None
    appeal_id: int | None
    is_closed: bool
    last_message_at: dt.datetime | None
    unread: int


class ThreadListOut(PageMeta):
    items: list[ThreadOut]


class ThreadDetailOut(ThreadOut):
    messages: list[MessageOut]


def message_out(message) -> dict:
    from lk_plugin.adapter import get_adapter

    if message.from_staff:
        author = ""
    else:
        author = get_adapter().get_display_name(message.author) if message.author_id else ""
    return {
        "id": message.pk,
        "from_staff": message.from_staff,
        "author_name": author,
        "text": message.text,
        "created_at": message.created_at,
        "read": (message.read_by_staff_at if not message.from_staff else message.read_by_owner_at)
        is not None,
        "files": [file_out(a) for a in message.attachments.all()],
    }


def messages_of(thread) -> list[dict]:
    return [message_out(m) for m in selectors.thread_messages(thread).select_related("author__lk_profile")]


def thread_out(thread, unread=None) -> dict:
    return {
        "id": thread.pk,
        "subject": thread.subject,
        "application_id": thread.about_id if thread.about_is("lk_applications.application") else None,
        "appeal_id": thread.about_id if thread.about_is("lk_appeals.appeal") else None,
        "is_closed": thread.is_closed,
        "last_message_at": thread.last_message_at,
        "unread": getattr(thread, "unread", 0) if unread is None else unread,
    }


@router.get("/", response=responses(200, ThreadListOut), summary="Мои диалоги")
def thread_list(request, query: Query[PageQuery]):
    items, meta = paginate(selectors.threads_for_user(request.user), query)
    return {**meta, "items": [thread_out(t) for t in items]}


@router.post("/", response=responses(201, ThreadDetailOut), summary="Создать диалог")
def dialog_create(
    request, subject: Form[str] = "", text: Form[str] = "", files: File[list[UploadedFile]] = None
):
    form = DialogForm({"subject": subject, "text": text}, {"files": files or []})
    if not form.is_valid():
        raise form_error(form)
    thread = flows.dialog_create(
        user=request.user,
        subject=form.cleaned_data["subject"],
        text=form.cleaned_data["text"],
        files=form.cleaned_data["files"],
    )
    return Status(201, thread_out(thread, unread=0) | {"messages": messages_of(thread)})


def _thread(request, thread_id) -> Thread:
    return get_object_or_404(Thread.objects.owned_by(request.user), pk=thread_id)


@router.get("/{thread_id}/", response=responses(200, ThreadDetailOut), summary="Сообщения диалога")
def thread_detail(request, thread_id: Id):
    """Reading the thread marks the utility's messages read (as the cabinet page does)."""
    thread = _thread(request, thread_id)
    flows.thread_mark_read(thread=thread, user=request.user)
    return thread_out(thread, unread=0) | {"messages": messages_of(thread)}


@router.post("/{thread_id}/messages/", response=responses(201, MessageOut), summary="Написать в диалог")
def message_post(request, thread_id: Id, text: Form[str] = "", files: File[list[UploadedFile]] = None):
    thread = _thread(request, thread_id)
    form = MessageForm({"text": text}, {"files": files or []})
    if not form.is_valid():
        raise form_error(form)
    message = flows.message_post(
        thread=thread, author=request.user, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
    )
    return Status(201, message_out(message))


@router.get(
    "/{thread_id}/files/{file_id}/",
    response=responses(200, None),
    openapi_extra=FILE_OPENAPI,
    summary="Скачать вложение",
)
def message_file(request, thread_id: Id, file_id: Id):
    return download(selectors.message_files_of(request.user, thread_id), file_id)

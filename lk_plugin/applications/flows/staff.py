"""Staff flows on an application: assign, take into work, status, info requests, comments, stage documents.

Each one is keyword-only and atomic, writes history (StatusChange and/or Wagtail's log) and notifies
the applicant through the outbox — except internal notes, which never reach the applicant. Flows that
change the application row take ``expected_version`` for the optimistic lock (ConflictError).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lk_plugin.core.files import clean_filename, discard_files_on_error
from lk_plugin.notifications.flows import notify

from ..models import Application, Comment, CommentFile, InfoRequest, StageDocument
from ..statuses import Status
from .status import TransitionError, application_change_status, bump_version

#: Wagtail log action names (registered with labels in wagtail_hooks).
LOG_STATUS = "lk.application.status"
LOG_ASSIGN = "lk.application.assign"
LOG_INFO_REQUEST = "lk.application.info_request"
LOG_COMMENT = "lk.application.comment"
LOG_NOTE = "lk.application.note"
LOG_STAGE_DOCUMENT = "lk.application.stage_document"


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _notify_owner(application, *, event, title, text):
    notify(
        user=application.owner,
        event=event,
        context={"title": title, "text": text, "number": application.number},
        url=application.get_absolute_url(),
    )


@transaction.atomic
def application_set_status(
    *, application: Application, to_status: str, actor, reason: str = "", expected_version: int | None = None
) -> Application:
    """A staff status change: the transition flow (history + notification) plus Wagtail's log.

    «Требуются сведения» is always a request: the reason becomes the question the applicant sees
    at the top of the application and in the notification (not only deep in the history)."""
    if to_status == Status.NEEDS_INFO:
        application_request_info(
            application=application, actor=actor, message=reason, expected_version=expected_version
        )
        return application
    from_status = application.status
    application_change_status(
        application=application,
        to_status=to_status,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
    )
    log(
        application,
        LOG_STATUS,
        user=actor,
        data={"from": from_status, "to": to_status, "reason": (reason or "").strip()},
    )
    return application


@transaction.atomic
def application_assign(
    *, application: Application, assignee, actor, expected_version: int | None = None
) -> Application:
    """Make *assignee* (a staff user, or None to unassign) responsible for the application."""
    previous = application.assignee
    bump_version(application, expected_version, assignee=assignee)
    log(
        application,
        LOG_ASSIGN,
        user=actor,
        data={
            "from": _person(previous),
            "to": _person(assignee),
            "assignee_id": assignee.pk if assignee else None,
        },
    )
    return application


@transaction.atomic
def application_take_into_work(
    *, application: Application, actor, expected_version: int | None = None
) -> Application:
    """Assign to *actor* and, for a freshly submitted application, move it to «В работе»."""
    application_assign(
        application=application, assignee=actor, actor=actor, expected_version=expected_version
    )
    if application.status == Status.SUBMITTED:
        application_set_status(application=application, to_status=Status.IN_PROGRESS, actor=actor)
    return application


@transaction.atomic
def application_request_info(
    *,
    application: Application,
    actor,
    message: str,
    items=(),
    expected_version: int | None = None,
) -> InfoRequest:
    """Ask for missing documents/information: an InfoRequest row and the status «Требуются сведения»."""
    message = (message or "").strip()
    items = [str(item).strip() for item in items if str(item).strip()]
    if not message and not items:
        raise TransitionError(_("Опишите, какие документы или сведения нужны."), code="empty")
    reason = message
    if items:
        reason = "\n".join([message, _("Недостающие документы:"), *[f"— {i}" for i in items]]).strip()
    info_request = InfoRequest.objects.create(
        application=application, message=message or reason, items=items, requested_by=actor
    )
    application_change_status(
        application=application,
        to_status=Status.NEEDS_INFO,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
        notify_owner=False,
    )
    log(application, LOG_INFO_REQUEST, user=actor, data={"message": message, "items": items})
    notify(
        user=application.owner,
        event="application_info_requested",
        context={
            "title": _("Заявка %(number)s: требуются сведения") % {"number": application.number},
            "text": reason,
            "number": application.number,
            "requested_by": _person(actor),
            "requested_at": timezone.localtime(info_request.created_at).strftime("%d.%m.%Y %H:%M"),
        },
        url=application.get_absolute_url(),
    )
    return info_request


def _store_files(comment, files):
    for upload in files:
        CommentFile.objects.create(
            comment=comment,
            file=upload,
            original_name=clean_filename(upload.name),
            size=upload.size or 0,
        )


@discard_files_on_error()
@transaction.atomic
def application_comment(
    *, application: Application, actor, text: str, files=(), internal: bool = False
) -> Comment:
    """A public comment (with files; the applicant is notified) or an internal note (never shown to them)."""
    text = (text or "").strip()
    if not text:
        raise TransitionError(_("Введите текст комментария."), code="empty")
    comment = Comment.objects.create(application=application, author=actor, text=text, is_internal=internal)
    _store_files(comment, files)
    if internal:
        log(application, LOG_NOTE, user=actor, data={"comment_id": comment.pk})
        return comment
    log(application, LOG_COMMENT, user=actor, data={"comment_id": comment.pk, "files": len(files)})
    _notify_owner(
        application,
        event="application_comment",
        title=_("Заявка %(number)s: комментарий специалиста") % {"number": application.number},
        text=text,
    )
    return comment


@transaction.atomic
def application_publish_stage_document(
    *, application: Application, actor, stage: str, title: str, file
) -> StageDocument:
    """Publish a document of a work stage (contract terms, technical conditions, …) to the applicant."""
    if stage not in StageDocument.Stage.values:
        raise TransitionError(_("Выберите этап."), code="stage")
    title = (title or "").strip() or StageDocument.Stage(stage).label
    document = StageDocument.objects.create(
        application=application,
        stage=stage,
        title=title,
        file=file,
        original_name=clean_filename(file.name),
        size=file.size or 0,
        published_by=actor,
    )
    log(application, LOG_STAGE_DOCUMENT, user=actor, data={"document_id": document.pk, "stage": stage})
    _notify_owner(
        application,
        event="application_stage_document",
        title=_("Заявка %(number)s: новый документ") % {"number": application.number},
        text=_("Опубликован документ «%(title)s» (%(stage)s).")
        % {"title": title, "stage": StageDocument.Stage(stage).label},
    )
    return document

"""Staff downloads of private files: permission-checked, logged as personal-data access."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy

from lk_plugin.core.files import attachment_response
from lk_plugin.core.models import PersonalDataAccessLog

from .audit import log_personal_data_access


def _file_for(parent, kind: str, file_pk: int):
    """(file field, original name) of file *file_pk* of *kind* belonging to *parent*, or Http404."""
    from lk_plugin.appeals.models import Appeal, AppealAttachment
    from lk_plugin.applications.models import Application, ApplicationDocument, CommentFile, StageDocument
    from lk_plugin.messaging.models import MessageAttachment

    lookups = {}
    if isinstance(parent, Application):
        lookups = {
            "document": (ApplicationDocument, {"application": parent}),
            "stage": (StageDocument, {"application": parent}),
            "comment": (CommentFile, {"comment__application": parent}),
            "message": (MessageAttachment, {"message__thread__application": parent}),
        }
    elif isinstance(parent, Appeal):
        lookups = {
            "attachment": (AppealAttachment, {"appeal": parent}),
            "message": (MessageAttachment, {"message__thread__appeal": parent}),
        }
    else:  # a free dialog (Thread)
        lookups = {"message": (MessageAttachment, {"message__thread": parent})}
    if kind not in lookups:
        raise Http404
    model, filters = lookups[kind]
    obj = model.objects.filter(pk=file_pk, **filters).first()
    if obj is None:
        raise Http404
    return obj


def staff_download(request, *, model, owner, parent, kind, file_pk):
    if not ModelPermissionPolicy(model).user_has_any_permission(request.user, ["view", "change"]):
        raise PermissionDenied
    obj = _file_for(parent, kind, file_pk)
    log_personal_data_access(
        user=request.user, subject=owner, obj=obj, action=PersonalDataAccessLog.Action.DOWNLOAD
    )
    return attachment_response(obj.file, obj.original_name)

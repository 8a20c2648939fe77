from .application import Application, ApplicationKind, ApplicationQuerySet, FormVersion
from .documents import ApplicationDocument, StageDocument
from .history import Comment, CommentFile, InfoRequest, StatusChange

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationKind",
    "ApplicationQuerySet",
    "Comment",
    "CommentFile",
    "FormVersion",
    "InfoRequest",
    "StageDocument",
    "StatusChange",
]

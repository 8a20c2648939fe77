from .application import Application, ApplicationKind, ApplicationQuerySet, FormVersion
from .documents import ApplicationDocument, StageDocument
from .history import Comment, CommentFile, InfoRequest, StatusChange
from .terms import ReviewTerm

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationKind",
    "ApplicationQuerySet",
    "Comment",
    "CommentFile",
    "FormVersion",
    "InfoRequest",
    "ReviewTerm",
    "StageDocument",
    "StatusChange",
]

"""Errors shared by every feature's flows and the faces that show them, and the one optimistic lock.

Feature apps raise these; the cabinet, the staff admin and the API translate them (a 409 with the
message, or the message at the top of the form). They live in core so that appeals, connection and
staff need not import applications to catch them.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionError(ValidationError):
    """The move is not allowed from the current status (or lacks a required reason)."""


class ConflictError(Exception):
    """Someone else changed the object since it was loaded (optimistic lock)."""

    message = _("Заявку уже изменил другой сотрудник. Обновите страницу и повторите действие.")

    def __init__(self, message=None):
        # A plain str (the API serialises it): the lazy default is translated at raise time.
        super().__init__(str(message or self.message))


def bump_version(obj, expected_version: int | None, *, message=None, **fields):
    """``UPDATE … SET version = version + 1, updated_at = now, **fields WHERE pk = … AND version =
    expected``; ConflictError (with *message*, default ``ConflictError.message``) when no row matched.

    The one optimistic lock of the project: applications, appeals and connection processes all carry
    ``version`` and ``updated_at`` and go through here. *obj* is updated in place and returned.
    """
    expected = obj.version if expected_version is None else expected_version
    fields = {**fields, "updated_at": timezone.now()}
    updated = type(obj).objects.filter(pk=obj.pk, version=expected).update(version=F("version") + 1, **fields)
    if not updated:
        raise ConflictError(message)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.version = expected + 1
    return obj

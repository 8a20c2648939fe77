"""Application statuses and the allowed transitions, as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Черновик")
    SUBMITTED = "submitted", _("Отправлена")
    IN_PROGRESS = "in_progress", _("В работе")
    NEEDS_INFO = "needs_info", _("Требуются сведения")
    COMPLETED = "completed", _("Выполнена")
    REJECTED = "rejected", _("Отклонена")
    WITHDRAWN = "withdrawn", _("Отозвана")


APPLICANT, STAFF = "applicant", "staff"

#: (from, to) → who may make the move.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Status.DRAFT, Status.SUBMITTED): frozenset({APPLICANT}),
    (Status.SUBMITTED, Status.IN_PROGRESS): frozenset({STAFF}),
    (Status.SUBMITTED, Status.NEEDS_INFO): frozenset({STAFF}),
    (Status.SUBMITTED, Status.REJECTED): frozenset({STAFF}),
    (Status.SUBMITTED, Status.WITHDRAWN): frozenset({APPLICANT}),
    (Status.IN_PROGRESS, Status.NEEDS_INFO): frozenset({STAFF}),
    (Status.IN_PROGRESS, Status.COMPLETED): frozenset({STAFF}),
    (Status.IN_PROGRESS, Status.REJECTED): frozenset({STAFF}),
    # The applicant answers a request (documents/information): back to staff.
    (Status.NEEDS_INFO, Status.IN_PROGRESS): frozenset({APPLICANT, STAFF}),
    (Status.NEEDS_INFO, Status.REJECTED): frozenset({STAFF}),
}

#: A reason is required for these targets (it is shown to the applicant).
REASON_REQUIRED = frozenset({Status.REJECTED, Status.NEEDS_INFO})

FINAL = frozenset({Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN})

#: Cabinet tabs → statuses.
TABS = {
    "drafts": (_("Черновики"), [Status.DRAFT]),
    "submitted": (_("Отправлены"), [Status.SUBMITTED]),
    "in_progress": (_("В работе"), [Status.IN_PROGRESS, Status.NEEDS_INFO]),
    "completed": (_("Выполнены"), [Status.COMPLETED]),
    "rejected": (_("Отклонены"), [Status.REJECTED, Status.WITHDRAWN]),
    "all": (_("Все"), None),
}


def allowed_targets(from_status: str, role: str) -> list[str]:
    return [to for (frm, to), roles in TRANSITIONS.items() if frm == from_status and role in roles]


def is_allowed(from_status: str, to_status: str, role: str) -> bool:
    return role in TRANSITIONS.get((from_status, to_status), frozenset())

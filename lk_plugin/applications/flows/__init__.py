"""Application flows (keyword-only, one transaction each). Views, admin and API call these."""

from .status import ConflictError, TransitionError, application_change_status
from .submit import SubmitError, application_submit  # noqa: F401

__all__ = ["ConflictError", "TransitionError", "application_change_status"]

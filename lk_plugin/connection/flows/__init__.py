"""Connection flows: stage moves (staff and applicant), the offer, payments, the ТУ notice, signing."""

from lk_plugin.core.errors import ConflictError, TransitionError

__all__ = ["ConflictError", "TransitionError"]

"""Connection flows: stage moves (staff and applicant), the offer, payments, the ТУ notice, signing."""

from lk_plugin.applications.flows import ConflictError, TransitionError

__all__ = ["ConflictError", "TransitionError"]

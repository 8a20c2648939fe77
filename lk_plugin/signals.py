"""Documented signals (DESIGN §4). Sent after the flow's transaction commits."""

from django.dispatch import Signal

#: kwargs: application, user
application_submitted = Signal()
#: kwargs: application, from_status, to_status, actor, reason
application_status_changed = Signal()
#: kwargs: appeal, user
appeal_submitted = Signal()
#: kwargs: user, record
consent_given = Signal()
#: kwargs: user, record
consent_withdrawn = Signal()

"""Signals a host can listen to (DESIGN.md §4). Senders pass keyword arguments named below."""

from django.dispatch import Signal

# application=, user=, request_meta=
application_submitted = Signal()
# application=, from_status=, to_status=, actor=
application_status_changed = Signal()
# appeal=, user=, request_meta=
appeal_submitted = Signal()
# user=, record= (ConsentRecord), request_meta=
consent_given = Signal()
# user=, record= (ConsentRecord), request_meta=
consent_withdrawn = Signal()

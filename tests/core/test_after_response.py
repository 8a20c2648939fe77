"""core.after_response: deferred work runs once the WSGI response is closed, at once outside a request,
and a request that never finishes can be forgotten (reset) instead of holding later work."""

import pytest
from django.core.signals import request_finished, request_started

from lk_plugin.core import after_response

# request_started also closes obsolete database connections (Django's own receiver).
pytestmark = pytest.mark.django_db
ENVIRON = {"REQUEST_METHOD": "GET", "PATH_INFO": "/"}


def test_outside_a_request_work_runs_at_once():
    ran = []
    after_response.defer(lambda: ran.append("now"))
    assert ran == ["now"]


def test_inside_a_request_work_waits_for_the_closed_response():
    ran = []
    request_started.send(sender=None, environ=ENVIRON)
    after_response.defer(lambda: ran.append("later"))
    assert ran == []
    request_finished.send(sender=None)
    assert ran == ["later"]
    after_response.defer(lambda: ran.append("now"))
    assert ran == ["later", "now"]


def test_a_failing_function_does_not_stop_the_others():
    ran = []
    request_started.send(sender=None, environ=ENVIRON)
    after_response.defer(lambda: 1 / 0)
    after_response.defer(lambda: ran.append("second"))
    request_finished.send(sender=None)
    assert ran == ["second"]


def test_work_left_by_an_unclosed_response_runs_at_the_next_request():
    ran = []
    request_started.send(sender=None, environ=ENVIRON)
    after_response.defer(lambda: ran.append("left over"))
    request_started.send(sender=None, environ=ENVIRON)  # the server never closed the first response
    assert ran == ["left over"]
    request_finished.send(sender=None)


def test_reset_forgets_a_request_that_will_never_finish():
    """A streamed download the test client never closed: after reset(), work runs at once again."""
    ran = []
    request_started.send(sender=None, environ=ENVIRON)
    after_response.defer(lambda: ran.append("dropped"))
    after_response.reset()
    after_response.defer(lambda: ran.append("now"))
    assert ran == ["now"]

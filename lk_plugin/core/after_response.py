"""Work the person should not wait for: run it once the response has been sent.

A broker publish (a background job, a batch of mail) is a network round trip that changes nothing
the response says. ``defer(func)`` keeps *func* until Django's ``request_finished`` (the WSGI
server closed the response, i.e. the bytes are on their way) and runs it then, in the same thread.
Outside a WSGI request — a Celery worker, a management command, a flow called directly, an ASGI
request (its signals may come from other threads) — *func* runs at once, as before.

Nothing deferred is lost when a worker dies before running it: what it publishes is already in the
database (outbox rows, queued jobs) and the sweepers pick it up.
"""

import logging
import threading

from django.core.signals import request_finished, request_started

logger = logging.getLogger("lk_plugin.after_response")

_local = threading.local()


def defer(func) -> None:
    """Run *func* after the current WSGI request's response, or now when there is none."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        func()
    else:
        pending.append(func)


def reset() -> None:
    """Forget a request that will never finish, dropping what it deferred.

    For test suites: Django's test client sends ``request_finished`` for a streamed response (a file
    download) only once the test reads or closes it. Until then this thread counts as being inside
    that request, and what the next test defers outside any request would wait for it. A fixture
    that calls ``reset()`` (or closing such responses) keeps tests independent."""
    _local.pending = None


def _run(pending) -> None:
    for func in pending:
        try:
            func()
        except Exception:  # the response is gone: nobody to tell but the log
            logger.exception("after_response: %r failed", func)


def _started(sender, environ=None, **kwargs) -> None:
    # Left over from a request whose response was never closed (a broken server): run it now.
    _run(getattr(_local, "pending", None) or [])
    _local.pending = [] if environ is not None else None


def _finished(sender, **kwargs) -> None:
    pending, _local.pending = getattr(_local, "pending", None), None
    _run(pending or [])


request_started.connect(_started, dispatch_uid="lk_plugin.after_response.started")
request_finished.connect(_finished, dispatch_uid="lk_plugin.after_response.finished")

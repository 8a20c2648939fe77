"""Redis (the cache) down during the applicant's work, with production's cache and session settings.

Two faults: Redis refusing connections (a port where nothing listens) and Redis accepting and never
answering (a socket in the test that takes connections and stays silent). In both a person signs in,
walks the ТП wizard and submits; the application is saved and numbered, the number is shown, the
session survives, and no request waits for Redis without limit. A hang is detected by running the
walk in a thread with a generous bound (the walk needs no Redis answer at all)."""

import socket
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from lk_plugin.applications.models import Application
from lk_plugin.core import cache as lk_cache
from tests.applications.test_wizard import post_step, start, upload
from tests.factories import PASSWORD
from tests.helpers import PDF

SUBMIT = {"pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"}
HANG_BOUND = 120  # seconds: far above what the walk needs, far below "forever"


class SilentServer:
    """Accepts TCP connections and never answers (a hung Redis)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)

    def close(self):
        self.stopped = True
        for conn in self.connections:
            conn.close()
        self.sock.close()


def _dead_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there any more: connections are refused
    return port


@pytest.fixture(params=["refusing", "hung"])
def redis_down(request, settings):
    """Production's cache and session settings (site/lk_site/settings/production.py), Redis broken."""
    server = SilentServer() if request.param == "hung" else None
    port = server.port if server else _dead_port()
    location = f"redis://127.0.0.1:{port}/0"
    lk_cache._breakers.clear()
    settings.CACHES = {
        "default": {
            "BACKEND": "lk_plugin.core.cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 10},
        }
    }
    settings.SESSION_ENGINE = "lk_plugin.core.sessions"
    yield request.param
    lk_cache._breakers.clear()
    if server:
        server.close()


def _sign_in(client):
    response = client.post("/accounts/login/", {"login": "ivan@example.ru", "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session.get("_auth_user_id")


def _walk_and_submit(client, tp_page):
    _sign_in(client)
    assert client.get("/lk/").status_code == 200
    application = start(client, tp_page)
    for index in range(5):
        assert post_step(client, application, index).status_code in (200, 302)
    files = {
        "doc_passport": upload("паспорт.pdf", PDF),
        "doc_title_document": upload("выписка.pdf", PDF),
        "doc_site_plan": upload("план.pdf", PDF),
    }
    post_step(client, application, 5, {}, action="upload", files=files)
    assert post_step(client, application, 5, {}).status_code in (200, 302)
    response = post_step(client, application, 6, SUBMIT, action="submit")
    assert response.status_code == 302, response.content.decode()[:800]
    application.refresh_from_db()
    page = client.get(response["Location"]).content.decode()
    return application, page


def _bounded(target, *args):
    """Run *target* in a thread; a request waiting for Redis without limit fails the test."""
    outcome = {}

    def run():
        try:
            outcome["value"] = target(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            outcome["error"] = exc
        finally:
            from django.db import connection

            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_BOUND)
    assert not thread.is_alive(), "a request waited for the cache without limit"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.mark.django_db(transaction=True)
def test_applicant_signs_in_walks_the_wizard_and_submits_with_redis_down(
    redis_down, client, tp_page, applicant
):
    applicant.set_password(PASSWORD)
    applicant.save()
    application, page = _bounded(_walk_and_submit, client, tp_page)
    assert application.status == "submitted" and application.number
    assert application.number in page
    assert Application.objects.filter(number=application.number).count() == 1
    assert any(application.number in m.subject for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_session_survives_and_logout_ends_it_with_redis_down(redis_down, client, applicant):
    applicant.set_password(PASSWORD)
    applicant.save()

    def run():
        _sign_in(client)
        assert client.get(reverse("lk_accounts:profile")).status_code == 200
        client.post("/accounts/logout/")
        return client.get(reverse("lk_accounts:profile"))

    response = _bounded(run)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_addresses_come_from_the_database_when_the_cache_raises(db, monkeypatch):
    """A plain RedisCache (no fallback) raising inside the submit transaction: the database answers."""
    from lk_plugin.applications.models import Application as Model
    from lk_plugin.core import permissions
    from tests.factories import staff_user

    person = staff_user("anna@example.ru")

    def broken(*args, **kwargs):
        raise ConnectionError("Redis refused")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "delete", broken)
    assert person.email in permissions.staff_notification_emails(Model)
    permissions.invalidate_staff_emails(sender=None)  # and an invalidation does not raise either


def test_resilient_cache_answers_from_the_fallback_and_stops_calling_a_dead_redis(settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "lk_plugin.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_dead_port()}/0",
        }
    }
    lk_cache._breakers.clear()
    backend = caches["default"]
    backend.set("k", 1)
    assert backend.get("k") == 1  # this process still has its limits and lookups
    assert not backend.is_available()  # the next calls skip Redis until RETRY_AFTER
    with pytest.raises(lk_cache.CacheUnavailable):
        backend.call_primary("get", "k")
    lk_cache._breakers.clear()


def test_production_settings_bound_the_cache_and_use_the_resilient_sessions():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; c = s.CACHES['default'];"
        "print(json.dumps([c['BACKEND'], c['OPTIONS'], s.SESSION_ENGINE]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lk_site.settings.production",
        "SECRET_KEY": "p" * 60,
        "DATABASE_URL": "postgres://lk:lk@127.0.0.1:5432/lk",
        "PYTHONPATH": f"{root}:{root / 'site'}",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    backend, options, sessions = json.loads(result.stdout.strip().splitlines()[-1])
    assert backend == "lk_plugin.core.cache.ResilientRedisCache"
    assert 0 < options["socket_connect_timeout"] <= 5 and 0 < options["socket_timeout"] <= 5
    assert sessions == "lk_plugin.core.sessions"

"""Browser-facing defences: security headers, no open redirect through any `next`, CSRF on every
state-changing URL (enumerated from the URL resolver)."""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.factories import PASSWORD, ApplicantProfileFactory, NotificationFactory
from tests.helpers import INDIVIDUAL

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# --- headers ---


def _csp(response):
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.parametrize("url", ["/accounts/login/", "/lk/", "/lk/applications/", "/accounts/signup/"])
def test_public_and_cabinet_pages_send_security_headers(client, url):
    if url.startswith("/lk/"):
        client.force_login(ApplicantProfileFactory().user)
    response = client.get(url)
    assert response.status_code == 200
    policy = _csp(response)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_cabinet_templates_have_no_inline_scripts():
    """The CSP forbids inline scripts outside the admin; a template that adds one breaks silently."""
    offenders = []
    for folder in ("lk_plugin/templates", "templates", "site/cms_pages/templates"):
        for path in (ROOT / folder).rglob("*.html"):
            text = path.read_text()
            if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", text) or re.search(
                r"\son[a-z]+=\"|javascript:", text
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_only_the_admin_allows_inline_scripts_and_same_origin_frames(client, django_user_model):
    staff = django_user_model.objects.create_user("staff@example.ru", "staff@example.ru", "x", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(staff)
    policy = _csp(client.get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_production_settings_enforce_https_hsts_and_secure_cookies():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lk_site.settings.production",
        "SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "lk.example.ru",
        "DATABASE_URL": "postgres://lk:lk@127.0.0.1:5432/lk",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps(["
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF,"
        "s.DEBUG, getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.CACHES['default']['BACKEND']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (
        hsts,
        subdomains,
        ssl_redirect,
        session_secure,
        csrf_secure,
        httponly,
        xfo,
        nosniff,
        debug,
        proxy,
        cache,
    ) = json.loads(result.stdout.strip().splitlines()[-1])
    assert hsts >= 31536000 and subdomains and ssl_redirect
    assert session_secure and csrf_secure and httponly
    assert xfo == "DENY" and nosniff and debug is False
    assert proxy is None  # proxy headers are trusted only when TRUST_PROXY_HEADERS=true
    assert cache.endswith("RedisCache")  # rate limits shared by every worker (ResilientRedisCache)


# --- open redirects ---

EVIL = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "javascript:alert(1)",
    "http:evil.example",
    " https://evil.example/",
    "https:/evil.example/",
    "/%2F%2Fevil.example/",
]


def _offsite(location):
    normalized = location.replace("\\", "/").strip()
    parts = urlsplit(normalized)
    return (
        parts.scheme not in ("", "http", "https")
        or parts.netloc not in ("", "testserver")
        or (normalized.startswith("//"))
    )


@pytest.mark.parametrize("target", EVIL)
def test_login_never_redirects_off_site(client, make_applicant, target):
    make_applicant()
    response = client.post(
        f"/accounts/login/?next={target}", {"login": "ivan@example.ru", "password": PASSWORD}
    )
    assert response.status_code == 302 and not _offsite(response["Location"])
    response = client.post(
        "/accounts/login/", {"login": "ivan@example.ru", "password": PASSWORD, "next": target}
    )
    assert not _offsite(response["Location"])


@pytest.mark.parametrize("target", EVIL)
def test_logout_never_redirects_off_site(client, make_applicant, target):
    client.force_login(make_applicant())
    response = client.post("/accounts/logout/", {"next": target})
    assert response.status_code == 302 and not _offsite(response["Location"])


@pytest.mark.parametrize("target", EVIL)
def test_admin_login_and_logout_never_redirect_off_site(client, django_user_model, target):
    response = client.get(f"/admin/login/?next={target}")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    staff = django_user_model.objects.create_user("s@example.ru", "s@example.ru", "x", is_staff=True)
    client.force_login(staff)
    response = client.post("/admin/logout/", {"next": target})
    assert not _offsite(response.get("Location", ""))


@pytest.mark.parametrize("target", EVIL)
def test_signup_and_reauthentication_never_redirect_off_site(client, make_applicant, target):
    response = client.post("/accounts/signup/", {**INDIVIDUAL, "next": target})
    assert response.status_code == 302 and not _offsite(response["Location"])
    client.force_login(make_applicant())
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD, "next": target})
    assert not _offsite(response.get("Location", ""))


@pytest.mark.parametrize("target", EVIL)
def test_a_notification_link_cannot_point_off_site(client, target):
    person = ApplicantProfileFactory().user
    notification = NotificationFactory(user=person, url=target)
    client.force_login(person)
    response = client.get(f"/lk/notifications/{notification.pk}/")
    assert response.status_code == 302 and not _offsite(response["Location"])


# --- CSRF ---

#: Views that legitimately take POSTs without a CSRF token (none among the pages).
CSRF_EXEMPT = set()
#: The API is csrf_exempt for Django's middleware because it checks CSRF itself: ninja's session auth
#: and allauth headless' browser client refuse a cookie-authenticated unsafe request without the token;
#: the app client authenticates by the X-Session-Token header, which a browser never sends cross-site.
API_PREFIX = "api/lk/v1/"
#: allauth headless' app client ignores the cookie session (it authenticates by X-Session-Token), so
#: a cross-site POST has no session to ride: it must answer a client error, never act.
API_APP_CLIENT = "api/lk/v1/auth/app/"
#: Public API operations that change nothing of anybody's (a fresh captcha for a signup form).
API_PUBLIC_POSTS = {"api/lk/v1/auth/captcha/"}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if isinstance(pattern.pattern, RoutePattern) or str(pattern.pattern) in ("", "^"):
                yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern).lstrip("^"))
        elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
            yield prefix + str(pattern.pattern), pattern


FILLERS = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


def _fill(route):
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: FILLERS.get(m.group(1) or "str", "1"), route)


def _names_csrf(response) -> bool:
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        text = json.dumps(body, ensure_ascii=False)
        return body.get("code") == "csrf" or "CSRF" in text
    return b"CSRF" in response.content


def test_every_url_refuses_a_post_without_csrf_token(db):
    person = ApplicantProfileFactory().user
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    routes = list(_routes(get_resolver().url_patterns))
    assert len(routes) > 150  # allauth, the cabinet, Wagtail's admin …
    exempt = sorted(
        route
        for route, p in routes
        if getattr(p.callback, "csrf_exempt", False) and not route.startswith(API_PREFIX)
    )
    assert set(exempt) <= CSRF_EXEMPT, exempt
    accepted = []
    for route, _pattern in routes:
        if route in CSRF_EXEMPT or route in API_PUBLIC_POSTS:
            continue
        response = client.post(_fill(route), {"x": "1"})
        if route.startswith(API_PREFIX):
            # The API's own check must refuse it for the CSRF reason (403 naming CSRF); a path that
            # takes no POST at all answers 405. Anything else (401, 404, 400 …) would hide a view
            # that never checked the token.
            if response.status_code == 405:
                continue
            if route.startswith(API_APP_CLIENT):
                if not 400 <= response.status_code < 500:
                    accepted.append(f"{route} → {response.status_code}")
                continue
            if response.status_code != 403 or not _names_csrf(response):
                accepted.append(f"{route} → {response.status_code}")
        elif response.status_code != 403 or b"CSRF" not in response.content:
            accepted.append(f"{route} → {response.status_code}")
    assert accepted == [], "\n".join(accepted)


def test_api_refuses_a_cookie_session_post_without_csrf_token(db):
    person = ApplicantProfileFactory().user
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post("/api/lk/v1/notifications/read-all/", content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "csrf"
    token = client.get("/api/lk/v1/auth/csrf/").json()["csrf_token"]
    response = client.post(
        "/api/lk/v1/notifications/read-all/", content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code < 300

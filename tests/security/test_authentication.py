"""Authentication beyond tests/integration/accounts: brute force across IPs, enumeration sameness,
session rotation, logout, single-use and expiring reset links, no admin door around allauth."""

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.integration.accounts.conftest import INDIVIDUAL, PASSWORD

pytestmark = pytest.mark.django_db
TOO_MANY = "Слишком много"


def login(client, value, password=PASSWORD, ip="203.0.113.1", **headers):
    return client.post("/accounts/login/", {"login": value, "password": password}, REMOTE_ADDR=ip, **headers)


# --- brute force ---


def test_failures_from_many_ips_still_lock_the_account(client, make_applicant):
    """5 failures / 5 min per account whatever the IP and the spelling of the identifier."""
    make_applicant()
    spellings = ["ivan@example.ru", "112-233-445 95", "11223344595", "IVAN@EXAMPLE.RU", "112 233 445 95"]
    for n, spelling in enumerate(spellings):
        assert TOO_MANY not in login(client, spelling, "wrong", ip=f"198.51.100.{n + 1}").content.decode()
    response = login(client, "ivan@example.ru", PASSWORD, ip="192.0.2.77")
    assert response.status_code == 200 and TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_forged_forwarded_for_does_not_reset_the_per_ip_limit(client, make_applicant):
    """10 failures a minute per IP: X-Forwarded-For is not trusted unless a proxy count is configured."""
    assert getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) == 0
    for n in range(10):
        login(client, f"nobody{n}@example.ru", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = login(client, "nobody-else@example.ru", "wrong", HTTP_X_FORWARDED_FOR="10.0.1.1")
    assert TOO_MANY in response.content.decode()


# --- enumeration: the same answer for an existing and an unknown account ---


def _normalized(response, *values):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    for value in values:
        body = body.replace(value, "VALUE")
    return response.status_code, response.get("Location", ""), body


def _login_probe(client, existing):
    value = "ivan@example.ru" if existing else "olga@example.ru"
    return _normalized(login(client, value, "wrong-password"), value)


def _reset_probe(client, existing):
    value = "ivan@example.ru" if existing else "olga@example.ru"
    return _normalized(client.post("/accounts/password/reset/", {"email": value}), value)


def _signup_probe(client, existing):
    email = "ivan@example.ru" if existing else "olga@example.ru"
    snils = "123-456-789 64"
    data = {**INDIVIDUAL, "email": email, "snils": snils}
    client.cookies.clear()
    return _normalized(client.post("/accounts/signup/", data), email)


API_AUTH = "/api/lk/v1/auth/browser/v1/auth"


def _api_post(client, path, data):
    return client.post(f"{API_AUTH}/{path}", data=json.dumps(data), content_type="application/json")


def _api_login_probe(client, existing):
    value = "ivan@example.ru" if existing else "olga@example.ru"
    return _normalized(_api_post(client, "login", {"login": value, "password": "wrong-password"}), value)


def _api_reset_probe(client, existing):
    value = "ivan@example.ru" if existing else "olga@example.ru"
    return _normalized(_api_post(client, "password/request", {"email": value}), value)


def _api_signup_probe(client, existing):
    email = "ivan@example.ru" if existing else "olga@example.ru"
    data = {
        **{
            k: v
            for k, v in INDIVIDUAL.items()
            if k not in ("password1", "password2", "captcha_0", "captcha_1")
        },
        "email": email,
        "snils": "123-456-789 64",
        "password": PASSWORD,
        "pd_consent": True,
        "captcha": {"key": "test", "value": "PASSED"},
    }
    client.cookies.clear()
    return _normalized(_api_post(client, "signup", data), email)


#: (name, probe(client, existing) -> comparable answer): the pages and the auth API.
ENUMERATION_PROBES = [
    ("login", _login_probe),
    ("password reset", _reset_probe),
    ("signup", _signup_probe),
    ("API login", _api_login_probe),
    ("API password reset", _api_reset_probe),
    ("API signup", _api_signup_probe),
]


@pytest.mark.parametrize(("name", "probe"), ENUMERATION_PROBES, ids=[n for n, _p in ENUMERATION_PROBES])
def test_no_account_enumeration(make_applicant, name, probe):
    make_applicant()
    known = probe(Client(), True)
    unknown = probe(Client(), False)
    assert known == unknown, f"{name}: an existing account answers differently"


# --- sessions ---


def test_session_key_rotates_on_login(client, make_applicant):
    make_applicant()
    session = client.session
    session["probe"] = "before login"
    session.save()
    before = session.session_key
    assert login(client, "ivan@example.ru").status_code == 302
    assert client.session.session_key != before
    assert client.session.get("_auth_user_id")


def test_logout_invalidates_the_old_session_cookie(client, make_applicant):
    make_applicant()
    login(client, "ivan@example.ru")
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/lk/").status_code == 200
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    response = replay.get("/lk/")
    assert response.status_code == 302 and response["Location"].startswith(settings.LOGIN_URL)


# --- password reset links ---


def _reset_link(client):
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "ivan@example.ru"})
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)


def _set_password(client, link, password):
    response = client.get(link)
    target = response["Location"] if response.status_code == 302 else link
    return client.post(target, {"password1": password, "password2": password})


def test_reset_link_works_once(client, make_applicant):
    person = make_applicant()
    link = _reset_link(client)
    assert _set_password(client, link, "Novyi-parol-2026").status_code == 302
    again = _set_password(Client(), link, "Drugoi-parol-2026")
    assert again.status_code == 200 and again.context.get("token_fail")
    person.refresh_from_db()
    assert person.check_password("Novyi-parol-2026")


def test_reset_link_expires(client, make_applicant, monkeypatch):
    person = make_applicant()
    link = _reset_link(client)
    later = PasswordResetTokenGenerator()._now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    response = _set_password(Client(), link, "Novyi-parol-2026")
    assert response.status_code == 200 and response.context.get("token_fail")
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


# --- no second door ---


def _login_like_routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _login_like_routes(pattern.url_patterns, route)
        elif re.search(r"log_?in|signin|password_reset|password/reset", route) and "<" not in route:
            yield route


def test_every_login_like_url_is_allauths_or_sends_there(client):
    routes = sorted(set(_login_like_routes(get_resolver().url_patterns)))
    assert "admin/login/" in routes
    doors = []
    for route in routes:
        url = "/" + route.lstrip("^").rstrip("$")
        if url.startswith(("/accounts/", "/api/lk/v1/auth/")):
            continue  # allauth itself (pages and headless API): rate limited, MFA; tests/api covers the API
        response = client.get(url)
        if response.status_code == 302:
            if response["Location"].startswith((settings.LOGIN_URL, "/accounts/password/reset/")):
                continue
        elif response.status_code == 404:
            continue
        doors.append(f"{url} → {response.status_code}")
    assert doors == []
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code in (302, 405)
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False

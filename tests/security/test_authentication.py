"""Authentication beyond tests/accounts: brute force across IPs, enumeration sameness,
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

from tests.factories import PASSWORD
from tests.helpers import INDIVIDUAL

pytestmark = pytest.mark.django_db
TOO_MANY = "Слишком много"


def login(client, value, password=PASSWORD, ip="203.0.113.1", captcha=None, **headers):
    data = {"login": value, "password": password, **(captcha or {})}
    return client.post("/accounts/login/", data, REMOTE_ADDR=ip, **headers)


# --- brute force ---


CAPTCHA = {"captcha_0": "test", "captcha_1": "PASSED"}


def test_failures_from_many_ips_ask_for_a_captcha_not_a_lock(client, make_applicant):
    """Failures of one account from anywhere (any spelling) make its login ask for the captcha; the
    owner answers it and signs in — nobody can lock the owner out with a public identifier."""
    make_applicant()
    spellings = ["ivan@example.ru", "112-233-445 95", "11223344595", "IVAN@EXAMPLE.RU", "112 233 445 95"]
    for n, spelling in enumerate(spellings):
        login(client, spelling, "wrong", ip=f"198.51.100.{n + 1}", captcha=CAPTCHA)
    refused = login(client, "ivan@example.ru", PASSWORD, ip="192.0.2.77")
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert "Введите код с картинки" in refused.content.decode()
    assert 'name="captcha_1"' in refused.content.decode()
    response = login(client, "ivan@example.ru", PASSWORD, ip="192.0.2.77", captcha=CAPTCHA)
    assert response.status_code == 302 and client.session.get("_auth_user_id")


def test_a_strangers_failures_from_one_ip_do_not_keep_the_owner_out(client, make_applicant):
    """The stranger's IP is stopped (per account and IP, and per IP); the owner elsewhere signs in."""
    make_applicant(legal_form="entrepreneur", snils="", ogrnip="304500116000157")
    stranger = Client()
    for _ in range(20):
        login(stranger, "304500116000157", "guess", ip="203.0.113.66", captcha=CAPTCHA)
    stopped = login(stranger, "304500116000157", PASSWORD, ip="203.0.113.66", captcha=CAPTCHA)
    assert TOO_MANY in stopped.content.decode() and "_auth_user_id" not in stranger.session
    response = login(client, "304-500-116-000-157", PASSWORD, ip="192.0.2.10", captcha=CAPTCHA)
    assert response.status_code == 302 and client.session.get("_auth_user_id")


def test_auth_api_asks_for_the_captcha_after_failures_too(client, make_applicant):
    make_applicant()
    for _ in range(3):
        _api_post(client, "login", {"login": "11223344595", "password": "wrong"})
    refused = _api_post(client, "login", {"login": "11223344595", "password": PASSWORD})
    assert refused.status_code == 400
    assert [e["param"] for e in refused.json()["errors"]] == ["captcha"]
    captcha = {"key": "test", "value": "PASSED"}
    response = _api_post(client, "login", {"login": "11223344595", "password": PASSWORD, "captcha": captcha})
    assert response.status_code == 200


def test_a_wrong_captcha_is_not_a_password_try(client, make_applicant):
    """With the captcha required, a wrong answer stops before the password is checked."""
    make_applicant()
    for _ in range(3):
        login(client, "ivan@example.ru", "wrong", ip="198.51.100.9")
    wrong = login(
        client,
        "ivan@example.ru",
        PASSWORD,
        ip="198.51.100.9",
        captcha={"captcha_0": "test", "captcha_1": "NOPE"},
    )
    assert "Код с картинки введён неверно" in wrong.content.decode()
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
    body = re.sub(r"[0-9a-f]{40}", "CAPTCHA-KEY", body)  # a fresh captcha on every page
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


def _signup_identifier_probe(client, existing):
    """The same new email; the СНИЛС is the registered applicant's (11223344595) or nobody's."""
    snils = "112-233-445 95" if existing else "123-456-789 64"
    data = {**INDIVIDUAL, "email": "olga@example.ru", "snils": snils}
    client.cookies.clear()
    return _normalized(client.post("/accounts/signup/", data), snils)


def _signup_ogrn_probe(client, existing):
    """A legal entity whose ОГРН is registered (made in the test) or not; wrong captcha both times."""
    from tests.helpers import LEGAL_ENTITY

    ogrn = "1027700132195" if existing else "1027700229193"
    data = {**LEGAL_ENTITY, "email": "olga@example.ru", "ogrn": ogrn, "captcha_1": "WRONG"}
    client.cookies.clear()
    return _normalized(client.post("/accounts/signup/", data), ogrn)


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


def _api_signup_identifier_probe(client, existing):
    snils = "112-233-445 95" if existing else "123-456-789 64"
    data = {
        **{
            k: v
            for k, v in INDIVIDUAL.items()
            if k not in ("password1", "password2", "captcha_0", "captcha_1")
        },
        "email": "olga@example.ru",
        "snils": snils,
        "password": PASSWORD,
        "pd_consent": True,
        "captcha": {"key": "test", "value": "PASSED"},
    }
    client.cookies.clear()
    return _normalized(_api_post(client, "signup", data), snils)


#: (name, probe(client, existing) -> comparable answer): the pages and the auth API.
ENUMERATION_PROBES = [
    ("login", _login_probe),
    ("password reset", _reset_probe),
    ("signup", _signup_probe),
    ("signup with a registered СНИЛС", _signup_identifier_probe),
    ("signup with a registered ОГРН, wrong captcha", _signup_ogrn_probe),
    ("API login", _api_login_probe),
    ("API password reset", _api_reset_probe),
    ("API signup", _api_signup_probe),
    ("API signup with a registered СНИЛС", _api_signup_identifier_probe),
]


@pytest.mark.parametrize(("name", "probe"), ENUMERATION_PROBES, ids=[n for n, _p in ENUMERATION_PROBES])
def test_no_account_enumeration(make_applicant, name, probe):
    make_applicant()  # ivan@example.ru, СНИЛС 112-233-445 95
    make_applicant("romashka@example.ru", legal_form="legal_entity", snils="", ogrn="1027700132195")
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

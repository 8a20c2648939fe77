"""Captcha and CSRF endpoints, CORS and CSRF for listed origins only, /lk/widget.js."""

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from django.test import Client

from lk_plugin.accounts.models import ApplicantProfile
from tests.factories import PASSWORD

from .auth_helpers import BROWSER, errors_by_param, login, post_json
from .test_headless_auth import SIGNUP

pytestmark = pytest.mark.django_db

WIDGET_ORIGIN = "https://www.example.ru"
OTHER_ORIGIN = "https://evil.example.com"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def listed_origin(settings):
    settings.LK_API_ALLOWED_ORIGINS = [WIDGET_ORIGIN]
    settings.CSRF_TRUSTED_ORIGINS = [WIDGET_ORIGIN]
    return WIDGET_ORIGIN


# --- captcha ---


@pytest.mark.parametrize("method", ["get", "post"])
def test_captcha_endpoint_gives_a_key_and_an_image(client, method):
    response = getattr(client, method)("/api/lk/v1/auth/captcha/")
    assert response.status_code == 200
    data = response.json()
    assert CaptchaStore.objects.filter(hashkey=data["key"]).exists()
    assert data["image_url"] == f"http://testserver/captcha/image/{data['key']}/"
    image = client.get(data["image_url"])
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"


def test_signup_with_the_api_captcha_answer(client, monkeypatch):
    import captcha.conf.settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)  # check against the stored answer
    key = client.get("/api/lk/v1/auth/captcha/").json()["key"]
    answer = CaptchaStore.objects.get(hashkey=key).response
    wrong = post_json(client, f"{BROWSER}/auth/signup", {**SIGNUP, "captcha": {"key": key, "value": "nope"}})
    assert wrong.status_code == 400
    assert errors_by_param(wrong)["captcha"] == ["Код с картинки введён неверно, попробуйте ещё раз."]
    # A key is good for one attempt only.
    again = post_json(client, f"{BROWSER}/auth/signup", {**SIGNUP, "captcha": {"key": key, "value": answer}})
    assert again.status_code == 400
    key = client.post("/api/lk/v1/auth/captcha/").json()["key"]
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = {**SIGNUP, "captcha": None, "captcha_0": key, "captcha_1": answer}
    assert post_json(client, f"{BROWSER}/auth/signup", data).status_code == 401
    assert ApplicantProfile.objects.filter(snils="12345678964").exists()


# --- CSRF token for the widget ---


def test_csrf_endpoint_sets_the_cookie_and_returns_the_token_and_links(client):
    response = client.get("/api/lk/v1/auth/csrf/")
    assert response.status_code == 200
    data = response.json()
    assert data["csrf_token"]
    assert "csrftoken" in response.cookies
    assert data["links"] == {
        "signup": "http://testserver/accounts/signup/",
        "password_reset": "http://testserver/accounts/password/reset/",
        "cabinet": "http://testserver/lk/",
        "notifications": "http://testserver/lk/notifications/",
    }


def test_unsafe_request_without_the_csrf_token_is_refused(listed_origin, make_applicant):  # noqa: F811
    make_applicant()
    browser = Client(enforce_csrf_checks=True)
    browser.get("/api/lk/v1/auth/csrf/")
    refused = login(browser, "ivan@example.ru", PASSWORD, HTTP_ORIGIN=listed_origin)
    assert refused.status_code == 403
    assert "_auth_user_id" not in browser.session


def test_listed_origin_with_the_token_logs_in_and_out(listed_origin, make_applicant):  # noqa: F811
    make_applicant()
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/api/lk/v1/auth/csrf/", HTTP_ORIGIN=listed_origin).json()["csrf_token"]
    response = login(browser, "ivan@example.ru", PASSWORD, HTTP_ORIGIN=listed_origin, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    # Django rotates the token at login: the widget asks again before the next unsafe request.
    token = browser.get("/api/lk/v1/auth/csrf/", HTTP_ORIGIN=listed_origin).json()["csrf_token"]
    out = browser.delete(f"{BROWSER}/auth/session", HTTP_ORIGIN=listed_origin, HTTP_X_CSRFTOKEN=token)
    assert out.status_code == 401


def test_unlisted_origin_is_refused_even_with_the_token(listed_origin, make_applicant):  # noqa: F811
    make_applicant()
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/api/lk/v1/auth/csrf/").json()["csrf_token"]
    response = login(browser, "ivan@example.ru", PASSWORD, HTTP_ORIGIN=OTHER_ORIGIN, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 403


# --- CORS ---


def test_listed_origin_gets_cors_headers_with_credentials(client, listed_origin):
    response = client.get(f"{BROWSER}/auth/session", HTTP_ORIGIN=listed_origin)
    assert response["Access-Control-Allow-Origin"] == listed_origin
    assert response["Access-Control-Allow-Credentials"] == "true"
    preflight = client.options(
        f"{BROWSER}/auth/login",
        HTTP_ORIGIN=listed_origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,x-csrftoken",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == listed_origin
    assert "x-csrftoken" in preflight["Access-Control-Allow-Headers"]
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert client.get("/api/lk/v1/auth/csrf/", HTTP_ORIGIN=listed_origin)["Access-Control-Allow-Origin"] == (
        listed_origin
    )


def test_unlisted_origin_gets_no_cors_headers(client, listed_origin):
    for url in (f"{BROWSER}/auth/session", "/api/lk/v1/auth/csrf/"):
        response = client.get(url, HTTP_ORIGIN=OTHER_ORIGIN)
        assert "Access-Control-Allow-Origin" not in response
        assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        f"{BROWSER}/auth/login", HTTP_ORIGIN=OTHER_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_no_cors_by_default_and_none_outside_the_api(client, settings):
    assert settings.LK_API_ALLOWED_ORIGINS == []
    assert "Access-Control-Allow-Origin" not in client.get(
        f"{BROWSER}/auth/session", HTTP_ORIGIN=WIDGET_ORIGIN
    )
    settings.LK_API_ALLOWED_ORIGINS = [WIDGET_ORIGIN]
    assert "Access-Control-Allow-Origin" not in client.get("/accounts/login/", HTTP_ORIGIN=WIDGET_ORIGIN)


def test_system_check_wants_listed_origins_in_csrf_trusted_origins(settings):
    from lk_plugin.api.cors import check_allowed_origins

    settings.LK_API_ALLOWED_ORIGINS = [WIDGET_ORIGIN, "www.example.ru/path"]
    settings.CSRF_TRUSTED_ORIGINS = []
    ids = {message.id for message in check_allowed_origins(None)}
    assert ids == {"lk_plugin.W103", "lk_plugin.E101"}
    settings.LK_API_ALLOWED_ORIGINS = [WIDGET_ORIGIN]
    settings.CSRF_TRUSTED_ORIGINS = [WIDGET_ORIGIN]
    assert check_allowed_origins(None) == []


# --- the widget script ---


def test_widget_script_is_served_at_a_stable_url(client):
    response = client.get("/lk/widget.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "max-age=3600" in response["Cache-Control"]
    body = response.content.decode()
    assert "Email, СНИЛС, ОГРН или ОГРНИП" in body
    assert '"/api/lk/v1/auth"' in body
    assert '"/browser/v1/auth/login"' in body
    cached = client.get("/lk/widget.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert cached.status_code == 304
    assert client.post("/lk/widget.js").status_code == 405

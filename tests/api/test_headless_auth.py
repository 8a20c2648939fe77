"""allauth headless under /api/lk/v1/auth/ follows the HTML forms' rules (signup, login, limits)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from lk_plugin.accounts.models import ApplicantProfile, ConsentRecord
from tests.factories import PASSWORD

from .auth_helpers import APP, BROWSER, errors_by_param, login, post_json

pytestmark = pytest.mark.django_db

SIGNUP = {
    "legal_form": "individual",
    "last_name": "Смирнова",
    "first_name": "Ольга",
    "snils": "123-456-789 64",
    "email": "olga@example.ru",
    "phone": "+7 916 000-11-22",
    "password": PASSWORD,
    "pd_consent": True,
    "email_notifications": True,
    "captcha": {"key": "test", "value": "PASSED"},
}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def signup(client, **changes):
    data = {**SIGNUP, **changes}
    for name, value in changes.items():
        if value is None:
            del data[name]
    return post_json(
        client, f"{BROWSER}/auth/signup", data, HTTP_USER_AGENT="widget-test", REMOTE_ADDR="10.2.3.4"
    )


# --- signup ---


def test_signup_creates_user_profile_and_consent_like_the_html_form(client):
    response = signup(client)
    # Mandatory email verification: not signed in yet, the pending flow says what to do next.
    assert response.status_code == 401, response.content
    flows = {flow["id"]: flow for flow in response.json()["data"]["flows"]}
    assert flows["verify_email"]["is_pending"] is True
    profile = ApplicantProfile.objects.get(user__email="olga@example.ru")
    assert (profile.legal_form, profile.snils, profile.phone) == ("individual", "12345678964", "+79160001122")
    record = ConsentRecord.objects.get(user=profile.user, purpose="personal_data")
    assert (record.ip, record.user_agent, record.action) == ("10.2.3.4", "widget-test", "given")
    assert ConsentRecord.objects.filter(user=profile.user, purpose="email_notifications").exists()
    # The confirmation link leads to the site's HTML page.
    assert len(mail.outbox) == 1
    assert re.search(r"http://testserver/accounts/confirm-email/[-:\w]+/", mail.outbox[0].body)


def test_signup_as_legal_entity_with_form_field_names(client):
    response = signup(
        client,
        legal_form="legal_entity",
        last_name=None,
        first_name=None,
        snils=None,
        organization_name="ООО «Ромашка»",
        inn="7707083893",
        kpp="773601001",
        ogrn="1027700132195",
        password=None,
        password1=PASSWORD,
        password2=PASSWORD,
        captcha=None,
        captcha_0="test",
        captcha_1="PASSED",
    )
    assert response.status_code == 401, response.content
    profile = ApplicantProfile.objects.get(ogrn="1027700132195")
    assert (profile.inn, profile.kpp, profile.last_name) == ("7707083893", "773601001", "")


def test_bad_snils_gets_the_same_russian_message_as_the_html_form(client):
    from lk_plugin.accounts.forms import SignupForm

    html_form = SignupForm(data={"snils": "112-233-445 96"})
    html_form.is_valid()
    response = signup(client, snils="112-233-445 96")
    assert response.status_code == 400
    assert errors_by_param(response)["snils"] == html_form.errors["snils"]
    assert "СНИЛС" in errors_by_param(response)["snils"][0]
    assert not ApplicantProfile.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {"legal_form": "entrepreneur", "snils": None, "ogrnip": "304500116000158", "inn": "500100732259"},
            "ogrnip",
        ),
        (
            {"legal_form": "entrepreneur", "snils": None, "ogrnip": "304500116000157", "inn": "7707083893"},
            "inn",
        ),
        ({"snils": None}, "snils"),
        ({"phone": "12345"}, "phone"),
        ({"password": "short"}, "password1"),
    ],
)
def test_signup_identifier_and_field_rules(client, changes, field):
    response = signup(client, **changes)
    assert response.status_code == 400
    assert field in errors_by_param(response), response.json()
    assert not ApplicantProfile.objects.exists()


def test_signup_refused_without_consent(client):
    response = signup(client, pd_consent=False)
    assert response.status_code == 400
    assert errors_by_param(response)["pd_consent"] == [
        "Без согласия на обработку персональных данных регистрация невозможна."
    ]
    assert not ApplicantProfile.objects.exists()


@pytest.mark.parametrize("captcha", [None, {"key": "test", "value": "wrong"}, {"key": "", "value": ""}])
def test_signup_refused_with_wrong_or_missing_captcha(client, captcha):
    response = signup(client, captcha=captcha)
    assert response.status_code == 400
    assert "captcha" in errors_by_param(response)
    assert not ApplicantProfile.objects.exists()


def test_signup_with_taken_snils_answers_like_a_new_signup(client, make_applicant):  # noqa: F811
    make_applicant(snils="12345678964")
    taken = signup(client)
    client.cookies.clear()
    fresh = signup(client, snils="087-654-303 00")
    assert taken.status_code == fresh.status_code == 401  # pending email verification, both
    assert taken.json()["data"]["flows"] == fresh.json()["data"]["flows"]
    assert ApplicantProfile.objects.filter(snils="12345678964").count() == 1
    assert "ivan@example.ru" in {address for m in mail.outbox for address in m.to}


# --- login ---


@pytest.mark.parametrize(
    "value", ["ivan@example.ru", " IVAN@Example.RU", "112-233-445 95", "11223344595", "112 233 445 95"]
)
def test_login_by_email_or_snils_in_any_spelling(client, make_applicant, value):  # noqa: F811
    user = make_applicant()
    response = login(client, value, PASSWORD)
    assert response.status_code == 200, response.content
    data = response.json()["data"]["user"]
    assert data["display"] == "Петров Иван"
    assert data["legal_form"] == "individual"
    assert data["unread_notifications"] == 0
    assert data["cabinet_url"] == "/lk/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(f"{BROWSER}/auth/session").status_code == 200


@pytest.mark.parametrize(
    ("profile", "value"),
    [
        (
            {
                "legal_form": "legal_entity",
                "snils": "",
                "ogrn": "1027700132195",
                "inn": "7707083893",
                "kpp": "773601001",
            },
            "1-027700-132195",
        ),
        (
            {"legal_form": "entrepreneur", "snils": "", "ogrnip": "304500116000157", "inn": "500100732259"},
            "304 500 116 000 157",
        ),
    ],
)
def test_login_by_ogrn_and_ogrnip(client, make_applicant, profile, value):  # noqa: F811
    make_applicant(email="org@example.ru", **profile)
    assert login(client, value, PASSWORD).status_code == 200


def test_app_client_login_returns_a_session_token(client, make_applicant):  # noqa: F811
    make_applicant()
    response = login(client, "112-233-445 95", PASSWORD, base=APP)
    assert response.status_code == 200
    token = response.json()["meta"]["session_token"]
    assert client.get(f"{APP}/auth/session", HTTP_X_SESSION_TOKEN=token).status_code == 200


def test_allauth_clients_may_send_email_instead_of_login(client, make_applicant):  # noqa: F811
    make_applicant()
    response = post_json(client, f"{BROWSER}/auth/login", {"email": "ivan@example.ru", "password": PASSWORD})
    assert response.status_code == 200


def test_unverified_email_must_be_confirmed_first(client, make_applicant):  # noqa: F811
    user = make_applicant()
    user.emailaddress_set.update(verified=False)
    response = login(client, "11223344595", PASSWORD)
    assert response.status_code == 401
    assert {"id": "verify_email", "is_pending": True} in response.json()["data"]["flows"]
    assert "_auth_user_id" not in client.session


def test_no_enumeration_unknown_account_and_wrong_password_answer_alike(client, make_applicant):  # noqa: F811
    make_applicant()
    wrong_password = login(client, "112-233-445 95", "wrong-password")
    unknown_snils = login(client, "123-456-789 64", "wrong-password")
    unknown_email = login(client, "nobody@example.ru", "wrong-password")
    assert wrong_password.status_code == unknown_snils.status_code == unknown_email.status_code == 400
    assert wrong_password.json() == unknown_snils.json() == unknown_email.json()
    assert "Неверный логин или пароль" in wrong_password.json()["errors"][0]["message"]


def test_rate_limit_counts_per_account_across_spellings_and_answers_429(client, make_applicant):  # noqa: F811
    make_applicant()
    for spelling in ["112-233-445 95", "11223344595", "112 233 445 95", "ivan@example.ru", "112.233.445.95"]:
        assert login(client, spelling, "wrong").status_code == 400
    response = login(client, "112 233 44595", "wrong")
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "too_many_login_attempts"
    assert "Слишком много неудачных попыток" in response.json()["errors"][0]["message"]
    # Even the right password is refused now, in any spelling.
    assert login(client, "IVAN@example.ru", PASSWORD).status_code == 429


def test_html_and_api_failures_share_one_limit(client, make_applicant):  # noqa: F811
    make_applicant()
    for _ in range(3):
        client.post("/accounts/login/", {"login": "11223344595", "password": "wrong"})
    for _ in range(2):
        assert login(client, "112-233-445 95", "wrong").status_code == 400
    assert login(client, "ivan@example.ru", PASSWORD).status_code == 429


def test_one_persons_failures_do_not_lock_out_another(client, make_applicant):  # noqa: F811
    make_applicant()
    make_applicant(email="olga@example.ru", snils="12345678964")
    for _ in range(6):
        login(client, "11223344595", "wrong")
    assert login(client, "123-456-789 64", PASSWORD).status_code == 200


# --- logout and password reset ---


def test_logout(client, make_applicant):  # noqa: F811
    make_applicant()
    assert login(client, "ivan@example.ru", PASSWORD).status_code == 200
    response = client.delete(f"{BROWSER}/auth/session")
    assert response.status_code == 401
    assert response.json()["meta"]["is_authenticated"] is False
    assert "_auth_user_id" not in client.session
    assert client.get("/lk/").status_code == 302


def test_password_reset_request_does_not_reveal_accounts(client, make_applicant):  # noqa: F811
    make_applicant()
    known = post_json(client, f"{BROWSER}/auth/password/request", {"email": "ivan@example.ru"})
    unknown = post_json(client, f"{BROWSER}/auth/password/request", {"email": "nobody@example.ru"})
    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()


def test_password_reset_by_key_from_the_mail(client, make_applicant):  # noqa: F811
    make_applicant()
    post_json(client, f"{BROWSER}/auth/password/request", {"email": "ivan@example.ru"})
    assert len(mail.outbox) == 1
    # The link leads to the site's HTML page; its last segment is the key the API accepts too.
    link = re.search(r"http://testserver/accounts/password/reset/key/(\S+)/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    key = link.group(1)
    check = client.get(f"{BROWSER}/auth/password/reset", HTTP_X_PASSWORD_RESET_KEY=key)
    assert check.status_code == 200
    bad = post_json(client, f"{BROWSER}/auth/password/reset", {"key": key, "password": "123"})
    assert bad.status_code == 400
    assert "password" in errors_by_param(bad)
    response = post_json(
        client, f"{BROWSER}/auth/password/reset", {"key": key, "password": "Novyi-parol-2026"}
    )
    assert response.status_code == 401  # reset, not signed in (ACCOUNT_LOGIN_ON_PASSWORD_RESET off)
    assert login(client, "112-233-445 95", "Novyi-parol-2026").status_code == 200
    client.delete(f"{BROWSER}/auth/session")
    # The key is spent.
    again = post_json(client, f"{BROWSER}/auth/password/reset", {"key": key, "password": "Drugoi-parol-2026"})
    assert again.status_code == 400


def test_person_who_must_change_password_gets_json_then_the_cabinet_asks_for_it(client, make_applicant):  # noqa: F811
    user = make_applicant()
    user.lk_profile.must_change_password = True
    user.lk_profile.save()
    assert login(client, "ivan@example.ru", PASSWORD).status_code == 200
    assert client.get(f"{BROWSER}/auth/session").status_code == 200
    assert client.get("/lk/")["Location"] == "/lk/password/required/"
    # The resource API answers a program in its own error shape, not with an HTML redirect.
    refused = client.get("/api/lk/v1/applications/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "password_change_required"
    assert "временный пароль" in refused.json()["detail"]
    assert client.delete(f"{BROWSER}/auth/session").status_code == 401


def test_app_token_of_a_person_who_must_change_password_is_refused_with_json(client, make_applicant):  # noqa: F811
    user = make_applicant()
    user.lk_profile.must_change_password = True
    user.lk_profile.save()
    response = login(client, "ivan@example.ru", PASSWORD, base=APP)
    token = response.json()["meta"]["session_token"]
    refused = client.get("/api/lk/v1/profile/", HTTP_X_SESSION_TOKEN=token)
    assert refused.status_code == 403 and refused.json()["code"] == "password_change_required"
    user.lk_profile.must_change_password = False
    user.lk_profile.save()
    fresh = login(client, "ivan@example.ru", PASSWORD, base=APP).json()["meta"]["session_token"]
    assert client.get("/api/lk/v1/profile/", HTTP_X_SESSION_TOKEN=fresh).status_code == 200


def test_signup_with_a_registered_email_answers_like_a_new_one(client, make_applicant):  # noqa: F811
    from django.contrib.auth import get_user_model

    make_applicant(email="olga@example.ru")
    response = signup(client)
    assert response.status_code == 401
    assert {flow["id"] for flow in response.json()["data"]["flows"] if flow.get("is_pending")} == {
        "verify_email"
    }
    assert get_user_model().objects.count() == 1
    assert len(mail.outbox) == 1  # "you already have an account" goes to the owner


def test_malformed_json_is_a_client_error(client):
    response = client.post(f"{BROWSER}/auth/login", data="{not json", content_type="application/json")
    assert response.status_code == 400
    response = post_json(client, f"{BROWSER}/auth/signup", {"legal_form": "nonsense", "pd_consent": "yes"})
    assert response.status_code == 400
    assert "legal_form" in errors_by_param(response)

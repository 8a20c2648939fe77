import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, value, password=PASSWORD):
    # The captcha answer is ignored unless failures made the account's login ask for it.
    return client.post(
        "/accounts/login/", {"login": value, "password": password, "captcha_0": "t", "captcha_1": "PASSED"}
    )


@pytest.mark.parametrize(
    "value",
    [
        "ivan@example.ru",
        "IVAN@Example.RU ",
        "112-233-445 95",
        "11223344595",
        "112 233 445 95",
        "112-233-445-95",
    ],
)
def test_login_by_email_or_snils_in_any_spelling(client, make_applicant, value):
    user = make_applicant()
    response = login(client, value)
    assert response.status_code == 302
    assert response["Location"] == "/lk/"
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("value", ["1027700132195", "1-027700-132195", "1 0277 0013 2195"])
def test_login_by_ogrn(client, make_applicant, value):
    make_applicant(
        email="org@example.ru",
        legal_form="legal_entity",
        snils="",
        ogrn="1027700132195",
        organization_name="ООО Ромашка",
        inn="7707083893",
        kpp="773601001",
    )
    assert login(client, value).status_code == 302


@pytest.mark.parametrize("value", ["304500116000157", "304-500-116-000-157"])
def test_login_by_ogrnip(client, make_applicant, value):
    make_applicant(
        email="ip@example.ru",
        legal_form="entrepreneur",
        snils="",
        ogrnip="304500116000157",
        inn="500100732259",
    )
    assert login(client, value).status_code == 302


def test_wrong_password_russian_error(client, make_applicant):
    make_applicant()
    response = login(client, "112-233-445 95", "wrong-password")
    assert response.status_code == 200
    assert "Неверный логин или пароль" in response.content.decode()
    assert 'value="112-233-445 95"' in response.content.decode()


def test_rate_limit_counts_per_account_across_spellings(client, make_applicant):
    make_applicant()
    spellings = ["112-233-445 95", "11223344595", "112 233 445 95", "ivan@example.ru", "112.233.445.95"]
    for spelling in spellings:  # 5 failures per 5 minutes per account
        response = login(client, spelling, "wrong")
        assert "Слишком много" not in response.content.decode()
    response = login(client, "112 233 44595", "wrong")
    assert "Слишком много неудачных попыток" in response.content.decode()
    # Even the right password is refused now from this IP: the limit is on the account (whatever the
    # spelling) and the IP; another IP is not locked (tests/security/test_authentication.py).
    response = login(client, "IVAN@example.ru", PASSWORD)
    assert response.status_code == 200


def test_one_persons_failures_do_not_lock_out_another(client, make_applicant):
    make_applicant()
    make_applicant(email="olga@example.ru", snils="12345678964", last_name="Смирнова", first_name="Ольга")
    for _ in range(6):
        login(client, "112-233-445 95", "wrong")
    response = login(client, "123-456-789 64")
    assert response.status_code == 302


def test_unknown_identifier_gets_same_error_as_wrong_password(client, make_applicant):
    make_applicant()
    unknown = login(client, "123-456-789 64", "whatever").content.decode()
    assert "Неверный логин или пароль" in unknown


def test_unverified_email_cannot_sign_in_before_confirmation(client):
    from lk_plugin.accounts.models import ApplicantProfile
    from tests.helpers import INDIVIDUAL

    client.post("/accounts/signup/", INDIVIDUAL)
    assert ApplicantProfile.objects.exists()
    response = login(client, "123-456-789 64")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_enumerate(client, make_applicant):
    make_applicant()
    known = client.post("/accounts/password/reset/", {"email": "ivan@example.ru"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.ru"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 2  # a reset link, and a "no account" note to the unknown address
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_password_reset_links_expire_in_one_hour(settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 3600


def test_admin_login_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_staff_without_profile_lands_in_admin(client, django_user_model):
    from allauth.account.models import EmailAddress

    staff = django_user_model.objects.create_user(
        username="s", email="s@example.ru", password=PASSWORD, is_staff=True
    )
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    response = login(client, "s@example.ru")
    assert response["Location"] == "/admin/"


def test_widget_shows_name_never_snils(client, make_applicant):
    make_applicant(middle_name="Сергеевич")
    login(client, "112-233-445 95")
    html = client.get("/accounts/signup/", follow=True).content.decode()
    assert "Петров Иван Сергеевич" in html
    assert "11223344595" not in html and "112-233-445" not in html
    assert "Выйти" in html


def test_staff_can_open_totp_setup(client, django_user_model):
    staff = django_user_model.objects.create_user(
        username="s", email="s@example.ru", password=PASSWORD, is_staff=True
    )
    client.force_login(staff)
    response = client.get("/accounts/2fa/")
    assert response.status_code == 200
    assert "/accounts/2fa/totp/activate/" in response.content.decode()

"""Staff MFA is enforced: whoever can open the Wagtail admin and has no TOTP authenticator is sent
to enrol before anything else (admin pages, exports, the API); with TOTP the admin opens."""

from types import SimpleNamespace

import pytest
from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD, applicant, editor_user, staff_user

pytestmark = pytest.mark.django_db
ENROL = "/accounts/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _mfa_on(settings):
    settings.LK_STAFF_MFA_REQUIRED = True  # the default; the test settings turn it off for other suites


def _code(secret):
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in(client, person):
    """Through the login form, as a person would (allauth records when they authenticated)."""
    from allauth.account.models import EmailAddress

    person.set_password(PASSWORD)
    person.save()
    EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    client.post("/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(person.pk)


def _open_enrolment(client):
    """allauth asks for the password again before an authenticator is added; the gate lets it."""
    response = client.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    assert client.get(response["Location"]).status_code == 200
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get(ENROL)
    assert page.status_code == 200
    return page


def _admin_urls():
    index = reverse("lk_application:index")
    return [
        "/admin/",
        index,
        index + "?export=csv",
        index + "?export=xlsx",
        reverse("lk_appeal:index") + "?export=csv",
    ]


@pytest.mark.parametrize("make_person", [staff_user, editor_user], ids=["staff", "editor"])
def test_admin_user_without_totp_is_sent_to_enrol_from_admin_and_exports(client, make_person):
    _sign_in(client, make_person())
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ENROL, url
    assert client.get("/lk/")["Location"] == ENROL  # the cabinet too: nothing else first
    _open_enrolment(client)


def test_superuser_without_totp_is_sent_to_enrol(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.ru", "root@example.ru", PASSWORD)
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == ENROL


def test_a_session_from_before_the_gate_is_checked_too(client):
    client.force_login(staff_user())
    session = client.session
    session.pop("lk_mfa_gate")
    session.save()
    assert client.get(reverse("lk_application:index") + "?export=csv")["Location"] == ENROL


def test_cabinet_api_refuses_staff_without_totp_with_json(client):
    client.force_login(staff_user())
    response = client.get("/api/lk/v1/notifications/")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_enrolment_required"


def test_staff_with_totp_opens_admin_and_exports(client):
    person = staff_user()
    TOTP.activate(person, generate_totp_secret())
    client.force_login(person)
    for url in _admin_urls():
        response = client.get(url)
        if "export=" in url:  # an export starts a background job and opens its admin page
            assert response.status_code == 302 and "/admin/lk-jobs/" in response["Location"], url
        else:
            assert response.status_code == 200, url


def test_enrolment_issues_recovery_codes_then_opens_admin(client, django_capture_on_commit_callbacks):
    person = staff_user()
    _sign_in(client, person)
    page = _open_enrolment(client)
    secret = page.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENROL, {"code": _code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.RECOVERY_CODES).exists()
    codes = client.get(response["Location"])
    assert codes.status_code == 200 and "перейти в администрирование" in codes.content.decode()
    assert client.get("/admin/").status_code == 200


def test_removing_the_authenticator_closes_the_admin_again(client):
    person = staff_user()
    TOTP.activate(person, generate_totp_secret())
    client.force_login(person)
    assert client.get("/admin/").status_code == 200

    Authenticator.objects.filter(user=person).delete()
    session = client.session
    signals.authenticator_removed.send(
        sender=Authenticator, request=SimpleNamespace(session=session), user=person, authenticator=None
    )
    session.save()
    assert client.get("/admin/")["Location"] == ENROL


def test_applicant_is_not_asked_to_enrol_but_may(client):
    person = applicant()
    client.force_login(person)
    assert client.get("/lk/").status_code == 200
    profile = client.get("/lk/profile/").content.decode()
    assert reverse("mfa_index") in profile


def test_gate_is_on_by_default():
    from django.test import override_settings

    from lk_plugin.app_settings import app_settings

    with override_settings():
        from django.conf import settings

        del settings.LK_STAFF_MFA_REQUIRED
        assert app_settings.STAFF_MFA_REQUIRED is True


def test_demo_command_refuses_to_run_with_debug_off(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("lk_demo", "--quiet")
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="admin@example.ru").exists()

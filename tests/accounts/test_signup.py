import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from lk_plugin.accounts.models import ApplicantProfile, ConsentDocument, ConsentRecord
from lk_plugin.notifications.models import NotificationPreferences
from tests.factories import PASSWORD
from tests.helpers import ENTREPRENEUR, INDIVIDUAL, LEGAL_ENTITY

pytestmark = pytest.mark.django_db


def test_signup_page_shows_fields_and_consent_link(client):
    html = client.get("/accounts/signup/").content.decode()
    for name in (
        "legal_form",
        "last_name",
        "snils",
        "ogrnip",
        "inn",
        "kpp",
        "ogrn",
        "email",
        "phone",
        "password1",
        "password2",
        "account_number",
        "pd_consent",
        "email_notifications",
        "captcha_1",
    ):
        assert f'name="{name}"' in html, name
    assert "/lk/consent/personal_data/" in html


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (INDIVIDUAL, {"snils": "12345678964", "last_name": "Смирнова", "inn": "", "ogrn": ""}),
        (ENTREPRENEUR, {"ogrnip": "304500116000157", "inn": "500100732259", "snils": ""}),
        (LEGAL_ENTITY, {"inn": "7707083893", "kpp": "773601001", "ogrn": "1027700132195", "last_name": ""}),
    ],
)
def test_signup_per_legal_form_creates_profile_consent_and_sends_verification(client, data, expected):
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/accounts/confirm-email/"
    profile = ApplicantProfile.objects.get(user__email="new@example.ru")
    assert profile.legal_form == data["legal_form"]
    assert profile.phone == "+79160001122"
    for field, value in expected.items():
        assert getattr(profile, field) == value
    # Mandatory verification: one mail with the confirmation link, email not yet verified.
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not profile.user.emailaddress_set.get().verified
    assert NotificationPreferences.objects.get(user=profile.user).email is True


def test_signup_records_consent_with_version_and_hash(client):
    client.post("/accounts/signup/", INDIVIDUAL, HTTP_USER_AGENT="pytest-browser", REMOTE_ADDR="10.1.2.3")
    document = ConsentDocument.objects.current("personal_data")
    record = ConsentRecord.objects.get(user__email="new@example.ru", purpose="personal_data")
    assert record.action == "given"
    assert record.document == document
    assert record.version == document.version
    assert re.fullmatch(r"[0-9a-f]{64}", record.text_sha256)
    assert record.text_sha256 == document.text_hash
    assert record.ip == "10.1.2.3"
    assert record.user_agent == "pytest-browser"
    assert ConsentRecord.objects.filter(user__email="new@example.ru", purpose="email_notifications").exists()


def test_consent_record_is_append_only(client):
    client.post("/accounts/signup/", INDIVIDUAL)
    record = ConsentRecord.objects.get(purpose="personal_data")
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        record.delete()


def test_bad_snils_error_at_its_field_and_input_kept(client):
    response = client.post("/accounts/signup/", {**INDIVIDUAL, "snils": "112-233-445 96"})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["snils"]
    assert "контрольное число" in form.errors["snils"][0]
    html = response.content.decode()
    assert 'value="Смирнова"' in html
    assert 'value="new@example.ru"' in html
    assert PASSWORD not in html  # passwords are never echoed back
    assert not ApplicantProfile.objects.exists()


def test_required_fields_of_the_chosen_form(client):
    response = client.post("/accounts/signup/", {**LEGAL_ENTITY, "kpp": "", "organization_name": ""})
    errors = response.context["form"].errors
    assert set(errors) == {"kpp", "organization_name"}
    response = client.post("/accounts/signup/", {**ENTREPRENEUR, "inn": "7707083893"})
    assert (
        "12 цифр" in response.context["form"].errors["inn"][0]
        or "ИНН" in response.context["form"].errors["inn"][0]
    )


def test_consent_required(client):
    data = dict(INDIVIDUAL)
    data.pop("pd_consent")
    response = client.post("/accounts/signup/", data)
    assert "pd_consent" in response.context["form"].errors


@pytest.mark.parametrize(
    ("data", "field", "existing"),
    [
        (INDIVIDUAL, "snils", {"snils": "12345678964"}),
        (ENTREPRENEUR, "ogrnip", {"legal_form": "entrepreneur", "snils": "", "ogrnip": "304500116000157"}),
        (LEGAL_ENTITY, "ogrn", {"legal_form": "legal_entity", "snils": "", "ogrn": "1027700132195"}),
        (LEGAL_ENTITY, "inn", {"legal_form": "legal_entity", "snils": "", "inn": "7707083893"}),
    ],
)
def test_duplicate_identifier_answers_like_a_new_signup_and_mails_the_owner(
    client, make_applicant, data, field, existing
):
    make_applicant(email="owner@example.ru", **existing)
    response = client.post("/accounts/signup/", data)
    # The same answer as a fresh signup (ACCOUNT_PREVENT_ENUMERATION); no account is created.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert ApplicantProfile.objects.count() == 1
    assert not get_user_model().objects.filter(email="new@example.ru").exists()
    # The owner is told; the typed address gets nothing (it owns no account).
    assert [m.to for m in mail.outbox] == [["owner@example.ru"]]
    assert "Новая учётная запись не создана" in mail.outbox[0].body


def test_duplicate_email_does_not_enumerate(client, make_applicant):
    make_applicant(email="new@example.ru", snils="11223344595")
    response = client.post("/accounts/signup/", INDIVIDUAL)
    # Same answer as a fresh signup; the owner gets an "account already exists" mail.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert ApplicantProfile.objects.count() == 1
    assert len(mail.outbox) == 1


def test_password_rules_in_russian(client):
    response = client.post(
        "/accounts/signup/", {**INDIVIDUAL, "password1": "1234567", "password2": "1234567"}
    )
    errors = " ".join(response.context["form"].errors["password1"])
    assert "8" in errors and "парол" in errors.lower()


def test_concurrent_duplicate_caught_by_db_constraint(client, make_applicant, monkeypatch):
    from lk_plugin.accounts import forms as account_forms

    make_applicant(email="first@example.ru", snils="12345678964")
    # The form check passed (the other signup had not committed yet); the DB constraint decides.
    monkeypatch.setattr(account_forms, "clean_identity", lambda form, cleaned, **kw: cleaned)
    response = client.post("/accounts/signup/", INDIVIDUAL)
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert [m.to for m in mail.outbox] == [["first@example.ru"]]
    assert ApplicantProfile.objects.count() == 1
    assert not ApplicantProfile.objects.filter(user__email="new@example.ru").exists()
    assert not get_user_model().objects.filter(email="new@example.ru").exists()

"""Profile and application forms through the API: the HTML forms' rules and messages."""

import pytest

from lk_plugin.accounts.forms import ProfileForm
from tests.factories import UserFactory
from tests.helpers import ApiClient

pytestmark = pytest.mark.django_db


def test_profile_read_and_update(api, person):
    body = api.get("/profile/").json()
    assert body["legal_form"] == "individual"
    assert body["display_name"] == "Иванов Иван"
    assert "organization_name" not in body["editable_fields"] and "phone" in body["editable_fields"]

    response = api.patch("/profile/", {"phone": "8 (916) 555-44-33", "postal_address": "г. Москва"})
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "+79165554433"
    person.lk_profile.refresh_from_db()
    assert person.lk_profile.postal_address == "г. Москва"
    assert person.lk_profile.last_name == "Иванов"  # what was not sent stays


def test_profile_errors_are_the_html_forms_messages(api, person):
    response = api.patch("/profile/", {"phone": "12345", "last_name": ""})
    assert response.status_code == 400
    errors = response.json()["errors"]
    html_form = ProfileForm(
        {"phone": "12345", "last_name": "", "first_name": "Иван"}, instance=person.lk_profile
    )
    assert not html_form.is_valid()
    assert errors["phone"] == html_form.errors["phone"]
    assert errors["last_name"] == html_form.errors["last_name"] == ["Требуется заполнить это поле."]


def test_profile_of_a_user_without_applicant_profile_is_404(client):
    client.force_login(UserFactory())
    assert ApiClient(client).get("/profile/").status_code == 404


def test_published_forms_and_schema_are_public(anon_api, tp_page):
    forms = anon_api.get("/forms/").json()
    assert tp_page.pk in [f["id"] for f in forms]
    schema = anon_api.get(f"/forms/{tp_page.pk}/").json()
    assert [s["key"] for s in schema["steps"]][:3] == ["applicant", "object", "technical"]
    fields = {f["name"]: f for s in schema["steps"] for f in s["fields"]}
    assert fields["applicant_snils"]["type"] == "snils"
    assert fields["applicant_snils"]["format_hint"].startswith("СНИЛС указан неверно")
    assert fields["max_power_kw"]["json_type"] == "decimal" and fields["max_power_kw"]["min"] == "0.1"
    assert fields["reason"]["choices"][0] == ["new", "Новое присоединение"]
    assert fields["representative_name"]["condition"] == {"field": "by_representative", "equals": "True"}
    assert fields["passport"]["json_type"] == "file" and fields["passport"]["legal_forms"] == ["individual"]
    assert schema["uploads"]["extensions"][0] == "pdf"
    assert schema["submit"]["captcha_required"] is True
    tp_page.unpublish()
    assert anon_api.get(f"/forms/{tp_page.pk}/").status_code == 404


def test_step_validation_gives_the_wizards_messages_and_keeps_valid_values(client, tp_page, applicant):
    client.force_login(applicant)
    api = ApiClient(client)
    draft = api.post("/drafts/", {"form_id": tp_page.pk}).json()
    assert draft["data"]["applicant_phone"] == "+79161234567"  # prefilled from the profile
    response = api.put(
        f"/drafts/{draft['id']}/steps/0/",
        {
            "data": {
                "applicant_name": "Петров И. С.",
                "applicant_snils": "112-233-445 96",
                "applicant_phone": "",
            }
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["applicant_snils"] == ["СНИЛС указан неверно: проверьте 11 цифр и контрольное число."]
    assert errors["applicant_phone"] == ["Заполните поле «Телефон»."]
    saved = api.get(f"/drafts/{draft['id']}/").json()
    assert saved["data"]["applicant_name"] == "Петров И. С."
    # Autosave checks only the format.
    response = api.put(f"/drafts/{draft['id']}/steps/0/", {"data": {"applicant_phone": ""}, "partial": True})
    assert response.status_code == 200


def test_document_upload_runs_the_upload_checks(client, tp_page, applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(applicant)
    api = ApiClient(client)
    draft_id = api.post("/drafts/", {"form_id": tp_page.pk}).json()["id"]
    fake = SimpleUploadedFile("passport.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = api.post(f"/drafts/{draft_id}/documents/", {"slot": "passport", "file": fake}, multipart=True)
    assert response.status_code == 400
    assert response.json()["errors"]["file"]
    unknown = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n")
    response = api.post(f"/drafts/{draft_id}/documents/", {"slot": "nope", "file": unknown}, multipart=True)
    assert response.json()["errors"] == {"slot": ["В форме нет такого документа."]}

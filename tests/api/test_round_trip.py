"""The form schema round-trips: a draft filled only through the API (values derived from the schema)
validates and submits like the HTML wizard: same number format, same outbox rows."""

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lk_plugin.applications.models import Application
from lk_plugin.formbuilder.display import is_visible
from lk_plugin.notifications.models import OutboxMessage
from tests.factories import make_applicant
from tests.helpers import PDF, ApiClient, fill_tp_draft

SAMPLES = {
    "snils": "112-233-445 95",
    "inn": "500100732259",
    "kpp": "773601001",
    "ogrn": "1027700132195",
    "ogrnip": "304500116000157",
    "phone": "+7 916 123-45-67",
    "email": "api-user@example.ru",
    "cadastral": "77:01:0001013:4915",
}
NUMBER = re.compile(r"^(\d+)(ТП/ФЛ/[А-Я]{2}/[^/]+/ЛК)$")


def value_for(field: dict):
    """A valid value for a field, from what the API schema says about it."""
    if field["type"] in SAMPLES:
        return SAMPLES[field["type"]]
    if field["choices"]:
        first = field["choices"][0][0]
        return [first] if field["json_type"] == "array" else first
    kind = field["json_type"]
    if kind == "boolean":
        return field["required"]  # optional flags stay off (they would open conditional fields)
    if kind in ("integer", "decimal"):
        low = float(field["min"]) if field["min"] is not None else 1
        high = float(field["max"]) if field["max"] is not None else 10**6
        value = 15 if low <= 15 <= high else low
        return value if kind == "integer" else str(value)
    if kind == "date":
        return (dt.date.today() + dt.timedelta(days=90)).isoformat()
    return f"Значение: {field['label']}"[:200]


def fill_through_api(api: ApiClient, form_id: int, legal_form: str = "individual") -> int:
    schema = api.get(f"/forms/{form_id}/").json()
    draft = api.post("/drafts/", {"form_id": form_id})
    assert draft.status_code == 201, draft.content
    draft_id = draft.json()["id"]
    data: dict = {}
    for step in schema["steps"]:
        values = {}
        for field in step["fields"]:
            if field["json_type"] in ("none", "file") or not is_visible(field, data | values):
                continue
            values[field["name"]] = value_for(field)
        for field in step["fields"]:
            wanted = not field["legal_forms"] or legal_form in field["legal_forms"]
            if (
                field["json_type"] == "file"
                and field["required"]
                and wanted
                and is_visible(field, data | values)
            ):
                upload = SimpleUploadedFile(f"{field['name']}.pdf", PDF, content_type="application/pdf")
                response = api.post(
                    f"/drafts/{draft_id}/documents/", {"slot": field["name"], "file": upload}, multipart=True
                )
                assert response.status_code == 201, response.content
        response = api.put(f"/drafts/{draft_id}/steps/{step['index']}/", {"data": values})
        assert response.status_code == 200, (step["key"], response.content)
        data.update(values)
    return draft_id


def _outbox_kinds(user):
    return sorted(OutboxMessage.objects.filter(user=user).values_list("channel", "event"))


def test_a_draft_filled_through_the_api_submits_like_the_html_wizard(client, tp_page):
    # The HTML path: the wizard's «Подать заявку».
    html_user = make_applicant(email="html@example.ru")
    draft = fill_tp_draft(tp_page, html_user)
    client.force_login(html_user)
    response = client.post(
        reverse("lk_applications:form", args=[draft.pk]),
        {"step": "6", "action": "submit", "pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"},
    )
    assert response.status_code == 302
    html_app = Application.objects.get(pk=draft.pk)

    # The API path: schema → steps → documents → submit, nothing else.
    api_user = make_applicant(email="api-user@example.ru", last_name="Сидоров")
    client.force_login(api_user)
    api = ApiClient(client)
    draft_id = fill_through_api(api, tp_page.pk)
    response = api.post(
        f"/drafts/{draft_id}/submit/", {"pd_consent": True, "captcha_key": "x", "captcha_value": "PASSED"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"

    html_number, api_number = NUMBER.match(html_app.number), NUMBER.match(body["number"])
    assert html_number and api_number, (html_app.number, body["number"])
    assert api_number.group(2) == html_number.group(2) == "ТП/ФЛ/НП/До 15/ЛК"
    assert int(api_number.group(1)) == int(html_number.group(1)) + 1
    assert _outbox_kinds(api_user) == _outbox_kinds(html_user) != []
    detail = api.get(f"/applications/{draft_id}/").json()
    assert detail["number"] == body["number"]


def test_submit_without_consent_or_documents_answers_with_the_wizards_messages(client, tp_page):
    user = make_applicant(email="api-user@example.ru")
    client.force_login(user)
    api = ApiClient(client)
    draft_id = api.post("/drafts/", {"form_id": tp_page.pk}).json()["id"]

    response = api.post(f"/drafts/{draft_id}/submit/", {"captcha_key": "x", "captcha_value": "PASSED"})
    assert response.status_code == 400
    assert response.json()["errors"]["pd_consent"] == [
        "Без согласия на обработку персональных данных заявку подать нельзя."
    ]

    response = api.post(
        f"/drafts/{draft_id}/submit/", {"pd_consent": True, "captcha_key": "x", "captcha_value": "PASSED"}
    )
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "invalid"
    assert body["detail"] == "Заявка заполнена не полностью: исправьте отмеченные шаги."
    assert body["errors"]["passport"] == ["Приложите документ «Паспорт (страницы с фото и пропиской)»."]
    assert body["errors"]["object_name"] == ["Заполните поле «Наименование объекта»."]
    assert Application.objects.get(pk=draft_id).status == "draft"

"""The API's frame: OpenAPI served, docs for staff/DEBUG only, one error shape, session+CSRF or token."""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.helpers import API

pytestmark = pytest.mark.django_db


def test_openapi_document_is_served_to_anyone(anon_api):
    response = anon_api.client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Личный кабинет: API"
    assert f"{API}/applications/" in schema["paths"]
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {"detail", "code", "errors"}
    # Every operation documents its errors with the one shape.
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "404" in operation["responses"], (method, path)


@pytest.mark.parametrize(
    ("who", "debug", "status"),
    [("guest", False, 404), ("applicant", False, 404), ("staff", False, 200), ("guest", True, 200)],
)
def test_interactive_docs_only_for_staff_or_debug(client, settings, who, debug, status):
    settings.DEBUG = debug
    if who != "guest":
        client.force_login(UserFactory(is_staff=who == "staff"))
    response = client.get(f"{API}/docs")
    assert response.status_code == status
    if status == 200:  # Swagger UI from our static files: the CSP allows only 'self'
        assert b"/static/ninja/swagger-ui-bundle.js" in response.content


def test_guest_gets_401_in_the_error_shape(anon_api):
    response = anon_api.get("/applications/")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Войдите в личный кабинет.",
        "code": "not_authenticated",
        "errors": {},
    }


def test_unknown_object_is_404_in_the_error_shape(api):
    response = api.get("/applications/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено.", "code": "not_found", "errors": {}}


def test_malformed_request_is_422_with_russian_messages_at_the_fields(api):
    response = api.get("/applications/", page="0")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_request"
    assert body["errors"] == {"page": ["Значение слишком мало."]}
    response = api.post("/drafts/", {})
    assert response.json()["errors"] == {"form_id": ["Требуется заполнить это поле."]}


def test_session_needs_csrf_for_unsafe_methods(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post(f"{API}/notifications/read-all/")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf"
    client.get("/lk/")  # the cabinet page sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(f"{API}/notifications/read-all/", headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_app_token_authenticates_without_cookies_or_csrf(person):
    browser = Client()
    browser.force_login(person)
    token = browser.session.session_key
    app = Client(enforce_csrf_checks=True)
    assert app.get(f"{API}/profile/", headers={"X-Session-Token": token}).status_code == 200
    assert app.post(f"{API}/notifications/read-all/", headers={"X-Session-Token": token}).status_code == 200
    assert app.get(f"{API}/profile/", headers={"X-Session-Token": "nonsense"}).status_code == 401

"""A person registered in the office with a temporary password replaces it before anything else —
also through the auth API (browser and app clients); a new password set anywhere lifts the gate;
the cabinet's own password change is rate limited."""

import pytest
from django.urls import reverse

from lk_plugin.accounts.models import ApplicantProfile
from tests.api.auth_helpers import APP, BROWSER, login, post_json
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Novyi-parol-2026!"


@pytest.fixture
def temporary(make_applicant):
    user = make_applicant()
    ApplicantProfile.objects.filter(user=user).update(must_change_password=True)
    return user


def test_browser_auth_api_refuses_email_changes_until_the_password_is_replaced(client, temporary):
    assert login(client, "ivan@example.ru", PASSWORD).status_code == 200
    refused = post_json(client, f"{BROWSER}/account/email", {"email": "other@example.ru"})
    assert refused.status_code == 403 and refused.json()["code"] == "password_change_required"
    assert client.get(f"{BROWSER}/auth/session").status_code == 200  # the session itself still answers
    changed = post_json(
        client,
        f"{BROWSER}/account/password/change",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.status_code == 200, changed.content
    assert not ApplicantProfile.objects.get(user=temporary).must_change_password
    assert client.get("/lk/").status_code == 200  # the gate is lifted in this session too


def test_app_client_meets_the_same_gate(client, temporary):
    token = login(client, "ivan@example.ru", PASSWORD, base=APP).json()["meta"]["session_token"]
    refused = post_json(
        client, f"{APP}/account/email", {"email": "other@example.ru"}, HTTP_X_SESSION_TOKEN=token
    )
    assert refused.status_code == 403 and refused.json()["code"] == "password_change_required"
    changed = post_json(
        client,
        f"{APP}/account/password/change",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        HTTP_X_SESSION_TOKEN=token,
    )
    assert changed.status_code == 200, changed.content
    assert not ApplicantProfile.objects.get(user=temporary).must_change_password


def test_cabinet_password_change_lifts_the_flag_and_is_rate_limited(client, make_applicant):
    user = make_applicant()
    client.force_login(user)
    url = reverse("lk_accounts:password_change")
    for _ in range(5):
        response = client.post(
            url, {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        assert response.status_code == 400
    limited = client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert limited.status_code == 429
    assert "Слишком много попыток смены пароля" in limited.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

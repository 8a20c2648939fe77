"""The connection API: stages headline, invoices, payment start, the public status endpoint."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PREFIX = "/api/lk/v1"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_stages_and_invoices_of_own_application(client, offered):
    application, invoice = offered
    client.force_login(application.owner)
    stages = client.get(f"{PREFIX}/applications/{application.pk}/stages/").json()
    assert stages["headline"].startswith("Текущий этап: Оплата счёта и заключение договора — до ")
    assert [s["state"] for s in stages["steps"]][:3] == ["done", "current", "next"]
    assert "п. 103" in stages["steps"][1]["legal_basis"]
    invoices = client.get(f"{PREFIX}/applications/{application.pk}/invoices/").json()
    assert invoices[0]["number"] == invoice.number and invoices[0]["status"] == "issued"
    payment = client.get(f"{PREFIX}/applications/{application.pk}/invoices/{invoice.pk}/payment/").json()
    assert payment["qr_payload"].startswith("ST00012|") and "|Sum=55000|" in payment["qr_payload"]


def test_public_status_endpoint_neutral_and_limited(client, process, settings):
    settings.LK_STATUS_CHECK_LIMIT = 2
    number = process.application.number
    ok = client.get(f"{PREFIX}/status/", {"number": number, "phone_last4": "4567"})
    assert ok.status_code == 200
    assert set(ok.json()) == {"number", "status", "stage", "stage_number", "stage_total", "due_date"}
    wrong = client.get(f"{PREFIX}/status/", {"number": number, "phone_last4": "0000"})
    assert wrong.status_code == 404 and wrong.json()["code"] == "not_found"
    assert client.get(f"{PREFIX}/status/", {"number": number, "phone_last4": "4567"}).status_code == 429

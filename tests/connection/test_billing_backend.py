"""The HTTP/JSON billing backend: encrypted password, timeout, the response contract."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from lk_plugin.connection import billing


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_http_backend_sends_decrypted_password_with_timeout(settings, monkeypatch):
    settings.LK_BILLING_URL = "https://billing.example/api/payments"
    settings.LK_BILLING_LOGIN = "lk"
    settings.LK_BILLING_PASSWORD_ENCRYPTED = billing.encrypt_password("s3cret")
    settings.LK_BILLING_TIMEOUT = 7
    assert "s3cret" not in settings.LK_BILLING_PASSWORD_ENCRYPTED
    seen = {}

    def urlopen(request, timeout):
        seen["body"], seen["timeout"] = json.loads(request.data), timeout
        return FakeResponse(
            json.dumps({"payments": [{"id": "p1", "amount": "550", "paid_on": "2026-03-10"}]}).encode()
        )

    monkeypatch.setattr(billing.urllib.request, "urlopen", urlopen)
    invoice = type(
        "I", (), {"number": "ТП-1", "external_id": "", "application": type("A", (), {"number": "1ТП"})()}
    )()
    payments = billing.HttpJsonBillingBackend().fetch_payments(invoice)
    assert payments == [billing.BillingPayment("p1", Decimal("550.00"), dt.date(2026, 3, 10))]
    assert seen == {
        "body": {
            "login": "lk",
            "password": "s3cret",
            "invoice": "ТП-1",
            "external_id": "",
            "application": "1ТП",
        },
        "timeout": 7,
    }


def test_http_backend_errors(settings, monkeypatch):
    settings.LK_BILLING_URL = "https://billing.example/api/payments"
    settings.LK_BILLING_PASSWORD_ENCRYPTED = "not-a-token"
    with pytest.raises(billing.BillingError):
        billing.HttpJsonBillingBackend()
    with pytest.raises(billing.BillingError):
        billing.parse_payments({"payments": [{"id": "x", "amount": "-1", "paid_on": "2026-01-01"}]})

    def timeout(request, timeout):
        raise TimeoutError("timed out")

    monkeypatch.setattr(billing.urllib.request, "urlopen", timeout)
    settings.LK_BILLING_PASSWORD_ENCRYPTED = ""
    with pytest.raises(billing.BillingError):
        billing.HttpJsonBillingBackend(password="x").fetch_payments(
            type(
                "I", (), {"number": "1", "external_id": "", "application": type("A", (), {"number": "1"})()}
            )()
        )

"""Billing adapters: ``LK_BILLING_BACKEND`` names a class with ``fetch_payments(invoice) -> list[BillingPayment]``.

Built in: ``DemoBillingBackend`` (the demo has no billing: it reports nothing new, payments come from the
demo payment page) and ``HttpJsonBillingBackend`` (POSTs JSON to ``LK_BILLING_URL`` with the login and
the encrypted password from settings, reads ``{"payments": [{"id", "amount", "paid_on"}]}``).
A daily Celery task (``lk_plugin.connection.tasks.sync_payments``) runs the sync for open invoices.
"""

import datetime as dt
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_date
from django.utils.module_loading import import_string

from lk_plugin.app_settings import app_settings
from lk_plugin.core import crypto

CRYPTO_PURPOSE = "lk_plugin.connection.billing"


class BillingError(Exception):
    """Any failure to get payment data; the message is safe to log."""


@dataclass(frozen=True)
class BillingPayment:
    external_id: str
    amount: Decimal
    paid_on: dt.date


def get_billing_backend():
    return import_string(app_settings.BILLING_BACKEND)()


def encrypt_password(password: str) -> str:
    """The value for LK_BILLING_PASSWORD_ENCRYPTED (run once in ``manage.py shell``)."""
    return crypto.encrypt(password, purpose=CRYPTO_PURPOSE, secret=app_settings.BILLING_ENCRYPTION_KEY)


def parse_payments(payload) -> list[BillingPayment]:
    if not isinstance(payload, dict) or not isinstance(payload.get("payments"), list):
        raise BillingError("response has no payments list")
    result = []
    for item in payload["payments"]:
        if not isinstance(item, dict):
            raise BillingError("payment is not an object")
        try:
            amount = Decimal(str(item.get("amount"))).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError, TypeError) as exc:
            raise BillingError(f"bad amount: {item.get('amount')!r}") from exc
        paid_on = parse_date(str(item.get("paid_on", "")))
        external_id = str(item.get("id", ""))[:100]
        if paid_on is None or not external_id or amount <= 0:
            raise BillingError(f"bad payment: {item!r}")
        result.append(BillingPayment(external_id=external_id, amount=amount, paid_on=paid_on))
    return result


class HttpJsonBillingBackend:
    """POST {"login", "password", "invoice", "application"} to LK_BILLING_URL; expects {"payments": [...]}.

    The password is stored encrypted (LK_BILLING_PASSWORD_ENCRYPTED); a timeout (LK_BILLING_TIMEOUT
    seconds), a network error, a non-200 answer or a bad shape raise BillingError.
    """

    def __init__(self, url=None, login=None, password=None, timeout=None):
        self.url = url if url is not None else app_settings.BILLING_URL
        self.login = login if login is not None else app_settings.BILLING_LOGIN
        if password is None and app_settings.BILLING_PASSWORD_ENCRYPTED:
            password = crypto.decrypt(
                app_settings.BILLING_PASSWORD_ENCRYPTED,
                purpose=CRYPTO_PURPOSE,
                secret=app_settings.BILLING_ENCRYPTION_KEY,
            )
            if password is None:
                raise BillingError("LK_BILLING_PASSWORD_ENCRYPTED does not decrypt with the current key")
        self.password = password or ""
        self.timeout = timeout if timeout is not None else app_settings.BILLING_TIMEOUT

    def fetch_payments(self, invoice) -> list[BillingPayment]:
        if not self.url:
            raise BillingError("LK_BILLING_URL is not set")
        body = json.dumps(
            {
                "login": self.login,
                "password": self.password,
                "invoice": invoice.number,
                "external_id": invoice.external_id,
                "application": invoice.application.number,
            }
        ).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = json.loads(response.read(1024 * 1024).decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise BillingError(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
            raise BillingError(f"{type(exc).__name__}: {exc}") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise BillingError(f"bad JSON: {exc}") from exc
        return parse_payments(payload)


class DemoBillingBackend:
    """The demo has no billing system: nothing new arrives (payments come from the demo payment page)."""

    def fetch_payments(self, invoice) -> list[BillingPayment]:
        return []

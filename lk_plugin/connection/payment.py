"""Payment adapters: ``LK_PAYMENT_BACKEND`` names a class with ``start(*, invoice, request) -> PaymentStart``.

- ``BankDetailsPaymentBackend`` (default): the utility's bank details and a payment QR code per
  ГОСТ Р 56042-2014 (any Russian banking app scans it) — the payment arrives through the billing sync.
- ``HttpProviderPaymentBackend``: asks a payment provider (LK_PAYMENT_PROVIDER_URL) for a checkout
  URL and redirects the applicant there; the provider's callback / the billing sync records it.
- ``DemoPaymentBackend``: redirects to a local demo checkout page that records the payment at once.
"""

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings


@dataclass
class PaymentStart:
    redirect_url: str = ""
    details: dict = field(default_factory=dict)
    qr_payload: str = ""
    qr_svg: str = ""


def get_payment_backend():
    return import_string(app_settings.PAYMENT_BACKEND)()


def _clean(value) -> str:
    # "|" separates the fields of the ГОСТ Р 56042 string; line breaks are not allowed either.
    return " ".join(str(value or "").replace("|", " ").split())


def gost_payload(*, details: dict, amount_kopecks: int, purpose: str) -> str:
    """ST00012 (UTF-8) string of ГОСТ Р 56042-2014: required Name, PersonalAcc, BankName, BIC, CorrespAcc."""
    parts = [
        "ST00012",
        f"Name={_clean(details.get('name'))}",
        f"PersonalAcc={_clean(details.get('account'))}",
        f"BankName={_clean(details.get('bank_name'))}",
        f"BIC={_clean(details.get('bic'))}",
        f"CorrespAcc={_clean(details.get('corr_account'))}",
        f"PayeeINN={_clean(details.get('inn'))}",
    ]
    if details.get("kpp"):
        parts.append(f"KPP={_clean(details.get('kpp'))}")
    parts += [f"Sum={int(amount_kopecks)}", f"Purpose={_clean(purpose)[:210]}"]
    return "|".join(parts)


def qr_svg(payload: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def amount_to_pay(invoice):
    """What «Оплатить» asks for now: the next unpaid schedule line, or what is left of the invoice."""
    paid, covered = invoice.paid_amount, 0
    for line in invoice.schedule.all():
        covered += line.amount
        if covered > paid:
            return min(covered - paid, invoice.left_to_pay)
    return invoice.left_to_pay


class BankDetailsPaymentBackend:
    def start(self, *, invoice, request=None) -> PaymentStart:
        details = dict(app_settings.PAYMENT_DETAILS)
        amount = amount_to_pay(invoice)
        payload = gost_payload(
            details=details,
            amount_kopecks=int(amount * 100),
            purpose=f"{invoice.purpose}. {_('Счёт')} {invoice.number}",
        )
        return PaymentStart(details={**details, "amount": amount}, qr_payload=payload, qr_svg=qr_svg(payload))


class HttpProviderPaymentBackend:
    """POST {"invoice", "amount", "purpose", "return_url"} to LK_PAYMENT_PROVIDER_URL → {"url": "..."}."""

    def start(self, *, invoice, request=None) -> PaymentStart:
        url = app_settings.PAYMENT_PROVIDER_URL
        if not url:
            raise ValidationError(
                _("Оплата картой сейчас недоступна. Оплатите по реквизитам."), code="payment"
            )
        return_url = request.build_absolute_uri(invoice.application.get_absolute_url()) if request else ""
        body = json.dumps(
            {
                "invoice": invoice.number,
                "amount": str(amount_to_pay(invoice)),
                "purpose": invoice.purpose,
                "return_url": return_url,
            }
        ).encode()
        req = urllib.request.Request(  # noqa: S310
            url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=app_settings.BILLING_TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read(64 * 1024).decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
            raise ValidationError(
                _("Платёжный сервис не ответил. Попробуйте позже или оплатите по реквизитам."), code="payment"
            ) from exc
        redirect = str(answer.get("url", "")) if isinstance(answer, dict) else ""
        if not redirect.startswith("https://"):
            raise ValidationError(_("Платёжный сервис вернул неверный адрес оплаты."), code="payment")
        return PaymentStart(redirect_url=redirect)


class DemoPaymentBackend(BankDetailsPaymentBackend):
    """Bank details + QR like the default, plus a demo checkout page that pays the invoice at once."""

    def start(self, *, invoice, request=None) -> PaymentStart:
        start = super().start(invoice=invoice, request=request)
        start.redirect_url = reverse("lk_connection:demo_checkout", args=[invoice.application_id, invoice.pk])
        return start

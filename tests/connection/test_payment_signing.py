"""Payment concluding the contract, the billing sync, ТУ notice and signing integrity."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lk_plugin.connection.billing import BillingPayment
from lk_plugin.connection.flows import applicant as applicant_flows
from lk_plugin.connection.flows.billing import invoice_sync, payment_register
from lk_plugin.connection.flows.stages import act_place
from lk_plugin.connection.models import Signature
from lk_plugin.connection.payment import gost_payload
from lk_plugin.notifications import sms
from tests.helpers import pdf

pytestmark = pytest.mark.django_db


class FakeBilling:
    def __init__(self, payments):
        self.payments = payments

    def fetch_payments(self, invoice):
        return self.payments


def test_offer_places_documents_and_invoice_in_one_action(offered):
    application, invoice = offered
    assert application.connection.current_stage.code == "payment"
    assert set(application.stage_documents.values_list("stage", flat=True)) == {
        "contract_terms",
        "technical_conditions",
    }
    assert invoice.amount == Decimal("550.00") and invoice.status == "issued"


def test_billing_sync_concludes_contract_once_and_notifies_both_sides(
    offered, django_capture_on_commit_callbacks
):
    application, invoice = offered
    backend = FakeBilling([BillingPayment("pay-1", Decimal("550.00"), dt.date(2026, 3, 10))])
    with django_capture_on_commit_callbacks(execute=True):
        assert invoice_sync(invoice=invoice, backend=backend) == 1
    assert invoice_sync(invoice=invoice, backend=backend) == 0  # idempotent: the same payment id
    invoice.refresh_from_db()
    application.connection.refresh_from_db()
    assert invoice.status == "paid" and invoice.paid_amount == Decimal("550.00")
    assert application.connection.contract_concluded_on == dt.date(2026, 3, 10)
    assert application.connection.current_stage.code == "measures"
    # 4 months from the contract (ПП 861 п. 16).
    assert application.connection.stage_due_date == dt.date(2026, 7, 10)
    assert application.owner.lk_notifications.filter(event="connection_contract_concluded").exists()
    assert any(application.owner.email in m.to for m in mail.outbox)


def test_first_instalment_concludes_the_contract(process, staff_user):
    from lk_plugin.connection.flows.stages import offer_place

    invoice = offer_place(
        application=process.application,
        actor=staff_user,
        contract_file=pdf(),
        tu_file=pdf(),
        amount="1000",
        schedule=[(dt.date(2026, 3, 20), "100"), (dt.date(2026, 6, 20), "900")],
    )
    payment_register(
        invoice=invoice, amount="100", paid_on=dt.date(2026, 3, 15), source="billing", external_id="a"
    )
    invoice.refresh_from_db()
    assert invoice.status == "partially_paid"
    assert (
        process.application.connection.__class__.objects.get(pk=process.pk).current_stage.code == "measures"
    )


def test_manual_payment_needs_a_reason(offered, staff_user):
    _application, invoice = offered
    with pytest.raises(ValidationError):
        payment_register(
            invoice=invoice, amount="550", paid_on=dt.date(2026, 3, 10), source="manual", actor=staff_user
        )


def test_gost_qr_payload():
    payload = gost_payload(
        details={
            "name": "АО «Сети|Юг»",
            "account": "40702810900000000001",
            "bank_name": "ПАО Банк",
            "bic": "044525225",
            "corr_account": "30101810400000000225",
            "inn": "7707083893",
        },
        amount_kopecks=55000,
        purpose="Плата за ТП",
    )
    assert payload.startswith("ST00012|Name=АО «Сети Юг»|PersonalAcc=40702810900000000001|")
    assert "|Sum=55000|Purpose=Плата за ТП" in payload


def _to_signing(offered, staff_user):
    application, invoice = offered
    payment_register(
        invoice=invoice, amount="550", paid_on=dt.date(2026, 3, 10), source="billing", external_id="x"
    )
    applicant_flows.tu_notice_submit(application=application, user=application.owner, files=[pdf("done.pdf")])
    assert application.connection.__class__.objects.get(application=application).current_stage.code == "check"
    return act_place(application=application, actor=staff_user, file=pdf("act.pdf"))


def test_sign_act_with_sms_code(offered, staff_user, settings, django_capture_on_commit_callbacks):
    settings.LK_SMS_BACKEND = "lk_plugin.notifications.sms.MemorySMSBackend"
    sms.outbox.clear()
    act = _to_signing(offered, staff_user)
    owner = act.application.owner
    with django_capture_on_commit_callbacks(execute=True):
        applicant_flows.signing_request_code(document=act, user=owner)
    code = sms.outbox[-1]["text"].split(": ")[-1][:6]
    assert sms.outbox[-1]["phone"] == "+79161234567"
    with pytest.raises(ValidationError):
        applicant_flows.signing_confirm(
            document=act, user=owner, code="000000" if code != "000000" else "111111"
        )
    signature = applicant_flows.signing_confirm(document=act, user=owner, code=code)
    assert signature.document_sha256 == act.placement.sha256 and signature.method == "sms"
    process = act.application.connection.__class__.objects.get(application=act.application)
    assert process.current_stage.code == "connection"
    sms.outbox.clear()


def test_signing_refused_when_document_changed(
    offered, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.LK_SMS_BACKEND = "lk_plugin.notifications.sms.MemorySMSBackend"
    sms.outbox.clear()
    act = _to_signing(offered, staff_user)
    owner = act.application.owner
    with django_capture_on_commit_callbacks(execute=True):
        applicant_flows.signing_request_code(document=act, user=owner)
    code = sms.outbox[-1]["text"].split(": ")[-1][:6]
    with act.file.storage.open(act.file.name, "wb") as handle:  # someone swaps the file in storage
        handle.write(b"%PDF-1.4 another act")
    with pytest.raises(ValidationError) as excinfo:
        applicant_flows.signing_confirm(document=act, user=owner, code=code)
    assert "изменён" in str(excinfo.value)
    assert not Signature.objects.exists()
    sms.outbox.clear()


def test_other_applicant_cannot_act(offered, staff_user):
    from tests.factories import UserFactory

    application, _invoice = offered
    with pytest.raises(ValidationError):
        applicant_flows.tu_notice_submit(application=application, user=UserFactory(), files=[pdf()])


def test_signature_is_in_my_data_and_codes_are_erased(
    offered, staff_user, django_capture_on_commit_callbacks
):
    from lk_plugin.connection.models import SigningCode
    from lk_plugin.core.personal_data import collect, erase_registered

    act = _to_signing(offered, staff_user)
    owner = act.application.owner
    applicant_flows.signing_ukep(
        document=act, user=owner, signature_file=pdf("act.sig", b"detached"), request_meta=None
    )
    data = collect(owner)
    assert data["connection_signatures"][0]["document_sha256"] == act.placement.sha256
    assert data["connection_tu_notices"][0]["files"] == ["done.pdf"]
    SigningCode.objects.create(
        document=act, user=owner, code_hash="x$y", phone="+7916", expires_at=act.published_at
    )
    erase_registered(owner)
    assert not SigningCode.objects.filter(user=owner).exists()

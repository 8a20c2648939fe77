"""Through the web: the tracker on the application page, owner-only pages, payment, the public check."""

import pytest
from django.core.cache import cache

from tests.factories import ApplicantProfileFactory
from tests.helpers import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_detail_shows_current_stage_headline_and_tracker(client, process):
    client.force_login(process.application.owner)
    html = client.get(process.application.get_absolute_url()).content.decode()
    assert "Текущий этап: Рассмотрение заявки и размещение договора — до 12.03.2026" in html
    assert html.count("lk-tracker__step--next") == 5
    overview = client.get("/lk/").content.decode()
    assert "Текущий этап: Рассмотрение заявки и размещение договора" in overview


def test_other_applicant_gets_404_on_connection_pages(client, offered):
    application, invoice = offered
    other = ApplicantProfileFactory(phone="+79990000000").user
    client.force_login(other)
    doc = application.stage_documents.first()
    for url in (
        f"/lk/connection/{application.pk}/invoices/{invoice.pk}/pay/",
        f"/lk/connection/{application.pk}/invoices/{invoice.pk}/demo-checkout/",
        f"/lk/connection/{application.pk}/tu-notice/",
        f"/lk/connection/{application.pk}/sign/{doc.pk}/",
    ):
        assert client.get(url).status_code == 404, url


def test_pay_page_shows_gost_qr_and_demo_payment_moves_stage(client, offered, settings):
    settings.LK_PAYMENT_BACKEND = "lk_plugin.connection.payment.DemoPaymentBackend"
    application, invoice = offered
    client.force_login(application.owner)
    html = client.get(f"/lk/connection/{application.pk}/invoices/{invoice.pk}/pay/").content.decode()
    assert "<svg" in html and "044525225" in html
    response = client.post(f"/lk/connection/{application.pk}/invoices/{invoice.pk}/demo-checkout/")
    assert response.status_code == 302
    application.connection.refresh_from_db()
    assert application.connection.current_stage.code == "measures"


def test_tu_notice_form_keeps_error_at_field(client, offered):
    application, _invoice = offered
    client.force_login(application.owner)
    response = client.post(f"/lk/connection/{application.pk}/tu-notice/", {"text": "Готово"})
    html = response.content.decode()
    assert "На текущем этапе" in html or "Приложите документы" in html
    assert "Готово" in html


def test_public_status_check_neutral_answer_and_no_personal_data(client, process):
    application = process.application
    ok = client.get("/lk/status/", {"number": application.number, "phone_last4": "4567"}).content.decode()
    assert "Рассмотрение заявки и размещение договора" in ok and application.get_status_display() in ok
    assert "Иванов" not in ok and "Ленина" not in ok
    wrong_phone = client.get("/lk/status/", {"number": application.number, "phone_last4": "0000"})
    wrong_number = client.get("/lk/status/", {"number": "999ТП/ФЛ", "phone_last4": "4567"})
    assert "не найдена" in wrong_phone.content.decode()

    def answer(response):
        html = response.content.decode()
        return (
            html[html.index("<h1>") :]
            .replace(application.number, "")
            .replace("999ТП/ФЛ", "")
            .replace("0000", "")
            .replace("4567", "")
        )

    assert answer(wrong_phone) == answer(wrong_number)


def test_public_status_check_is_rate_limited(client, process, settings):
    settings.LK_STATUS_CHECK_LIMIT = 3
    for _ in range(3):
        assert client.get("/lk/status/", {"number": "x", "phone_last4": "1234"}).status_code == 200
    limited = client.get("/lk/status/", {"number": process.application.number, "phone_last4": "4567"})
    assert limited.status_code == 429
    assert "Рассмотрение заявки" not in limited.content.decode()


def test_public_status_check_validates_fields(client, seeded):
    html = client.get("/lk/status/", {"number": "1", "phone_last4": "12a"}).content.decode()
    assert "Введите ровно 4 цифры." in html
    assert 'value="1"' in html


def test_sign_page_refuses_changed_document(client, offered, staff_user, settings):
    from lk_plugin.connection.flows import applicant as applicant_flows
    from lk_plugin.connection.flows.billing import payment_register
    from lk_plugin.connection.flows.stages import act_place

    application, invoice = offered
    payment_register(
        invoice=invoice, amount="550", paid_on=invoice.due_date, source="billing", external_id="z"
    )
    applicant_flows.tu_notice_submit(application=application, user=application.owner, files=[pdf()])
    act = act_place(application=application, actor=staff_user, file=pdf("act.pdf"))
    with act.file.storage.open(act.file.name, "wb") as handle:
        handle.write(b"%PDF-1.4 changed")
    client.force_login(application.owner)
    html = client.post(f"/lk/connection/{application.pk}/sign/{act.pk}/", {"action": "send"}).content.decode()
    assert "Документ изменён после размещения" in html

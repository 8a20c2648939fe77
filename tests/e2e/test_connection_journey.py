"""Journey (issue 21): the applicant pays a placed offer (demo payment), notifies fulfilled ТУ with a
document, signs the act with the SMS code and sees the stage «Фактическое присоединение»."""

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from lk_plugin.connection.flows.stages import act_place, connection_start, offer_place
from lk_plugin.notifications import sms
from tests.factories import PDF_BYTES, ApplicantProfileFactory, ApplicationFactory, UserFactory

pytestmark = pytest.mark.e2e


def _pdf(name):
    return ContentFile(PDF_BYTES, name=name)


def _signed_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def test_pay_notify_sign_journey(live_server, browser, seeded, settings, tmp_path):
    settings.LK_PAYMENT_BACKEND = "lk_plugin.connection.payment.DemoPaymentBackend"
    settings.LK_SMS_BACKEND = "lk_plugin.notifications.sms.MemorySMSBackend"
    sms.outbox.clear()
    owner = ApplicantProfileFactory(phone="+79161234567").user
    staff = UserFactory(username="staff-e2e@example.ru", is_staff=True, is_superuser=True)
    application = ApplicationFactory(owner=owner, data={"max_power_kw": "15", "reason": "new"})
    connection_start(application=application)
    offer_place(
        application=application,
        actor=staff,
        contract_file=_pdf("c.pdf"),
        tu_file=_pdf("tu.pdf"),
        amount="550",
    )

    page = _signed_in(browser, live_server, owner)
    page.goto(live_server.url + application.get_absolute_url())
    assert page.locator("#lk-connection-title").inner_text().startswith("Текущий этап: Оплата счёта")
    page.locator("a.lk-btn", has_text="Оплатить").first.click()
    page.get_by_text("Оплатить картой").click()
    page.get_by_role("button", name="Оплатить (демо)").click()
    page.get_by_text("Оплата прошла").wait_for()
    assert "Выполнение мероприятий" in page.locator("#lk-connection-title").inner_text()

    page.get_by_text("Уведомить о выполнении ТУ").click()
    proof = tmp_path / "akt-vypolneniya.pdf"
    proof.write_bytes(PDF_BYTES)
    page.set_input_files("input[name=files]", str(proof))
    page.get_by_role("button", name="Направить уведомление").click()
    page.get_by_text("Уведомление о выполнении ТУ направлено").wait_for()
    assert "Проверка выполнения ТУ" in page.locator("#lk-connection-title").inner_text()

    act_place(application=application, actor=staff, file=_pdf("act.pdf"))
    page.reload()
    page.locator("a.lk-btn", has_text="Подписать").click()
    page.get_by_role("button", name="Получить код в SMS").click()
    page.get_by_text("Код отправлен").wait_for()
    code = re.search(r": (\d{6})\.", sms.outbox[-1]["text"]).group(1)
    page.fill("input[name=code]", code)
    page.get_by_role("button", name="Подписать", exact=True).click()
    page.get_by_text("Документ подписан").wait_for()
    assert (
        page.locator("#lk-connection-title")
        .inner_text()
        .startswith("Текущий этап: Фактическое присоединение")
    )
    sms.outbox.clear()

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.e2e


def test_register_confirm_and_login_with_snils(live_server, demo_site, page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    mail.outbox.clear()
    page.goto(live_server.url + "/")
    # The widget in the header: open it and follow «Регистрация».
    page.locator(".lk-widget__toggle").click()
    page.locator(".lk-widget").get_by_role("link", name="Регистрация").click()
    page.wait_for_url("**/accounts/signup/")

    page.get_by_label("Физическое лицо").check()
    assert page.locator("#id_ogrn").is_hidden()  # only the chosen legal form's fields are shown
    page.locator("#id_last_name").fill("Смирнова")
    page.locator("#id_first_name").fill("Ольга")
    page.locator("#id_snils").fill("123-456-789 64")
    page.locator("#id_email").fill("olga@example.ru")
    page.locator("#id_phone").fill("+7 916 000-11-22")
    page.locator("#id_password1").fill("Kabinet-2026!")
    page.locator("#id_password2").fill("Kabinet-2026!")
    page.locator("#id_pd_consent").check()
    page.locator("#id_captcha_1").fill("PASSED")
    page.get_by_role("button", name="Зарегистрироваться").click()
    page.wait_for_url("**/accounts/confirm-email/")

    # Confirm the email by the link from the letter.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("/accounts/", 1)[1]
    page.goto(live_server.url + "/accounts/" + path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/login/")

    # Sign in with the СНИЛС spelled differently.
    page.locator("#id_login").fill("12345678964")
    page.locator("#id_password").fill("Kabinet-2026!")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/lk/")
    name = page.locator(".site-header [data-lk-widget-name]")
    assert name.inner_text() == "Смирнова Ольга"
    assert "123-456" not in page.locator(".site-header").inner_text()

    page.locator(".lk-widget__toggle").click()
    page.locator(".lk-widget").get_by_role("button", name="Выйти").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator(".site-header .lk-widget__name").inner_text() == "Личный кабинет"

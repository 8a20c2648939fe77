"""Signup in Chromium: a readable captcha that can be refreshed; focus lands on the first error."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_signup_captcha_refreshes_and_focus_goes_to_the_first_error(live_server, page, transactional_db):
    page.goto(live_server.url + "/accounts/signup/")
    img = page.locator(".lk-captcha__img")
    expect(img).to_have_attribute("alt", "Картинка с кодом проверки: введите символы с неё в поле ниже")
    assert img.bounding_box()["height"] >= 60
    first_src = img.get_attribute("src")
    page.get_by_label("Код с картинки").fill("abc")
    page.get_by_role("button", name="Показать другой код").click()
    expect(img).not_to_have_attribute("src", first_src)
    expect(page.get_by_label("Код с картинки")).to_have_value("")
    key = page.locator("input[name=captcha_0]").input_value()
    assert key and key in img.get_attribute("src")
    # Submit with only the e-mail filled: the first field with an error gets the focus.
    page.get_by_label("Электронная почта").fill("new@example.ru")
    page.locator("form.lk-signup [type=submit]").click()
    page.wait_for_load_state()
    focused = page.evaluate("document.activeElement.name")
    first_error = page.locator(".lk-field--error input:not([type=hidden]):not([disabled])").first
    assert focused == first_error.get_attribute("name")

"""The wizard as an applicant meets it in Chromium: autosave, the last step, narrow screens."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def tp_site(transactional_db):
    from lk_site.demo import forms, pages
    from lk_site.demo.context import DemoContext

    ctx = DemoContext()
    pages.load(ctx)
    return forms.load_forms(ctx)["technological_connection"]


def login(page, live_server, email="wizard@example.ru"):
    from tests.integration.forms.conftest import make_applicant

    user = make_applicant(email, postal_address="")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("[name=login]", email)
    page.fill("[name=password]", "pass-12345")
    page.locator("form [type=submit]").last.click()
    page.wait_for_load_state()
    return user


def open_wizard(page, live_server, tp_site):
    page.goto(live_server.url + tp_site.url)
    page.get_by_role("button", name="Заполнить заявку").click()
    page.wait_for_load_state()


def test_autosave_keeps_what_was_typed_without_pressing_a_button(live_server, tp_site, page):
    login(page, live_server)
    open_wizard(page, live_server, tp_site)
    page.get_by_label("Почтовый адрес").press_sequentially("г. Москва, ул. Ленина, д. 1")
    expect(page.get_by_text("Сохранено")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Почтовый адрес")).to_have_value("г. Москва, ул. Ленина, д. 1")

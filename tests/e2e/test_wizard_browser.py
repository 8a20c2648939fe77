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


def test_enter_on_the_last_step_keeps_the_consent_and_the_solved_captcha(live_server, tp_site, page):
    from allauth.account.models import EmailAddress

    from tests.integration.forms.conftest import fill_tp_draft

    user = login(page, live_server)
    EmailAddress.objects.filter(user=user).update(verified=False)  # so the captcha is asked
    application = fill_tp_draft(tp_site, user)
    page.goto(f"{live_server.url}/lk/applications/{application.pk}/form/?step=6")
    page.get_by_label("Я согласен(а) на обработку персональных данных").check()
    page.locator("[name=captcha_1]").fill("PASSED")
    page.locator("[name=captcha_1]").press("Enter")
    page.wait_for_load_state()
    # Not a silent «save» that wipes the tick: the submission was tried and refused for the
    # unconfirmed email; the tick is there and the solved captcha is not asked again.
    expect(page.get_by_text("Подтвердите адрес электронной почты")).to_be_visible()
    expect(page.get_by_label("Я согласен(а) на обработку персональных данных")).to_be_checked()
    expect(page.locator("[name=captcha_1]")).to_have_count(0)


def test_submit_is_sent_once_and_shows_it_is_busy(live_server, tp_site, page):
    from lk_plugin.applications.models import Application
    from tests.integration.forms.conftest import fill_tp_draft

    user = login(page, live_server)
    application = fill_tp_draft(tp_site, user)
    form_url = f"{live_server.url}/lk/applications/{application.pk}/form/"
    page.goto(form_url + "?step=6")
    expect(page.locator("[name=captcha_1]")).to_have_count(0)  # a confirmed email: no captcha
    page.get_by_label("Я согласен(а) на обработку персональных данных").check()
    posts = []
    page.on("request", lambda r: r.method == "POST" and r.url.startswith(form_url) and posts.append(r))
    # Hold the request so the second click happens while the first is on its way.
    page.route(form_url, lambda route: (page.wait_for_timeout(300), route.continue_()))
    button = page.locator(".lk-wizard__nav").get_by_role("button", name="Подать заявку")
    button.dblclick()
    page.wait_for_url("**/confirmation/**")
    assert len(posts) == 1
    application.refresh_from_db()
    assert application.status == "submitted"
    assert Application.objects.filter(owner=user).count() == 1

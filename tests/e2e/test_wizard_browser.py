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
    from tests.factories import PASSWORD, make_applicant

    user = make_applicant(email, postal_address="")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("[name=login]", email)
    page.fill("[name=password]", PASSWORD)
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

    from tests.helpers import fill_tp_draft

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
    from tests.helpers import fill_tp_draft

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


def test_narrow_screen_wizard_starts_near_the_top_with_a_compact_step_menu(live_server, tp_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server)
    open_wizard(page, live_server, tp_site)
    page.screenshot(path="/tmp/h22-wizard-390.png", full_page=True)
    compact = page.locator(".lk-wizard__compact summary")
    expect(compact).to_have_text("Шаг 1 из 7 · Заявитель")
    expect(page.locator(".lk-wizard__tabs")).to_be_hidden()
    # The cabinet menu is folded behind one button.
    menu_button = page.get_by_role("button", name="Разделы кабинета: Заявки")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#lk-menu-list")).to_be_hidden()
    # The first field is on the first screen (it was ~1,130 px down).
    assert compact.bounding_box()["y"] < 500
    first_field = page.locator(".lk-wizard__fields input:not([type=hidden])").first
    assert first_field.bounding_box()["y"] < 844
    menu_button.click()
    expect(page.locator("#lk-menu-list")).to_be_visible()
    # The step menu lists every step.
    compact.click()
    expect(page.locator(".lk-wizard__stepmenu li")).to_have_count(7)


def test_header_login_panel_on_a_phone_closes_and_gives_focus_back(live_server, tp_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    toggle = page.locator(".site-header .lk-widget__toggle")
    panel = page.locator(".site-header .lk-widget__panel")
    toggle.click()
    expect(panel).to_be_visible()
    # The panel opens below its own button, not over it.
    assert panel.bounding_box()["y"] >= toggle.bounding_box()["y"] + toggle.bounding_box()["height"]
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    toggle.click()
    page.mouse.click(200, 800)  # a tap outside
    expect(panel).to_be_hidden()
    toggle.click()
    panel.get_by_role("button", name="Закрыть").click()
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()

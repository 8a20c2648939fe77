"""Journey (issue 20): the demo editor adds a field with a condition to the ТП form in the page
editor — no internal name or value typed — publishes it, and an applicant sees the field appear
exactly when the condition holds."""

import pytest

pytestmark = pytest.mark.e2e

LABEL = "Причина отсутствия лицевого счёта"


def login(page, url, email, password):
    page.goto(url + "/accounts/login/?next=/admin/")
    page.fill("main input[name=login]", email)
    page.fill("main input[name=password]", password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_editor_adds_a_conditional_field_and_the_applicant_sees_it(live_server, demo_site, page, browser):
    from lk_plugin.contrib.pages.models import ApplicationFormPage

    tp = ApplicationFormPage.objects.get(kind__code="technological_connection")
    parent_pk = tp.get_parent().pk  # read now: the test thread does not query while the server writes
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    login(page, live_server.url, "editor@example.ru", demo_site)
    page.goto(f"{live_server.url}/admin/pages/{tp.pk}/edit/")
    # The outline: steps are collapsed; open «Заявитель» and add a «Строка» at its end.
    step = page.locator("[data-streamfield-child]:has(> input[name='steps-0-type'])")
    assert "поле" in step.locator(".lk-count").inner_text()
    step.locator("[data-panel-toggle]").first.click()
    step.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Строка", exact=True).click()
    new = page.locator(
        "[data-streamfield-child]:has(> input[name^='steps-0-value-fields-'][name$='-type'][value='text'])"
    ).last
    new.locator("input[name$='-value-label']").fill(LABEL)
    # The service name follows the label by itself (hidden behind «служебные имена»).
    assert new.locator("input[name$='-value-name']").input_value() == "prichina_otsutstviia_litsevogo_scheta"
    assert not new.locator("input[name$='-value-name']").is_visible()
    # The condition is picked: a field above by its label, then one of its options by label.
    new.get_by_role("button", name="+ Показывать при условии").click()
    new.locator("select.lk-cond__field").select_option(label="Лицевой счёт (Заявитель)")
    new.locator("select.lk-cond__value").select_option(label="Нет лицевого счёта")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Опубликовать").click()
    page.wait_for_url(f"**/admin/pages/{parent_pk}/")
    assert errors == []
    page.goto("about:blank")  # no more editing-session pings while the test reads the database

    tp.refresh_from_db()
    spec = next(f for s in tp.form_schema()["steps"] for f in s["fields"] if f["label"] == LABEL)
    assert spec["conditions"] == {"mode": "all", "rules": [{"field": "has_account", "equals": "no"}]}

    # The applicant starts a new application: the field is there only without a лицевой счёт.
    context = browser.new_context(locale="ru-RU")
    applicant = context.new_page()
    applicant.goto(live_server.url + "/accounts/login/")
    applicant.fill("main input[name=login]", "demo@example.ru")
    applicant.fill("main input[name=password]", demo_site)
    applicant.locator("main form button[type=submit]").last.click()
    applicant.wait_for_url("**/lk/")
    applicant.goto(live_server.url + tp.url)
    applicant.locator("main form button[type=submit]").last.click()
    applicant.wait_for_url("**/form/**")
    field = applicant.get_by_label(LABEL)
    applicant.get_by_label("У меня есть лицевой счёт").check()
    assert not field.is_visible()
    applicant.get_by_label("Нет лицевого счёта").check()
    assert field.is_visible()
    context.close()

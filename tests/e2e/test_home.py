import pytest

pytestmark = pytest.mark.e2e


def test_home_page_in_chromium(live_server, demo_site, page):
    page.goto(live_server.url + "/")
    assert page.title().startswith("Электроснабжение города")
    page.get_by_role("link", name="О компании").first.click()
    page.wait_for_url("**/o-kompanii/")
    assert page.get_by_role("heading", level=1).inner_text() == "О компании"

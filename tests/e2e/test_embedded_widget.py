"""The login widget embedded by one <script> tag in a page served from another origin."""

import functools
import gc
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Сайт сетевой компании</title></head>
<body>
  <header><h1>Новости компании</h1><div id="lk-login"></div></header>
  <script src="{api}/lk/widget.js" data-lk-target="#lk-login" data-lk-api="{api}"></script>
</body></html>
"""


@pytest.fixture
def host_page(live_server, tmp_path):
    """A static page on another port of the same host (same-site: Lax cookies still travel)."""
    (tmp_path / "index.html").write_text(PAGE.format(api=live_server.url), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = urlsplit(live_server.url).hostname
    yield f"http://{host}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def allowed(settings, host_page):
    settings.ALLOWED_HOSTS = ["*"]
    settings.LK_API_ALLOWED_ORIGINS = [host_page]
    settings.CSRF_TRUSTED_ORIGINS = [host_page]
    # The live server (one per session) keeps its CsrfViewMiddleware, which caches the trusted
    # origins on first use: let it read the overridden setting.
    from django.middleware.csrf import CsrfViewMiddleware

    for obj in gc.get_objects():
        if issubclass(type(obj), CsrfViewMiddleware):  # type(): never wake lazy objects
            for name in ("csrf_trusted_origins_hosts", "allowed_origins_exact", "allowed_origin_subdomains"):
                obj.__dict__.pop(name, None)
    cache.clear()
    return host_page


@pytest.fixture
def applicant(live_server, make_applicant):
    """The shared ``make_applicant`` (signs in by СНИЛС 112-233-445 95), made in the live server's
    transactional database (the shared ``applicant`` has no СНИЛС to sign in with)."""
    return make_applicant()


def test_login_through_the_embedded_widget(live_server, allowed, applicant, page):
    from lk_plugin.notifications.models import Notification

    Notification.objects.create(user=applicant, event="generic", title="Заявка принята в работу")
    page.goto(allowed + "/")
    widget = page.locator("#lk-login")
    login = widget.get_by_label("Email, СНИЛС, ОГРН или ОГРНИП")
    login.fill("112-233-445 95")
    widget.get_by_label("Пароль").fill("wrong-password")
    widget.get_by_role("button", name="Войти").click()
    alert = widget.get_by_role("alert")
    alert.filter(has_text="Неверный логин или пароль").wait_for()
    assert (
        widget.get_by_role("link", name="Регистрация").get_attribute("href")
        == live_server.url + "/accounts/signup/"
    )

    # Keyboard only: the СНИЛС in another spelling, then Enter.
    login.fill("11223344595")
    widget.get_by_label("Пароль").fill(PASSWORD)
    widget.get_by_label("Пароль").press("Enter")
    name = widget.locator("[data-lk-widget-name]")
    name.wait_for()
    assert name.inner_text() == "Петров Иван"
    assert "112-233" not in widget.inner_text()
    assert widget.get_by_role("link", name="Личный кабинет").get_attribute("href") == live_server.url + "/lk/"
    unread = widget.get_by_role("link", name="Новых уведомлений: 1")
    assert unread.get_attribute("href") == live_server.url + "/lk/notifications/"
    assert page.evaluate("document.querySelectorAll('#lk-embed-style').length") == 1

    # The widget's session is the site's session.
    page.reload()
    widget.locator("[data-lk-widget-name]").wait_for()
    widget.get_by_role("button", name="Выйти").click()
    widget.get_by_label("Email, СНИЛС, ОГРН или ОГРНИП").wait_for()
    page.goto(live_server.url + "/lk/")
    page.wait_for_url("**/accounts/login/**")


def test_unlisted_page_cannot_sign_in(live_server, host_page, applicant, page, settings):
    settings.LK_API_ALLOWED_ORIGINS = []
    page.goto(host_page + "/")
    page.locator("#lk-login").get_by_role("alert").filter(has_text="недоступен").wait_for()

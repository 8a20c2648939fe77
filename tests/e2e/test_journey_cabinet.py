"""The applicant's journey: log in → open an application → read the comment → download a stage
document → reply in the application chat."""

import pytest

pytestmark = pytest.mark.e2e


def _log_in(page, live_server, password):
    page.goto(live_server.url + "/accounts/login/?next=/lk/")
    form = page.locator("form:has([name=password])").last
    form.locator("[name=login]").fill("demo@example.ru")
    form.locator("[name=password]").fill(password)
    form.locator("[name=password]").press("Enter")
    page.wait_for_url("**/lk/")


@pytest.fixture
def cabinet_demo(live_server):
    """The demo content, also after an earlier live_server test flushed the database — data
    migrations' rows included (Wagtail's root page, seeded kinds and topics)."""
    import importlib

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale, Page

    from lk_site.demo.users import DEMO_PASSWORD

    if not Page.objects.exists():
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
        )
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    for module in (
        "lk_plugin.applications.migrations.0002_seed_kinds",
        "lk_plugin.appeals.migrations.0002_seed_topics",
    ):
        importlib.import_module(module).seed(apps, None)
    call_command("lk_demo", "--quiet", "--force")
    return DEMO_PASSWORD


def test_applicant_reads_comment_downloads_document_and_replies(live_server, cabinet_demo, page):
    from lk_plugin.applications.models import Application
    from lk_plugin.messaging.models import Message

    # The demo application with a public comment, stage documents and a chat.
    application = (
        Application.objects.filter(
            owner__email="demo@example.ru",
            status="in_progress",
            stage_documents__isnull=False,
            comments__text__contains="Проект договора и технические условия опубликованы",
        )
        .distinct()
        .get()
    )
    _log_in(page, live_server, cabinet_demo)

    page.get_by_role("link", name="Заявки").first.click()
    page.wait_for_url("**/lk/applications/")
    page.get_by_role("link", name=application.number).click()
    page.wait_for_url(f"**/lk/applications/{application.pk}/")

    comments = page.locator("#comments")
    assert "Проект договора и технические условия опубликованы" in comments.inner_text()
    assert "Внутренняя заметка" not in page.content()
    comments.get_by_text("Показать файлы").click()
    assert comments.get_by_role("link", name="Проект договора.pdf").is_visible()

    with page.expect_download() as download_info:
        page.locator("#stage-documents").get_by_role("link", name="Технические условия").click()
    download = download_info.value
    assert download.suggested_filename == "Технические условия.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    chat = page.locator("#chat")
    chat.get_by_label("Сообщение").fill("Спасибо, условия получил. Подпишу договор на этой неделе.")
    chat.get_by_role("button", name="Отправить").click()
    page.wait_for_url(f"**/lk/applications/{application.pk}/#chat")
    assert "Подпишу договор на этой неделе" in page.locator("#chat").inner_text()
    assert Message.objects.filter(thread__application=application, text__startswith="Спасибо").exists()

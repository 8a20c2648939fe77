import pytest
from wagtail.models import Site

from cms_pages.models import ContentPage
from lk_plugin.applications.models import InfoRequest
from tests.factories import ApplicationFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_overview_shows_what_needs_the_applicant(client, monkeypatch):
    user = UserFactory()
    ApplicationFactory(owner=user, status="draft", number=None)
    needs = ApplicationFactory(owner=user, status="needs_info", number="7ТП/ФЛ/НП/До 15/ЛК")
    InfoRequest.objects.create(application=needs, message="Нужен план")
    NotificationFactory(user=user, title="Запрошены документы")
    monkeypatch.setattr(ContentPage, "lk_application_form", True, raising=False)
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=ContentPage(title="Заявка на технологическое присоединение", slug="tp"))
    root.add_child(instance=ContentPage(title="Черновая форма", slug="hidden", live=False))
    client.force_login(user)
    html = client.get("/lk/").content.decode()
    assert "Требуются ваши действия" in html and "7ТП/ФЛ/НП/До 15/ЛК" in html
    assert "Черновики — завершите заполнение" in html
    assert "Запрошены документы" in html
    assert "Заявка на технологическое присоединение" in html
    assert "Черновая форма" not in html
    for label in ("Заявки", "Обращения", "Сообщения", "Уведомления"):
        assert f"<span>{label}</span>" in html

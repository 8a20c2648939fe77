"""Appeals: numbering {seq}/{topic_code}/ЛК, 30-day due date, attachments, tabs, the public page."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from lk_plugin.appeals.flows import GuestContact, appeal_submit
from lk_plugin.appeals.models import Appeal, AppealStatus, AppealTopic
from lk_plugin.notifications.models import Notification
from tests.factories import PDF_BYTES, AppealFactory, ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def topic(code):
    return AppealTopic.objects.get(code=code)


def test_numbering_and_due_date(applicant, settings):
    settings.LK_NUMBER_START = {"appeal": 13620}
    first = appeal_submit(user=applicant, topic=topic("01"), text="Вопрос")
    second = appeal_submit(user=applicant, topic=topic("03"), text="Сообщаю о бездоговорном потреблении")
    assert first.number == "13620/01/ЛК"
    assert second.number == "13621/03/ЛК"
    assert first.due_date == timezone.localdate() + dt.timedelta(days=30)
    assert first.status == AppealStatus.SUBMITTED


def test_submit_from_cabinet_with_application_and_files(
    client, applicant, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(owner=applicant, number="1637ТП/ФЛ/НП/До 15/ЛК")
    upload = SimpleUploadedFile("скан.pdf", PDF_BYTES, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("lk_appeals:new"),
            {
                "topic": topic("02").pk,
                "application": application.pk,
                "text": "Когда договор?",
                "files": [upload],
            },
        )
    appeal = Appeal.objects.get(owner=applicant)
    assert response["Location"] == appeal.get_absolute_url()
    assert appeal.application == application
    assert appeal.attachments.get().original_name == "скан.pdf"
    assert Notification.objects.get(user=applicant).event == "appeal_submitted"
    assert appeal.number in mail.outbox[0].subject
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Когда договор?" in html and "скан.pdf" in html and "Вопрос по заявке" in html


def test_form_errors_are_russian_and_keep_text(client, applicant):
    foreign = ApplicationFactory()
    bad = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    response = client.post(
        reverse("lk_appeals:new"),
        {"topic": "", "application": foreign.pk, "text": "Мой текст", "files": [bad]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Выберите тему обращения." in html
    assert "больше 5,0 МБ" in html
    assert "Выберите корректный вариант" in html  # someone else's application is not a choice
    assert "Мой текст" in html
    assert not Appeal.objects.exists()


def test_list_tabs_and_pagination(client, applicant, django_assert_max_num_queries):
    AppealFactory.create_batch(11, owner=applicant)
    AppealFactory(owner=applicant, status=AppealStatus.ANSWERED, number="Т-99/01/ЛК")
    AppealFactory(number="Т-100/01/ЛК")  # someone else's
    with django_assert_max_num_queries(10):
        response = client.get(reverse("lk_appeals:list"))
    assert len(response.context["page_obj"].object_list) == 10
    assert response.context["page_obj"].paginator.count == 12
    answered = client.get(reverse("lk_appeals:list"), {"tab": "answered"})
    assert [a.number for a in answered.context["page_obj"].object_list] == ["Т-99/01/ЛК"]


def test_detail_shows_answer_and_staff_files(client, applicant):
    appeal = AppealFactory(
        owner=applicant,
        status=AppealStatus.ANSWERED,
        answer_text="График: Пн–Пт 8–17",
        answered_at=timezone.now(),
    )
    from tests.factories import AppealAttachmentFactory

    AppealAttachmentFactory(appeal=appeal, from_staff=True, original_name="Ответ.pdf")
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "График: Пн–Пт 8–17" in html and "Ответ.pdf" in html and "Дан ответ" in html


@pytest.fixture
def appeal_page():
    from django.core.cache import cache

    from lk_plugin.contrib.pages.models import AppealFormPage

    cache.clear()  # Wagtail caches site root paths: another test's site must not leak into page.url
    root = Site.objects.get(is_default_site=True).root_page
    page = AppealFormPage(title="Обращение в сетевую организацию", slug="obrashchenie")
    root.add_child(instance=page)
    return page


def test_guest_appeal_on_public_page_with_captcha(client, appeal_page, django_capture_on_commit_callbacks):
    url = appeal_page.url
    html = client.get(url).content.decode()
    assert 'name="captcha_1"' in html and 'name="email"' in html
    data = {
        "name": "Сидоров Пётр",
        "email": "guest@example.ru",
        "phone": "8 (916) 123-45-67",
        "topic": topic("05").pk,
        "text": "Жалоба на отключение",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    appeal = Appeal.objects.get()
    assert appeal.owner is None and appeal.guest_phone == "+79161234567" and appeal.number.endswith("/05/ЛК")
    assert "зарегистрировано" in response.content.decode()
    assert mail.outbox[0].to == ["guest@example.ru"]


def test_guest_appeal_wrong_captcha_and_phone(client, appeal_page):
    response = client.post(
        appeal_page.url,
        {
            "name": "Гость",
            "email": "g@example.ru",
            "phone": "123",
            "topic": topic("01").pk,
            "text": "Т",
            "captcha_0": "x",
            "captcha_1": "wrong",
        },
    )
    html = response.content.decode()
    assert "Символы с картинки введены неверно." in html
    assert "Введите номер телефона" in html
    assert not Appeal.objects.exists()


def test_signed_in_applicant_on_public_page_goes_to_cabinet(client, applicant, appeal_page):
    html = client.get(appeal_page.url).content.decode()
    assert "captcha" not in html
    response = client.post(appeal_page.url, {"topic": topic("01").pk, "text": "Вопрос со страницы"})
    appeal = Appeal.objects.get(owner=applicant)
    assert response["Location"] == appeal.get_absolute_url()


def test_guest_cannot_link_an_application():
    with pytest.raises(Exception, match="своих заявок"):
        appeal_submit(
            user=None,
            topic=topic("01"),
            text="x",
            application=ApplicationFactory(),
            guest=GuestContact(name="Г", email="g@example.ru"),
        )


def test_appeal_correspondence(client, applicant, django_capture_on_commit_callbacks):
    from lk_plugin.messaging import flows
    from lk_plugin.messaging.models import Thread

    appeal = AppealFactory(owner=applicant)
    client.post(reverse("lk_appeals:chat", args=[appeal.pk]), {"text": "Уточняю адрес: ул. Садовая, 12"})
    thread = Thread.objects.get(appeal=appeal)
    with django_capture_on_commit_callbacks(execute=True):
        flows.message_post(thread=thread, author=UserFactory(is_staff=True), text="Принято", from_staff=True)
    assert (
        Notification.objects.get(user=applicant, event="message_received").url
        == appeal.get_absolute_url() + "#chat"
    )
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Уточняю адрес" in html and "Принято" in html
    listing = client.get(reverse("lk_messaging:list")).content.decode()
    assert appeal.number in listing

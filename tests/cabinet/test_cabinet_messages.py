"""Dialogs and application chat; staff replies reach the applicant as notifications."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lk_plugin.messaging import flows
from lk_plugin.messaging.models import Message, Thread
from lk_plugin.messaging.selectors import unread_messages_count
from lk_plugin.notifications.models import Notification, OutboxMessage
from tests.factories import PDF_BYTES, ApplicationFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_create_dialog_with_attachment(client, applicant):
    upload = SimpleUploadedFile("схема.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("lk_messaging:new"),
        {"subject": "Смена собственника", "text": "Как переоформить?", "files": [upload]},
    )
    thread = Thread.objects.get(owner=applicant)
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    message = thread.messages.get()
    assert message.text == "Как переоформить?" and not message.from_staff
    assert message.attachments.get().original_name == "схема.pdf"


def test_dialog_needs_subject_and_text(client, applicant):
    response = client.post(reverse("lk_messaging:new"), {"subject": "", "text": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Укажите тему диалога." in html
    assert "Напишите сообщение или приложите файл." in html
    assert not Thread.objects.exists()


def test_application_chat_reply_and_staff_answer(client, applicant, django_capture_on_commit_callbacks):
    application = ApplicationFactory(owner=applicant)
    client.post(reverse("lk_applications:chat", args=[application.pk]), {"text": "Когда будут ТУ?"})
    thread = Thread.objects.get(application=application)
    assert thread.messages.get().text == "Когда будут ТУ?"
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        flows.message_post(thread=thread, author=staff, text="ТУ будут готовы в пятницу", from_staff=True)
    notification = Notification.objects.get(user=applicant, event="message_received")
    assert notification.url == application.get_absolute_url() + "#chat"
    assert (
        OutboxMessage.objects.filter(user=applicant, event="message_received", channel="email").count() == 1
    )
    assert unread_messages_count(applicant) == 1
    listing = client.get(reverse("lk_messaging:list"))
    assert listing.context["page_obj"].object_list[0].unread == 1
    html = client.get(application.get_absolute_url()).content.decode()
    assert "ТУ будут готовы в пятницу" in html
    assert unread_messages_count(applicant) == 0
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_chat_is_closed_for_drafts(client, applicant):
    draft = ApplicationFactory(owner=applicant, status="draft", number=None)
    response = client.post(reverse("lk_applications:chat", args=[draft.pk]), {"text": "?"})
    assert response.status_code == 200
    assert not Message.objects.exists()


def test_thread_list_shows_dialogs_and_application_chats_with_constant_queries(
    client, applicant, django_assert_max_num_queries
):
    for i in range(3):
        flows.thread_for_application(application=ApplicationFactory(owner=applicant))
        ThreadFactory(owner=applicant, subject=f"Диалог {i}")
    ThreadFactory(subject="Чужой")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("lk_messaging:list"))
    html = response.content.decode()
    assert html.count("Диалог ") >= 3 and "Чужой" not in html
    assert "Заявка" in html

"""Appeals, applicants, dialogs and the dashboard panel in the admin."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lk_plugin.appeals.models import AppealAttachment
from lk_plugin.core.models import PersonalDataAccessLog
from lk_plugin.messaging.models import Message, Thread
from lk_plugin.notifications.models import Notification, OutboxMessage
from lk_plugin.staff.dashboard import queue_counts
from tests import factories as f

pytestmark = pytest.mark.django_db


def answer(client, appeal, **fields):
    data = {
        "action": "answer",
        "answer-version": appeal.version,
        **{f"answer-{k}": v for k, v in fields.items()},
    }
    return client.post(f"/admin/lk_appeal/inspect/{appeal.pk}/", data)


def test_answer_with_files_answers_the_appeal_and_notifies(staff_client, staff):
    appeal = f.appeal(f.applicant())
    upload = SimpleUploadedFile("ответ.pdf", f.PDF_BYTES, content_type="application/pdf")
    response = answer(staff_client, appeal, text="Подключение возможно.", files=upload)
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "answered" and appeal.answer_text == "Подключение возможно."
    assert appeal.answered_by == staff
    assert AppealAttachment.objects.get(appeal=appeal, from_staff=True).original_name == "ответ.pdf"
    assert Notification.objects.filter(user=appeal.owner, event="appeal_answered").exists()
    assert ModelLogEntry.objects.for_instance(appeal).filter(action="lk.appeal.answer").exists()


def test_answer_can_close_and_guest_gets_an_email(staff_client):
    appeal = f.appeal(None, guest_name="Гость", guest_email="guest@example.ru")
    assert answer(staff_client, appeal, text="Ответ гостю", close="on").status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "closed"
    assert OutboxMessage.objects.filter(to="guest@example.ru", event="appeal_answered").exists()


def test_closed_appeal_cannot_be_answered_again(staff_client):
    appeal = f.appeal(f.applicant(), status="closed")
    response = answer(staff_client, appeal, text="Ещё ответ")
    assert response.status_code == 200
    assert "Нельзя перевести обращение" in response.content.decode()


def test_appeal_listing_filters_overdue(staff_client):
    late = f.appeal(f.applicant(), due_date=timezone.localdate() - dt.timedelta(days=1))
    f.appeal(f.applicant())
    response = staff_client.get("/admin/lk_appeal/", {"overdue": "true"})
    assert [a.number for a in response.context["object_list"]] == [late.number]


def test_applicant_list_search_and_inspect_is_logged(staff_client, staff):
    person = f.applicant(email="petrov@example.ru", snils="11223344595")
    other = f.applicant(email="other@example.ru")
    application = f.application(person)
    response = staff_client.get("/admin/lk_applicant/", {"q": "112 233 445 95"})
    assert [p.pk for p in response.context["object_list"]] == [person.lk_profile.pk]
    assert other.lk_profile not in response.context["object_list"]
    response = staff_client.get(f"/admin/lk_applicant/inspect/{person.lk_profile.pk}/")
    assert response.status_code == 200
    assert application.number in response.content.decode()
    search, entry = PersonalDataAccessLog.objects.order_by("pk")
    # The identifier search is a read of personal data too: who looked for whom.
    assert search.user == staff and search.subject is None and "112+233+445+95" in search.object_repr
    assert (
        entry.user == staff
        and entry.subject == person
        and entry.object_type == "lk_accounts.applicantprofile"
    )


def test_dialog_page_lists_messages(staff_client):
    person = f.applicant()
    thread = Thread.objects.create(owner=person, subject="Вопрос по договору", last_message_at=timezone.now())
    Message.objects.create(thread=thread, author=person, text="Когда будет договор?")
    response = staff_client.get("/admin/lk_thread/")
    assert thread in response.context["object_list"]
    response = staff_client.get(f"/admin/lk_thread/inspect/{thread.pk}/")
    assert "Когда будет договор?" in response.content.decode()


def test_dashboard_panel_counts(staff_client, staff):
    today = timezone.localdate()
    f.application(status="submitted", due_date=today + dt.timedelta(days=20))
    f.application(status="in_progress", due_date=today - dt.timedelta(days=1))
    f.application(status="needs_info", due_date=today)
    f.application(status="completed", due_date=today - dt.timedelta(days=3))
    counts = queue_counts(today)
    assert counts["new_today"] == 4
    assert counts["in_progress"] == 1 and counts["needs_info"] == 1
    assert counts["overdue"] == 1 and counts["due_soon"] == 1
    assert counts["per_kind"][0]["open_count"] == 3
    html = staff_client.get("/admin/").content.decode()
    assert "Личный кабинет: заявки" in html
    assert 'data-lk-count="overdue">1<' in html


def test_dashboard_panel_hidden_from_editors(editor_client):
    f.application()
    assert "Личный кабинет: заявки" not in editor_client.get("/admin/").content.decode()


def test_chat_reply_goes_through_the_messaging_flow(staff_client):
    """Needs issue 6's lk_plugin.messaging.flows.message_post; skipped until it is merged."""
    from lk_plugin.messaging.flows_staff import messaging_available

    if not messaging_available():
        pytest.skip("messaging flows (issue 6) not in this branch")
    application = f.application()
    response = staff_client.post(
        f"/admin/lk_application/inspect/{application.pk}/", {"action": "chat", "chat-text": "Добрый день!"}
    )
    assert response.status_code == 302
    message = Message.objects.get(thread__application=application)
    assert message.from_staff and message.text == "Добрый день!"
    assert Notification.objects.filter(user=application.owner, event="message_received").exists()

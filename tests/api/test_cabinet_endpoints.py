"""Cabinet endpoints: lists with the cabinet's tabs and pagination (constant queries), notifications,
chat, appeals, meters and readings with the cabinet's rules and messages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lk_plugin.applications.statuses import Status
from lk_plugin.messaging.models import Message
from tests.factories import (
    AppealFactory,
    ApplicationFactory,
    CommentFactory,
    MessageFactory,
    MeterFactory,
    NotificationFactory,
    ReadingFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = call()
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_application_list_tabs_search_and_pagination(api, person, settings):
    settings.LK_PAGE_SIZE = 2
    ApplicationFactory(owner=person, status=Status.DRAFT, number=None)
    ApplicationFactory(owner=person, status=Status.SUBMITTED, number="9999ТП/ФЛ/ИК/До 15/ЛК")
    ApplicationFactory(owner=person, status=Status.IN_PROGRESS)
    ApplicationFactory(owner=person, status=Status.NEEDS_INFO)
    ApplicationFactory(status=Status.SUBMITTED)  # someone else's

    body = api.get("/applications/").json()
    assert (body["count"], body["page_size"], body["pages"], len(body["items"])) == (4, 2, 2, 2)
    tabs = {t["key"]: t["count"] for t in body["tabs"]}
    assert tabs == {"drafts": 1, "submitted": 1, "in_progress": 2, "completed": 0, "rejected": 0, "all": 4}
    in_progress = api.get("/applications/", tab="in_progress").json()
    assert {i["status"] for i in in_progress["items"]} == {"in_progress", "needs_info"}
    found = api.get("/applications/", q="/ик/").json()
    assert [i["number"] for i in found["items"]] == ["9999ТП/ФЛ/ИК/До 15/ЛК"]
    assert api.get("/applications/", page="2", page_size="3").json()["items"][0]["status"] == "draft"


def test_lists_keep_a_constant_number_of_queries(api, person):
    def make(n):
        for _ in range(n):
            application = ApplicationFactory(owner=person)
            CommentFactory(application=application)
            AppealFactory(owner=person)
            MessageFactory(thread=ThreadFactory(owner=person, about=application))
            NotificationFactory(user=person)
            ReadingFactory(meter=MeterFactory(owner=person))

    paths = ["/applications/", "/appeals/", "/threads/", "/notifications/", "/meters/"]
    make(1)
    few = {p: _queries(lambda p=p: api.get(p)) for p in paths}
    make(6)
    many = {p: _queries(lambda p=p: api.get(p)) for p in paths}
    assert many == few


def test_detail_history_comments_and_stage_documents(api, person):
    application = ApplicationFactory(owner=person)
    CommentFactory(application=application, text="Видно заявителю")
    CommentFactory(application=application, text="Внутренняя заметка", is_internal=True)
    detail = api.get(f"/applications/{application.pk}/").json()
    assert detail["can_withdraw"] is True and detail["sections"][0]["title"] == "Данные объекта"
    comments = api.get(f"/applications/{application.pk}/comments/").json()
    assert [c["text"] for c in comments] == ["Видно заявителю"]
    response = api.post(f"/applications/{application.pk}/withdraw/")
    assert response.json()["status"] == "withdrawn"
    history = api.get(f"/applications/{application.pk}/history/").json()
    assert history[-1]["to_status_display"] == "Отозвана" or history[0]["to_status_display"] == "Отозвана"
    response = api.post(f"/applications/{application.pk}/withdraw/")
    assert response.status_code == 400 and response.json()["detail"]


def test_files_are_attachments_with_nosniff(api, person):
    from tests.factories import StageDocumentFactory

    document = StageDocumentFactory(application=ApplicationFactory(owner=person))
    listed = api.get(f"/applications/{document.application_id}/stage-documents/").json()
    assert listed[0]["title"] == "Технические условия"
    response = api.get(f"/applications/{document.application_id}/stage-documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_notifications_list_count_and_mark_read(api, person):
    first = NotificationFactory(user=person)
    NotificationFactory(user=person)
    NotificationFactory()  # someone else's
    assert api.get("/notifications/unread-count/").json() == {"unread": 2}
    body = api.post(f"/notifications/{first.pk}/read/").json()
    assert body["read_at"] is not None
    assert api.get("/notifications/", unread="true").json()["count"] == 1
    assert api.post("/notifications/read-all/").json() == {"unread": 0}
    assert api.get("/notifications/").json()["unread"] == 0


def test_chat_dialog_and_messages(api, person):
    response = api.post("/threads/", {"subject": "", "text": ""}, multipart=True)
    assert response.status_code == 400
    assert response.json()["errors"]["subject"] == ["Укажите тему диалога."]
    response = api.post("/threads/", {"subject": "Счёт", "text": "Где мой счёт?"}, multipart=True)
    assert response.status_code == 201
    thread_id = response.json()["id"]
    staff_message = MessageFactory(thread_id=thread_id, from_staff=True, text="Отправили на почту")
    assert api.get("/threads/").json()["items"][0]["unread"] == 1
    messages = api.get(f"/threads/{thread_id}/").json()["messages"]
    assert [m["text"] for m in messages] == ["Где мой счёт?", "Отправили на почту"]
    staff_message.refresh_from_db()
    assert staff_message.read_by_owner_at is not None
    response = api.post(f"/threads/{thread_id}/messages/", {"text": ""}, multipart=True)
    assert response.json()["errors"]["text"] == ["Напишите сообщение или приложите файл."]
    assert Message.objects.filter(thread_id=thread_id).count() == 2


def test_application_chat_is_closed_for_drafts(api, person):
    draft = ApplicationFactory(owner=person, status=Status.DRAFT, number=None)
    response = api.post(f"/applications/{draft.pk}/messages/", {"text": "Привет"}, multipart=True)
    assert response.status_code == 400
    assert response.json()["detail"] == "Чат по заявке доступен после её отправки."


def test_appeals_create_with_the_cabinet_form(api, person):
    from lk_plugin.appeals.models import AppealTopic

    response = api.post("/appeals/", {"text": "Вопрос"}, multipart=True)
    assert response.status_code == 400
    assert response.json()["errors"]["topic"] == ["Выберите тему обращения."]
    topic = AppealTopic.objects.get(code="01")
    assert topic.pk in [t["id"] for t in api.get("/appeals/topics/").json()]
    response = api.post("/appeals/", {"topic": str(topic.pk), "text": "Когда подключат?"}, multipart=True)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].endswith("/01/ЛК") and body["status"] == "submitted"
    assert api.get("/appeals/", tab="answered").json()["count"] == 0
    assert api.get("/appeals/", tab="submitted").json()["items"][0]["id"] == body["id"]


class TestReadings:
    @pytest.fixture
    def meter(self, person, settings):
        settings.LK_METER_READING_WINDOW = None
        meter = MeterFactory(owner=person)
        ReadingFactory(meter=meter, taken_on=dt.date.today() - dt.timedelta(days=30), value_t1=Decimal(1000))
        return meter

    def test_list_and_history(self, api, meter):
        body = api.get("/meters/").json()
        assert body["items"][0]["last_reading"]["values"] == ["1000.00"]
        assert api.get(f"/meters/{meter.pk}/readings/").json()["count"] == 1

    def test_reading_below_previous_is_refused_at_the_field(self, api, meter):
        response = api.post(f"/meters/{meter.pk}/readings/", {"values": ["900"]})
        assert response.status_code == 400
        assert response.json()["errors"]["value_t1"][0].startswith(
            "Показания по тарифу «Общий (Т1)» меньше предыдущих (1000,00 на"
        )

    def test_high_consumption_needs_confirmation(self, api, meter):
        response = api.post(f"/meters/{meter.pk}/readings/", {"values": ["99000,5"]})
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "high_consumption" and "confirm_high" in body["errors"]
        response = api.post(f"/meters/{meter.pk}/readings/", {"values": ["99000,5"], "confirm_high": True})
        assert response.status_code == 201
        assert response.json()["values"] == ["99000.50"]

    def test_window_closed_message(self, api, meter, settings):
        window = (1, 5) if dt.date.today().day > 5 else (10, 20)
        settings.LK_METER_READING_WINDOW = window
        response = api.post(f"/meters/{meter.pk}/readings/", {"values": ["1100"]})
        assert response.status_code == 400
        assert response.json()["detail"].startswith("Показания принимаются с %s по %s число месяца" % window)

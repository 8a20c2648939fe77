"""«Скачать мои данные» and the destruction cover everything the cabinet stores about a person."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from lk_plugin.accounts import flows
from lk_plugin.applications.models import Application, ApplicationDocument, InfoRequest, StatusChange
from lk_plugin.messaging.models import Message, Thread
from lk_plugin.metering.askue import encrypt_password
from lk_plugin.metering.models import AskueCredentials, Meter, Reading
from lk_plugin.outages.models import OutageSubscription
from tests.factories import (
    AppealAttachmentFactory,
    AppealFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CommentFactory,
    MessageAttachmentFactory,
    MessageFactory,
    StageDocumentFactory,
    ThreadFactory,
)
from tests.job_helpers import export_my_data

pytestmark = pytest.mark.django_db

INTERNAL = "Внутренняя заметка: заявитель сомнительный"
PUBLIC = "Проверьте, пожалуйста, адрес объекта."


@pytest.fixture
def person(client, make_applicant):
    user = make_applicant()
    client.force_login(user)
    application = ApplicationFactory(owner=user, number="77ТП/ФЛ/НП/До 15/ЛК")
    ApplicationDocumentFactory(application=application)
    StageDocumentFactory(application=application, title="Технические условия №5")
    StatusChange.objects.create(
        application=application, from_status="draft", to_status="submitted", actor=user
    )
    CommentFactory(application=application, text=PUBLIC)
    CommentFactory(application=application, text=INTERNAL, is_internal=True)
    InfoRequest.objects.create(
        application=application, message="Пришлите план участка", answer="План во вложении"
    )
    draft = ApplicationFactory(owner=user, status="draft", number=None, submitted_at=None)
    ApplicationDocumentFactory(application=draft, original_name="Черновой документ.pdf")
    appeal = AppealFactory(owner=user, text="Когда включат свет?", answer_text="Завтра")
    AppealAttachmentFactory(appeal=appeal, original_name="Фото щитка.pdf")
    message = MessageFactory(thread=ThreadFactory(owner=user, subject="Вопрос о тарифе"), text="Какой тариф?")
    MessageAttachmentFactory(message=message, original_name="Квитанция.pdf")
    MessageFactory(thread=ThreadFactory(owner=user, subject="По заявке", about=application), text="Уточню")
    meter = Meter.objects.create(
        owner=user,
        meter_type="Меркурий 201.8",
        serial_number="41000123",
        tariff_count=1,
        address="ул. Ленина, д. 1",
    )
    Reading.objects.create(
        meter=meter, taken_on=dt.date(2026, 10, 20), value_t1=Decimal("1234.50"), source="applicant"
    )
    AskueCredentials.objects.create(
        user=user, login="askue-ivan", password_encrypted=encrypt_password("Pa55-word")
    )
    OutageSubscription.objects.create(
        user=user, email=user.email, address="ул. Ленина, д. 1", street_key="ленина", house_number=1
    )
    return user


def test_json_export_contains_every_section_without_internal_notes(client, person):
    response = export_my_data(client, "json")
    body = response.content.decode()
    data = json.loads(body)
    (application, draft) = data["applications"]
    assert application["number"] == "77ТП/ФЛ/НП/До 15/ЛК"
    assert any("г. Москва, ул. Ленина, д. 1" in line for line in application["submitted_data"])
    assert application["document_names"] == ["Выписка ЕГРН.pdf"]
    assert application["stage_documents"] == ["Технические условия №5"]
    assert [c["text"] for c in application["comments"]] == [PUBLIC]
    assert application["info_requests"][0]["answer"] == "План во вложении"
    assert application["status_history"][0]["status_display"] == "Отправлена"
    assert draft["status_display"] == "Черновик"
    assert INTERNAL not in body
    (appeal,) = data["appeals"]
    assert appeal["text"] == "Когда включат свет?" and appeal["answer"] == "Завтра"
    assert appeal["attachment_names"][0]["name"] == "Фото щитка.pdf"
    texts = {t["subject"]: t["thread_messages"][0] for t in data["messages"]}
    assert texts["Вопрос о тарифе"]["text"] == "Какой тариф?"
    assert texts["Вопрос о тарифе"]["attachments"] == "Квитанция.pdf"
    assert texts["Вопрос о тарифе"]["from_staff"] is False
    (meter,) = data["meters"]
    assert meter["serial_number"] == "41000123" and meter["readings"][0]["t1"] == "1234.50"
    assert data["askue"] == {"askue_credentials_stored": True, "askue_login": "askue-ivan"}
    assert "Pa55-word" not in body and AskueCredentials.objects.get().password_encrypted not in body
    assert data["outage_subscriptions"] == [
        {
            "address": "ул. Ленина, д. 1",
            "email": "ivan@example.ru",
            "confirmed": False,
            "created_at": data["outage_subscriptions"][0]["created_at"],
        }
    ]


def test_pdf_export_renders_the_new_sections(client, person):
    """The PDF is a summary of every section (one line per record); the full data — message texts
    included — is the JSON embedded in it."""
    pdf = export_my_data(client, "pdf")
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "77ТП/ФЛ/НП/До 15/ЛК" in flat
    for title in ("Заявки", "Обращения", "Сообщения", "Приборы учёта и показания", "Подписки на отключения"):
        assert title in flat
    assert "Вопрос о тарифе" in flat and "41000123" in flat
    assert INTERNAL not in flat and "Pa55-word" not in flat
    ((name, (embedded,)),) = reader.attachments.items()
    assert name.startswith("my-data-") and name.endswith(".json")
    data = json.loads(embedded)
    assert "Какой тариф?" in [m["text"] for t in data["messages"] for m in t["thread_messages"]]
    assert INTERNAL not in embedded.decode() and "Pa55-word" not in embedded.decode()


def test_destruction_deletes_drafts_dialogs_credentials_subscriptions_keeps_submitted(
    client, person, django_capture_on_commit_callbacks
):
    client.post("/lk/settings/withdraw-consent/", {"confirm": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        assert flows.destroy_due_personal_data(now=timezone.now() + dt.timedelta(days=31)) == 1
    (kept,) = Application.objects.filter(owner=person)
    assert kept.number == "77ТП/ФЛ/НП/До 15/ЛК" and kept.status == "submitted"
    assert list(ApplicationDocument.objects.values_list("original_name", flat=True)) == ["Выписка ЕГРН.pdf"]
    assert kept.comments.count() == 2
    assert person.lk_appeals.get().text == "Когда включат свет?"
    assert list(Thread.objects.values_list("subject", flat=True)) == ["По заявке"]
    assert not Message.objects.filter(text="Какой тариф?").exists()
    assert not AskueCredentials.objects.filter(user=person).exists()
    assert not OutageSubscription.objects.filter(user=person).exists()
    assert Meter.objects.filter(owner=person).count() == 1


def test_pdf_lists_every_application_in_one_line_and_points_to_the_json(client, make_applicant):
    """Hundreds of applications: the PDF is a readable summary, one line per application (number,
    kind, status, dates); the note at the top says the full data is in the JSON inside the PDF."""
    user = make_applicant()
    client.force_login(user)
    statuses = ["submitted", "in_progress", "completed", "rejected"]
    applications = [
        ApplicationFactory(owner=user, number=f"{900 + i}ТП/ФЛ/НП/До 15/ЛК", status=statuses[i % 4])
        for i in range(40)
    ]
    pdf = export_my_data(client, "pdf")
    reader = PdfReader(io.BytesIO(pdf.content))
    lines = [" ".join(line.split()) for page in reader.pages for line in page.extract_text().splitlines()]
    flat = " ".join(lines)
    assert "Заявки (всего: 40)" in flat
    labels = dict(Application._meta.get_field("status").choices)
    for application in applications:
        (line,) = [line for line in lines if application.number in line]
        assert line.startswith(application.number)
        assert str(labels[application.status]) in line and application.kind.title in line
        assert timezone.localtime(application.submitted_at).strftime("%d.%m.%Y") in line
    assert "Полные сведения" in flat and "в файле my-data-" in flat and ".json, вложенном в этот PDF" in flat
    ((name, (embedded,)),) = reader.attachments.items()
    data = json.loads(embedded)
    assert [a["number"] for a in data["applications"]] == [a.number for a in applications]
    assert all(a["submitted_data"] for a in data["applications"])

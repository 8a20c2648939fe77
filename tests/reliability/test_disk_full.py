"""Disk full on upload (ENOSPC from the private storage): a clear Russian message at the file field,
no 500, no record without its file, no partly written file left, the rest of the input kept."""

import errno
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lk_plugin.accounts.models import ProfileDocument
from lk_plugin.appeals.models import Appeal, AppealAttachment, AppealTopic
from lk_plugin.applications.models import ApplicationDocument
from lk_plugin.core.files import PrivateFileSystemStorage
from lk_plugin.messaging.models import Message, MessageAttachment, Thread
from tests.helpers import PDF, fill_tp_draft

MESSAGE = "Не удалось сохранить файл: на сервере недостаточно места. Попробуйте позже."


@pytest.fixture
def disk_full(monkeypatch, settings):
    """The storage writes part of the file, then the disk is full (what FileSystemStorage leaves)."""

    def full(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(b"%PDF-1.4 partial")
        raise OSError(errno.ENOSPC, "No space left on device", path)

    monkeypatch.setattr(PrivateFileSystemStorage, "_save", full)
    return settings.LK_PRIVATE_STORAGE_ROOT


def stored_files(root):
    return [os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files]


def pdf(name="документ.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_wizard_document(client, tp_page, applicant, disk_full):
    application = fill_tp_draft(tp_page, applicant, with_documents=False)
    client.force_login(applicant)
    url = reverse("lk_applications:form", args=[application.pk])
    response = client.post(url, {"step": "5", "action": "upload", "doc_passport": pdf("паспорт.pdf")})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not ApplicationDocument.objects.exists()
    assert stored_files(disk_full) == []
    application.refresh_from_db()
    assert application.status == "draft" and application.data["object_name"] == "Жилой дом"


def test_appeal_attachment(client, applicant, disk_full):
    topic = AppealTopic.objects.filter(is_active=True).first()
    client.force_login(applicant)
    response = client.post(
        reverse("lk_appeals:new"),
        {"topic": topic.pk, "text": "Прошу проверить счётчик", "files": [pdf()]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html and "Прошу проверить счётчик" in html
    assert response.context["form"].errors["files"] == [MESSAGE]
    assert not Appeal.objects.exists() and not AppealAttachment.objects.exists()
    assert stored_files(disk_full) == []


def test_chat_attachment(client, applicant, disk_full):
    client.force_login(applicant)
    response = client.post(
        reverse("lk_messaging:new"),
        {"subject": "Смена собственника", "text": "Как переоформить?", "files": [pdf()]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in html and "Смена собственника" in html and "Как переоформить?" in html
    assert response.context["form"].errors["files"] == [MESSAGE]
    assert not Thread.objects.exists() and not Message.objects.exists()
    assert not MessageAttachment.objects.exists()
    assert stored_files(disk_full) == []


def test_profile_document(client, applicant, disk_full):
    client.force_login(applicant)
    response = client.post(
        reverse("lk_accounts:document_upload"), {"kind": "other", "title": "Доверенность", "file": pdf()}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert MESSAGE in html and "Доверенность" in html
    assert response.context["document_form"].errors["file"] == [MESSAGE]
    assert not ProfileDocument.objects.exists()
    assert stored_files(disk_full) == []


def test_other_storage_errors_are_not_disguised(monkeypatch, db):
    from lk_plugin.core.files import private_storage

    def broken(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(PrivateFileSystemStorage, "_save", broken)
    with pytest.raises(PermissionError):
        private_storage.save("x/a.pdf", pdf())


def test_disk_fills_up_on_the_second_file_of_an_appeal(client, applicant, monkeypatch, settings):
    """The first file was stored, the second did not fit: neither the rows nor the first file stay."""
    real_save = PrivateFileSystemStorage._save
    calls = []

    def second_fails(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(PrivateFileSystemStorage, "_save", second_fails)
    topic = AppealTopic.objects.filter(is_active=True).first()
    client.force_login(applicant)
    response = client.post(
        reverse("lk_appeals:new"),
        {"topic": topic.pk, "text": "Два документа", "files": [pdf("первый.pdf"), pdf("второй.pdf")]},
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert len(calls) == 2
    assert not Appeal.objects.exists() and not AppealAttachment.objects.exists()
    assert stored_files(settings.LK_PRIVATE_STORAGE_ROOT) == []


def test_application_chat_attachment(client, applicant, disk_full):
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(owner=applicant, status="in_progress")
    client.force_login(applicant)
    response = client.post(
        reverse("lk_applications:chat", args=[application.pk]), {"text": "Прилагаю план", "files": [pdf()]}
    )
    assert response.status_code == 200
    assert response.context["chat_form"].errors["files"] == [MESSAGE]  # at the field, not above the form
    assert "Прилагаю план" in response.content.decode()
    assert not Message.objects.exists() and not MessageAttachment.objects.exists()
    assert stored_files(disk_full) == []

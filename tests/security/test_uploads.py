"""Hostile uploads on every applicant upload surface: refused with a Russian message at the field and
nothing stored (no rows, no files in private storage); accepted names are sanitized."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lk_plugin.accounts.models import ProfileDocument
from lk_plugin.appeals.models import Appeal, AppealAttachment, AppealTopic
from lk_plugin.messaging.models import Message, MessageAttachment, Thread
from tests.factories import PDF_BYTES, ApplicantProfileFactory

pytestmark = pytest.mark.django_db


def _zip(**members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD = {
    "exe named pdf": ("scan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
    "html named pdf": ("scan.pdf", b"<html><script>alert(1)</script></html>"),
    "pdf named jpg (polyglot)": ("photo.jpg", PDF_BYTES + b"<script>alert(1)</script>"),
    "svg named png": ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    "zip archive": ("docs.zip", _zip(**{"a.pdf": PDF_BYTES})),
    "zip named docx": ("report.docx", _zip(**{"a.pdf": PDF_BYTES})),
    "html file": ("page.html", b"<script>alert(1)</script>"),
    "zero bytes": ("empty.pdf", b""),
    "no extension": ("README", PDF_BYTES),
    "double extension": ("scan.pdf.exe", b"MZ" + b"\x00" * 100),
}


def _profile_document(client, files):
    return client.post("/lk/profile/documents/", {"kind": "other", "title": "x", "file": files[0]})


def _appeal(client, files):
    topic = AppealTopic.objects.filter(is_active=True).first()
    return client.post("/lk/appeals/new/", {"topic": topic.pk, "text": "Прошу проверить", "files": files})


def _dialog(client, files):
    return client.post("/lk/messages/new/", {"subject": "Вопрос", "text": "Здравствуйте", "files": files})


SURFACES = {"profile document": _profile_document, "appeal": _appeal, "dialog": _dialog}


def _stored(settings):
    root = Path(settings.LK_PRIVATE_STORAGE_ROOT)
    files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    rows = (
        ProfileDocument.objects.count(),
        Appeal.objects.count(),
        AppealAttachment.objects.count(),
        Thread.objects.count(),
        Message.objects.count(),
        MessageAttachment.objects.count(),
    )
    return files, rows


def _errors(response):
    """The file field's messages of the form the page re-rendered."""
    values = [v for layer in response.context for d in layer.dicts for v in d.values()]
    forms = [f for f in values if hasattr(f, "fields") and getattr(f, "errors", None)]
    assert forms, "no form with errors in the page"
    return " ".join(str(m) for f in forms for name in ("file", "files") for m in f.errors.get(name, []))


@pytest.fixture
def applicant_client(client, seeded):
    client.force_login(ApplicantProfileFactory().user)
    return client


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("case", BAD)
def test_bad_upload_refused_with_russian_message_and_nothing_stored(
    applicant_client, settings, surface, case
):
    name, content = BAD[case]
    response = SURFACES[surface](applicant_client, [SimpleUploadedFile(name, content)])
    assert response.status_code in (200, 400)
    errors = _errors(response)  # the message sits at the form's file field
    assert any(word in errors for word in ("Файл", "файл", "формат")), errors
    assert _stored(settings) == ([], (0, 0, 0, 0, 0, 0))


@pytest.mark.parametrize("surface", SURFACES)
def test_file_over_the_size_limit_refused(applicant_client, settings, surface):
    settings.LK_UPLOAD_MAX_SIZE = 1024
    response = SURFACES[surface](applicant_client, [SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2000)])
    assert "больше" in _errors(response)
    assert _stored(settings) == ([], (0, 0, 0, 0, 0, 0))


@pytest.mark.parametrize("surface", ["appeal", "dialog"])
def test_too_many_files_refused(applicant_client, settings, surface):
    settings.LK_UPLOAD_MAX_FILES = 3
    files = [SimpleUploadedFile(f"{n}.pdf", PDF_BYTES) for n in range(4)]
    response = SURFACES[surface](applicant_client, files)
    assert "не больше 3 файлов" in _errors(response)
    assert _stored(settings) == ([], (0, 0, 0, 0, 0, 0))


def test_more_files_than_django_accepts_is_a_400_not_a_500(applicant_client, settings):
    files = [
        SimpleUploadedFile(f"{n}.pdf", PDF_BYTES) for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    ]
    applicant_client.raise_request_exception = False
    response = _dialog(applicant_client, files)
    assert response.status_code == 400
    assert _stored(settings) == ([], (0, 0, 0, 0, 0, 0))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("evil\x1b[31m\x07name\x7f\u202e.pdf", "evil[31mname.pdf"),
        ("<img src=x onerror=alert(1)>.pdf", "<img src=x onerror=alert(1)>.pdf"),
    ],
)
@pytest.mark.parametrize("surface", SURFACES)
def test_names_are_sanitized_and_files_stay_in_private_storage(
    applicant_client, settings, surface, name, shown
):
    response = SURFACES[surface](applicant_client, [SimpleUploadedFile(name, PDF_BYTES)])
    assert response.status_code == 302, _errors(response)
    files, _rows = _stored(settings)
    root = Path(settings.LK_PRIVATE_STORAGE_ROOT).resolve()
    assert len(files) == 1 and files[0].resolve().is_relative_to(root)
    assert files[0].suffix == ".pdf" and "passwd" not in files[0].name and "evil" not in files[0].name
    stored = (
        ProfileDocument.objects.values_list("original_name", flat=True).first()
        or AppealAttachment.objects.values_list("original_name", flat=True).first()
        or MessageAttachment.objects.values_list("original_name", flat=True).first()
    )
    assert "/" not in stored and "\\" not in stored and all(ch.isprintable() for ch in stored)
    assert stored.endswith(".pdf")
    page = applicant_client.get(response["Location"]).content.decode()
    assert "<img src=x" not in page


def test_accepted_pdf_html_polyglot_is_only_ever_a_download(applicant_client):
    polyglot = PDF_BYTES + b"<html><script>alert(document.cookie)</script></html>"
    _profile_document(applicant_client, [SimpleUploadedFile("scan.pdf", polyglot)])
    document = ProfileDocument.objects.get()
    response = applicant_client.get(f"/lk/profile/documents/{document.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"

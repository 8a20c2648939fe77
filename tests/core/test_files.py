import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lk_plugin.core.files import clean_filename, validate_upload

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_accepts_matching_magic():
    validate_upload(upload("скан паспорта.pdf", PDF))
    validate_upload(upload("plan.PNG", PNG))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.pdf", PNG, "magic"),
        ("a.exe", b"MZ" + b"\x00" * 20, "extension"),
        ("a.pdf", b"", "empty"),
        ("a.docx", b"PK\x03\x04not really a docx", "magic"),
    ],
)
def test_rejects_bad_files_naming_the_file(name, content, code):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, content))
    assert exc.value.code == code
    assert name.split("/")[-1] in exc.value.messages[0]


def test_rejects_oversize(settings):
    settings.LK_UPLOAD_MAX_SIZE = 100
    with pytest.raises(ValidationError, match="больше"):
        validate_upload(upload("big.pdf", PDF + b"0" * 200))


def test_clean_filename_strips_paths_and_control_characters():
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("C:\\docs\\a\x00b.pdf") == "ab.pdf"


def test_docx_detected_from_zip_structure():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    validate_upload(upload("заявление.docx", buffer.getvalue()))

"""The detached-signature upload of the ТП wizard: only .sig/.p7s, at most 1 MB, CMS content (DER or
PEM); the stored original name is sanitised."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lk_plugin.applications.models import ApplicationDocument
from tests.helpers import fill_tp_draft

pytestmark = pytest.mark.django_db
BASE = {"step": "6", "action": "sign", "pd_consent": "on", "captcha_0": "x", "captcha_1": "PASSED"}
DER = b"0\x82\x01\x00" + b"\x06\x09*\x86H\x86\xf7\r\x01\x07\x02" + b"x" * 64


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", DER, "допустимы .sig и .p7s"),
        ("zayavka.sig", b"MZ\x90\x00" + b"x" * 64, "не похоже на электронную подпись"),
        ("zayavka.p7s", b"0" + b"x" * (1024 * 1024 + 1), "больше 1 МБ"),
    ],
)
def test_bad_signature_files_are_refused(client, tp_page, applicant, name, content, message):  # noqa: F811
    application = fill_tp_draft(tp_page, applicant)
    client.force_login(applicant)
    url = reverse("lk_applications:form", args=[application.pk])
    response = client.post(url, {**BASE, "signature": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert not ApplicationDocument.objects.filter(slot="_signature").exists()


def test_signature_original_name_is_sanitised(client, tp_page, applicant):  # noqa: F811
    application = fill_tp_draft(tp_page, applicant)
    client.force_login(applicant)
    url = reverse("lk_applications:form", args=[application.pk])
    upload = SimpleUploadedFile("..\\..\\etc\\pass\x07wd.sig", DER)
    assert client.post(url, {**BASE, "signature": upload}).status_code == 302
    document = ApplicationDocument.objects.get(slot="_signature")
    assert document.original_name == "passwd.sig"
    assert "/" not in document.file.name.rsplit("/", 1)[-1] and "passwd" not in document.file.name

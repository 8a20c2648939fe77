"""Object-level authorization: every object endpoint answers 404 to another applicant, 401 to a guest.

The list of endpoints comes from the OpenAPI document: a new object endpoint without a case here
fails test_every_object_endpoint_has_a_case.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lk_plugin.api.main import api as ninja_api
from lk_plugin.applications.statuses import Status
from tests.factories import (
    PDF_BYTES,
    AppealAttachmentFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CommentFileFactory,
    MessageAttachmentFactory,
    MeterFactory,
    NotificationFactory,
    StageDocumentFactory,
    ThreadFactory,
)
from tests.helpers import ApiClient

from .conftest import applicant_user

pytestmark = pytest.mark.django_db


def _connection_objects(connected) -> dict:
    """*connected* put on the connection stages, with an invoice and an act placed for signing (the
    newest submitted application: schemathesis uses its id for every application path)."""
    import datetime as dt

    from lk_plugin.connection.flows.stages import connection_start, file_sha256
    from lk_plugin.connection.models import ConnectionScheme, Invoice, PlacedDocument

    connection_start(application=connected, scheme=ConnectionScheme.objects.get(code="fl-15"))
    invoice = Invoice.objects.create(
        application=connected,
        number=f"T-{connected.pk}",
        amount=550,
        due_date=dt.date(2026, 3, 20),
        purpose="ТП",
    )
    act = StageDocumentFactory(application=connected, stage="act", title="Акт")
    PlacedDocument.objects.create(document=act, sha256=file_sha256(act.file), requires_signature=True)
    return {"connected": connected, "invoice": invoice, "act": act}


def _objects(owner):
    application = ApplicationFactory(owner=owner, status=Status.SUBMITTED)
    draft = ApplicationFactory(owner=owner, status=Status.DRAFT, number=None, submitted_at=None)
    attachment = AppealAttachmentFactory(appeal__owner=owner)
    message_file = MessageAttachmentFactory(message__thread=ThreadFactory(owner=owner))
    needs_info = ApplicationFactory(owner=owner, status=Status.NEEDS_INFO)
    return {
        "application": application,
        "draft": draft,
        "draft_document": ApplicationDocumentFactory(application=draft),
        "needs_info": needs_info,
        "document": ApplicationDocumentFactory(application=application),
        "stage": StageDocumentFactory(application=application),
        "comment_file": CommentFileFactory(comment__application=application),
        "appeal": attachment.appeal,
        "appeal_file": attachment,
        "thread": message_file.message.thread,
        "message_file": message_file,
        "notification": NotificationFactory(user=owner),
        "meter": MeterFactory(owner=owner),
        **_connection_objects(needs_info),
    }


def _pdf():
    return SimpleUploadedFile("doc.pdf", PDF_BYTES, content_type="application/pdf")


TEXT = {"text": "Добрый день"}

# (method, OpenAPI path) → (path parameters from the objects, body, multipart?, the owner's status).
# The owner's status proves the endpoint and its body are real (the stranger's 404 is not a 422).
CASES = {
    ("get", "/drafts/{draft_id}/"): (lambda o: {"draft_id": o["draft"].pk}, None, False, 200),
    ("delete", "/drafts/{draft_id}/"): (lambda o: {"draft_id": o["draft"].pk}, None, False, 204),
    ("put", "/drafts/{draft_id}/steps/{index}/"): (
        lambda o: {"draft_id": o["draft"].pk, "index": 0},
        {"data": {"object_address": "ул. Ленина, 1"}, "partial": True},
        False,
        200,
    ),
    ("post", "/drafts/{draft_id}/documents/"): (
        lambda o: {"draft_id": o["draft"].pk},
        lambda: {"slot": "ownership_doc", "file": _pdf()},
        True,
        201,
    ),
    ("delete", "/drafts/{draft_id}/documents/{document_id}/"): (
        lambda o: {"draft_id": o["draft"].pk, "document_id": o["draft_document"].pk},
        None,
        False,
        204,
    ),
    ("post", "/drafts/{draft_id}/submit/"): (
        lambda o: {"draft_id": o["draft"].pk},
        {"pd_consent": True, "captcha_key": "x", "captcha_value": "PASSED"},
        False,
        400,  # the factory draft has no live form page: «Форма снята с публикации»
    ),
    ("get", "/applications/{application_id}/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/history/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/comments/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/comment-files/{file_id}/"): (
        lambda o: {"application_id": o["application"].pk, "file_id": o["comment_file"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/stage-documents/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/stage-documents/{document_id}/"): (
        lambda o: {"application_id": o["application"].pk, "document_id": o["stage"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/documents/{document_id}/"): (
        lambda o: {"application_id": o["application"].pk, "document_id": o["document"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/pdf/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("post", "/applications/{application_id}/withdraw/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("post", "/applications/{application_id}/respond/"): (
        lambda o: {"application_id": o["needs_info"].pk},
        lambda: dict(TEXT),
        True,
        200,
    ),
    ("get", "/applications/{application_id}/messages/"): (
        lambda o: {"application_id": o["application"].pk},
        None,
        False,
        200,
    ),
    ("post", "/applications/{application_id}/messages/"): (
        lambda o: {"application_id": o["application"].pk},
        lambda: dict(TEXT),
        True,
        201,
    ),
    ("get", "/applications/{application_id}/stages/"): (
        lambda o: {"application_id": o["connected"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/invoices/"): (
        lambda o: {"application_id": o["connected"].pk},
        None,
        False,
        200,
    ),
    ("get", "/applications/{application_id}/invoices/{invoice_id}/payment/"): (
        lambda o: {"application_id": o["connected"].pk, "invoice_id": o["invoice"].pk},
        None,
        False,
        200,
    ),
    ("post", "/applications/{application_id}/stages/tu-notice/"): (
        lambda o: {"application_id": o["connected"].pk},
        lambda: {"text": "Готово", "files": _pdf()},
        True,
        400,  # the first stage is the utility's: «На текущем этапе это действие недоступно»
    ),
    ("post", "/applications/{application_id}/stages/documents/{document_id}/sign-code/"): (
        lambda o: {"application_id": o["connected"].pk, "document_id": o["act"].pk},
        None,
        False,
        400,  # not the signing stage yet
    ),
    ("post", "/applications/{application_id}/stages/documents/{document_id}/sign/"): (
        lambda o: {"application_id": o["connected"].pk, "document_id": o["act"].pk},
        {"code": "123456"},
        False,
        400,
    ),
    ("get", "/threads/{thread_id}/"): (lambda o: {"thread_id": o["thread"].pk}, None, False, 200),
    ("post", "/threads/{thread_id}/messages/"): (
        lambda o: {"thread_id": o["thread"].pk},
        lambda: dict(TEXT),
        True,
        201,
    ),
    ("get", "/threads/{thread_id}/files/{file_id}/"): (
        lambda o: {"thread_id": o["thread"].pk, "file_id": o["message_file"].pk},
        None,
        False,
        200,
    ),
    ("get", "/appeals/{appeal_id}/"): (lambda o: {"appeal_id": o["appeal"].pk}, None, False, 200),
    ("get", "/appeals/{appeal_id}/files/{file_id}/"): (
        lambda o: {"appeal_id": o["appeal"].pk, "file_id": o["appeal_file"].pk},
        None,
        False,
        200,
    ),
    ("get", "/appeals/{appeal_id}/messages/"): (lambda o: {"appeal_id": o["appeal"].pk}, None, False, 200),
    ("post", "/appeals/{appeal_id}/messages/"): (
        lambda o: {"appeal_id": o["appeal"].pk},
        lambda: dict(TEXT),
        True,
        201,
    ),
    ("post", "/notifications/{notification_id}/read/"): (
        lambda o: {"notification_id": o["notification"].pk},
        None,
        False,
        200,
    ),
    ("get", "/meters/{meter_id}/"): (lambda o: {"meter_id": o["meter"].pk}, None, False, 200),
    ("get", "/meters/{meter_id}/readings/"): (lambda o: {"meter_id": o["meter"].pk}, None, False, 200),
    ("post", "/meters/{meter_id}/readings/"): (
        lambda o: {"meter_id": o["meter"].pk},
        {"values": ["1500"]},
        False,
        201,
    ),
}

PREFIX = "/api/lk/v1"


def object_operations() -> set[tuple[str, str]]:
    """(method, path) of every operation that needs a login and has an id in its path."""
    schema = ninja_api.get_openapi_schema()
    found = set()
    for path, operations in schema["paths"].items():
        if "{" not in path:
            continue
        for method, operation in operations.items():
            if operation.get("security"):
                found.add((method, path.removeprefix(PREFIX)))
    return found


def test_every_object_endpoint_has_a_case():
    assert object_operations() == set(CASES)


def _request(client, key, objects):
    method, template = key
    params, body, multipart, _status = CASES[key]
    if callable(body):
        body = body()
    return ApiClient(client).call(
        method, PREFIX + template.format(**params(objects)), body, multipart=multipart
    )


@pytest.fixture
def no_reading_window(settings):
    settings.LK_METER_READING_WINDOW = None


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda k: f"{k[0]} {k[1]}")
def test_other_applicant_gets_404(client, key, no_reading_window):
    owner, stranger = applicant_user(), applicant_user()
    objects = _objects(owner)
    client.force_login(stranger)
    response = _request(client, key, objects)
    assert response.status_code == 404, response.content
    assert response.json()["code"] == "not_found"
    client.force_login(owner)
    response = _request(client, key, objects)
    assert response.status_code == CASES[key][3], response.content


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda k: f"{k[0]} {k[1]}")
def test_guest_gets_401(client, key):
    objects = _objects(applicant_user())
    response = _request(client, key, objects)
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Войдите в личный кабинет.",
        "code": "not_authenticated",
        "errors": {},
    }

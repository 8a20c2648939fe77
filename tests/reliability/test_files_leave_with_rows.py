"""Files leave the disk with their rows (one post_delete receiver for every FileField of the plugin):
a removed draft document, and everything a deleted user's cascade takes — application documents,
messages' attachments (dialogs) and profile documents."""

import pytest
from django.core.files.base import ContentFile

from lk_plugin.accounts.models import ProfileDocument
from lk_plugin.applications.flows.drafts import document_remove
from tests.factories import (
    ApplicantProfileFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    MessageAttachmentFactory,
    MessageFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def _exists(fieldfile):
    return fieldfile.storage.exists(fieldfile.name)


def test_removing_a_draft_document_removes_its_file(django_capture_on_commit_callbacks):
    owner = ApplicantProfileFactory().user
    application = ApplicationFactory(owner=owner, status="draft", number="")
    document = ApplicationDocumentFactory(application=application)
    assert _exists(document.file)
    with django_capture_on_commit_callbacks(execute=True):
        document_remove(application=application, user=owner, document_id=document.pk)
    assert not _exists(document.file)


def test_deleting_a_user_removes_every_file_of_the_cascade(django_capture_on_commit_callbacks):
    owner = ApplicantProfileFactory().user
    # (Applications and appeals protect their owner: a person with them is erased, not deleted.)
    files = [
        MessageAttachmentFactory(
            message=MessageFactory(thread=ThreadFactory(owner=owner), author=owner)
        ).file,
        ProfileDocument.objects.create(
            user=owner, file=ContentFile(PDF, name="p.pdf"), original_name="p.pdf"
        ).file,
    ]
    assert all(_exists(f) for f in files)
    with django_capture_on_commit_callbacks(execute=True):
        owner.delete()
    assert [f.name for f in files if _exists(f)] == []


def test_a_rolled_back_delete_keeps_the_file(django_capture_on_commit_callbacks):
    from django.db import transaction

    owner = ApplicantProfileFactory().user
    document = ApplicationDocumentFactory(application=ApplicationFactory(owner=owner))
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                document.delete()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert _exists(document.file)

"""Applicant-side flows: ownership, allowed moves, file clean-up, thread helpers."""

import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lk_plugin.applications.flows.applicant import (
    application_delete_draft,
    application_respond,
    application_withdraw,
)
from lk_plugin.applications.models import Application
from lk_plugin.messaging import flows as messaging
from lk_plugin.messaging.models import Thread
from lk_plugin.notifications.models import Notification
from tests.factories import ApplicationDocumentFactory, ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_the_owner_withdraws():
    application = ApplicationFactory()
    with pytest.raises(PermissionDenied):
        application_withdraw(application=application, user=UserFactory())
    application.refresh_from_db()
    assert application.status == "submitted"


def test_withdraw_does_not_notify_the_applicant_of_their_own_action():
    application = ApplicationFactory()
    application_withdraw(application=application, user=application.owner)
    assert application.status == "withdrawn" and application.closed_at is not None
    assert not Notification.objects.exists()


def test_respond_requires_a_request():
    application = ApplicationFactory(status="in_progress")
    with pytest.raises(ValidationError):
        application_respond(application=application, user=application.owner, text="ответ")


def test_delete_draft_removes_its_files_after_commit(django_capture_on_commit_callbacks):
    document = ApplicationDocumentFactory(application__status="draft", application__number=None)
    path = document.file.path
    assert os.path.exists(path)
    with django_capture_on_commit_callbacks(execute=True):
        application_delete_draft(application=document.application, user=document.application.owner)
    assert not Application.objects.exists()
    assert not os.path.exists(path)


def test_thread_for_application_is_one_per_application():
    application = ApplicationFactory()
    first = messaging.thread_for_application(application=application)
    assert messaging.thread_for_application(application=application) == first
    assert first.owner == application.owner and application.number in first.subject
    assert Thread.objects.count() == 1


def test_message_post_rejects_empty_and_applicant_messages_do_not_notify():
    thread = messaging.thread_for_application(application=ApplicationFactory())
    with pytest.raises(ValidationError):
        messaging.message_post(thread=thread, author=thread.owner, text="  ")
    message = messaging.message_post(thread=thread, author=thread.owner, text="Вопрос")
    assert message.read_by_owner_at is not None and message.read_by_staff_at is None
    assert not Notification.objects.exists()
    thread.refresh_from_db()
    assert thread.last_message_at is not None

"""Owner-only access: every object URL and file URL of the cabinet answers 404 to another applicant."""

import pytest
from django.urls import NoReverseMatch, reverse

from lk_plugin.applications.statuses import Status
from tests.factories import (
    AppealAttachmentFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    CommentFileFactory,
    MessageAttachmentFactory,
    NotificationFactory,
    StageDocumentFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _objects(owner):
    application = ApplicationFactory(owner=owner, status=Status.SUBMITTED)
    draft = ApplicationFactory(owner=owner, status=Status.DRAFT, number=None)
    needs_info = ApplicationFactory(owner=owner, status=Status.NEEDS_INFO)
    attachment = AppealAttachmentFactory(appeal__owner=owner)
    message_file = MessageAttachmentFactory(message__thread=ThreadFactory(owner=owner))
    return {
        "application": application,
        "draft": draft,
        "needs_info": needs_info,
        "document": ApplicationDocumentFactory(application=application),
        "stage": StageDocumentFactory(application=application),
        "comment_file": CommentFileFactory(comment__application=application),
        "appeal": attachment.appeal,
        "appeal_file": attachment,
        "thread": message_file.message.thread,
        "message_file": message_file,
        "notification": NotificationFactory(user=owner),
    }


# (method, URL name, args from the objects); the owner's expected status proves the URL is real.
CASES = [
    ("get", "lk_applications:detail", lambda o: [o["application"].pk], 200),
    ("post", "lk_applications:withdraw", lambda o: [o["application"].pk], 302),
    ("post", "lk_applications:delete_draft", lambda o: [o["draft"].pk], 302),
    ("post", "lk_applications:respond", lambda o: [o["needs_info"].pk], 200),
    ("post", "lk_applications:chat", lambda o: [o["application"].pk], 200),
    ("get", "lk_applications:stage_document", lambda o: [o["application"].pk, o["stage"].pk], 200),
    (
        "get",
        "lk_applications:comment_file",
        lambda o: [o["application"].pk, o["comment_file"].pk],
        200,
    ),
    ("get", "lk_applications:document", lambda o: [o["application"].pk, o["document"].pk], 200),
    ("get", "lk_applications:pdf", lambda o: [o["application"].pk], 200),
    ("get", "lk_applications:confirmation", lambda o: [o["application"].pk], 200),
    ("get", "lk_appeals:detail", lambda o: [o["appeal"].pk], 200),
    ("post", "lk_appeals:chat", lambda o: [o["appeal"].pk], 200),
    ("get", "lk_appeals:attachment", lambda o: [o["appeal"].pk, o["appeal_file"].pk], 200),
    ("get", "lk_messaging:thread", lambda o: [o["thread"].pk], 200),
    ("post", "lk_messaging:thread", lambda o: [o["thread"].pk], 200),
    (
        "get",
        "lk_messaging:attachment",
        lambda o: [o["thread"].pk, o["message_file"].pk],
        200,
    ),
    ("get", "lk_notifications:open", lambda o: [o["notification"].pk], 302),
    ("post", "lk_notifications:mark_read", lambda o: [o["notification"].pk], 302),
]


@pytest.mark.parametrize(
    ("method", "name", "args", "owner_status"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES]
)
def test_other_applicant_gets_404(client, method, name, args, owner_status):
    owner, stranger = UserFactory(), UserFactory()
    objects = _objects(owner)
    try:
        url = reverse(name, args=args(objects))
    except NoReverseMatch:
        pytest.skip(f"{name} is not in this branch")
    client.force_login(stranger)
    assert getattr(client, method)(url).status_code == 404
    client.force_login(owner)
    assert getattr(client, method)(url).status_code == owner_status


def test_guest_is_sent_to_login(client):
    objects = _objects(UserFactory())
    url = reverse("lk_applications:stage_document", args=[objects["application"].pk, objects["stage"].pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_file_of_own_object_under_another_parent_is_404(client):
    """Mixing my parent id with someone else's file id must not leak the file."""
    me, other = UserFactory(), UserFactory()
    mine = ApplicationFactory(owner=me)
    theirs = StageDocumentFactory(application=ApplicationFactory(owner=other))
    client.force_login(me)
    url = reverse("lk_applications:stage_document", args=[mine.pk, theirs.pk])
    assert client.get(url).status_code == 404

"""Staff replies in dialogs: delegate to the messaging flow (issue 6's message_post) with from_staff=True."""

from django.db import transaction
from wagtail.log_actions import log

LOG_REPLY = "lk.thread.reply"


def messaging_available() -> bool:
    """Whether lk_plugin.messaging is installed: without it there are no chats to show or answer."""
    from django.apps import apps

    return apps.is_installed("lk_plugin.messaging")


@transaction.atomic
def thread_reply(*, thread, actor, text: str, files=()):
    from lk_plugin.messaging.flows import message_post

    message = message_post(thread=thread, author=actor, text=text, files=files, from_staff=True)
    log(thread, LOG_REPLY, user=actor, data={"message_id": message.pk})
    return message


@transaction.atomic
def application_chat_reply(*, application, actor, text: str, files=()):
    from lk_plugin.messaging.flows import thread_for_application

    thread = thread_for_application(application=application)
    return thread_reply(thread=thread, actor=actor, text=text, files=files)

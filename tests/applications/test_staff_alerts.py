"""Staff are told by email about new applications, appeals and applicants' messages (outbox rows)."""

import pytest

from lk_plugin.appeals.flows import appeal_submit
from lk_plugin.appeals.models import AppealTopic
from lk_plugin.applications.flows import application_submit
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.messaging.flows import dialog_create, message_post
from lk_plugin.notifications.models import OutboxMessage
from tests import factories as make
from tests.helpers import fill_tp_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make.staff_user("anna@example.ru")


@pytest.fixture
def editor():
    return make.editor_user("oleg@example.ru")


def staff_rows(event):
    return OutboxMessage.objects.filter(event=event)


def test_new_application_emails_the_people_who_process_applications(tp_page, applicant, staff, editor):
    application = fill_tp_draft(tp_page, applicant)
    application = application_submit(application=application, user=applicant, request_meta=RequestMeta())

    row = staff_rows("staff_application_submitted").get()
    assert row.to == "anna@example.ru"  # not the editor, not the applicant
    assert application.number in row.subject
    assert f"/admin/lk_application/inspect/{application.pk}/" in row.body_text
    assert "Открыть в панели администрирования" in row.body_text
    assert "Открыть в панели администрирования" in row.body_html
    assert "Здравствуйте!" in row.body_text
    # The applicant's own confirmation still speaks of the cabinet.
    own = OutboxMessage.objects.get(event="application_submitted", to=applicant.email)
    assert "Подробнее в личном кабинете" in own.body_text


def test_setting_sends_alerts_to_a_shared_mailbox(tp_page, applicant, staff, settings):
    settings.LK_STAFF_NOTIFICATION_EMAILS = ["tp@grid.example.ru"]
    application_submit(
        application=fill_tp_draft(tp_page, applicant), user=applicant, request_meta=RequestMeta()
    )
    assert list(staff_rows("staff_application_submitted").values_list("to", flat=True)) == [
        "tp@grid.example.ru"
    ]


def test_new_appeal_emails_staff(staff, editor):
    person = make.applicant()
    topic = AppealTopic.objects.filter(is_active=True).first() or AppealTopic.objects.create(
        code="01", title="Качество электроэнергии"
    )
    appeal = appeal_submit(user=person, topic=topic, text="Мигает свет")
    row = staff_rows("staff_appeal_submitted").get()
    assert row.to == "anna@example.ru"
    assert appeal.number in row.subject
    assert f"/admin/lk_appeal/inspect/{appeal.pk}/" in row.body_text


def test_applicant_message_emails_staff_but_staff_reply_does_not(staff):
    person = make.applicant()
    thread = dialog_create(user=person, subject="Вопрос по договору", text="Когда подпишете?")
    row = staff_rows("staff_message_received").get()
    assert row.to == "anna@example.ru"
    assert "Когда подпишете?" in row.body_text
    assert f"/admin/lk_thread/inspect/{thread.pk}/" in row.body_text

    message_post(thread=thread, author=staff, text="На этой неделе", from_staff=True)
    assert staff_rows("staff_message_received").count() == 1
    assert OutboxMessage.objects.filter(event="message_received", to=person.email).exists()


def test_staff_recipients_follow_permission_changes_between_submissions(tp_page, applicant, staff):
    """The recipients are cached between submissions, but a new specialist, a removed group
    membership or a deactivated account is seen by the very next one."""
    from django.contrib.auth.models import Group

    from lk_plugin.core.permissions import STAFF_GROUP

    def submit_and_recipients():
        OutboxMessage.objects.filter(event="staff_application_submitted").delete()
        application_submit(
            application=fill_tp_draft(tp_page, applicant), user=applicant, request_meta=RequestMeta()
        )
        return sorted(staff_rows("staff_application_submitted").values_list("to", flat=True))

    assert submit_and_recipients() == ["anna@example.ru"]
    second = make.staff_user("boris@example.ru", first_name="Борис")
    assert submit_and_recipients() == ["anna@example.ru", "boris@example.ru"]
    staff.groups.remove(Group.objects.get(name=STAFF_GROUP))
    assert submit_and_recipients() == ["boris@example.ru"]
    second.is_active = False
    second.save()
    assert submit_and_recipients() == []


def test_every_staff_recipient_gets_the_same_rendered_mail(tp_page, applicant, staff):
    make.staff_user("boris@example.ru", first_name="Борис")
    application = application_submit(
        application=fill_tp_draft(tp_page, applicant), user=applicant, request_meta=RequestMeta()
    )
    rows = list(staff_rows("staff_application_submitted").order_by("to"))
    assert [r.to for r in rows] == ["anna@example.ru", "boris@example.ru"]
    assert rows[0].subject == rows[1].subject and application.number in rows[0].subject
    assert rows[0].body_text == rows[1].body_text and rows[0].body_html == rows[1].body_html
    assert all(r.user_id is None and r.sent_at is None for r in rows)


def test_a_login_keeps_the_cached_recipients_but_an_email_change_drops_them(staff):
    """Every login saves ``last_login``: that must not throw away the cache each time (the next
    submit would scan every user row again); a changed address must reach the next mail."""
    from django.contrib.auth.signals import user_logged_in
    from django.core.cache import cache
    from django.test import RequestFactory

    from lk_plugin.applications.models import Application
    from lk_plugin.core.permissions import STAFF_EMAILS_CACHE_KEY, staff_notification_emails

    assert staff_notification_emails(Application) == ["anna@example.ru"]
    request = RequestFactory().get("/")
    user_logged_in.send(sender=type(staff), request=request, user=staff)  # update_last_login
    assert cache.get(STAFF_EMAILS_CACHE_KEY) is not None
    staff.email = "anna.new@example.ru"
    staff.save(update_fields=["email"])
    assert cache.get(STAFF_EMAILS_CACHE_KEY) is None
    assert staff_notification_emails(Application) == ["anna.new@example.ru"]

"""An install migrated before the generic links keeps its chats and appeal links.

Until messaging 0002 / appeals 0003 a chat held foreign keys ``application_id`` / ``appeal_id`` and an
appeal ``application_id`` (their initial migrations were rewritten without them so that messaging and
appeals install without applications). Here the database is taken back before the new migrations, the
old columns are put back as the old migrations made them, rows are written the old way, and migrating
forward must move each link into ``about`` and drop the old columns (SQLite and PostgreSQL).
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import ApplicationFactory, UserFactory

BEFORE = [("lk_messaging", "0001_initial"), ("lk_appeals", "0002_seed_topics")]

LEGACY_COLUMNS = [
    ("lk_messaging_thread", "application_id", "lk_applications_application"),
    ("lk_messaging_thread", "appeal_id", "lk_appeals_appeal"),
    ("lk_appeals_appeal", "application_id", "lk_applications_application"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _columns(table):
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


@pytest.mark.django_db(transaction=True)
def test_old_chats_and_appeal_links_move_to_the_generic_link():
    from lk_plugin.appeals.models import Appeal, AppealTopic
    from lk_plugin.messaging.models import Thread

    owner = UserFactory()
    application = ApplicationFactory(owner=owner)
    topic = AppealTopic.objects.first()
    _migrate(BEFORE)
    try:
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, column, target in LEGACY_COLUMNS:
                cursor.execute(
                    f"ALTER TABLE {qn(table)} ADD COLUMN {qn(column)} bigint NULL "
                    f"REFERENCES {qn(target)} (id) DEFERRABLE INITIALLY DEFERRED"
                )
            cursor.execute(
                "CREATE UNIQUE INDEX lk_thread_one_per_application ON lk_messaging_thread (application_id) "
                "WHERE application_id IS NOT NULL"
            )
            now = timezone.now()
            cursor.execute(
                "INSERT INTO lk_appeals_appeal (owner_id, guest_name, guest_email, guest_phone, topic_id, "
                "application_id, text, number, status, submitted_at, due_date, answer_text, version, "
                "updated_at) VALUES (%s, '', '', '', %s, %s, 'Текст', '1/01/ЛК', 'submitted', %s, %s, '', 1, %s)",
                [owner.pk, topic.pk, application.pk, now, dt.date(2026, 1, 30), now],
            )
            cursor.execute("SELECT id FROM lk_appeals_appeal WHERE number = '1/01/ЛК'")
            appeal_id = cursor.fetchone()[0]
            for subject, app_id, ap_id in (
                ("Заявка", application.pk, None),
                ("Обращение", None, appeal_id),
                ("Диалог", None, None),
            ):
                cursor.execute(
                    "INSERT INTO lk_messaging_thread (owner_id, subject, created_at, is_closed, "
                    "application_id, appeal_id) VALUES (%s, %s, %s, %s, %s, %s)",
                    [owner.pk, subject, now, False, app_id, ap_id],
                )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    for table, column, _target in LEGACY_COLUMNS:
        assert column not in _columns(table)
    threads = {t.subject: t for t in Thread.objects.filter(owner=owner)}
    appeal = Appeal.objects.get(pk=appeal_id)
    assert threads["Заявка"].about == application
    assert threads["Обращение"].about == appeal
    assert threads["Диалог"].about is None
    assert appeal.application == application
    assert list(application.threads.all()) == [threads["Заявка"]]
    # The moved link keeps the old rules: one chat per application, and the chat goes with it.
    from lk_plugin.messaging.flows import thread_for_application

    assert thread_for_application(application=application) == threads["Заявка"]
    appeal.delete()
    assert not Thread.objects.filter(subject="Обращение").exists()


@pytest.mark.django_db
def test_a_link_to_a_removed_app_reads_as_nothing(client):
    """A site that dropped an app keeps rows linked to its content type: the pages still open."""
    from django.contrib.contenttypes.models import ContentType

    from lk_plugin.appeals.models import Appeal
    from lk_plugin.messaging.models import Thread
    from lk_plugin.messaging.selectors import threads_for_user
    from tests.factories import AppealFactory

    gone = ContentType.objects.create(app_label="lk_gone", model="thing")
    owner = UserFactory()
    thread = Thread.objects.create(owner=owner, subject="Старый чат", about_type=gone, about_id=1)
    appeal = AppealFactory(owner=owner)
    Appeal.objects.filter(pk=appeal.pk).update(about_type=gone, about_id=1)
    assert Thread.objects.get(pk=thread.pk).about is None
    assert [t.about_label for t in threads_for_user(owner)] == [""]
    assert Appeal.objects.prefetch_related("about").get(pk=appeal.pk).application is None
    client.force_login(owner)
    assert client.get("/lk/messages/").status_code == 200
    assert client.get(f"/lk/appeals/{appeal.pk}/").status_code == 200

"""PostgreSQL only: trigram indexes for the staff search by name («Смирнов» anywhere in the name).

The staff queues match people with ``icontains`` (``UPPER(col::text) LIKE UPPER('%…%')``); without
these indexes that is a scan of every profile on every search (200,000 at ten times the bench data).
Needs the pg_trgm extension: when the database user may not create it, the indexes are skipped
(searches stay correct, only slower) and a warning says so. SQLite and others: nothing to do.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger("lk_plugin.migrations")

TABLE = "lk_accounts_applicantprofile"
COLUMNS = ["last_name", "first_name", "organization_name"]


def create(apps, schema_editor):
    if schema_editor is None:  # tests re-run data migrations without one (tests/conftest.py): schema only
        return
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # noqa: BLE001 - no privilege: keep the migration working
        logger.warning("pg_trgm is not available (%s): name search will not use trigram indexes", exc)
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "lk_prof_{column[:10]}_trgm" ON "{TABLE}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor is None or schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "lk_prof_{column[:10]}_trgm"')


class Migration(migrations.Migration):
    dependencies = [("lk_accounts", "0004_consent_subject_snapshot")]

    operations = [migrations.RunPython(create, drop)]

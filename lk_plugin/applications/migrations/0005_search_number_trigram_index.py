"""PostgreSQL only: a trigram index for the staff search by part of a number («bench-01», «тп/фл»).

The queue matches a number substring on ``search_number`` (the number lower-cased in Python); without
this index that is a scan of every application on every such search (1,000,000 at ten times the bench
data). Needs pg_trgm (created by lk_accounts 0005 when allowed): without it the index is skipped and
the search stays correct, only slower. SQLite and others: nothing to do.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger("lk_plugin.migrations")

INDEX = "lk_app_search_number_trgm"


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
        logger.warning("pg_trgm is not available (%s): number search will not use a trigram index", exc)
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "lk_applications_application" '
        f'USING gin ("search_number" gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor is None or schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("lk_applications", "0004_application_search_number"),
        ("lk_accounts", "0005_profile_name_trigram_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]

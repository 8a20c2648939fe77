"""PostgreSQL only: a trigram index on the people's email for the staff search («ivanov@» anywhere).

The staff queues match people by email with ``icontains`` (``UPPER(email::text) LIKE UPPER('%…%')``);
the user table is the site's (``AUTH_USER_MODEL``), but this search is the plugin's, so the index is
too: without it every search by name or email read every user row (200,000 at ten times the bench
data). Skipped without pg_trgm, on other databases, or when the user model has no ``email`` column.
"""

import logging

from django.conf import settings
from django.db import migrations, transaction

logger = logging.getLogger("lk_plugin.migrations")

INDEX = "lk_user_email_trgm"


def _email_column(apps):
    model = apps.get_model(settings.AUTH_USER_MODEL)
    try:
        field = model._meta.get_field("email")
    except Exception:  # noqa: BLE001 - a custom user model without email
        return None, None
    return model._meta.db_table, field.column


def create(apps, schema_editor):
    if schema_editor is None:  # tests re-run data migrations without one (tests/conftest.py): schema only
        return
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table, column = _email_column(apps)
    if table is None:
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # noqa: BLE001 - no privilege: keep the migration working
        logger.warning("pg_trgm is not available (%s): email search will not use a trigram index", exc)
        return
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
    )


def drop(apps, schema_editor):
    if schema_editor is None or schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("lk_accounts", "0005_profile_name_trigram_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]

"""PostgreSQL trigram indexes for the staff searches (``LIKE '%…%'`` on names, emails, numbers).

``trigram_indexes(purpose, indexes)`` is the one ``RunPython`` operation the migrations use: it creates
pg_trgm when allowed and the GIN indexes ``indexes(apps)`` lists as ``(name, table, expression)``.
Without the privilege to create pg_trgm the indexes are skipped with a warning (searches stay correct,
only slower); on SQLite and other databases it does nothing.
"""

import logging
from collections.abc import Callable

from django.db import migrations, transaction

logger = logging.getLogger("lk_plugin.migrations")


def upper(column: str) -> str:
    """The expression ``icontains`` compares on PostgreSQL: ``UPPER(col::text)``."""
    return f'(UPPER("{column}"::text))'


def trigram_indexes(
    purpose: str, indexes: Callable[[object], list[tuple[str, str, str]]]
) -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor is None:  # tests re-run data migrations without one (tests/conftest.py)
            return
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        wanted = indexes(apps)
        if not wanted:
            return
        try:
            with transaction.atomic(using=connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as exc:  # noqa: BLE001 - no privilege: keep the migration working
            logger.warning("pg_trgm is not available (%s): %s will not use trigram indexes", exc, purpose)
            return
        for name, table, expression in wanted:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({expression} gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor is None or schema_editor.connection.vendor != "postgresql":
            return
        for name, _table, _expression in indexes(apps):
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop)

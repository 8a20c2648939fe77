"""Migrations that turn a foreign key to another app's model into a generic link (content type + id).

The initial migration that created the foreign key was rewritten without it (so the app installs without
the other app), so on a database migrated before, the old column is still there but unknown to the
migration state. ``move_fk_to_generic`` copies it into the generic link and drops it; on a fresh database
the column never existed and it does nothing.
"""

from django.db import connection


def _columns(schema_editor, table: str) -> set[str]:
    # Called outside a migration (the test suite re-runs RunPython seeds) there is no schema editor.
    conn = schema_editor.connection if schema_editor is not None else connection
    with conn.cursor() as cursor:
        return {c.name for c in conn.introspection.get_table_description(cursor, table)}


def move_fk_to_generic(
    *, app_label: str, model_name: str, links: dict[str, tuple[str, str]], type_field: str, id_field: str
):
    """A ``RunPython`` function: for each legacy column ``links`` maps to the (app label, model) it pointed
    to, set ``<type_field>`` / ``<id_field>`` from it, then drop the legacy columns."""

    def run(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        legacy = [column for column in links if column in _columns(schema_editor, table)]
        if not legacy:
            return
        ContentType = apps.get_model("contenttypes", "ContentType")
        qn = schema_editor.quote_name
        type_column = model._meta.get_field(type_field).column
        id_column = model._meta.get_field(id_field).column
        for column in legacy:
            target_app, target_model = links[column]
            content_type, _ = ContentType.objects.using(schema_editor.connection.alias).get_or_create(
                app_label=target_app, model=target_model
            )
            # Identifiers from the migration state, quoted; the one value is a parameter.
            sql = f"UPDATE {qn(table)} SET {qn(type_column)} = %s, {qn(id_column)} = {qn(column)} "  # noqa: S608
            schema_editor.execute(sql + f"WHERE {qn(column)} IS NOT NULL", [content_type.pk])
        if schema_editor.connection.vendor == "postgresql":
            # The new content-type key is checked at commit (DEFERRABLE): check it now, or ALTER TABLE
            # refuses to run with «pending trigger events».
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for column in legacy:
                # CASCADE drops the old foreign key and the unique/partial indexes on the column.
                schema_editor.execute(f"ALTER TABLE {qn(table)} DROP COLUMN {qn(column)} CASCADE")
            schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            # SQLite cannot drop an indexed or foreign-key column: rebuild the table from the migration
            # state, which no longer has the legacy columns.
            schema_editor._remake_table(model)

    return run

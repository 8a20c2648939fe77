"""PostgreSQL only: trigram indexes for the staff search by name («Смирнов» anywhere in the name).

The staff queues match people with ``icontains`` (``UPPER(col::text) LIKE UPPER('%…%')``); without
these indexes that is a scan of every profile on every search (200,000 at ten times the bench data).
Needs the pg_trgm extension: when the database user may not create it, the indexes are skipped
(searches stay correct, only slower) and a warning says so. SQLite and others: nothing to do.
"""

from django.db import migrations

from lk_plugin.core.migration_trigram import trigram_indexes, upper

TABLE = "lk_accounts_applicantprofile"
COLUMNS = ["last_name", "first_name", "organization_name"]


class Migration(migrations.Migration):
    dependencies = [("lk_accounts", "0004_consent_subject_snapshot")]

    operations = [
        trigram_indexes(
            "name search",
            lambda apps: [(f"lk_prof_{column[:10]}_trgm", TABLE, upper(column)) for column in COLUMNS],
        )
    ]

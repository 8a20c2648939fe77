"""PostgreSQL only: a trigram index for the staff search by part of a number («bench-01», «тп/фл»).

The queue matches a number substring on ``search_number`` (the number lower-cased in Python); without
this index that is a scan of every application on every such search (1,000,000 at ten times the bench
data). Needs pg_trgm (created by lk_accounts 0005 when allowed): without it the index is skipped and
the search stays correct, only slower. SQLite and others: nothing to do.
"""

from django.db import migrations

from lk_plugin.core.migration_trigram import trigram_indexes

INDEX = "lk_app_search_number_trgm"


class Migration(migrations.Migration):
    dependencies = [
        ("lk_applications", "0004_application_search_number"),
        ("lk_accounts", "0005_profile_name_trigram_indexes"),
    ]

    operations = [
        trigram_indexes(
            "number search", lambda apps: [(INDEX, "lk_applications_application", '"search_number"')]
        )
    ]

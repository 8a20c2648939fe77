"""PostgreSQL only: a trigram index on the people's email for the staff search («ivanov@» anywhere).

The staff queues match people by email with ``icontains`` (``UPPER(email::text) LIKE UPPER('%…%')``);
the user table is the site's (``AUTH_USER_MODEL``), but this search is the plugin's, so the index is
too: without it every search by name or email read every user row (200,000 at ten times the bench
data). Skipped without pg_trgm, on other databases, or when the user model has no ``email`` column.
"""

from django.conf import settings
from django.db import migrations

from lk_plugin.core.migration_trigram import trigram_indexes, upper

INDEX = "lk_user_email_trgm"


def email_index(apps):
    model = apps.get_model(settings.AUTH_USER_MODEL)
    try:
        field = model._meta.get_field("email")
    except Exception:  # noqa: BLE001 - a custom user model without email
        return []
    return [(INDEX, model._meta.db_table, upper(field.column))]


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("lk_accounts", "0005_profile_name_trigram_indexes"),
    ]

    operations = [trigram_indexes("email search", email_index)]

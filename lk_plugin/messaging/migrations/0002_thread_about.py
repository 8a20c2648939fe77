"""The thread's application/appeal foreign keys become one generic link ``about`` (content type + id), so
messaging knows nothing of the apps above it and each of them can be left out. Existing chats keep
their application or appeal (lk_plugin/core/migration_links.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from lk_plugin.core.migration_links import move_fk_to_generic


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("lk_messaging", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="about_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="id объекта"),
        ),
        migrations.AddField(
            model_name="thread",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="о чём",
            ),
        ),
        migrations.RunPython(
            move_fk_to_generic(
                app_label="lk_messaging",
                model_name="Thread",
                links={
                    "application_id": ("lk_applications", "application"),
                    "appeal_id": ("lk_appeals", "appeal"),
                },
                type_field="about_type",
                id_field="about_id",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AddConstraint(
            model_name="thread",
            constraint=models.UniqueConstraint(
                condition=models.Q(("about_type__isnull", False)),
                fields=("about_type", "about_id"),
                name="lk_thread_one_per_object",
            ),
        ),
    ]

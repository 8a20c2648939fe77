"""The appeal's foreign key to an application becomes a generic link ``about`` (content type + id), so
appeals install without lk_plugin.applications. Existing appeals keep their application
(lk_plugin/core/migration_links.py)."""

import django.db.models.deletion
from django.db import migrations, models

from lk_plugin.core.migration_links import move_fk_to_generic


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("lk_appeals", "0002_seed_topics"),
    ]

    operations = [
        migrations.AddField(
            model_name="appeal",
            name="about_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="id объекта"),
        ),
        migrations.AddField(
            model_name="appeal",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="о чём",
            ),
        ),
        migrations.RunPython(
            move_fk_to_generic(
                app_label="lk_appeals",
                model_name="Appeal",
                links={"application_id": ("lk_applications", "application")},
                type_field="about_type",
                id_field="about_id",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AddIndex(
            model_name="appeal",
            index=models.Index(fields=["about_type", "about_id"], name="lk_appeal_about"),
        ),
    ]

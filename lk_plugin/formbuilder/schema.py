"""Snapshots of a form's schema (FormVersion): one row per distinct schema of a page."""

import hashlib
import json

from django.apps import apps
from django.db import IntegrityError, transaction


def schema_hash(schema: dict) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def snapshot(page, schema: dict):
    """The FormVersion for *schema* of *page* (created on first use; identical schemas share one)."""
    # The table belongs to the applications app: looked up in the registry, not imported.
    FormVersion = apps.get_model("lk_applications", "FormVersion")

    digest = schema_hash(schema)
    version = FormVersion.objects.filter(page=page, schema_hash=digest).first()
    if version is None:
        try:
            with transaction.atomic():
                version = FormVersion.objects.create(
                    page=page, title=page.title, schema=schema, schema_hash=digest
                )
        except IntegrityError:
            version = FormVersion.objects.get(page=page, schema_hash=digest)
    return version


def snapshot_on_publish(sender, instance, **kwargs):
    """page_published receiver: every published schema of an application form gets its FormVersion."""
    page = instance.specific if hasattr(instance, "specific") else instance
    if getattr(page, "lk_application_form", False):
        snapshot(page, page.form_schema())

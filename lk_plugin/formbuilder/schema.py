"""Snapshots of a form's schema (FormVersion): one row per distinct schema of a page."""

import hashlib
import json

from django.db import IntegrityError, transaction


def schema_hash(schema: dict) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def snapshot(page, schema: dict):
    """The FormVersion for *schema* of *page* (created on first use; identical schemas share one)."""
    from lk_plugin.applications.models import FormVersion

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
    from .pages import AbstractApplicationFormPage

    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, AbstractApplicationFormPage):
        snapshot(page, page.form_schema())


def fields_in_use_changed(page, schema: dict) -> list[dict]:
    """Fields that submitted applications filled and *schema* relabels or drops.

    [{"name", "old_label", "new_label" (None when dropped), "count"}]. Their applications keep
    showing the old labels: each is displayed by the FormVersion it was submitted with.
    """
    from django.db.models import Count, Q

    from lk_plugin.applications.models import FormVersion
    from lk_plugin.applications.statuses import Status

    current = {
        spec["name"]: spec.get("label") or spec["name"]
        for step in schema.get("steps", [])
        for spec in step.get("fields", [])
        if spec.get("name")
    }
    versions = (
        FormVersion.objects.filter(page=page)
        .annotate(submitted=Count("applications", filter=~Q(applications__status=Status.DRAFT)))
        .filter(submitted__gt=0)
        .order_by("created_at")
    )
    changed: dict[str, dict] = {}
    for version in versions:
        for step in version.schema.get("steps", []):
            for spec in step.get("fields", []):
                name, label = spec.get("name"), spec.get("label") or spec.get("name")
                if not name or spec.get("type") == "info" or current.get(name) == label:
                    continue
                entry = changed.setdefault(
                    name, {"name": name, "old_label": label, "new_label": current.get(name), "count": 0}
                )
                entry["old_label"] = label
                entry["count"] += version.submitted
    return list(changed.values())


def warn_about_changed_fields(request, page):
    """after_edit_page hook: tell the editor which used fields were relabelled or removed."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    from .pages import AbstractApplicationFormPage

    page = page.specific
    if not isinstance(page, AbstractApplicationFormPage):
        return
    for entry in fields_in_use_changed(page, page.form_schema()):
        values = {"old": entry["old_label"], "new": entry["new_label"], "n": entry["count"]}
        if entry["new_label"] is None:
            text = _(
                "Поле «%(old)s» удалено, а в поданных заявках (%(n)s) оно заполнено: в них оно останется "
                "видно по версии формы, по которой заявка подана; новые заявки его не спросят."
            )
        else:
            text = _(
                "Поле «%(old)s» теперь называется «%(new)s». В поданных заявках (%(n)s) остаётся прежняя "
                "подпись (версия формы), данные не теряются: служебное имя поля не изменилось."
            )
        messages.warning(request, text % values)

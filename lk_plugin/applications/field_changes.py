"""Editors change a published form: which fields submitted applications filled were relabelled or
dropped (their applications keep the old labels through their FormVersion)."""


def fields_in_use_changed(page, schema: dict) -> list[dict]:
    """Fields that submitted applications filled and *schema* relabels or drops.

    [{"name", "old_label", "new_label" (None when dropped), "count"}]. Their applications keep
    showing the old labels: each is displayed by the FormVersion it was submitted with.
    """
    from django.db.models import Count, Q

    from .models import FormVersion
    from .statuses import Status

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

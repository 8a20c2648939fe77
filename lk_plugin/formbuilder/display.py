"""Show submitted data the way the application's form version showed it (cabinet, admin, PDF).

FormVersion.schema (written when a form is published; the wizard engine owns the details)::

    {"steps": [{"key": "object", "title": "Данные объекта",
                "fields": [{"name": "object_address", "type": "text", "label": "Адрес объекта",
                            "required": true, "help_text": "", "choices": [["a", "А"], ...],
                            "condition": {"field": "connection_type", "equals": "temporary"} | null,
                            "conditions": {"mode": "all" | "any", "rules": [{"field", "equals"}, ...]},
                            "legal_forms": ["individual", ...]  # absent or empty: every legal form
                            }, ...]}]}

Application.data is flat: ``{field name: JSON value}``; document fields (type "document") keep
their files in ApplicationDocument rows with ``slot`` = field name; type "info" holds no value.
"""

from django.utils.translation import gettext as _

from lk_plugin.core.formatting import format_number, format_snils

from .conditions import holds

NO_VALUE_TYPES = {"info"}
DOCUMENT_TYPES = {"document"}


def _display_value(field: dict, value):
    if value in (None, "", []):
        return ""
    choices = {str(k): label for k, label in field.get("choices") or []}
    if isinstance(value, bool):
        return _("Да") if value else _("Нет")
    if isinstance(value, list):
        return ", ".join(choices.get(str(v), str(v)) for v in value)
    if choices:
        return choices.get(str(value), str(value))
    if field.get("type") in ("decimal", "number"):
        return format_number(value)
    if field.get("type") == "snils":
        return format_snils(value)
    if field.get("type") == "date" and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{day}.{month}.{year}"
    return str(value)


def field_conditions(field: dict) -> dict:
    """{"mode", "rules"} of a schema field: ``conditions`` or, in older versions, one ``condition``."""
    if field.get("conditions"):
        return field["conditions"]
    condition = field.get("condition")
    return {"mode": "all", "rules": [condition] if condition else []}


def is_visible(field: dict, data: dict) -> bool:
    return holds(field_conditions(field), data)


def application_sections(application, documents=None) -> list[dict]:
    """[{title, fields: [{name, label, value, type}], documents: {slot: [ApplicationDocument]}}].

    Pass *documents* (an iterable of ApplicationDocument) when they are already loaded.
    """
    schema = application.form_version.schema if application.form_version_id else {"steps": []}
    data = application.data or {}
    if documents is None:
        documents = application.documents.all()
    by_slot: dict[str, list] = {}
    for document in documents:
        by_slot.setdefault(document.slot, []).append(document)
    sections = []
    for step in schema.get("steps", []):
        fields, docs = [], []
        for field in step.get("fields", []):
            if field.get("type") in NO_VALUE_TYPES or not is_visible(field, data):
                continue
            legal_forms = field.get("legal_forms") or []
            if legal_forms and getattr(application, "legal_form", None) not in legal_forms:
                continue  # a field or slot for another legal form
            if field.get("type") in DOCUMENT_TYPES:
                docs.append(
                    {
                        "name": field["name"],
                        "label": field.get("label", ""),
                        "files": by_slot.get(field["name"], []),
                    }
                )
                continue
            fields.append(
                {
                    "name": field["name"],
                    "label": field.get("label", field["name"]),
                    "type": field.get("type", "text"),
                    "value": _display_value(field, data.get(field["name"])),
                }
            )
        if fields or docs:
            sections.append(
                {
                    "key": step.get("key", ""),
                    "title": step.get("title", ""),
                    "fields": fields,
                    "documents": docs,
                }
            )
    return sections

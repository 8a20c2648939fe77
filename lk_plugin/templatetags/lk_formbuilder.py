import json

from django import template

from lk_plugin.formbuilder.display import field_conditions

register = template.Library()


@register.filter
def lk_conditions(spec) -> str:
    """The field's show/hide rules as JSON for wizard.js ("" when it is always shown)."""
    conditions = field_conditions(spec or {})
    return json.dumps(conditions, ensure_ascii=False) if conditions.get("rules") else ""

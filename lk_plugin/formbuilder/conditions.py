"""«Показывать, когда…»: conditions editors pick in the page editor and the wizard evaluates.

Stored in the field block as ``{"mode": "all" | "any", "rules": [{"field": name, "equals": value}]}``
(the editor picks fields of earlier steps by label and values by their option labels, see
static/lk_plugin/js/formbuilder_admin.js). In FormVersion.schema a field keeps ``condition`` (the
first rule, as before) and ``conditions`` (all rules with the mode).
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static

try:
    from wagtail.admin.telepath import register
    from wagtail.admin.telepath.widgets import WidgetAdapter
except ImportError:  # Wagtail 7.0
    from wagtail.telepath import register
    from wagtail.widget_adapters import WidgetAdapter

MODES = ("all", "any")


def normalize(value) -> dict:
    """Any stored shape (dict, JSON text, legacy pair) → {"mode", "rules"} with non-empty rules only."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except ValueError:
            value = {}
    if not isinstance(value, dict):
        value = {}
    rules = []
    for rule in value.get("rules") or []:
        if isinstance(rule, dict) and str(rule.get("field") or "").strip():
            rules.append(
                {"field": str(rule["field"]).strip(), "equals": str(rule.get("equals") or "").strip()}
            )
    mode = value.get("mode") if value.get("mode") in MODES else "all"
    return {"mode": mode, "rules": rules}


def rule_holds(rule: dict, data: dict) -> bool:
    actual = data.get(rule.get("field"))
    expected = rule.get("equals")
    if isinstance(actual, list):
        return expected in actual
    return actual is not None and str(actual) == str(expected)


def holds(conditions: dict, data: dict) -> bool:
    rules = conditions.get("rules") or []
    if not rules:
        return True
    results = (rule_holds(rule, data) for rule in rules)
    return any(results) if conditions.get("mode") == "any" else all(results)


class ConditionWidget(forms.HiddenInput):
    """A hidden JSON value; the editor's picker (formbuilder_admin.js) is built around it."""

    def __init__(self, attrs=None):
        super().__init__({"data-lk-condition-input": "", **(attrs or {})})


class ConditionWidgetAdapter(WidgetAdapter):
    js_constructor = "lk_plugin.formbuilder.ConditionWidget"

    @cached_property
    def media(self):
        return forms.Media(
            js=[
                versioned_static("wagtailadmin/js/telepath/widgets.js"),
                versioned_static("lk_plugin/js/formbuilder_admin.js"),
            ],
            css={"all": [versioned_static("lk_plugin/css/formbuilder_admin.css")]},
        )


register(ConditionWidgetAdapter(), ConditionWidget)


class ConditionField(forms.CharField):
    widget = ConditionWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(strip=True, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return {"mode": "all", "rules": []}
        try:
            parsed = json.loads(text)
        except ValueError as exc:
            raise ValidationError(_("Условие не распознано: выберите поле и значение заново.")) from exc
        return normalize(parsed)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(normalize(value), ensure_ascii=False)
        return value or ""


class ConditionBlock(blocks.FieldBlock):
    def __init__(self, required=False, help_text=None, **kwargs):
        self.field = ConditionField(required=required, help_text=help_text)
        super().__init__(**kwargs)

    def get_default(self):
        return {"mode": "all", "rules": []}

    def to_python(self, value):
        return normalize(value)

    def get_prep_value(self, value):
        return normalize(value)

    def value_for_form(self, value):
        return json.dumps(normalize(value), ensure_ascii=False)

    def value_from_form(self, value):
        return normalize(value)

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "view"
        default = None

"""The wizard engine: Django forms per step built from a FormVersion schema, conditions, checks.

Everything here works on the schema (a dict) and Application.data, so the same code validates a
step POST, an autosave and the full check on submit.
"""

from django import forms
from django.utils.translation import gettext as _

from .display import is_visible
from .registry import get


def _empty(value) -> bool:
    return value in (None, "", [], False)


def applies_to(spec: dict, legal_form: str) -> bool:
    forms_ = spec.get("legal_forms") or []
    return not forms_ or legal_form in forms_


NO_ARIA_REQUIRED = {"radio", "checkbox", "date", "datetime-local", "month", "week", "time", "color"}


class StepForm(forms.Form):
    """The value fields of one step. Conditions and requiredness are decided here, on the server.

    ``base_data`` is the draft's data (conditions may refer to fields of other steps).
    With ``enforce_required=False`` (Назад, autosave) only the format of what was typed is checked.
    With ``legal_form`` the fields meant for other legal forms are left out.
    """

    def __init__(self, *args, step: dict, base_data=None, enforce_required=True, legal_form=None, **kwargs):
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)
        self.step = step
        self.base_data = base_data or {}
        self.enforce_required = enforce_required
        self.specs = {}
        self.hidden_names: set[str] = set()
        for spec in step.get("fields", []):
            field_type = get(spec.get("type", "text"))
            if not field_type.has_value or not spec.get("name"):
                continue
            if legal_form and not applies_to(spec, legal_form):
                continue
            field = field_type.form_field(spec)
            # ARIA in HTML allows aria-required only on inputs with a role that supports it: not on
            # radio buttons and checkboxes (their group says it) nor on date/time pickers.
            no_aria = getattr(field.widget, "input_type", None) in NO_ARIA_REQUIRED
            if spec.get("required") and not no_aria:
                field.widget.attrs["aria-required"] = "true"
            field.lk_spec = spec
            self.fields[spec["name"]] = field
            self.specs[spec["name"]] = spec

    def merged_data(self) -> dict:
        data = dict(self.base_data)
        cleaned = getattr(self, "cleaned_data", {})
        for name in self.specs:
            if name in cleaned:
                data[name] = get(self.specs[name]["type"]).to_json(cleaned[name])
        return data

    def clean(self):
        cleaned = super().clean()
        merged = self.merged_data()
        for name, spec in self.specs.items():
            if not is_visible(spec, merged):
                # A hidden field is neither required nor kept (and hides what depends on it).
                self.hidden_names.add(name)
                cleaned.pop(name, None)
                self.errors.pop(name, None)
                merged.pop(name, None)
                continue
            missing = self.enforce_required and spec.get("required") and _empty(cleaned.get(name))
            if missing and name not in self.errors:
                message = (
                    _("Подтвердите, отметив поле.")
                    if spec.get("type") in ("consent", "checkbox")
                    else _("Заполните поле «%(label)s».") % {"label": spec.get("label") or name}
                )
                self.add_error(name, message)
        return cleaned

    def values(self) -> tuple[dict, set]:
        """(valid visible values as JSON, names to drop) — saved even when other fields have errors."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        values = {}
        for name, spec in self.specs.items():
            if name in self.hidden_names or name in self.errors or name not in self.cleaned_data:
                continue
            values[name] = get(spec["type"]).to_json(self.cleaned_data[name])
        return values, set(self.hidden_names)


def data_as_form_input(data: dict) -> dict:
    """Stored JSON values → what a bound Django form accepts (dates/decimals are already strings)."""
    return {k: v for k, v in (data or {}).items() if v is not None}


def document_slots(step: dict, data: dict, legal_form: str) -> list[dict]:
    """Document fields of *step* that are shown for this applicant."""
    return [
        spec
        for spec in step.get("fields", [])
        if spec.get("type") == "document" and applies_to(spec, legal_form) and is_visible(spec, data)
    ]


def missing_documents(step: dict, data: dict, legal_form: str, counts: dict) -> dict[str, str]:
    """{slot: message} for required slots without files."""
    return {
        spec["name"]: _("Приложите документ «%(label)s».") % {"label": spec.get("label") or spec["name"]}
        for spec in document_slots(step, data, legal_form)
        if spec.get("required") and not counts.get(spec["name"])
    }


def validate_all(schema: dict, data: dict, legal_form: str, counts: dict) -> dict[int, dict]:
    """{step index: {field: [messages]}} for every step that does not pass (empty when all do)."""
    problems = {}
    for index, step in enumerate(schema.get("steps", [])):
        form = StepForm(data=data_as_form_input(data), step=step, base_data=data, legal_form=legal_form)
        errors = {} if form.is_valid() else {k: list(v) for k, v in form.errors.items()}
        for slot, message in missing_documents(step, data, legal_form, counts).items():
            errors.setdefault(slot, []).append(message)
        if errors:
            problems[index] = errors
    return problems


def clean_data(schema: dict, data: dict) -> dict:
    """Drop values of fields the schema does not have or whose condition is not met."""
    specs = [f for s in schema.get("steps", []) for f in s.get("fields", []) if get(f.get("type")).has_value]
    result = {}
    for spec in specs:
        name = spec.get("name")
        if name in data and is_visible(spec, result | data):
            result[name] = data[name]
    return result

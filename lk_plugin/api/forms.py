"""Published application forms and their JSON schema (public): enough for a front end to render them.

The schema is the FormVersion format the wizard runs on (formbuilder/display.py) plus what the
registry knows about each field type (JSON type, format hint) and the submit rules.
"""

from django.http import Http404
from ninja import Router, Schema

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.applications.views_wizard import SubmitForm
from lk_plugin.formbuilder import registry

from .common import Id
from .errors import responses

router = Router(tags=["forms"])


class ConditionOut(Schema):
    field: str
    equals: str


class ConditionsOut(Schema):
    mode: str
    rules: list[ConditionOut]


class FieldOut(Schema):
    name: str
    type: str
    json_type: str
    label: str
    required: bool
    help_text: str
    choices: list[list[str]]
    condition: ConditionOut | None = None
    conditions: ConditionsOut | None = None
    widget: str | None = None
    min: int | float | str | None = None
    max: int | float | str | None = None
    format_hint: str = ""
    prefill: str | None = None
    legal_forms: list[str] | None = None
    max_files: int | None = None
    allow_profile: bool | None = None
    text: str | None = None


class StepOut(Schema):
    index: int
    key: str
    title: str
    fields: list[FieldOut]


class UploadRulesOut(Schema):
    extensions: list[str]
    max_size: int
    max_files: int


class SubmitRulesOut(Schema):
    consent_label: str
    captcha_required: bool
    signature_enabled: bool


class FormSummaryOut(Schema):
    id: int
    title: str
    kind: str
    kind_title: str
    url: str
    legal_forms: list[str]


class FormSchemaOut(FormSummaryOut):
    intro: str
    steps: list[StepOut]
    uploads: UploadRulesOut
    submit: SubmitRulesOut


def field_out(spec: dict) -> dict:
    field_type = registry.get(spec.get("type", "text"))
    out = {
        key: spec.get(key)
        for key in (
            "widget",
            "min",
            "max",
            "prefill",
            "legal_forms",
            "max_files",
            "allow_profile",
            "text",
        )
    }
    out.update(
        name=spec.get("name") or "",
        type=spec.get("type") or "text",
        json_type=field_type.json_type,
        label=spec.get("label") or "",
        required=bool(spec.get("required")),
        help_text=spec.get("help_text") or "",
        choices=[[str(v), str(label)] for v, label in spec.get("choices") or []],
        condition=spec.get("condition") or None,
        conditions=spec.get("conditions") or None,
        format_hint=str(field_type.error or ""),
    )
    return out


def steps_out(schema: dict) -> list[dict]:
    return [
        {
            "index": index,
            "key": step.get("key") or f"step{index + 1}",
            "title": step.get("title") or "",
            "fields": [field_out(spec) for spec in step.get("fields", [])],
        }
        for index, step in enumerate(schema.get("steps", []))
    ]


def upload_rules() -> dict:
    return {
        "extensions": list(app_settings.UPLOAD_EXTENSIONS),
        "max_size": app_settings.UPLOAD_MAX_SIZE,
        "max_files": app_settings.UPLOAD_MAX_FILES,
    }


def submit_rules(page) -> dict:
    signature = bool(getattr(page, "signature_enabled", False))
    form = SubmitForm(signature_enabled=signature)
    return {
        "consent_label": str(form.fields["pd_consent"].label),
        "captcha_required": "captcha" in form.fields,
        "signature_enabled": signature,
    }


def _summary(page) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "kind": page.kind.code,
        "kind_title": page.kind.title,
        "url": page.url or "",
        "legal_forms": [str(f) for f in page.allowed_legal_forms()],
    }


def published_form(pk: int):
    page = get_adapter().application_form_pages(None).filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


@router.get("/", auth=None, response=responses(200, list[FormSummaryOut]), summary="Формы заявок")
def form_list(request):
    pages = get_adapter().application_form_pages(request.user)
    return [_summary(page) for page in pages]


@router.get("/{form_id}/", auth=None, response=responses(200, FormSchemaOut), summary="Схема формы")
def form_schema(request, form_id: Id):
    page = published_form(form_id)
    return {
        **_summary(page),
        "intro": page.intro or "",
        "steps": steps_out(page.form_schema()),
        "uploads": upload_rules(),
        "submit": submit_rules(page),
    }

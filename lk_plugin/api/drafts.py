"""Drafts: create, fill step by step (the wizard's validation and messages), documents, submit."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from lk_plugin.applications.flows import SubmitError, application_submit
from lk_plugin.applications.flows import applicant as applicant_flows
from lk_plugin.applications.flows import drafts as flows
from lk_plugin.applications.models import Application
from lk_plugin.applications.views_wizard import SubmitForm
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.formbuilder.engine import StepForm, document_slots, missing_documents

from .applications import ApplicationItemOut, item_out
from .common import FileOut, Id, StepIndex, file_out
from .errors import ApiError, form_error, responses, validation_error
from .forms import StepOut, published_form, steps_out

router = Router(tags=["drafts"])


class DraftCreateIn(Schema):
    form_id: int = Field(..., ge=1, le=2_147_483_647)
    params: dict[str, str] = Field(
        default_factory=dict, description="Начальные значения полей (как ссылки калькулятора)"
    )


class DocumentOut(FileOut):
    slot: str


class DraftOut(Schema):
    id: int
    form_id: int | None
    title: str
    legal_form: str
    current_step: int
    visited_steps: list[int]
    data: dict[str, Any]
    steps: list[StepOut]
    documents: list[DocumentOut]


class StepIn(Schema):
    data: dict[str, Any] = Field(default_factory=dict, description="Значения полей шага")
    partial: bool = Field(False, description="true — сохранить без проверки обязательности (автосохранение)")


class SubmitIn(Schema):
    pd_consent: bool = False
    captcha_key: str = ""
    captcha_value: str = ""


def _draft(request, draft_id) -> Application:
    return get_object_or_404(
        Application.objects.owned_by(request.user)
        .drafts()
        .select_related("form_version", "kind")
        .prefetch_related("documents"),
        pk=draft_id,
    )


def draft_out(application) -> dict:
    schema = application.form_version.schema if application.form_version_id else {"steps": []}
    return {
        "id": application.pk,
        "form_id": application.form_page_id,
        "title": application.form_version.title if application.form_version_id else application.kind.title,
        "legal_form": application.legal_form,
        "current_step": application.current_step,
        "visited_steps": list(application.visited_steps or []),
        "data": application.data or {},
        "steps": steps_out(schema),
        "documents": [file_out(d) | {"slot": d.slot} for d in application.documents.all()],
    }


def _step_input(step: dict, data: dict) -> dict:
    """JSON values → what the wizard's Django form accepts (lists only where a list is expected)."""
    types = {spec.get("name"): spec.get("type") for spec in step.get("fields", [])}
    result = {}
    for name, value in data.items():
        if name not in types or value is None:
            continue
        if types[name] == "multichoice":
            value = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        elif isinstance(value, bool):
            value = value if types[name] in ("checkbox", "consent") else str(value).lower()
        elif not isinstance(value, str | int | float):
            value = str(value)
        if isinstance(value, str):
            value = value.replace("\x00", "")
        result[name] = value
    return result


@router.post("/", response=responses(201, DraftOut), summary="Создать черновик заявки")
def draft_create(request, payload: DraftCreateIn):
    page = published_form(payload.form_id)
    application = flows.draft_create(page=page, user=request.user, params=payload.params)
    return Status(201, draft_out(_draft(request, application.pk)))


@router.get("/{draft_id}/", response=responses(200, DraftOut), summary="Черновик")
def draft_get(request, draft_id: Id):
    return draft_out(_draft(request, draft_id))


@router.delete("/{draft_id}/", response=responses(204, None), summary="Удалить черновик")
def draft_delete(request, draft_id: Id):
    applicant_flows.application_delete_draft(application=_draft(request, draft_id), user=request.user)
    return Status(204, None)


@router.put("/{draft_id}/steps/{index}/", response=responses(200, DraftOut), summary="Сохранить шаг")
def draft_step_save(request, draft_id: Id, index: StepIndex, payload: StepIn):
    """The wizard's «Далее» (or autosave with ``partial``): valid values are kept even when other
    fields have errors; a complete step also needs its required documents."""
    application = _draft(request, draft_id)
    steps = (application.form_version.schema if application.form_version_id else {}).get("steps", [])
    if not 0 <= index < len(steps):
        raise Http404
    step = steps[index]
    form = StepForm(
        _step_input(step, payload.data),
        step=step,
        base_data=application.data,
        enforce_required=not payload.partial,
        legal_form=application.legal_form,
    )
    form_ok = form.is_valid()
    values, drop = form.values()
    flows.draft_save(application=application, user=request.user, values=values, drop=drop)
    if not form_ok:
        raise form_error(form)
    if not payload.partial:
        counts = flows.document_counts(application)
        missing = missing_documents(step, application.data, application.legal_form, counts)
        if missing:
            errors = {slot: [message] for slot, message in missing.items()}
            raise ApiError(400, next(iter(missing.values())), "documents_missing", errors)
        target = min(index + 1, len(steps) - 1)
        flows.draft_save(application=application, user=request.user, values={}, current_step=target)
    return draft_out(_draft(request, draft_id))


def _slot_spec(application, slot: str) -> dict:
    steps = application.form_version.schema.get("steps", []) if application.form_version_id else []
    for step in steps:
        for spec in document_slots(step, application.data, application.legal_form):
            if spec["name"] == slot:
                return spec
    message = _("В форме нет такого документа.")
    raise ApiError(400, message, "unknown_slot", {"slot": [message]})


@router.post(
    "/{draft_id}/documents/", response=responses(201, DocumentOut), summary="Приложить документ к слоту"
)
def draft_document_add(request, draft_id: Id, slot: Form[str], file: File[UploadedFile]):
    application = _draft(request, draft_id)
    spec = _slot_spec(application, slot)
    try:
        document = flows.document_add(application=application, user=request.user, spec=spec, upload=file)
    except ValidationError as exc:
        raise validation_error(exc, field="file") from exc
    return Status(201, file_out(document) | {"slot": document.slot})


@router.delete(
    "/{draft_id}/documents/{document_id}/", response=responses(204, None), summary="Удалить документ"
)
def draft_document_delete(request, draft_id: Id, document_id: Id):
    application = _draft(request, draft_id)
    document = get_object_or_404(application.documents.all(), pk=document_id)
    flows.document_remove(application=application, user=request.user, document_id=document.pk)
    return Status(204, None)


@router.post("/{draft_id}/submit/", response=responses(201, ApplicationItemOut), summary="Подать заявку")
def draft_submit(request, draft_id: Id, payload: SubmitIn):
    """Same checks as the wizard's «Подать заявку»: consent, captcha, every step and document."""
    application = _draft(request, draft_id)
    data = {"captcha_0": payload.captcha_key, "captcha_1": payload.captcha_value}
    if payload.pd_consent:
        data["pd_consent"] = "on"
    submit_form = SubmitForm(data, signature_enabled=False)
    if not submit_form.is_valid():
        raise form_error(submit_form)
    try:
        application = application_submit(
            application=application,
            user=request.user,
            request_meta=RequestMeta.from_request(request),
            consent=True,
        )
    except SubmitError as exc:
        errors: dict[str, list[str]] = {}
        for step_errors in exc.step_errors.values():
            for name, messages in step_errors.items():
                errors.setdefault(name, []).extend(str(m) for m in messages)
        raise ApiError(400, exc.messages[0], exc.code or "invalid", errors) from exc
    application = Application.objects.select_related("kind", "form_page").get(pk=application.pk)
    return Status(201, item_out(application))

"""The technological connection (issue 21): stages, invoices and payment, the ТУ notice, signing acts,
and the public status check. Paths live under /applications/{id}/stages/ and /applications/{id}/invoices/."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, UploadedFile

from lk_plugin.applications.models import Application, StageDocument
from lk_plugin.connection import selectors
from lk_plugin.connection.flows import applicant as flows
from lk_plugin.connection.forms import StatusCheckForm, TuNoticeForm
from lk_plugin.connection.models import Invoice, PlacedDocument, Signature
from lk_plugin.connection.payment import amount_to_pay, get_payment_backend
from lk_plugin.connection.status_check import find_status, hit_limit
from lk_plugin.core.request_meta import RequestMeta, client_ip

from .common import Id
from .errors import ApiError, form_error, responses, validation_error

router = Router(tags=["connection"])
public_router = Router(tags=["connection"])


class StageStepOut(Schema):
    number: int
    code: str
    name: str
    actor: str
    state: str = Field(description="done | current | next")
    started_on: dt.date | None
    due_date: dt.date | None
    completed_on: dt.date | None
    overdue: bool
    applicant_actions: list[str]
    legal_basis: str


class StagesOut(Schema):
    headline: str = Field(description="«Текущий этап: … — до дд.мм.гггг» или «Этап N из M»")
    current_number: int
    total: int
    finished: bool
    scheme: str
    contract_concluded_on: dt.date | None
    steps: list[StageStepOut]
    documents_to_sign: list[int]


class ScheduleLineOut(Schema):
    due_date: dt.date
    amount: Decimal


class InvoiceOut(Schema):
    id: int
    number: str
    amount: Decimal
    paid_amount: Decimal
    due_date: dt.date
    status: str
    status_display: str
    purpose: str
    schedule: list[ScheduleLineOut]


class PaymentStartOut(Schema):
    amount: Decimal
    redirect_url: str
    details: dict[str, str]
    qr_payload: str


class SignCodeIn(Schema):
    code: str = Field(max_length=12)


class SignatureOut(Schema):
    id: int
    document_id: int
    method: str
    document_sha256: str
    signed_at: dt.datetime


class SentOut(Schema):
    sent: bool


class PublicStatusOut(Schema):
    number: str
    status: str
    stage: str
    stage_number: int
    stage_total: int
    due_date: dt.date | None


def _owned(request, application_id) -> Application:
    return get_object_or_404(Application.objects.owned_by(request.user).submitted(), pk=application_id)


def _headline(process, track) -> str:
    if process.current_stage is None:
        return _("Технологическое присоединение завершено")
    if process.stage_due_date:
        return _("Текущий этап: %(name)s — до %(date)s") % {
            "name": process.current_stage.name,
            "date": process.stage_due_date.strftime("%d.%m.%Y"),
        }
    return _("Этап %(n)s из %(m)s") % {"n": track.current_number, "m": track.total}


def stages_out(application) -> dict:
    process = selectors.process_of(application)
    if process is None:
        raise ApiError(404, _("Для заявки не ведутся этапы присоединения."), "not_found")
    track = selectors.tracker(process)
    signed = set(
        Signature.objects.filter(document__application=application).values_list("document_id", flat=True)
    )
    to_sign = [
        pk
        for pk in PlacedDocument.objects.filter(
            document__application=application, requires_signature=True
        ).values_list("document_id", flat=True)
        if pk not in signed
    ]
    return {
        "headline": _headline(process, track),
        "current_number": track.current_number,
        "total": track.total,
        "finished": track.finished,
        "scheme": str(process.scheme),
        "contract_concluded_on": process.contract_concluded_on,
        "steps": [
            {
                "number": s.number,
                "code": s.stage.code,
                "name": s.stage.name,
                "actor": s.stage.actor,
                "state": s.state,
                "started_on": s.started_on,
                "due_date": s.due_date,
                "completed_on": s.completed_on,
                "overdue": s.overdue,
                "applicant_actions": list(s.stage.applicant_actions or []),
                "legal_basis": s.stage.legal_basis,
            }
            for s in track.steps
        ],
        "documents_to_sign": to_sign
        if process.current_stage and process.current_stage.allows("sign")
        else [],
    }


def invoice_out(invoice) -> dict:
    return {
        "id": invoice.pk,
        "number": invoice.number,
        "amount": invoice.amount,
        "paid_amount": invoice.paid_amount,
        "due_date": invoice.due_date,
        "status": invoice.status,
        "status_display": str(invoice.get_status_display()),
        "purpose": invoice.purpose,
        "schedule": [{"due_date": line.due_date, "amount": line.amount} for line in invoice.schedule.all()],
    }


@router.get("/{application_id}/stages/", response=responses(200, StagesOut), summary="Этапы присоединения")
def application_stages(request, application_id: Id):
    return stages_out(_owned(request, application_id))


@router.get("/{application_id}/invoices/", response=responses(200, list[InvoiceOut]), summary="Счета")
def application_invoices(request, application_id: Id):
    application = _owned(request, application_id)
    return [invoice_out(i) for i in selectors.invoices_of(application)]


@router.get(
    "/{application_id}/invoices/{invoice_id}/payment/",
    response=responses(200, PaymentStartOut),
    summary="Оплатить счёт: реквизиты, QR-код или адрес платёжной страницы",
)
def invoice_payment(request, application_id: Id, invoice_id: Id):
    application = _owned(request, application_id)
    invoice = get_object_or_404(Invoice.objects.filter(application=application), pk=invoice_id)
    if not invoice.is_open:
        raise ApiError(400, _("Счёт уже оплачен."), "paid")
    try:
        start = get_payment_backend().start(invoice=invoice, request=request)
    except ValidationError as exc:
        raise validation_error(exc) from exc
    return {
        "amount": amount_to_pay(invoice),
        "redirect_url": start.redirect_url,
        "details": {k: str(v) for k, v in start.details.items()},
        "qr_payload": start.qr_payload,
    }


@router.post(
    "/{application_id}/stages/tu-notice/",
    response=responses(200, StagesOut),
    summary="Уведомить о выполнении технических условий",
)
def stages_tu_notice(
    request, application_id: Id, text: Form[str] = "", files: File[list[UploadedFile]] = None
):
    application = _owned(request, application_id)
    form = TuNoticeForm({"text": text}, {"files": files or []})
    if not form.is_valid():
        raise form_error(form)
    flows.tu_notice_submit(
        application=application,
        user=request.user,
        text=form.cleaned_data["text"],
        files=form.cleaned_data["files"],
    )
    return stages_out(application)


def _document(request, application_id, document_id) -> StageDocument:
    application = _owned(request, application_id)
    return get_object_or_404(StageDocument.objects.filter(application=application), pk=document_id)


@router.post(
    "/{application_id}/stages/documents/{document_id}/sign-code/",
    response=responses(200, SentOut),
    summary="Получить SMS-код для подписания документа",
)
def stages_sign_code(request, application_id: Id, document_id: Id):
    flows.signing_request_code(document=_document(request, application_id, document_id), user=request.user)
    return {"sent": True}


@router.post(
    "/{application_id}/stages/documents/{document_id}/sign/",
    response=responses(201, SignatureOut),
    summary="Подписать документ кодом из SMS (простая электронная подпись)",
)
def stages_sign(request, application_id: Id, document_id: Id, payload: SignCodeIn):
    document = _document(request, application_id, document_id)
    signature = flows.signing_confirm(
        document=document,
        user=request.user,
        code=payload.code,
        request_meta=RequestMeta.from_request(request),
    )
    return 201, {
        "id": signature.pk,
        "document_id": document.pk,
        "method": signature.method,
        "document_sha256": signature.document_sha256,
        "signed_at": signature.signed_at,
    }


class StatusQuery(Schema):
    number: str = Field(max_length=100)
    phone_last4: str = Field(max_length=4)


@public_router.get(
    "/",
    auth=None,
    response=responses(200, PublicStatusOut),
    summary="Статус заявки без входа (номер + 4 последние цифры телефона)",
)
def public_status(request, query: Query[StatusQuery]):
    form = StatusCheckForm({"number": query.number, "phone_last4": query.phone_last4})
    if not form.is_valid():
        raise form_error(form)
    if hit_limit(client_ip(request)):
        raise ApiError(429, _("Слишком много проверок. Попробуйте через час."), "throttled")
    result = find_status(form.cleaned_data["number"], form.cleaned_data["phone_last4"])
    if result is None:
        raise ApiError(
            404,
            _("Заявка с таким номером и телефоном не найдена. Проверьте номер и цифры телефона."),
            "not_found",
        )
    return {
        "number": result.number,
        "status": result.status,
        "stage": result.stage,
        "stage_number": result.stage_number,
        "stage_total": result.stage_total,
        "due_date": result.due_date,
    }

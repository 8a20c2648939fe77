"""The applicant's side of the connection: the panel on the application page, payment, ТУ notice, signing."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings
from lk_plugin.applications.models import Application, StageDocument
from lk_plugin.core.errors import ConflictError
from lk_plugin.core.files import add_flow_error
from lk_plugin.core.request_meta import RequestMeta

from . import selectors
from .choices import ApplicantAction, PaymentSource
from .flows import applicant as flows
from .flows.billing import payment_register
from .forms import SigningCodeForm, TuNoticeForm, UkepForm
from .models import Invoice, PlacedDocument, Signature
from .payment import DemoPaymentBackend, amount_to_pay, get_payment_backend


def _owned(request, pk) -> Application:
    return get_object_or_404(Application.objects.owned_by(request.user).submitted(), pk=pk)


def panel_context(application):
    process = selectors.process_of(application)
    if process is None:
        return None
    track = selectors.tracker(process)
    stage = process.current_stage
    invoices = list(selectors.invoices_of(application))
    to_sign = []
    if stage is not None and stage.allows(ApplicantAction.SIGN):
        signed = set(
            Signature.objects.filter(document__application=application).values_list("document_id", flat=True)
        )
        to_sign = [
            p.document
            for p in PlacedDocument.objects.filter(
                document__application=application, requires_signature=True
            ).select_related("document")
            if p.document_id not in signed
        ]
    return {
        "application": application,
        "process": process,
        "tracker": track,
        "stage": stage,
        "invoices": invoices,
        "can_pay": bool(stage and stage.allows(ApplicantAction.PAY)) or any(i.is_open for i in invoices),
        "can_notify_tu": bool(stage and stage.allows(ApplicantAction.NOTIFY_TU)),
        "to_sign": to_sign,
        "signatures": list(
            Signature.objects.filter(document__application=application).select_related("document")
        ),
    }


def render_panel(request, application) -> str:
    if application.is_draft:
        return ""
    context = panel_context(application)
    if context is None:
        return ""
    return render_to_string("lk_plugin/connection/panel.html", context, request=request)


@login_required
def pay(request, pk, invoice_pk):
    application = _owned(request, pk)
    invoice = get_object_or_404(Invoice.objects.filter(application=application), pk=invoice_pk)
    if not invoice.is_open:
        messages.info(request, _("Счёт уже оплачен."))
        return redirect(application.get_absolute_url())
    backend = get_payment_backend()
    try:
        start = backend.start(invoice=invoice, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(application.get_absolute_url())
    if start.redirect_url and not start.details:
        return redirect(start.redirect_url)
    return render(
        request,
        "lk_plugin/connection/pay.html",
        {
            "lk_active": "applications",
            "application": application,
            "invoice": invoice,
            "start": start,
            "amount": amount_to_pay(invoice),
        },
    )


@login_required
def demo_checkout(request, pk, invoice_pk):
    """The demo payment provider's page: only with DemoPaymentBackend (never in production settings)."""
    if not isinstance(get_payment_backend(), DemoPaymentBackend):
        raise Http404
    application = _owned(request, pk)
    invoice = get_object_or_404(Invoice.objects.filter(application=application), pk=invoice_pk)
    amount = amount_to_pay(invoice)
    if request.method == "POST" and invoice.is_open and amount > 0:
        payment_register(
            invoice=invoice,
            amount=amount,
            paid_on=timezone.localdate(),
            source=PaymentSource.PROVIDER,
            external_id=f"demo-{uuid.uuid4().hex}",
        )
        messages.success(request, _("Оплата прошла. Спасибо!"))
        return redirect(application.get_absolute_url())
    return render(
        request,
        "lk_plugin/connection/demo_checkout.html",
        {"lk_active": "applications", "application": application, "invoice": invoice, "amount": amount},
    )


@login_required
def tu_notice(request, pk):
    application = _owned(request, pk)
    form = TuNoticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            flows.tu_notice_submit(
                application=application,
                user=request.user,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_flow_error(form, exc)
        else:
            messages.success(request, _("Уведомление о выполнении ТУ направлено в сетевую организацию."))
            return redirect(application.get_absolute_url())
    return render(
        request,
        "lk_plugin/connection/tu_notice.html",
        {"lk_active": "applications", "application": application, "form": form},
    )


def _signable_document(request, pk, doc_pk):
    application = _owned(request, pk)
    return application, get_object_or_404(StageDocument.objects.filter(application=application), pk=doc_pk)


@login_required
def sign(request, pk, doc_pk):
    application, document = _signable_document(request, pk, doc_pk)
    form = (
        SigningCodeForm(request.POST or None)
        if request.POST.get("action") == "confirm"
        else SigningCodeForm()
    )
    ukep_form = UkepForm()
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "send":
                flows.signing_request_code(document=document, user=request.user)
                messages.success(request, _("Код отправлен в SMS на телефон из профиля."))
                return redirect(request.path)
            if action == "confirm" and form.is_valid():
                flows.signing_confirm(
                    document=document,
                    user=request.user,
                    code=form.cleaned_data["code"],
                    request_meta=RequestMeta.from_request(request),
                )
                messages.success(request, _("Документ подписан."))
                return redirect(application.get_absolute_url())
            if action == "ukep":
                ukep_form = UkepForm(request.POST, request.FILES)
                if ukep_form.is_valid():
                    flows.signing_ukep(
                        document=document,
                        user=request.user,
                        signature_file=ukep_form.cleaned_data["signature_file"],
                        request_meta=RequestMeta.from_request(request),
                    )
                    messages.success(request, _("Документ подписан."))
                    return redirect(application.get_absolute_url())
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "code" in exc.error_dict:
                form.add_error("code", exc.error_dict["code"])
            else:
                error = " ".join(exc.messages)
        except ConflictError as exc:
            error = str(exc)
    try:
        flows.signable(document, request.user)
        blocked = ""
    except ValidationError as exc:
        blocked = " ".join(exc.messages)
    return render(
        request,
        "lk_plugin/connection/sign.html",
        {
            "lk_active": "applications",
            "application": application,
            "document": document,
            "form": form,
            "ukep_form": ukep_form,
            "error": error,
            "blocked": blocked,
            "has_phone": bool(flows.get_adapter().get_phone(request.user)),
            "code_ttl_minutes": app_settings.SIGNING_CODE_TTL // 60,
        },
    )

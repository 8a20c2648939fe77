"""The wizard: the form page's start screen and the step-by-step filling of a draft."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.applications.models import Application
from lk_plugin.applications.statuses import Status
from lk_plugin.core.formatting import format_megabytes
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.formbuilder.display import application_sections
from lk_plugin.formbuilder.engine import StepForm, document_slots, missing_documents

from . import wizard as machine
from .flows import drafts as flows

#: Query parameters a new draft may be prefilled from (calculator links); any field name works.
RESERVED_PARAMS = {"draft", "step", "csrfmiddlewaretoken", "action"}


def form_page_context(request, page) -> dict:
    user = request.user
    context = {"lk_active": "applications", "prefill_params": []}
    if not user.is_authenticated:
        return context
    adapter = get_adapter()
    context["has_profile"] = adapter.get_profile(user) is not None
    context["form_allowed"] = adapter.can_use_form(user, page)
    context["email_verified"] = adapter.is_email_verified(user)
    context["drafts"] = list(
        Application.objects.owned_by(user).drafts().filter(form_page=page).order_by("-updated_at")[:20]
    )
    context["prefill_params"] = [(k, v) for k, v in request.GET.items() if k not in RESERVED_PARAMS][:30]
    return context


def form_page_start(request, page):
    """POST «Заполнить заявку» on the page: a new draft, then the wizard. None → render the page."""
    if request.method != "POST":
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    params = {k: v for k, v in request.POST.items() if k not in RESERVED_PARAMS}
    try:
        application = flows.draft_create(page=page, user=request.user, params=params)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(page.url)
    return redirect(reverse("lk_applications:form", args=[application.pk]))


class SubmitForm(forms.Form):
    pd_consent = forms.BooleanField(
        label=gettext_lazy("Я согласен(а) на обработку персональных данных в соответствии с 152-ФЗ"),
        error_messages={
            "required": gettext_lazy("Без согласия на обработку персональных данных заявку подать нельзя.")
        },
    )

    def __init__(self, *args, signature_enabled=False, captcha=True, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha and app_settings.CAPTCHA_ENABLED:
            from lk_plugin.core.captcha import captcha_field

            self.fields["captcha"] = captcha_field(
                label=gettext_lazy("Введите код с картинки"),
                error_messages={
                    "invalid": gettext_lazy("Код с картинки введён неверно."),
                    "required": gettext_lazy("Введите код."),
                },
            )
        if signature_enabled:
            self.fields["signature"] = forms.FileField(
                label=gettext_lazy("Файл открепленной электронной подписи (.sig, .p7s)"), required=False
            )


def _consent_key(application):
    return f"lk_submit_consent_{application.pk}"


def _captcha_key(application):
    return f"lk_submit_captcha_ok_{application.pk}"


def submit_form_for(request, application, page, data=None, files=None):
    """The last step's consent/captcha form. An applicant with a confirmed email is not asked for a
    captcha; one solved once for this draft is not asked again. Unbound, it shows the consent tick
    the applicant last sent (kept in the session), so no save or re-render wipes it."""
    captcha = not get_adapter().is_email_verified(request.user) and not request.session.get(
        _captcha_key(application)
    )
    kwargs = {"signature_enabled": getattr(page, "signature_enabled", False), "captcha": captcha}
    if data is not None:
        return SubmitForm(data, files, **kwargs)
    if request.method == "POST":
        consent = bool(request.POST.get("pd_consent"))
    else:
        consent = request.session.get(_consent_key(application), False)
    return SubmitForm(initial={"pd_consent": consent}, **kwargs)


def _step_from(request, application, count):
    return machine.step_to_show(
        request.GET.get("step", application.current_step),
        current=application.current_step,
        visited=application.visited_steps,
        count=count,
    )


def _documents_by_slot(application):
    by_slot = {}
    for document in application.documents.all():
        by_slot.setdefault(document.slot, []).append(document)
    return by_slot


@require_http_methods(["GET", "POST"])
def wizard(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = get_object_or_404(
        Application.objects.owned_by(request.user).select_related("form_version", "kind", "form_page"), pk=pk
    )
    if application.status != Status.DRAFT:
        return _not_a_draft(request, application)
    if application.form_version is None or not application.form_version.schema.get("steps"):
        raise Http404
    page = application.form_page.specific if application.form_page_id else None
    steps = application.form_version.schema["steps"]
    if request.method == "POST":
        try:
            return _wizard_post(request, application, page, steps)
        except ValidationError as exc:
            if getattr(exc, "code", None) != "not_draft":
                raise
            # Submitted meanwhile from another tab: nothing of this POST is applied to it.
            return _not_a_draft(request, application)
    index = _step_from(request, application, len(steps))
    if index != application.current_step:
        application.current_step = index
        application.save(update_fields=["current_step"])
    form = StepForm(
        initial=application.data,
        step=steps[index],
        base_data=application.data,
        legal_form=application.legal_form,
    )
    return _render(request, application, page, steps, index, form)


def _not_a_draft(request, application):
    """The application was submitted (maybe from another tab): its confirmation page; the page's
    quiet autosave gets a 409 instead, so it does not report «Сохранено» and reloads."""
    if request.method == "POST" and request.POST.get("action") == "autosave":
        return JsonResponse(
            {"saved": False, "error": _("Заявка уже подана, изменить её нельзя.")}, status=409
        )
    return redirect("lk_applications:confirmation", pk=application.pk)


def _render(
    request,
    application,
    page,
    steps,
    index,
    form,
    *,
    doc_errors=None,
    submit_form=None,
    step_errors=None,
    status=200,
):
    last = index == len(steps) - 1
    documents = _documents_by_slot(application)
    slots = [
        {
            "spec": spec,
            "files": documents.get(spec["name"], []),
            "errors": (doc_errors or {}).get(spec["name"], []),
            "can_add": len(documents.get(spec["name"], [])) < int(spec.get("max_files") or 5),
        }
        for spec in document_slots(steps[index], application.data, application.legal_form)
    ]
    items = []
    for spec in steps[index]["fields"]:
        if spec.get("type") == "info":
            items.append({"kind": "info", "spec": spec})
        elif spec.get("type") == "document":
            slot = next((s for s in slots if s["spec"]["name"] == spec["name"]), None)
            if slot:
                items.append({"kind": "document", "slot": slot})
        elif spec.get("name") in form.fields:
            items.append({"kind": "field", "field": form[spec["name"]]})
    profile_docs = []
    if any(s["spec"].get("allow_profile") for s in slots):
        profile_docs = flows.profile_documents(request.user)
    adapter = get_adapter()
    context = {
        "page": page,
        "application": application,
        "steps": steps,
        "index": index,
        "step": steps[index],
        "is_last": last,
        "items": items,
        "form": form,
        "visited": set(application.visited_steps),
        "profile_documents": profile_docs,
        "lk_active": "applications",
        "page_live": bool(page and page.live),
        "email_verified": adapter.is_email_verified(request.user),
        "step_errors": step_errors or {},
        "upload_extensions": ", ".join(app_settings.UPLOAD_EXTENSIONS),
        "upload_max_mb": format_megabytes(app_settings.UPLOAD_MAX_SIZE),
    }
    if last:
        context["summary"] = application_sections(application)
        context["submit_form"] = submit_form or submit_form_for(request, application, page)
        context["signature_enabled"] = getattr(page, "signature_enabled", False)
    return TemplateResponse(request, "lk_plugin/formbuilder/wizard.html", context, status=status)


def _handle_documents(request, application, step, action):
    """Uploads (every POST), removals and profile picks; returns {slot: [messages]}."""
    errors = {}
    slots = {s["name"]: s for s in document_slots(step, application.data, application.legal_form)}
    remove = machine.document_to_remove(action)
    if remove is not None:
        flows.document_remove(application=application, user=request.user, document_id=remove)
    for name, spec in slots.items():
        for upload in request.FILES.getlist(f"doc_{name}"):
            try:
                flows.document_add(application=application, user=request.user, spec=spec, upload=upload)
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
        pick = request.POST.get(f"profile_{name}")
        if pick and spec.get("allow_profile"):
            chosen = next((d for d in flows.profile_documents(request.user) if str(d.pk) == pick), None)
            if chosen is not None:
                try:
                    flows.document_from_profile(
                        application=application, user=request.user, spec=spec, profile_document=chosen
                    )
                except ValidationError as exc:
                    errors.setdefault(name, []).extend(exc.messages)
    return errors


def _wizard_post(request, application, page, steps):
    index = machine.posted_step(request.POST.get("step"), current=application.current_step, count=len(steps))
    step = steps[index]
    action = request.POST.get("action", "save")
    if machine.keeps_consent(action, index=index, count=len(steps)):
        # Saved, uploaded, gone back: the consent tick outlives the round trip (a failed submit
        # re-renders from the POST itself).
        request.session[_consent_key(application)] = bool(request.POST.get("pd_consent"))
    enforce = machine.enforces_required(action)
    form = StepForm(
        request.POST,
        step=step,
        base_data=application.data,
        enforce_required=enforce,
        legal_form=application.legal_form,
    )
    form_ok = form.is_valid()
    values, drop = form.values()
    flows.draft_save(application=application, user=request.user, values=values, drop=drop)
    doc_errors = _handle_documents(request, application, step, action)

    if action == "autosave":
        return JsonResponse({"saved": True, "errors": {k: list(v) for k, v in form.errors.items()}})

    if enforce and form_ok and document_slots(step, application.data, application.legal_form):
        # Only a step with document slots counts the files (the last step has none: the submit
        # checks every step's documents itself).
        for slot, message in missing_documents(
            step, application.data, application.legal_form, flows.document_counts(application)
        ).items():
            doc_errors.setdefault(slot, []).append(message)
    move = machine.decide(
        action,
        index=index,
        count=len(steps),
        visited=application.visited_steps,
        ok=form_ok and not doc_errors,
    )
    if move.kind == "submit":
        return _submit(request, application, page, steps, index, form, sign=move.sign)
    if move.kind == "go":
        flows.draft_save(application=application, user=request.user, values={}, current_step=move.target)
        return redirect(f"{reverse('lk_applications:form', args=[application.pk])}?step={move.target}")
    if move.kind == "stay":
        if move.saved:
            messages.success(request, _("Черновик сохранён."))
        return redirect(f"{reverse('lk_applications:form', args=[application.pk])}?step={index}")
    return _render(request, application, page, steps, index, form, doc_errors=doc_errors, status=200)


def _submit(request, application, page, steps, index, form, sign=False):
    from lk_plugin.applications.flows import SubmitError, application_submit

    submit_form = submit_form_for(request, application, page, request.POST, request.FILES)
    valid = submit_form.is_valid()
    if "captcha" in submit_form.fields and "captcha" not in submit_form.errors:
        request.session[_captcha_key(application)] = True
    if not valid:
        messages.error(request, _("Заявка не подана: проверьте отмеченные поля внизу страницы."))
        return _render(request, application, page, steps, index, form, submit_form=submit_form)
    signature = submit_form.cleaned_data.get("signature") if sign else None
    if sign and signature is None:
        submit_form.add_error("signature", _("Приложите файл открепленной подписи (.sig или .p7s)."))
        return _render(request, application, page, steps, index, form, submit_form=submit_form)
    try:
        application = application_submit(
            application=application,
            user=request.user,
            request_meta=RequestMeta.from_request(request),
            consent=submit_form.cleaned_data["pd_consent"],
            signature_file=signature,
        )
    except SubmitError as exc:
        messages.error(request, exc.messages[0])
        application.refresh_from_db()
        submit_form = submit_form_for(request, application, page)
        return _render(
            request,
            application,
            page,
            steps,
            index,
            form,
            submit_form=submit_form,
            step_errors=exc.step_errors,
        )
    except ValidationError as exc:  # the adapter rejected the signature
        submit_form.add_error("signature" if "signature" in submit_form.fields else None, exc.messages[0])
        return _render(request, application, page, steps, index, form, submit_form=submit_form)
    return redirect("lk_applications:confirmation", pk=application.pk)

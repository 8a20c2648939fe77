"""Profile, settings, documents, data export, consent text: thin views over flows."""

from allauth.account.forms import ChangePasswordForm, SetPasswordForm
from allauth.account.internal.flows.password_change import change_password, finalize_password_change
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lk_plugin.adapter import get_adapter
from lk_plugin.core import extensions, jobs
from lk_plugin.core.files import download
from lk_plugin.core.request_meta import RequestMeta
from lk_plugin.notifications.models import NotificationPreferences

from . import export_jobs, flows
from .forms import (
    NotificationSettingsForm,
    ProfileDocumentForm,
    ProfileForm,
    WithdrawConsentForm,
    get_form_class,
)
from .models import ConsentDocument, ConsentPurpose, ProfileDocument
from .receivers import FORCED_CHANGE_SESSION_KEY


def _profile_or_404(user):
    profile = getattr(user, "lk_profile", None)
    if profile is None:
        raise Http404
    return profile


@login_required
def profile(request):
    lk_profile = getattr(request.user, "lk_profile", None)
    form_class = get_form_class("profile", ProfileForm)
    editing = request.GET.get("edit") == "1" or request.method == "POST"
    form = password_form = document_form = None
    if lk_profile is not None:
        form = form_class(request.POST or None, instance=lk_profile) if editing else None
        if request.method == "POST" and form.is_valid():
            flows.profile_update(profile=lk_profile, form=form)
            messages.success(request, _("Данные профиля сохранены."))
            return redirect("lk_accounts:profile")
    password_form = ChangePasswordForm(user=request.user)
    document_form = ProfileDocumentForm()
    return _render_profile(
        request, lk_profile, form=form, password_form=password_form, document_form=document_form
    )


def _render_profile(request, lk_profile, *, form=None, password_form=None, document_form=None, status=200):
    documents = ProfileDocument.objects.owned_by(request.user)
    return render(
        request,
        "lk_plugin/accounts/profile.html",
        {
            "lk_active": "profile",
            "profile": lk_profile,
            "display_name": get_adapter().get_display_name(request.user),
            "form": form,
            "password_form": password_form or ChangePasswordForm(user=request.user),
            "document_form": document_form or ProfileDocumentForm(),
            "documents": documents,
        },
        status=status,
    )


@login_required
@require_POST
def password_change(request):
    form = ChangePasswordForm(data=request.POST, user=request.user)
    # allauth's "change_password" limit (ACCOUNT_RATE_LIMITS) holds here too: each try checks the
    # current password, so without it this form would be a password oracle for a stolen session.
    if not ratelimit.consume(request, action="change_password", user=request.user):
        form.is_valid()
        form.add_error(None, _("Слишком много попыток смены пароля. Подождите минуту и попробуйте снова."))
        return _render_profile(
            request, getattr(request.user, "lk_profile", None), password_form=form, status=429
        )
    if form.is_valid():
        change_password(request.user, form.cleaned_data["password1"])
        finalize_password_change(request, request.user)
        return redirect("lk_accounts:profile")
    return _render_profile(request, getattr(request.user, "lk_profile", None), password_form=form, status=400)


@login_required
def password_required(request):
    """The temporary password of a staff-registered person must be replaced before anything else."""
    lk_profile = getattr(request.user, "lk_profile", None)
    if lk_profile is None or not lk_profile.must_change_password:
        request.session.pop(FORCED_CHANGE_SESSION_KEY, None)
        return redirect("lk_cabinet:overview")
    form = SetPasswordForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        flows.password_set_after_temporary(user=request.user, password=form.cleaned_data["password1"])
        update_session_auth_hash(request, request.user)
        request.session.pop(FORCED_CHANGE_SESSION_KEY, None)
        messages.success(request, _("Пароль изменён. Добро пожаловать в личный кабинет!"))
        return redirect("lk_cabinet:overview")
    return render(request, "lk_plugin/accounts/password_required.html", {"form": form})


@login_required
@require_POST
def document_upload(request):
    form = ProfileDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            flows.profile_document_add(
                user=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:  # e.g. the private storage is full
            form.add_error("file", exc)
        else:
            messages.success(request, _("Документ добавлен."))
            return redirect("lk_accounts:profile")
    return _render_profile(request, getattr(request.user, "lk_profile", None), document_form=form, status=400)


@login_required
def document_download(request, pk):
    return download(ProfileDocument.objects.owned_by(request.user), pk)


@login_required
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(ProfileDocument.objects.owned_by(request.user), pk=pk)
    flows.profile_document_delete(document=document)
    messages.success(request, _("Документ удалён."))
    return redirect("lk_accounts:profile")


@login_required
def settings_view(request):
    prefs = NotificationPreferences.for_user(request.user)
    form = NotificationSettingsForm(request.POST or None, initial={"email": prefs.email, "sms": prefs.sms})
    if request.method == "POST" and form.is_valid():
        flows.notification_settings_update(
            user=request.user,
            email=form.cleaned_data["email"],
            sms=form.cleaned_data["sms"],
            request_meta=RequestMeta.from_request(request),
        )
        messages.success(request, _("Настройки уведомлений сохранены."))
        return redirect("lk_accounts:settings")
    return render(
        request,
        "lk_plugin/accounts/settings.html",
        {
            "lk_active": "settings",
            "form": form,
            "withdraw_form": WithdrawConsentForm(),
            "has_phone": bool(get_adapter().get_phone(request.user)),
            "consent": request.user.lk_consents.filter(purpose=ConsentPurpose.PERSONAL_DATA).first(),
            "export_jobs": [jobs.status_payload(job) for job in export_jobs.recent_exports(request.user)],
            # Sibling apps' parts of the page (outages: the person's subscriptions), core/extensions.py.
            **extensions.context("accounts.settings", request.user),
        },
    )


@login_required
def consent_withdraw(request):
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _profile_or_404(request.user)
        flows.consent_withdraw(user=request.user, request_meta=RequestMeta.from_request(request))
        logout(request)
        return render(request, "lk_plugin/accounts/consent_withdrawn.html")
    return render(
        request,
        "lk_plugin/accounts/consent_withdraw.html",
        {"lk_active": "settings", "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def data_export(request, fmt):
    """Start the export of everything stored about the person (a background job) and answer at once:
    the settings page shows its progress and then the download link."""
    if fmt not in export_jobs.FORMATS:
        raise Http404
    # The PDF quota (LK_QUOTAS["pdf"]) is counted by the job, which renders the PDF: over it, the
    # job ends with the Russian refusal on the same progress card (export_jobs.run_export).
    job = export_jobs.start_export(user=request.user, fmt=fmt)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(jobs.status_payload(job), status=202)
    # No flash message (a cookie to sign now and to read on the next page): while an export runs, the
    # settings page says «Готовим файл…» above its progress (settings.html).
    return redirect(reverse("lk_accounts:settings") + "#my-data")


def consent_document(request, purpose):
    if purpose not in ConsentPurpose.values:
        raise Http404
    document = ConsentDocument.objects.current(purpose)
    if document is None:
        raise Http404
    return render(request, "lk_plugin/accounts/consent_document.html", {"document": document})

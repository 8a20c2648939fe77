"""Signup by legal form, login by email/СНИЛС/ОГРН/ОГРНИП, profile and settings forms."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from lk_plugin.app_settings import app_settings
from lk_plugin.core.choices import LegalForm
from lk_plugin.core.files import validate_upload

from . import identity
from .fields import InnField, KppField, OgrnField, OgrnipField, PhoneField, SnilsField
from .models import ApplicantProfile, ProfileDocument
from .models.profile import IDENTITY_FIELDS

# Which fields each legal form requires (DESIGN.md §5); the rest are ignored and not stored.
LEGAL_FORM_FIELDS = {
    LegalForm.INDIVIDUAL: ("last_name", "first_name", "snils"),
    LegalForm.ENTREPRENEUR: ("last_name", "first_name", "ogrnip", "inn"),
    LegalForm.LEGAL_ENTITY: ("organization_name", "inn", "kpp", "ogrn"),
}
OPTIONAL_PER_FORM = {
    LegalForm.INDIVIDUAL: ("middle_name",),
    LegalForm.ENTREPRENEUR: ("middle_name",),
    LegalForm.LEGAL_ENTITY: (),
}
UNIQUE_IDENTIFIERS = ("snils", "inn", "ogrn", "ogrnip")
IDENTIFIER_LABELS = {"snils": _("СНИЛС"), "inn": _("ИНН"), "ogrn": _("ОГРН"), "ogrnip": _("ОГРНИП")}


def get_form_class(name: str, default):
    """LK_FORMS lets a utility swap a form: {"profile": "path.to.Form"}."""
    path = app_settings.FORMS.get(name)
    return import_string(path) if path else default


def identifier_taken_message(field):
    # Neutral: says the number is registered, never whose account it is.
    return _(
        "Этот %(label)s уже зарегистрирован в личном кабинете. Если это ваш номер, войдите или "
        "восстановите пароль; если нет — обратитесь в службу поддержки."
    ) % {"label": IDENTIFIER_LABELS[field]}


def clean_identity(form, cleaned, *, legal_form, exclude_profile=None, reveal_taken=True):
    """Require the fields of *legal_form*, check the ИНН length and uniqueness of identifiers.

    ``reveal_taken=False`` (public signup): a registered identifier is not an error — the form
    remembers its owner (``form.identifier_owner``, ``form.identifier_field``) and the signup then
    answers as for a new account and mails the owner (``SignupForm.try_save``)."""
    if legal_form not in LEGAL_FORM_FIELDS:
        return cleaned
    required = LEGAL_FORM_FIELDS[legal_form]
    for name in required:
        if name in form.fields and not cleaned.get(name) and name not in form.errors:
            form.add_error(name, forms.ValidationError(_("Обязательное поле."), code="required"))
    inn = cleaned.get("inn")
    if inn and "inn" in required and "inn" not in form.errors:
        from lk_plugin import validators as v

        validator = v.validate_inn12 if legal_form == LegalForm.ENTREPRENEUR else v.validate_inn10
        try:
            validator(inn)
        except forms.ValidationError as exc:
            form.add_error("inn", exc)
    kept = set(required) | set(OPTIONAL_PER_FORM[legal_form])
    for name in IDENTITY_FIELDS:
        if name in cleaned and name not in kept:
            cleaned[name] = ""
    for name in UNIQUE_IDENTIFIERS:
        value = cleaned.get(name)
        if not value or name in form.errors:
            continue
        taken = ApplicantProfile.objects.filter(**{name: value})
        if exclude_profile is not None and exclude_profile.pk:
            taken = taken.exclude(pk=exclude_profile.pk)
        if not reveal_taken:
            owner = taken.select_related("user").first()
            if owner is not None and getattr(form, "identifier_owner", None) is None:
                form.identifier_owner, form.identifier_field = owner.user, name
            continue
        if taken.exists():
            form.add_error(name, forms.ValidationError(identifier_taken_message(name), code="taken"))
    return cleaned


class LoginForm(AllauthLoginForm):
    """One `login` field for an email or СНИЛС/ОГРН/ОГРНИП; resolved to the account before rate limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.CharField(
            label=_("Email, СНИЛС, ОГРН или ОГРНИП"),
            max_length=254,
            widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        )
        self.fields["password"].label = _("Пароль")
        self.fields["password"].help_text = ""
        if self.is_bound and self._account_needs_captcha():
            from lk_plugin.core.captcha import captcha_field

            self.fields["captcha"] = captcha_field(
                label=_("Код с картинки"),
                help_text=_("Для этой учётной записи было несколько неудачных попыток входа."),
                error_messages={
                    "invalid": _("Код с картинки введён неверно, попробуйте ещё раз."),
                    "required": _("Введите код с картинки."),
                },
            )
        self.order_fields(["login", "password", "captcha", "remember"])

    def _account_key(self, raw_login) -> str:
        parsed = identity.parse_login(raw_login)
        return identity.rate_limit_key(parsed, identity.resolve_user(parsed))

    def _account_needs_captcha(self) -> bool:
        """After LK_LOGIN_CAPTCHA_AFTER failures of this account (from anywhere) its login asks
        for the captcha; unknown identifiers are counted the same way (login_guard)."""
        from . import login_guard

        raw = self.data.get(self.add_prefix("login"))
        return bool(
            isinstance(raw, str) and raw.strip() and login_guard.captcha_required(self._account_key(raw))
        )

    def user_credentials(self) -> dict:
        # allauth keys its "login_failed" limit on credentials["email"]: give it the resolved account,
        # so every spelling of the same СНИЛС (or the account's email) counts against one limit.
        parsed = identity.parse_login(self.cleaned_data["login"])
        user = identity.resolve_user(parsed)
        credentials = {"email": identity.rate_limit_key(parsed, user)}
        password = self.cleaned_data.get("password")
        if password:
            credentials["password"] = password
        return credentials


def _consent_label():
    try:
        url = reverse("lk_accounts:consent_document", args=["personal_data"])
    except NoReverseMatch:
        url = ""
    if not url:
        return _("Я даю согласие на обработку персональных данных (152-ФЗ)")
    return format_html(
        '{} <a href="{}" target="_blank" rel="noopener">{}</a> {}',
        _("Я даю"),
        url,
        _("согласие на обработку персональных данных"),
        _("в соответствии с 152-ФЗ"),
    )


class SignupForm(AllauthSignupForm):
    legal_form = forms.ChoiceField(
        label=_("Правовая форма"),
        choices=LegalForm.choices,
        widget=forms.RadioSelect,
        initial=LegalForm.INDIVIDUAL,
    )
    last_name = forms.CharField(label=_("Фамилия"), max_length=100, required=False)
    first_name = forms.CharField(label=_("Имя"), max_length=100, required=False)
    middle_name = forms.CharField(label=_("Отчество (если есть)"), max_length=100, required=False)
    organization_name = forms.CharField(label=_("Наименование организации"), max_length=300, required=False)
    snils = SnilsField(required=False)
    inn = InnField(required=False, help_text=_("12 цифр для ИП, 10 цифр для организации"))
    kpp = KppField(required=False)
    ogrn = OgrnField(required=False)
    ogrnip = OgrnipField(required=False)
    phone = PhoneField(required=True)
    account_number = forms.CharField(label=_("Лицевой счёт (если есть)"), max_length=64, required=False)
    pd_consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Без согласия на обработку персональных данных регистрация невозможна.")
        },
    )
    email_notifications = forms.BooleanField(
        label=_("Согласен(на) получать уведомления по электронной почте"), required=False, initial=True
    )

    field_order = [
        "legal_form",
        "last_name",
        "first_name",
        "middle_name",
        "organization_name",
        "snils",
        "ogrnip",
        "inn",
        "kpp",
        "ogrn",
        "email",
        "phone",
        "password1",
        "password2",
        "account_number",
        "pd_consent",
        "email_notifications",
        "captcha",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Электронная почта")
        self.fields["email"].help_text = _("На неё придёт письмо для подтверждения регистрации.")
        self.fields["password1"].label = _("Пароль")
        self.fields["password2"].label = _("Пароль ещё раз")
        self.fields["pd_consent"].label = _consent_label()
        if app_settings.CAPTCHA_ENABLED:
            from lk_plugin.core.captcha import captcha_field

            self.fields["captcha"] = captcha_field(
                label=_("Код с картинки"),
                error_messages={"invalid": _("Код с картинки введён неверно, попробуйте ещё раз.")},
            )
        self.order_fields(self.field_order)

    identifier_owner = None
    identifier_field = None

    def clean(self):
        cleaned = super().clean()
        # A registered СНИЛС/ИНН/ОГРН/ОГРНИП is treated like a registered email under
        # ACCOUNT_PREVENT_ENUMERATION: no error here (it would tell anyone whose number is registered).
        return clean_identity(self, cleaned, legal_form=cleaned.get("legal_form"), reveal_taken=False)

    def try_save(self, request):
        if self.identifier_owner is not None and not self.account_already_exists:
            return None, self._answer_as_new_account(request)
        # Two signups with the same СНИЛС at once: the DB constraint decides; answer as above.
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            for name in UNIQUE_IDENTIFIERS:
                value = self.cleaned_data.get(name)
                owner = (
                    value and ApplicantProfile.objects.filter(**{name: value}).select_related("user").first()
                )
                if owner:
                    self.identifier_owner, self.identifier_field = owner.user, name
                    return None, self._answer_as_new_account(request)
            raise

    def _answer_as_new_account(self, request):
        """No account is created; the person sees what a new signup sees ("we sent you a letter"),
        and the identifier's owner is told by mail. allauth's enumeration-prevention path renders
        the answer; its "account already exists" mail to the typed address is suppressed
        (``LKAccountAdapter.send_account_already_exists_mail``): that address owns no account."""
        from allauth.account.adapter import get_adapter as get_account_adapter
        from allauth.account.internal.flows.password_reset import get_reset_password_url
        from allauth.account.internal.flows.signup import prevent_enumeration

        owner = self.identifier_owner
        if owner.email:
            get_account_adapter(request).send_mail(
                "lk_plugin/accounts/email/identifier_registered",
                owner.email,
                {
                    "identifier_label": IDENTIFIER_LABELS[self.identifier_field],
                    "password_reset_url": get_reset_password_url(request),
                },
            )
        request._lk_signup_identifier_taken = True
        return prevent_enumeration(request, email=self.cleaned_data.get("email"))

    def legal_form_groups(self):
        """Field names shown for each legal form (the template marks them for the switcher)."""
        return {
            str(key): list(LEGAL_FORM_FIELDS[key]) + list(OPTIONAL_PER_FORM[key]) for key in LEGAL_FORM_FIELDS
        }


class ProfileForm(forms.ModelForm):
    """Contact data and, for ИП/ЮЛ, the representative. Identifiers are shown, not edited here."""

    phone = PhoneField(required=True)

    class Meta:
        model = ApplicantProfile
        fields = [
            "last_name",
            "first_name",
            "middle_name",
            "organization_name",
            "phone",
            "postal_address",
            "account_number",
            "representative_name",
            "representative_position",
            "representative_basis",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        legal_form = self.instance.legal_form
        if legal_form == LegalForm.LEGAL_ENTITY:
            for name in ("last_name", "first_name", "middle_name"):
                del self.fields[name]
            self.fields["organization_name"].required = True
        else:
            del self.fields["organization_name"]
            self.fields["last_name"].required = True
            self.fields["first_name"].required = True
        if legal_form == LegalForm.INDIVIDUAL:
            for name in ("representative_name", "representative_position", "representative_basis"):
                del self.fields[name]


class NotificationSettingsForm(forms.Form):
    email = forms.BooleanField(label=_("Электронная почта"), required=False)
    sms = forms.BooleanField(label=_("SMS на телефон из профиля"), required=False)


class ProfileDocumentForm(forms.ModelForm):
    class Meta:
        model = ProfileDocument
        fields = ["kind", "title", "file"]
        labels = {"title": _("Название (необязательно)")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


class WithdrawConsentForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Я понимаю, что учётная запись будет отключена, а персональные данные уничтожены в течение 30 дней"
        ),
        required=True,
        error_messages={"required": _("Подтвердите отзыв согласия.")},
    )


class StaffApplicantForm(forms.Form):
    """What a specialist types when registering a person who came to the office."""

    legal_form = forms.ChoiceField(label=_("Правовая форма"), choices=LegalForm.choices)
    last_name = forms.CharField(label=_("Фамилия"), max_length=100, required=False)
    first_name = forms.CharField(label=_("Имя"), max_length=100, required=False)
    middle_name = forms.CharField(label=_("Отчество"), max_length=100, required=False)
    organization_name = forms.CharField(label=_("Наименование организации"), max_length=300, required=False)
    snils = SnilsField(required=False)
    inn = InnField(required=False)
    kpp = KppField(required=False)
    ogrn = OgrnField(required=False)
    ogrnip = OgrnipField(required=False)
    email = forms.EmailField(label=_("Электронная почта"))
    phone = PhoneField(required=True, help_text=_("На этот номер придёт SMS с временным паролем."))
    account_number = forms.CharField(label=_("Лицевой счёт"), max_length=64, required=False)
    pd_consent = forms.BooleanField(
        label=_("Заявитель подписал согласие на обработку персональных данных"),
        required=True,
        error_messages={
            "required": _("Без согласия на обработку персональных данных регистрация невозможна.")
        },
    )

    def clean_email(self):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["email"].lower()
        if (
            EmailAddress.objects.filter(email__iexact=email).exists()
            or get_user_model().objects.filter(email__iexact=email).exists()
        ):
            raise forms.ValidationError(_("Учётная запись с этим адресом уже есть."), code="taken")
        return email

    def clean(self):
        cleaned = super().clean()
        return clean_identity(self, cleaned, legal_form=cleaned.get("legal_form"))

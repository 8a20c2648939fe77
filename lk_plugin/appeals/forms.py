import re

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from lk_plugin.app_settings import app_settings
from lk_plugin.core.fields import MultipleFileField, upload_help_text

from .models import AppealTopic


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.kind.title}"


class AppealForm(forms.Form):
    """«Написать обращение» for a signed-in applicant."""

    topic = TopicChoiceField(
        label=_("Тема обращения"),
        queryset=AppealTopic.objects.none(),
        empty_label=_("— выберите тему —"),
        error_messages={"required": _("Выберите тему обращения.")},
    )
    text = forms.CharField(
        label=_("Текст обращения"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Напишите текст обращения.")},
    )
    files = MultipleFileField(label=_("Документы"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = AppealTopic.objects.filter(is_active=True)
        self.fields["files"].help_text = upload_help_text()
        if user is not None and user.is_authenticated and apps.is_installed("lk_plugin.applications"):
            from lk_plugin.applications.models import Application

            self.fields["application"] = ApplicationChoiceField(
                label=_("Заявка"),
                queryset=Application.objects.owned_by(user)
                .submitted()
                .select_related("kind")
                .order_by("-submitted_at"),
                required=False,
                empty_label=_("— не относится к заявке —"),
            )
            self.order_fields(["topic", "application", "text", "files"])


def normalize_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        digits = "7" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    raise forms.ValidationError(_("Введите номер телефона в формате +7 XXX XXX-XX-XX."), code="phone")


class GuestAppealForm(AppealForm):
    """The public appeal form for a visitor who is not signed in: contacts and a captcha."""

    name = forms.CharField(
        label=_("Фамилия, имя, отчество или организация"),
        max_length=255,
        error_messages={"required": _("Укажите, как к вам обращаться.")},
    )
    email = forms.EmailField(
        label=_("Электронная почта для ответа"),
        error_messages={
            "required": _("Укажите электронную почту: на неё придёт ответ."),
            "invalid": _("Введите адрес электронной почты, например ivanov@mail.ru."),
        },
    )
    phone = forms.CharField(label=_("Телефон"), max_length=20, required=False)

    field_order = ["name", "email", "phone", "topic", "text", "files"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, user=None, **kwargs)
        if app_settings.CAPTCHA_ENABLED:
            from lk_plugin.core.captcha import captcha_field

            self.fields["captcha"] = captcha_field(
                label=_("Введите символы с картинки"),
                error_messages={
                    "invalid": _("Символы с картинки введены неверно."),
                    "required": _("Введите символы с картинки."),
                },
            )

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        return normalize_phone(value) if value else ""

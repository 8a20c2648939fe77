from django import forms
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.fields import MultipleFileField, upload_help_text


class TuNoticeForm(forms.Form):
    text = forms.CharField(
        label=_("Комментарий"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    files = MultipleFileField(label=_("Документы о выполнении ТУ"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = upload_help_text()

    def clean(self):
        data = super().clean()
        if "files" not in self.errors and not data.get("files"):
            self.add_error("files", _("Приложите документы, подтверждающие выполнение технических условий."))
        return data


class SigningCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Код из SMS"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("Введите код из SMS.")},
    )


class UkepForm(forms.Form):
    signature_file = forms.FileField(
        label=_("Файл открепленной подписи (.sig, .p7s)"),
        error_messages={"required": _("Приложите файл открепленной подписи (.sig или .p7s).")},
    )


class StatusCheckForm(forms.Form):
    number = forms.CharField(
        label=_("Номер заявки"),
        max_length=100,
        error_messages={"required": _("Введите номер заявки.")},
    )
    phone_last4 = forms.RegexField(
        label=_("Последние 4 цифры телефона"),
        regex=r"^\d{4}$",
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("Введите последние 4 цифры телефона."),
            "invalid": _("Введите ровно 4 цифры."),
        },
    )

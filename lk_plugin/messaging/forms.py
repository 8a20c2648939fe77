from django import forms
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.fields import MultipleFileField, upload_help_text


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Сообщение"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(label=_("Файлы"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = upload_help_text()

    def clean(self):
        data = super().clean()
        if "files" not in self.errors and not (data.get("text") or "").strip() and not data.get("files"):
            self.add_error("text", _("Напишите сообщение или приложите файл."))
        return data


class DialogForm(MessageForm):
    subject = forms.CharField(
        label=_("Тема диалога"), max_length=255, error_messages={"required": _("Укажите тему диалога.")}
    )
    field_order = ["subject", "text", "files"]

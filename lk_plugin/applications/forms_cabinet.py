from django import forms
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.fields import MultipleFileField, upload_help_text


class RespondForm(forms.Form):
    """The applicant's answer to a request for documents or information."""

    text = forms.CharField(
        label=_("Ответ специалисту"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=_("Недостающие документы"))

    def __init__(self, *args, **kwargs):
        # Its own ids: the chat form on the same page has fields named text/files too.
        kwargs.setdefault("auto_id", "id_respond_%s")
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = upload_help_text()

    def clean(self):
        data = super().clean()
        if "files" not in self.errors and not (data.get("text") or "").strip() and not data.get("files"):
            self.add_error("text", _("Напишите ответ или приложите документы."))
        return data

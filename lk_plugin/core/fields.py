"""Form fields shared by every face: a multi-file upload checked against the upload rules (the one
multi-file field of the project: cabinet, staff admin and API forms all use it)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lk_plugin.app_settings import app_settings
from lk_plugin.core.files import validate_upload
from lk_plugin.core.formatting import format_megabytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files; each passes validate_upload (size, allow-list, magic bytes)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Документы"))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > app_settings.UPLOAD_MAX_FILES:
            raise ValidationError(
                _("Можно приложить не больше %(n)s файлов.") % {"n": app_settings.UPLOAD_MAX_FILES},
                code="too_many",
            )
        errors = []
        for upload in files:
            try:
                validate_upload(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return files


def upload_help_text() -> str:
    return _("Форматы: %(ext)s; до %(size)s МБ каждый.") % {
        "ext": ", ".join(app_settings.UPLOAD_EXTENSIONS),
        "size": format_megabytes(app_settings.UPLOAD_MAX_SIZE),
    }

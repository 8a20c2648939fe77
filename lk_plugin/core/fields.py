"""Form fields shared by every face: a multi-file upload checked against the upload rules (the one
multi-file field of the project: cabinet, staff admin and API forms all use it)."""

from decimal import Decimal, InvalidOperation

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


class DecimalCommaField(forms.DecimalField):
    """A number a person types: «15,5» and «15.5» both mean fifteen and a half (the Russian keyboard's
    numeric pad types a comma); shown back with a comma, limits named with a comma too («не меньше
    0,1»). A text input with ``inputmode="decimal"``: a ``type=number`` input refuses the comma in
    browsers set to another locale."""

    def __init__(self, *, unit="", **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        kwargs["localize"] = True
        messages = {"invalid": gettext_lazy("Введите число, например 15,5.")}
        suffix = f" {unit}" if unit else ""
        if kwargs.get("min_value") is not None:
            messages["min_value"] = _lazy_limit(
                gettext_lazy("Значение должно быть не меньше %(limit)s."), kwargs["min_value"], suffix
            )
        if kwargs.get("max_value") is not None:
            messages["max_value"] = _lazy_limit(
                gettext_lazy("Значение должно быть не больше %(limit)s."), kwargs["max_value"], suffix
            )
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            # Spaces between thousands («8 412,5») and a decimal point are accepted whatever the locale.
            value = value.strip().replace(" ", "").replace("\xa0", "").replace("\u202f", "").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        # A stored "15.5" (application data, a prefill link) is shown as «15,5».
        if isinstance(value, str):
            try:
                return Decimal(value.strip())
            except InvalidOperation:
                return value
        return value


def _lazy_limit(template, limit, suffix):
    from django.utils.functional import lazy

    from lk_plugin.core.formatting import format_number

    return lazy(lambda: str(template) % {"limit": format_number(limit) + suffix}, str)()

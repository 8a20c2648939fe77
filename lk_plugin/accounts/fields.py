"""Form fields for Russian identifiers: accept spaces/dashes, return normalized values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lk_plugin import validators as v


class NormalizedCharField(forms.CharField):
    normalize = staticmethod(lambda value: value)
    default_validators_ = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        self.validators = [*self.validators, *self.default_validators_]

    def to_python(self, value):
        value = super().to_python(value)
        return self.normalize(value) if value else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class SnilsField(NormalizedCharField):
    normalize = staticmethod(v.normalize_snils)
    default_validators_ = (v.validate_snils,)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("СНИЛС"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "000-000-000 00"})
        )
        super().__init__(*args, **kwargs)


class InnField(NormalizedCharField):
    """Either length; the form checks it against the legal form (10 for ЮЛ, 12 for ИП)."""

    normalize = staticmethod(v.normalize_inn)
    default_validators_ = (v.validate_inn,)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("ИНН"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class Inn10Field(NormalizedCharField):
    normalize = staticmethod(v.normalize_inn)
    default_validators_ = (v.validate_inn10,)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("ИНН"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class Inn12Field(Inn10Field):
    default_validators_ = (v.validate_inn12,)


class KppField(NormalizedCharField):
    normalize = staticmethod(v.normalize_kpp)
    default_validators_ = (v.validate_kpp,)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("КПП"))
        super().__init__(*args, **kwargs)


class OgrnField(NormalizedCharField):
    normalize = staticmethod(v.normalize_ogrn)
    default_validators_ = (v.validate_ogrn,)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("ОГРН"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class OgrnipField(NormalizedCharField):
    normalize = staticmethod(v.normalize_ogrnip)
    default_validators_ = (v.validate_ogrnip,)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("ОГРНИП"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class PhoneField(forms.CharField):
    """A Russian phone number stored as +7XXXXXXXXXX."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Телефон"))
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "placeholder": "+7 900 000-00-00"}),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        normalized = v.normalize_phone(value)
        if not normalized:
            v.validate_phone(value)
        return normalized

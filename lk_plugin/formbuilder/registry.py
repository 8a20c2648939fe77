"""The field-type registry: each type is a StreamField block (what editors configure) plus the Django
form field the wizard builds from the saved schema.

A utility adds its own type before its page models are imported::

    from lk_plugin.formbuilder import registry

    class ContractNumber(registry.FieldType):
        name, label = "contract_number", "Номер договора"
        def form_field(self, spec, **kwargs):
            return forms.RegexField(r"^\\d{2}-\\d{6}$", **self.field_kwargs(spec))

    registry.register(ContractNumber())
"""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from lk_plugin.core.choices import LegalForm
from lk_plugin.core.fields import DecimalCommaField

from . import identifiers
from .conditions import ConditionBlock, normalize

#: Profile values a field may be prefilled with (key → label); the adapter reads them.
PREFILL_CHOICES = [
    ("", gettext_lazy("— не подставлять —")),
    ("full_name", gettext_lazy("ФИО")),
    ("last_name", gettext_lazy("Фамилия")),
    ("first_name", gettext_lazy("Имя")),
    ("middle_name", gettext_lazy("Отчество")),
    ("organization_name", gettext_lazy("Наименование организации")),
    ("snils", gettext_lazy("СНИЛС")),
    ("inn", gettext_lazy("ИНН")),
    ("kpp", gettext_lazy("КПП")),
    ("ogrn", gettext_lazy("ОГРН")),
    ("ogrnip", gettext_lazy("ОГРНИП")),
    ("phone", gettext_lazy("Телефон")),
    ("email", gettext_lazy("Электронная почта")),
    ("postal_address", gettext_lazy("Почтовый адрес")),
    ("account_number", gettext_lazy("Лицевой счёт")),
]

NAME_HELP = gettext_lazy(
    "Служебное имя: составляется из подписи при первом сохранении и дальше не меняется — под ним "
    "хранятся ответы в заявках."
)
LEGAL_FORMS_HELP = gettext_lazy("Ничего не отмечено — для всех.")


def _legal_forms_block():
    return blocks.MultipleChoiceBlock(
        choices=LegalForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Для правовых форм"),
        help_text=LEGAL_FORMS_HELP,
    )


def _name_block(required=False):
    return blocks.RegexBlock(
        regex=r"^[a-z][a-z0-9_]{0,63}$",
        required=required,
        label=gettext_lazy("Служебное имя"),
        help_text=NAME_HELP,
        form_classname="lk-advanced",
        error_messages={"invalid": gettext_lazy("Только строчная латиница, цифры и «_».")},
    )


def _common_blocks():
    return [
        ("label", blocks.CharBlock(label=gettext_lazy("Подпись"), max_length=255)),
        ("help_text", blocks.CharBlock(label=gettext_lazy("Подсказка"), required=False, max_length=500)),
        ("required", blocks.BooleanBlock(label=gettext_lazy("Обязательное"), required=False, default=True)),
        (
            "show_when",
            ConditionBlock(
                label=gettext_lazy("Показывать, когда…"),
                help_text=gettext_lazy("Поля предыдущих шагов и этого шага выше; без условий — всегда."),
            ),
        ),
        ("legal_forms", _legal_forms_block()),
        ("name", _name_block()),
    ]


class FieldBlock(blocks.StructBlock):
    """A field's settings; collapsed it reads «Подпись · обязательное · если …» (label_format)."""

    LEGACY_KEYS = ("condition_field", "condition_value")

    @staticmethod
    def upgrade(value):
        """Saved before conditions were picked: ``condition_field``/``condition_value`` → show_when."""
        if isinstance(value, dict) and "show_when" not in value and value.get("condition_field"):
            value = dict(value)
            value["show_when"] = {
                "mode": "all",
                "rules": [{"field": value["condition_field"], "equals": value.get("condition_value") or ""}],
            }
        return value

    def to_python(self, value):
        return super().to_python(self.upgrade(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self.upgrade(v) for v in values])


def parse_choices(text: str) -> list[list[str]]:
    """«value|Подпись» per line (or just «Подпись», then the value is the label)."""
    result = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        value, _sep, label = line.partition("|")
        result.append([value.strip(), (label or value).strip()])
    return result


class FieldType:
    """One kind of form field. Subclass, set name/label, override form_field() and extra_blocks()."""

    name = ""
    label = ""
    icon = "form"
    #: Holds a value in Application.data (False for info text and document slots).
    has_value = True
    is_document = False
    prefill = True
    #: What the value is in JSON (API form schemas): string, integer, decimal (a string), date
    #: (ГГГГ-ММ-ДД), boolean, array (of strings), file (a document slot) or none (info text).
    json_type = "string"
    #: The message shown when the format is wrong (a hint for front ends), if the type has one.
    error = ""

    def extra_blocks(self) -> list:
        return []

    def block(self) -> blocks.StructBlock:
        if not (self.has_value or self.is_document):
            return FieldBlock(
                self.extra_blocks(), label=self.label, icon=self.icon, form_classname="lk-field-block"
            )
        common = dict(_common_blocks())
        children = [(key, common[key]) for key in ("label", "help_text", "required")]
        children += self.extra_blocks()
        if self.prefill:
            children.append(
                (
                    "prefill",
                    blocks.ChoiceBlock(
                        choices=PREFILL_CHOICES,
                        required=False,
                        label=gettext_lazy("Подставлять из профиля"),
                    ),
                )
            )
        # The condition and legal forms, then the service name behind the «advanced» toggle.
        children += [(key, common[key]) for key in ("show_when", "legal_forms", "name")]
        return FieldBlock(
            children,
            label=self.label,
            icon=self.icon,
            form_classname="lk-field-block",
            label_format="{label}{show_when}",
        )

    def schema(self, value) -> dict:
        """The field's entry in FormVersion.schema (see formbuilder/display.py)."""
        spec = {
            "type": self.name,
            "name": value.get("name") or "",
            "label": value.get("label") or "",
            "required": bool(value.get("required")),
            "help_text": value.get("help_text") or "",
            "choices": [],
            "condition": None,
        }
        conditions = normalize(FieldBlock.upgrade(dict(value)).get("show_when"))
        if conditions["rules"]:
            spec["condition"] = dict(conditions["rules"][0])
            spec["conditions"] = conditions
        if value.get("legal_forms"):
            spec["legal_forms"] = list(value["legal_forms"])
        if value.get("prefill"):
            spec["prefill"] = value["prefill"]
        return spec

    def field_kwargs(self, spec) -> dict:
        # Requiredness is decided by the wizard (conditions), never by the Django field.
        return {"label": spec.get("label", ""), "help_text": spec.get("help_text", ""), "required": False}

    def form_field(self, spec, **kwargs) -> forms.Field:
        return forms.CharField(max_length=500, **self.field_kwargs(spec))

    def to_json(self, value):
        """Cleaned value → what Application.data keeps."""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        return value


class TextType(FieldType):
    name, label, icon = "text", gettext_lazy("Строка"), "pilcrow"


class TextareaType(FieldType):
    name, label, icon = "textarea", gettext_lazy("Текст (несколько строк)"), "pilcrow"

    def form_field(self, spec, **kwargs):
        return forms.CharField(
            max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **self.field_kwargs(spec)
        )


class AddressType(TextareaType):
    name, label, icon = "address", gettext_lazy("Адрес"), "site"

    def form_field(self, spec, **kwargs):
        return forms.CharField(
            max_length=500, widget=forms.Textarea(attrs={"rows": 2}), **self.field_kwargs(spec)
        )


class _MinMax(FieldType):
    block_class = blocks.IntegerBlock

    def extra_blocks(self):
        return [
            ("min_value", self.block_class(label=gettext_lazy("Минимум"), required=False)),
            ("max_value", self.block_class(label=gettext_lazy("Максимум"), required=False)),
        ]

    def schema(self, value):
        spec = super().schema(value)
        for key, out in (("min_value", "min"), ("max_value", "max")):
            if value.get(key) is not None:
                spec[out] = self.to_json(value[key])
        return spec


class NumberType(_MinMax):
    name, label, icon = "number", gettext_lazy("Целое число"), "order"
    json_type = "integer"

    def form_field(self, spec, **kwargs):
        return forms.IntegerField(
            min_value=spec.get("min"), max_value=spec.get("max"), **self.field_kwargs(spec)
        )


class DecimalType(_MinMax):
    name, label, icon = "decimal", gettext_lazy("Число с дробью"), "order"
    json_type = "decimal"
    block_class = blocks.DecimalBlock

    def form_field(self, spec, **kwargs):
        lo, hi = spec.get("min"), spec.get("max")
        return DecimalCommaField(
            max_digits=14,
            decimal_places=3,
            min_value=Decimal(str(lo)) if lo is not None else None,
            max_value=Decimal(str(hi)) if hi is not None else None,
            **self.field_kwargs(spec),
        )


class DateType(FieldType):
    name, label, icon = "date", gettext_lazy("Дата"), "date"
    json_type = "date"
    prefill = False

    def form_field(self, spec, **kwargs):
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d.%m.%Y"],
            **self.field_kwargs(spec),
        )


class ChoiceType(FieldType):
    name, label, icon = "choice", gettext_lazy("Выбор одного"), "list-ul"
    prefill = False

    def extra_blocks(self):
        return [
            (
                "choices",
                blocks.TextBlock(
                    label=gettext_lazy("Варианты"),
                    help_text=gettext_lazy("По одному в строке: «значение|Подпись» или просто «Подпись»."),
                ),
            ),
            (
                "widget",
                blocks.ChoiceBlock(
                    choices=[("radio", gettext_lazy("Переключатели")), ("select", gettext_lazy("Список"))],
                    default="radio",
                    label=gettext_lazy("Вид"),
                ),
            ),
        ]

    def schema(self, value):
        spec = super().schema(value)
        spec["choices"] = parse_choices(value.get("choices"))
        spec["widget"] = value.get("widget") or "radio"
        return spec

    def form_field(self, spec, **kwargs):
        choices = [tuple(c) for c in spec.get("choices") or []]
        widget = forms.Select if spec.get("widget") == "select" else forms.RadioSelect
        if widget is forms.Select:
            choices = [("", _("— выберите —")), *choices]
        return forms.ChoiceField(choices=choices, widget=widget, **self.field_kwargs(spec))


class RatingType(FieldType):
    """A 1–5 scale (the quality survey): «1 — очень плохо» … «5 — отлично»."""

    name, label, icon = "rating", gettext_lazy("Оценка от 1 до 5"), "pick"
    json_type = "integer"
    prefill = False
    SCALE = [
        ("1", gettext_lazy("1 — очень плохо")),
        ("2", gettext_lazy("2 — плохо")),
        ("3", gettext_lazy("3 — удовлетворительно")),
        ("4", gettext_lazy("4 — хорошо")),
        ("5", gettext_lazy("5 — отлично")),
    ]

    def schema(self, value):
        spec = super().schema(value)
        spec["choices"] = [[v, str(label)] for v, label in self.SCALE]
        spec["min"], spec["max"] = 1, 5
        return spec

    def form_field(self, spec, **kwargs):
        return forms.TypedChoiceField(
            choices=self.SCALE, coerce=int, widget=forms.RadioSelect, **self.field_kwargs(spec)
        )


class MultiChoiceType(ChoiceType):
    name, label = "multichoice", gettext_lazy("Выбор нескольких")
    json_type = "array"

    def extra_blocks(self):
        return super().extra_blocks()[:1]

    def form_field(self, spec, **kwargs):
        choices = [tuple(c) for c in spec.get("choices") or []]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **self.field_kwargs(spec)
        )


class CheckboxType(FieldType):
    name, label, icon = "checkbox", gettext_lazy("Флажок"), "tick-inverse"
    json_type = "boolean"
    prefill = False

    def form_field(self, spec, **kwargs):
        return forms.BooleanField(**self.field_kwargs(spec))


class ConsentType(CheckboxType):
    name, label, icon = "consent", gettext_lazy("Согласие"), "tick-inverse"


class EmailType(FieldType):
    name, label, icon = "email", gettext_lazy("Электронная почта"), "mail"

    def form_field(self, spec, **kwargs):
        return forms.EmailField(**self.field_kwargs(spec))


class _Normalized(FieldType):
    """A text field checked and normalized by a function of `identifiers`."""

    error = ""
    attrs: dict = {}

    def normalize(self, raw: str) -> str:
        value = identifiers.digits(raw)
        return value if self.check(value) else ""

    def check(self, value: str) -> bool:  # pragma: no cover - overridden
        return True

    def form_field(self, spec, **kwargs):
        field_type = self

        class Field(forms.CharField):
            def clean(self, value):
                value = super().clean(value)
                if not value:
                    return ""
                normalized = field_type.normalize(value)
                if not normalized:
                    raise ValidationError(field_type.error, code="invalid")
                return normalized

        return Field(max_length=40, widget=forms.TextInput(attrs=dict(self.attrs)), **self.field_kwargs(spec))


class PhoneType(_Normalized):
    name, label, icon = "phone", gettext_lazy("Телефон"), "mobile-alt"
    error = gettext_lazy("Введите российский номер телефона, например +7 900 123-45-67.")
    attrs = {"inputmode": "tel", "autocomplete": "tel"}

    def normalize(self, raw):
        return identifiers.phone_normalize(raw)


class SnilsType(_Normalized):
    name, label, icon = "snils", gettext_lazy("СНИЛС"), "user"
    error = gettext_lazy("СНИЛС указан неверно: проверьте 11 цифр и контрольное число.")
    attrs = {"inputmode": "numeric"}
    check = staticmethod(identifiers.snils_ok)


class InnType(_Normalized):
    name, label, icon = "inn", gettext_lazy("ИНН"), "user"
    error = gettext_lazy("ИНН указан неверно: 10 или 12 цифр с верными контрольными цифрами.")
    attrs = {"inputmode": "numeric"}
    check = staticmethod(identifiers.inn_ok)


class KppType(_Normalized):
    name, label, icon = "kpp", gettext_lazy("КПП"), "user"
    error = gettext_lazy("КПП указан неверно: 9 знаков, например 773601001.")

    def normalize(self, raw):
        # The one КПП normalisation (the profile's KppField uses it too).
        value = identifiers.kpp_normalize(raw)
        return value if identifiers.kpp_ok(value) else ""


class OgrnType(_Normalized):
    name, label, icon = "ogrn", gettext_lazy("ОГРН"), "user"
    error = gettext_lazy("ОГРН указан неверно: 13 цифр с верной контрольной цифрой.")
    attrs = {"inputmode": "numeric"}
    check = staticmethod(identifiers.ogrn_ok)


class OgrnipType(_Normalized):
    name, label, icon = "ogrnip", gettext_lazy("ОГРНИП"), "user"
    error = gettext_lazy("ОГРНИП указан неверно: 15 цифр с верной контрольной цифрой.")
    attrs = {"inputmode": "numeric"}
    check = staticmethod(identifiers.ogrnip_ok)


class CadastralType(_Normalized):
    name, label, icon = "cadastral", gettext_lazy("Кадастровый номер"), "site"
    error = gettext_lazy("Кадастровый номер в формате 77:01:0001013:4915.")
    prefill = False

    def normalize(self, raw):
        value = "".join(str(raw).split())
        return value if identifiers.cadastral_ok(value) else ""


class DocumentType(FieldType):
    """A document slot: files live in ApplicationDocument rows with slot = field name."""

    name, label, icon = "document", gettext_lazy("Документ (файлы)"), "doc-full"
    json_type = "file"
    has_value = False
    is_document = True
    prefill = False

    def extra_blocks(self):
        return [
            (
                "max_files",
                blocks.IntegerBlock(label=gettext_lazy("Файлов не больше"), default=5, min_value=1),
            ),
            (
                "allow_profile",
                blocks.BooleanBlock(
                    label=gettext_lazy("Можно выбрать из документов профиля"), required=False, default=True
                ),
            ),
        ]

    def schema(self, value):
        spec = super().schema(value)
        spec["legal_forms"] = list(value.get("legal_forms") or [])
        spec["max_files"] = int(value.get("max_files") or 5)
        spec["allow_profile"] = bool(value.get("allow_profile"))
        return spec


class InfoType(FieldType):
    name, label, icon = "info", gettext_lazy("Поясняющий текст"), "info-circle"
    json_type = "none"
    has_value = False
    prefill = False

    def extra_blocks(self):
        return [
            (
                "text",
                blocks.RichTextBlock(label=gettext_lazy("Текст"), features=["bold", "italic", "link", "ul"]),
            ),
            (
                "name",
                blocks.CharBlock(label=gettext_lazy("Имя"), required=False, form_classname="lk-advanced"),
            ),
        ]

    def schema(self, value):
        return {
            "type": self.name,
            "name": value.get("name") or "",
            "label": "",
            "required": False,
            "help_text": "",
            "choices": [],
            "condition": None,
            "text": value["text"].source if value.get("text") else "",
        }


_types: dict[str, FieldType] = {}


def register(field_type: FieldType) -> FieldType:
    _types[field_type.name] = field_type
    return field_type


def get(name: str) -> FieldType:
    return _types.get(name) or _types["text"]


def all_types() -> list[FieldType]:
    return list(_types.values())


def stream_blocks() -> list:
    """(name, block) for the fields StreamBlock of a step."""
    return [(t.name, t.block()) for t in _types.values()]


for _type in (
    TextType,
    TextareaType,
    NumberType,
    DecimalType,
    DateType,
    ChoiceType,
    MultiChoiceType,
    RatingType,
    CheckboxType,
    EmailType,
    PhoneType,
    SnilsType,
    InnType,
    KppType,
    OgrnType,
    OgrnipType,
    CadastralType,
    AddressType,
    DocumentType,
    ConsentType,
    InfoType,
):
    register(_type())

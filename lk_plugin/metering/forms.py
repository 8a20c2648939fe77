from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.fields import DecimalCommaField

from .models import VALUE_FIELDS, Meter

#: What describes a meter (the applicant's form; staff also choose the owner: admin_forms.py).
METER_FIELDS = [
    "meter_type",
    "serial_number",
    "tariff_count",
    "digits",
    "address",
    "account_number",
    "verification_due",
]


class MeterForm(forms.ModelForm):
    """An applicant adds their meter; staff confirm it before readings are accepted."""

    class Meta:
        model = Meter
        fields = METER_FIELDS
        widgets = {"verification_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "meter_type": _("Как написано на корпусе, например «Меркурий 201.8»"),
            "verification_due": _("Указана в паспорте прибора учёта"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tariff_count"].widget = forms.Select(
            choices=Meter._meta.get_field("tariff_count").choices
        )


class ReadingValueField(DecimalCommaField):
    """Accepts «8412,5» as well as «8412.5» (and «8 412,5»)."""


class ReadingForm(forms.Form):
    confirm_high = forms.BooleanField(label=_("Подтверждаю показания"), required=False)

    def __init__(self, *args, meter: Meter, **kwargs):
        super().__init__(*args, **kwargs)
        self.meter = meter
        self.show_confirm = bool(self.data.get("confirm_high"))
        for name, label in zip(VALUE_FIELDS, meter.tariff_names, strict=False):
            self.fields[name] = ReadingValueField(
                label=label,
                min_value=0,
                decimal_places=2,
                max_digits=meter.digits + 2,
                error_messages={
                    "required": _("Укажите показания по тарифу."),
                    "invalid": _("Введите число, например 8412,5."),
                    "max_digits": _("Слишком много цифр для этого прибора учёта."),
                    "max_decimal_places": _("Не больше двух знаков после запятой."),
                    "max_whole_digits": _("У прибора учёта %(digits)s знаков до запятой.")
                    % {"digits": meter.digits},
                    "min_value": _("Показания не могут быть отрицательными."),
                },
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        self.order_fields([*VALUE_FIELDS, "confirm_high"])

    def values(self) -> list[Decimal]:
        return [self.cleaned_data[name] for name in VALUE_FIELDS[: self.meter.tariff_count]]

    def add_flow_errors(self, error):
        """Put a flow's ValidationError at the fields it names; a plausibility one shows the checkbox."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                if field == "confirm_high":
                    self.show_confirm = True
                self.add_error(None if field == "__all__" else field, errors)
        else:
            self.add_error(None, error)


class AskueCredentialsForm(forms.Form):
    login = forms.CharField(label=_("Идентификатор пользователя в АСКУЭ"), max_length=100)
    password = forms.CharField(
        label=_("Пароль АСКУЭ"),
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Хранится в зашифрованном виде и не показывается повторно."),
    )

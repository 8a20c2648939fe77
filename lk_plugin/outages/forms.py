import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lk_plugin.app_settings import app_settings

from .addresses import parse_address
from .selectors import OutageFilter


class OutageFilterForm(forms.Form):
    PERIODS = [("today", _("Сегодня")), ("week", _("Ближайшие 7 дней")), ("custom", _("Свои даты"))]

    q = forms.CharField(
        label=_("Адрес"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Например: Ленина 15"), "type": "search"}),
    )
    district = forms.ChoiceField(label=_("Район"), required=False)
    period = forms.ChoiceField(label=_("Период"), choices=PERIODS, required=False)
    date_from = forms.DateField(label=_("С"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("По"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    past = forms.BooleanField(label=_("Показать прошедшие"), required=False)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("Все районы")), *((d, d) for d in districts)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Дата «по» раньше даты «с»."))
        return data

    def to_filter(self, *, today=None) -> OutageFilter:
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("period") or ("custom" if data.get("date_from") or data.get("date_to") else "week")
        flt = OutageFilter(
            district=data.get("district", ""), address=data.get("q", ""), include_past=data.get("past", False)
        )
        if period == "today":
            flt.date_from = flt.date_to = today
        elif period == "week":
            flt.date_from, flt.date_to = today, today + dt.timedelta(days=6)
        else:
            flt.date_from, flt.date_to = data.get("date_from"), data.get("date_to")
        self.period = period
        return flt


class OutageSubscriptionForm(forms.Form):
    """The public form mails a confirmation link to any address: guests answer a captcha."""

    email = forms.EmailField(label=_("Электронная почта"))
    address = forms.CharField(
        label=_("Адрес"),
        max_length=300,
        help_text=_("Улица и номер дома, например: ул. Ленина, 15"),
    )

    def __init__(self, *args, guest=False, **kwargs):
        super().__init__(*args, **kwargs)
        if guest and app_settings.CAPTCHA_ENABLED:
            from lk_plugin.core.captcha import captcha_field

            self.fields["captcha"] = captcha_field(
                label=_("Введите символы с картинки"),
                error_messages={
                    "invalid": _("Символы с картинки введены неверно."),
                    "required": _("Введите символы с картинки."),
                },
            )

    def clean_address(self):
        address = self.cleaned_data["address"]
        key, _number, _letter = parse_address(address)
        if not key:
            raise forms.ValidationError(_("Укажите улицу и номер дома."))
        return address

"""Staff forms of the connection: stage move, the offer (contract + ТУ + invoice), the act, a payment."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.fields import DecimalCommaField
from lk_plugin.core.files import validate_upload

from .forms import VersionedForm


def _file(label, required=True):
    return forms.FileField(label=label, required=required)


class StageAdvanceForm(VersionedForm):
    comment = forms.CharField(
        label=_("Комментарий для заявителя"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OfferForm(VersionedForm):
    contract_file = _file(_("Условия договора"))
    tu_file = _file(_("Технические условия"))
    instructions_file = _file(_("Инструкция"), required=False)
    amount = DecimalCommaField(
        label=_("Сумма счёта, ₽"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        unit="₽",
        error_messages={"required": _("Укажите сумму счёта.")},
    )
    schedule = forms.CharField(
        label=_("График рассрочки"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "По строке на платёж: «дд.мм.гггг сумма», например «20.03.2026 55,00». Пусто — без рассрочки."
        ),
    )

    def clean_contract_file(self):
        return validate_upload(self.cleaned_data["contract_file"])

    def clean_tu_file(self):
        return validate_upload(self.cleaned_data["tu_file"])

    def clean_instructions_file(self):
        upload = self.cleaned_data.get("instructions_file")
        return validate_upload(upload) if upload else None

    def clean_schedule(self):
        lines = []
        for number, raw in enumerate((self.cleaned_data.get("schedule") or "").splitlines(), start=1):
            if not raw.strip():
                continue
            match = re.fullmatch(r"\s*(\d{2})\.(\d{2})\.(\d{4})\s+([\d\s]+(?:[.,]\d{1,2})?)\s*", raw)
            try:
                day = dt.date(int(match[3]), int(match[2]), int(match[1])) if match else None
                amount = Decimal(match[4].replace(" ", "").replace(",", ".")) if match else None
            except (ValueError, InvalidOperation):
                day = amount = None
            if day is None or amount is None or amount <= 0:
                raise forms.ValidationError(
                    _("Строка %(n)s: нужен формат «дд.мм.гггг сумма».") % {"n": number}, code="schedule"
                )
            lines.append((day, amount))
        return lines


class ActForm(VersionedForm):
    file = _file(_("Акт об осуществлении технологического присоединения"))

    def clean_file(self):
        return validate_upload(self.cleaned_data["file"])


class ManualPaymentForm(forms.Form):
    invoice = forms.ModelChoiceField(label=_("Счёт"), queryset=None, empty_label=None)
    amount = forms.DecimalField(
        label=_("Сумма, ₽"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    paid_on = forms.DateField(label=_("Дата оплаты"), initial=timezone.localdate)
    reason = forms.CharField(
        label=_("Основание"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Например, номер и дата платёжного поручения."),
        error_messages={"required": _("Укажите основание: например, номер платёжного поручения.")},
    )

    def __init__(self, *args, invoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invoice"].queryset = invoices

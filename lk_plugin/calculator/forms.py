from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.choices import LegalForm
from lk_plugin.core.fields import DecimalCommaField

from .choices import Reliability, Voltage


class FeeForm(forms.Form):
    legal_form = forms.ChoiceField(
        label=_("Заявитель"),
        choices=LegalForm.choices,
        initial=LegalForm.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    power_kw = DecimalCommaField(
        label=_("Максимальная мощность, кВт"),
        min_value=Decimal("0.1"),
        max_value=Decimal("100000"),
        decimal_places=2,
        unit="кВт",
        help_text=_("С учётом ранее присоединённой, например 15 или 15,5"),
    )
    voltage = forms.ChoiceField(label=_("Уровень напряжения"), choices=Voltage.choices, initial=Voltage.V04)
    reliability = forms.ChoiceField(
        label=_("Категория надёжности"), choices=Reliability.choices, initial=Reliability.III
    )
    distance_m = forms.IntegerField(
        label=_("Расстояние до сетей, м"),
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("Необязательно: нужно для расчёта стоимости строительства линий"),
    )
    year = forms.IntegerField(label=_("Год подачи заявки"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

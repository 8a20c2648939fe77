from django.db import models
from django.utils.translation import gettext_lazy as _


class PowerBand(models.TextChoices):
    UP_TO_15 = "up_to_15", _("до 15 кВт")
    FROM_15_TO_150 = "15_150", _("свыше 15 до 150 кВт")
    FROM_150_TO_670 = "150_670", _("свыше 150 до 670 кВт")
    OVER_670 = "over_670", _("свыше 670 кВт")


# Upper limits (inclusive) of each band, kW.
POWER_BAND_LIMITS = [
    (15, PowerBand.UP_TO_15),
    (150, PowerBand.FROM_15_TO_150),
    (670, PowerBand.FROM_150_TO_670),
]


def power_band_for(power_kw) -> str:
    for limit, band in POWER_BAND_LIMITS:
        if power_kw <= limit:
            return band
    return PowerBand.OVER_670


class Voltage(models.TextChoices):
    V04 = "0.4", _("0,4 кВ и ниже")
    V6 = "6", _("6 кВ")
    V10 = "10", _("10 кВ")
    V20 = "20", _("20 кВ")
    V35 = "35", _("35 кВ")
    V110 = "110", _("110 кВ и выше")


class Reliability(models.TextChoices):
    I = "I", _("I категория")  # noqa: E741
    II = "II", _("II категория")
    III = "III", _("III категория")


class RateKind(models.TextChoices):
    FLAT = "flat", _("Фиксированная плата, ₽")
    PER_KW = "per_kw", _("Ставка за 1 кВт, ₽/кВт")
    PER_KM = "per_km", _("Ставка за 1 км линии, ₽/км")
    PER_ITEM = "per_item", _("Ставка за единицу (подстанция, пункт), ₽/шт.")

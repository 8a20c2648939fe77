"""The fee calculation: a pure function of a rate table and the applicant's answers (reused by the API)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .choices import PowerBand, RateKind, power_band_for

CENT = Decimal("0.01")


class NoRatesError(ValueError):
    """The table has no rate for these answers (the page says so instead of showing zero)."""


@dataclass(frozen=True)
class BreakdownLine:
    description: str
    kind: str
    rate: Decimal
    quantity: Decimal
    unit: str
    amount: Decimal


@dataclass
class Result:
    table: object
    power_band: str
    total: Decimal
    lines: list[BreakdownLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def power_band_display(self):
        return PowerBand(self.power_band).label


def _matches(row, *, legal_form, band, voltage, reliability) -> bool:
    return (
        row.power_band == band
        and row.legal_form in ("", legal_form)
        and row.voltage in ("", voltage)
        and row.reliability in ("", reliability)
    )


def calculate_fee(*, table, legal_form, power_kw, voltage, reliability, distance_m=None) -> Result:
    """Sum the table's rows that apply: flat fees, ₽/kW × power, ₽/km × distance, ₽ per item.

    Raises NoRatesError when no row applies. Rows are read from ``table.rows.all()`` (prefetch them).
    """
    power = Decimal(str(power_kw))
    if power <= 0:
        raise ValueError("power_kw must be positive")
    band = power_band_for(power)
    rows = [
        r
        for r in table.rows.all()
        if _matches(r, legal_form=legal_form, band=band, voltage=voltage, reliability=reliability)
    ]
    if not rows:
        raise NoRatesError(
            _("В таблице «%(table)s» нет ставок для мощности %(band)s при выбранных напряжении и категории.")
            % {"table": table.title, "band": PowerBand(band).label}
        )
    result = Result(table=table, power_band=band, total=Decimal(0))
    km = Decimal(str(distance_m)) / 1000 if distance_m else None
    for row in rows:
        if row.kind == RateKind.FLAT:
            quantity, unit = Decimal(1), ""
        elif row.kind == RateKind.PER_KW:
            quantity, unit = power, _("кВт")
        elif row.kind == RateKind.PER_KM:
            if km is None:
                result.notes.append(
                    _("«%(item)s» не рассчитано: укажите расстояние до сетей.") % {"item": row.description}
                )
                continue
            quantity, unit = km, _("км")
        else:
            quantity, unit = Decimal(1), _("шт.")
        amount = (row.rate * quantity).quantize(CENT, rounding=ROUND_HALF_UP)
        result.lines.append(BreakdownLine(row.description, row.kind, row.rate, quantity, unit, amount))
        result.total += amount
    return result


def find_table(*, region: str, year: int):
    """The published table for a region and year with its rows, or None."""
    from .models import RateTable

    return (
        RateTable.objects.filter(region=region, year=year, is_published=True).prefetch_related("rows").first()
    )


def fee_for_region(*, region: str, year: int, **answers) -> Result:
    """calculate_fee with the region's published table of *year*; NoRatesError (a Russian message)
    when the table is not published or has no rate for the answers. The page and the API call this."""
    table = find_table(region=region, year=year)
    if table is None:
        raise NoRatesError(
            _(
                "Ставки платы за технологическое присоединение для региона «%(region)s» на %(year)s год "
                "ещё не опубликованы. Выберите другой год или обратитесь в сетевую организацию."
            )
            % {"region": region, "year": year}
        )
    return calculate_fee(table=table, **answers)

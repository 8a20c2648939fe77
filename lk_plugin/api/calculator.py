"""The connection-fee calculator (public): the calculator page's form and calculation."""

from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from lk_plugin.calculator.fees import NoRatesError, fee_for_region
from lk_plugin.calculator.forms import FeeForm

from .common import clean_text
from .errors import ApiError, form_error, responses

router = Router(tags=["calculator"])


class LineOut(Schema):
    description: str
    kind: str
    rate: Decimal
    quantity: Decimal
    unit: str
    amount: Decimal


class FeeOut(Schema):
    region: str
    year: int
    table: str
    power_band: str
    power_band_display: str
    total: Decimal
    lines: list[LineOut]
    notes: list[str]


class FeeQuery(Schema):
    region: str = Field("", max_length=200, description="Регион; пусто — регион страницы калькулятора")
    legal_form: str = Field("", description="individual, entrepreneur или legal_entity")
    power_kw: str = Field("", description="Максимальная мощность, кВт")
    voltage: str = Field("", description="Уровень напряжения (значения как на странице калькулятора)")
    reliability: str = Field("", description="Категория надёжности")
    distance_m: str = Field("", description="Расстояние до сетей, м (необязательно)")
    year: str = Field("", description="Год подачи заявки")


def default_region() -> str:
    """The region of the site's (first live) calculator page."""
    from wagtail.models import Page, get_page_models

    from lk_plugin.calculator.pages import AbstractCalculatorPage

    types = [m for m in get_page_models() if issubclass(m, AbstractCalculatorPage)]
    page = Page.objects.live().type(*types).specific().first() if types else None
    return getattr(page, "region", "") or ""


@router.get("/", auth=None, response=responses(200, FeeOut), summary="Рассчитать плату за присоединение")
def calculate(request, query: Query[FeeQuery]):
    data = {name: clean_text(value, 200) for name, value in query.model_dump().items()}
    region = data.pop("region") or default_region()
    form = FeeForm(data)
    if not form.is_valid():
        raise form_error(form)
    if not region:
        message = _("Укажите регион.")
        raise ApiError(400, message, "invalid", {"region": [message]})
    answers = form.cleaned_data
    try:
        result = fee_for_region(
            region=region,
            year=answers["year"],
            legal_form=answers["legal_form"],
            power_kw=answers["power_kw"],
            voltage=answers["voltage"],
            reliability=answers["reliability"],
            distance_m=answers.get("distance_m"),
        )
    except NoRatesError as exc:
        raise ApiError(400, str(exc), "no_rates", {"__all__": [str(exc)]}) from exc
    return {
        "region": region,
        "year": answers["year"],
        "table": result.table.title,
        "power_band": result.power_band,
        "power_band_display": str(result.power_band_display),
        "total": result.total,
        "lines": [line.__dict__ for line in result.lines],
        "notes": [str(n) for n in result.notes],
    }

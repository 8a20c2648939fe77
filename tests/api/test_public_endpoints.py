"""Outage search and the calculator work without signing in, with the public pages' rules."""

from decimal import Decimal

import pytest

from lk_plugin.calculator.choices import PowerBand, RateKind
from lk_plugin.calculator.models import RateRow, RateTable
from tests.outages.helpers import make_outage

pytestmark = pytest.mark.django_db


def test_outage_search_by_address_district_and_dates(anon_api):
    make_outage(street="ул. Ленина", houses="1-15", district="Центральный район")
    make_outage(street="ул. Мира", houses="2-10", district="Северный район")
    body = anon_api.get("/outages/").json()
    assert body["count"] == 2 and set(body["districts"]) == {"Центральный район", "Северный район"}
    found = anon_api.get("/outages/", q="Ленина 7").json()
    assert [o["street"] for o in found["items"]] == ["ул. Ленина"]
    assert anon_api.get("/outages/", q="Ленина 70").json()["count"] == 0
    assert anon_api.get("/outages/", district="Северный район").json()["items"][0]["street"] == "ул. Мира"
    response = anon_api.get("/outages/", period="custom", date_from="2026-05-10", date_to="2026-05-01")
    assert response.status_code == 400
    assert response.json()["errors"]["date_to"] == ["Дата «по» раньше даты «с»."]


@pytest.fixture
def rate_table():
    table = RateTable.objects.create(region="Московская область", year=2026, title="Ставки на 2026 год")
    RateRow.objects.create(
        table=table,
        description="Плата ФЛ до 15 кВт",
        legal_form="individual",
        power_band=PowerBand.UP_TO_15,
        kind=RateKind.FLAT,
        rate=Decimal("5000"),
    )
    return table


ANSWERS = {"legal_form": "individual", "power_kw": "15", "voltage": "0.4", "reliability": "III"}


def test_calculator_gives_the_fee_with_breakdown(anon_api, rate_table):
    body = anon_api.get("/calculator/", region="Московская область", year="2026", **ANSWERS).json()
    assert body["total"] == "5000.00"
    assert [line["description"] for line in body["lines"]] == ["Плата ФЛ до 15 кВт"]


def test_calculator_missing_table_is_a_clear_russian_message(anon_api, rate_table):
    response = anon_api.get("/calculator/", region="Московская область", year="2027", **ANSWERS)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "no_rates"
    assert "на 2027 год ещё не опубликованы" in body["detail"]


def test_calculator_reports_bad_input_at_the_field(anon_api, rate_table):
    response = anon_api.get(
        "/calculator/", region="Московская область", year="2026", **(ANSWERS | {"power_kw": "-5"})
    )
    assert response.status_code == 400
    assert "power_kw" in response.json()["errors"]

from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest

from lk_plugin.calculator.choices import PowerBand, RateKind, Reliability, Voltage
from lk_plugin.calculator.fees import NoRatesError, calculate_fee, find_table
from lk_plugin.calculator.models import RateRow, RateTable

pytestmark = pytest.mark.django_db

REGION = "Тестовая область"


@pytest.fixture
def table():
    table = RateTable.objects.create(
        region=REGION, year=2026, title="Ставки на 2026 год", source="Приказ № 1"
    )
    rows = [
        ("Плата ФЛ до 15 кВт", "individual", PowerBand.UP_TO_15, "", "", RateKind.FLAT, "5000"),
        ("С1 ЮЛ до 15 кВт", "legal_entity", PowerBand.UP_TO_15, "", "", RateKind.PER_KW, "1000"),
        ("С1", "", PowerBand.FROM_15_TO_150, "", "", RateKind.PER_KW, "1150.50"),
        ("ВЛ-0,4 кВ", "", PowerBand.FROM_15_TO_150, Voltage.V04, "", RateKind.PER_KM, "1254300"),
        ("ВЛ-10 кВ", "", PowerBand.FROM_15_TO_150, Voltage.V10, "", RateKind.PER_KM, "1867900"),
        ("Второй ввод", "", PowerBand.FROM_15_TO_150, "", Reliability.II, RateKind.PER_ITEM, "185000"),
        ("С1", "", PowerBand.FROM_150_TO_670, "", "", RateKind.PER_KW, "980"),
        ("КТП 10/0,4", "", PowerBand.FROM_150_TO_670, Voltage.V04, "", RateKind.PER_ITEM, "1650000"),
    ]
    for i, (d, lf, band, v, r, kind, rate) in enumerate(rows):
        RateRow.objects.create(
            table=table,
            sort_order=i,
            description=d,
            legal_form=lf,
            power_band=band,
            voltage=v,
            reliability=r,
            kind=kind,
            rate=Decimal(rate),
        )
    return find_table(region=REGION, year=2026)


@pytest.mark.parametrize(
    ("legal_form", "power", "voltage", "reliability", "distance", "total", "items"),
    [
        ("individual", 15, "0.4", "III", None, "5000.00", ["Плата ФЛ до 15 кВт"]),
        ("individual", "7.5", "0.4", "III", 250, "5000.00", ["Плата ФЛ до 15 кВт"]),
        ("legal_entity", 10, "0.4", "III", None, "10000.00", ["С1 ЮЛ до 15 кВт"]),
        # 100 × 1150.50 + 0.25 km × 1 254 300 + 185 000
        ("legal_entity", 100, "0.4", "II", 250, "613625.00", ["С1", "ВЛ-0,4 кВ", "Второй ввод"]),
        # 15.01 kW is already the next band: 15.01 × 1150.50 = 17269.005 → 17269.01
        ("individual", "15.01", "10", "III", None, "17269.01", ["С1"]),
        ("entrepreneur", 670, "0.4", "III", None, "2306600.00", ["С1", "КТП 10/0,4"]),
    ],
)
def test_known_table_gives_known_fee(table, legal_form, power, voltage, reliability, distance, total, items):
    result = calculate_fee(
        table=table,
        legal_form=legal_form,
        power_kw=power,
        voltage=voltage,
        reliability=reliability,
        distance_m=distance,
    )
    assert result.total == Decimal(total)
    assert [line.description for line in result.lines] == items
    assert sum(line.amount for line in result.lines) == result.total


def test_line_rates_without_distance_are_named_not_silently_zero(table):
    result = calculate_fee(table=table, legal_form="individual", power_kw=20, voltage="10", reliability="III")
    assert result.total == Decimal("23010.00")
    assert any("ВЛ-10 кВ" in note and "расстояние" in note for note in result.notes)


def test_no_rate_for_the_answers_raises(table):
    with pytest.raises(NoRatesError, match="нет ставок"):
        calculate_fee(table=table, legal_form="individual", power_kw=1000, voltage="110", reliability="I")


def calculator_page(application_page=None):
    from wagtail.models import Page, Site

    from cms_pages.models import HomePage
    from lk_plugin.contrib.pages.models import CalculatorPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Главная", slug="home-c"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    return home.add_child(
        instance=CalculatorPage(
            title="Калькулятор", slug="calc", region=REGION, application_page=application_page
        )
    )


def test_page_shows_fee_breakdown_source_and_prefilled_application_link(client, table):
    page = calculator_page()
    response = client.get(
        page.url,
        {
            "legal_form": "legal_entity",
            "power_kw": "100",
            "voltage": "0.4",
            "reliability": "II",
            "distance_m": "250",
            "year": "2026",
        },
    )
    html = response.content.decode()
    assert "613\xa0625,00 ₽" in html or "613 625,00 ₽" in html
    assert "Ставки на 2026 год" in html and "Приказ № 1" in html
    link = [line for line in html.splitlines() if "Подать заявку" in line][0]
    href = link.split('href="')[1].split('"')[0].replace("&amp;", "&")
    parsed = urlparse(href)
    assert parsed.path == "/lk/"  # no form page chosen: the cabinet
    assert parse_qs(parsed.query) == {
        "max_power_kw": ["100"],
        "voltage_level": ["0.4"],
        "reliability_category": ["II"],
        "legal_form": ["legal_entity"],
    }


def test_application_link_goes_to_the_chosen_page(client, table):
    page = calculator_page()
    target = page.get_parent().add_child(instance=type(page)(title="Заявка", slug="zayavka", region=REGION))
    page.application_page = target
    page.save()
    html = client.get(
        page.url,
        {
            "legal_form": "individual",
            "power_kw": "15",
            "voltage": "0.4",
            "reliability": "III",
            "year": "2026",
        },
    ).content.decode()
    assert 'href="/zayavka/?max_power_kw=15&amp;voltage_level=0.4' in html


def test_missing_table_gets_a_clear_message_not_zero(client, table):
    page = calculator_page()
    html = client.get(
        page.url,
        {
            "legal_form": "individual",
            "power_kw": "15",
            "voltage": "0.4",
            "reliability": "III",
            "year": "2027",
        },
    ).content.decode()
    assert "на 2027 год ещё не опубликованы" in html
    assert "0,00 ₽" not in html and "Подать заявку" not in html


def test_bad_input_is_reported_at_the_field_and_kept(client, table):
    page = calculator_page()
    html = client.get(
        page.url,
        {
            "legal_form": "individual",
            "power_kw": "-5",
            "voltage": "0.4",
            "reliability": "III",
            "year": "2026",
        },
    ).content.decode()
    assert "Значение должно быть не меньше 0,1 кВт." in html
    assert 'value="-5"' in html


def result_section(html):
    return html.split('class="calc__total"')[1].split("</table>")[0]


def test_power_with_a_decimal_comma_or_point_gives_the_same_fee(client, table):
    page = calculator_page()
    answers = {"legal_form": "legal_entity", "voltage": "0.4", "reliability": "III", "year": "2026"}
    comma = client.get(page.url, {**answers, "power_kw": "15,5"}).content.decode()
    point = client.get(page.url, {**answers, "power_kw": "15.5"}).content.decode()
    assert 'class="calc__total"' in comma, "15,5 was refused"
    assert result_section(comma) == result_section(point)
    assert "17\xa0832,75" in comma or "17 832,75" in comma  # 15,5 кВт × 1 150,50 ₽
    assert 'value="15,5"' in comma and 'value="15,5"' in point  # shown back with a comma
    link = [line for line in comma.splitlines() if "Подать заявку" in line][0]
    assert "max_power_kw=15.5" in link  # the prefill link carries a plain number


def test_power_that_is_not_a_number_gets_a_russian_message_at_the_field(client, table):
    page = calculator_page()
    html = client.get(
        page.url,
        {
            "legal_form": "individual",
            "power_kw": "15 кВт,5",
            "voltage": "0.4",
            "reliability": "III",
            "year": "2026",
        },
    ).content.decode()
    assert "Введите число, например 15,5." in html
    assert 'class="calc__total"' not in html

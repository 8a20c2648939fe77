"""Demo rate table (2026 only, so 2025/2027 show the «no table» message) and the calculator page."""

from decimal import Decimal

from lk_plugin.calculator.choices import PowerBand, RateKind, Reliability, Voltage
from lk_plugin.calculator.models import RateRow, RateTable
from lk_plugin.contrib.pages.models import ApplicationFormPage, CalculatorPage
from lk_plugin.core.choices import LegalForm

REGION = "г. Москва"

ROWS = [
    # (description, legal_form, band, voltage, reliability, kind, rate)
    (
        "Плата для физических лиц до 15 кВт (включая НДС)",
        LegalForm.INDIVIDUAL,
        PowerBand.UP_TO_15,
        "",
        "",
        RateKind.FLAT,
        "5000",
    ),
    (
        "Организационные мероприятия (С1), ИП до 15 кВт",
        LegalForm.ENTREPRENEUR,
        PowerBand.UP_TO_15,
        "",
        "",
        RateKind.PER_KW,
        "1150.50",
    ),
    (
        "Организационные мероприятия (С1), ЮЛ до 15 кВт",
        LegalForm.LEGAL_ENTITY,
        PowerBand.UP_TO_15,
        "",
        "",
        RateKind.PER_KW,
        "1150.50",
    ),
    ("Организационные мероприятия (С1)", "", PowerBand.FROM_15_TO_150, "", "", RateKind.PER_KW, "1150.50"),
    (
        "Строительство ВЛИ-0,4 кВ (С2)",
        "",
        PowerBand.FROM_15_TO_150,
        Voltage.V04,
        "",
        RateKind.PER_KM,
        "1254300",
    ),
    ("Строительство ВЛ-6 кВ (С2)", "", PowerBand.FROM_15_TO_150, Voltage.V6, "", RateKind.PER_KM, "1867900"),
    (
        "Строительство ВЛ-10 кВ (С2)",
        "",
        PowerBand.FROM_15_TO_150,
        Voltage.V10,
        "",
        RateKind.PER_KM,
        "1867900",
    ),
    (
        "Второй независимый ввод (II категория)",
        "",
        PowerBand.FROM_15_TO_150,
        "",
        Reliability.II,
        RateKind.PER_ITEM,
        "185000",
    ),
    (
        "Резервный источник и АВР (I категория)",
        "",
        PowerBand.FROM_15_TO_150,
        "",
        Reliability.I,
        RateKind.PER_ITEM,
        "420000",
    ),
    ("Организационные мероприятия (С1)", "", PowerBand.FROM_150_TO_670, "", "", RateKind.PER_KW, "980"),
    (
        "Строительство КЛ-0,4 кВ (С3)",
        "",
        PowerBand.FROM_150_TO_670,
        Voltage.V04,
        "",
        RateKind.PER_KM,
        "2310000",
    ),
    (
        "Строительство КТП 10/0,4 кВ 400 кВА (С4)",
        "",
        PowerBand.FROM_150_TO_670,
        Voltage.V04,
        "",
        RateKind.PER_ITEM,
        "1650000",
    ),
    (
        "Строительство ВЛ-10 кВ (С2)",
        "",
        PowerBand.FROM_150_TO_670,
        Voltage.V10,
        "",
        RateKind.PER_KM,
        "1867900",
    ),
    ("Организационные мероприятия (С1)", "", PowerBand.OVER_670, "", "", RateKind.PER_KW, "720"),
    ("Строительство ВЛ-10 кВ (С2)", "", PowerBand.OVER_670, Voltage.V10, "", RateKind.PER_KM, "1867900"),
    ("Строительство ВЛ-35 кВ (С2)", "", PowerBand.OVER_670, Voltage.V35, "", RateKind.PER_KM, "4250000"),
]


def load(ctx):
    table, _created = RateTable.objects.update_or_create(
        region=REGION,
        year=2026,
        defaults={
            "title": "Стандартизированные ставки платы за технологическое присоединение на 2026 год",
            "source": "Распоряжение Департамента экономической политики № 123-Р от 20.12.2025 (демо)",
            "note": "Ставки для заявителей до 15 кВт применяются при расстоянии до сетей не более 300 м в городе.",
            "is_published": True,
        },
    )
    table.rows.all().delete()
    RateRow.objects.bulk_create(
        RateRow(
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
        for i, (d, lf, band, v, r, kind, rate) in enumerate(ROWS)
    )

    page = CalculatorPage.objects.child_of(ctx.home).filter(slug="kalkulyator").first()
    if page is None:
        page = ctx.home.add_child(
            instance=CalculatorPage(
                title="Калькулятор", slug="kalkulyator", show_in_menus=True, region=REGION
            )
        )
    page.intro = "Предварительный расчёт платы за технологическое присоединение по ставкам регулятора."
    page.region = REGION
    # «Подать заявку» goes to the ТП form page when the site has one, else to the cabinet (/lk/).
    form_page = ApplicationFormPage.objects.live().filter(kind__code="technological_connection").first()
    page.application_page = form_page
    page.save_revision().publish()
    ctx.pages["calculator"] = page
    ctx.say(f"Калькулятор: {page.url} (есть ставки на 2026 год; на 2025 и 2027 — нет)")

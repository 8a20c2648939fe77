"""Russian as a reader expects it: plurals, decimal comma, СНИЛС with separators, action labels."""

import html
import re

import pytest

from lk_plugin.applications.statuses import Status
from lk_plugin.core.formatting import format_megabytes, format_number, format_snils
from lk_plugin.formbuilder.display import _display_value
from tests.factories import ApplicationFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_numbers_use_a_decimal_comma_and_snils_its_separators():
    assert format_number("15.5") == "15,5"
    assert format_number("15.50") == "15,5"
    assert format_megabytes(5 * 1024 * 1024) == "5,0"
    assert format_snils("12345678964") == "123-456-789 64"
    assert _display_value({"type": "decimal"}, "15.5") == "15,5"
    assert _display_value({"type": "snils"}, "11223344595") == "112-233-445 95"


@pytest.mark.parametrize(
    ("drafts", "text"),
    [(1, "незавершённый черновик"), (3, "незавершённых черновика"), (8, "незавершённых черновиков")],
)
def test_overview_counts_agree_with_their_number(client, drafts, text):
    user = UserFactory()
    ApplicationFactory.create_batch(drafts, owner=user, status=Status.DRAFT, number=None)
    client.force_login(user)
    html = " ".join(client.get("/lk/").content.decode().split())
    assert f"<strong>{drafts}</strong> {text}" in html


def test_unread_notification_offers_an_action(client):
    user = UserFactory()
    NotificationFactory(user=user)
    client.force_login(user)
    html = client.get("/lk/notifications/").content.decode()
    assert "Отметить прочитанным" in html and ">Прочитано<" not in html


def test_upload_limits_read_with_a_decimal_comma(client, settings):
    from lk_plugin.core.fields import upload_help_text

    settings.LK_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
    assert "до 5,0 МБ" in upload_help_text()


# A number with a decimal point in what a person reads: «15.5», «1100.00». Dates (06.12.2026, 12.2026)
# and model names with a point (the demo's meter «Меркурий 201.8») are not numbers shown to a reader.
DECIMAL_POINT = re.compile(r"(?<![\d.,\w])\d+\.\d+(?![\d.])")
MONTH = re.compile(r"^(0[1-9]|1[0-2])\.(19|20)\d\d$")


def visible_text(body: str) -> str:
    # The consumption chart (SVG) labels months «01.26» and rounds kWh to whole numbers (metering/chart.py).
    body = re.sub(r"(?is)<(script|style|template|svg)\b.*?</\1>", " ", body)
    body = re.sub(r"(?s)<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


def decimal_points(client, url, ignore=()):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    text = visible_text(response.content.decode())
    for name in ignore:
        text = text.replace(name, "")
    return [
        f"{url}: …{text[max(0, m.start() - 40) : m.end() + 10]}…"
        for m in DECIMAL_POINT.finditer(text)
        if not MONTH.match(m.group())
    ]


def test_demo_pages_show_decimals_with_a_comma(client, demo_site):
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from lk_plugin.applications.models import Application
    from lk_plugin.contrib.pages.models import CalculatorPage
    from lk_plugin.metering.models import Meter, Reading

    user_model = get_user_model()
    demo = user_model.objects.get(email="demo@example.ru")
    meters = list(Meter.objects.filter(owner=demo))
    for meter in meters:  # a reading with decimals, so that consumption has them too
        last = Reading.objects.filter(meter=meter).order_by("-taken_on", "-pk").first()
        if last is not None:
            last.value_t1 += Decimal("0.75")
            last.save(update_fields=["value_t1"])
    ignore = [m.meter_type for m in meters]
    problems = []
    public = [p.url for p in Page.objects.live().filter(depth__gte=2).specific() if p.url]
    calculator = CalculatorPage.objects.live().first()
    if calculator is not None:
        public.append(
            calculator.url
            + "?legal_form=legal_entity&power_kw=15%2C5&voltage=0.4&reliability=III&distance_m=120&year=2026"
        )
    for url in public:
        problems += decimal_points(client, url, ignore)

    client.force_login(demo)
    cabinet = [
        "/lk/",
        "/lk/applications/",
        "/lk/meters/",
        "/lk/settings/",
        "/lk/notifications/",
        "/lk/profile/",
    ]
    cabinet += [a.get_absolute_url() for a in Application.objects.filter(owner=demo).exclude(status="draft")]
    for meter in meters:
        cabinet += [f"/lk/meters/{meter.pk}/", f"/lk/meters/{meter.pk}/reading/"]
    for url in cabinet:
        problems += decimal_points(client, url, ignore)

    client.force_login(user_model.objects.get(email="admin@example.ru"))
    admin = ["/admin/lk_application/", "/admin/lk_connection_board/", "/admin/lk_meters/"]
    admin += ["/admin/lk_readings/"]
    admin += ["/admin/lk_outages_admin/", "/admin/lk_rate_tables/"]
    admin += [f"/admin/lk_application/inspect/{a.pk}/" for a in Application.objects.exclude(status="draft")]
    from lk_plugin.connection.models import ConnectionProcess
    from lk_plugin.staff.connection import invoice_status

    processes = list(ConnectionProcess.objects.all())
    admin += [f"/admin/lk_connection_board/inspect/{p.pk}/" for p in processes]
    for url in admin:
        problems += decimal_points(client, url, ignore)
    # The queue's «Оплата» column and its export: «550,00 из 1 100,00 ₽».
    problems += [f"Оплата: {text}" for p in processes if DECIMAL_POINT.search(text := invoice_status(p))]
    assert not problems, "\n".join(problems)

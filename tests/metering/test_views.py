import csv
import datetime as dt
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lk_plugin.metering.models import Meter, Reading
from tests.factories import MeterFactory, ReadingFactory

D = Decimal
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def today():
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield TODAY


@pytest.fixture
def history(meter2):
    ReadingFactory(meter=meter2, taken_on=dt.date(2026, 9, 20), value_t1=D("100"), value_t2=D("50"))
    ReadingFactory(meter=meter2, taken_on=dt.date(2026, 10, 20), value_t1=D("180.25"), value_t2=D("75.5"))
    return meter2


def test_list_shows_own_meters_only_with_pinned_queries(
    client, owner, meter, history, django_assert_max_num_queries, warm_site_cache
):
    other = MeterFactory(serial_number="99999999")
    client.force_login(owner)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("lk_metering:list"))
    text = response.content.decode()
    assert meter.serial_number in text and history.serial_number in text
    assert other.serial_number not in text
    assert "180,25 / 75,50 (20.10.2026)" in text


def test_detail_history_with_consumption_and_chart(
    client, owner, history, django_assert_max_num_queries, warm_site_cache
):
    client.force_login(owner)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("lk_metering:detail", args=[history.pk]))
    text = response.content.decode()
    assert "80,25" in text and "25,50" in text  # consumption per tariff
    assert '<svg class="lk-chart"' in text and '<title id="lk-chart-title">' in text
    assert "http" not in text.split('<svg class="lk-chart"')[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [("lk_metering:detail", []), ("lk_metering:reading", []), ("lk_metering:export", ["csv"])],
)
def test_other_peoples_meters_are_404(client, stranger, meter, name, args):
    client.force_login(stranger)
    assert client.get(reverse(name, args=[meter.pk, *args])).status_code == 404
    assert client.post(reverse("lk_metering:reading", args=[meter.pk]), {"value_t1": "1"}).status_code == 404


def test_anonymous_is_sent_to_login(client, meter):
    response = client.get(reverse("lk_metering:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_enter_reading_then_see_it_in_history(client, owner, history, today):
    client.force_login(owner)
    url = reverse("lk_metering:reading", args=[history.pk])
    response = client.post(url, {"value_t1": "200,5", "value_t2": "80"})
    assert response.status_code == 302
    reading = history.readings.get(taken_on=TODAY)
    assert (reading.value_t1, reading.value_t2, reading.source) == (D("200.5"), D("80"), "applicant")
    detail = client.get(response["Location"]).content.decode()
    assert "20.11.2026" in detail and "200,50" in detail


def test_lower_value_is_shown_at_the_field_and_input_kept(client, owner, history, today):
    client.force_login(owner)
    response = client.post(
        reverse("lk_metering:reading", args=[history.pk]), {"value_t1": "150", "value_t2": "80"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "меньше предыдущих" in form.errors["value_t1"][0]
    assert 'value="150"' in response.content.decode()


def test_high_consumption_redisplays_with_confirmation_checkbox(client, owner, history, today, settings):
    settings.LK_METER_MAX_DAILY_KWH = 10
    client.force_login(owner)
    url = reverse("lk_metering:reading", args=[history.pk])
    response = client.post(url, {"value_t1": "5000", "value_t2": "80"})
    text = response.content.decode()
    assert "Подтверждаю показания" in text and 'name="confirm_high"' in text
    assert not history.readings.filter(taken_on=TODAY).exists()
    response = client.post(url, {"value_t1": "5000", "value_t2": "80", "confirm_high": "on"})
    assert response.status_code == 302
    assert history.readings.get(taken_on=TODAY).high_consumption_confirmed


def test_closed_window_shows_when_it_opens(client, owner, meter, settings):
    settings.LK_METER_READING_WINDOW = (15, 25)
    client.force_login(owner)
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 11, 27)):
        page = client.get(reverse("lk_metering:reading", args=[meter.pk])).content.decode()
        response = client.post(reverse("lk_metering:reading", args=[meter.pk]), {"value_t1": "10"})
    assert "Следующий приём — с 15.12.2026." in page
    assert "Следующий приём — с 15.12.2026." in response.content.decode()
    assert not meter.readings.exists()


def test_garbage_input_gets_russian_message(client, owner, meter, today):
    client.force_login(owner)
    response = client.post(reverse("lk_metering:reading", args=[meter.pk]), {"value_t1": "двадцать"})
    assert response.context["form"].errors["value_t1"] == ["Введите число, например 8412,5."]


def test_applicant_adds_a_meter_that_waits_for_confirmation(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("lk_metering:add"),
        {
            "meter_type": "Меркурий 200",
            "serial_number": "777",
            "tariff_count": "2",
            "digits": "6",
            "address": "ул. Мира, 1",
            "account_number": "",
            "verification_due": "2030-01-31",
        },
    )
    assert response.status_code == 302
    meter = Meter.objects.get(serial_number="777")
    assert (meter.owner, meter.status, meter.tariff_count) == (owner, Meter.Status.PENDING, 2)
    page = client.get(reverse("lk_metering:list")).content.decode()
    assert "Ожидает подтверждения" in page


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_export_csv_and_xlsx_match_history(client, owner, history):
    client.force_login(owner)
    response = client.get(reverse("lk_metering:export", args=[history.pk, "csv"]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert _csv_rows(response) == [
        [
            "Дата",
            "День (Т1)",
            "Ночь (Т2)",
            "Расход День (Т1), кВт·ч",
            "Расход Ночь (Т2), кВт·ч",
            "Источник",
            "Статус",
        ],
        ["20.10.2026", "180,25", "75,50", "80,25", "25,50", "Заявитель", "Принято"],
        ["20.09.2026", "100,00", "50,00", "", "", "Заявитель", "Принято"],
    ]
    response = client.get(reverse("lk_metering:export", args=[history.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Дата" and len(rows) == 3
    assert rows[1][0].date() == dt.date(2026, 10, 20)
    assert rows[1][1:5] == [180.25, 75.5, 80.25, 25.5]
    assert client.get(reverse("lk_metering:export", args=[history.pk, "pdf"])).status_code == 404


def test_rejected_reading_shows_reason_to_applicant(client, owner, meter):
    ReadingFactory(meter=meter, status=Reading.Status.REJECTED, review_reason="Фото не читается")
    client.force_login(owner)
    text = client.get(reverse("lk_metering:detail", args=[meter.pk])).content.decode()
    assert "Отклонено" in text and "Фото не читается" in text


def test_verification_due_is_flagged(client, owner, today):
    MeterFactory(owner=owner, verification_due=dt.date(2026, 11, 1))
    MeterFactory(owner=owner, verification_due=dt.date(2026, 12, 31))
    MeterFactory(owner=owner, verification_due=dt.date(2031, 1, 1))
    client.force_login(owner)
    text = client.get(reverse("lk_metering:list")).content.decode()
    assert text.count("срок поверки истёк") == 1
    assert text.count("скоро истекает срок поверки") == 1


def test_long_history_is_paged_and_consumption_crosses_pages(client, owner, meter):
    for month in range(1, 13):
        for year in (2024, 2025):
            ReadingFactory(
                meter=meter, taken_on=dt.date(year, month, 20), value_t1=D((year - 2024) * 1200 + month * 100)
            )
    ReadingFactory(meter=meter, taken_on=dt.date(2026, 1, 20), value_t1=D("2500"))
    client.force_login(owner)
    url = reverse("lk_metering:detail", args=[meter.pk])
    first = client.get(url)
    assert len(first.context["history"]) == 24
    assert first.context["history"][0].reading.taken_on == dt.date(2026, 1, 20)
    last = client.get(url, {"page": 2})
    (oldest,) = last.context["history"]
    assert oldest.reading.taken_on == dt.date(2024, 1, 20) and oldest.consumption == [None]
    assert first.context["history"][-1].consumption == [D("100")]  # 20.02.2024 against the row on page 2


def test_add_meter_errors_are_russian_and_input_is_kept(client, owner):
    MeterFactory(meter_type="Меркурий 200", serial_number="777")
    client.force_login(owner)
    data = {
        "meter_type": "Меркурий 200",
        "serial_number": "777",
        "tariff_count": "1",
        "digits": "12",
        "address": "",
    }
    response = client.post(reverse("lk_metering:add"), data)
    errors = response.context["form"].errors
    assert errors["digits"] == ["Убедитесь, что это значение меньше либо равно 9."]
    assert errors["address"] == ["Требуется заполнить это поле."]
    response = client.post(reverse("lk_metering:add"), {**data, "digits": "6", "address": "ул. Мира, 1"})
    assert "уже зарегистрирован" in response.context["form"].errors["serial_number"][0]
    assert 'value="ул. Мира, 1"' in response.content.decode()


def test_newcomer_enters_a_reading_on_any_day_by_default(client, owner, meter):
    """No window configured (the plugin default and the demo): the 27th, outside any usual window."""
    client.force_login(owner)
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 11, 27)):
        page = client.get(reverse("lk_metering:reading", args=[meter.pk])).content.decode()
        response = client.post(reverse("lk_metering:reading", args=[meter.pk]), {"value_t1": "10"})
    assert "Показания принимаются с" not in page
    assert response.status_code == 302
    assert meter.readings.filter(taken_on=dt.date(2026, 11, 27)).exists()

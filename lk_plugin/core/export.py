"""The one export layer of every CSV/XLSX the plugin writes (staff lists, meter histories, the outage
import report, a person's own data): a cell that a spreadsheet would read as a formula is written
as text.

A value typed by an applicant or a guest (a name, an address, a meter's serial) that starts with
``= + - @`` or a tab/carriage return would otherwise become a live formula (``=HYPERLINK(…)``) when
a specialist opens the file. Such a string gets a leading apostrophe (OWASP's advice): Excel and
LibreOffice then show it as text. Numbers and dates are left alone.
"""

import csv
import datetime as dt
import io

from django.http import HttpResponse
from django.utils.encoding import force_str

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_formula(value):
    """*value* with a leading apostrophe when it is a string a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row):
    return [escape_formula(value) for value in row]


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return escape_formula(force_str(value))


def csv_bytes(header, rows, *, delimiter=";") -> bytes:
    """Excel-friendly CSV: semicolons, UTF-8 with BOM, dd.mm.yyyy dates, decimal commas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([_csv_cell(force_str(h)) for h in header])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, *, sheet_title="Sheet1", date_format="DD.MM.YYYY") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = force_str(sheet_title)[:31]
    sheet.append([escape_formula(force_str(h)) for h in header])
    for row in rows:
        sheet.append([escape_formula(force_str(v)) if _is_text(v) else v for v in row])
    for sheet_row in sheet.iter_rows(min_row=2):
        for cell in sheet_row:
            if cell.data_type == "f":  # belt and braces: nothing we write is ever a formula
                cell.data_type = "s"
            if isinstance(cell.value, dt.date | dt.datetime):
                cell.number_format = date_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _is_text(value):
    return value is not None and not isinstance(value, int | float | dt.date | dt.datetime | dt.time)


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(header, rows, *, filename) -> HttpResponse:
    return attachment(csv_bytes(header, rows), filename=filename, content_type="text/csv; charset=utf-8")


def xlsx_response(header, rows, *, filename, sheet_title="Sheet1") -> HttpResponse:
    return attachment(
        xlsx_bytes(header, rows, sheet_title=sheet_title), filename=filename, content_type=XLSX_CONTENT_TYPE
    )


class SafeSpreadsheetExportMixin:
    """For Wagtail's index views (``SpreadsheetExportMixin``): every exported cell goes through
    :func:`escape_formula`. Wagtail's XLSX writer already stores formulas as strings, its CSV writer
    does not; both get the apostrophe so the two formats read the same."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))

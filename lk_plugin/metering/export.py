"""History export of one meter to CSV (Excel-friendly, semicolon, UTF-8 with BOM) and XLSX."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .selectors import HistoryRow


def history_table(meter, history: list[HistoryRow]) -> tuple[list[str], list[list]]:
    names = [str(n) for n in meter.tariff_names]
    header = [
        _("Дата"),
        *names,
        *[_("Расход %(tariff)s, кВт·ч") % {"tariff": n} for n in names],
        _("Источник"),
        _("Статус"),
    ]
    rows = []
    for row in history:
        r = row.reading
        rows.append(
            [
                r.taken_on,
                *[float(v) for v in r.values],
                *[float(c) if c is not None else None for c in row.consumption],
                r.get_source_display(),
                r.get_status_display(),
            ]
        )
    return header, rows


def _filename(meter, ext):
    serial = "".join(ch for ch in meter.serial_number if ch.isalnum()) or str(meter.pk)
    return f"pokazaniya-{serial}.{ext}"


def csv_response(meter, history) -> HttpResponse:
    header, rows = history_table(meter, history)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                cell.strftime("%d.%m.%Y")
                if hasattr(cell, "strftime")
                else (
                    ""
                    if cell is None
                    else (f"{cell:.2f}".replace(".", ",") if isinstance(cell, float) else cell)
                )
                for cell in row
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meter, "csv")}"'
    return response


def xlsx_response(meter, history) -> HttpResponse:
    header, rows = history_table(meter, history)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Показания")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet["A"][1:]:
        cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(meter, "xlsx")}"'
    return response

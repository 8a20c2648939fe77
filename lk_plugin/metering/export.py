"""History export of one meter to CSV (Excel-friendly, semicolon, UTF-8 with BOM) and XLSX, through
the shared export layer (lk_plugin.core.export: formula-looking text is written as text)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from lk_plugin.core import export

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
    return export.csv_response(header, rows, filename=_filename(meter, "csv"))


def xlsx_response(meter, history) -> HttpResponse:
    header, rows = history_table(meter, history)
    return export.xlsx_response(header, rows, filename=_filename(meter, "xlsx"), sheet_title=_("Показания"))

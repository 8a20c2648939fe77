"""Import of outages from XLSX/CSV: validate every row first, then commit all rows or none.

The format is the template the admin offers for download (TEMPLATE_COLUMNS, one outage per row).
"""

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .addresses import HouseParseError, normalize_text, parse_houses, street_key
from .models import Outage

# (header, attribute, required, help for the template)
TEMPLATE_COLUMNS = [
    (
        "Код",
        "external_key",
        False,
        "постоянный код строки в вашей системе; по нему повторный импорт обновляет запись",
    ),
    ("Вид", "kind", False, "Плановое или Аварийное (пусто — плановое)"),
    ("Район", "district", True, "район или населённый пункт"),
    ("Улица", "street", True, "например: ул. Ленина"),
    ("Дома", "houses", False, "«1-15», «2, 4, 6а», «1-15 нечётные»; пусто — вся улица"),
    ("Фидер/ТП", "feeder", False, "необязательно"),
    ("Начало", "starts_at", True, "ДД.ММ.ГГГГ ЧЧ:ММ, московское время"),
    ("Окончание", "ends_at", True, "ДД.ММ.ГГГГ ЧЧ:ММ, московское время"),
    ("Причина", "reason", False, "например: ремонт ТП-125"),
    ("Статус", "status", False, "Запланировано, Выполняется, Завершено, Отменено (пусто — запланировано)"),
    ("Опубликовано", "is_published", False, "да или нет (пусто — да)"),
]
SAMPLE_ROW = [
    "2026-0001",
    "Плановое",
    "Центральный район",
    "ул. Ленина",
    "1-15 нечётные, 2, 4, 6а",
    "ТП-125, ф. 7",
    "01.12.2026 09:00",
    "01.12.2026 17:00",
    "Плановый ремонт оборудования",
    "Запланировано",
    "да",
]
MAX_ROWS = 20000
DATETIME_FORMATS = (
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParsedFile:
    rows: list = field(default_factory=list)  # (row number, dict of cleaned values)
    errors: list = field(default_factory=list)


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, headers)."""


def _choice(value, choices, column, default):
    text = normalize_text(str(value or ""))
    if not text:
        return default
    for key, label in choices:
        if text in {key, normalize_text(str(label))}:
            return key
    allowed = ", ".join(str(label) for _key, label in choices)
    raise ValueError(
        _("Значение «%(value)s» не подходит. Допустимо: %(allowed)s.") % {"value": value, "allowed": allowed}
    )


def _datetime(value):
    if isinstance(value, dt.datetime):
        naive = value
    elif isinstance(value, dt.date):
        naive = dt.datetime.combine(value, dt.time())
    else:
        text = str(value or "").strip()
        if not text:
            raise ValueError(_("Заполните дату и время."))
        for fmt in DATETIME_FORMATS:
            try:
                naive = dt.datetime.strptime(text, fmt)  # noqa: DTZ007  (Moscow time by the format)
                break
            except ValueError:
                continue
        else:
            raise ValueError(_("Дата «%(value)s» не распознана. Формат: ДД.ММ.ГГГГ ЧЧ:ММ.") % {"value": text})
    if timezone.is_aware(naive):
        return naive
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _bool(value):
    text = normalize_text(str(value if value is not None else ""))
    if text in {"", "да", "1", "true", "yes", "+"}:
        return True
    if text in {"нет", "0", "false", "no", "-"}:
        return False
    raise ValueError(_("Укажите «да» или «нет»."))


def _text(value, limit, column):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if len(text) > limit:
        raise ValueError(_("Не длиннее %(limit)s символов.") % {"limit": limit})
    return text


def read_table(name: str, content: bytes) -> list[list]:
    """Rows of the first sheet (XLSX) or of the CSV (UTF-8 or Windows-1251, «;» or «,»)."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ImportFileError(_("Файл XLSX не читается: %(error)s") % {"error": exc}) from exc
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if name.lower().endswith(".csv"):
        if b"\x00" in content[:4096]:
            raise ImportFileError(_("Файл CSV должен быть текстовым (UTF-8 или Windows-1251)."))
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ImportFileError(_("Загрузите файл XLSX или CSV по шаблону."))


def parse_rows(table: list[list]) -> ParsedFile:
    """Validate every row; collect errors by row and column instead of stopping at the first."""
    parsed = ParsedFile()
    table = [row for row in table if any(str(c).strip() for c in row if c is not None)]
    if not table:
        raise ImportFileError(_("Файл пустой."))
    headers = [normalize_text(str(h or "")) for h in table[0]]
    positions = {}
    for header, attr, required, _help in TEMPLATE_COLUMNS:
        key = normalize_text(header)
        if key in headers:
            positions[attr] = headers.index(key)
        elif required:
            parsed.errors.append(
                RowError(1, header, _("Нет обязательного столбца «%(name)s».") % {"name": header})
            )
    if parsed.errors:
        return parsed
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(_("Не больше %(max)s строк за один импорт.") % {"max": MAX_ROWS})
    seen_keys = {}
    for number, raw in enumerate(table[1:], start=2):
        values, row_errors = {}, []

        def cell(attr, raw=raw):
            pos = positions.get(attr)
            return raw[pos] if pos is not None and pos < len(raw) else None

        for header, attr, required, _help in TEMPLATE_COLUMNS:
            value = cell(attr)
            try:
                if required and (value is None or not str(value).strip()):
                    raise ValueError(_("Обязательное поле."))
                if attr == "kind":
                    values[attr] = _choice(value, Outage.Kind.choices, header, Outage.Kind.PLANNED)
                elif attr == "status":
                    values[attr] = _choice(value, Outage.Status.choices, header, Outage.Status.SCHEDULED)
                elif attr in ("starts_at", "ends_at"):
                    values[attr] = _datetime(value)
                elif attr == "is_published":
                    values[attr] = _bool(value)
                else:
                    limit = Outage._meta.get_field(attr).max_length
                    values[attr] = _text(value, limit, header)
                if attr == "houses":
                    parse_houses(values[attr])
                if attr == "street" and not street_key(values[attr]):
                    raise ValueError(_("Укажите название улицы, а не только её тип."))
            except (ValueError, HouseParseError) as exc:
                row_errors.append(RowError(number, header, str(exc)))
        if not row_errors and values["ends_at"] <= values["starts_at"]:
            row_errors.append(RowError(number, "Окончание", _("Окончание должно быть позже начала.")))
        if not row_errors:
            if not values["external_key"]:
                values["external_key"] = derived_key(values)
            if values["external_key"] in seen_keys:
                row_errors.append(
                    RowError(
                        number,
                        "Код",
                        _("Такой же код (или адрес и время) уже в строке %(row)s.")
                        % {"row": seen_keys[values["external_key"]]},
                    )
                )
            seen_keys[values["external_key"]] = number
        if row_errors:
            parsed.errors.extend(row_errors)
        else:
            parsed.rows.append((number, values))
    return parsed


def derived_key(values: dict) -> str:
    """A stable key for rows without «Код»: the same district, street, houses and start give the same key."""
    raw = "|".join(
        [
            normalize_text(values["district"]),
            street_key(values["street"]),
            normalize_text(values["houses"]),
            values["starts_at"].isoformat(),
        ]
    )
    return "auto-" + hashlib.sha256(raw.encode()).hexdigest()[:40]


@transaction.atomic
def commit_rows(rows) -> dict:
    """Create or update every row (all in one transaction); returns counts."""
    from .flows import outage_save

    keys = [values["external_key"] for _number, values in rows]
    existing = Outage.objects.in_bulk(keys, field_name="external_key")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for _number, values in rows:
        outage = existing.get(values["external_key"]) or Outage()
        for attr, value in values.items():
            setattr(outage, attr, value)
        _outage, result = outage_save(outage=outage)
        counts[result] += 1
    return counts


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Отключения"
    sheet.append([c[0] for c in TEMPLATE_COLUMNS])
    sheet.append(SAMPLE_ROW)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate([12, 12, 22, 24, 24, 16, 18, 18, 30, 16, 14], start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    help_sheet = workbook.create_sheet("Описание")
    help_sheet.append(["Столбец", "Обязательный", "Что писать"])
    for header, _attr, required, help_text in TEMPLATE_COLUMNS:
        help_sheet.append([header, "да" if required else "нет", help_text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([c[0] for c in TEMPLATE_COLUMNS])
    writer.writerow(SAMPLE_ROW)
    return buffer.getvalue().encode("utf-8-sig")

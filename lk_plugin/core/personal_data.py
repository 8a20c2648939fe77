"""The personal-data registry: what the cabinet stores about a person, as export sections and erasers.

In core so that every feature app can register without importing accounts (which registers the
account, profile, consents and notification sections itself, accounts/personal_data.py). Another app adds its data with ``register_section("applications", provider)`` where
``provider(user) -> list | dict`` (JSON-serializable), and ``register_eraser("applications", eraser)``
where ``eraser(user)`` anonymizes or deletes that app's personal data.
"""

import datetime as dt
import re
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_sections: dict[str, tuple[str, Callable]] = {}
_summaries: dict[str, tuple[str, ...]] = {}
_erasers: dict[str, Callable] = {}


def register_section(name: str, provider: Callable, *, title=None, summary=None) -> None:
    """*summary*: for a list section, the keys of the one line per item the PDF shows (a list value
    shows as its count); None shows every key of the item. The JSON always holds everything."""
    _sections[name] = (title or name, provider)
    if summary is not None:
        _summaries[name] = tuple(summary)


def register_eraser(name: str, eraser: Callable) -> None:
    _erasers[name] = eraser


def register_labels(labels: dict, *, nested=(), values=None) -> None:
    """Russian names of an app's keys for the PDF; *nested* keys hold lists shown one line per item;
    *values* maps keys to the choices whose labels replace the stored values."""
    KEY_LABELS.update(labels)
    _NESTED_LISTS.update(nested)
    _VALUE_CHOICES.update(values or {})


def local_iso(value):
    """A datetime as local ISO 8601 (None stays None): the one date format of every section."""
    return timezone.localtime(value).isoformat() if value else None


_dt = local_iso


# Russian names of the keys, for the PDF (the JSON keeps the stable English keys).
KEY_LABELS = {
    "email": _("Электронная почта"),
    "emails": _("Адреса электронной почты"),
    "verified": _("подтверждён"),
    "primary": _("основной"),
    "date_joined": _("Зарегистрирован"),
    "last_login": _("Последний вход"),
    "legal_form": _("Правовая форма"),
    "last_name": _("Фамилия"),
    "first_name": _("Имя"),
    "middle_name": _("Отчество"),
    "organization_name": _("Организация"),
    "snils": _("СНИЛС"),
    "inn": _("ИНН"),
    "kpp": _("КПП"),
    "ogrn": _("ОГРН"),
    "ogrnip": _("ОГРНИП"),
    "phone": _("Телефон"),
    "account_number": _("Лицевой счёт"),
    "postal_address": _("Почтовый адрес"),
    "representative_name": _("Представитель"),
    "representative_position": _("Должность представителя"),
    "representative_basis": _("Основание полномочий"),
    "created_at": _("Создано"),
    "consent_withdrawn_at": _("Согласие отозвано"),
    "purpose": _("Цель"),
    "action": _("Действие"),
    "version": _("Версия документа"),
    "text_sha256": _("SHA-256 текста"),
    "created_at_utc": _("Время (UTC)"),
    "ip": _("IP-адрес"),
    "user_agent": _("Браузер"),
    "kind": _("Вид"),
    "title": _("Название"),
    "original_name": _("Имя файла"),
    "size": _("Размер, байт"),
    "uploaded_at": _("Загружен"),
    "inapp": _("В личном кабинете"),
    "sms": _("SMS"),
    "body": _("Текст"),
    "read_at": _("Прочитано"),
}


#: Keys whose values are choices, shown by their Russian label: {key: TextChoices class}; apps add
#: theirs with ``register_labels(..., values={...})`` (accounts: consent purpose and action, document kind).
_VALUE_CHOICES: dict = {}


def _value_label(key, value):
    from lk_plugin.core.choices import LegalForm

    choices = {"legal_form": LegalForm, **_VALUE_CHOICES}.get(key)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def labelled(data, key=None):
    """The collected data with Russian keys and values, for people to read (PDF)."""
    if key is None and isinstance(data, dict) and "generated_at" in data:  # the top level: keep section names
        return {k: labelled(v, k) if k in _sections else v for k, v in data.items()}
    if isinstance(data, dict):
        return {str(KEY_LABELS.get(k, k)): labelled(v, k) for k, v in data.items()}
    if isinstance(data, list):
        items = [labelled(item) for item in data]
        if key in _NESTED_LISTS:  # a list inside a row: one readable line per item
            return "; ".join(
                ", ".join(f"{k}: {v}" for k, v in item.items()) if isinstance(item, dict) else str(item)
                for item in items
            )
        return items
    if isinstance(data, bool):
        return str(_("да") if data else _("нет"))
    if isinstance(data, str):
        human = human_date(data, utc=bool(key and key.endswith("_utc")))
        if human is not None:
            return human
    return _value_label(key, data)


_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def human_date(value: str, *, utc=False) -> str | None:
    """«06.12.2026 14:05» (Moscow time, or UTC for the consent log's UTC column) for an ISO 8601
    string, «06.12.2026» for a date; None for anything else. The JSON keeps ISO 8601 for machines."""
    try:
        if _ISO_DATETIME.match(value):
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            moment = moment.astimezone(dt.UTC) if utc else timezone.localtime(moment)
            return f"{moment:%d.%m.%Y %H:%M}"
        if _ISO_DATE.match(value):
            return f"{dt.date.fromisoformat(value):%d.%m.%Y}"
    except ValueError:
        return None
    return None


_NESTED_LISTS = {"emails"}


def collect(user, *, on_section=None) -> dict:
    """Everything stored about *user*, section by section; ``on_section(done, total, title)`` after
    each one (the export job's progress)."""
    data = {"generated_at": _dt(timezone.now())}
    total = len(_sections)
    for done, (name, (title, provider)) in enumerate(_sections.items(), start=1):
        data[name] = provider(user)
        if on_section is not None:
            on_section(done, total, title)
    return data


def pdf_summary(data) -> list[dict]:
    """The collected data as the PDF shows it: a readable summary, section by section. A dict section
    is a table of its values; a list section is its count and one line per item with the section's
    *summary* keys (a nested list shows as its count). The full data is the JSON (inside the PDF)."""
    sections = []
    for name, (title, _provider) in _sections.items():
        value = data.get(name)
        section = {"name": name, "title": str(title), "fields": [], "columns": [], "rows": [], "count": None}
        if isinstance(value, dict):
            section["fields"] = list(labelled(value).items())
        elif isinstance(value, list):
            section["count"] = len(value)
            keys = _summaries.get(name) or list(
                dict.fromkeys(k for item in value if isinstance(item, dict) for k in item)
            )
            section["columns"] = [str(KEY_LABELS.get(k, k)) for k in keys]
            section["rows"] = [[_summary_cell(item, key) for key in keys] for item in value]
        sections.append(section)
    return sections


def _summary_cell(item, key):
    value = item.get(key) if isinstance(item, dict) else None
    if isinstance(value, list | tuple):
        return len(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        # A summary line shows the day; the time is in the JSON (shorter lines: a faster PDF).
        return (human_date(value, utc=key.endswith("_utc")) or value)[:10]
    return labelled(value, key)


def section_titles() -> dict:
    return {name: str(title) for name, (title, _p) in _sections.items()}


def erase_registered(user) -> None:
    for eraser in _erasers.values():
        eraser(user)

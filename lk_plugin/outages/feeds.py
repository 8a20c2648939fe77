"""iCalendar, RSS and JSON of the same list the schedule page shows for a filter or an address."""

import datetime as dt
from xml.etree import ElementTree as ET

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lk_plugin.app_settings import app_settings


def _title(outage):
    return f"{outage.get_kind_display()} отключение: {outage.address} ({outage.district})"


def _description(outage):
    local = timezone.localtime
    parts = [
        f"{_('Адрес')}: {outage.address}, {outage.district}",
        f"{_('Время')}: {local(outage.starts_at):%d.%m.%Y %H:%M} — {local(outage.ends_at):%d.%m.%Y %H:%M} (МСК)",
        f"{_('Статус')}: {outage.get_status_display()}",
    ]
    if outage.reason:
        parts.append(f"{_('Причина')}: {outage.reason}")
    if outage.feeder:
        parts.append(f"{_('Фидер / ТП')}: {outage.feeder}")
    return "\n".join(parts)


def _uid(outage):
    host = (app_settings.SITE_URL.split("://", 1)[-1] or "localhost").split("/")[0]
    return f"outage-{outage.external_key}@{host}"


def to_ics(outages) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{app_settings.UTILITY_NAME}//Плановые отключения//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Отключения электроэнергии"))
    cal.add("x-wr-timezone", app_settings.FEED_TIME_ZONE)
    for outage in outages:
        event = Event()
        event.add("uid", _uid(outage))
        event.add("dtstamp", outage.updated_at)
        event.add("dtstart", outage.starts_at)
        event.add("dtend", outage.ends_at)
        event.add("summary", _title(outage))
        event.add("description", _description(outage))
        event.add("location", f"{outage.address}, {outage.district}")
        event.add("sequence", outage.version)
        if outage.status == outage.Status.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()


def to_rss(outages, *, link: str) -> bytes:
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = _("Отключения электроэнергии — %(name)s") % {
        "name": app_settings.UTILITY_NAME
    }
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = _("Плановые и аварийные отключения по выбранному фильтру")
    ET.SubElement(channel, "language").text = "ru"
    for outage in outages:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = _title(outage)
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "description").text = _description(outage)
        ET.SubElement(item, "guid", isPermaLink="false").text = f"{_uid(outage)}/v{outage.version}"
        ET.SubElement(item, "pubDate").text = _rfc822(outage.updated_at)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="utf-8")


def _rfc822(value: dt.datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(value.astimezone(dt.UTC))


def to_json(outages) -> dict:
    return {
        "items": [
            {
                "id": outage.external_key,
                "kind": outage.kind,
                "kind_display": outage.get_kind_display(),
                "district": outage.district,
                "street": outage.street,
                "houses": outage.houses,
                "feeder": outage.feeder,
                "starts_at": timezone.localtime(outage.starts_at).isoformat(),
                "ends_at": timezone.localtime(outage.ends_at).isoformat(),
                "reason": outage.reason,
                "status": outage.status,
                "status_display": outage.get_status_display(),
                "version": outage.version,
            }
            for outage in outages
        ]
    }

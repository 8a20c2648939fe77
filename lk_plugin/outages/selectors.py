"""Reads for the schedule page and the feeds: one query whatever the filter."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .addresses import Parity, parse_address
from .models import Outage, OutageHouseRange


@dataclass
class OutageFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    district: str = ""
    address: str = ""
    include_past: bool = False


def _day_start(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time()), timezone.get_default_timezone())


def address_q(address: str, *, within=None) -> Q | None:
    """Q matching outages that cover *address*; None when the text names no street.

    *within*: the outages the caller's other conditions leave (a queryset). The house-range lookup is
    limited to them: at a million outages the planner turns the lookup into one hashed pass over the
    ranges, and without the limit that pass reads every range of the table that contains the house
    number (90 ms instead of 1 ms; make bench P6 at scale 10)."""
    key, number, letter = parse_address(address)
    if not key:
        return None
    q = Q(street_key=key)
    if number is None:
        return q
    parities = [Parity.ALL, Parity.ODD if number % 2 else Parity.EVEN]
    covering = OutageHouseRange.objects.filter(
        outage=OuterRef("pk"), start__lte=number, end__gte=number, parity__in=parities
    ).filter(Q(end__gt=F("start")) | Q(letter=letter))  # a single house must match its letter
    if within is not None:
        covering = covering.filter(outage__in=within.filter(street_key=key).values("pk"))
    whole_street = ~Exists(OutageHouseRange.objects.filter(outage=OuterRef("pk")))
    return q & (whole_street | Exists(covering))


def search_outages(flt: OutageFilter, *, now=None):
    """Published outages for the filter, soonest first. Past ones (ended) only when asked."""
    now = now or timezone.now()
    qs = Outage.objects.published()
    if flt.date_from:
        qs = qs.filter(ends_at__gt=_day_start(flt.date_from))
    if flt.date_to:
        qs = qs.filter(starts_at__lt=_day_start(flt.date_to + dt.timedelta(days=1)))
    if not flt.include_past:
        qs = qs.filter(ends_at__gt=now)
    if flt.district:
        qs = qs.filter(district=flt.district)
    if flt.address:
        q = address_q(flt.address, within=qs)
        qs = qs.filter(q) if q is not None else qs.none()
    return qs.order_by("starts_at", "district", "street", "pk")


def for_display(outages: list) -> list:
    """Attach the schedule row's display values to each outage in one pass: local times formatted
    once (``starts_iso``, ``starts_text``, ``ends_iso``, ``ends_text`` — the end without its date on
    the same day) and the kind and status labels looked up once per page. The template's per-row
    ``date`` filters and ``get_…_display`` calls were most of the page's time at a few hundred rows."""
    kinds = {value: str(label) for value, label in Outage.Kind.choices}
    statuses = {value: str(label) for value, label in Outage.Status.choices}
    for outage in outages:
        start, end = timezone.localtime(outage.starts_at), timezone.localtime(outage.ends_at)
        outage.starts_iso = start.strftime("%Y-%m-%dT%H:%M:%S%z")
        outage.starts_text = start.strftime("%d.%m.%Y %H:%M")
        outage.ends_iso = end.strftime("%Y-%m-%dT%H:%M:%S%z")
        outage.ends_text = end.strftime("%H:%M" if end.date() == start.date() else "%d.%m.%Y %H:%M")
        outage.kind_label = kinds.get(outage.kind, outage.kind)
        outage.status_label = statuses.get(outage.status, outage.status)
    return outages


def districts() -> list[str]:
    """Districts of published outages, sorted. A loose index scan on the district index: one index probe
    per district, so the filter's choices cost the same for 1,000 rows or 1,000,000 (a plain DISTINCT
    reads the whole table on every page view)."""
    from django.db import connection

    table = connection.ops.quote_name(Outage._meta.db_table)
    # Only the quoted table name is interpolated.
    sql = (
        f"WITH RECURSIVE d(district) AS ("  # noqa: S608
        f"SELECT MIN(district) FROM {table} WHERE is_published "
        f"UNION ALL "
        f"SELECT (SELECT MIN(o.district) FROM {table} o WHERE o.is_published AND o.district > d.district) "
        f"FROM d WHERE d.district IS NOT NULL"
        f") SELECT district FROM d WHERE district IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def schedule_page_url() -> str:
    """Absolute address of the live outage schedule page (the site root if none is published)."""
    from wagtail.models import Page, get_page_models

    from lk_plugin.app_settings import app_settings

    from .pages import AbstractOutageSchedulePage

    types = [m for m in get_page_models() if issubclass(m, AbstractOutageSchedulePage)]
    page = Page.objects.live().type(*types).first() if types else None
    return app_settings.SITE_URL + (page.url if page else "/")


def subscriptions_of(user) -> list[dict]:
    """A person's outage subscriptions (made while signed in or to their email) with unsubscribe links."""
    from .flows import unsubscribe_url
    from .models import OutageSubscription

    rows = OutageSubscription.objects.filter(Q(user=user) | Q(email__iexact=user.email)).order_by("address")
    return [{"subscription": row, "unsubscribe_url": unsubscribe_url(row)} for row in rows]


def settings_page_context(user) -> dict:
    """The outages part of the applicant's «Настройки» page (slot ``accounts.settings``)."""
    return {"outage_subscriptions": subscriptions_of(user), "outage_schedule_url": schedule_page_url()}

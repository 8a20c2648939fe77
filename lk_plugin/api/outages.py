"""Planned outages search (public): the schedule page's filter and search function."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from lk_plugin.outages import selectors
from lk_plugin.outages.forms import OutageFilterForm

from .common import clean_text
from .errors import form_error, responses
from .pagination import PageMeta, PageQuery, paginate

router = Router(tags=["outages"])


class OutageOut(Schema):
    id: int
    kind: str
    status: str
    district: str
    street: str
    houses: str
    feeder: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str


class OutageListOut(PageMeta):
    items: list[OutageOut]
    districts: list[str]
    date_from: dt.date | None
    date_to: dt.date | None


class OutageQuery(PageQuery):
    q: str = Field("", max_length=200, description="Адрес: улица и дом, например «Ленина 15»")
    district: str = Field("", max_length=200, description="Район (из списка districts)")
    period: str = Field("", description="today, week (по умолчанию) или custom")
    date_from: str = Field("", description="С даты (ГГГГ-ММ-ДД), для period=custom")
    date_to: str = Field("", description="По дату (ГГГГ-ММ-ДД)")
    past: bool = Field(False, description="Показать прошедшие")


def outage_out(outage) -> dict:
    return {
        "id": outage.pk,
        "kind": outage.kind,
        "status": outage.status,
        "district": outage.district,
        "street": outage.street,
        "houses": outage.houses,
        "feeder": outage.feeder,
        "starts_at": outage.starts_at,
        "ends_at": outage.ends_at,
        "reason": outage.reason,
    }


@router.get("/", auth=None, response=responses(200, OutageListOut), summary="Поиск плановых отключений")
def outage_search(request, query: Query[OutageQuery]):
    districts = selectors.districts()
    data = {
        "q": clean_text(query.q),
        "district": clean_text(query.district),
        "period": clean_text(query.period, 10),
        "date_from": clean_text(query.date_from, 10),
        "date_to": clean_text(query.date_to, 10),
    }
    if query.past:
        data["past"] = "on"
    form = OutageFilterForm(data, districts=districts)
    if not form.is_valid():
        raise form_error(form)
    flt = form.to_filter()
    items, meta = paginate(selectors.search_outages(flt), query)
    return {
        **meta,
        "items": [outage_out(o) for o in items],
        "districts": districts,
        "date_from": flt.date_from,
        "date_to": flt.date_to,
    }

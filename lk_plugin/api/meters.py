"""Meters and readings: list, history with consumption, submit a reading (the cabinet's rules)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from lk_plugin.metering import flows, rules, selectors
from lk_plugin.metering.forms import ReadingForm
from lk_plugin.metering.models import VALUE_FIELDS, Meter

from .common import Id
from .errors import form_error, responses
from .pagination import PageMeta, PageQuery, paginate

router = Router(tags=["meters"])


class ReadingOut(Schema):
    id: int
    taken_on: dt.date
    values: list[Decimal]
    consumption: list[Decimal | None]
    source: str
    source_display: str
    status: str
    status_display: str


class MeterOut(Schema):
    id: int
    meter_type: str
    serial_number: str
    tariff_count: int
    tariff_names: list[str]
    digits: int
    address: str
    account_number: str
    verification_due: dt.date | None
    verification_state: str
    status: str
    status_display: str
    accepts_readings: bool
    last_reading: ReadingOut | None


class MeterListOut(Schema):
    items: list[MeterOut]
    window_message: str


class HistoryOut(PageMeta):
    items: list[ReadingOut]


class ReadingIn(Schema):
    values: list[str | float | int] = Field(
        ..., max_length=3, description="Показания по тарифам (Т1, Т2, Т3), например «8412,5»"
    )
    confirm_high: bool = Field(False, description="Подтверждаю показания (при необычно большом расходе)")


def reading_out(reading, consumption=None) -> dict:
    return {
        "id": reading.pk,
        "taken_on": reading.taken_on,
        "values": reading.values,
        "consumption": consumption if consumption is not None else [],
        "source": reading.source,
        "source_display": str(reading.get_source_display()),
        "status": reading.status,
        "status_display": str(reading.get_status_display()),
    }


def meter_out(meter, last_reading=None) -> dict:
    return {
        "id": meter.pk,
        "meter_type": meter.meter_type,
        "serial_number": meter.serial_number,
        "tariff_count": meter.tariff_count,
        "tariff_names": [str(n) for n in meter.tariff_names],
        "digits": meter.digits,
        "address": meter.address,
        "account_number": meter.account_number,
        "verification_due": meter.verification_due,
        "verification_state": meter.verification_state,
        "status": meter.status,
        "status_display": str(meter.get_status_display()),
        "accepts_readings": meter.accepts_readings,
        "last_reading": reading_out(last_reading) if last_reading else None,
    }


def _owned(request, meter_id) -> Meter:
    return get_object_or_404(Meter.objects.owned_by(request.user), pk=meter_id)


@router.get("/", response=responses(200, MeterListOut), summary="Мои приборы учёта")
def meter_list(request):
    meters = list(Meter.objects.owned_by(request.user).exclude(status=Meter.Status.RETIRED))
    latest = selectors.last_readings(meters)
    return {
        "items": [meter_out(m, latest.get(m.pk)) for m in meters],
        "window_message": rules.window_closed_message(timezone.localdate()) or "",
    }


@router.get("/{meter_id}/", response=responses(200, MeterOut), summary="Прибор учёта")
def meter_detail(request, meter_id: Id):
    meter = _owned(request, meter_id)
    return meter_out(meter, selectors.last_readings([meter]).get(meter.pk))


@router.get("/{meter_id}/readings/", response=responses(200, HistoryOut), summary="История показаний")
def meter_readings(request, meter_id: Id, query: Query[PageQuery]):
    meter = _owned(request, meter_id)
    rows, meta = paginate(selectors.meter_history(meter), query)
    return {**meta, "items": [reading_out(r.reading, r.consumption) for r in rows]}


@router.post("/{meter_id}/readings/", response=responses(201, ReadingOut), summary="Передать показания")
def meter_reading_submit(request, meter_id: Id, payload: ReadingIn):
    """The cabinet's form and rules: one value per tariff, window, not below the previous reading,
    a large consumption needs ``confirm_high``. Errors come at value_t1…value_t3 / confirm_high."""
    meter = _owned(request, meter_id)
    data = {name: str(value) for name, value in zip(VALUE_FIELDS, payload.values, strict=False)}
    if payload.confirm_high:
        data["confirm_high"] = "on"
    form = ReadingForm(data, meter=meter)
    if not form.is_valid():
        raise form_error(form)
    try:
        reading = flows.reading_submit(
            meter=meter,
            user=request.user,
            values=form.values(),
            confirm_high=form.cleaned_data["confirm_high"],
        )
    except ValidationError as exc:
        form.add_flow_errors(exc)
        error = form_error(form)
        if getattr(exc, "error_dict", None) and "confirm_high" in exc.error_dict:
            error.code = "high_consumption"
        raise error from exc
    reading.refresh_from_db()  # the stored values (two decimal places), as the history shows them
    return Status(201, reading_out(reading))

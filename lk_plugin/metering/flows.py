"""Meter and reading changes: keyword-only, one transaction each, notifications through the outbox."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lk_plugin.notifications.flows import notify

from . import rules
from .askue import decrypt_password, encrypt_password
from .models import VALUE_FIELDS, AskueCredentials, AskueRow, Meter, Reading


# --- meters ---
@transaction.atomic
def meter_create(
    *,
    owner,
    meter_type: str,
    serial_number: str,
    tariff_count: int,
    address: str,
    account_number: str = "",
    verification_due: dt.date | None = None,
    digits: int = 6,
    source: str = Meter.Source.APPLICANT,
) -> Meter:
    """Add a meter. Applicants' meters wait for staff confirmation; staff and completed
    meter admission applications (``source="application"``) create confirmed ones."""
    if int(tariff_count) not in (1, 2, 3):
        raise ValidationError({"tariff_count": _("Число тарифов: 1, 2 или 3.")})
    serial_number = serial_number.strip()
    meter_type = meter_type.strip()
    # Compared in Python: SQLite folds only ASCII case.
    same_serial = Meter.objects.filter(serial_number=serial_number).exclude(status=Meter.Status.RETIRED)
    if any(m.meter_type.casefold() == meter_type.casefold() for m in same_serial):
        raise ValidationError(
            {"serial_number": _("Прибор учёта этого типа с таким номером уже зарегистрирован.")}
        )
    status = Meter.Status.PENDING if source == Meter.Source.APPLICANT else Meter.Status.ACTIVE
    return Meter.objects.create(
        owner=owner,
        meter_type=meter_type,
        serial_number=serial_number,
        tariff_count=int(tariff_count),
        digits=digits,
        address=address,
        account_number=account_number,
        verification_due=verification_due,
        source=source,
        status=status,
    )


@transaction.atomic
def meter_update(*, meter: Meter, actor, changes: dict) -> Meter:
    """Staff change a meter; the owner hears about it when it becomes confirmed."""
    current = Meter.objects.select_for_update().get(pk=meter.pk)
    was = current.status
    for name, value in changes.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    if was != Meter.Status.ACTIVE and current.status == Meter.Status.ACTIVE:
        notify(
            user=current.owner,
            event="meter_confirmed",
            context={
                "title": _("Прибор учёта %(meter)s подтверждён") % {"meter": current},
                "text": _("Теперь вы можете передавать по нему показания."),
            },
            url=reverse("lk_metering:detail", args=[current.pk]),
        )
    return current


def meter_confirm(*, meter: Meter, actor) -> Meter:
    return meter_update(meter=meter, actor=actor, changes={"status": Meter.Status.ACTIVE})


# --- readings ---
def previous_reading(meter: Meter, taken_on: dt.date, exclude_pk=None) -> Reading | None:
    qs = meter.readings.counted().filter(taken_on__lte=taken_on)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-taken_on", "-pk").first()


def validate_reading(
    *,
    meter: Meter,
    values: list,
    taken_on: dt.date,
    source: str,
    reset: str = "",
    confirm_high: bool = False,
) -> None:
    """Raise ValidationError keyed by form field (value_t1…, confirm_high, __all__)."""
    if source == Reading.Source.APPLICANT:
        if not meter.accepts_readings:
            raise ValidationError(_("Прибор учёта ещё не подтверждён сетевой организацией."))
        if message := rules.window_closed_message(taken_on):
            raise ValidationError(message)
    if len(values) != meter.tariff_count:
        raise ValidationError(
            _("Прибор учёта %(meter)s — %(count)s-тарифный: укажите показания по каждому тарифу.")
            % {"meter": meter, "count": meter.tariff_count}
        )
    errors = {}
    for name, label, value in zip(VALUE_FIELDS, meter.tariff_names, values, strict=False):
        if value is None:
            errors[name] = _("Укажите показания по тарифу «%(tariff)s».") % {"tariff": label}
        elif value < 0:
            errors[name] = _("Показания не могут быть отрицательными.")
        elif value >= meter.max_value:
            errors[name] = _("У прибора учёта %(digits)s знаков до запятой: показания не больше %(max)s.") % {
                "digits": meter.digits,
                "max": "9" * meter.digits,
            }
        elif value != value.quantize(Decimal("0.01")):
            errors[name] = _("Не больше двух знаков после запятой.")
    if errors:
        raise ValidationError(errors)
    previous = previous_reading(meter, taken_on)
    if previous is None:
        return
    previous_values = previous.values
    if not reset:
        for name, label, value, before in zip(
            VALUE_FIELDS, meter.tariff_names, values, previous_values, strict=False
        ):
            if value < before:
                errors[name] = _(
                    "Показания по тарифу «%(tariff)s» меньше предыдущих (%(before)s на %(date)s). "
                    "Проверьте цифры; если счётчик заменён или перешёл через ноль, обратитесь в сетевую организацию."
                ) % {
                    "tariff": label,
                    "before": f"{before:.2f}".replace(".", ","),
                    "date": f"{previous.taken_on:%d.%m.%Y}",
                }
        if errors:
            raise ValidationError(errors)
    if source == Reading.Source.APPLICANT and not confirm_high:
        days = (taken_on - previous.taken_on).days
        limit = rules.high_consumption_limit(days)
        for label, value, before in zip(meter.tariff_names, values, previous_values, strict=False):
            used = rules.consumption(before, value, reset=reset, max_value=meter.max_value)
            if used > limit:
                raise ValidationError(
                    {
                        "confirm_high": _(
                            "Расход по тарифу «%(tariff)s» — %(used)s кВт·ч за %(days)s дн. — необычно велик. "
                            "Проверьте показания и отметьте «Подтверждаю показания», если они верны."
                        )
                        % {"tariff": label, "used": f"{used:.0f}", "days": max(days, 1)}
                    },
                    code="high_consumption",
                )


def _values_kwargs(values):
    padded = list(values) + [None] * (3 - len(values))
    return dict(zip(VALUE_FIELDS, padded, strict=True))


@transaction.atomic
def reading_submit(*, meter: Meter, user, values: list, confirm_high: bool = False) -> Reading:
    """An applicant passes readings of their meter for today."""
    if meter.owner_id != user.pk:
        raise PermissionDenied
    meter = Meter.objects.select_for_update().get(pk=meter.pk)
    today = timezone.localdate()
    # A second entry the same day replaces the first (an applicant correcting a typo); if the new one
    # is invalid the transaction rolls back and the first stays.
    meter.readings.filter(
        taken_on=today, source=Reading.Source.APPLICANT, status=Reading.Status.RECEIVED
    ).delete()
    validate_reading(
        meter=meter, values=values, taken_on=today, source=Reading.Source.APPLICANT, confirm_high=confirm_high
    )
    if meter.readings.filter(taken_on=today, source=Reading.Source.APPLICANT).counted().exists():
        raise ValidationError(_("Показания за сегодня уже приняты. Следующие можно передать завтра."))
    return Reading.objects.create(
        meter=meter,
        taken_on=today,
        source=Reading.Source.APPLICANT,
        status=Reading.Status.RECEIVED,
        high_consumption_confirmed=confirm_high,
        entered_by=user,
        **_values_kwargs(values),
    )


@transaction.atomic
def reading_create(
    *,
    meter: Meter,
    actor,
    values: list,
    taken_on: dt.date,
    source: str = Reading.Source.STAFF,
    reset: str = "",
) -> Reading:
    """Staff (or an АСКУЭ import) record readings; they are accepted at once."""
    meter = Meter.objects.select_for_update().get(pk=meter.pk)
    validate_reading(meter=meter, values=values, taken_on=taken_on, source=source, reset=reset)
    if meter.readings.counted().filter(taken_on=taken_on, source=source).exists():
        raise ValidationError(
            {
                "taken_on": _("Показания этого прибора на %(date)s уже внесены.")
                % {"date": f"{taken_on:%d.%m.%Y}"}
            }
        )
    return Reading.objects.create(
        meter=meter,
        taken_on=taken_on,
        source=source,
        status=Reading.Status.ACCEPTED,
        reset=reset,
        entered_by=actor,
        reviewed_by=actor,
        reviewed_at=timezone.now(),
        **_values_kwargs(values),
    )


@transaction.atomic
def reading_review(*, reading: Reading, actor, status: str, reason: str = "") -> Reading:
    """Staff accept or reject readings; rejection needs a reason; the applicant is notified."""
    reading = Reading.objects.select_for_update().select_related("meter__owner").get(pk=reading.pk)
    reason = reason.strip()
    if status not in (Reading.Status.ACCEPTED, Reading.Status.REJECTED):
        raise ValidationError({"status": _("Выберите решение: принять или отклонить.")})
    if status == Reading.Status.REJECTED and not reason:
        raise ValidationError({"review_reason": _("Укажите причину отклонения: её увидит заявитель.")})
    if status == reading.status and reason == reading.review_reason:
        return reading
    reading.status = status
    reading.review_reason = reason
    reading.reviewed_by = actor
    reading.reviewed_at = timezone.now()
    reading.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at"])
    meter = reading.meter
    if status == Reading.Status.ACCEPTED:
        title = _("Показания от %(date)s по прибору %(meter)s приняты")
    else:
        title = _("Показания от %(date)s по прибору %(meter)s отклонены")
    notify(
        user=meter.owner,
        event="meter_reading_reviewed",
        context={
            "title": title % {"date": f"{reading.taken_on:%d.%m.%Y}", "meter": meter},
            "text": reason or _("Показания учтены."),
        },
        url=reverse("lk_metering:detail", args=[meter.pk]),
    )
    return reading


# --- АСКУЭ ---
@transaction.atomic
def askue_save_credentials(*, user, login: str, password: str) -> AskueCredentials:
    credentials, _created = AskueCredentials.objects.update_or_create(
        user=user,
        defaults={"login": login.strip(), "password_encrypted": encrypt_password(password), "last_error": ""},
    )
    return credentials


@transaction.atomic
def askue_store_rows(*, user, rows) -> list[AskueRow]:
    """Replace the applicant's АСКУЭ table and record readings of their matching meters."""
    AskueRow.objects.filter(user=user).delete()
    stored = AskueRow.objects.bulk_create(
        [
            AskueRow(
                user=user,
                object_name=row.object_name,
                meter_name=row.meter_name,
                serial_number=row.serial_number,
                a_plus=row.a_plus,
                a_minus=row.a_minus,
                r_plus=row.r_plus,
                r_minus=row.r_minus,
                data_time=row.data_time,
            )
            for row in rows
        ]
    )
    meters = {m.serial_number: m for m in Meter.objects.owned_by(user).filter(status=Meter.Status.ACTIVE)}
    for row in rows:
        meter = meters.get(row.serial_number)
        if meter is None:
            continue
        values = list(row.tariffs) if len(row.tariffs) == meter.tariff_count else None
        if values is None and meter.tariff_count == 1:
            values = [row.a_plus]
        if values is None:
            continue
        values = [v.quantize(Decimal("0.01")) for v in values]
        taken_on = timezone.localdate(row.data_time)
        if meter.readings.filter(taken_on=taken_on, source=Reading.Source.ASKUE).exists():
            continue
        try:
            with transaction.atomic():
                reading_create(
                    meter=meter, actor=None, values=values, taken_on=taken_on, source=Reading.Source.ASKUE
                )
        except ValidationError:
            continue  # lower than a manual reading: the table still shows it, staff look into it
    return stored


def askue_refresh(*, user) -> list[AskueRow]:
    """Fetch the latest АСКУЭ data for *user* (outside a transaction: it waits on the network).

    Raises AskueError (its subclasses say whether the service or the credentials failed).
    """
    from .askue import AskueAccount, AskueAuthError, AskueError, get_askue_backend

    credentials = AskueCredentials.objects.filter(user=user).first()
    if credentials is None:
        raise AskueAuthError("no credentials")
    password = decrypt_password(credentials.password_encrypted)
    if password is None:
        raise AskueAuthError("stored password cannot be decrypted")
    profile = getattr(user, "lk_profile", None)
    account = AskueAccount(
        login=credentials.login,
        password=password,
        account_number=getattr(profile, "account_number", "") or "",
    )
    try:
        rows = get_askue_backend().fetch_latest(account)
    except AskueError as exc:
        AskueCredentials.objects.filter(pk=credentials.pk).update(
            last_error=f"{type(exc).__name__}: {exc}"[:500]
        )
        raise
    stored = askue_store_rows(user=user, rows=rows)
    AskueCredentials.objects.filter(pk=credentials.pk).update(last_fetch_at=timezone.now(), last_error="")
    return stored


def askue_refresh_from_cabinet(*, user, ip: str | None) -> list[AskueRow]:
    """``askue_refresh`` for a person's click in the cabinet, within ``LK_ASKUE_LIMITS``.

    Each try is an outbound login that holds a worker up to ``LK_ASKUE_TIMEOUT``: at most
    ``per_user`` / ``per_ip`` tries per ``window``, and after ``failures`` refused logins the
    person's АСКУЭ connection is locked for ``lockout`` seconds (counted from the first failure).
    Raises ``AskueLimitError`` without calling the АСКУЭ."""
    from lk_plugin.app_settings import app_settings
    from lk_plugin.core import limits

    from .askue import AskueAuthError, AskueLimitError

    conf = app_settings.ASKUE_LIMITS
    if limits.count("askue-failures", user.pk) >= conf["failures"]:
        raise AskueLimitError("locked after repeated failures")
    if not limits.hit("askue-user", user.pk, conf["per_user"], conf["window"]):
        raise AskueLimitError("too many attempts by this person")
    if ip and not limits.hit("askue-ip", ip, conf["per_ip"], conf["window"]):
        raise AskueLimitError("too many attempts from this IP")
    try:
        rows = askue_refresh(user=user)
    except AskueAuthError:
        limits.add("askue-failures", user.pk, conf["lockout"])
        raise
    limits.clear("askue-failures", user.pk)
    return rows

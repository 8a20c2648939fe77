"""Demo meters of the demo applicant: a 1-tariff and a 2-tariff meter with a year of readings, АСКУЭ access."""

import datetime as dt

from django.utils import timezone

from lk_plugin.metering import flows
from lk_plugin.metering.askue import DEMO_ACCOUNTS, AskueError, demo_counter
from lk_plugin.metering.models import Meter, Reading

ACCOUNT = "770012345678"
ASKUE_PASSWORD = "askue-demo"  # noqa: S105  (demo АСКУЭ backend accepts any non-empty password)

METERS = [
    # serial from DEMO_ACCOUNTS, address, verification due
    ("41234567", "г. Москва, ул. Ленина, д. 15, кв. 7", dt.date(2031, 6, 30)),
    ("00918273", "Московская обл., СНТ «Рассвет», уч. 42", dt.date(2029, 3, 31)),
]


def _months_back(today, n):
    year, month = today.year, today.month - n
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 20)


def load(ctx):
    applicant, staff = ctx.users["applicant"], ctx.users["staff"]
    demo = {
        serial: (obj, kind, tariffs, daily, start)
        for obj, kind, serial, tariffs, daily, start in DEMO_ACCOUNTS[ACCOUNT]
    }
    today = timezone.localdate()
    for serial, address, due in METERS:
        _obj, kind, tariffs, daily, start = demo[serial]
        meter, _created = Meter.objects.update_or_create(
            meter_type=kind,
            serial_number=serial,
            defaults={
                "owner": applicant,
                "tariff_count": tariffs,
                "digits": 6,
                "address": address,
                "account_number": ACCOUNT,
                "verification_due": due,
                "status": Meter.Status.ACTIVE,
                "source": Meter.Source.STAFF,
            },
        )
        dates = [d for d in (_months_back(today, n) for n in range(12, -1, -1)) if d < today]
        for i, taken_on in enumerate(dates):
            values = demo_counter(daily, start, taken_on, tariffs)
            last = i == len(dates) - 1
            Reading.objects.update_or_create(
                meter=meter,
                taken_on=taken_on,
                source=Reading.Source.APPLICANT,
                defaults={
                    **dict(
                        zip(
                            ("value_t1", "value_t2", "value_t3"),
                            values + [None] * (3 - len(values)),
                            strict=True,
                        )
                    ),
                    "status": Reading.Status.RECEIVED if last else Reading.Status.ACCEPTED,
                    "entered_by": applicant,
                    "reviewed_by": None if last else staff,
                    "reviewed_at": None if last else timezone.now(),
                },
            )
    flows.askue_save_credentials(user=applicant, login=ACCOUNT, password=ASKUE_PASSWORD)
    try:
        flows.askue_refresh(user=applicant)
    except AskueError as exc:  # another LK_ASKUE_BACKEND configured: the page will show its own state
        ctx.say(f"АСКУЭ: данные не получены ({exc})")
    ctx.say(
        f"Приборы учёта: у demo@example.ru два счётчика с историей; АСКУЭ — идентификатор {ACCOUNT}, пароль {ASKUE_PASSWORD}"
    )

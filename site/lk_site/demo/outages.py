"""Demo outages (today … +14 days), the schedule page and the demo applicant's subscription."""

import datetime as dt
import random

from django.utils import timezone

from lk_plugin.contrib.pages.models import OutageSchedulePage
from lk_plugin.outages.flows import outage_save, outage_subscribe
from lk_plugin.outages.models import Outage

DISTRICTS = {
    "Центральный район": [
        ("ул. Ленина", ["1-15", "2-20 чётные", "17-31 нечётные", "15, 17, 19а"]),
        ("проспект Мира", ["1-25 нечётные", "2, 4, 6а", "30-48"]),
        ("ул. Пушкина", ["1-9", "10-22", ""]),
        ("Огородный пер.", ["", "3, 5, 7"]),
        ("ул. Советская", ["12-40 чётные", "1-11"]),
        ("Тверской бульвар", ["1-9", "12, 14, 16"]),
        ("ул. Малая Бронная", ["2-20 чётные", "15-29 нечётные"]),
    ],
    "Северный район": [
        ("ул. Гагарина", ["1-33", "2-16 чётные", "40-60"]),
        ("Садовая улица", ["5, 7, 9", "1-21 нечётные", ""]),
        ("ул. Лесная", ["1-12", "14а, 16, 18"]),
        ("Школьная ул.", ["", "2-10"]),
        ("Дмитровское шоссе", ["1-25", "30-50 чётные"]),
    ],
    "Заречный район": [
        ("ул. Набережная", ["1-19", "20-36"]),
        ("ул. Ёлочная", ["1-11 нечётные", "4, 6, 8"]),
        ("пр-т Энергетиков", ["10-24", "1-9"]),
        ("ул. Речная", ["1-7", "8а, 10, 12"]),
        ("Заводской проезд", [""]),
    ],
}
REASONS = [
    "Плановый ремонт ТП",
    "Замена опор ВЛ-0,4 кВ",
    "Ремонт кабельной линии 10 кВ",
    "Техническое обслуживание РУ-0,4 кВ",
    "Подключение новых потребителей",
    "Замена трансформатора",
]


def _outages(today):
    rng = random.Random(8)
    rows = []
    n = 0
    for district, streets in DISTRICTS.items():
        for street, house_lists in streets:
            for houses in house_lists:
                n += 1
                day = today + dt.timedelta(days=rng.randint(0, 14))
                start_hour = rng.choice([8, 9, 9, 10, 13])
                length = rng.choice([2, 4, 6, 8])
                emergency = n % 13 == 0
                rows.append(
                    {
                        "external_key": f"demo-{n:03d}",
                        "kind": Outage.Kind.EMERGENCY if emergency else Outage.Kind.PLANNED,
                        "district": district,
                        "street": street,
                        "houses": houses,
                        "feeder": f"ТП-{rng.randint(100, 999)}, ф. {rng.randint(1, 12)}",
                        "starts_at": dt.datetime.combine(day, dt.time(start_hour)),
                        "ends_at": dt.datetime.combine(day, dt.time(start_hour + length)),
                        "reason": "Устранение аварии" if emergency else rng.choice(REASONS),
                        "status": Outage.Status.CANCELLED if n % 11 == 0 else Outage.Status.SCHEDULED,
                    }
                )
    # The demo applicant lives at ул. Ленина, 15: make sure something is planned there tomorrow.
    rows[0].update(
        starts_at=dt.datetime.combine(today + dt.timedelta(days=1), dt.time(9)),
        ends_at=dt.datetime.combine(today + dt.timedelta(days=1), dt.time(17)),
        status=Outage.Status.SCHEDULED,
        kind=Outage.Kind.PLANNED,
    )
    # One that already ended (hidden unless «Показать прошедшие»).
    rows.append(
        {
            "external_key": "demo-past",
            "kind": Outage.Kind.PLANNED,
            "district": "Центральный район",
            "street": "ул. Ленина",
            "houses": "1-31",
            "feeder": "ТП-125, ф. 3",
            "starts_at": dt.datetime.combine(today - dt.timedelta(days=3), dt.time(9)),
            "ends_at": dt.datetime.combine(today - dt.timedelta(days=3), dt.time(12)),
            "reason": "Плановый ремонт ТП",
            "status": Outage.Status.DONE,
        }
    )
    return rows


def load(ctx):
    today = timezone.localdate()
    tz = timezone.get_default_timezone()
    for values in _outages(today):
        outage = Outage.objects.filter(external_key=values["external_key"]).first() or Outage()
        for key, value in values.items():
            if isinstance(value, dt.datetime):
                value = timezone.make_aware(value, tz)
            setattr(outage, key, value)
        outage_save(outage=outage)

    page = OutageSchedulePage.objects.child_of(ctx.home).filter(slug="otklyucheniya").first()
    if page is None:
        page = ctx.home.add_child(
            instance=OutageSchedulePage(
                title="Плановые отключения",
                slug="otklyucheniya",
                show_in_menus=True,
                intro="График плановых и аварийных отключений электроэнергии. Найдите свой адрес, "
                "добавьте отключения в календарь или подпишитесь на письма.",
            )
        )
    page.save_revision().publish()
    ctx.pages["outages"] = page

    applicant = ctx.users.get("applicant")
    if applicant is not None:
        outage_subscribe(email=applicant.email, address="ул. Ленина, д. 15", user=applicant)
    ctx.say(f"График отключений: {page.url} (поиск: «Ленина 15»)")

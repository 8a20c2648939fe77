"""Seed the Russian production calendar for 2026 and 2027 (editable in the admin afterwards).

Only exceptions to the Monday–Friday week are stored: weekdays that are days off, and Saturdays/Sundays
that are worked (none in 2026). Holidays falling on a weekend are not stored (already days off).
2026: Постановление Правительства РФ о переносе выходных дней в 2026 году (Jan 3 → Jan 9, Jan 4 → Dec 31;
Mar 8 Sun → Mar 9, May 9 Sat → May 11).
2027: statutory holidays and the art. 112 ТК РФ moves of weekend holidays (May 1 → May 3, May 9 → May 10,
Jun 12 → Jun 14); the transfers of Jan 2–3, 2027 depend on a government decree not known when this
was written — editors add them in the admin.
"""

import datetime as dt

from django.db import migrations

HOLIDAYS = {
    2026: [
        ((1, 1), "Новогодние каникулы"),
        ((1, 2), "Новогодние каникулы"),
        ((1, 5), "Новогодние каникулы"),
        ((1, 6), "Новогодние каникулы"),
        ((1, 7), "Рождество Христово"),
        ((1, 8), "Новогодние каникулы"),
        ((1, 9), "Перенос с субботы 3 января"),
        ((2, 23), "День защитника Отечества"),
        ((3, 9), "Перенос с воскресенья 8 марта"),
        ((5, 1), "Праздник Весны и Труда"),
        ((5, 11), "Перенос с субботы 9 мая"),
        ((6, 12), "День России"),
        ((11, 4), "День народного единства"),
        ((12, 31), "Перенос с воскресенья 4 января"),
    ],
    2027: [
        ((1, 1), "Новогодние каникулы"),
        ((1, 4), "Новогодние каникулы"),
        ((1, 5), "Новогодние каникулы"),
        ((1, 6), "Новогодние каникулы"),
        ((1, 7), "Рождество Христово"),
        ((1, 8), "Новогодние каникулы"),
        ((2, 23), "День защитника Отечества"),
        ((3, 8), "Международный женский день"),
        ((5, 3), "Перенос с субботы 1 мая"),
        ((5, 10), "Перенос с воскресенья 9 мая"),
        ((6, 14), "Перенос с субботы 12 июня"),
        ((11, 4), "День народного единства"),
    ],
}

#: Saturdays/Sundays that are working days (transfers).
WORKDAYS: dict[int, list] = {2026: [], 2027: []}


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("lk_core", "CalendarDay")
    for year, days in HOLIDAYS.items():
        for (month, day), note in days:
            CalendarDay.objects.get_or_create(
                date=dt.date(year, month, day), defaults={"kind": "holiday", "note": note}
            )
    for year, days in WORKDAYS.items():
        for (month, day), note in days:
            CalendarDay.objects.get_or_create(
                date=dt.date(year, month, day), defaults={"kind": "workday", "note": note}
            )


def unseed(apps, schema_editor):
    CalendarDay = apps.get_model("lk_core", "CalendarDay")
    for year, days in HOLIDAYS.items():
        CalendarDay.objects.filter(
            kind="holiday", date__in=[dt.date(year, m, d) for (m, d), _ in days]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("lk_core", "0003_personal_data_access_log")]

    operations = [migrations.RunPython(seed, unseed)]

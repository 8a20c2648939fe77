"""Meters, readings and АСКУЭ access in «Скачать мои данные».

After consent withdrawal the stored АСКУЭ credentials (and the data fetched with them) are deleted;
meters and readings stay with the utility's metering records.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_eraser, register_labels, register_section


def _num(value):
    return None if value is None else str(value)


def meters_section(user):
    from .models import Meter, Reading

    meters = (
        Meter.objects.filter(owner=user)
        .prefetch_related(Prefetch("readings", queryset=Reading.objects.order_by("taken_on", "pk")))
        .order_by("created_at", "pk")
    )
    return [
        {
            "meter_type": m.meter_type,
            "serial_number": m.serial_number,
            "address": m.address,
            "account_number": m.account_number,
            "verification_due": m.verification_due.isoformat() if m.verification_due else None,
            "status_display": str(m.get_status_display()),
            "created_at": _dt(m.created_at),
            "readings": [
                {
                    "taken_on": r.taken_on.isoformat(),
                    "t1": _num(r.value_t1),
                    "t2": _num(r.value_t2),
                    "t3": _num(r.value_t3),
                    "source_display": str(r.get_source_display()),
                    "status_display": str(r.get_status_display()),
                }
                for r in m.readings.all()
            ],
        }
        for m in meters
    ]


def askue_section(user):
    from .models import AskueCredentials

    credentials = AskueCredentials.objects.filter(user=user).first()
    return {
        # Never the password, not even encrypted: only whether access is stored and the login.
        "askue_credentials_stored": credentials is not None,
        "askue_login": credentials.login if credentials else None,
    }


@transaction.atomic
def erase_askue(user):
    from .models import AskueCredentials, AskueRow

    AskueCredentials.objects.filter(user=user).delete()
    AskueRow.objects.filter(user=user).delete()


def register():
    register_section(
        "meters",
        meters_section,
        title=_("Приборы учёта и показания"),
        summary=("meter_type", "serial_number", "address", "status_display", "verification_due", "readings"),
    )
    register_section("askue", askue_section, title=_("Доступ к АСКУЭ"))
    register_eraser("askue_credentials", erase_askue)
    register_labels(
        {
            "meter_type": _("Тип прибора учёта"),
            "serial_number": _("Заводской номер"),
            "address": _("Адрес"),
            "verification_due": _("Очередная поверка"),
            "status_display": _("Статус"),
            "readings": _("Показания"),
            "taken_on": _("Дата показаний"),
            "t1": _("Т1"),
            "t2": _("Т2"),
            "t3": _("Т3"),
            "source_display": _("Источник"),
            "askue_credentials_stored": _("Сохранён доступ к АСКУЭ"),
            "askue_login": _("Идентификатор в АСКУЭ"),
        },
        nested={"readings"},
    )

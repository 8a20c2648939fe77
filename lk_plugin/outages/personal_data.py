"""Outage subscriptions in «Скачать мои данные»; they are deleted after consent withdrawal."""

from django.utils.translation import gettext_lazy as _

from lk_plugin.core.personal_data import local_iso as _dt
from lk_plugin.core.personal_data import register_eraser, register_labels, register_section


def subscriptions_section(user):
    from .models import OutageSubscription

    return [
        {
            "address": s.address,
            "email": s.email,
            "confirmed": s.confirmed_at is not None,
            "created_at": _dt(s.created_at),
        }
        for s in OutageSubscription.objects.filter(user=user).order_by("created_at", "pk")
    ]


def erase_subscriptions(user):
    from .models import OutageSubscription

    OutageSubscription.objects.filter(user=user).delete()
    if user.email:  # and the ones made as a guest with the same address
        OutageSubscription.objects.filter(email__iexact=user.email).delete()


def register():
    register_section("outage_subscriptions", subscriptions_section, title=_("Подписки на отключения"))
    register_eraser("outage_subscriptions", erase_subscriptions)
    register_labels({"address": _("Адрес"), "confirmed": _("Подтверждена")})

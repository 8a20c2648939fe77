from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkMeteringConfig(AppConfig):
    name = "lk_plugin.metering"
    label = "lk_metering"
    verbose_name = _("Личный кабинет: приборы учёта")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data

        personal_data.register()

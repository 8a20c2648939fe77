from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkAppealsConfig(AppConfig):
    name = "lk_plugin.appeals"
    label = "lk_appeals"
    verbose_name = _("Личный кабинет: обращения")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data, receivers

        personal_data.register()
        receivers.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkMessagingConfig(AppConfig):
    name = "lk_plugin.messaging"
    label = "lk_messaging"
    verbose_name = _("Личный кабинет: сообщения")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data

        personal_data.register()

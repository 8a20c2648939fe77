from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkNotificationsConfig(AppConfig):
    name = "lk_plugin.notifications"
    label = "lk_notifications"
    verbose_name = _("Личный кабинет: уведомления")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system check

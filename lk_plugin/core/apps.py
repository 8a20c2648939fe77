from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkCoreConfig(AppConfig):
    name = "lk_plugin.core"
    label = "lk_core"
    verbose_name = _("Личный кабинет: общее")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import after_response  # noqa: F401  (connects its request signals)

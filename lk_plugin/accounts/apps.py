from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkAccountsConfig(AppConfig):
    name = "lk_plugin.accounts"
    label = "lk_accounts"
    verbose_name = _("Личный кабинет: заявители")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import export_jobs, personal_data, receivers  # noqa: F401

        personal_data.register()

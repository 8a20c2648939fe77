from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkOutagesConfig(AppConfig):
    name = "lk_plugin.outages"
    label = "lk_outages"
    verbose_name = _("Плановые отключения")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import import_jobs, personal_data  # noqa: F401  (registers the import job)

        personal_data.register()

        from lk_plugin.core import extensions

        from .selectors import settings_page_context

        extensions.register("accounts.settings", settings_page_context)

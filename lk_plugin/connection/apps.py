from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkConnectionConfig(AppConfig):
    name = "lk_plugin.connection"
    label = "lk_connection"
    verbose_name = _("Личный кабинет: технологическое присоединение")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lk_plugin import signals
        from lk_plugin.applications.panels import register_detail_panel

        from . import panels, personal_data, receivers

        personal_data.register()

        signals.application_submitted.connect(receivers.start_on_submit, dispatch_uid="lk_connection_start")
        register_detail_panel(panels.connection_panel)

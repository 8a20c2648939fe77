from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LKPluginConfig(AppConfig):
    """The base app: templates, static files and template tags shared by all lk_* apps."""

    name = "lk_plugin"
    label = "lk_plugin"
    verbose_name = _("Личный кабинет")

    def ready(self):
        from lk_plugin import checks  # noqa: F401  (registers the system checks)
        from lk_plugin.api import cors
        from lk_plugin.core.file_cleanup import connect_file_cleanup
        from lk_plugin.core.permissions import connect_cache_invalidation

        cors.connect()
        connect_cache_invalidation()
        connect_file_cleanup()

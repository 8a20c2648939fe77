from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContribPagesConfig(AppConfig):
    name = "lk_plugin.contrib.pages"
    label = "lk_contrib_pages"
    verbose_name = _("Личный кабинет: страницы")
    default_auto_field = "django.db.models.BigAutoField"

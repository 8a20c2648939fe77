from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkSurveysConfig(AppConfig):
    name = "lk_plugin.surveys"
    label = "lk_surveys"
    verbose_name = _("Личный кабинет: опрос качества")
    default_auto_field = "django.db.models.BigAutoField"

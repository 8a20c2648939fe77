from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkCalculatorConfig(AppConfig):
    name = "lk_plugin.calculator"
    label = "lk_calculator"
    verbose_name = _("Калькулятор стоимости присоединения")
    default_auto_field = "django.db.models.BigAutoField"

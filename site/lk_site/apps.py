from django.apps import AppConfig


class LkSiteConfig(AppConfig):
    name = "lk_site"
    verbose_name = "Демонстрационный сайт"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = "Страницы сайта"
    default_auto_field = "django.db.models.BigAutoField"

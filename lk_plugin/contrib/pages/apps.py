from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class ContribPagesConfig(AppConfig):
    name = "lk_plugin.contrib.pages"
    label = "lk_contrib_pages"
    verbose_name = _("Личный кабинет: страницы")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Wagtail's own checks crash on the application form page without its ApplicationKind model,
        # before lk_plugin.E012 could be read: say it here.
        from lk_plugin.checks import missing_requirements

        for app, needed in missing_requirements():
            if app == self.name:
                raise ImproperlyConfigured(
                    f"{app} requires {needed} (its application form page): add {needed} to "
                    "INSTALLED_APPS, or configure(globals(), contrib_pages=False) and use your own pages."
                )

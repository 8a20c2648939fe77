from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LkApplicationsConfig(AppConfig):
    name = "lk_plugin.applications"
    label = "lk_applications"
    verbose_name = _("Личный кабинет: заявки")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from lk_plugin.formbuilder.schema import snapshot_on_publish

        from . import pdf, personal_data  # noqa: F401 - pdf registers the "application_pdf" email attachment

        personal_data.register()

        page_published.connect(snapshot_on_publish, dispatch_uid="lk_formbuilder_snapshot")

"""The application as a PDF: DejaVu fonts shipped with the package, rendered by ``core.pdf`` (whose
url_fetcher serves only our own static files — nothing from the network or the file system)."""

from django.utils import timezone

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.formbuilder.display import application_sections
from lk_plugin.notifications import attachments

STATIC_PREFIX = "/static/"


def render_application_pdf(application) -> bytes:
    documents = [d for d in application.documents.all() if not d.slot.startswith("_")]
    context = {
        "application": application,
        "sections": application_sections(application, documents=documents),
        "utility_name": app_settings.UTILITY_NAME,
        "utility_phone": app_settings.UTILITY_PHONE,
        "logo": STATIC_PREFIX + app_settings.UTILITY_LOGO,
        "applicant": application.owner.lk_profile if hasattr(application.owner, "lk_profile") else None,
        "generated_at": timezone.localtime(),
    }
    return get_adapter().render_application_pdf(application=application, context=context)


def application_pdf_filename(application) -> str:
    return get_adapter().application_pdf_filename(application)


@attachments.register("application_pdf")
def application_pdf_attachment(*, id):  # noqa: A002 - the outbox row's key
    from .models import Application

    application = Application.objects.select_related("kind", "form_version", "owner").get(pk=id)
    return (application_pdf_filename(application), render_application_pdf(application), "application/pdf")

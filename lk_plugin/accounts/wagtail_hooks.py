from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_views import applicant_viewset, consent_document_viewset, consent_record_viewset

register_snippet(consent_document_viewset)


@hooks.register("register_admin_viewset")
def register_applicant_viewset():
    return applicant_viewset


@hooks.register("register_admin_viewset")
def register_consent_record_viewset():
    return consent_record_viewset

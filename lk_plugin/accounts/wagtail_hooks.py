from wagtail.snippets.models import register_snippet

from .admin_views import consent_document_viewset

# The applicant-registration and consent-journal viewsets live in the «Личный кабинет» group
# (lk_plugin.staff.viewsets.staff_viewsets).
register_snippet(consent_document_viewset)

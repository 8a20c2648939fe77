"""The «Личный кабинет» admin menu: one list of viewsets, easy to extend.

A feature adds its viewset to STAFF_VIEWSETS (e.g. the staff-created applicants of the accounts app);
wagtail_hooks registers the group.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from lk_plugin.accounts.admin_views import applicant_viewset, consent_record_viewset
from lk_plugin.metering.viewsets import meter_viewset, reading_viewset

from .appeals import AppealViewSet
from .applicants import ApplicantViewSet
from .applications import ApplicationViewSet
from .connection import ConnectionSchemeViewSet, ConnectionViewSet, StageDefinitionViewSet
from .deadlines import CalendarDayViewSet, ReviewTermViewSet
from .outbox import OutboxViewSet
from .threads import ThreadViewSet

STAFF_VIEWSETS = [
    ApplicationViewSet,
    ConnectionViewSet,
    AppealViewSet,
    ThreadViewSet,
    ApplicantViewSet,
    applicant_viewset,
    meter_viewset,
    reading_viewset,
    consent_record_viewset,
    CalendarDayViewSet,
    ReviewTermViewSet,
    ConnectionSchemeViewSet,
    StageDefinitionViewSet,
    OutboxViewSet,
]


class LKStaffViewSetGroup(ViewSetGroup):
    menu_label = _("Личный кабинет")
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = STAFF_VIEWSETS

"""The «Личный кабинет» admin menu: one list of viewsets, built for the installed apps.

A feature adds its viewset in ``staff_viewsets()`` under its ``is_installed`` check (e.g. the
staff-created applicants of the accounts app); staff/wagtail_hooks.py registers the group.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from lk_plugin.accounts.admin_views import applicant_viewset, consent_record_viewset

from .applicants import ApplicantViewSet
from .deadlines import CalendarDayViewSet
from .outbox import OutboxViewSet


def _installed(app: str) -> bool:
    return apps.is_installed(f"lk_plugin.{app}")


def staff_viewsets() -> list:
    """The group's viewsets, in menu order, for the installed apps only (each optional app's admin
    module is imported only when the app is there: its models cannot load otherwise)."""
    items = []
    if _installed("applications"):
        from .applications import ApplicationViewSet

        items.append(ApplicationViewSet)
    if _installed("connection"):
        from .connection import ConnectionViewSet

        items.append(ConnectionViewSet)
    if _installed("appeals"):
        from .appeals import AppealViewSet

        items.append(AppealViewSet)
    if _installed("messaging"):
        from .threads import ThreadViewSet

        items.append(ThreadViewSet)
    items += [ApplicantViewSet, applicant_viewset]
    if _installed("metering"):
        from lk_plugin.metering.viewsets import meter_viewset, reading_viewset

        items += [meter_viewset, reading_viewset]
    items += [consent_record_viewset, CalendarDayViewSet]
    if _installed("applications"):
        from .deadlines import ReviewTermViewSet

        items.append(ReviewTermViewSet)
    if _installed("connection"):
        from .connection import ConnectionSchemeViewSet, StageDefinitionViewSet

        items += [ConnectionSchemeViewSet, StageDefinitionViewSet]
    items.append(OutboxViewSet)
    return items


class LKStaffViewSetGroup(ViewSetGroup):
    menu_label = _("Личный кабинет")
    menu_icon = "folder-open-inverse"
    menu_order = 150

    def __init__(self):
        self.items = staff_viewsets()
        super().__init__()

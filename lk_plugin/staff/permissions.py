"""Permissions of the «Специалисты» group: process applications and appeals, edit the calendar.

«Редакторы» get none of these, so every application/appeal/applicant admin URL answers 403 for them.
"""

from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "Специалисты"

#: (app label, codename)
STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("lk_applications", "view_application"),
    ("lk_applications", "change_application"),
    ("lk_appeals", "view_appeal"),
    ("lk_appeals", "change_appeal"),
    ("lk_messaging", "view_thread"),
    ("lk_messaging", "change_thread"),
    ("lk_accounts", "view_applicantprofile"),
    ("lk_core", "add_calendarday"),
    ("lk_core", "change_calendarday"),
    ("lk_core", "delete_calendarday"),
    ("lk_applications", "add_reviewterm"),
    ("lk_applications", "change_reviewterm"),
    ("lk_applications", "delete_reviewterm"),
]


def grant_staff_permissions(group: Group | None = None) -> Group:
    """Give the processing permissions to *group* (default: «Специалисты», created if missing)."""
    if group is None:
        group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    for app_label, codename in STAFF_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)
    return group

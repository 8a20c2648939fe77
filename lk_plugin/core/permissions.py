"""The plugin's two staff groups and their permissions — the one definition that ``manage.py lk_setup``
(lk_plugin/setup.py), the demo loader, the staff code and the tests read.

«Специалисты» process applications and appeals, applicants' profiles, the work calendar, meters and
readings. «Редакторы» edit pages, rate tables, outages and consent documents and get none of the
processing permissions, so every application/appeal/applicant admin URL answers 403 for them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

STAFF_GROUP = "Специалисты"
EDITOR_GROUP = "Редакторы"

#: «Специалисты»: (app label, codename)
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
    ("lk_connection", "view_connectionprocess"),
    ("lk_connection", "change_connectionprocess"),
    ("lk_connection", "add_stagedefinition"),
    ("lk_connection", "change_stagedefinition"),
    ("lk_connection", "view_stagedefinition"),
    ("lk_connection", "view_connectionscheme"),
    ("lk_connection", "change_connectionscheme"),
    ("lk_accounts", "add_applicantprofile"),
    ("lk_accounts", "view_consentrecord"),
    *[
        ("lk_metering", f"{action}_{model}")
        for model in ("meter", "reading")
        for action in ("add", "change", "view")
    ],
    ("lk_surveys", "view_surveyresponse"),
]

#: «Редакторы»: model permissions (the pages themselves: EDITOR_PAGE_PERMISSIONS on the tree root).
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("lk_calculator", f"{action}_{model}")
        for model in ("ratetable", "raterow")
        for action in ("add", "change", "delete", "view")
    ],
    *[
        ("lk_outages", f"{action}_{model}")
        for model in ("outage", "outageimport", "outagesubscription")
        for action in ("add", "change", "delete", "view")
    ],
    ("lk_accounts", "add_consentdocument"),
    ("lk_accounts", "change_consentdocument"),
    ("lk_accounts", "view_consentdocument"),
    ("lk_surveys", "view_surveyresponse"),
]
#: Wagtail page permissions of «Редакторы» on the whole tree: add, edit and publish any page.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
#: Image permissions of «Редакторы» on the root collection (pictures in pages).
EDITOR_IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def permissions(pairs) -> list[Permission]:
    """The Permission rows of *pairs* ((app label, codename)) that exist (an absent app has none)."""
    wanted = set(pairs)
    return [
        p
        for p in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={c for _, c in wanted}
        ).select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]


def grant_staff_permissions(group: Group | None = None) -> Group:
    """Give the processing permissions to *group* (default: «Специалисты», created if missing)."""
    if group is None:
        group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(*permissions(STAFF_PERMISSIONS))
    return group


def users_who_can_change(model):
    """Active people who may change *model* objects: superusers and holders of ``change_<model>``
    directly or through a group. The same people as ``ModelPermissionPolicy.users_with_permission
    ("change")``, but as IN-subqueries over the small permission tables: that policy's OR across joins
    + DISTINCT reads every user row (tens of thousands of applicants) each time."""
    User = get_user_model()
    perm = Permission.objects.filter(
        content_type__app_label=model._meta.app_label, codename=f"change_{model._meta.model_name}"
    )
    direct = User.user_permissions.through.objects.filter(permission__in=perm).values("user_id")
    groups = User.groups.through.objects.filter(
        group__in=Permission.group_set.through.objects.filter(permission__in=perm).values("group_id")
    ).values("user_id")
    return User.objects.filter(Q(is_superuser=True) | Q(pk__in=direct) | Q(pk__in=groups), is_active=True)


#: Cache of staff notification addresses per model ({"app_label.model_name": [emails]}).
STAFF_EMAILS_CACHE_KEY = "lk:staff-notification-emails"
#: Upper bound on staleness if an invalidation is ever missed (e.g. a raw SQL change of a user).
STAFF_EMAILS_CACHE_SECONDS = 300


def staff_notification_emails(model) -> list[str]:
    """Sorted addresses of ``users_who_can_change(model)``, cached: the query scans every user row
    (the superuser flag has no index), and every submission asks for it. Changing a user, a group,
    a permission assignment or a group membership drops the cache (``connect_cache_invalidation``)."""
    return _cached(
        model._meta.label_lower,
        lambda: sorted(set(users_who_can_change(model).exclude(email="").values_list("email", flat=True))),
    )


def staff_user_ids(model) -> list[int]:
    """The ids of ``users_who_can_change(model)``, cached like the addresses: the staff queues offer
    them as assignees on every page (a scan of every user row: 30 ms at 200,000 people)."""
    return _cached(
        f"{model._meta.label_lower}:ids",
        lambda: sorted(users_who_can_change(model).values_list("pk", flat=True)),
    )


def _cached(key: str, compute) -> list:
    from django.core.cache import cache

    try:
        cached = cache.get(STAFF_EMAILS_CACHE_KEY) or {}
    except Exception as exc:  # a cache outage must not roll back the submit that asks: use the database
        _cache_failed("read", exc)
        cached = None
    if cached and key in cached:
        return list(cached[key])
    values = compute()
    if cached is not None:
        try:
            cache.set(STAFF_EMAILS_CACHE_KEY, {**cached, key: values}, STAFF_EMAILS_CACHE_SECONDS)
        except Exception as exc:
            _cache_failed("write", exc)
    return values


def _cache_failed(operation, exc) -> None:
    import logging

    logging.getLogger("lk_plugin.cache").warning(
        "Staff address cache %s failed (%s: %s); answered from the database",
        operation,
        type(exc).__name__,
        exc,
    )


def _drop_staff_emails_cache() -> None:
    from django.core.cache import cache

    try:
        cache.delete(STAFF_EMAILS_CACHE_KEY)
    except Exception as exc:  # stale for at most STAFF_EMAILS_CACHE_SECONDS
        _cache_failed("delete", exc)


#: The user fields the addresses depend on; a save that names only others (every login saves
#: ``last_login``) keeps the cache.
STAFF_EMAILS_USER_FIELDS = frozenset({"email", "is_active", "is_superuser"})


def invalidate_staff_emails(sender=None, update_fields=None, **kwargs) -> None:
    """Drop the cached addresses now and again after commit (a concurrent reader may have cached the
    state from before this transaction)."""
    from django.db import transaction

    if (
        sender is get_user_model()
        and update_fields is not None
        and not STAFF_EMAILS_USER_FIELDS & set(update_fields)
    ):
        return

    _drop_staff_emails_cache()
    transaction.on_commit(_drop_staff_emails_cache)


def connect_cache_invalidation() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    User = get_user_model()
    uid = "lk_staff_emails"
    for model in (User, Group, Permission):
        post_save.connect(invalidate_staff_emails, sender=model, dispatch_uid=f"{uid}_save_{model.__name__}")
        post_delete.connect(invalidate_staff_emails, sender=model, dispatch_uid=f"{uid}_del_{model.__name__}")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            invalidate_staff_emails, sender=through, dispatch_uid=f"{uid}_m2m_{through.__name__}"
        )

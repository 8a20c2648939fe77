"""In-cabinet notifications: list, unread count, mark one or all read."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from lk_plugin.notifications import selectors
from lk_plugin.notifications.flows import notifications_mark_read
from lk_plugin.notifications.models import Notification

from .common import Id
from .errors import responses
from .pagination import PageMeta, PageQuery, paginate

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    event: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationListOut(PageMeta):
    items: list[NotificationOut]
    unread: int


class UnreadOut(Schema):
    unread: int


class NotificationQuery(PageQuery):
    unread: bool = Field(False, description="Только непрочитанные")


def _out(n) -> dict:
    return {
        "id": n.pk,
        "event": n.event,
        "title": n.title,
        "body": n.body,
        "url": n.url,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }


@router.get("/", response=responses(200, NotificationListOut), summary="Уведомления")
def notification_list(request, query: Query[NotificationQuery]):
    qs = selectors.notifications_for(request.user)
    if query.unread:
        qs = qs.filter(read_at__isnull=True)
    items, meta = paginate(qs, query)
    return {**meta, "items": [_out(n) for n in items], "unread": selectors.unread_count(request.user)}


@router.get("/unread-count/", response=responses(200, UnreadOut), summary="Число непрочитанных")
def notification_unread_count(request):
    return {"unread": selectors.unread_count(request.user)}


@router.post("/read-all/", response=responses(200, UnreadOut), summary="Отметить все прочитанными")
def notification_mark_all_read(request):
    notifications_mark_read(user=request.user)
    return {"unread": 0}


@router.post(
    "/{notification_id}/read/", response=responses(200, NotificationOut), summary="Отметить прочитанным"
)
def notification_mark_read(request, notification_id: Id):
    notification = get_object_or_404(Notification.objects.filter(user=request.user), pk=notification_id)
    notifications_mark_read(user=request.user, pk=notification.pk)
    notification.refresh_from_db()
    return _out(notification)

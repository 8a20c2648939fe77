"""Outgoing mail and SMS in the admin: the dead letters (messages given up after their retries), the
ones waiting for a retry, «Отправить повторно», and a dashboard warning while messages are failing.

The rows hold addresses and message bodies: only users with the outbox permissions (superusers by
default) see them, and every read is logged like any personal data."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.permission_policies import ModelPermissionPolicy

from lk_plugin.notifications.flows import outbox_resend
from lk_plugin.notifications.models import OutboxMessage
from lk_plugin.notifications.selectors import outbox_trouble

from .audit import PersonalDataListMixin, PersonalDataObjectMixin
from .base import DateColumn, ProcessingViewSet

STATES = [
    ("failed", gettext_lazy("Не отправлено — попытки исчерпаны")),
    ("retrying", gettext_lazy("Ждёт повторной попытки")),
    ("pending", gettext_lazy("Ждёт отправки")),
    ("sent", gettext_lazy("Отправлено")),
]
STATE_FILTERS = {
    "failed": Q(sent_at__isnull=True, failed_at__isnull=False),
    "retrying": Q(sent_at__isnull=True, failed_at__isnull=True, attempts__gt=0),
    "pending": Q(sent_at__isnull=True, failed_at__isnull=True, attempts=0),
    "sent": Q(sent_at__isnull=False),
}


class OutboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("Состояние"),
        choices=STATES,
        empty_label=gettext_lazy("Все"),
        widget=forms.RadioSelect,
        method="filter_state",
    )

    class Meta:
        model = OutboxMessage
        fields = ["channel"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(STATE_FILTERS[value]) if value in STATE_FILTERS else queryset


class OutboxIndexView(PersonalDataListMixin, IndexView):
    default_ordering = "-created_at"
    any_permission_required = ["view", "change"]

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "created_at", "-created_at"]


class OutboxInspectView(PersonalDataObjectMixin, InspectView):
    template_name = "lk_plugin/staff/outbox_inspect.html"
    any_permission_required = ["view", "change"]
    personal_data_subject = "user"
    resend_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_resend = self.object.sent_at is None and self.permission_policy.user_has_permission(
            self.request.user, "change"
        )
        context.update(
            message=self.object,
            state=dict(STATES).get(self.object.state, ""),
            resend_url=reverse(self.resend_url_name, args=[self.object.pk]) if can_resend else "",
        )
        return context


def _state_label(message):
    return dict(STATES).get(message.state, "")


class OutboxViewSet(ProcessingViewSet):
    model = OutboxMessage
    name = "lk_outbox"
    icon = "mail"
    menu_label = gettext_lazy("Исходящие письма и SMS")
    menu_order = 900
    add_to_admin_menu = False
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    filterset_class = OutboxFilterSet
    search_fields = ["to", "subject"]
    list_per_page = 50

    @cached_property
    def list_display(self):
        return [
            "to",
            Column("subject", label=_("Тема"), accessor=lambda m: m.subject or m.event),
            DateColumn("created_at", label=_("Создано"), sort_key="created_at"),
            Column("state", label=_("Состояние"), accessor=_state_label),
            Column("attempts", label=_("Попыток"), accessor="attempts"),
            Column("last_error", label=_("Последняя ошибка"), accessor=lambda m: m.last_error[:120]),
        ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(resend_url_name=self.get_url_name("resend"), **kwargs)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("resend/<int:pk>/", self.resend_view, name="resend")]

    def resend_view(self, request, pk):
        return require_POST(self._resend)(request, pk)

    def _resend(self, request, pk):
        if not ModelPermissionPolicy(OutboxMessage).user_has_permission(request.user, "change"):
            raise PermissionDenied
        message = outbox_resend(message=get_object_or_404(OutboxMessage, pk=pk), actor=request.user)
        if message.sent_at:
            messages.success(request, _("Сообщение для %(to)s отправлено.") % {"to": message.to})
        else:
            messages.warning(
                request,
                _("Сообщение для %(to)s снова не отправлено: %(error)s")
                % {"to": message.to, "error": message.last_error},
            )
        return redirect(self.get_url_name("inspect"), pk)


class OutboxTroublePanel(Component):
    """On the dashboard, for those who may see the outbox, while messages are failing."""

    name = "lk_outbox_trouble"
    order = 40
    template_name = "lk_plugin/staff/outbox_panel.html"

    def __init__(self, trouble):
        self.trouble = trouble

    def get_context_data(self, parent_context=None):
        index = reverse("lk_outbox:index")
        return {
            **self.trouble,
            "failed_url": f"{index}?state=failed",
            "retrying_url": f"{index}?state=retrying",
        }


def add_outbox_panel(request, panels):
    if not ModelPermissionPolicy(OutboxMessage).user_has_any_permission(request.user, ["view", "change"]):
        return
    trouble = outbox_trouble()
    if trouble["failed"] or trouble["retrying"]:
        panels.append(OutboxTroublePanel(trouble))

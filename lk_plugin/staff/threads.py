"""Dialogs in the Wagtail admin: every conversation with applicants, with staff replies."""

import django_filters
from django.apps import apps
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import BooleanRadioSelect

from lk_plugin.messaging import flows_staff as flows
from lk_plugin.messaging.models import Thread

from . import forms as staff_forms
from .audit import PersonalDataListMixin
from .base import ActionInspectView, DateColumn, FilesViewSet

#: The objects a chat can be about, with their staff pages: (app, model label, related query name, URL name).
ABOUT = [
    ("lk_plugin.applications", "lk_applications.application", "application", "lk_application:inspect"),
    ("lk_plugin.appeals", "lk_appeals.appeal", "appeal", "lk_appeal:inspect"),
]


def about_number_query(query: str) -> Q:
    """Chats about an application or appeal whose number contains *query* (installed apps only)."""
    q = Q(pk__in=[])
    for app, _label, name, _url in ABOUT:
        if apps.is_installed(app):
            q |= Q(**{f"{name}__number__icontains": query})
    return q


def about_staff_url(thread) -> str:
    """The staff page of what *thread* is about ("" for a free dialog)."""
    for app, label, _name, url in ABOUT:
        if apps.is_installed(app) and thread.about_is(label) and thread.about is not None:
            return reverse(url, args=[thread.about_id])
    return ""


class ThreadFilterSet(WagtailFilterSet):
    unanswered = django_filters.BooleanFilter(
        widget=BooleanRadioSelect, label=gettext_lazy("Есть непрочитанные"), method="filter_unread"
    )
    is_closed = django_filters.BooleanFilter(
        widget=BooleanRadioSelect,
        label=gettext_lazy("Закрыт"),
    )

    class Meta:
        model = Thread
        fields = []

    def filter_unread(self, queryset, name, value):
        unread = Q(messages__from_staff=False, messages__read_by_staff_at__isnull=True)
        if value is True:
            return queryset.filter(unread).distinct()
        if value is False:
            return queryset.exclude(unread)
        return queryset


class ThreadIndexView(PersonalDataListMixin, IndexView):
    default_ordering = "-last_message_at"
    any_permission_required = ["view", "change"]

    def get_base_queryset(self):
        return (
            Thread.objects.select_related("owner__lk_profile")
            .prefetch_related("about")
            .annotate(
                unread_count=Count(
                    "messages", filter=Q(messages__from_staff=False, messages__read_by_staff_at__isnull=True)
                )
            )
        )

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        return queryset.filter(
            Q(subject__icontains=query)
            | Q(owner__email__icontains=query)
            | Q(owner__lk_profile__last_name__icontains=query)
            | Q(owner__lk_profile__organization_name__icontains=query)
            | about_number_query(query)
        )

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "last_message_at", "-last_message_at"]


class ThreadInspectView(ActionInspectView):
    template_name = "lk_plugin/staff/thread_inspect.html"
    any_permission_required = ["view", "change"]
    action_forms = {"reply": "do_reply"}

    def get_object(self, queryset=None):
        return get_object_or_404(
            Thread.objects.select_related("owner__lk_profile").prefetch_related("about"), pk=self.pk
        )

    def forms_context(self):
        return super().forms_context() if flows.messaging_available() else {}

    def get_action_form(self, name, data=None, files=None):
        return staff_forms.ChatReplyForm(data=data, files=files, prefix=name)

    def do_reply(self, form):
        flows.thread_reply(
            thread=self.object,
            actor=self.request.user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
        )
        return _("Сообщение отправлено.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            thread=self.object,
            about_url=about_staff_url(self.object),
            chat=list(self.object.messages.select_related("author").prefetch_related("attachments")),
        )
        return context


class ThreadViewSet(FilesViewSet):
    model = Thread
    name = "lk_thread"
    icon = "comment"
    menu_label = gettext_lazy("Диалоги")
    menu_order = 300
    index_view_class = ThreadIndexView
    inspect_view_class = ThreadInspectView
    filterset_class = ThreadFilterSet
    search_fields = ["subject"]
    list_per_page = 50

    @cached_property
    def list_display(self):
        return [
            "subject",
            Column(
                "owner",
                label=_("Заявитель"),
                accessor=lambda t: getattr(t.owner, "lk_profile", None) or t.owner,
            ),
            Column("about", label=_("По заявке / обращению"), accessor="about_label"),
            Column("unread_count", label=_("Непрочитанных"), accessor="unread_count"),
            DateColumn("last_message_at", label=_("Последнее сообщение"), sort_key="last_message_at"),
        ]

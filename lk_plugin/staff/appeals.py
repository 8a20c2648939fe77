"""Appeals in the Wagtail admin: queue with filters/search/export and the answer page."""

from collections import OrderedDict

import django_filters
from django import forms
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import ModelLogEntry

from lk_plugin.appeals import flows_staff as flows
from lk_plugin.appeals.models import Appeal, AppealStatus, AppealTopic
from lk_plugin.core.export import SafeSpreadsheetExportMixin

from . import forms as staff_forms
from .audit import PersonalDataListMixin
from .base import ActionInspectView, DateColumn, FilesViewSet, filter_by_flag
from .exports import BackgroundExportMixin, register_export
from .pagination import CappedCountPaginator
from .search import identifier_digits, matching_people_q

OPEN = [AppealStatus.SUBMITTED, AppealStatus.IN_PROGRESS]


def appeal_person(appeal) -> str:
    if appeal.owner_id:
        profile = getattr(appeal.owner, "lk_profile", None)
        return (profile.display_name if profile else "") or appeal.owner.get_full_name() or appeal.owner.email
    return _("%(name)s (гость)") % {"name": appeal.guest_name or appeal.guest_email}


def appeal_overdue(appeal) -> bool:
    return appeal.status in OPEN and appeal.due_date < timezone.localdate()


class AppealFilterSet(WagtailFilterSet):
    topic = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Тема"), queryset=AppealTopic.objects.all(), empty_label=gettext_lazy("Все")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Статус"),
        choices=AppealStatus.choices,
        empty_label=gettext_lazy("Все"),
        widget=forms.RadioSelect,
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Дата"), widget=DateRangePickerWidget
    )
    overdue = django_filters.BooleanFilter(
        widget=BooleanRadioSelect, label=gettext_lazy("Просрочено"), method="filter_overdue"
    )

    class Meta:
        model = Appeal
        fields = []

    def filter_overdue(self, queryset, name, value):
        return filter_by_flag(queryset, Q(status__in=OPEN, due_date__lt=timezone.localdate()), value)


class AppealIndexView(PersonalDataListMixin, BackgroundExportMixin, SafeSpreadsheetExportMixin, IndexView):
    paginator_class = CappedCountPaginator
    default_ordering = "-submitted_at"
    background_export_name = "appeals"
    any_permission_required = ["view", "change"]
    export_headings = {
        "number": gettext_lazy("Номер"),
        "topic": gettext_lazy("Тема"),
        "person": gettext_lazy("Заявитель"),
        "submitted_at": gettext_lazy("Направлено"),
        "status": gettext_lazy("Статус"),
        "due_date": gettext_lazy("Срок ответа"),
    }

    def get_base_queryset(self):
        return Appeal.objects.select_related("topic", "owner__lk_profile", "assignee")

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        people = matching_people_q(query)  # ids first: the owner index answers, not a table scan
        if identifier_digits(query):
            return queryset.filter(people)
        return queryset.filter(
            Q(number__icontains=query)
            | Q(guest_email__icontains=query)
            | Q(guest_name__icontains=query)
            | people
        )

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "submitted_at", "-submitted_at", "due_date", "-due_date"]

    def to_row_dict(self, item):
        row = {
            "number": item.number,
            "topic": str(item.topic),
            "person": appeal_person(item),
            "submitted_at": timezone.localtime(item.submitted_at).replace(tzinfo=None),
            "status": item.get_status_display(),
            "due_date": item.due_date,
        }
        return OrderedDict((field, row[field]) for field in self.list_export)


class DueColumn(Column):
    def get_value(self, instance):
        text = instance.due_date.strftime("%d.%m.%Y")
        if appeal_overdue(instance):
            return format_html(
                '{} <span class="w-status w-status--label lk-overdue">{}</span>', text, _("просрочено")
            )
        return text


class AppealInspectView(ActionInspectView):
    template_name = "lk_plugin/staff/appeal_inspect.html"
    page_title = gettext_lazy("Обращение")
    any_permission_required = ["view", "change"]
    action_forms = {"answer": "do_answer", "status": "do_status", "take": "do_take"}

    def get_object(self, queryset=None):
        return get_object_or_404(
            Appeal.objects.select_related("topic", "owner__lk_profile", "assignee").prefetch_related("about"),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.number

    def get_action_form(self, name, data=None, files=None):
        kwargs = {"data": data, "files": files, "initial": {"version": self.object.version}, "prefix": name}
        if name == "answer":
            return staff_forms.AppealAnswerForm(**kwargs)
        if name == "take":
            return staff_forms.TakeIntoWorkForm(**kwargs)
        return staff_forms.AppealStatusForm(appeal=self.object, **kwargs)

    def do_answer(self, form):
        flows.appeal_answer(
            appeal=self.object,
            actor=self.request.user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
            close=form.cleaned_data["close"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Ответ отправлен, статус «%(status)s».") % {"status": self.object.get_status_display()}

    def do_status(self, form):
        flows.appeal_change_status(
            appeal=self.object,
            to_status=form.cleaned_data["to_status"],
            actor=self.request.user,
            expected_version=form.cleaned_data["version"],
        )
        return _("Статус изменён: «%(status)s».") % {"status": self.object.get_status_display()}

    def do_take(self, form):
        version = form.cleaned_data["version"]
        flows.appeal_assign(
            appeal=self.object, assignee=self.request.user, actor=self.request.user, expected_version=version
        )
        if self.object.status == AppealStatus.SUBMITTED:
            flows.appeal_change_status(
                appeal=self.object, to_status=AppealStatus.IN_PROGRESS, actor=self.request.user
            )
        return _("Обращение взято в работу.")

    def logs_personal_data(self):
        return bool(self.object.owner_id or self.object.guest_email or self.object.guest_phone)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appeal = self.object
        thread = appeal.threads.first() if hasattr(appeal, "threads") else None
        context.update(
            appeal=appeal,
            person=appeal_person(appeal),
            is_overdue=appeal_overdue(appeal),
            attachments=list(appeal.attachments.all()),
            thread=thread,
            chat=list(thread.messages.prefetch_related("attachments")) if thread else [],
            has_chat=hasattr(appeal, "threads"),  # lk_plugin.messaging is installed
            log_entries=list(
                ModelLogEntry.objects.for_instance(appeal).select_related("user").order_by("-timestamp")[:50]
            ),
        )
        return context


class AppealViewSet(FilesViewSet):
    model = Appeal
    name = "lk_appeal"
    icon = "mail"
    menu_label = gettext_lazy("Обращения")
    menu_order = 200
    index_view_class = AppealIndexView
    inspect_view_class = AppealInspectView
    filterset_class = AppealFilterSet
    search_fields = ["number"]
    list_per_page = 50
    export_filename = "obrashcheniya"
    list_export = ["number", "topic", "person", "submitted_at", "status", "due_date"]

    @cached_property
    def list_display(self):
        return [
            "number",
            Column("topic", label=_("Тема"), accessor="topic"),
            Column("person", label=_("Заявитель"), accessor=appeal_person),
            DateColumn("submitted_at", label=_("Направлено"), sort_key="submitted_at"),
            Column("status", label=_("Статус"), accessor="get_status_display"),
            DueColumn("due_date", label=_("Срок ответа"), sort_key="due_date"),
        ]


register_export("appeals", AppealViewSet)

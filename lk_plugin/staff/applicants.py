"""Applicants in the Wagtail admin: who they are, their applications and appeals (views are logged)."""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.widgets import BooleanRadioSelect

from lk_plugin.accounts.models import ApplicantProfile
from lk_plugin.appeals.models import Appeal
from lk_plugin.applications.models import Application
from lk_plugin.core.choices import LegalForm
from lk_plugin.core.export import SafeSpreadsheetExportMixin

from .audit import PersonalDataListMixin, PersonalDataObjectMixin
from .base import DateColumn, ProcessingViewSet
from .search import identifier_digits


class ApplicantFilterSet(WagtailFilterSet):
    legal_form = django_filters.ChoiceFilter(
        label=gettext_lazy("Правовая форма"),
        choices=LegalForm.choices,
        empty_label=gettext_lazy("Все"),
        widget=forms.RadioSelect,
    )
    created_by_staff = django_filters.BooleanFilter(
        widget=BooleanRadioSelect,
        label=gettext_lazy("Зарегистрирован сотрудником"),
    )

    class Meta:
        model = ApplicantProfile
        fields = []


class ApplicantIndexView(PersonalDataListMixin, SafeSpreadsheetExportMixin, IndexView):
    default_ordering = "-created_at"
    any_permission_required = ["view", "change"]

    def get_base_queryset(self):
        return ApplicantProfile.objects.select_related("user").annotate(
            applications_count=Count(
                "user__lk_applications", filter=~Q(user__lk_applications__status="draft")
            )
        )

    def search_queryset(self, queryset):
        query = (self.search_query or "").strip()
        if not query:
            return queryset
        condition = (
            Q(last_name__icontains=query)
            | Q(first_name__icontains=query)
            | Q(organization_name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(phone__icontains=query)
            | Q(account_number=query)
        )
        digits = identifier_digits(query)
        if digits:
            condition |= Q(snils=digits) | Q(inn=digits) | Q(ogrn=digits) | Q(ogrnip=digits)
        return queryset.filter(condition)

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "created_at", "-created_at"]


class ApplicantInspectView(PersonalDataObjectMixin, InspectView):
    template_name = "lk_plugin/staff/applicant_inspect.html"
    any_permission_required = ["view", "change"]
    application_url_name = ""
    appeal_url_name = ""
    personal_data_subject = "user"

    def get_object(self, queryset=None):
        return get_object_or_404(ApplicantProfile.objects.select_related("user"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.object.user
        context.update(
            profile=self.object,
            applications=list(Application.objects.submitted().filter(owner=user).select_related("kind")),
            appeals=list(Appeal.objects.filter(owner=user).select_related("topic")),
            application_url_name=self.application_url_name,
            appeal_url_name=self.appeal_url_name,
        )
        return context


class ApplicantViewSet(ProcessingViewSet):
    model = ApplicantProfile
    name = "lk_applicant"
    icon = "user"
    menu_label = gettext_lazy("Заявители")
    menu_order = 400
    index_view_class = ApplicantIndexView
    inspect_view_class = ApplicantInspectView
    filterset_class = ApplicantFilterSet
    search_fields = ["last_name"]
    list_per_page = 50
    export_filename = "zayaviteli"
    list_export = ["__str__", "legal_form_short", "user.email", "phone", "applications_count", "created_at"]
    export_headings = {
        "__str__": gettext_lazy("Заявитель"),
        "legal_form_short": gettext_lazy("Правовая форма"),
        "user.email": gettext_lazy("Email"),
        "phone": gettext_lazy("Телефон"),
        "applications_count": gettext_lazy("Заявок"),
        "created_at": gettext_lazy("Зарегистрирован"),
    }

    @cached_property
    def list_display(self):
        return [
            Column("display_name", label=_("Заявитель"), accessor="__str__"),
            Column("legal_form", label=_("Правовая форма"), accessor="legal_form_short"),
            Column("email", label=_("Email"), accessor="user.email"),
            Column("phone", label=_("Телефон"), accessor="phone"),
            Column("applications_count", label=_("Заявок"), accessor="applications_count"),
            BooleanColumn("created_by_staff", label=_("Создан сотрудником")),
            DateColumn("created_at", label=_("Зарегистрирован"), sort_key="created_at"),
        ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            application_url_name="lk_application:inspect", appeal_url_name="lk_appeal:inspect", **kwargs
        )

"""Staff side in Wagtail admin: meters and readings as ModelViewSets (filters, export, review).

``meter_viewset`` and ``reading_viewset`` are module-level so a «Личный кабинет» ViewSetGroup can
take them; wagtail_hooks.py registers them on their own until then.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from lk_plugin.core.audit import PersonalDataListMixin, PersonalDataObjectMixin
from lk_plugin.core.export import SafeSpreadsheetExportMixin

from . import flows, rules
from .admin_forms import MeterCreateForm, MeterEditForm, ReadingCreateForm, ReadingReviewForm
from .models import VALUE_FIELDS, Meter, Reading


class FlowErrorsMixin:
    """A flow's ValidationError at save time (a concurrent change) goes back to the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(None if field == "__all__" else field, errors)
            else:
                form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


# --- meters ---
class MeterFilterSet(WagtailFilterSet):
    class Meta:
        model = Meter
        fields = ["status", "tariff_count", "source"]


class MeterIndexView(PersonalDataListMixin, SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("owner__lk_profile")


class MeterCreateView(FlowErrorsMixin, generic.CreateView):
    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k != "owner"}
        meter = flows.meter_create(owner=self.form.cleaned_data["owner"], source=Meter.Source.STAFF, **data)
        log(instance=meter, action="wagtail.create", user=self.request.user)
        return meter


class MeterEditView(PersonalDataObjectMixin, FlowErrorsMixin, generic.EditView):
    def save_instance(self):
        meter = flows.meter_update(meter=self.object, actor=self.request.user, changes=self.form.cleaned_data)
        log(instance=meter, action="wagtail.edit", user=self.request.user)
        return meter


class MeterViewSet(ModelViewSet):
    model = Meter
    icon = "tasks"
    menu_label = _("Приборы учёта")
    add_to_admin_menu = False  # shown in the «Личный кабинет» group (lk_plugin.staff.viewsets)
    menu_order = 310
    index_view_class = MeterIndexView
    add_view_class = MeterCreateView
    edit_view_class = MeterEditView
    copy_view_enabled = False
    list_display = ["__str__", "owner_name", "address", "tariff_count", "verification_due", "status"]
    filterset_class = MeterFilterSet
    search_fields = ["serial_number", "meter_type", "address", "account_number", "owner__email"]
    list_export = [
        "meter_type",
        "serial_number",
        "owner.email",
        "get_tariff_count_display",
        "address",
        "account_number",
        "verification_due",
        "get_status_display",
    ]
    export_headings = {
        "meter_type": _("Тип"),
        "serial_number": _("Заводской номер"),
        "owner.email": _("Email заявителя"),
        "get_tariff_count_display": _("Тарифы"),
        "address": _("Адрес установки"),
        "account_number": _("Лицевой счёт"),
        "verification_due": _("Поверка до"),
        "get_status_display": _("Статус"),
    }
    export_filename = "pribory-ucheta"

    def get_form_class(self, for_update=False):
        return MeterEditForm if for_update else MeterCreateForm


# --- readings ---
class ReadingFilterSet(WagtailFilterSet):
    taken_on = django_filters.DateFromToRangeFilter(label=_("Период"), widget=DateRangePickerWidget)
    meter = django_filters.ModelChoiceFilter(
        label=_("Прибор учёта"), queryset=Meter.objects.exclude(status=Meter.Status.RETIRED)
    )

    class Meta:
        model = Reading
        fields = ["taken_on", "meter", "source", "status"]


class ReadingIndexView(PersonalDataListMixin, SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("meter__owner__lk_profile")


class ReadingCreateView(FlowErrorsMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        reading = flows.reading_create(
            meter=data["meter"],
            actor=self.request.user,
            values=self.form.values(),
            taken_on=data["taken_on"],
            source=Reading.Source.STAFF,
            reset=data.get("reset") or "",
        )
        log(instance=reading, action="wagtail.create", user=self.request.user)
        return reading


class ReadingReviewView(PersonalDataObjectMixin, generic.EditView):
    personal_data_subject = "meter.owner"
    page_title = _("Рассмотрение показаний")
    submit_button_label = _("Сохранить решение")
    success_message = _("Решение по показаниям «%(object)s» сохранено, заявитель уведомлён.")
    template_name = "lk_plugin/metering/admin/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reading = self.object
        previous = flows.previous_reading(reading.meter, reading.taken_on, exclude_pk=reading.pk)
        if previous is not None and previous.taken_on == reading.taken_on and previous.pk > reading.pk:
            previous = None
        context["previous_reading"] = previous
        if previous is not None:
            context["consumption"] = [
                f"{rules.consumption(b, v, reset=reading.reset, max_value=reading.meter.max_value):.2f}".replace(
                    ".", ","
                )
                for b, v in zip(previous.values, reading.values, strict=False)
            ]
        return context

    def save_instance(self):
        reading = flows.reading_review(
            reading=self.object,
            actor=self.request.user,
            status=self.form.cleaned_data["status"],
            reason=self.form.cleaned_data.get("review_reason") or "",
        )
        log(instance=reading, action="wagtail.edit", user=self.request.user)
        return reading


class ReadingViewSet(ModelViewSet):
    model = Reading
    icon = "form"
    menu_label = _("Показания")
    add_to_admin_menu = False  # shown in the «Личный кабинет» group (lk_plugin.staff.viewsets)
    menu_order = 311
    index_view_class = ReadingIndexView
    add_view_class = ReadingCreateView
    edit_view_class = ReadingReviewView
    copy_view_enabled = False
    list_display = ["__str__", "owner_name", "values_display", "source", "status"]
    filterset_class = ReadingFilterSet
    search_fields = ["meter__serial_number", "meter__owner__email"]
    ordering = ["-taken_on", "-pk"]
    list_export = [
        "taken_on",
        "meter.meter_type",
        "meter.serial_number",
        "meter.owner.email",
        *VALUE_FIELDS,
        "get_source_display",
        "get_status_display",
        "get_reset_display",
        "review_reason",
    ]
    export_headings = {
        "taken_on": _("Дата"),
        "meter.meter_type": _("Тип прибора"),
        "meter.serial_number": _("Заводской номер"),
        "meter.owner.email": _("Email заявителя"),
        "value_t1": _("Т1"),
        "value_t2": _("Т2"),
        "value_t3": _("Т3"),
        "get_source_display": _("Источник"),
        "get_status_display": _("Статус"),
        "get_reset_display": _("Сброс"),
        "review_reason": _("Причина решения"),
    }
    export_filename = "pokazaniya"

    def get_form_class(self, for_update=False):
        return ReadingReviewForm if for_update else ReadingCreateForm


meter_viewset = MeterViewSet("lk_meters")
reading_viewset = ReadingViewSet("lk_readings")

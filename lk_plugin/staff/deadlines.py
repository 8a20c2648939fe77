"""Production calendar and review terms: plain editable viewsets."""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lk_plugin.applications.models import ReviewTerm
from lk_plugin.core.models import CalendarDay


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    name = "lk_calendar"
    icon = "date"
    menu_label = gettext_lazy("Производственный календарь")
    menu_order = 500
    form_fields = ["date", "kind", "note"]
    list_filter = ["kind"]
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 100

    @cached_property
    def list_display(self):
        return [
            Column(
                "date", label=_("Дата"), accessor=lambda d: d.date.strftime("%d.%m.%Y (%a)"), sort_key="date"
            ),
            Column("kind", label=_("Тип"), accessor="get_kind_display"),
            "note",
        ]


class ReviewTermViewSet(ModelViewSet):
    model = ReviewTerm
    name = "lk_review_term"
    icon = "time"
    menu_label = gettext_lazy("Сроки рассмотрения")
    menu_order = 600
    form_fields = ["kind", "legal_form", "power_band", "days", "working_days", "title"]
    list_filter = ["kind", "working_days"]
    copy_view_enabled = False
    add_to_reference_index = False

    @cached_property
    def list_display(self):
        return [
            Column("kind", label=_("Вид заявки"), accessor="kind"),
            Column(
                "legal_form",
                label=_("Правовая форма"),
                accessor=lambda t: t.get_legal_form_display() or _("любая"),
            ),
            Column("power_band", label=_("Мощность"), accessor=lambda t: t.power_band or _("любая")),
            Column("days", label=_("Срок"), accessor=lambda t: str(t)),
            "title",
        ]

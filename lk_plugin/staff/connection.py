"""The connection board in the Wagtail admin: stages, overdue, payment status; stage moves; XLSX export."""

import django_filters
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import ModelLogEntry

from lk_plugin.connection.flows import stages as stage_flows
from lk_plugin.connection.flows.billing import payment_register
from lk_plugin.connection.models import (
    ConnectionProcess,
    ConnectionScheme,
    Invoice,
    StageDefinition,
    TuNotice,
)
from lk_plugin.connection.selectors import tracker
from lk_plugin.core.formatting import format_number

from . import connection_forms as forms
from .applications import applicant_label
from .audit import log_personal_data_access
from .base import ActionInspectView, ProcessingViewSet


def invoice_status(process) -> str:
    invoices = list(process.application.invoices.all())
    if not invoices:
        return _("счёт не выставлен")
    return "; ".join(
        f"{i.number}: {i.get_status_display()} ({format_number(i.paid_amount, 2)} из {format_number(i.amount, 2)} ₽)"
        for i in invoices
    )


def is_stage_overdue(process, today=None) -> bool:
    today = today or timezone.localdate()
    return bool(process.current_stage_id and process.stage_due_date and process.stage_due_date < today)


class ConnectionFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(label=gettext_lazy("Этап"), method="filter_stage", choices=())
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Срок этапа истёк"), method="filter_overdue", widget=BooleanRadioSelect
    )
    scheme = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Категория"), queryset=ConnectionScheme.objects.all()
    )

    class Meta:
        model = ConnectionProcess
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(StageDefinition.objects.order_by("order").values_list("code", "name"))
        self.filters["stage"].extra["choices"] = [*names.items(), ("done", _("Завершено"))]

    def filter_stage(self, queryset, name, value):
        if value == "done":
            return queryset.filter(current_stage__isnull=True)
        return queryset.filter(current_stage__code=value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue(timezone.localdate())
        if value is True:
            return overdue
        if value is False:
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class StageDueColumn(Column):
    def get_value(self, instance):
        if instance.stage_due_date is None:
            return "—"
        text = instance.stage_due_date.strftime("%d.%m.%Y")
        if is_stage_overdue(instance):
            return format_html(
                '{} <span class="w-status w-status--label lk-overdue">{}</span>', text, _("просрочен")
            )
        return text


class ConnectionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            ConnectionProcess.objects.select_related(
                "application__owner__lk_profile", "application__kind", "scheme", "current_stage"
            )
            .prefetch_related(Prefetch("application__invoices", queryset=Invoice.objects.order_by("pk")))
            .order_by(F("stage_due_date").asc(nulls_last=True), "pk")
        )

    def to_row_dict(self, item):
        return export_row(item)


def export_row(process) -> dict:
    stages = list(process.scheme.stages.all())
    number = next((i for i, s in enumerate(stages, 1) if s.pk == process.current_stage_id), len(stages))
    return {
        "number": process.application.number,
        "applicant": applicant_label(process.application),
        "scheme": str(process.scheme),
        "stage": process.current_stage.name if process.current_stage else _("Завершено"),
        "stage_number": f"{number}/{len(stages)}",
        "stage_due_date": process.stage_due_date,
        "overdue": _("да") if is_stage_overdue(process) else _("нет"),
        "contract_concluded_on": process.contract_concluded_on,
        "payment": invoice_status(process),
    }


class ConnectionInspectView(ActionInspectView):
    template_name = "lk_plugin/staff/connection_inspect.html"
    page_title = gettext_lazy("Ход присоединения")
    any_permission_required = ["view", "change"]
    action_forms = {"advance": "do_advance", "offer": "do_offer", "act": "do_act", "payment": "do_payment"}

    def get_object(self, queryset=None):
        return get_object_or_404(
            ConnectionProcess.objects.select_related(
                "application__owner__lk_profile", "application__kind", "scheme", "current_stage"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.application.number

    def logs_personal_data(self) -> bool:
        return False  # logged in get() against the application's owner (the process has no owner)

    def get(self, request, *args, **kwargs):
        application = self.object.application
        log_personal_data_access(user=request.user, subject=application.owner, obj=application)
        return super().get(request, *args, **kwargs)

    def get_action_form(self, name, data=None, files=None):
        application = self.object.application
        kwargs = {"data": data, "files": files, "initial": {"version": application.version}, "prefix": name}
        if name == "offer":
            return forms.OfferForm(**kwargs)
        if name == "act":
            return forms.ActForm(**kwargs)
        if name == "payment":
            return forms.ManualPaymentForm(
                data=data,
                prefix=name,
                invoices=Invoice.objects.filter(
                    application=application, status__in=["issued", "partially_paid"]
                ),
            )
        return forms.StageAdvanceForm(**kwargs)

    def forms_context(self):
        forms_by_name = super().forms_context()
        stage = self.object.current_stage
        if stage is None:
            return {}
        if "contract_terms" not in (stage.documents or []):
            forms_by_name.pop("offer", None)
        if "act" not in (stage.documents or []):
            forms_by_name.pop("act", None)
        if not Invoice.objects.filter(
            application=self.object.application, status__in=["issued", "partially_paid"]
        ).exists():
            forms_by_name.pop("payment", None)
        return forms_by_name

    def do_advance(self, form):
        stage_flows.stage_advance(
            application=self.object.application,
            actor=self.request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Заявка переведена на следующий этап, заявитель уведомлён.")

    def do_offer(self, form):
        data = form.cleaned_data
        invoice = stage_flows.offer_place(
            application=self.object.application,
            actor=self.request.user,
            contract_file=data["contract_file"],
            tu_file=data["tu_file"],
            instructions_file=data.get("instructions_file"),
            amount=data["amount"],
            schedule=data["schedule"],
            expected_version=data["version"],
        )
        return _("Размещены условия договора, ТУ и счёт %(number)s.") % {"number": invoice.number}

    def do_act(self, form):
        stage_flows.act_place(
            application=self.object.application,
            actor=self.request.user,
            file=form.cleaned_data["file"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Акт размещён для подписания.")

    def do_payment(self, form):
        data = form.cleaned_data
        payment_register(
            invoice=data["invoice"],
            amount=data["amount"],
            paid_on=data["paid_on"],
            source="manual",
            reason=data["reason"],
            actor=self.request.user,
        )
        return _("Платёж записан.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        process = self.object
        application = process.application
        context.update(
            process=process,
            application=application,
            applicant=applicant_label(application),
            tracker=tracker(process),
            invoices=list(application.invoices.prefetch_related("schedule", "payments")),
            notices=list(TuNotice.objects.filter(application=application).prefetch_related("files")),
            log_entries=list(
                ModelLogEntry.objects.for_instance(application)
                .select_related("user")
                .order_by("-timestamp")[:30]
            ),
        )
        return context


class ConnectionViewSet(ProcessingViewSet):
    model = ConnectionProcess
    name = "lk_connection_board"
    icon = "list-ol"
    menu_label = gettext_lazy("Этапы присоединения")
    menu_order = 110
    add_to_admin_menu = False
    index_view_class = ConnectionIndexView
    inspect_view_class = ConnectionInspectView
    filterset_class = ConnectionFilterSet
    list_per_page = 50
    export_filename = "prisoedinenie"
    list_export = [
        "number",
        "applicant",
        "scheme",
        "stage",
        "stage_number",
        "stage_due_date",
        "overdue",
        "contract_concluded_on",
        "payment",
    ]
    export_headings = {
        "number": gettext_lazy("Номер заявки"),
        "applicant": gettext_lazy("Заявитель"),
        "scheme": gettext_lazy("Категория"),
        "stage": gettext_lazy("Текущий этап"),
        "stage_number": gettext_lazy("Этап"),
        "stage_due_date": gettext_lazy("Срок этапа"),
        "overdue": gettext_lazy("Просрочен"),
        "contract_concluded_on": gettext_lazy("Договор заключён"),
        "payment": gettext_lazy("Оплата"),
    }

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "number",
                label=_("Заявка"),
                accessor=lambda p: p.application.number,
                get_url=lambda p: reverse("lk_connection_board:inspect", args=[p.pk]),
            ),
            Column("applicant", label=_("Заявитель"), accessor=lambda p: applicant_label(p.application)),
            Column("scheme", label=_("Категория"), accessor="scheme"),
            Column(
                "stage",
                label=_("Этап"),
                accessor=lambda p: p.current_stage.name if p.current_stage else _("Завершено"),
            ),
            StageDueColumn("stage_due_date", label=_("Срок этапа"), sort_key="stage_due_date"),
            Column("payment", label=_("Оплата"), accessor=invoice_status),
        ]


class StageDefinitionViewSet(ModelViewSet):
    model = StageDefinition
    name = "lk_stage_definition"
    icon = "list-ol"
    menu_label = gettext_lazy("Этапы по категориям")
    menu_order = 520
    form_fields = [
        "scheme",
        "order",
        "code",
        "name",
        "actor",
        "term_days",
        "term_unit",
        "term_from",
        "documents",
        "applicant_actions",
        "description",
        "legal_basis",
    ]
    list_display = ["scheme", "order", "name", "actor", "term_label"]
    list_filter = ["scheme"]
    copy_view_enabled = False
    add_to_reference_index = False


class ConnectionSchemeViewSet(ModelViewSet):
    model = ConnectionScheme
    name = "lk_connection_scheme"
    icon = "folder-inverse"
    menu_label = gettext_lazy("Схемы присоединения")
    menu_order = 510
    form_fields = [
        "kind",
        "code",
        "title",
        "legal_forms",
        "power_bands",
        "allows_instalments",
        "legal_basis",
        "ordering",
    ]
    list_display = ["title", "kind", "allows_instalments"]
    copy_view_enabled = False
    add_to_reference_index = False


def stage_counts(today=None) -> dict:
    today = today or timezone.localdate()
    from django.db.models import Count

    per_stage = list(
        ConnectionProcess.objects.filter(current_stage__isnull=False)
        .values("current_stage__code", "current_stage__name")
        .annotate(n=Count("pk"))
        .order_by("current_stage__order")
    )
    merged: dict = {}
    for row in per_stage:
        key = row["current_stage__code"]
        merged.setdefault(key, {"code": key, "name": row["current_stage__name"], "count": 0})["count"] += row[
            "n"
        ]
    return {"stages": list(merged.values()), "overdue": ConnectionProcess.objects.overdue(today).count()}


class ConnectionPanel(Component):
    name = "lk_connection"
    order = 60
    template_name = "lk_plugin/staff/connection_panel.html"

    def get_context_data(self, parent_context=None):
        return {**stage_counts(), "index_url": reverse("lk_connection_board:index")}


def add_connection_panel(request, panels):
    if request.user.has_perm("lk_connection.view_connectionprocess") or request.user.has_perm(
        "lk_connection.change_connectionprocess"
    ):
        panels.append(ConnectionPanel())

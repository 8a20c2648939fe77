from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lk_plugin.core.audit import PersonalDataListMixin
from lk_plugin.core.viewsets import LimitedViewSetMixin

from . import admin_views
from .models import Outage, OutageImport, OutageSubscription


class OutageViewSet(ModelViewSet):
    model = Outage
    name = "lk_outages_admin"
    icon = "warning"
    menu_label = _("Отключения")
    index_view_class = admin_views.OutageIndexView
    list_display = [
        "address",
        "district",
        "starts_at",
        "ends_at",
        "kind",
        "status",
        BooleanColumn("is_published", label=_("Опубликовано")),
    ]
    list_filter = ["kind", "status", "is_published", "district"]
    search_fields = ["street", "houses", "district", "external_key", "feeder"]
    ordering = ["-starts_at"]
    copy_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("is_published")]),
            MultiFieldPanel(
                [FieldPanel("district"), FieldPanel("street"), FieldPanel("houses"), FieldPanel("feeder")],
                heading=_("Где"),
            ),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Когда (МСК)")),
            FieldPanel("reason"),
            FieldPanel("external_key"),
        ],
        base_form_class=admin_views.OutageAdminForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", admin_views.ImportView.as_view(), name="import"),
            path("import/<int:pk>/", admin_views.ImportReportView.as_view(), name="import_report"),
            path("import/template.<str:fmt>", admin_views.template_download, name="import_template"),
        ]


class OutageImportViewSet(LimitedViewSetMixin, ModelViewSet):
    model = OutageImport
    name = "lk_outage_imports"
    icon = "list-ul"
    menu_label = _("Журнал импорта")
    list_display = [
        "file_name",
        "status",
        "uploaded_by",
        "created_at",
        "created_count",
        "updated_count",
        "unchanged_count",
    ]
    list_filter = ["status"]
    form_fields = []
    inspect_view_enabled = True
    inspect_view_fields = [
        "file_name",
        "status",
        "uploaded_by",
        "created_at",
        "committed_at",
        "row_count",
        "created_count",
        "updated_count",
        "unchanged_count",
    ]
    copy_view_enabled = False
    enabled_views = {"index", "index_results", "inspect"}


class OutageSubscriptionIndexView(PersonalDataListMixin, generic.IndexView):
    """Subscribers' addresses are personal data: opening the list is logged."""


class OutageSubscriptionViewSet(LimitedViewSetMixin, ModelViewSet):
    model = OutageSubscription
    index_view_class = OutageSubscriptionIndexView
    name = "lk_outage_subscriptions"
    icon = "mail"
    menu_label = _("Подписки на отключения")
    list_display = ["email", "address", "created_at", "confirmed_at"]
    search_fields = ["email", "address"]
    form_fields = ["email", "address"]
    copy_view_enabled = False
    enabled_views = {"index", "index_results", "delete"}


class OutagesAndRatesGroup(ViewSetGroup):
    menu_label = _("Отключения и тарифы")
    menu_icon = "warning"
    menu_order = 300

    def __init__(self):
        items = [OutageViewSet(), OutageImportViewSet(), OutageSubscriptionViewSet()]
        # Siblings join the group through a hook, not an import (the calculator's rate tables).
        for fn in hooks.get_hooks("register_lk_outages_group_item"):
            items.append(fn())
        self.items = items
        super().__init__()


@hooks.register("register_admin_viewset")
def register_outages_group():
    return OutagesAndRatesGroup()

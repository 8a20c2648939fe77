from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .models import RateTable


class RateTableViewSet(ModelViewSet):
    model = RateTable
    name = "lk_rate_tables"
    icon = "table"
    menu_label = _("Ставки платы за ТП")
    list_display = [
        "title",
        "region",
        "year",
        BooleanColumn("is_published", label=_("Опубликована")),
        "updated_at",
    ]
    list_filter = ["region", "year", "is_published"]
    search_fields = ["title", "region", "source"]
    copy_view_enabled = True

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_item_label=_("Добавить таблицу ставок"), **kwargs)


@hooks.register("register_admin_viewset")
def register_rate_tables():
    # With the outages app installed the rates live in its «Отключения и тарифы» group.
    if not apps.is_installed("lk_plugin.outages"):
        return RateTableViewSet()
    return []


@hooks.register("register_lk_outages_group_item")
def rate_tables_in_outages_group():
    return RateTableViewSet()

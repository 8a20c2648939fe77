"""Staff queues at a million rows: the page count never reads more than LK_STAFF_COUNT_CAP rows.

Wagtail's paginator counts every matching row on every page view; with 1,000,000 applications that
count is most of the page's time. Counting up to the cap (``SELECT COUNT(*) FROM (… LIMIT cap+1)``,
without ORDER BY) costs the same for 10,000 rows or 1,000,000; beyond it the list says «более …»
and offers the first cap rows page by page — filters and search narrow the rest.
"""

from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator

from lk_plugin.app_settings import app_settings


class CappedCountPaginator(WagtailPaginator):
    @cached_property
    def cap(self) -> int:
        return int(app_settings.STAFF_COUNT_CAP)

    @cached_property
    def _bounded_count(self) -> int:
        rows = self.object_list
        if hasattr(rows, "order_by"):
            return rows.order_by()[: self.cap + 1].count()
        return len(rows)

    @cached_property
    def capped(self) -> bool:
        return self._bounded_count > self.cap

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @cached_property
    def items_count_label(self):
        if self.capped:
            return _("более %(count)s (%(name)s) — уточните фильтры или поиск") % {
                "count": number_format(self.cap, force_grouping=True),
                "name": self.verbose_name_plural,
            }
        return super().items_count_label

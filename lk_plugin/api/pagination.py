"""Page/page_size pagination of cabinet lists (page size defaults to LK_PAGE_SIZE)."""

from django.core.paginator import Paginator
from ninja import Field, Schema

from lk_plugin.app_settings import app_settings

MAX_PAGE_SIZE = 100


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Номер страницы, с 1")
    page_size: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Строк на странице (по умолчанию LK_PAGE_SIZE)"
    )


class PageMeta(Schema):
    count: int
    page: int
    page_size: int
    pages: int


def paginate(queryset, query: PageQuery):
    """(objects of the page, PageMeta dict); a page past the end gives the last page."""
    size = query.page_size or app_settings.PAGE_SIZE
    paginator = Paginator(queryset, size)
    page_obj = paginator.get_page(query.page)
    meta = {
        "count": paginator.count,
        "page": page_obj.number,
        "page_size": size,
        "pages": paginator.num_pages,
    }
    return list(page_obj.object_list), meta

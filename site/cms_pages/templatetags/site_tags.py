from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("cms_pages/menu.html", takes_context=True)
def site_menu(context):
    """Live child pages of the site root that editors marked «Показывать в меню»."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    root = site.root_page if site else None
    pages = root.get_children().live().in_menu().specific() if root else []
    current = context.get("page")
    return {"root": root, "pages": pages, "current": current, "request": request}

"""Panels other feature apps add to the applicant's application page (a seam: applications does not
import them). A panel is ``func(request, application) -> str`` (rendered HTML, or "" to show nothing);
feature apps register theirs in ``AppConfig.ready``."""

from django.utils.safestring import mark_safe

_panels: list = []


def register_detail_panel(func):
    if func not in _panels:
        _panels.append(func)
    return func


def render_detail_panels(request, application) -> list[str]:
    rendered = (panel(request, application) for panel in _panels)
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 - panels render templates

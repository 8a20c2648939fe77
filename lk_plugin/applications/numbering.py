"""Application numbers from templates like ``{seq}ТП/{legal_form}/{connection}/{power_band}/ЛК``."""

import string

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.core.numbering import next_value


class _Lenient(dict):
    def __missing__(self, key):
        return ""


def template_for(application) -> str:
    page = application.form_page.specific if application.form_page_id else None
    custom = getattr(page, "number_template", "") or ""
    templates = app_settings.NUMBER_TEMPLATES
    return custom or templates.get(application.kind.code) or templates["default"]


def render_number(template: str, context: dict) -> str:
    """Fill *template*; unknown placeholders become empty (an editor's typo never breaks a submit)."""
    return string.Formatter().vformat(template, (), _Lenient(context)).strip()


def sequence_key(application) -> str:
    return f"application:{application.kind.code}"


def next_number(application) -> str:
    """Take the next sequence value (locked row, inside the caller's transaction) and render."""
    from .models import Application

    template = template_for(application)
    context = get_adapter().number_context(application)
    while True:
        number = render_number(template, {**context, "seq": next_value(sequence_key(application))})
        # A template without {seq} or an imported number could collide: skip taken values.
        if not Application.objects.filter(number=number).exists():
            return number

"""Application numbers from templates like ``{seq}ТП/{legal_form}/{connection}/{power_band}/ЛК``."""

import logging
import string

from django.db import IntegrityError, transaction

from lk_plugin.adapter import get_adapter
from lk_plugin.app_settings import app_settings
from lk_plugin.core.numbering import next_value

logger = logging.getLogger("lk_plugin.numbering")

#: How many times a rendered number that turned out to be taken is replaced by the next one.
NUMBER_ATTEMPTS = 5


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


def assign_number(application, *, update_fields) -> str:
    """Number *application* and save it (with *update_fields*) inside a savepoint.

    The UNIQUE constraint on ``number`` is the last guard: when a concurrent transaction committed
    the same rendered number first (a template without ``{seq}``, two kinds sharing one template,
    imported numbers), the savepoint is rolled back and the next value is taken — bounded.
    """
    from .models import Application

    fields = list(dict.fromkeys([*update_fields, "number"]))
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        application.number = next_number(application)
        try:
            with transaction.atomic():
                application.save(update_fields=fields)
            return application.number
        except IntegrityError:
            taken = Application.objects.filter(number=application.number).exclude(pk=application.pk)
            if attempt == NUMBER_ATTEMPTS or not taken.exists():
                raise
            logger.warning("number %s was taken concurrently; taking the next one", application.number)
    raise AssertionError("unreachable")  # pragma: no cover

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
#: How many taken numbers one lookup skips before giving up (a template without ``{seq}``).
SKIP_LIMIT = 100


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


def next_number(application, *, skip_taken: bool = True) -> str:
    """Take the next sequence value (locked row, inside the caller's transaction) and render.

    With *skip_taken*, values whose rendered number already exists are skipped (a template without
    ``{seq}``, two kinds sharing one template, imported numbers); without it the caller relies on the
    UNIQUE constraint and asks again with *skip_taken* after a collision."""
    from .models import Application

    template = template_for(application)
    context = get_adapter().number_context(application)
    key = sequence_key(application)
    for _ in range(SKIP_LIMIT):
        number = render_number(template, {**context, "seq": next_value(key)})
        if not skip_taken or not Application.objects.filter(number=number).exists():
            return number
    raise IntegrityError(f"no free number for template {template!r} after {SKIP_LIMIT} values")


def assign_number(application, *, update_fields) -> str:
    """Number *application* and save it (with *update_fields*) inside a savepoint.

    The UNIQUE constraint on ``number`` is the guard: the first attempt saves the rendered number
    without looking it up (the usual case: the sequence never repeats). When the number was taken —
    by a concurrent transaction that committed it first, or by an imported application — the
    savepoint is rolled back and the next free value is taken, skipping taken numbers — bounded.
    """
    from .models import Application

    fields = list(dict.fromkeys([*update_fields, "number"]))
    for attempt in range(1, NUMBER_ATTEMPTS + 1):
        application.number = next_number(application, skip_taken=attempt > 1)
        try:
            with transaction.atomic():
                application.save(update_fields=fields)
            return application.number
        except IntegrityError:
            taken = Application.objects.filter(number=application.number).exclude(pk=application.pk)
            if attempt == NUMBER_ATTEMPTS or not taken.exists():
                raise
            logger.warning("number %s is taken; taking the next free one", application.number)
    raise AssertionError("unreachable")  # pragma: no cover

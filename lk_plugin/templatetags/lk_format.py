"""Template filters for numbers and identifiers in Russian notation (see lk_plugin.core.formatting)."""

from django import template

from lk_plugin.core.formatting import format_megabytes, format_number, format_snils

register = template.Library()


@register.filter
def lk_number(value, places=None):
    """{{ 15.5|lk_number }} → «15,5»; {{ 5|lk_number:1 }} → «5,0»."""
    return format_number(value, None if places in (None, "") else int(places))


@register.filter
def lk_megabytes(size_bytes):
    return format_megabytes(size_bytes)


@register.filter
def lk_snils(value):
    return format_snils(value)

"""Template filters of the goal pages."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value: Any) -> str:
    """A measured value without trailing zeros, in the locale's format (12.50 -> 12,5)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
    return str(number_format(value, use_l10n=True))

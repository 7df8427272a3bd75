"""``{% load richtext %}``: ``{{ value|richtext }}`` renders sanitised rich text, ``|plaintext`` strips it."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from samverka.platform.core import richtext as rich

register = template.Library()


@register.filter(name="richtext")
def richtext_filter(value: Any) -> SafeString:
    return rich.render(value)


@register.filter(name="plaintext")
def plaintext_filter(value: Any) -> str:
    return rich.to_plain(value)

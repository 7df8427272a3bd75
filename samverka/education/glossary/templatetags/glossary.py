"""``{% load glossary %}{% glossary_terms "validation" %}``: the terms of a topic in a ``<details>`` box.

Other apps put it beside their forms and on their public pages so a reader sees what *this* platform,
and each actor, means by the words on the page. ``terms="validering,kartlaggning"`` narrows it to
some terms; ``open=True`` shows the box opened.
"""

from typing import Any

from django import template

from samverka.education.glossary import selectors

register = template.Library()


@register.inclusion_tag("glossary/_terms_box.html")
def glossary_terms(topic: str = "", terms: str = "", open: bool = False) -> dict[str, Any]:  # noqa: A002
    slugs = tuple(slug.strip() for slug in terms.split(",") if slug.strip())
    found = selectors.topics().filter(slug=topic).first() if topic else None
    return {
        "topic": found,
        "topic_slug": topic,
        "terms": list(selectors.terms(topic=topic, slugs=slugs)),
        "open": open,
    }

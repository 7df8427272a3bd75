"""Rich text of agendas and minutes: a small, safe subset of HTML.

Everything stored in a :class:`RichTextField` is cleaned with nh3 (the Rust
``ammonia`` sanitiser) when it is saved, and once more when it is rendered
with the ``richtext`` filter. Only a handful of formatting tags survive; no
script, no style, no event handler attributes and only http(s) and mailto
links. Text without any tag (what people type into a plain text area) is
turned into paragraphs, so nobody has to write HTML.
"""

import re
from html import unescape
from typing import Any

import nh3
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "a", "blockquote", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Tags whose content is dropped with them (not just unwrapped).
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)
_TAG = re.compile(r"<[a-zA-Z!/]")


def plain_to_html(text: str) -> str:
    """Paragraphs from blank lines and line breaks from single newlines, with the text escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def sanitise(value: Any) -> str:
    """The safe HTML for ``value`` (HTML or plain text); an empty string for nothing."""
    if value is None:
        return ""
    text = str(value)
    if not text.strip():
        return ""
    if not _TAG.search(text):
        text = plain_to_html(text)
    cleaned: str = nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
    if cleaned and not _TAG.search(cleaned):
        # Only unknown tags were dropped: keep the (already escaped) text as a paragraph, so that
        # cleaning it again does not read it as plain text and escape it twice.
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


def render(value: Any) -> SafeString:
    """Sanitised HTML marked safe for a template (the stored value is cleaned again: defence in depth)."""
    return mark_safe(sanitise(value))  # noqa: S308 (cleaned by nh3 on the line above)


def to_plain(value: Any) -> str:
    """The text of rich text without tags, for e-mails, calendar descriptions and search."""
    cleaned = sanitise(value)
    cleaned = re.sub(r"</(p|h3|h4|blockquote)>", "\n\n", cleaned)  # a blank line between paragraphs
    cleaned = re.sub(r"</li>|<br\s*/?>", "\n", cleaned)
    text = nh3.clean(cleaned, tags=set())
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()


class RichTextField(models.TextField):  # type: ignore[type-arg]
    """A text field whose value is always sanitised before it reaches the database."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = sanitise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return sanitise(value) if isinstance(value, str) else value

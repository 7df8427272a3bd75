"""A4 PDF documents rendered from Django templates with WeasyPrint; knows no domain.

A document template extends the shared A4 base ``pdf/base.html`` (page size,
margins, page numbers in the footer through ``@page`` rules) or an app's own
base that extends it, e.g. ``meetings/pdf/base.html``. WeasyPrint needs Pango
(Debian: libpango-1.0-0, libpangoft2-1.0-0).
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"PDF rendering does not fetch {url!r}")


def render_document(template_name: str, context: dict[str, Any]) -> Any:
    """The laid-out WeasyPrint document (pages and boxes) of ``template_name``."""
    from weasyprint import HTML  # imported late: loading Pango costs time at start-up

    html = render_to_string(template_name, {"language_code": translation.get_language(), **context})
    # Nothing is fetched: the styles are inline, and text written by users never loads a resource.
    return HTML(string=html, base_url=None, url_fetcher=_refuse).render()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The PDF of ``template_name`` rendered with ``context`` (in the active language)."""
    return render_document(template_name, context).write_pdf()  # type: ignore[no-any-return]


def page_texts(document: Any) -> list[str]:
    """The text drawn on each page of a rendered document, margin boxes included (for tests)."""

    def walk(box: Any) -> list[str]:
        texts = [box.text] if hasattr(box, "text") and isinstance(box.text, str) else []
        for child in getattr(box, "children", ()):
            texts.extend(walk(child))
        return texts

    return [" ".join(walk(page._page_box)) for page in document.pages]

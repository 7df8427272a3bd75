"""Read a form off a rendered page the way a browser submits it (for "opens pre-filled" tests)."""

from typing import Any

import lxml.html


def page_form(html: bytes | str, *, action: str | None = None) -> Any:
    """The page's POST form in <main>: the one whose action ends with ``action`` when given (``""``: the
    form posting to the page itself), else the first POST form with fields besides the CSRF token."""
    tree = lxml.html.fromstring(html)
    forms = [f for f in tree.xpath("//main//form") if (f.get("method") or "get").lower() == "post"]
    if action == "":
        forms = [f for f in forms if not f.get("action")]
    elif action is not None:
        forms = [f for f in forms if (f.get("action") or "").endswith(action)]
    forms = [f for f in forms if any(name != "csrfmiddlewaretoken" for name, _value in _successful(f))]
    assert forms, f"no POST form{f' to {action}' if action else ''} on the page"
    return forms[0]


def _successful(form: Any) -> list[tuple[str, str]]:
    """The (name, value) pairs a browser submits for ``form`` untouched (HTML's "successful controls")."""
    pairs: list[tuple[str, str]] = []
    for element in form.xpath(".//input|.//select|.//textarea"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.tag == "textarea":
            value = element.text or ""
            pairs.append((name, value[1:] if value.startswith("\n") else value))  # a browser drops it
        elif element.tag == "select":
            options = element.xpath(".//option")
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and options and element.get("multiple") is None:
                chosen = options[:1]
            pairs.extend((name, o.get("value", o.text_content())) for o in chosen)
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    pairs.append((name, element.get("value", "on")))
                continue
            pairs.append((name, element.get("value", "")))
    return pairs


def form_values(html: bytes | str, *, action: str | None = None) -> dict[str, Any]:
    """What a browser sends for the form as it opens: text and hidden inputs (empty ones too), checked
    boxes and radios, selected options (a single select with none selected sends its first option),
    text areas (whose first newline a browser drops). A name given more than once maps to a list."""
    values: dict[str, Any] = {}
    for name, value in _successful(page_form(html, action=action)):
        if name in values:
            existing = values[name]
            values[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            values[name] = value
    return values


def field_names(html: bytes | str, *, action: str | None = None) -> set[str]:
    """Every named field of the form (also unchecked boxes), to check that the test covered each one."""
    form = page_form(html, action=action)
    return {
        el.get("name")
        for el in form.xpath(".//input|.//select|.//textarea")
        if el.get("name") and (el.get("type") or "").lower() not in ("submit", "button", "file")
    }

"""Every URL of Samverka declares its permission rule (NetBox-style guard).

A view that forgets to declare one fails here by name, before it can leak.
"""

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from samverka.core.permissions import PUBLIC

# Third-party routes that carry their own checks: Django admin (staff only),
# allauth (the login flows), language switching, the schema/doc views.
THIRD_PARTY = ("django.contrib.admin", "allauth", "django.views.i18n", "drf_spectacular", "django.views.static")


def walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry.callback))
    return found


def declared_rule(callback: Any) -> Any:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view is None:
        return None
    rule = getattr(view, "permission_required", None)
    if isinstance(rule, property):
        return "dynamic"
    return rule


def test_every_samverka_url_declares_a_permission_rule() -> None:
    missing = []
    checked = 0
    for route, callback in walk(get_resolver().url_patterns):
        module = getattr(callback, "__module__", "")
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        module = view.__module__ if view is not None else module
        if route.startswith("admin/") or module.startswith(THIRD_PARTY) or module.startswith("rest_framework"):
            continue
        checked += 1
        rule = declared_rule(callback)
        if not (rule is PUBLIC or isinstance(rule, str | dict) or rule == "dynamic"):
            missing.append(f"{route} → {module}")
    assert checked > 5
    assert missing == [], "URLs without a permission rule:\n" + "\n".join(missing)

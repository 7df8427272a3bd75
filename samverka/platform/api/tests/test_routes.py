"""Every API route declares its rule, for every action it routes (the API's side of
``tests/test_url_permissions.py``)."""

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from samverka.platform.api.permissions import RulesPermission, is_public
from tests.test_url_permissions import declared_rule


def api_routes(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += api_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("api/"):
            found.append((prefix + str(entry.pattern), entry.callback))
    return found


def test_every_api_view_declares_a_rule_for_each_routed_action():
    problems = []
    routes = api_routes(get_resolver().url_patterns)
    for route, callback in routes:
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if view is None:
            problems.append(f"{route}: not a class-based view")
            continue
        rule = declared_rule(callback)
        if RulesPermission not in [*view.permission_classes]:
            problems.append(f"{route}: {view.__name__} does not check RulesPermission")
        if is_public(rule) or isinstance(rule, str):
            continue
        if not isinstance(rule, dict):
            problems.append(f"{route}: {view.__name__} declares no permission_required")
            continue
        for action in getattr(callback, "actions", {}).values():
            if action not in rule:
                problems.append(f"{route}: {view.__name__} has no rule for action '{action}'")
    assert len(routes) >= 16
    assert problems == [], "\n".join(problems)


def test_write_actions_are_never_public():
    for route, callback in api_routes(get_resolver().url_patterns):
        rule = declared_rule(callback)
        for method, action in getattr(callback, "actions", {}).items():
            if method not in {"get", "head", "options"}:
                current = rule.get(action) if isinstance(rule, dict) else rule
                assert not is_public(current), f"{route}: {method} → {action} is public"

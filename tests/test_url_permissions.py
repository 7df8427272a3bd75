"""Every URL of Samverka is guarded (NetBox-style): nothing falls between the checks.

- Samverka's own views declare their permission rule; a view that forgets fails here by name.
- The Django admin and allauth's pages are walked too, every route: the admin answers anonymous
  visitors with the site's login and refuses people who are not staff; allauth's pages are public
  (or send to the login) and never fail.
- Two-factor is enforced per session on every route: a session of a person whose role requires it,
  signed in with the password alone, reaches nothing but the step-up with the code.
"""

import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import get_converters

from conftest import give_totp
from samverka.platform.accounts.testing import password_only_login
from samverka.platform.core.permissions import PUBLIC
from samverka.testing.factories import make_user

# Routes that are not views of ours and carry no rule: language switching, the schema and doc
# views, Django's static file view. The admin and allauth are walked below.
NO_RULE = ("django.views.i18n", "drf_spectacular", "django.views.static", "rest_framework")
ADMIN = "admin/"
ALLAUTH = "allauth"


def walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry))
    return found


def view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return view.__module__ if view is not None else getattr(callback, "__module__", "")


def declared_rule(callback: Any) -> Any:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view is None:
        return None
    rule = getattr(view, "permission_required", None)
    if isinstance(rule, property):
        return "dynamic"
    return rule


def routes(kind: str) -> list[tuple[str, URLPattern]]:
    """``admin``, ``allauth`` or ``samverka`` routes of the whole URL configuration."""
    found = []
    for route, pattern in walk(get_resolver().url_patterns):
        module = view_module(pattern)
        if route.startswith(ADMIN):
            found_kind = "admin"
        elif module.startswith(ALLAUTH):
            found_kind = "allauth"
        elif module.startswith(NO_RULE):
            found_kind = "no rule"
        else:
            found_kind = "samverka"
        if found_kind == kind:
            found.append((route, pattern))
    return found


# --- a concrete address for every route -----------------------------------------------------------

_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_SAMPLES = ("1", "x", "01", "0180", "2024", "accounts", str(uuid.UUID(int=1)))


def _sample(regex: str, name: str) -> str:
    """A value that ``regex`` accepts; an app label for the admin's ``app_label``."""
    candidates = list(_SAMPLES)
    if name == "app_label":
        candidates = ["accounts", *candidates]
    for candidate in candidates:
        if re.fullmatch(regex, candidate):
            return candidate
    raise AssertionError(f"no sample value for <{name}> ({regex})")


def _fill_regex_groups(text: str) -> str:
    out, i = "", 0
    while i < len(text):
        if text.startswith("(?P<", i):
            name_end = text.index(">", i)
            name = text[i + 4 : name_end]
            depth, j = 1, name_end + 1
            while depth:
                if text[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            out += _sample(text[name_end + 1 : j - 1], name)
            i = j
        elif text[i] == "\\" and i + 1 < len(text):
            out += text[i + 1]
            i += 2
        else:
            out += text[i]
            i += 1
    return out


def concrete_path(route: str) -> str:
    """A path that resolves to ``route``: each parameter replaced by a value its converter accepts."""
    converters = get_converters()

    def route_value(match: re.Match[str]) -> str:
        converter = converters[match["converter"] or "str"]
        return _sample(converter.regex, match["name"])

    path = _fill_regex_groups(re.sub(r"(?<!\[)\^|\$(?=/|$)", "", route))
    return "/" + _ROUTE_PARAMETER.sub(route_value, path)


def test_every_route_gets_a_concrete_address() -> None:
    for route, pattern in walk(get_resolver().url_patterns):
        path = concrete_path(route)
        assert resolve(path).func == pattern.callback, f"{route} → {path} resolves elsewhere"


# --- Samverka's own views ------------------------------------------------------------------------


def test_every_samverka_url_declares_a_permission_rule() -> None:
    missing = []
    samverka = routes("samverka")
    for route, pattern in samverka:
        rule = declared_rule(pattern.callback)
        if not (rule is PUBLIC or isinstance(rule, str | dict) or rule == "dynamic"):
            missing.append(f"{route} → {view_module(pattern)}")
    assert len(samverka) > 100
    assert missing == [], "URLs without a permission rule:\n" + "\n".join(missing)


def test_every_samverka_page_route_has_generated_permission_cases() -> None:
    """``tests/test_view_permissions.py`` generates anonymous / outsider / member without and with the role /
    constrained-object cases for every page route; this names, without the demo, a route it cannot fill."""
    from tests.permission_cases import OBJECTS, object_prefix, page_routes

    pages = page_routes()
    unmapped = [route for route, _pattern in pages if (prefix := object_prefix(route)) and prefix not in OBJECTS]
    assert len(pages) > 250
    assert unmapped == [], "page routes without permission cases (add them to OBJECTS):\n" + "\n".join(unmapped)


def test_routes_without_a_rule_are_only_the_known_third_party_ones() -> None:
    no_rule = routes("no rule")
    assert {view_module(p).split(".")[0] for _r, p in no_rule} <= {"django", "drf_spectacular", "rest_framework"}
    assert len(routes("admin")) > 20 and len(routes("allauth")) > 15


# --- the Django admin ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_admin_route_sends_anonymous_visitors_to_the_site_login(client: Client) -> None:
    wrong = []
    for route, _pattern in routes("admin"):
        path = concrete_path(route)
        response = client.get(path, follow=True)
        last = response.redirect_chain[-1][0] if response.redirect_chain else path
        if response.status_code != 200 or not last.startswith("/accounts/login/"):
            wrong.append(f"{path}: {response.status_code} at {last}")
    assert wrong == []


@pytest.mark.django_db
def test_every_admin_route_refuses_a_signed_in_person_who_is_not_staff(client: Client, space: Any) -> None:
    client.force_login(make_user(role_in=space, role="member"))
    wrong = []
    for route, _pattern in routes("admin"):
        path = concrete_path(route)
        response = client.get(path, follow=True)
        if response.status_code != 403:
            wrong.append(f"{path}: {response.status_code} via {response.redirect_chain}")
    assert wrong == []


@pytest.mark.django_db
def test_the_admin_opens_every_model_list_for_the_platform_admin_after_the_code(client: Client, superuser: Any) -> None:
    give_totp(superuser)
    client.force_login(superuser)
    lists = [route for route, pattern in routes("admin") if (pattern.name or "").endswith("_changelist")]
    assert len(lists) > 5
    for path in ["/admin/", *("/" + route for route in lists)]:
        assert client.get(path).status_code == 200, path


# --- allauth ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_allauth_page_is_public_or_sends_to_the_login(client: Client) -> None:
    wrong = []
    for route, _pattern in routes("allauth"):
        path = concrete_path(route)
        response = client.get(path, follow=True)
        last = response.redirect_chain[-1][0] if response.redirect_chain else path
        if response.status_code != 200:
            wrong.append(f"{path}: {response.status_code} at {last}")
    assert wrong == []


# --- two-factor per session, on every route -------------------------------------------------------

#: What a password-only session of someone who must use two-factor may still open.
STEP_UP_PAGES = {"mfa_reauthenticate", "mfa_authenticate", "account_login", "account_logout"}
ANYTIME = ("/static/", "/i18n/", "/healthz/", "/accessibility/")


@pytest.mark.django_db
def test_a_password_only_session_reaches_no_route_but_the_step_up(superuser: Any) -> None:
    give_totp(superuser)
    client = Client()
    password_only_login(client, superuser)
    wrong, checked = [], 0
    for route, pattern in walk(get_resolver().url_patterns):
        path = concrete_path(route)
        if pattern.name in STEP_UP_PAGES or path.startswith(ANYTIME):
            continue
        checked += 1
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            if path.startswith("/api/"):
                ok = response.status_code in (403, 405) and response.status_code != 200
            else:
                location = response.get("Location", "")
                ok = response.status_code == 302 and location.startswith("/accounts/2fa/reauthenticate/?next=")
            if not ok:
                wrong.append(f"{method.upper()} {path}: {response.status_code} {response.get('Location', '')}")
    assert checked > 300
    assert wrong == []

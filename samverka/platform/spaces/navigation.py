"""The space menu shown under the header on every page of a space.

The menu is grouped into the product's areas (Samverkan, Styrning, Diarium, Analys, Utbildning, Publicerat and, for
those who run the space, Administration). An entry is shown only when its page would let the person in:
the menu asks the page's own view (``has_permission()`` of its ``PermissionMixin``, with the same
permission object), so the menu and the pages can never disagree about who may use what. A section
without entries is left out.
"""

import hashlib
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from django.core.cache import cache as django_cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import get_script_prefix, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.platform.spaces.models import Space


@dataclass(frozen=True)
class Item:
    """One entry: a URL name (with the ``space`` argument unless ``in_space`` is false) and its label."""

    url_name: str
    label: Promise
    in_space: bool = True


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    items: tuple[Item, ...]
    #: URL namespaces whose pages belong to this section (marks the section as the current one).
    namespaces: tuple[str, ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section(
        "collaboration",
        pgettext_lazy("menu section", "Collaboration"),
        (
            Item("bodies:body-list", _("Bodies")),
            Item("bodies:system-overview", _("System overview")),
            Item("meetings:space-meetings", _("Meetings")),
            Item("wheels:space-wheel", _("Annual wheel")),
            Item("events:space-event-list", _("Events")),
            Item("questions:overview", _("Questions and orders")),
            Item("actors:landscape", _("Actors and landscape map")),
            Item("actors:suggestion-list", _("Correction suggestions")),
            Item("actors:organisation-list", _("Actor register"), in_space=False),
            Item("calendars:feeds", _("Calendar subscriptions"), in_space=False),
        ),
        ("bodies", "meetings", "wheels", "events", "questions", "actors", "calendars"),
    ),
    Section(
        "steering",
        pgettext_lazy("menu section", "Steering"),
        (
            Item("goals:goal-list", _("Goals")),
            Item("workplans:perspective-report", _("Work plans: horizontal perspectives")),
            Item("statusreports:round-list", _("Status reports")),
            Item("inputs:input-list", _("Inputs")),
            Item("inputs:feedback-list", _("Feedback to the regions")),
            Item("inputs:evaluation-list", _("Evaluations")),
            Item("inputs:annual-report", _("Annual report (draft)")),
        ),
        ("goals", "workplans", "statusreports", "inputs"),
    ),
    Section(
        "records",
        pgettext_lazy("menu section", "Registry"),
        (
            Item("registry:case-list", _("Cases and documents")),
            Item("registry:search", _("Search the registry")),
            Item("intake:triage-list", _("Incoming (triage)")),
            Item("intake:diary", _("Public diary")),
            Item("retention:home", _("Retention and archive")),
        ),
        ("registry", "intake", "retention"),
    ),
    Section(
        "insight",
        pgettext_lazy("menu section", "Analysis"),
        (
            Item("statistics:dataset-list", _("Statistics")),
            Item("indicators:indicator-page", _("Indicators")),
            Item("indicators:scenario-list", _("Outlook")),
            Item("analyses:analysis-list", _("Analyses")),
            Item("analyses:chart-list", _("Charts")),
            Item("analyses:pack-list", _("Data packs")),
        ),
        ("statistics", "indicators", "analyses", "classifications"),
    ),
    Section(
        "education",
        pgettext_lazy("menu section", "Education"),
        (
            Item("catalogue:offering-list", _("Education catalogue")),
            Item("catalogue:planner", _("Education planning")),
            Item("orders:order-list", _("Education orders")),
            Item("validation:offer-list", _("Validation offers")),
            Item("validation:outcome-list", _("Validation outcomes")),
            Item("cohorts:cohort-list", _("Cohort follow-up")),
            Item("knowledgenodes:node-list", _("Knowledge nodes")),
            Item("myhreports:report-list", _("Yearly reports to MYH")),
            Item("catalogue:import-list", _("Import from Skolverket")),
            Item("catalogue:editor-list", _("Municipal editors")),
        ),
        ("catalogue", "orders", "validation", "cohorts", "knowledgenodes", "glossary", "myhreports"),
    ),
    Section(
        "published",
        pgettext_lazy("menu section", "Published"),
        (
            Item("goals:public-dashboard", _("Public goals")),
            Item("meetings:minutes-public-list", _("Published minutes")),
            Item("events:event-list", _("Public events"), in_space=False),
            Item("catalogue:public-search", _("Find an education"), in_space=False),
            Item("validation:search", _("Where can I validate?"), in_space=False),
            Item("validation:public-outcomes", _("Validation results")),
            Item("knowledgenodes:public-nodes", _("Knowledge nodes (public)")),
            Item("glossary:term-list", _("Glossary"), in_space=False),
            Item("intake:contact", _("Contact us")),
        ),
    ),
    Section(
        "admin",
        pgettext_lazy("menu section", "Administration"),
        (
            Item("spaces:members", _("Members")),
            Item("spaces:audit", _("Audit log")),
            Item("notifications:outbox", _("E-mail outbox")),
            Item("registry:series-list", _("Registration series")),
        ),
        ("notifications",),
    ),
)


SECTION_NAMESPACES = {section.key: section.namespaces for section in SECTIONS}


def all_items() -> list[Item]:
    return [item for section in SECTIONS for item in section.items]


def _url(item: Item, space: Space) -> str:
    return _reverse(item.url_name, space.slug if item.in_space else None, get_script_prefix())


@lru_cache(maxsize=4096)
def _reverse(url_name: str, slug: str | None, _prefix: str) -> str:
    """An entry's address, made once per space (the menu has some 40 entries on every page of a space)."""
    return reverse(url_name, kwargs={"space": slug} if slug is not None else None)


@cache
def _view_class(url_name: str, in_space: bool) -> Any:
    kwargs = {"space": "x"} if in_space else None
    return resolve(reverse(url_name, kwargs=kwargs)).func.view_class  # type: ignore[attr-defined]


def may_open(request: HttpRequest, space: Space, item: Item) -> bool:
    """Whether the entry's page lets ``request.user`` in: the view's own permission check."""
    view = _view_class(item.url_name, item.in_space)()
    kwargs = {"space": space.slug} if item.in_space else {}
    view.setup(request, **kwargs)
    view.__dict__["space"] = space  # SpaceMixin.space is a cached_property: reuse the space already read
    try:
        return bool(view.has_permission())
    except (PermissionDenied, Http404):
        return False


#: How long a visitor's (signed-out) menu of a space is reused before the pages are asked again.
ANONYMOUS_MENU_SECONDS = 300


def _open_items(request: HttpRequest, space: Space) -> frozenset[str]:
    """The URL names of the entries ``request.user`` may open.

    Every page of the menu checks its permission on the space alone, and a visitor (signed out) has no
    roles, so a visitor's entries depend only on the space: they are asked once and kept for a few
    minutes, keyed by the space and the time it was last changed. Signed-in people are asked every time.
    """
    anonymous = not request.user.is_authenticated
    key = f"spaces:menu:anonymous:{space.pk}:{space.updated_at.timestamp() if space.updated_at else ''}"
    if anonymous:
        cached = django_cache.get(key)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
    names = frozenset(item.url_name for item in all_items() if may_open(request, space, item))
    if anonymous:
        django_cache.set(key, names, ANONYMOUS_MENU_SECONDS)
    return names


def space_menu(request: HttpRequest, space: Space) -> list[dict[str, Any]]:
    """The sections of the menu with the entries ``request.user`` may use, and which one is current."""
    match = request.resolver_match
    current = match.view_name if match else ""
    namespace = match.namespace if match else ""
    allowed = _open_items(request, space)
    sections: list[dict[str, Any]] = []
    for section in SECTIONS:
        items = [
            {"url": _url(item, space), "label": item.label, "current": current == item.url_name}
            for item in section.items
            if item.url_name in allowed
        ]
        if not items:
            continue
        sections.append(
            {
                "key": section.key,
                "label": section.label,
                "items": items,
                "current": any(i["current"] for i in items),
            }
        )
    # A page outside the menu (a body, a case) belongs to the section of its app, unless an entry is current.
    if not any(s["current"] for s in sections):
        for s in sections:
            if namespace in SECTION_NAMESPACES[s["key"]]:
                s["current"] = True
                break
    return sections


def menu_key(sections: list[dict[str, Any]]) -> str:
    """What the rendered menu depends on besides the language: its entries, their addresses and which is current.

    The template caches the menu's HTML under this key, so equal menus are drawn once (the permission checks
    that choose the entries still run on every request)."""
    parts = [
        f"{s['key']}{'*' if s['current'] else ''}:"
        + ",".join(f"{i['url']}{'*' if i['current'] else ''}" for i in s["items"])
        for s in sections
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def menu_context(request: HttpRequest, space: Space) -> dict[str, Any]:
    """The template context of the space menu: its sections (``space_menu``) and their cache key (``menu_key``)."""
    sections = space_menu(request, space)
    return {"space_menu": sections, "space_menu_key": menu_key(sections)}

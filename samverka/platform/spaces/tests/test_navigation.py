"""The space menu: grouped by area, and for every role exactly the pages that let that role in."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from conftest import give_totp
from samverka.platform.spaces.navigation import SECTIONS, all_items, space_menu
from samverka.testing import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "guest", "member", "analyst", "registrar", "secretariat", "admin", "platform_admin"]
SPACE_NAV = re.compile(r'<nav class="space-nav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


#: The whole menu, as the installation's administrator sees it: each section's entries in order.
EVERY_ENTRY = {
    "collaboration": [
        "bodies:body-list",
        "bodies:system-overview",
        "meetings:space-meetings",
        "wheels:space-wheel",
        "events:space-event-list",
        "questions:overview",
        "actors:landscape",
        "actors:suggestion-list",
        "actors:organisation-list",
        "calendars:feeds",
    ],
    "steering": [
        "goals:goal-list",
        "workplans:perspective-report",
        "statusreports:round-list",
        "inputs:input-list",
        "inputs:feedback-list",
        "inputs:evaluation-list",
        "inputs:annual-report",
    ],
    "records": ["registry:case-list", "registry:search", "intake:triage-list", "intake:diary", "retention:home"],
    "insight": [
        "statistics:dataset-list",
        "indicators:indicator-page",
        "indicators:scenario-list",
        "analyses:analysis-list",
        "analyses:chart-list",
        "analyses:pack-list",
    ],
    "education": [
        "catalogue:offering-list",
        "catalogue:planner",
        "orders:order-list",
        "validation:offer-list",
        "validation:outcome-list",
        "cohorts:cohort-list",
        "knowledgenodes:node-list",
        "myhreports:report-list",
        "catalogue:import-list",
        "catalogue:editor-list",
    ],
    "published": [
        "goals:public-dashboard",
        "meetings:minutes-public-list",
        "events:event-list",
        "catalogue:public-search",
        "validation:search",
        "validation:public-outcomes",
        "knowledgenodes:public-nodes",
        "glossary:term-list",
        "intake:contact",
    ],
    "admin": ["spaces:members", "spaces:audit", "notifications:outbox", "registry:series-list"],
}
#: Nothing of the space's own work, no registry, no administration.
OUTSIDER_HIDDEN = {
    "questions:overview",
    "actors:suggestion-list",
    "workplans:perspective-report",
    "statusreports:round-list",
    "inputs:input-list",
    "inputs:feedback-list",
    "inputs:evaluation-list",
    "inputs:annual-report",
    "registry:case-list",
    "registry:search",
    "intake:triage-list",
    "retention:home",
    "indicators:scenario-list",
    "analyses:chart-list",
    "analyses:pack-list",
    "spaces:members",
    "spaces:audit",
    "notifications:outbox",
    "registry:series-list",
    "catalogue:offering-list",
    "catalogue:planner",
    "orders:order-list",
    "validation:offer-list",
    "validation:outcome-list",
    "cohorts:cohort-list",
    "knowledgenodes:node-list",
    "myhreports:report-list",
    "catalogue:import-list",
    "catalogue:editor-list",
}
#: A member's work pages, but not the secretariat's, the registrar's or the administrator's.
MEMBER_HIDDEN = {
    "questions:overview",
    "actors:suggestion-list",
    "intake:triage-list",
    "retention:home",
    "spaces:members",
    "spaces:audit",
    "notifications:outbox",
    "registry:series-list",
    "catalogue:import-list",
}
#: The entries each role does NOT see; the menu shows every other entry, sections left empty are left out.
HIDDEN_BY_ROLE = {
    "anonymous": OUTSIDER_HIDDEN | {"calendars:feeds"},
    "guest": OUTSIDER_HIDDEN,
    "member": MEMBER_HIDDEN,
    "analyst": MEMBER_HIDDEN,
    "registrar": {
        "questions:overview",
        "actors:suggestion-list",
        "spaces:members",
        "spaces:audit",
        "notifications:outbox",
        "catalogue:import-list",
    },
    "secretariat": {"retention:home", "spaces:members", "spaces:audit", "registry:series-list"},
    "admin": set(),
    "platform_admin": set(),
}


def login_as(client, space, role):
    if role == "anonymous":
        return None
    if role == "platform_admin":
        user = factories.make_user(is_superuser=True, is_staff=True)
    else:
        user = factories.make_user(role_in=space, role=role)
    if role in ("platform_admin", "admin", "registrar"):
        give_totp(user)
    client.force_login(user)
    return user


def menu_links(html):
    nav = SPACE_NAV.search(html)
    assert nav, "the page has no space menu"
    return set(HREF.findall(nav.group(0)))


def item_url(item, space):
    return reverse(item.url_name, kwargs={"space": space.slug} if item.in_space else None)


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_shows_exactly_the_pages_the_role_may_open(client, space, role):
    """Every entry of every section, for every role: shown if and only if its page answers 200."""
    login_as(client, space, role)
    shown = menu_links(client.get(reverse("spaces:detail", kwargs={"space": space.slug})).content.decode())
    mismatches = []
    for item in all_items():
        url = item_url(item, space)
        status = client.get(url).status_code
        if (status == 200) != (url in shown):
            mismatches.append((item.url_name, status, url in shown))
    assert mismatches == [], f"{role}: (entry, status, shown) disagree: {mismatches}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_these_entries_in_each_section(client, space, role):
    """The menu of each role, section by section, entry by entry (in the menu's order)."""
    user = login_as(client, space, role)
    request = RequestFactory().get(f"/s/{space.slug}/")
    request.user = user or AnonymousUser()
    request.resolver_match = resolve(request.path)
    names = {item_url(item, space): item.url_name for item in all_items()}
    menu = {
        section["key"]: [names[entry["url"]] for entry in section["items"]] for section in space_menu(request, space)
    }
    hidden = HIDDEN_BY_ROLE[role]
    expected = {key: [name for name in entries if name not in hidden] for key, entries in EVERY_ENTRY.items()}
    assert menu == {key: entries for key, entries in expected.items() if entries}


def test_each_role_sees_only_the_sections_it_can_use(client, space):
    def sections(role):
        client.logout()
        login_as(client, space, role)
        html = client.get(reverse("spaces:detail", kwargs={"space": space.slug})).content.decode()
        return re.findall(r'data-section="(\w+)"', html)

    # No education work for an anonymous visitor: only its public pages, under Published.
    assert sections("anonymous") == ["collaboration", "steering", "records", "insight", "published"]
    assert "admin" not in sections("member")
    assert sections("admin")[-1] == "admin"
    # A guest sees no registry of cases, no inputs, no audit log.
    client.logout()
    login_as(client, space, "guest")
    shown = menu_links(client.get(reverse("spaces:detail", kwargs={"space": space.slug})).content.decode())
    assert reverse("registry:case-list", kwargs={"space": space.slug}) not in shown
    assert reverse("inputs:input-list", kwargs={"space": space.slug}) not in shown
    assert reverse("intake:diary", kwargs={"space": space.slug}) in shown


def test_sections_are_few_and_every_entry_is_in_one():
    assert len(SECTIONS) <= 7
    names = [item.url_name for item in all_items()]
    assert len(names) == len(set(names))
    assert {section.key: [item.url_name for item in section.items] for section in SECTIONS} == EVERY_ENTRY


def test_the_section_of_the_current_page_is_marked(client, space):
    body = factories.make_body(space=space, name="Styrgruppen")
    html = client.get(reverse("bodies:body-detail", kwargs={"space": space.slug, "pk": body.pk})).content.decode()
    current = re.findall(r'class="menu-section is-current" data-section="(\w+)"', html)
    assert current == ["collaboration"]
    html = client.get(reverse("goals:public-dashboard", kwargs={"space": space.slug})).content.decode()
    assert re.findall(r'class="menu-section is-current" data-section="(\w+)"', html) == ["published"]
    assert 'aria-current="page"' in SPACE_NAV.search(html).group(0)


def test_the_menu_is_a_disclosure_that_works_without_javascript(client, space):
    html = client.get(reverse("spaces:detail", kwargs={"space": space.slug})).content.decode()
    nav = SPACE_NAV.search(html).group(0)
    # Open by default (the script closes it on a phone); every section a <details> with a <summary>.
    assert '<details class="space-menu" data-narrow-collapse open>' in nav
    assert nav.count("<details data-dropdown>") == nav.count("<summary>") == len(re.findall("data-section=", nav))


def test_the_menu_asks_the_views_own_permission_check(space):
    """Each entry's view is a PermissionMixin view: the menu calls its has_permission(), nothing else."""
    for item in all_items():
        view_class = resolve(item_url(item, space)).func.view_class
        assert hasattr(view_class, "has_permission"), item.url_name
        assert view_class.permission_required is not None, item.url_name


@pytest.mark.parametrize("role", ["member", "secretariat", "guest"])
def test_the_menu_costs_a_fixed_small_number_of_queries(space, role):
    user = factories.make_user(role_in=space, role=role)
    for n in range(3):
        factories.make_body(space=space, name=f"Grupp {n}")
    request = RequestFactory().get(f"/s/{space.slug}/")
    request.user = user
    request.resolver_match = resolve(request.path)
    with CaptureQueriesContext(connection) as queries:
        space_menu(request, space)
    assert len(queries) <= 4, [q["sql"] for q in queries]

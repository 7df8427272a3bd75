"""No page answers a server error, for any demo role.

Each demo account logs in (the administrator, coordinator and registrar with their TOTP code) and
crawls from its start pages: every page of the URL patterns that need no more than a space, for each
of its spaces, then the same-origin links it finds (links, form actions, htmx look-ups, and the rows of
the API's JSON lists). At most ``PER_PATTERN`` URLs of each pattern are visited, the least visited
pattern first, at most ``LIMIT`` pages per role; then the pages of demo objects in each of their
states (a draft plan, an approved report…) not opened yet, the API's indicator results for every dataset
version, and where they lead (``GAP_LIMIT`` more). Logging out and file downloads (tests/test_exports.py checks every one) are left out. All server
errors of all roles are reported together.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import (
    PAGES_THAT_ALSO_SERVE_FILES,
    ROLES,
    Crawl,
    demo_account,
    file_patterns,
    gettable,
    log_in,
    seed_urls,
    server_errors,
    state_samples,
    walk_patterns,
)

pytestmark = pytest.mark.django_db

LIMIT = 500
PER_PATTERN = 3
#: Pages beyond ``LIMIT`` and the pages of demo objects in each state (``state_samples``): where they lead.
GAP_LIMIT = 150
#: Django's admin has five patterns per model; one page of each is enough.
PER_ADMIN_PATTERN = 1

#: Patterns a crawl must not follow: they end the session or change the language.
NEVER = frozenset({"account_logout", "set_language"})

#: Page patterns no role reaches by following links, and why (the coverage test accepts only these).
UNREACHED_BY_DESIGN: dict[str, str] = {
    "meetings:rsvp": "the secret answer link is only in the invitation e-mail",
    "calendars:poll-answer-link": "the secret answer link is only in the poll e-mail",
    "events:registration-cancel": "the secret cancel link is only in the confirmation e-mail",
    "account_confirm_email": "the key is only in the confirmation e-mail",
    "account_reset_password_from_key": "the key is only in the reset e-mail",
    "account_reset_password_from_key_done": "shown only after a reset by e-mail",
    "account_confirm_login_code": "login by e-mailed code is not enabled",
    "account_inactive": "shown only to a deactivated account",
    "account_signup": "sign-up is closed (invitation by a space administrator)",
    "account_set_password": "accounts always have a password",
    "account_email_verification_sent": "shown only after sign-up",
    "account_reset_password_done": "shown only after asking for a reset",
    "mfa_reauthenticate": "shown only when a sensitive step needs the code again",
    "account_reauthenticate": "shown only when a sensitive step needs the password again",
    "core:health": "the load balancer's health check, not linked",
    "statistics:import-mapping": "needs the token of a file just uploaded (a POST)",
    "statistics:import-job": "the demo has no import job; the page opens when an import is started (a POST)",
    "statistics:version-compare": "the demo's datasets have one version each; the link needs an earlier version",
    "analyses:pack-job": "the demo has no data pack being made; the page opens when one is started (a POST)",
    "retention:delivery-detail": "the demo has no archive delivery; one is made by an archive export (a POST)",
    "events:event-publish": "the demo has no draft event; the action shows only on drafts",
    "meetings:minutes-adjuster": "the chair and adjuster form sits on the minutes page and posts here; this page "
    "shows it alone only when a choice was refused",
}


def _files() -> set[str]:
    return set(file_patterns()) - PAGES_THAT_ALSO_SERVE_FILES


def skip_for(files: set[str]) -> Any:
    def skip(url: str, name: str | None) -> bool:
        if name is None or name in NEVER or name in files:
            return True
        query = parse_qs(urlsplit(url).query)
        return bool({"csv", "xlsx", "pdf", "ics", "zip"} & set(query.get("format", [])))

    return skip


def seeds(user: Any) -> list[str]:
    """The home pages and every page that needs nothing but one of the person's spaces."""
    from samverka.platform.spaces.models import Space

    spaces = Space.objects.all() if user.is_superuser else Space.objects.filter(memberships__user=user)
    return seed_urls(sorted(set(spaces.values_list("slug", flat=True))), staff=user.is_staff)


def indicator_results() -> list[str]:
    """The API's results of every indicator on every dataset version (and without one): they take the
    version in the query, so no link leads there."""
    from samverka.insight.indicators.catalogue import INDICATORS
    from samverka.insight.statistics.models import DatasetVersion

    versions = list(DatasetVersion.objects.order_by("pk").values_list("pk", flat=True))
    urls = []
    for key in INDICATORS:
        compute = reverse("v1:indicator-compute", kwargs={"key": key})
        urls += [compute] + [f"{compute}?version={pk}" for pk in versions]
    return urls


#: The Django admin's pages beyond a model's list and change form (forms without data, confirmations).
ADMIN_EXTRAS = re.compile(r"^admin:.*_(add|delete|history)$|^admin:(autocomplete|jsi18n|view_on_site)$")


def admin_cap(name: str | None) -> int | None:
    if name and ADMIN_EXTRAS.match(name):
        return 0
    return PER_ADMIN_PATTERN if name and name.startswith("admin:") else None


def crawl_as(role: str | None, files: set[str], states: dict[str | None, list[str]]) -> tuple[Crawl, float]:
    from samverka.platform.accounts.models import User

    started = time.monotonic()
    client = Client()
    user: Any = None
    if role is not None:
        log_in(client, role)
        user = User.objects.get(email=demo_account(role).email)
    crawl = Crawl(client, limit=LIMIT, per_pattern=PER_PATTERN, skip=skip_for(files), cap=admin_cap)
    crawl.run(seeds(user) if user is not None else ["/"])
    # Then the pages of objects in each state not opened yet (and where they lead: adopt a draft plan…).
    gaps = [url for urls in states.values() for url in urls] + indicator_results()
    crawl.limit = max(crawl.limit, len(crawl.pages)) + len(gaps) + GAP_LIMIT
    crawl.run(gaps, force=True)
    return crawl, time.monotonic() - started


@pytest.fixture(scope="module")
def crawls(demo_loaded: None, django_db_blocker: Any) -> Iterator[dict[str, tuple[Crawl, float]]]:
    """Each role's crawl, once for the module."""
    files = _files()
    with django_db_blocker.unblock():
        states = state_samples()
        yield {role: crawl_as(role, files, states) for role in ROLES}


def test_no_page_answers_a_server_error_for_any_role(crawls: dict[str, tuple[Crawl, float]]) -> None:
    failures = []
    summary = []
    for role, (crawl, seconds) in crawls.items():
        errors = server_errors(crawl.pages)
        failures += [f"[{role}] {error}" for error in errors]
        summary.append(f"{role}: {len(crawl.pages)} pages, {len(crawl.per_name)} patterns, {seconds:.0f} s")
    print("\n".join(summary))
    assert len(crawls) == len(ROLES)
    assert all(len(crawl.pages) > 20 for crawl, _ in crawls.values()), summary
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)


def test_no_link_leads_to_a_page_the_person_may_not_open(crawls: dict[str, tuple[Crawl, float]]) -> None:
    """A link a person is shown answers neither 403 nor 404 (each role sees only what it can use)."""
    failures = []
    for role, (crawl, _) in crawls.items():
        failures += [
            f"[{role}] {page.status} {page.url} [{page.name}], linked from {crawl.linked_by[page.url]}"
            for page in crawl.pages
            if page.status in (403, 404) and page.url in crawl.linked_by
        ]
    assert not failures, f"{len(failures)} links to pages that refuse the person:\n" + "\n".join(failures)


def test_every_page_pattern_is_reached_by_some_role(crawls: dict[str, tuple[Crawl, float]]) -> None:
    reached = {name for crawl, _ in crawls.values() for name in crawl.per_name}
    files = _files()
    expected = {
        name
        for route, name, callback in walk_patterns()
        if name
        and not route.startswith("admin/")
        and name not in files
        and name not in NEVER
        and gettable(callback)
        and not name.startswith("v1:api-")
    }
    missing = sorted(expected - reached - set(UNREACHED_BY_DESIGN))
    assert not missing, (
        f"{len(missing)} page patterns no demo role reached by following links (link them, or say why in "
        "UNREACHED_BY_DESIGN):\n" + "\n".join(missing)
    )

"""Fixtures for the platform-wide tests in ``tests/``: the demo, loaded once, and its accounts.

``demo_loaded`` (module scope) runs ``manage.py load_demo`` into the test database once per test
module and removes it again when the module ends, so ordinary tests of other files (which make
their own ``sormland`` space) never meet it. On SQLite the loaded database is kept in memory after
the first load and copied back for the next module (a second or so instead of a minute); on PostgreSQL the
same is done with template databases (``CREATE DATABASE … TEMPLATE``).

``demo`` (function scope) is what a test asks for: the loaded demo inside the test's own
transaction, so whatever a test writes is rolled back.

``login_as("admin")`` logs a fresh client in through the real login form, answering the
two-factor step with the account's TOTP secret, exactly as the person would.
"""

from __future__ import annotations

import html
import inspect
import json
import re
import sqlite3
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from conftest import fresh_totp_code
from samverka.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount

#: The demo's roles by a short name (README, "Demo accounts").
ROLE_EMAILS: dict[str, str] = {
    "admin": "admin@samverka.example",
    "secretariat": "sekretariat@msv.example",
    "coordinator": "samordnare@sormland.example",
    "analyst": "analytiker@sormland.example",
    "registrar": "registrator@msv.example",
    "process_leader": "processledare@msv.example",
    "guest": "gast@foretag.example",
}
ROLES = tuple(ROLE_EMAILS)


def demo_account(role: str) -> DemoAccount:
    email = ROLE_EMAILS.get(role, role)
    return next(a for a in DEMO_ACCOUNTS if a.email == email)


def _copy_sqlite(source: Any, target: Any) -> None:
    source.backup(target)


class _Snapshots:
    """In-memory copies of the SQLite test database: before the demo, and with it."""

    pristine: sqlite3.Connection | None = None
    with_demo: sqlite3.Connection | None = None
    #: PostgreSQL: whether the template databases ``<test db>_pristine`` / ``<test db>_demo`` exist.
    pg_pristine: bool = False
    pg_with_demo: bool = False


def _pg_admin(statements: list[str]) -> None:
    """Run ``statements`` on the server's maintenance database (the test database's connection closed)."""
    import psycopg

    settings = connection.settings_dict
    connection.close()
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        for statement in statements:
            admin.execute(statement)


def _pg_copy(source: str, target: str) -> None:
    """Make database ``target`` a copy of ``source`` (dropping what was there)."""
    _pg_admin(
        [
            f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)',
            f'CREATE DATABASE "{target}" TEMPLATE "{source}" STRATEGY FILE_COPY',
        ]
    )


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _forget_cached_rows() -> None:
    """After the database was swapped underneath: drop what Django and the apps cached from it."""
    from django.contrib.contenttypes.models import ContentType

    from samverka.insight.classifications.selectors import clear_cache

    ContentType.objects.clear_cache()
    clear_cache()
    cache.clear()


def _is_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    return "memorydb" in name or name.rsplit("/", 1)[-1].startswith("test")


def _load_demo() -> None:
    # pytest-django sets up the test database only when a collected test is marked ``django_db`` (or asks
    # for ``db``); without it these fixtures would write to the development database.
    assert _is_test_database(), f"refusing to load the demo into {connection.settings_dict['NAME']}"
    cache.clear()
    from conftest import restore_reference_data

    # A transactional test earlier in this worker may have flushed the reference data (counties…).
    restore_reference_data()
    if _is_sqlite():
        connection.ensure_connection()
        raw = connection.connection
        if _Snapshots.with_demo is not None:
            _copy_sqlite(_Snapshots.with_demo, raw)
            _forget_cached_rows()
            return
        _Snapshots.pristine = sqlite3.connect(":memory:", check_same_thread=False)
        _copy_sqlite(raw, _Snapshots.pristine)
        call_command("load_demo", stdout=StringIO())
        _Snapshots.with_demo = sqlite3.connect(":memory:", check_same_thread=False)
        _copy_sqlite(raw, _Snapshots.with_demo)
        return
    name = str(connection.settings_dict["NAME"])
    if _Snapshots.pg_with_demo:
        _pg_copy(f"{name}_demo", name)
        _forget_cached_rows()
        return
    _pg_copy(name, f"{name}_pristine")
    _Snapshots.pg_pristine = True
    call_command("load_demo", stdout=StringIO())
    _pg_copy(name, f"{name}_demo")
    _Snapshots.pg_with_demo = True


def _remove_demo() -> None:
    assert _is_test_database(), f"refusing to remove the demo from {connection.settings_dict['NAME']}"
    cache.clear()
    if _is_sqlite() and _Snapshots.pristine is not None:
        connection.ensure_connection()
        _copy_sqlite(_Snapshots.pristine, connection.connection)
        _forget_cached_rows()
        return
    if connection.vendor == "postgresql" and _Snapshots.pg_pristine:
        name = str(connection.settings_dict["NAME"])
        _pg_copy(f"{name}_pristine", name)
        _forget_cached_rows()
        return
    from conftest import restore_reference_data

    call_command("flush", interactive=False, verbosity=0)
    restore_reference_data()


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo in the test database for the whole module (committed; removed afterwards).

    The module must be marked ``pytestmark = pytest.mark.django_db`` (pytest-django creates the test
    database only for marked tests)."""
    with django_db_blocker.unblock():
        _load_demo()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            _remove_demo()


@pytest.fixture
def demo(demo_loaded: None, db: Any) -> None:
    """The loaded demo; the test runs in a transaction that is rolled back."""
    cache.clear()


def log_in(client: Client, role: str) -> Client:
    """Log ``client`` in as a demo role through the login form (and the two-factor step)."""
    account = demo_account(role)
    response = client.post(reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{account.email}: login refused ({response.status_code})"
    if account.totp_secret:
        code = fresh_totp_code(account.email, account.totp_secret)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code == 302, f"{account.email}: TOTP code refused ({response.status_code})"
    assert "_auth_user_id" in client.session, f"{account.email}: not logged in"
    return client


@pytest.fixture
def login_as(demo: None) -> Callable[[str], Client]:
    """``login_as("registrar")`` → a new test client logged in as that demo account."""

    def make(role: str) -> Client:
        return log_in(Client(), role)

    return make


@pytest.fixture
def demo_server(live_server: Any, geography: None) -> Iterator[str]:
    """The live server's URL, with the demo committed in its database."""
    _load_demo()
    yield live_server.url


# --- walking the URL patterns and crawling pages -------------------------------------------------------------

#: Words (whole, in a route or URL name) that say a pattern serves a file.
FILE_WORDS = re.compile(r"(?<![a-z])(pdf|csv|xlsx|excel|ics|export|download|zip|geojson)(?![a-z])")
#: What a view's source says when it answers with a file.
FILE_SOURCE = re.compile(
    r"FileResponse|application/pdf|text/csv|text/calendar|spreadsheetml|application/zip|"
    r"render_pdf\(|table_csv\(|calendar_response\(|stored_file_response\("
)
#: File patterns that answer a plain GET with an HTML page (the file needs ?format= or a POST).
PAGES_THAT_ALSO_SERVE_FILES = frozenset({"indicators:indicator-page", "retention:export"})


def walk_patterns(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Any]]:
    """(route, namespaced URL name, callback) of every URL pattern."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from walk_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace + (entry.name or ""), entry.callback


def view_of(callback: Any) -> Any:
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


def file_patterns() -> dict[str, str]:
    """URL name → route of every pattern that serves a file (the Django admin aside)."""
    found: dict[str, str] = {}
    for route, name, callback in walk_patterns():
        if route.startswith("admin/"):
            continue
        try:
            source = inspect.getsource(view_of(callback))
        except (OSError, TypeError):
            source = ""
        if FILE_WORDS.search(f"{route} {name}".lower()) or FILE_SOURCE.search(source):
            found[name or route] = route
    return found


def gettable(callback: Any) -> bool:
    """Whether the view answers GET (REST framework viewsets say so per route)."""
    actions = getattr(callback, "actions", None)
    if actions is not None:
        return "get" in actions
    view = view_of(callback)
    return hasattr(view, "get") or not isinstance(view, type)


def seed_urls(space_slugs: Iterable[str], *, staff: bool = False) -> list[str]:
    """The home pages, and every GET page whose only argument is a space, for each of ``space_slugs``."""
    slugs = list(space_slugs)
    urls = ["/", reverse("meetings:my-page"), "/api/v1/"]
    if staff:
        urls.append(reverse("admin:index"))
    for route, name, callback in walk_patterns():
        if route.startswith(("admin/", "api/")) or "<" in route.replace("<slug:space>", "") or not name:
            continue
        if not gettable(callback):
            continue
        if "<slug:space>" in route:
            urls += [reverse(name, kwargs={"space": slug}) for slug in slugs]
        else:
            urls.append(reverse(name))
    return urls


def sample(queryset: Any, limit: int = 12, *, clear_missing: bool = False, booleans: bool = False) -> list[Any]:
    """Up to ``limit`` objects spread over the table, plus, for every optional field, one object that
    leaves it empty, one object per value of every field with choices (status, kind…), and one with and
    one without each optional one-to-one part; with ``booleans`` also one per value of every yes/no field
    (a published and a draft offering).

    ``clear_missing`` (inside a test's transaction only): when no object leaves an optional reference
    empty (every demo meeting with minutes has a chair), empty it on one, so that case is tried too."""
    from django.db import models

    model = queryset.model
    chosen: dict[Any, Any] = {}
    if clear_missing:
        _clear_missing_relations(queryset)
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key:
            continue
        lookups: list[dict[str, Any]] = []
        if model_field.null:
            lookups.append({f"{model_field.name}__isnull": True})
        elif model_field.blank and isinstance(model_field, models.CharField | models.TextField):
            lookups.append({model_field.name: ""})
        if model_field.choices or (booleans and isinstance(model_field, models.BooleanField)):
            values = queryset.order_by().values_list(model_field.attname, flat=True).distinct()
            lookups += [{model_field.attname: value} for value in values]
        for lookup in lookups:
            found = queryset.filter(**lookup).order_by("pk").first()
            if found is not None:
                chosen.setdefault(found.pk, found)
    for relation in model._meta.related_objects:
        if relation.one_to_one:  # with and without the optional part kept beside it (a secrecy marking…)
            for present in (True, False):
                found = queryset.filter(**{f"{relation.name}__isnull": not present}).order_by("pk").first()
                if found is not None:
                    chosen.setdefault(found.pk, found)
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(pks) // max(limit, 1))
    rest = [pk for pk in pks[::step] if pk not in chosen][: max(0, limit - len(chosen) // 2)]
    chosen.update((obj.pk, obj) for obj in queryset.filter(pk__in=rest))
    return list(chosen.values())


def _clear_missing_relations(queryset: Any) -> None:
    for model_field in queryset.model._meta.concrete_fields:
        if not (model_field.is_relation and model_field.null):
            continue
        if queryset.filter(**{f"{model_field.name}__isnull": True}).exists():
            continue
        found = queryset.filter(**{f"{model_field.name}__isnull": False}).order_by("pk").values_list("pk", flat=True)
        if found:
            queryset.model._default_manager.filter(pk=found[0]).update(**{model_field.name: None})


def _document_address(document: Any) -> str:
    kwargs = {"space": document.case.space.slug, "pk": document.case_id, "number": document.number}
    return reverse("registry:document-detail", kwargs=kwargs)


#: Addresses of models that have a page but no ``get_absolute_url``.
ADDRESSES: dict[str, Callable[[Any], str]] = {
    "registry.RegisteredDocument": _document_address,
}


def state_samples() -> dict[str | None, list[str]]:
    """URL name → detail pages of the demo's objects in each of their states (one per status, kind, empty
    optional field…), for every Samverka model with an address: pages whose actions depend on the state
    (adopt a draft plan, lift a marking) that a capped crawl may not happen to open."""
    from django.apps import apps

    found: dict[str | None, list[str]] = {}
    for model in apps.get_models():
        address = ADDRESSES.get(model._meta.label)
        if not model.__module__.startswith("samverka.") or not (address or hasattr(model, "get_absolute_url")):
            continue
        for obj in sample(model._default_manager.all(), limit=2, booleans=True):
            try:
                url = address(obj) if address else obj.get_absolute_url()
            except Exception:  # noqa: BLE001, S112 (an address that needs more than the object)
                continue
            if url and url.startswith("/"):
                found.setdefault(url_name(url), []).append(url)
    return found


def url_name(path: str) -> str | None:
    """The namespaced URL name a path resolves to (None when it resolves to nothing)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name or match.route


class _Links(HTMLParser):
    """Where a page leads: links, the actions of its forms (a GET there must not fail either) and the
    addresses its scripts call (``hx-get`` and ``data-…`` attributes, e.g. the look-ups behind pickers)."""

    def __init__(self) -> None:
        super().__init__()
        #: (address, whether a person sees it as a link)
        self.hrefs: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "area") and values.get("href"):
            self.hrefs.append((values["href"] or "", True))
        elif tag == "form" and values.get("action"):
            self.hrefs.append((values["action"] or "", False))
        for name, value in attrs:
            if (name == "hx-get" or name.startswith("data-")) and value and value.startswith("/") and " " not in value:
                self.hrefs.append((value, False))


def _api_details(base: str, text: str) -> list[str]:
    """An API list names its rows by id (or key, slug, code): their detail addresses."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    rows = data.get("results") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        return []
    path = urlsplit(base).path
    found = []
    for row in rows[:3]:
        if isinstance(row, dict):
            key = next((row[k] for k in ("id", "key", "slug", "code") if k in row), None)
            if key is not None:
                found.append(f"{path}{key}/")
    return found


def same_origin_links(base: str, content_type: str, text: str) -> list[tuple[str, bool]]:
    """Local paths (with query) a page leads to (see ``_Links``), or that a JSON answer names (API links),
    each with whether it is a link a person sees (``<a href>``)."""
    raw: list[tuple[str, bool]]
    if "html" in content_type:
        parser = _Links()
        parser.feed(text)
        raw = parser.hrefs
    elif "json" in content_type:
        raw = [(url, False) for url in re.findall(r'"(https?://testserver/[^"\s]*|/api/[^"\s]*)"', text)]
        if base.startswith("/api/"):
            raw += [(url, False) for url in _api_details(base, text)]
    else:
        return []
    found = []
    for href, visible in raw:
        absolute = urljoin("http://testserver" + base, html.unescape(href.strip()))
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
            continue
        found.append((parts.path + (f"?{parts.query}" if parts.query else ""), visible))
    return found


@dataclass
class Page:
    """One answer of the crawl."""

    url: str
    name: str | None
    status: int
    content_type: str = ""
    text: str = ""
    error: str = ""
    came_from: str = ""
    location: str = ""


@dataclass
class Crawl:
    """Over same-origin GET links, at most ``per_pattern`` URLs per URL pattern, at most ``limit`` pages;
    breadth first, and the least visited pattern first."""

    client: Client
    limit: int = 400
    per_pattern: int = 3
    skip: Callable[[str, str | None], bool] = lambda url, name: False
    #: A different cap for some patterns (e.g. one page per Django admin pattern).
    cap: Callable[[str | None], int | None] = lambda name: None
    keep_text: bool = False
    pages: list[Page] = field(default_factory=list)
    per_name: dict[str | None, int] = field(default_factory=dict)

    seen: set[str] = field(default_factory=set)
    waiting: dict[str | None, deque[tuple[str, str]]] = field(default_factory=dict)
    forced: deque[str] = field(default_factory=deque)
    #: Address → the first page (answering 200, not itself) that showed a link (``<a href>``) to it.
    linked_by: dict[str, str] = field(default_factory=dict)

    def _add(self, url: str, came_from: str) -> None:
        if url in self.seen:
            return
        name = url_name(url)
        if self.skip(url, name):
            return
        self.seen.add(url)
        self.waiting.setdefault(name, deque()).append((url, came_from))

    def _limit(self, name: str | None) -> int:
        cap = self.cap(name)
        return self.per_pattern if cap is None else cap

    def run(self, seeds: Iterable[str], *, force: bool = False) -> list[Page]:
        """Visit the pattern visited least so far next (in the order patterns were found), so that a
        budget spreads over as many patterns as possible. ``force``: visit the seeds first, whatever
        the cap of their pattern (a second run with more ``limit`` continues the first)."""
        fetched = {page.url for page in self.pages}
        for seed in seeds:
            if force and seed not in fetched and not self.skip(seed, url_name(seed)):
                self.seen.add(seed)
                self.forced.append(seed)
            else:
                self._add(seed, "")
        while len(self.pages) < self.limit:
            if self.forced:
                url, came_from = self.forced.popleft(), ""
                name = url_name(url)
            else:
                ready = [n for n, queue in self.waiting.items() if queue and self.per_name.get(n, 0) < self._limit(n)]
                if not ready:
                    break
                name = min(ready, key=lambda n: self.per_name.get(n, 0))  # min() keeps the first found on ties
                url, came_from = self.waiting[name].popleft()
            self.per_name[name] = self.per_name.get(name, 0) + 1
            page = self.fetch(url, name, came_from)
            self.pages.append(page)
            if page.location:
                self._add(page.location, url)
            for link, visible in same_origin_links(url, page.content_type, page.text):
                if visible and page.status == 200 and link != url:
                    self.linked_by.setdefault(link, url)
                self._add(link, url)
            if not self.keep_text:
                page.text = ""
        return self.pages

    def fetch(self, url: str, name: str | None, came_from: str) -> Page:
        try:
            with transaction.atomic():  # a view's database error must not end the walk
                response = self.client.get(url)
        except Exception as error:  # noqa: BLE001 (a server error is the finding)
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{frame.filename.rsplit('/samverka/', 1)[-1]}:{frame.lineno}"
            return Page(url, name, 500, error=f"{type(error).__name__}: {error} ({where})"[:400], came_from=came_from)
        content_type = response.get("Content-Type", "")
        text = ""
        if not response.streaming and any(kind in content_type for kind in ("html", "json", "calendar", "text/plain")):
            text = response.content.decode("utf-8", "replace")
        location = ""
        if response.status_code in (301, 302, 303, 307, 308):
            parts = urlsplit(urljoin("http://testserver" + url, response["Location"]))
            if parts.netloc == "testserver":
                location = parts.path + (f"?{parts.query}" if parts.query else "")
        return Page(url, name, response.status_code, content_type, text, came_from=came_from, location=location)


def server_errors(pages: Iterable[Page]) -> list[str]:
    return [
        f"{page.status} {page.url} [{page.name}]"
        + (f" {page.error}" if page.error else "")
        + (f" (linked from {page.came_from})" if page.came_from else "")
        for page in pages
        if page.status >= 500
    ]

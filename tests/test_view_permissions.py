"""Generated permission tests for every page of Samverka (NetBox ``ViewTestCases``), over the loaded demo.

For every URL pattern of Samverka's pages (the API has ``api/tests/test_matrix.py``) the test walks the
URL configuration, finds a real address in the demo (``tests/permission_cases.py``) and asks it as

- an anonymous visitor,
- an outsider of the space (signed in, no role there),
- a member of the space whom the view's rule refuses,
- a member whom the rule allows (the platform administrator when no member is allowed),
- and for a constrained object: the same object under another space, and an object of the space the
  member may not see.

What each must get is computed from the view's ``permission_required`` rule and the object's own
visibility rule (``permission_cases.expected``): not visible → 404, visible but refused → 403 (the
login page for an anonymous visitor), allowed → the page. A route that accepts POST is also posted to by
everyone refused (with the form the allowed member sees), and nothing may change: row counts and the
latest change of every Samverka table and of the audit log are compared before and after.

A route that cannot be given an address fails ``test_every_page_route_is_generated`` by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import reverse

from samverka.demo.accounts import DEMO_ACCOUNTS
from samverka.platform.accounts.selectors import must_use_mfa
from samverka.testing.factories import make_user
from tests import permission_cases as cases
from tests.conftest import log_in
from tests.test_url_permissions import routes as all_routes

pytestmark = pytest.mark.django_db

ROUTES = cases.page_routes()


def _ids() -> list[str]:
    names = [cases.names().get(route, route) for route, _pattern in ROUTES]
    return [
        name if names.count(name) == 1 else f"{name}[{route}]" for name, (route, _p) in zip(names, ROUTES, strict=True)
    ]


IDS = _ids()
BY_ID = dict(zip(IDS, ROUTES, strict=True))

#: Known refusals that answer wrongly, with the reason (``xfail(strict=True)``: fixing one fails the test
#: until it is removed here). Keyed by (test id, case).
KNOWN: dict[tuple[str, str], str] = {}

CASES = ("anonymous", "outsider", "member_without_role", "member_with_role")


@dataclass
class Person:
    label: str
    user: Any
    client: Client


@dataclass
class Plan:
    """One route's address in the demo, its rule and object, and who asks it."""

    id: str
    pattern: Any
    found: cases.Address | None = None
    error: str = ""
    rule: Any = None
    obj: Any = None
    exists: bool = True
    people: dict[str, Person] = field(default_factory=dict)
    other_space_url: str | None = None
    hidden_url: str | None = None
    hidden_for: Person | None = None
    form: dict[str, str] | None = None
    #: The platform administrator, who sees everything: only the wrong space can make it a 404.
    admin: Person | None = None
    #: The route's address with its last parameter naming nothing (a space or object that does not exist).
    nameless_url: str | None = None

    def expect(self, user: Any) -> Any:
        return cases.expected(
            user,
            rule=self.rule,
            obj=self.obj,
            exists=self.exists,
            guards=cases.guards(self.found),
            pattern=self.pattern,
            found=self.found,
        )


class _People:
    """The demo's people, signed in once for the module (their sessions are committed with the demo)."""

    def __init__(self) -> None:
        user_model = get_user_model()
        self.totp = {a.email for a in DEMO_ACCOUNTS if a.totp_secret}
        self.superuser = user_model.objects.get(email="admin@samverka.example")
        self.anonymous = Person("anonymous", AnonymousUser(), Client())
        outsider = make_user(email="outsider@permission-tests.example", full_name="Utomstående Person")
        self.outsider = Person("outsider", outsider, self._client(outsider))
        self._clients: dict[int, Person] = {}
        self._visible: dict[tuple[str, Any], set[Any]] = {}
        self.hidden: dict[tuple[str, Any], Any] = {}
        demo = [a.email for a in DEMO_ACCOUNTS]
        self._all: dict[str | None, list[Any]] = {}
        from samverka.platform.spaces.models import Space, SpaceMembership

        for space in [*Space.objects.all(), None]:
            memberships = SpaceMembership.objects.select_related("user").order_by("pk")
            if space is not None:
                memberships = memberships.filter(space=space)
            users = {m.user_id: m.user for m in memberships}
            ordered = sorted(
                users.values(), key=lambda u: (u.email not in demo, demo.index(u.email) if u.email in demo else 0, u.pk)
            )
            self._all[space.slug if space else None] = [u for u in ordered if self._can_log_in(u)]

    def _can_log_in(self, user: Any) -> bool:
        return user.email in self.totp or not must_use_mfa(user)

    def _client(self, user: Any) -> Client:
        client = Client()
        if user.email in self.totp:
            return log_in(client, user.email)
        client.force_login(user)
        return client

    def person(self, label: str, user: Any) -> Person:
        if user.pk == self.superuser.pk:
            label = f"{label} (platform admin)"
        if user.pk not in self._clients:
            self._clients[user.pk] = Person(label, user, self._client(user))
        known = self._clients[user.pk]
        return Person(f"{label} {user.email}", user, known.client)

    def visible_pks(self, obj: Any, user: Any) -> set[Any]:
        """The primary keys of ``obj``'s model that ``user`` may see (once per model and person)."""
        key = (obj._meta.label, user.pk)
        if key not in self._visible:
            queryset = type(obj)._default_manager.all()
            if hasattr(queryset, "restrict"):
                queryset = queryset.restrict(user, "view")
            elif hasattr(queryset, "visible_to"):
                queryset = queryset.visible_to(user)
            self._visible[key] = set(queryset.values_list("pk", flat=True))
        return self._visible[key]

    def verdict(self, plan: Plan, user: Any) -> Any:
        """``plan.expect(user)`` with the visibility read once per model and person."""
        hidden = any(guard.pk not in self.visible_pks(guard, user) for guard in cases.guards(plan.found))
        if not plan.exists or hidden:
            return 404
        return plan.expect(user)

    def guests(self, space: str | None) -> list[Any]:
        """Guests of ``space`` who can sign in (they see least of it)."""
        from samverka.platform.spaces.models import SpaceMembership

        guests = set(SpaceMembership.objects.filter(space__slug=space, role="guest").values_list("user_id", flat=True))
        return [user for user in self.members(space, everyone=True) if user.pk in guests][:3]

    def members(self, space: str | None, *, everyone: bool = False) -> list[Any]:
        """Members of ``space`` (of any space for None) who can sign in here: the first 80, or all."""
        found = self._all.get(space, [])
        return found if everyone else found[:80]


def _plan(route_id: str, people: _People, spaces: list[str]) -> Plan:
    route, pattern = BY_ID[route_id]
    plan = Plan(route_id, pattern)
    try:
        plan.found = cases.address(route, pattern)
        plan.obj, plan.rule, plan.exists = cases.permission_object_and_rule(pattern, plan.found, people.superuser)
    except cases.Unmapped as error:
        plan.error = str(error)
        return plan
    except Exception as error:  # noqa: BLE001 (named in the test of the route)
        plan.error = f"{route_id} ({route}): {type(error).__name__}: {error}"
        return plan
    found = plan.found
    space = found.kwargs.get("space")
    plan.admin = people.person("platform admin", people.superuser)
    plan.people["anonymous"] = people.anonymous
    plan.people["outsider"] = people.outsider
    without = with_role = None
    verdicts: dict[int, Any] = {}
    for user in people.members(space):
        verdict = verdicts[user.pk] = people.verdict(plan, user)
        if verdict == cases.ALLOWED:
            with_role = with_role or user
        elif without is None or (verdict == 403 and verdicts[without.pk] != 403):
            without = user
        if with_role is not None and without is not None and verdicts[without.pk] == 403:
            break
    if with_role is None:  # a rule only a few hold (the chair who signs the minutes): ask everyone
        with_role = next((u for u in people.members(space, everyone=True) if plan.expect(u) == cases.ALLOWED), None)
    plan.people["member_with_role"] = people.person("member with the role", with_role or people.superuser)
    if without is not None:
        plan.people["member_without_role"] = people.person("member without the role", without)
    else:  # the rule refuses no member of the space: then another member than the first must get the page too
        other = next((u for u in reversed(people.members(space)) if u.pk != (with_role or people.superuser).pk), None)
        if other is not None:
            plan.people["member_without_role"] = people.person("another member (the rule refuses none)", other)
    plan.nameless_url = cases.nameless_address(found, pattern)
    others = [slug for slug in spaces if slug != space]
    if space and others:
        plan.other_space_url = cases.other_space_address(found, others[0])
    hidden = _hidden_object(found, people.members(space), people)
    if hidden is not None:
        plan.hidden_url, user = hidden
        plan.hidden_for = people.person("member who may not see it", user)
    return plan


def _hidden_object(found: cases.Address, members: list[Any], people: _People) -> tuple[str, Any] | None:
    """An object of the route's kind in the same space that a member of the space may not see."""
    prefix = cases.object_prefix(found.route) or ""
    target = cases.OBJECTS.get(prefix)
    if target is None or found.guard is None or found.obj is None or found.missing:
        return None
    key = (prefix, found.kwargs.get("space"))
    if key not in people.hidden:
        people.hidden[key] = None
        model = type(found.obj)
        users = [*people.guests(key[1]), *members[:4]]
        if found.guard is found.obj:  # the object's own rule: ask its model for rows hidden from each person
            for user in users:
                hidden_rows = model._default_manager.filter(**target.filter).exclude(
                    pk__in=cases.restricted(model, user).values("pk")
                )
                for obj in hidden_rows.order_by("pk")[:40]:
                    kwargs = target.kwargs(obj)
                    if kwargs.get("space") == key[1]:
                        people.hidden[key] = (kwargs, user)
                        break
                if people.hidden[key] is not None:
                    break
            users = [] if people.hidden[key] is not None else users
        objects = model._default_manager.filter(**target.filter).order_by("pk")[:60] if users else []
        named = [(target.kwargs(obj), target.guard(obj)) for obj in objects]
        named = [(kwargs, guard) for kwargs, guard in named if kwargs.get("space") == key[1] and guard is not None]
        for user in users:
            for kwargs, guard in named:
                if guard.pk not in people.visible_pks(guard, user):
                    people.hidden[key] = (kwargs, user)
                    break
            if people.hidden[key] is not None:
                break
    hidden = people.hidden[key]
    if hidden is None:
        return None
    kwargs, user = hidden
    return reverse(found.name, kwargs={**kwargs, **{k: v for k, v in found.kwargs.items() if k not in kwargs}}), user


@pytest.fixture(scope="module")
def plans(demo_loaded: None, django_db_blocker: Any) -> Iterator[dict[str, Plan]]:
    from samverka.platform.spaces.models import Space

    with django_db_blocker.unblock():
        people = _People()
        spaces = list(Space.objects.order_by("pk").values_list("slug", flat=True))
        built = {route_id: _plan(route_id, people, spaces) for route_id in IDS}
    yield built


def _mark(route_id: str, case: str) -> Any:
    reason = KNOWN.get((route_id, case))
    return (
        pytest.param(route_id, marks=pytest.mark.xfail(strict=True, reason=reason), id=route_id) if reason else route_id
    )


def _params(case: str) -> list[Any]:
    """Every route, but a route without a parameter names no object that could be constrained."""
    ids = [i for i in IDS if "<" in BY_ID[i][0]] if case == "constrained" else IDS
    return [_mark(route_id, case) for route_id in ids]


def _ready(plan: Plan) -> cases.Address:
    assert not plan.error, plan.error
    assert plan.found is not None
    return plan.found


def _harvest_form(plan: Plan) -> dict[str, str]:
    """The form the allowed member sees on the page (posted back by those refused)."""
    if plan.form is None:
        plan.form = {}
        person = plan.people["member_with_role"]
        with transaction.atomic():
            response = person.client.get(plan.found.url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                plan.form = cases.form_data(response.content.decode())
            transaction.set_rollback(True)
    return plan.form


def _ask(plan: Plan, case: str) -> None:
    found = _ready(plan)
    person = plan.people.get(case)
    assert person is not None, f"{found.route}: the space {found.kwargs.get('space')} has one member only"
    want = plan.expect(person.user)
    response = person.client.get(found.url)
    got = cases.outcome(response)
    assert got == want, (
        f"GET {found.url} as {person.label}: expected {want}, got {response.status_code} "
        f"{response.get('Location', '')} (rule {plan.rule!r})"
    )
    if want == cases.ALLOWED or not cases.accepts_post(plan.pattern):
        return  # only refused requests are posted
    data = _harvest_form(plan)
    before = cases.snapshot()
    response = person.client.post(found.url, data)
    after = cases.snapshot()
    got = cases.outcome(response)
    assert got == want, f"POST {found.url} as {person.label}: expected {want}, got {response.status_code}"
    assert cases.changes(before, after) == [], f"a refused POST {found.url} as {person.label} changed data"


@pytest.mark.parametrize("route_id", _params("anonymous"))
def test_anonymous(route_id: str, plans: dict[str, Plan], demo: None) -> None:
    _ask(plans[route_id], "anonymous")


@pytest.mark.parametrize("route_id", _params("outsider"))
def test_outsider_of_the_space(route_id: str, plans: dict[str, Plan], demo: None) -> None:
    _ask(plans[route_id], "outsider")


@pytest.mark.parametrize("route_id", _params("member_without_role"))
def test_member_without_the_role(route_id: str, plans: dict[str, Plan], demo: None) -> None:
    _ask(plans[route_id], "member_without_role")


@pytest.mark.parametrize("route_id", _params("member_with_role"))
def test_member_with_the_role(route_id: str, plans: dict[str, Plan], demo: None) -> None:
    plan = plans[route_id]
    _ask(plan, "member_with_role")
    assert plan.expect(plan.people["member_with_role"].user) in (cases.ALLOWED, 404), "the allowed member is refused"


@pytest.mark.parametrize("route_id", _params("constrained"))
def test_constrained_object(route_id: str, plans: dict[str, Plan], demo: None) -> None:
    """The object under another space's address, and an object of the space a member may not see: 404."""
    plan = plans[route_id]
    found = _ready(plan)
    assert plan.admin is not None
    if plan.nameless_url is not None:  # a space or an object that does not exist: 404 even to the platform admin
        ask = plan.admin.client.get if cases.accepts_get(plan.pattern) else plan.admin.client.post
        response = ask(plan.nameless_url)
        assert response.status_code == 404, f"GET {plan.nameless_url} (names nothing): {response.status_code}"
    if plan.other_space_url and plan.admin is not None:
        ask = plan.admin.client.get if cases.accepts_get(plan.pattern) else plan.admin.client.post
        response = ask(plan.other_space_url)
        assert response.status_code == 404, (
            f"GET {plan.other_space_url} (object of another space): {response.status_code}"
        )
    if plan.hidden_url and plan.hidden_for:
        response = plan.hidden_for.client.get(plan.hidden_url)
        assert response.status_code == 404, f"GET {plan.hidden_url} as {plan.hidden_for.label}: {response.status_code}"
    assert plan.nameless_url or plan.other_space_url or plan.hidden_url, f"{found.route}: nothing constrained was asked"


def test_every_page_route_is_generated(plans: dict[str, Plan]) -> None:
    """Every Samverka page route gets its generated cases: 100 % of the URL patterns, counted."""
    samverka = [route for route, _pattern in all_routes("samverka") if not route.startswith("api/")]
    generated = [plan for plan in plans.values() if not plan.error]
    unmapped = [plan.error for plan in plans.values() if plan.error]
    posts = sum(cases.accepts_post(plan.pattern) for plan in generated)
    other_space = sum(plan.other_space_url is not None for plan in generated)
    hidden = sum(plan.hidden_url is not None for plan in generated)
    refused = sum("member_without_role" in plan.people for plan in generated)
    print(  # noqa: T201 (the coverage figure, shown with -s)
        f"\npermission cases generated for {len(generated)} of {len(samverka)} page routes "
        f"({100 * len(generated) // max(len(samverka), 1)} %): {posts} accept POST, {refused} have a member the "
        f"rule refuses, {other_space} are tried under another space, {hidden} with an object hidden from a member"
    )
    assert unmapped == [], "routes without generated permission tests:\n" + "\n".join(unmapped)
    assert len(generated) == len(samverka) == len(IDS)


def test_the_change_check_sees_a_new_row_and_a_saved_row(demo: None) -> None:
    """The "nothing changed" comparison can fail: a saved row and a new row both show up."""
    from samverka.platform.spaces.models import Space

    before = cases.snapshot()
    space = Space.objects.order_by("pk").first()
    space.save()
    saved = cases.changes(before, cases.snapshot())
    make_user(email="one-more@permission-tests.example")
    added = cases.changes(before, cases.snapshot())
    assert any("latest change of spaces_space" in line for line in saved), saved
    assert any("rows of accounts_user" in line for line in added), added

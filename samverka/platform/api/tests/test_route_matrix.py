"""Every route of the API router × (anonymous, an outsider, a member without the role, the role holder, a
platform admin): reads, the constrained object of another space, and every write action.

After each refused write nothing has changed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.meetings.models import ActionItem, AgendaItem, Decision, Meeting
from samverka.education.catalogue.models import Education, Offering, Provider
from samverka.education.knowledgenodes.models import KnowledgeNode
from samverka.education.myhreports.models import MyhReport
from samverka.education.orders.models import EducationOrder
from samverka.education.validation.models import ValidationOffer
from samverka.insight.statistics.models import Dataset
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.api.tests.test_matrix import snapshot
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space
from samverka.records.questions.models import Question
from samverka.records.registry.models import Case, RegisteredDocument
from samverka.steering.goals.models import Goal
from samverka.steering.inputs.models import Input
from samverka.steering.statusreports.models import StatusReport, StatusRound
from samverka.steering.workplans.models import Activity, WorkPlan

pytestmark = pytest.mark.django_db

# --- every route ------------------------------------------------------------------------------------
#
# The matrix above pins the first endpoints in detail. Below, EVERY route of the router is exercised for
# anonymous / an insider of space B (outsider) / a member of space A without the role / who holds the role
# the route's rule asks for / a platform admin, on a private object of space A, on space B's private object
# of the same kind (the constrained object: 404 for who may not see it), and for every write action; after
# each refused write nothing changed. A route the router serves and ROUTES does not describe fails
# ``test_every_route_and_action_is_in_the_route_matrix``, so a new endpoint cannot be forgotten.

ROUTE_ROLES = ("anonymous", "outsider", "member", "holder", "admin")


def by_role(anonymous: int, outsider: int, member: int, holder: int, admin: int) -> dict[str, int]:
    return dict(zip(ROUTE_ROLES, (anonymous, outsider, member, holder, admin), strict=True))


EVERYONE = by_role(200, 200, 200, 200, 200)
NOBODY_MAY = by_role(405, 405, 405, 405, 405)
#: A private object of space A: unseen (404) outside the space, open to its insiders.
A_INSIDERS = by_role(404, 404, 200, 200, 200)
#: Space B's private object: its own insider (the outsider of A) and the platform admin see it; A's people get 404.
B_ONLY = by_role(404, 200, 404, 404, 200)
#: A change of a private object of space A: unseen outside (404), refused to a member (403).
A_CHANGE = by_role(404, 404, 403, 200, 200)
#: A create in space A: anonymous must sign in (401), the others are refused (403) unless they hold the role.
A_CREATE = by_role(401, 403, 403, 201, 201)
#: A create naming a parent in space A the person cannot see: 400 (no such object) for a signed-in outsider.
A_CREATE_UNDER_HIDDEN = by_role(401, 400, 403, 201, 201)


@dataclass
class Route:
    """What one route serves and who gets which status (see ROUTE_ROLES)."""

    prefix: str
    model: type | None
    holder: str  # the person who holds the role the route's rules ask for: a name in route_people
    expected: dict[str, dict[str, int]]  # action (or "constrained") → role → status
    lookup: Callable[[Any], str] | None = None  # the private object of space A (w.a)
    constrained: Callable[[Any], str] | None = None  # space B's object of the same kind (w.b)
    params: Callable[[Any], dict[str, Any]] = lambda w: {}  # query parameters of the list
    writes: dict[str, Callable[[Any], tuple[str, dict[str, Any]]]] = field(
        default_factory=dict
    )  # action → (url tail, body)
    list_key: str = "id"


_METHOD = {"create": "post", "update": "put", "partial_update": "patch"}

ROUTES: dict[str, Route] = {
    "organisation": Route(
        "organisations",
        Organisation,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": EVERYONE,
            "create": A_CREATE,
            "update": by_role(401, 403, 403, 200, 200),
            "partial_update": by_role(401, 403, 403, 200, 200),
        },
        lookup=lambda w: str(w.a.organisation.pk),
        writes={
            "create": lambda w: ("", {"name": "Ny Vårdcentral", "type": "employer", "level": "local", "county": "04"}),
            "update": lambda w: (
                f"{w.a.organisation.pk}/",
                {"name": "Region A", "type": "region", "level": "regional", "description": "Ny."},
            ),
            "partial_update": lambda w: (f"{w.a.organisation.pk}/", {"description": "Ändrad."}),
        },
    ),
    "contact": Route(
        "contacts",
        Contact,
        "secretariat",
        {
            # The register's people are for the insiders of any space: the rule does not depend on the person.
            "list": by_role(401, 200, 200, 200, 200),
            "retrieve": by_role(401, 200, 200, 200, 200),
            "constrained": by_role(401, 200, 200, 200, 200),
            "create": A_CREATE,
            "update": by_role(401, 403, 403, 200, 200),
            "partial_update": by_role(401, 403, 403, 200, 200),
        },
        lookup=lambda w: str(w.a.action_item.owner_contact_id),
        constrained=lambda w: str(w.b.action_item.owner_contact_id),
        writes={
            "create": lambda w: ("", {"organisation": w.a.organisation.pk, "name": "Nils Nilsson"}),
            "update": lambda w: (f"{w.a.action_item.owner_contact_id}/", {"name": "Nils Ny", "function": "Rektor"}),
            "partial_update": lambda w: (f"{w.a.action_item.owner_contact_id}/", {"function": "HR-chef"}),
        },
    ),
    "space": Route(
        "spaces",
        Space,
        "secretariat",
        {"list": EVERYONE, "retrieve": EVERYONE},
        lookup=lambda w: w.space.slug,
        list_key="slug",
    ),
    "body": Route(
        "bodies",
        Body,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": A_INSIDERS,
            "constrained": B_ONLY,
            "create": A_CREATE,
            "update": A_CHANGE,
            "partial_update": A_CHANGE,
            "close": A_CHANGE,
        },
        lookup=lambda w: str(w.a.body.pk),
        constrained=lambda w: str(w.b.body.pk),
        writes={
            "create": lambda w: (
                "",
                {"space": w.space.slug, "name": "Ny grupp", "kind": "working_group", "area": "education_matching"},
            ),
            "update": lambda w: (
                f"{w.a.body.pk}/",
                {"name": "Beredningsgrupp A", "kind": "working_group", "area": "education_matching", "mandate": "Ny."},
            ),
            "partial_update": lambda w: (f"{w.a.body.pk}/", {"mandate": "Följa upp."}),
            "close": lambda w: (f"{w.a.body.pk}/close/", {"closing_note": "Uppdraget är slutfört."}),
        },
    ),
    "membership": Route(
        "memberships",
        Membership,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": A_INSIDERS,
            "constrained": B_ONLY,
            "create": A_CREATE_UNDER_HIDDEN,
            "update": A_CHANGE,
            "partial_update": A_CHANGE,
            "end": A_CHANGE,
        },
        lookup=lambda w: str(w.a.membership.pk),
        constrained=lambda w: str(w.b.membership.pk),
        writes={
            "create": lambda w: (
                "",
                {"body": w.a.body.pk, "contact": w.a.action_item.owner_contact_id, "role": "member"},
            ),
            "update": lambda w: (
                f"{w.a.membership.pk}/",
                {"contact": w.a.membership.contact_id, "role": "process_leader", "note": "Ny."},
            ),
            "partial_update": lambda w: (f"{w.a.membership.pk}/", {"note": "Ersättare."}),
            "end": lambda w: (f"{w.a.membership.pk}/end/", {}),
        },
    ),
    "meeting": Route(
        "meetings",
        Meeting,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": A_INSIDERS,
            "constrained": B_ONLY,
            "create": A_CREATE_UNDER_HIDDEN,
            "update": A_CHANGE,
            "partial_update": A_CHANGE,
        },
        lookup=lambda w: str(w.a.meeting.pk),
        constrained=lambda w: str(w.b.meeting.pk),
        writes={
            "create": lambda w: (
                "",
                {
                    "body": w.a.body.pk,
                    "title": "Styrgruppsmöte",
                    "start": "2027-05-03T13:00:00+02:00",
                    "end": "2027-05-03T15:00:00+02:00",
                },
            ),
            "update": lambda w: (
                f"{w.a.meeting.pk}/",
                {"title": "Möte A", "start": "2027-02-03T13:00:00+01:00", "end": "2027-02-03T16:00:00+01:00"},
            ),
            "partial_update": lambda w: (f"{w.a.meeting.pk}/", {"place": "Digitalt"}),
        },
    ),
    "agenda-item": Route(
        "agenda-items",
        AgendaItem,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": A_INSIDERS,
            "constrained": B_ONLY,
            "create": A_CREATE_UNDER_HIDDEN,
            "update": A_CHANGE,
            "partial_update": A_CHANGE,
        },
        lookup=lambda w: str(w.a.agenda_item.pk),
        constrained=lambda w: str(w.b.agenda_item.pk),
        writes={
            "create": lambda w: ("", {"meeting": w.a.meeting.pk, "title": "Mål för 2027", "kind": "information"}),
            "update": lambda w: (f"{w.a.agenda_item.pk}/", {"title": "Handlingsplan 2027", "kind": "decision"}),
            "partial_update": lambda w: (f"{w.a.agenda_item.pk}/", {"presenter": "Sara"}),
        },
    ),
    "decision": Route(
        "decisions",
        Decision,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.decision.pk),
        constrained=lambda w: str(w.b.decision.pk),
    ),
    "action-item": Route(
        "action-items",
        ActionItem,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY, "status": A_CHANGE},
        lookup=lambda w: str(w.a.action_item.pk),
        constrained=lambda w: str(w.b.action_item.pk),
        writes={"status": lambda w: (f"{w.a.action_item.pk}/status/", {"status": "done"})},
    ),
    "goal": Route(
        "goals",
        Goal,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY, "values": A_CHANGE},
        lookup=lambda w: str(w.a.goal.pk),
        constrained=lambda w: str(w.b.goal.pk),
        writes={
            "values": lambda w: (
                f"{w.a.goal.pk}/values/",
                {"metric": w.a.metric.pk, "measured_on": "2027-02-28", "value": "12"},
            )
        },
    ),
    "work-plan": Route(
        "work-plans",
        WorkPlan,
        "leader",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.work_plan.pk),
        constrained=lambda w: str(w.b.work_plan.pk),
    ),
    "activity": Route(
        "activities",
        Activity,
        "leader",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.activity.pk),
        constrained=lambda w: str(w.b.activity.pk),
    ),
    "status-round": Route(
        "status-rounds",
        StatusRound,
        "leader",
        # A group's leader sees the round listed with their own report; the round's page (and object) is for the
        # space's insiders and its steering group, so the leader gets 403 there, as on the page.
        {"list": EVERYONE, "retrieve": by_role(404, 404, 200, 403, 200), "constrained": B_ONLY},
        lookup=lambda w: str(w.a.round.pk),
        constrained=lambda w: str(w.b.round.pk),
    ),
    "status-report": Route(
        "status-reports",
        StatusReport,
        "leader",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.report.pk),
        constrained=lambda w: str(w.b.report.pk),
    ),
    "input": Route(
        "inputs",
        Input,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": A_INSIDERS,
            "constrained": B_ONLY,
            "create": A_CREATE,
            "update": NOBODY_MAY,
            "partial_update": NOBODY_MAY,
        },
        lookup=lambda w: str(w.a.input.pk),
        constrained=lambda w: str(w.b.input.pk),
        writes={
            "create": lambda w: (
                "",
                {
                    "space": w.space.slug,
                    "source_organisation": w.a.organisation.pk,
                    "channel": "network",
                    "received_on": "2026-11-02",
                    "goal_year": 2027,
                    "topic": "Industrin",
                },
            ),
            "update": lambda w: (f"{w.a.input.pk}/", {"topic": "x"}),
            "partial_update": lambda w: (f"{w.a.input.pk}/", {"topic": "x"}),
        },
    ),
    "case": Route(
        "cases",
        Case,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.case.pk),
        constrained=lambda w: str(w.b.case.pk),
    ),
    "document": Route(
        "documents",
        RegisteredDocument,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.document.pk),
        constrained=lambda w: str(w.b.document.pk),
    ),
    "diary": Route("diary", None, "secretariat", {"list": EVERYONE}, params=lambda w: {"space": w.space.slug}),
    "question": Route(
        "questions",
        Question,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.question.pk),
        constrained=lambda w: str(w.b.question.pk),
    ),
    "county": Route(
        "counties",
        County,
        "secretariat",
        {"list": EVERYONE, "retrieve": EVERYONE},
        lookup=lambda w: "04",
        list_key="code",
    ),
    "municipality": Route(
        "municipalities",
        Municipality,
        "secretariat",
        {"list": EVERYONE, "retrieve": EVERYONE},
        lookup=lambda w: "0484",
        list_key="code",
    ),
    "dataset": Route(
        "datasets",
        Dataset,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.dataset.pk),
        constrained=lambda w: str(w.b.dataset.pk),
    ),
    "observation": Route(
        "observations", None, "secretariat", {"list": EVERYONE}, params=lambda w: {"version": w.a.version.pk}
    ),
    "indicator": Route(
        "indicators",
        None,
        "secretariat",
        {
            "list": EVERYONE,
            "retrieve": EVERYONE,
            # Computing on a version: 404 for who may not read its dataset (space A's private table); who may read
            # it hears why this indicator cannot be computed on the small table (400 with the reason).
            "compute": by_role(404, 404, 400, 400, 400),
            "constrained": by_role(404, 400, 404, 404, 400),
        },
        lookup=lambda w: "age_structure",
        list_key="key",
    ),
    "validation-offer": Route(
        "validation-offers",
        ValidationOffer,
        "secretariat",
        {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
        lookup=lambda w: str(w.a.validation_offer.pk),
        constrained=lambda w: str(w.b.validation_offer.pk),
    ),
    # The suppressed aggregate only, for everyone (the rows are never served).
    "validation-outcome": Route(
        "validation-outcomes", None, "secretariat", {"list": EVERYONE}, params=lambda w: {"space": w.space.slug}
    ),
    # The suppressed follow-up table only, for the space's insiders (the rows are never served).
    "cohort": Route(
        "cohorts",
        None,
        "secretariat",
        {"list": by_role(401, 403, 200, 200, 200)},
        params=lambda w: {"space": w.space.slug},
    ),
    **{
        basename: Route(
            prefix,
            model,
            "secretariat",
            {"list": EVERYONE, "retrieve": A_INSIDERS, "constrained": B_ONLY},
            lookup=lambda w, name=name: str(getattr(w.a, name).pk),
            constrained=lambda w, name=name: str(getattr(w.b, name).pk),
        )
        for basename, prefix, model, name in (
            ("education-provider", "education-providers", Provider, "provider"),
            ("education", "educations", Education, "education"),
            ("offering", "offerings", Offering, "offering"),
            ("knowledge-node", "knowledge-nodes", KnowledgeNode, "knowledge_node"),
            ("education-order", "education-orders", EducationOrder, "education_order"),
            ("myh-report", "myh-reports", MyhReport, "myh_report"),
        )
    },
}


def router_actions() -> dict[str, set[str]]:
    """basename → the actions the router routes for it (list, retrieve, create, …, extra actions)."""
    from samverka.platform.api.urls import router

    found: dict[str, set[str]] = {}
    for _prefix, viewset, basename in router.registry:
        for route in router.get_routes(viewset):
            found.setdefault(basename, set()).update(router.get_method_map(viewset, route.mapping).values())
    return found


def test_every_route_and_action_is_in_the_route_matrix():
    routed = router_actions()
    assert set(routed) == set(ROUTES), "add the new route to ROUTES (or remove the old one)"
    for basename, actions in routed.items():
        spec = ROUTES[basename]
        described = set(spec.expected) - {"constrained"}
        assert actions == described, f"{basename}: routed {sorted(actions)}, described {sorted(described)}"
        for action, expected in spec.expected.items():
            assert set(expected) == set(ROUTE_ROLES), f"{basename}.{action} names every role"
        if "retrieve" in actions:
            assert spec.lookup is not None, basename
        for action in actions - {"list", "retrieve"}:
            if action != "compute":
                assert action in spec.writes, f"{basename}.{action}: how to call it"


def _snapshot(model: type | None) -> list[dict[str, Any]]:
    return [] if model is None else snapshot(model)


def _ids(response: Any, key: str) -> set[Any]:
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return {row[key] for row in rows}


def _call(client: Any, spec: Route, action: str, world: Any) -> Any:
    base = f"/api/v1/{spec.prefix}/"
    if action == "list":
        return client.get(base, spec.params(world))
    if action == "retrieve":
        return client.get(f"{base}{spec.lookup(world)}/")
    if action == "constrained":
        if spec.prefix == "indicators":
            return client.get(f"{base}{spec.lookup(world)}/compute/", {"version": world.b.version.pk})
        return client.get(f"{base}{spec.constrained(world)}/")
    if action == "compute":
        return client.get(f"{base}{spec.lookup(world)}/compute/", {"version": world.a.version.pk})
    tail, body = spec.writes[action](world)
    method = _METHOD.get(action, "post")
    return getattr(client, method)(f"{base}{tail}", body, format="json")


@pytest.mark.parametrize("basename", sorted(ROUTES))
def test_every_route_answers_each_role_as_its_rule_says(basename, route_people, route_world):
    from django.db import transaction

    spec = ROUTES[basename]
    people = {
        "anonymous": None,
        "outsider": route_people.outsider,
        "member": route_people.member,
        "holder": getattr(route_people, spec.holder),
        "admin": route_people.admin,
    }
    clients = {role: client_for(user) for role, user in people.items()}
    problems = []
    for action, expected_by_role in spec.expected.items():
        for role in ROUTE_ROLES:
            expected = expected_by_role[role]
            before = _snapshot(spec.model)
            sid = transaction.savepoint()
            try:
                response = _call(clients[role], spec, action, route_world)
                status = response.status_code
                if status != expected:
                    problems.append(f"{action} as {role}: {status}, expected {expected}: {response.content[:200]!r}")
                read_or_refused = expected >= 400 or action in {"list", "retrieve", "constrained", "compute"}
                if read_or_refused and _snapshot(spec.model) != before:
                    problems.append(f"{action} as {role}: answered {status} but changed {spec.model.__name__}")
                if expected == 401 and status == 401:
                    assert response["WWW-Authenticate"] == "Token"
                if action == "list" and status == 200 and spec.lookup is not None and spec.model is not None:
                    # A list holds exactly what the details do not hide (404 ⇔ not listed).
                    listed = {str(key) for key in _ids(response, spec.list_key)}
                    shown_a = spec.expected["retrieve"][role] != 404
                    if (spec.lookup(route_world) in listed) != shown_a:
                        problems.append(f"list as {role}: space A's object listed={not shown_a}, detail disagrees")
                    if spec.constrained is not None:
                        shown_b = spec.expected["constrained"][role] != 404
                        if (spec.constrained(route_world) in listed) != shown_b:
                            problems.append(f"list as {role}: space B's object listed={not shown_b}, detail disagrees")
            finally:
                transaction.savepoint_rollback(sid)
    assert problems == [], f"{basename}:\n" + "\n".join(problems)

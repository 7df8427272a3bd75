"""The API and the pages give the same person the same answer about the same object.

For every API detail route with a matching HTML page, several people of different roles open the object
on the page (session) and in the API (token): the page answers 200 exactly when the API answers 200.
A route without a page is named in ``NO_PAGE`` with the reason, so a new detail route must be paired.

Also the named regression of issue 13: a member of a steering group (not a member of the space) read a
status report on the web (200) but got 404 from ``/api/v1/status-reports/<id>/`` and an empty
``/api/v1/status-rounds/``, because the API rebuilt the rule instead of using ``StatusReport.objects.restrict``.
"""

from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samverka.platform.api.tests.conftest import client_for
from samverka.platform.api.tests.test_route_matrix import router_actions
from samverka.steering.statusreports.models import StatusReport, StatusRound
from samverka.steering.workplans.models import WorkPlan
from samverka.testing import factories

pytestmark = pytest.mark.django_db

#: basename → (API detail path, page path) for an object of the world.
PAIRS: dict[str, Callable[[Any], tuple[str, str]]] = {
    "organisation": lambda o: (f"organisations/{o.organisation.pk}/", o.organisation.get_absolute_url()),
    "space": lambda o: (f"spaces/{o.space.slug}/", o.space.get_absolute_url()),
    "body": lambda o: (f"bodies/{o.body.pk}/", o.body.get_absolute_url()),
    "meeting": lambda o: (f"meetings/{o.meeting.pk}/", o.meeting.get_absolute_url()),
    "goal": lambda o: (f"goals/{o.goal.pk}/", o.goal.get_absolute_url()),
    "work-plan": lambda o: (f"work-plans/{o.work_plan.pk}/", o.work_plan.get_absolute_url()),
    "status-round": lambda o: (f"status-rounds/{o.round.pk}/", o.round.get_absolute_url()),
    "status-report": lambda o: (f"status-reports/{o.report.pk}/", o.report.get_absolute_url()),
    "input": lambda o: (f"inputs/{o.input.pk}/", o.input.get_absolute_url()),
    "case": lambda o: (f"cases/{o.case.pk}/", o.case.get_absolute_url()),
    "document": lambda o: (
        f"documents/{o.document.pk}/",
        reverse(
            "registry:document-detail",
            kwargs={"space": o.space.slug, "pk": o.case.pk, "number": o.document.number},
        ),
    ),
    "question": lambda o: (f"questions/{o.question.pk}/", o.question.get_absolute_url()),
    "dataset": lambda o: (f"datasets/{o.dataset.pk}/", o.dataset.get_absolute_url()),
    "education-provider": lambda o: (f"education-providers/{o.provider.pk}/", o.provider.get_absolute_url()),
    "education": lambda o: (f"educations/{o.education.pk}/", o.education.get_absolute_url()),
    "offering": lambda o: (f"offerings/{o.offering.pk}/", o.offering.get_absolute_url()),
    "knowledge-node": lambda o: (f"knowledge-nodes/{o.knowledge_node.pk}/", o.knowledge_node.get_absolute_url()),
    "validation-offer": lambda o: (
        f"validation-offers/{o.validation_offer.pk}/",
        o.validation_offer.get_absolute_url(),
    ),
    "education-order": lambda o: (f"education-orders/{o.education_order.pk}/", o.education_order.get_absolute_url()),
    "myh-report": lambda o: (f"myh-reports/{o.myh_report.pk}/", o.myh_report.get_absolute_url()),
}

#: Detail routes without an HTML page of their own (what the page shows of them is on the parent's page).
NO_PAGE = {
    "contact": "shown on the organisation's page",
    "membership": "shown on the body's page",
    "agenda-item": "shown on the meeting's page",
    "decision": "shown on the meeting's page and the space's decision list",
    "action-item": "shown on the meeting's page and the space's action list",
    "activity": "shown on the work plan's page",
    "county": "reference data, public on both sides",
    "municipality": "reference data, public on both sides",
    "indicator": "the catalogue; its page is per space and version",
}

#: People of different roles (no platform admin: the pages ask a superuser for a two-factor session).
ROLES = ("anonymous", "outsider", "member", "guest", "secretariat", "leader", "steering")


@pytest.fixture
def people(space: Any, other_space: Any, make_role_user: Any, route_people: SimpleNamespace) -> dict[str, Any]:
    steering = factories.make_user(full_name="Stina Styrgrupp")
    group = factories.make_body(space=space, name="Styrgrupp A", kind="steering_group", is_public=False)
    factories.make_membership(body=group, contact=factories.make_contact(user=steering), role="member")
    return {
        "anonymous": None,
        "outsider": route_people.outsider,
        "member": route_people.member,
        "guest": make_role_user(space, "guest", full_name="Gustav Gäst"),
        "secretariat": route_people.secretariat,
        "leader": route_people.leader,
        "steering": steering,
    }


def page_client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_detail_route_is_paired_with_its_page_or_says_why_not():
    detail_routes = {basename for basename, actions in router_actions().items() if "retrieve" in actions}
    assert detail_routes == set(PAIRS) | set(NO_PAGE)
    assert not set(PAIRS) & set(NO_PAGE)


@pytest.mark.parametrize("basename", sorted(PAIRS))
def test_the_page_and_the_api_agree_for_every_role(basename, people, route_world):
    disagreements = []
    for objects in (route_world.a, route_world.b):
        objects.space = objects.body.space
        api_path, page_path = PAIRS[basename](objects)
        for role in ROLES:
            user = people[role]
            page = page_client(user).get(page_path).status_code
            api = client_for(user).get(f"/api/v1/{api_path}").status_code
            if (page == 200) != (api == 200):
                disagreements.append(f"{role} on {page_path}: page {page}, API {api}")
    assert disagreements == [], "\n".join(disagreements)


def test_regression_issue_13_a_steering_group_member_reads_the_status_report_in_the_api_too(national_space):
    """MSV KLL's steering-group member opened a status report on the web (200) but got 404 from the API."""
    member = factories.make_user(full_name="Styrgruppsledamot")
    steering = factories.make_body(space=national_space, name="Styrgrupp MSV KLL", kind="steering_group")
    factories.make_membership(body=steering, contact=factories.make_contact(user=member), role="member")
    group = factories.make_body(space=national_space, name="Arbetsgrupp validering", is_public=False)
    plan = WorkPlan.objects.create(body=group, year=2027, purpose="Samordna.", status="adopted")
    status_round = StatusRound.objects.create(
        space=national_space, name="Våren 2027", year=2027, opens_on=date(2027, 3, 1), deadline=date(2027, 4, 1)
    )
    report = StatusReport.objects.create(round=status_round, work_plan=plan, state="submitted")

    assert page_client(member).get(report.get_absolute_url()).status_code == 200
    api = client_for(member)
    response = api.get(f"/api/v1/status-reports/{report.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == report.pk
    assert [row["id"] for row in api.get("/api/v1/status-reports/").json()["results"]] == [report.pk]
    assert [row["id"] for row in api.get("/api/v1/status-rounds/").json()["results"]] == [status_round.pk]
    assert page_client(member).get(status_round.get_absolute_url()).status_code == 200
    assert api.get(f"/api/v1/status-rounds/{status_round.pk}/").status_code == 200

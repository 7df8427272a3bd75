"""Fixtures of the API tests: clients that authenticate with a token, and a small world of two spaces.

Space A (``space``, Sörmland) and space B (``other_space``, Örebro) each have a
public and a private body with one membership; the people of the matrix are
anonymous, a member of A, the secretariat of A and a platform admin.
"""

from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import give_totp
from samverka.collaboration.actors.services import landscape_publish
from samverka.testing import factories


def client_for(user: Any = None) -> APIClient:
    """An API client; with a user it sends ``Authorization: Token <key>`` like an integration would."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def people(space: Any, make_role_user: Any, superuser: Any) -> SimpleNamespace:
    give_totp(superuser)  # platform admins must use two-factor authentication
    return SimpleNamespace(
        anonymous=None,
        member=make_role_user(space, "member", full_name="Maja Medlem"),
        secretariat=make_role_user(space, "secretariat", full_name="Sara Sekreterare"),
        admin=superuser,
    )


@pytest.fixture
def world(space: Any, other_space: Any) -> SimpleNamespace:
    """Public and private bodies with one membership each, in spaces A and B."""
    organisation = factories.make_organisation(name="Eskilstuna kommun", type="municipality")
    contact = factories.make_contact(organisation=organisation, name="Karin Kontakt", email="karin@example.se")

    def body_with_member(space: Any, name: str, is_public: bool) -> Any:
        body = factories.make_body(space=space, name=name, is_public=is_public)
        factories.make_membership(body=body, contact=factories.make_contact(organisation=organisation), role="chair")
        return body

    world = SimpleNamespace(
        organisation=organisation,
        contact=contact,
        a_public=body_with_member(space, "Branschforum vård A", True),
        a_private=body_with_member(space, "Beredningsgrupp A", False),
        b_public=body_with_member(other_space, "Programråd B", True),
        b_private=body_with_member(other_space, "Styrgrupp B", False),
    )
    # The public register shows organisations as last published on a landscape map.
    landscape_publish(space=space, actor=factories.make_user(is_superuser=True), summary="API tests")
    return world


def private_objects(space: Any, *, leader: Any = None, tag: str = "A") -> SimpleNamespace:
    """One private object of every kind the API serves, in ``space`` (none of them public).

    ``leader`` (a user) is made process leader of the body, so the body's work plan's status report is theirs.
    """
    from datetime import date, datetime, timedelta
    from decimal import Decimal

    from django.utils import timezone

    from samverka.collaboration.meetings.models import ActionItem, AgendaItem, Decision, Meeting
    from samverka.insight.statistics.models import Dataset, DatasetVersion
    from samverka.platform.core.ics import STOCKHOLM
    from samverka.records.questions.models import Question
    from samverka.records.registry.models import Case, RegisteredDocument, RegistrationSeries
    from samverka.steering.goals.models import Goal, Metric, MetricValue
    from samverka.steering.inputs.models import Input
    from samverka.steering.statusreports.models import StatusReport, StatusRound
    from samverka.steering.workplans.models import Activity, WorkPlan

    organisation = factories.make_organisation(name=f"Region {tag}", type="region")
    body = factories.make_body(space=space, name=f"Beredningsgrupp {tag}", is_public=False)
    factories.make_membership(
        body=body,
        contact=factories.make_contact(organisation=organisation, user=leader, name=f"Petra Processledare {tag}"),
        organisation=organisation,
        role="process_leader",
    )
    other_body = factories.make_body(space=space, name=f"Arbetsutskott {tag}", is_public=False)
    start = datetime(2027, 2, 3, 13, 0, tzinfo=STOCKHOLM)
    meeting = Meeting.objects.create(body=body, title=f"Möte {tag}", start=start, end=start + timedelta(hours=2))
    agenda_item = AgendaItem.objects.create(meeting=meeting, position=1, title="Handlingsplan", kind="decision")
    now = timezone.now()
    decision = Decision.objects.create(
        body=body,
        meeting=meeting,
        agenda_item=agenda_item,
        year=2027,
        number=1,
        text="Handlingsplanen antas.",
        decided_on=date(2027, 2, 3),
        due_date=date(2027, 6, 1),
        opened_at=now,
    )
    action_item = ActionItem.objects.create(
        body=body,
        meeting=meeting,
        decision=decision,
        title="Skicka planen",
        owner_contact=factories.make_contact(organisation=organisation),
        due_date=date(2027, 3, 1),
        opened_at=now,
    )
    goal = Goal.objects.create(space=space, year=2027, kind="effect", code="E1", title=f"Fler utbildade {tag}")
    metric = Metric.objects.create(goal=goal, name="Antal", unit="personer")
    MetricValue.objects.create(metric=metric, measured_on=date(2027, 1, 31), value=Decimal("10"))
    plan = WorkPlan.objects.create(body=body, year=2027, purpose="Samordna.", status="adopted")
    activity = Activity.objects.create(work_plan=plan, position=0, title=f"Aktivitet {tag}")
    status_round = StatusRound.objects.create(
        space=space, name=f"Våren 2027 {tag}", year=2027, opens_on=date(2027, 3, 1), deadline=date(2027, 4, 1)
    )
    report = StatusReport.objects.create(round=status_round, work_plan=plan, state="submitted")
    item = Input.objects.create(
        space=space,
        source_organisation=organisation,
        channel="focus_group",
        received_on=date(2026, 12, 5),
        goal_year=2027,
        topic=f"Validering {tag}",
    )
    series = RegistrationSeries.objects.create(space=space, code=f"S{tag}", name="Diarium")
    case = Case.objects.create(
        series=series, space=space, year=2027, number=1, title=f"Ärende {tag}", opened_on=date(2027, 1, 10)
    )
    document = RegisteredDocument.objects.create(case=case, number=1, direction="incoming", subject="Skrivelse")
    question = Question.objects.create(
        space=space,
        from_body=body,
        to_body=other_body,
        title=f"Fråga {tag}",
        text="Hur går det?",
        due_on=date(2027, 3, 1),
    )
    dataset = Dataset.objects.create(space=space, slug=f"tabell-{tag.lower()}", title=f"Tabell {tag}", source="csv")
    version = DatasetVersion.objects.create(dataset=dataset, number=1, status="published", imported_at=now)
    from samverka.education.catalogue.tests import factories as catalogue

    provider = catalogue.make_provider(space=space, name=f"Anordnare {tag}", is_published=False)
    education = catalogue.make_education(space=space, provider=provider, title=f"Utbildning {tag}", is_published=False)
    offering = catalogue.make_offering(space=space, education=education, is_published=False)
    from samverka.education.knowledgenodes.tests.factories import make_node

    knowledge_node = make_node(space, name=f"Kunskapsnod {tag}", is_published=False)
    return SimpleNamespace(
        knowledge_node=knowledge_node,
        provider=provider,
        education=education,
        offering=offering,
        organisation=organisation,
        body=body,
        membership=body.memberships.get(),
        meeting=meeting,
        agenda_item=agenda_item,
        decision=decision,
        action_item=action_item,
        goal=goal,
        metric=metric,
        work_plan=plan,
        activity=activity,
        round=status_round,
        report=report,
        input=item,
        case=case,
        document=document,
        question=question,
        dataset=dataset,
        version=version,
        validation_offer=_validation_offer(space, tag),
    )


def _validation_offer(space: Any, tag: str) -> Any:
    """An unpublished validation offer of ``space`` (for its insiders only)."""
    from samverka.education.validation.services import OfferData, offer_create

    return offer_create(space=space, actor=None, data=OfferData(title=f"Validering {tag}", kind="other"))


@pytest.fixture
def route_people(space: Any, other_space: Any, make_role_user: Any, superuser: Any) -> SimpleNamespace:
    """The people of the route matrix: nobody, an insider of space B, a member of space A, who holds each
    role that space A's rules ask for (secretariat, a body's process leader), and a platform admin."""
    secretariat = make_role_user(space, "secretariat", full_name="Sara Sekreterare")
    give_totp(secretariat)
    give_totp(superuser)
    return SimpleNamespace(
        anonymous=None,
        outsider=make_role_user(other_space, "member", full_name="Olle Utomstående"),
        member=make_role_user(space, "member", full_name="Maja Medlem"),
        secretariat=secretariat,
        leader=factories.make_user(full_name="Petra Processledare"),
        admin=superuser,
    )


@pytest.fixture
def route_world(space: Any, other_space: Any, route_people: SimpleNamespace) -> SimpleNamespace:
    """Space A's private objects (its body led by ``route_people.leader``) and space B's (the constrained ones)."""
    world = SimpleNamespace(
        a=private_objects(space, leader=route_people.leader, tag="A"),
        b=private_objects(other_space, tag="B"),
        space=space,
        other_space=other_space,
    )
    landscape_publish(space=space, actor=route_people.admin, summary="API tests")
    for objects, tag in ((world.a, "A"), (world.b, "B")):
        objects.education_order = _education_order(objects, tag)
        objects.myh_report = _myh_report(objects.body.space, route_people.admin)
    return world


def _education_order(objects: SimpleNamespace, tag: str) -> Any:
    """An unpublished education order of the objects' body (for the space's insiders and the body's leader)."""
    from samverka.education.orders import services

    data = services.OrderData(
        title=f"Beställning {tag}", origin_body=objects.body, order_type="new", forms=["vux"], priority=1
    )
    order = services.order_create(actor=None, space=objects.body.space, data=data)
    services.addressee_add(actor=None, order=order, organisation=objects.organisation)
    return order


def _myh_report(space: Any, actor: Any) -> Any:
    """A draft yearly report to MYH of ``space`` (for its insiders only)."""
    from samverka.education.myhreports.services import report_create

    return report_create(space=space, year=2026, actor=actor)

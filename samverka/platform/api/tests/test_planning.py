"""Goals, work plans, activities, status reports and inputs in the API: the same people see the same things
as on the pages, hidden objects answer 404, and the lists make a bounded number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import give_totp
from samverka.platform.api.tests.conftest import client_for
from samverka.steering.goals.models import Goal, Metric, MetricValue
from samverka.steering.inputs.models import Consideration, Input
from samverka.steering.statusreports.models import ActivityStatus, Feedback, StatusReport, StatusRound
from samverka.steering.workplans.models import Activity, PerspectiveAssessment, WorkPlan
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def goals_of(space, year=2027, *, public=False, prefix="E"):
    effect = Goal.objects.create(space=space, year=year, kind="effect", code=f"{prefix}1", title="Fler utbildade")
    result = Goal.objects.create(
        space=space,
        year=year,
        kind="result",
        parent=effect,
        code=f"{prefix}1.1",
        title="Fler YH-platser",
        is_public=public,
    )
    metric = Metric.objects.create(goal=result, name="Antal platser", unit="platser", baseline=100, target=150)
    MetricValue.objects.create(metric=metric, measured_on=date(2027, 6, 30), value=Decimal("120"))
    return effect, result


def plan_with_report(space, body, goal, status_round, *, lights=("green", "yellow")):
    plan = WorkPlan.objects.create(body=body, year=2027, purpose="Samordna valideringen.", status="adopted")
    report = StatusReport.objects.create(round=status_round, work_plan=plan, state="submitted")
    for position, light in enumerate(lights):
        activity = Activity.objects.create(work_plan=plan, position=position, title=f"Aktivitet {position}")
        activity.result_goals.add(goal)
        PerspectiveAssessment.objects.create(
            activity=activity, perspective="gender_equality", motivation="Könsuppdelad statistik."
        )
        ActivityStatus.objects.create(report=report, activity=activity, light_activity=light, light_result=light)
    Feedback.objects.create(report=report, text="Bra arbete, fortsätt.")
    return plan, report


@pytest.fixture
def setting(space, other_space, make_role_user):
    _, public_goal = goals_of(space, public=True)
    _, private_goal = goals_of(other_space, prefix="B")
    status_round = StatusRound.objects.create(
        space=space, name="Våren 2027", year=2027, opens_on=date(2027, 3, 1), deadline=date(2027, 4, 1)
    )
    leader = make_user(email="processledare@example.se")
    body = make_body(space=space, name="Arbetsgrupp validering", is_public=False)
    make_membership(body=body, contact=make_contact(user=leader, name="Petra Processledare"), role="process_leader")
    plan, report = plan_with_report(space, body, public_goal, status_round)
    region = make_organisation(name="Region Sörmland", type="region")
    item = Input.objects.create(
        space=space,
        source_organisation=region,
        channel="focus_group",
        received_on=date(2026, 12, 5),
        goal_year=2027,
        topic="Validering inom vården",
    )
    item.goals.add(public_goal)
    Consideration.objects.create(
        input=item, outcome="partly", reason="Ingår delvis i resultatmål 1.1.", decided_at="2027-03-15T10:00:00Z"
    )
    return {
        "public_goal": public_goal,
        "private_goal": private_goal,
        "plan": plan,
        "report": report,
        "round": status_round,
        "input": item,
        "leader": leader,
        "member": make_role_user(space, "member"),
        "guest": make_role_user(space, "guest"),
        "outsider": make_role_user(other_space, "member"),
    }


def test_public_goals_are_for_everyone_the_rest_for_the_space(setting):
    public, private = setting["public_goal"], setting["private_goal"]
    anonymous = client_for()
    assert ids(anonymous.get("/api/v1/goals/")) == {public.pk}
    assert anonymous.get(f"/api/v1/goals/{private.pk}/").status_code == 404
    body = anonymous.get(f"/api/v1/goals/{public.pk}/").json()
    assert body["kind"] == "result" and body["metrics"][0]["values"][0]["value"] == "120.00"
    # Another space's members see their own goals, not this space's private effect goal.
    assert private.pk in ids(client_for(setting["outsider"]).get("/api/v1/goals/"))
    assert public.parent_id not in ids(client_for(setting["outsider"]).get("/api/v1/goals/"))
    assert public.parent_id in ids(client_for(setting["member"]).get("/api/v1/goals/"))


def test_work_plans_and_activities_follow_the_body(setting):
    plan = setting["plan"]
    assert ids(client_for().get("/api/v1/work-plans/")) == set()
    assert client_for().get(f"/api/v1/work-plans/{plan.pk}/").status_code == 404
    assert ids(client_for(setting["member"]).get("/api/v1/work-plans/")) == {plan.pk}
    activities = client_for(setting["member"]).get("/api/v1/activities/", {"work_plan": plan.pk}).json()["results"]
    assert [a["title"] for a in activities] == ["Aktivitet 0", "Aktivitet 1"]
    assert activities[0]["result_goals"] == [setting["public_goal"].pk]
    assert activities[0]["perspectives"][0]["perspective"] == "gender_equality"
    assert ids(client_for(setting["outsider"]).get("/api/v1/activities/")) == set()


def test_status_reports_for_insiders_and_the_groups_own_leaders(setting):
    report = setting["report"]
    for who in ("member", "leader"):
        assert ids(client_for(setting[who]).get("/api/v1/status-reports/")) == {report.pk}, who
    body = client_for(setting["leader"]).get(f"/api/v1/status-reports/{report.pk}/").json()
    assert [s["light_activity"] for s in body["statuses"]] == ["green", "yellow"]
    assert body["feedback"][0]["text"] == "Bra arbete, fortsätt."
    for who in ("guest", "outsider"):
        assert ids(client_for(setting[who]).get("/api/v1/status-reports/")) == set(), who
        assert client_for(setting[who]).get(f"/api/v1/status-reports/{report.pk}/").status_code == 404, who
    assert ids(client_for().get("/api/v1/status-rounds/")) == set()
    assert ids(client_for(setting["leader"]).get("/api/v1/status-rounds/")) == {setting["round"].pk}


def test_inputs_are_internal_to_the_space(setting):
    item = setting["input"]
    body = client_for(setting["member"]).get(f"/api/v1/inputs/{item.pk}/").json()
    assert body["source_name"] == "Region Sörmland"
    assert body["consideration"]["outcome"] == "partly"
    for who in ("guest", "outsider"):
        assert client_for(setting[who]).get(f"/api/v1/inputs/{item.pk}/").status_code == 404, who
    assert ids(client_for().get("/api/v1/inputs/")) == set()


def test_writes_are_not_offered(setting):
    response = client_for(setting["member"]).post("/api/v1/goals/", {"title": "Nytt mål"}, format="json")
    assert response.status_code == 405
    assert Goal.objects.count() == 4


def queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200 and response.json()["results"], path
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/goals/",
        "/api/v1/work-plans/",
        "/api/v1/activities/",
        "/api/v1/status-reports/",
        "/api/v1/inputs/",
        "/api/v1/status-rounds/",
    ],
)
def test_list_queries_do_not_grow_with_the_data(setting, space, path):
    client = client_for(setting["member"])
    before = queries(client, path)
    for i in range(8):
        _, goal = goals_of(space, year=2028 + i, public=True, prefix=f"N{i}")
        status_round = StatusRound.objects.create(
            space=space, name=f"Runda {i}", year=2027, opens_on=date(2027, 9, 1), deadline=date(2027, 10, 1)
        )
        plan, _ = plan_with_report(
            space, make_body(space=space, name=f"Grupp {i}"), goal, status_round, lights=("red", "green", "yellow")
        )
        Input.objects.create(
            space=space,
            source_organisation=make_organisation(name=f"Region {i}", type="region"),
            channel="survey",
            received_on=date(2027, 1, i + 1),
            goal_year=2028,
            topic=f"Inspel {i}",
        ).goals.add(goal)
    assert queries(client, path) == before <= 12


def test_the_secretariat_registers_an_input_and_a_member_cannot(setting, space, make_role_user):
    region = make_organisation(name="Region Västmanland", type="region")
    payload = {
        "space": space.slug,
        "source_organisation": region.pk,
        "channel": "network",
        "received_on": "2026-11-02",
        "goal_year": 2027,
        "topic": "Kompetensförsörjning inom industrin",
        "goals": [setting["public_goal"].pk],
    }
    refused = client_for(setting["member"]).post("/api/v1/inputs/", payload, format="json")
    assert refused.status_code == 403
    assert client_for().post("/api/v1/inputs/", payload, format="json").status_code == 401
    assert not Input.objects.filter(source_organisation=region).exists()

    secretariat = make_role_user(space, "secretariat")
    give_totp(secretariat)
    created = client_for(secretariat).post("/api/v1/inputs/", payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["source_name"] == "Region Västmanland" and created.json()["consideration"] is None
    assert Input.objects.get(source_organisation=region).goals.get() == setting["public_goal"]

    # Another space's goal cannot be linked; nothing is written.
    bad = dict(payload, topic="Fel mål", goals=[setting["private_goal"].pk])
    assert client_for(secretariat).post("/api/v1/inputs/", bad, format="json").status_code == 400
    future = dict(payload, topic="Framtid", received_on="2099-01-01")
    response = client_for(secretariat).post("/api/v1/inputs/", future, format="json")
    assert response.status_code == 400 and "received_on" in response.json()
    assert Input.objects.filter(source_organisation=region).count() == 1
    assert (
        client_for(secretariat)
        .patch(f"/api/v1/inputs/{created.json()['id']}/", {"topic": "x"}, format="json")
        .status_code
        == 405
    )


def test_measured_values_are_recorded_by_who_runs_the_space(setting, space, make_role_user):
    goal = setting["public_goal"]
    metric = goal.metrics.get()
    payload = {"metric": metric.pk, "measured_on": "2027-09-30", "value": "131.5", "note": "Halvårsmätning"}
    assert (
        client_for(setting["member"]).post(f"/api/v1/goals/{goal.pk}/values/", payload, format="json").status_code
        == 403
    )
    secretariat = make_role_user(space, "secretariat")
    give_totp(secretariat)
    response = client_for(secretariat).post(f"/api/v1/goals/{goal.pk}/values/", payload, format="json")
    assert response.status_code == 200, response.content
    assert [v["value"] for v in response.json()["metrics"][0]["values"]] == ["120.00", "131.50"]
    other = Metric.objects.create(goal=setting["private_goal"], name="Annat")
    wrong = client_for(secretariat).post(
        f"/api/v1/goals/{goal.pk}/values/", dict(payload, metric=other.pk), format="json"
    )
    assert wrong.status_code == 400 and "metric" in wrong.json()
    assert MetricValue.objects.filter(metric=other).count() == 0

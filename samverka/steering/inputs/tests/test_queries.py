"""The main input pages make a bounded number of queries, the same at N and 10N rows; and the draft
annual report is compiled from the work plans, status rounds and decisions of the year."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.steering.inputs import services
from samverka.steering.inputs.models import Outcome
from samverka.steering.inputs.tests.factories import YEAR, make_decision, make_goal, make_input, make_region
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


def build(n: int, space) -> dict:
    """n regions with two inputs each (half considered), n goals, n work plans with two activities,
    a status round with every activity's lights, n decisions and one feedback report per region."""
    from samverka.steering.statusreports.models import ActivityStatus, StatusReport, StatusRound
    from samverka.steering.workplans.models import Activity, WorkPlan

    secretariat = make_user(role_in=space, role="secretariat")
    effect = make_goal(space, code="E0", title="Effektmål")
    goals = [make_goal(space, parent=effect, code=f"R{i}", title=f"Resultatmål {i}") for i in range(n)]
    status_round = StatusRound.objects.create(
        space=space, name="Våren", year=YEAR, opens_on=timezone.localdate(), deadline=timezone.localdate()
    )
    for i in range(n):
        region = make_region(f"Region {i}")
        for j in range(2):
            item = make_input(space, region, topic=f"Inspel {i}.{j}", goals=[goals[i]])
            if j:
                services.consideration_record(actor=None, input=item, outcome=Outcome.PARTLY, reason="Delvis")
        plan = WorkPlan.objects.create(body=make_body(space=space, name=f"Arbetsgrupp {i}"), year=YEAR, purpose="Syfte")
        report = StatusReport.objects.create(round=status_round, work_plan=plan)
        for k in range(2):
            activity = Activity.objects.create(work_plan=plan, position=k, title=f"Aktivitet {i}.{k}")
            activity.result_goals.add(goals[i])
            ActivityStatus.objects.create(
                report=report, activity=activity, light_activity="green", light_result="yellow"
            )
        make_decision(space, text=f"Beslut {i}")
    services.feedback_reports_generate(actor=None, space=space, year=YEAR)
    return {"secretariat": secretariat}


def pages(space) -> list[str]:
    return [
        reverse("inputs:input-list", kwargs={"space": space.slug}),
        reverse("inputs:feedback-list", kwargs={"space": space.slug}) + f"?year={YEAR}",
        reverse("inputs:evaluation-list", kwargs={"space": space.slug}),
        reverse("inputs:annual-report", kwargs={"space": space.slug}) + f"?year={YEAR}",
    ]


def count(client, user, url: str) -> tuple[int, str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.text


def test_query_counts_do_not_grow_with_the_data(client, django_assert_max_num_queries, space, other_space):
    small = build(2, space)
    large = build(20, other_space)
    for evaluation_space in (space, other_space):
        services.evaluation_create(
            actor=None, space=evaluation_space, data=services.EvaluationData(structure_name="Ny struktur")
        )
    for small_url, large_url in zip(pages(space), pages(other_space), strict=True):
        n_small, _ = count(client, small["secretariat"], small_url)
        n_large, _ = count(client, large["secretariat"], large_url)
        assert n_small == n_large, (small_url, n_small, n_large)
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(large_url)


def test_the_annual_report_is_compiled_from_plans_rounds_decisions_and_inputs(client, space):
    world = build(2, space)
    _, text = count(client, world["secretariat"], pages(space)[3])
    for expected in ("Arbetsgrupp 1", "Aktivitet 1.1", "Resultatmål 1", "Våren", "Beslut 1"):
        assert expected in text
    assert "<td>4</td>" in text  # four activities green, four expected results yellow
    pdf = client.get(reverse("inputs:annual-report-pdf", kwargs={"space": space.slug}) + f"?year={YEAR}")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")


def test_the_annual_report_is_for_insiders_only(client, space, make_role_user):
    client.force_login(make_role_user(space, "guest"))
    assert client.get(pages(space)[3]).status_code == 403
    client.force_login(make_role_user(space, "analyst"))
    assert client.get(pages(space)[3]).status_code == 200

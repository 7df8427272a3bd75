"""The work plan pages make a bounded number of queries, the same at n and 10n activities, plans and goals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.collaboration.bodies.models import BodyKind, ParticipationModel
from samverka.steering.workplans import services
from samverka.steering.workplans.tests.helpers import YEAR, make_activity, make_plan, make_result_goal
from samverka.testing.factories import make_body, make_contact, make_membership, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def build(n: int, slug: str) -> dict:
    """A space with n projects; the first has n plans (years) and its current plan n activities, each
    linked to two of n result goals and assessed; n regions take part in it; its members are responsible."""
    space = make_space(slug=slug, name=slug)
    goals = [make_result_goal(space, YEAR, f"R{i}") for i in range(n)]
    projects = [make_body(space=space, name=f"Projekt {i}", kind=BodyKind.PROJECT) for i in range(n)]
    target = projects[0]
    contacts = [
        make_membership(body=target, contact=make_contact(), participation_model=ParticipationModel.CONTINUOUS).contact
        for _ in range(n)
    ]
    for year in range(YEAR + 1, YEAR + n + 1):
        make_plan(target, year)
    plan = make_plan(target, YEAR)
    for i in range(n):
        activity = make_activity(plan, f"Aktivitet {i}", responsible_contact=contacts[i], outcome="Genomförd.")
        services.activity_set_result_goals(activity=activity, actor=None, goals=[goals[i], goals[(i + 1) % n]])
    services.work_plan_adopt(plan=plan, actor=None)
    for body in projects[1:]:
        other = make_plan(body, YEAR)
        services.activity_set_result_goals(
            activity=make_activity(other, "Annan aktivitet"), actor=None, goals=goals[:1]
        )
        services.work_plan_adopt(plan=other, actor=None)
    return {
        "space": space,
        "plan": plan,
        "activity": plan.activities.first(),
        "secretariat": make_user(role_in=space, role="secretariat"),
        "member": make_user(role_in=space, role="member"),
    }


def count_queries(client, user, path: str) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def assert_bounded(client, django_assert_max_num_queries, small: dict, large: dict, who: str, page: str) -> None:
    n_small = count_queries(client, small[who], pages(small)[page])
    client.force_login(large[who])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(pages(large)[page])
    assert response.status_code == 200
    assert count_queries(client, large[who], pages(large)[page]) == n_small


def pages(world: dict) -> dict[str, str]:
    plan, space = world["plan"], world["space"]
    kwargs = {"space": space.slug, "body": plan.body_id, "pk": plan.pk}
    return {
        "list": reverse("workplans:plan-list", kwargs={"space": space.slug, "body": plan.body_id}),
        "detail": reverse("workplans:plan-detail", kwargs=kwargs),
        "assignment": reverse("workplans:assignment", kwargs=kwargs),
        "final-report": reverse("workplans:final-report", kwargs=kwargs),
        "close": reverse("workplans:plan-close", kwargs=kwargs),
        "activity-edit": reverse("workplans:activity-update", kwargs={**kwargs, "activity": world["activity"].pk}),
        "perspectives": reverse("workplans:perspective-report", kwargs={"space": space.slug}) + f"?year={YEAR}",
    }


@pytest.mark.parametrize("who", ["secretariat", "member"])
@pytest.mark.parametrize("page", ["list", "detail", "assignment", "final-report", "perspectives"])
def test_read_pages_are_bounded_and_do_not_grow(client, django_assert_max_num_queries, who, page):
    small, large = build(3, "liten"), build(30, "stor")
    assert_bounded(client, django_assert_max_num_queries, small, large, who, page)


@pytest.mark.parametrize("page", ["close", "activity-edit"])
def test_form_pages_are_bounded_and_do_not_grow(client, django_assert_max_num_queries, page):
    small, large = build(3, "liten"), build(30, "stor")
    assert_bounded(client, django_assert_max_num_queries, small, large, "secretariat", page)

"""The goal pages make the same number of queries with few and with many goals, metrics and values."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.steering.goals import services
from samverka.steering.goals.models import Goal, MetricValue
from samverka.steering.goals.tests.factories import YEAR, make_goal, make_metric, point_work_plan_at
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def build(n: int, slug: str) -> dict:
    """n effect goals with three result goals each (every other public), each goal with two metrics of
    n measured values, carried over to the next year; the first result goal is used by a work plan."""
    space = make_space(slug=slug, name=slug)
    for i in range(n):
        effect = make_goal(space=space, year=YEAR - 1, code=f"E{i}", is_public=True)
        for j in range(3):
            result = make_goal(space=space, year=YEAR - 1, parent=effect, code=f"R{i}.{j}", is_public=j % 2 == 0)
            for k in range(2):
                metric = make_metric(result, name=f"Mätetal {k}")
                MetricValue.objects.bulk_create(
                    MetricValue(metric=metric, measured_on=date(YEAR - 1, 1, 1) + timedelta(days=d), value=Decimal(d))
                    for d in range(n)
                )
    services.goals_revise_year(actor=None, space=space, from_year=YEAR - 1, to_year=YEAR)
    target = Goal.objects.get(space=space, year=YEAR, code="R0.0")
    for k, metric in enumerate(target.metrics.all()):
        services.metric_update(metric=metric, actor=None, data=services.MetricData(target=Decimal(90 + k)))
        MetricValue.objects.bulk_create(
            MetricValue(metric=metric, measured_on=date(YEAR, 1, 1) + timedelta(days=d), value=Decimal(d))
            for d in range(n)
        )
    point_work_plan_at(target)
    return {
        "space": space,
        "target": target,
        "secretariat": make_user(role_in=space, role="secretariat"),
        "member": make_user(role_in=space, role="member"),
    }


def count(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def measure(client, world: dict) -> dict[str, int]:
    space, target = world["space"], world["target"]
    slug = {"space": space.slug}
    year = f"?year={YEAR}"
    return {
        "public list": count(client, None, reverse("goals:goal-list", kwargs=slug) + year),
        "member list": count(client, world["member"], reverse("goals:goal-list", kwargs=slug) + year),
        "public dashboard": count(client, None, reverse("goals:public-dashboard", kwargs=slug)),
        "changes": count(client, world["member"], reverse("goals:goal-changes", kwargs=slug) + year),
        "public detail": count(client, None, target.get_absolute_url()),
        "secretariat detail": count(client, world["secretariat"], target.get_absolute_url()),
    }


def test_goal_pages_make_a_constant_number_of_queries(client):
    small = measure(client, build(2, "liten"))
    large = measure(client, build(12, "stor"))
    assert small == large, (small, large)
    assert max(large.values()) <= MAX_QUERIES, large

"""The steering overview, its exports and the round and report pages make a bounded number of queries,
the same for a demo-size round and one ten times larger (groups × activities, two rounds for the trend,
feedback to every group)."""

from contextlib import nullcontext
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.bodies.models import BodyKind
from samverka.steering.statusreports.models import ActivityStatus, Feedback
from samverka.steering.statusreports.tests.helpers import make_goals, make_group, open_round, seat
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def build(groups: int, activities: int, slug: str) -> dict:
    space = make_space(slug=slug, name=slug)
    goals = make_goals(space)
    steering_member = make_user()
    seat(steering_member, make_body(space=space, name="Styrgruppen", kind=BodyKind.STEERING_GROUP))
    leader = make_user()
    for i in range(groups):
        body, _plan, _activities = make_group(space, f"Grupp {i}", activities, goals=goals)
        if i == 0:
            seat(leader, body, "process_leader")
    earlier = open_round(space, "Hösten", opens_on=timezone.localdate() - timedelta(days=100))
    current = open_round(space, "Våren")
    for status_round, light in ((earlier, "yellow"), (current, "green")):
        ActivityStatus.objects.filter(report__round=status_round).update(
            light_activity=light, light_result="red", comment_activity="Kommentar"
        )
    Feedback.objects.bulk_create([Feedback(report=r, text="Återkoppling") for r in current.reports.all()])
    return {
        "space": space,
        "round": current,
        "report": current.reports.order_by("work_plan__body__name").first(),
        "goal": goals[0],
        "steering_member": steering_member,
        "leader": leader,
        "secretariat": make_user(role_in=space, role="secretariat"),
    }


def pages(w: dict) -> dict[str, tuple[str, str]]:
    space, status_round, report = w["space"].slug, w["round"], w["report"]
    by_round = {"space": space, "pk": status_round.pk}
    by_report = {"space": space, "round": status_round.pk, "pk": report.pk}
    return {
        "overview": ("steering_member", reverse("statusreports:round-overview", kwargs=by_round)),
        "overview-goal": (
            "steering_member",
            reverse("statusreports:round-overview", kwargs=by_round) + f"?goal={w['goal'].pk}",
        ),
        "xlsx": ("steering_member", reverse("statusreports:round-xlsx", kwargs=by_round)),
        "round": ("secretariat", reverse("statusreports:round-detail", kwargs=by_round)),
        "list": ("secretariat", reverse("statusreports:round-list", kwargs={"space": space})),
        "report": ("leader", reverse("statusreports:report-detail", kwargs=by_report)),
        "edit": ("leader", reverse("statusreports:report-edit", kwargs=by_report)),
    }


def count(client, w: dict, page: str, limit=None) -> int:
    """The queries of one request to ``page``, inside ``limit`` (django_assert_max_num_queries) when given."""
    who, url = pages(w)[page]
    client.logout()
    client.force_login(w[who])
    with limit(MAX_QUERIES) if limit else nullcontext(), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", ["overview", "overview-goal", "xlsx", "round", "list", "report", "edit"])
def test_pages_are_bounded_and_do_not_grow(client, django_assert_max_num_queries, page):
    small, large = build(3, 4, "liten"), build(30, 10, "stor")
    n_small = count(client, small, page, django_assert_max_num_queries)
    n_large = count(client, large, page, django_assert_max_num_queries)
    assert n_small <= MAX_QUERIES, n_small
    assert n_small == n_large


def test_the_overview_of_the_large_round_has_every_light(client):
    w = build(30, 10, "stor")
    client.force_login(w["steering_member"])
    html = client.get(pages(w)["overview"][1]).content.decode()
    html = html[html.index('class="status-matrix"') :]  # after the legend
    assert html.count('<span class="light light-green">') == 300
    assert html.count('<span class="light light-red">') == 300

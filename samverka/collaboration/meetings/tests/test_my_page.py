"""My page: one to-do list per person by urgency, every task linking to where it is done; for the
secretariat what is overdue across the space; a bounded number of queries."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import give_totp
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import Invitation
from samverka.collaboration.meetings.tests.follow_up_helpers import held_meeting, items, make_world
from samverka.collaboration.meetings.tests.helpers import seat
from samverka.records.intake.tests.factories import make_item
from samverka.records.questions.tests.helpers import ask, backdate
from samverka.steering.statusreports.tests.helpers import make_group, open_round
from samverka.testing import factories

pytestmark = pytest.mark.django_db
MAX_QUERIES = 26
MY_PAGE = "/my/"
TASK = re.compile(
    r'<li class="task urgency-(\w+)" data-kind="(\w+)">.*?<a class="task-title" href="([^"]+)">([^<]*)</a>', re.S
)


def build(space, n):
    """n bodies where the chair sits, each with a held meeting awaiting approval, a coming meeting with
    a pending invitation, an overdue and a coming action item of the chair, a status report to write and
    a question to answer; and n incoming items waiting for triage."""
    world = make_world(space)
    chair = world.chair
    today = timezone.localdate()
    for i in range(n):
        body, plan, _ = make_group(space, f"Grupp {i}", 1)
        seat(chair, body, role="chair")
        adjuster = factories.make_contact(name=f"Justerare {i}")
        meeting = held_meeting(body, chair=chair.contact, adjuster=adjuster)
        services.minutes_save(actor=None, meeting=meeting, texts={items(meeting)[1].pk: "Text"})
        coming = held_meeting(body, start=timezone.now() + timedelta(days=10 + i), title=f"Kommande {i}")
        Invitation.objects.create(
            meeting=coming, contact=chair.contact, user=chair, name=chair.full_name, email=chair.email
        )
        services.decision_create(
            actor=None, meeting=meeting, text=f"Beslut {i}", responsible_contact=chair.contact, due_date=today
        )
        for due in (today - timedelta(days=2), today + timedelta(days=5)):
            services.action_item_create(
                actor=None, meeting=meeting, title=f"Uppgift {i} {due}", owner_user=chair, due_date=due
            )
        asker = factories.make_body(space=space, name=f"Frågande {i}")
        ask(asker, body, title=f"Fråga {i}", due=20)
        make_item(space, subject=f"Inkommet {i}")
    status_round = open_round(space, name=f"Rond {space.slug}", days=5)
    assert status_round.reports.count() == n
    return world


def count(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MY_PAGE)
    assert response.status_code == 200
    return len(queries), response


def tasks(response):
    return [
        (urgency, kind, unescape(url), unescape(title))
        for urgency, kind, url, title in TASK.findall(response.content.decode())
    ]


def test_my_page_lists_what_waits_for_me_by_urgency(space, client):
    world = build(space, 2)
    _, response = count(client, world.chair)
    page = response.content.decode()
    found = tasks(response)
    kinds = {kind for _u, kind, _url, _t in found}
    assert kinds == {"invitation", "minutes", "status_report", "action", "decision", "question"}
    # Most urgent first: the overdue action items, then what is due within a week, then the rest.
    urgencies = [u for u, *_ in found]
    assert urgencies == sorted(urgencies, key=["overdue", "soon", "later"].index)
    assert [t for u, k, _url, t in found if u == "overdue"] == [
        f"Uppgift {i} {timezone.localdate() - timedelta(days=2)}" for i in range(2)
    ]
    assert {k for u, k, *_ in found if u == "soon"} >= {"status_report", "decision", "action"}
    # Minutes: only the two group meetings with text; the world's own meeting has none yet.
    assert reverse("meetings:minutes-approve", kwargs={"space": space.slug, "pk": world.meeting.pk}) not in page
    assert page.count("minutes/approve/") == 2
    assert "Kommande 0" in page and "Kommande 1" in page
    assert "Väntar på dig" in page and "Försenat" in page


def test_every_task_links_to_a_page_where_it_is_done(space, client):
    world = build(space, 1)
    _, response = count(client, world.chair)
    found = tasks(response)
    assert found
    expected = {
        "invitation": "/my-answer/",
        "minutes": "/minutes/approve/",
        "status_report": "/edit/",
        "action": "/status/",
        "question": "/questions/",
    }
    for _urgency, kind, url, _title in found:
        assert client.get(url).status_code == 200, (kind, url)
        if kind in expected:
            assert expected[kind] in url, (kind, url)


def test_a_registrar_sees_incoming_items_to_triage(space, client, make_role_user):
    build(space, 1)
    registrar = make_role_user(space, "registrar")
    give_totp(registrar)
    _, response = count(client, registrar)
    triage = [(url, title) for _u, kind, url, title in tasks(response) if kind == "triage"]
    assert triage == [
        (reverse("intake:item-detail", kwargs={"space": space.slug, "pk": _item_pk(space)}), "Inkommet 0")
    ]
    assert client.get(triage[0][0]).status_code == 200
    # A member of the space does not triage.
    _, response = count(client, make_role_user(space, "member"))
    assert not [t for t in tasks(response) if t[1] == "triage"]


def _item_pk(space):
    from samverka.records.intake.models import IncomingItem

    return IncomingItem.objects.get(space=space, subject="Inkommet 0").pk


def test_secretariat_sees_overdue_across_their_space(space, other_space, client, make_role_user):
    world = build(space, 1)
    elsewhere = make_world(other_space)
    services.action_item_create(
        actor=None,
        meeting=elsewhere.meeting,
        title="Annan plattform",
        owner_user=elsewhere.chair,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    body, _plan, _ = make_group(space, "Sen grupp", 1)
    late_round = open_round(space, name="Förra ronden", opens_on=timezone.localdate() - timedelta(days=40), days=10)
    late_question = backdate(ask(world.body, body, title="Obesvarad fråga"), due=-3)
    _, response = count(client, make_role_user(space, "secretariat"))
    page = response.content.decode()
    assert f"Försenat i {space.name}" in page
    assert "Uppgift 0" in page
    assert "Annan plattform" not in page
    assert late_question.get_absolute_url() in page
    assert f"{late_round.name}: Sen grupp" in page and f"{late_round.name}: Grupp 0" in page
    _, response = count(client, make_role_user(space, "member"))
    assert "Försenat i" not in response.content.decode()


def test_nothing_waiting_says_so(space, client, make_role_user):
    _, response = count(client, make_role_user(space, "member"))
    assert "Inget väntar på dig." in response.content.decode()


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(MY_PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("who", ["chair", "secretariat", "registrar"])
def test_my_page_queries_are_bounded_and_do_not_grow(space, other_space, client, make_role_user, who):
    small = build(space, 2)
    large = build(other_space, 20)
    users = {
        "chair": (small.chair, large.chair),
        "secretariat": (make_role_user(space, "secretariat"), make_role_user(other_space, "secretariat")),
        "registrar": (make_role_user(space, "registrar"), make_role_user(other_space, "registrar")),
    }[who]
    for user in users:
        give_totp(user)
    n_small, small_page = count(client, users[0])
    n_large, large_page = count(client, users[1])
    assert n_small <= MAX_QUERIES, n_small
    assert n_small == n_large
    assert len(tasks(large_page)) >= len(tasks(small_page))

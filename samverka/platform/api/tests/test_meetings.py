"""Meetings, agenda items, decisions and action items in the API: the body's visibility decides."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samverka.collaboration.meetings.models import ActionItem, AgendaItem, Decision, Meeting
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.core.ics import STOCKHOLM
from samverka.testing.factories import make_body, make_contact, make_membership

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 8, 13, 0, tzinfo=STOCKHOLM)


def meeting_with_follow_up(body, *, title="Möte", start=START, owner=None):
    meeting = Meeting.objects.create(body=body, title=title, start=start, end=start + timedelta(hours=2))
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Beslut om handlingsplan", kind="decision")
    now = timezone.now()
    decision = Decision.objects.create(
        body=body,
        meeting=meeting,
        agenda_item=item,
        year=2026,
        number=Decision.objects.filter(body=body).count() + 1,
        text="Handlingsplanen antas.",
        decided_on=date(2026, 12, 8),
        due_date=date(2027, 3, 1),
        opened_at=now,
    )
    ActionItem.objects.create(
        body=body,
        meeting=meeting,
        decision=decision,
        title="Skicka planen till regionerna",
        owner_contact=owner or make_contact(),
        due_date=date(2027, 1, 15),
        opened_at=now,
    )
    return meeting


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_private_bodys_meetings_are_only_for_those_who_may_see_the_body(space, make_role_user):
    public = meeting_with_follow_up(make_body(space=space, is_public=True), title="Öppet forum")
    private = meeting_with_follow_up(make_body(space=space, is_public=False), title="Styrgrupp")
    member = make_role_user(space, "member")

    assert ids(client_for().get("/api/v1/meetings/")) == {public.pk}
    assert client_for().get(f"/api/v1/meetings/{private.pk}/").status_code == 404
    assert ids(client_for(member).get("/api/v1/meetings/")) == {public.pk, private.pk}

    anonymous_decisions = client_for().get("/api/v1/decisions/").json()["results"]
    assert [row["reference"] for row in anonymous_decisions] == ["2026:1"]
    assert client_for().get(f"/api/v1/agenda-items/?meeting={private.pk}").json()["results"] == []
    assert len(client_for(member).get(f"/api/v1/agenda-items/?meeting={private.pk}").json()["results"]) == 1


def test_my_own_action_items_are_visible_even_in_a_body_i_cannot_see(other_space, make_role_user, space):
    user = make_role_user(space, "member")
    mine = make_contact(user=user)
    meeting_with_follow_up(make_body(space=other_space, is_public=False), owner=mine)

    rows = client_for(user).get("/api/v1/action-items/").json()["results"]
    assert [row["title"] for row in rows] == ["Skicka planen till regionerna"]
    assert rows[0]["status"] == "open"
    assert client_for(user).get("/api/v1/meetings/").json()["results"] == []


def test_meeting_times_carry_the_stockholm_offset(space):
    meeting = meeting_with_follow_up(make_body(space=space, is_public=True))
    data = client_for().get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert data["start"] == "2026-12-08T13:00:00+01:00"
    assert data["url"].endswith(f"/s/{space.slug}/meetings/{meeting.pk}/")


def test_a_meeting_reads_its_lifecycle_stage_as_the_pages_do(space):
    body = make_body(space=space, is_public=True)
    past = timezone.now() - timedelta(days=3)
    held = Meeting.objects.create(body=body, title="Hållet", start=past, end=past + timedelta(hours=2))
    coming = meeting_with_follow_up(body, title="Kommande", start=timezone.now() + timedelta(days=3))
    listed = {row["id"]: row for row in client_for().get("/api/v1/meetings/").json()["results"]}
    assert listed[held.pk]["status"] == "planned" and listed[held.pk]["stage"] == "held"
    assert listed[coming.pk]["stage"] == "planned"
    assert client_for().get(f"/api/v1/meetings/{held.pk}/").json()["stage"] == held.stage == "held"


@pytest.mark.parametrize(
    "path", ["/api/v1/meetings/", "/api/v1/agenda-items/", "/api/v1/decisions/", "/api/v1/action-items/"]
)
def test_list_query_count_does_not_grow(path, space, make_role_user):
    member = make_role_user(space, "member")
    make_membership(body=make_body(space=space), contact=make_contact(user=member))

    def grow(n):
        for i in range(n):
            body = make_body(space=space, is_public=i % 2 == 0)
            meeting_with_follow_up(body, start=START + timedelta(days=i))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client_for(member).get(path)
        assert response.status_code == 200 and response.json()["results"]
        return len(ctx.captured_queries)

    grow(2)
    count()  # warm-up: the token's first use and per-process caches
    small = count()
    grow(12)
    assert count() == small <= 20


def test_the_secretariat_plans_a_meeting_and_adds_to_its_agenda_a_member_cannot(space, make_role_user):
    from conftest import give_totp  # noqa: PLC0415

    body = make_body(space=space, is_public=False)
    secretariat, member = make_role_user(space, "secretariat"), make_role_user(space, "member")
    give_totp(secretariat)
    payload = {
        "body": body.pk,
        "title": "Styrgruppsmöte",
        "start": "2027-02-03T13:00:00+01:00",
        "end": "2027-02-03T15:00:00+01:00",
        "place": "Myndighetshuset, sal 4",
    }
    assert client_for(member).post("/api/v1/meetings/", payload, format="json").status_code == 403
    assert not Meeting.objects.exists()

    response = client_for(secretariat).post("/api/v1/meetings/", payload, format="json")
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.agenda_items.filter(is_follow_up=True).count() == 1  # the standing follow-up item

    item = {
        "meeting": meeting.pk,
        "title": "Mål för 2027",
        "kind": "decision",
        "description": "<script>x()</script>Förslag",
    }
    assert client_for(member).post("/api/v1/agenda-items/", item, format="json").status_code == 403
    response = client_for(secretariat).post("/api/v1/agenda-items/", item, format="json")
    assert response.status_code == 201, response.content
    assert "script" not in response.json()["description"] and "Förslag" in response.json()["description"]

    response = client_for(secretariat).patch(f"/api/v1/meetings/{meeting.pk}/", {"place": "Digitalt"}, format="json")
    assert response.status_code == 200 and response.json()["place"] == "Digitalt"


def test_bad_times_are_refused_with_a_field_message(space, make_role_user):
    from conftest import give_totp  # noqa: PLC0415

    secretariat = make_role_user(space, "secretariat")
    give_totp(secretariat)
    body = make_body(space=space)
    payload = {
        "body": body.pk,
        "title": "Möte",
        "start": "2027-02-03T15:00:00+01:00",
        "end": "2027-02-03T13:00:00+01:00",
    }
    response = client_for(secretariat).post("/api/v1/meetings/", payload, format="json")
    assert response.status_code == 400
    assert "end" in response.json() or "start" in response.json() or "detail" in response.json()
    assert not Meeting.objects.exists()


def test_the_owner_marks_an_action_item_done_others_cannot(space, make_role_user):
    owner_user, other = make_role_user(space, "member"), make_role_user(space, "member")
    meeting_with_follow_up(make_body(space=space, is_public=True), owner=make_contact(user=owner_user))
    item = ActionItem.objects.get()

    assert (
        client_for(other).post(f"/api/v1/action-items/{item.pk}/status/", {"status": "done"}, format="json").status_code
        == 403
    )
    response = client_for(owner_user).post(f"/api/v1/action-items/{item.pk}/status/", {"status": "done"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "done"
    item.refresh_from_db()
    assert item.done_at is not None

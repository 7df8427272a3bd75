"""Follow-up pages: close a decision, change an action item, overdue items on the body page, the
minutes and follow-up sections of the meeting page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import ActionItem, Decision
from samverka.collaboration.meetings.tests.follow_up_helpers import items, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(space):
    return make_world(space, body_public=True)


def overdue_action(world, title="Försenad uppgift"):
    return services.action_item_create(
        actor=None,
        meeting=world.meeting,
        title=title,
        owner_contact=world.adjuster.contact,
        due_date=timezone.localdate() - timedelta(days=1),
    )


def test_owner_marks_action_item_done_and_returns_to_my_page(world, client, make_role_user):
    item = overdue_action(world)
    status_url = reverse("meetings:action-status", kwargs={"space": world.space.slug, "pk": item.pk})
    client.force_login(make_role_user(world.space, "member"))
    assert client.post(status_url, {"status": "done"}).status_code == 403
    client.force_login(world.adjuster)
    assert client.get(status_url).status_code == 200
    response = client.post(status_url, {"status": "done", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("meetings:my-page")
    item.refresh_from_db()
    assert item.status == "done" and item.done_at is not None
    assert client.post(status_url, {"status": "lost"}).status_code == 200  # invalid choice: message, no 500


def test_secretary_closes_decision_with_a_note(world, client):
    decision = services.decision_create(
        actor=None, meeting=world.meeting, text="Utred", due_date=timezone.localdate() + timedelta(days=1)
    )
    close_url = reverse("meetings:decision-close", kwargs={"space": world.space.slug, "pk": decision.pk})
    client.force_login(world.secretary)
    assert client.post(close_url, {"closing_note": ""}).status_code == 200
    assert client.post(close_url, {"closing_note": "Klart."}).status_code == 302
    decision.refresh_from_db()
    assert decision.closing_note == "Klart." and decision.closed_by == world.secretary
    assert client.post(close_url, {"closing_note": "Igen"}).status_code == 200
    assert Decision.objects.get().closing_note == "Klart."


def test_hidden_items_answer_404(world, other_space, client, make_role_user):
    from samverka.collaboration.meetings.tests.follow_up_helpers import held_meeting
    from samverka.testing.factories import make_body

    hidden = held_meeting(make_body(space=world.space, is_public=False))
    item = services.action_item_create(actor=None, meeting=hidden, title="Intern", owner_contact=world.chair.contact)
    client.force_login(make_role_user(other_space, "secretariat"))
    url = reverse("meetings:action-status", kwargs={"space": world.space.slug, "pk": item.pk})
    assert client.get(url).status_code == 404
    assert ActionItem.objects.get(pk=item.pk).status == "open"


def test_body_page_shows_overdue_items(world, client):
    overdue_action(world)
    services.action_item_create(
        actor=None,
        meeting=world.meeting,
        title="Kommande uppgift",
        owner_contact=world.chair.contact,
        due_date=timezone.localdate() + timedelta(days=10),
    )
    body_url = reverse("bodies:body-detail", kwargs={"space": world.space.slug, "pk": world.body.pk})
    page = client.get(body_url).content.decode()
    assert "Försenad uppgift" in page and "Kommande uppgift" not in page


def test_meeting_page_offers_approval_only_to_signatories(world, client, superuser):
    from conftest import give_totp

    give_totp(superuser)
    services.minutes_save(actor=None, meeting=world.meeting, texts={items(world.meeting)[1].pk: "Text"})
    services.decision_create(actor=None, meeting=world.meeting, text="Mötesbeslutet")
    approve = reverse("meetings:minutes-approve", kwargs={"space": world.space.slug, "pk": world.meeting.pk})
    client.force_login(world.chair)
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert approve in page and "Mötesbeslutet" in page
    for user in (world.secretary, superuser):
        client.force_login(user)
        assert approve not in client.get(world.meeting.get_absolute_url()).content.decode()
        assert client.get(approve).status_code == 403

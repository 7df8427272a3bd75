"""Decisions and action items: numbering, follow-up on coming agendas, closing, reminders."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import ActionItem, ActionStatus, Decision, DecisionCounter, ReminderLog
from samverka.collaboration.meetings.selectors_follow_up import follow_up_for_meeting, overdue_for_body
from samverka.collaboration.meetings.tests.follow_up_helpers import at, held_meeting, items, make_world
from samverka.platform.notifications.models import OutboxMessage
from samverka.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(space):
    return make_world(space)


def decide(meeting, text="Beslut", **extra):
    return services.decision_create(actor=None, meeting=meeting, text=text, **extra)


def test_decisions_are_numbered_per_body_and_year(world, space):
    first, second = decide(world.meeting), decide(world.meeting, agenda_item=items(world.meeting)[2])
    assert (first.number, second.number) == (1, 2)
    assert second.label == f"{second.year}:2"
    other = make_world(space)
    assert decide(other.meeting).number == 1  # another body counts from 1


def test_year_rollover_restarts_at_one(world):
    december = held_meeting(world.body, start=at(2025, 12, 30))
    january = held_meeting(world.body, start=at(2026, 1, 8))
    assert [decide(december).label, decide(december).label] == ["2025:1", "2025:2"]
    assert decide(january).label == "2026:1"
    assert decide(december).label == "2025:3"


def test_numbers_come_from_the_locked_counter_and_are_never_reused(world):
    year = world.meeting.start.year
    DecisionCounter.objects.create(body=world.body, year=year, last=41)
    decision = decide(world.meeting)
    assert decision.number == 42
    Decision.objects.filter(pk=decision.pk).delete()  # e.g. removed by an administrator
    assert decide(world.meeting).number == 43
    assert DecisionCounter.objects.get(body=world.body, year=year).last == 43


def test_decision_bad_input_changes_nothing(world):
    with pytest.raises(ValidationError) as error:
        decide(world.meeting, text="  ", due_date=world.meeting.start.date() - timedelta(days=3))
    assert set(error.value.message_dict) == {"text", "due_date"}
    other_item = items(held_meeting(world.body))[1]
    with pytest.raises(ValidationError, match="not on this meeting"):
        decide(world.meeting, agenda_item=other_item)
    assert not Decision.objects.exists()
    assert not DecisionCounter.objects.filter(last__gt=0).exists()


def test_follow_up_item_lists_open_items_until_closed(world):
    today = timezone.localdate()
    with_due = decide(world.meeting, text="Ta fram en plan", due_date=today + timedelta(days=30))
    decide(world.meeting, text="Noteras")  # no due date: not followed up
    action = services.action_item_create(
        actor=None, meeting=world.meeting, title="Boka lokal", owner_contact=world.chair.contact
    )
    coming = held_meeting(world.body, start=timezone.now() + timedelta(days=20))
    listed = follow_up_for_meeting(coming)
    assert listed["decisions"] == [with_due]
    assert listed["actions"] == [action]
    # the meeting that made them does not follow them up itself
    assert follow_up_for_meeting(world.meeting) == {"decisions": [], "actions": []}

    services.decision_close(actor=world.secretary, decision=with_due, closing_note="Planen antogs.")
    services.action_item_set_status(actor=world.chair, item=action, status=ActionStatus.DONE)
    assert follow_up_for_meeting(coming) == {"decisions": [], "actions": []}
    with pytest.raises(ValidationError, match="already closed"):
        services.decision_close(actor=world.secretary, decision=with_due, closing_note="igen")


def test_closing_needs_a_note_and_the_right(world, make_role_user):
    decision = decide(world.meeting, due_date=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="outcome"):
        services.decision_close(actor=world.secretary, decision=decision, closing_note=" ")
    with pytest.raises(PermissionDenied):
        services.decision_close(actor=make_role_user(world.space, "member"), decision=decision, closing_note="x")
    decision.refresh_from_db()
    assert decision.closed_at is None


def test_only_owner_or_runner_changes_an_action_item(world, make_role_user):
    action = services.action_item_create(
        actor=world.secretary, meeting=world.meeting, title="Skriv PM", owner_contact=world.adjuster.contact
    )
    with pytest.raises(PermissionDenied):
        services.action_item_set_status(actor=make_role_user(world.space, "member"), item=action, status="done")
    services.action_item_set_status(actor=world.adjuster, item=action, status="in_progress")
    action.refresh_from_db()
    assert action.status == "in_progress" and action.done_at is None
    with pytest.raises(ValidationError):
        services.action_item_set_status(actor=world.adjuster, item=action, status="finished")


def test_overdue_items_of_a_body(world):
    today = timezone.localdate()
    late = services.action_item_create(
        actor=None, meeting=world.meeting, title="Sen", owner_contact=world.chair.contact, due_date=today
    )
    services.action_item_create(
        actor=None,
        meeting=world.meeting,
        title="I tid",
        owner_contact=world.chair.contact,
        due_date=today + timedelta(days=5),
    )
    overdue = overdue_for_body(world.body, today=today + timedelta(days=1))
    assert overdue["actions"] == [late]


def test_reminders_are_sent_once_through_smtp(world, smtp_server):
    from samverka.platform.notifications.services import send_pending

    today = timezone.localdate()
    owner = world.adjuster
    action = services.action_item_create(
        actor=None, meeting=world.meeting, title="Skicka underlag", owner_user=owner, due_date=today + timedelta(days=7)
    )
    assert services.send_due_reminders(today=today) == 1
    assert services.send_due_reminders(today=today) == 0  # idempotent
    assert send_pending() == 1
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == owner.email
    assert "Skicka underlag" in message["Subject"]
    # nothing between the thresholds, then the 1-day reminder, then overdue once
    assert services.send_due_reminders(today=today + timedelta(days=3)) == 0
    assert services.send_due_reminders(today=today + timedelta(days=6)) == 1
    assert services.send_due_reminders(today=today + timedelta(days=8)) == 1
    assert services.send_due_reminders(today=today + timedelta(days=9)) == 0
    assert send_pending() == 2
    assert len(smtp_server.messages) == 3
    keys = set(OutboxMessage.objects.filter(to=owner.email).values_list("key", flat=True))
    due = action.due_date.isoformat()
    assert keys == {
        f"action-reminder:{action.pk}:{due}:7",
        f"action-reminder:{action.pk}:{due}:1",
        f"action-reminder:{action.pk}:{due}:overdue",
    }
    assert ReminderLog.objects.count() == 3


def test_done_items_get_no_reminder_and_the_command_runs(world):
    today = timezone.localdate()
    action = services.action_item_create(
        actor=None, meeting=world.meeting, title="Klart", owner_user=world.chair, due_date=today + timedelta(days=1)
    )
    services.action_item_set_status(actor=None, item=action, status="done")
    decision_owner = factories.make_contact(name="Ansvarig", email="ansvarig@example.se")
    decide(world.meeting, responsible_contact=decision_owner, due_date=today + timedelta(days=1))
    call_command("send_reminders", f"--today={today.isoformat()}")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["ansvarig@example.se"]
    assert not ActionItem.objects.filter(pk=action.pk, status="open").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_get_distinct_numbers(geography, space):
    """Two secretaries recording decisions at the same time never get the same number."""
    import threading

    from django.db import connection

    world = make_world(space)
    errors: list[BaseException] = []

    def record(n: int) -> None:
        # The test database (SQLite, shared in-memory cache) answers "table is locked" instead of waiting
        # as the file database does: such a refused transaction wrote nothing and is simply tried again.
        import time

        from django.db import OperationalError

        try:
            done = 0
            while done < n:
                try:
                    decide(world.meeting, text="Samtidigt beslut")
                    done += 1
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(5,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Decision.objects.filter(body=world.body).values_list("number", flat=True))
    assert numbers == list(range(1, 16))

"""Background task of the follow-up: the daily reminders (django-tasks; schedule it daily)."""

from django_tasks import task

from samverka.collaboration.meetings.services import send_due_reminders


@task()
def send_due_reminders_task() -> int:
    """Queue the reminders due today; returns how many were queued (idempotent: run as often as you like)."""
    return send_due_reminders()

"""Queue reminder e-mails for action items and decisions due soon or overdue (run daily)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverka.collaboration.meetings.services import send_due_reminders


class Command(BaseCommand):
    help = "Queue reminders N days before due dates (settings.MEETINGS_REMINDER_DAYS) and once when overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(f"--today must be a date YYYY-MM-DD: {error}") from error
        count = send_due_reminders(today=today)
        self.stdout.write(f"{count} reminder(s) queued.")

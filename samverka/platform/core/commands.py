"""Shared shapes of management commands."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date


class DailyRemindersCommand(BaseCommand):
    """A command run daily (e.g. from cron) that queues the reminders due today; safe to run twice.

    ``--date`` pretends today is another day, ``--base-url`` prefixes the links in the e-mails. A
    subclass says what to send in :meth:`send` and returns how many reminders it queued.
    """

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--base-url", default=None, help="Prefix for links in the e-mails, e.g. https://samverka.se"
        )

    def send(self, today: date, *, base_url: str | None) -> int:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = parse_date(options["date"]) if options.get("date") else timezone.localdate()
        except ValueError:
            today = None
        if today is None:
            raise CommandError("Invalid --date: use YYYY-MM-DD.")
        queued = self.send(today, base_url=options["base_url"])
        self.stdout.write(f"{queued} reminders queued")

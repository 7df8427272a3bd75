"""Shared shapes of management commands."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date


class DailyCommand(BaseCommand):
    """A command run daily (e.g. from cron), safe to run twice. ``--date`` pretends today is another day; a
    subclass does its work in :meth:`run` (``today`` is None without ``--date``) and returns the line to print."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def run(self, today: date | None, **options: Any) -> str:
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = parse_date(options["date"])
            except ValueError:
                today = None
            if today is None:
                raise CommandError("Invalid --date: use YYYY-MM-DD.")
        self.stdout.write(self.run(today, **options))


class DailyRemindersCommand(DailyCommand):
    """A daily command that queues the reminders due today. ``--base-url`` prefixes the links in the e-mails. A
    subclass says what to send in :meth:`send` and returns how many reminders it queued.
    """

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--base-url", default=None, help="Prefix for links in the e-mails, e.g. https://samverka.se"
        )

    def send(self, today: date, *, base_url: str | None) -> int:
        raise NotImplementedError

    def run(self, today: date | None, **options: Any) -> str:
        queued = self.send(today or timezone.localdate(), base_url=options["base_url"])
        return f"{queued} reminders queued"

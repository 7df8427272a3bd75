"""Queue reminders for questions and orders falling due or overdue (run daily, e.g. from cron); safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from samverka.records.questions.services import send_due_reminders


class Command(BaseCommand):
    help = "Queue reminders to the receiving body's leaders for questions and orders due soon or overdue."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--base-url", default=None, help="Prefix for links in the e-mails, e.g. https://samverka.se"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = parse_date(options["date"]) if options.get("date") else timezone.localdate()
        except ValueError:
            today = None
        if today is None:
            raise CommandError("Invalid --date: use YYYY-MM-DD.")
        queued = send_due_reminders(today, base_url=options["base_url"])
        self.stdout.write(f"{queued} reminders queued")

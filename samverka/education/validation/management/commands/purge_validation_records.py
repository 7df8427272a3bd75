"""Delete the pseudonymous person-level validation records whose retention has passed (run daily, e.g. cron)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from samverka.education.validation.services import participants_purge_expired


class Command(BaseCommand):
    help = "Delete the pseudonymous validation records past their retention day."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = parse_date(options["date"])
            except ValueError:
                today = None
            if today is None:
                raise CommandError("Invalid --date: use YYYY-MM-DD.")
        deleted = participants_purge_expired(today=today)
        self.stdout.write(f"{deleted} records deleted")

"""Put the forums' education orders on their coming Q3/Q4 meetings (run daily, e.g. from cron); safe to run twice."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from samverka.education.orders.services_agenda import sync_order_agendas


class Command(BaseCommand):
    help = "List new and open orders on each forum's coming Q4 meeting and earlier orders' outcomes on its Q3 meeting."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Sync the meetings from this date (YYYY-MM-DD) instead of now.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = parse_date(options["date"])
            except ValueError:
                today = None
            if today is None:
                raise CommandError("Invalid --date: use YYYY-MM-DD.")
        synced = sync_order_agendas(today)
        self.stdout.write(f"{synced} meetings synced")

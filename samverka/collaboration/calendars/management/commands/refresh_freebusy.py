"""Read every free/busy calendar address again (run from cron or a scheduler, e.g. every hour)."""

from typing import Any

from django.core.management.base import BaseCommand

from samverka.collaboration.calendars.services import refresh_all_sources


class Command(BaseCommand):
    help = "Refresh the busy periods of every external calendar address; failures are recorded on the source."

    def handle(self, *args: Any, **options: Any) -> None:
        done = refresh_all_sources()
        self.stdout.write(f"Refreshed {done} calendar addresses.")

"""Delete the pseudonymous person-level validation records whose retention has passed (run daily, e.g. cron)."""

from datetime import date
from typing import Any

from samverka.education.validation.services import participants_purge_expired
from samverka.platform.core.commands import DailyCommand


class Command(DailyCommand):
    help = "Delete the pseudonymous validation records past their retention day."

    def run(self, today: date | None, **options: Any) -> str:
        return f"{participants_purge_expired(today=today)} records deleted"

"""Queue the status-report reminders due today (run daily, e.g. from cron); safe to run twice."""

from datetime import date

from samverka.platform.core.commands import DailyRemindersCommand
from samverka.steering.statusreports.services import send_round_reminders


class Command(DailyRemindersCommand):
    help = "Queue reminders before and after the deadline of open status rounds to groups that have not submitted."

    def send(self, today: date, *, base_url: str | None) -> int:
        return send_round_reminders(today, base_url=base_url)

"""Queue reminders for questions and orders falling due or overdue (run daily, e.g. from cron); safe to run twice."""

from datetime import date

from samverka.platform.core.commands import DailyRemindersCommand
from samverka.records.questions.services import send_due_reminders


class Command(DailyRemindersCommand):
    help = "Queue reminders to the receiving body's leaders for questions and orders due soon or overdue."

    def send(self, today: date, *, base_url: str | None) -> int:
        return send_due_reminders(today, base_url=base_url)

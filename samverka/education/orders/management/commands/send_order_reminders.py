"""E-mail about overdue education orders and escalate them (run daily, e.g. from cron); safe to run twice."""

from datetime import date

from samverka.education.orders.services import send_order_reminders
from samverka.platform.core.commands import DailyRemindersCommand


class Command(DailyRemindersCommand):
    help = "Escalate overdue education orders to the leaders of the ordering body and the body it reports to."

    def send(self, today: date, *, base_url: str | None) -> int:
        return send_order_reminders(today, base_url=base_url)

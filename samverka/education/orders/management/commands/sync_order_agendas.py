"""Put the forums' education orders on their coming Q3/Q4 meetings (run daily, e.g. from cron); safe to run twice."""

from datetime import date
from typing import Any

from samverka.education.orders.services_agenda import sync_order_agendas
from samverka.platform.core.commands import DailyCommand


class Command(DailyCommand):
    help = "List new and open orders on each forum's coming Q4 meeting and earlier orders' outcomes on its Q3 meeting."

    def run(self, today: date | None, **options: Any) -> str:
        return f"{sync_order_agendas(today)} meetings synced"

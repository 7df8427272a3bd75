"""Send due messages from the e-mail outbox (for cron or as a simple worker)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from samverka.platform.notifications.services import send_pending


class Command(BaseCommand):
    help = "Send due messages from the e-mail outbox; with --watch keep running."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--watch", action="store_true", help="Keep running and poll the outbox.")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between polls with --watch.")
        parser.add_argument("--limit", type=int, default=100, help="Messages per batch.")

    def handle(self, *args: Any, watch: bool, interval: float, limit: int, **options: Any) -> None:
        while True:
            total = 0
            while True:  # drain everything that is due, batch by batch
                sent = send_pending(limit=limit)
                total += sent
                if sent < limit:
                    break
            if total or not watch:
                self.stdout.write(f"Sent {total} message(s).")
            if not watch:
                return
            time.sleep(interval)

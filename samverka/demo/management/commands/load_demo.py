"""Load the demo: MSV KLL, Region Sörmland's platform, Region Örebro län, and one account per role."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverka.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from samverka.demo.calendars import load_calendars
from samverka.demo.catalogue import load_catalogue
from samverka.demo.catalogue_edits import load_catalogue_edits
from samverka.demo.cohorts import load_cohorts
from samverka.demo.events import load_events
from samverka.demo.goals import load_goals
from samverka.demo.inputs import load_inputs
from samverka.demo.intake import load_intake
from samverka.demo.knowledgenodes import load_knowledgenodes
from samverka.demo.loader import DemoLoader, demo_counts, demo_passwords_reset, demo_present
from samverka.demo.meetings import load_meetings
from samverka.demo.minutes import load_invitations, load_minutes
from samverka.demo.myhreports import load_myhreports
from samverka.demo.orders import load_order_agendas, load_orders
from samverka.demo.questions import load_questions
from samverka.demo.registry import load_registry
from samverka.demo.retention import load_retention
from samverka.demo.statistics import load_statistics
from samverka.demo.statusreports import load_statusreports
from samverka.demo.validation import load_validation
from samverka.demo.wheels import load_wheels
from samverka.demo.workplans import load_workplans


class Command(BaseCommand):
    help = (
        "Load the demo data (national collaboration MSV KLL, Region Sörmland, Region Örebro län) and the demo "
        "accounts listed in samverka/demo/accounts.py, all with the password " + DEMO_PASSWORD + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when a space already exists (so `make run` keeps the data of earlier runs).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the existing demo accounts their documented password and TOTP secret again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if demo_present():
            if not options["if_empty"] and not options["reset_passwords"]:
                raise CommandError(
                    "The database already has spaces: the demo loads only into an empty database. "
                    "Use --if-empty to skip quietly, or --reset-passwords to restore the demo logins."
                )
            if options["if_empty"]:
                self.stdout.write("Spaces exist already: the demo is not loaded again.")
        else:
            DemoLoader().load()
            load_wheels()
            load_meetings()
            load_minutes()
            load_invitations()
            load_calendars()
            load_events()
            load_goals()
            load_workplans()
            load_statusreports()
            load_inputs()
            load_questions()
            load_registry()
            load_intake()
            load_retention()
            load_statistics()
            load_catalogue()
            load_catalogue_edits()
            load_validation()
            load_orders()
            load_cohorts()
            load_order_agendas()
            load_knowledgenodes()
            load_myhreports()
            counts = ", ".join(f"{n} {label}" for label, n in demo_counts().items())
            self.stdout.write(self.style.SUCCESS(f"Demo loaded in {time.monotonic() - started:.1f} s: {counts}."))
            self._list_accounts()
        if options["reset_passwords"]:
            count = demo_passwords_reset()
            self.stdout.write(f"Reset the password and TOTP secret of {count} demo accounts.")

    def _list_accounts(self) -> None:
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            totp = f"  TOTP secret {account.totp_secret}" if account.totp_secret else ""
            self.stdout.write(f"  {account.email:32} {account.description}{totp}")

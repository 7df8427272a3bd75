"""Read the functional mailboxes (settings.INTAKE_MAILBOXES) into the spaces' triage queues."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverka.platform.spaces.models import Space
from samverka.records.intake.mailbox import read_mailbox


class Command(BaseCommand):
    help = "Read unread e-mail of the configured functional mailboxes into each space's triage queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--space", help="Only the mailbox of this space (its short name).")

    def handle(self, *args: Any, **options: Any) -> None:
        mailboxes: dict[str, dict[str, Any]] = getattr(settings, "INTAKE_MAILBOXES", {}) or {}
        if options["space"]:
            if options["space"] not in mailboxes:
                raise CommandError(f"No mailbox is configured for the space {options['space']!r}.")
            mailboxes = {options["space"]: mailboxes[options["space"]]}
        if not mailboxes:
            self.stdout.write("No mailboxes are configured (settings.INTAKE_MAILBOXES).")
            return
        for slug, config in mailboxes.items():
            space = Space.objects.filter(slug=slug).first()
            if space is None:
                self.stderr.write(f"{slug}: no such space; skipped.")
                continue
            result = read_mailbox(space=space, config=config)
            self.stdout.write(
                f"{slug}: {result.created} taken in, {result.skipped} skipped, {result.failed} left for a person."
            )

"""Import Skolverket's education database (EMIL3) into a space's catalogue.

    manage.py import_emil3 sormland                      # the shipped Sörmland fixtures (synthetic)
    manage.py import_emil3 sormland --dir path/to/pages  # recorded answers: <endpoint>-page-<n>.json
    manage.py import_emil3 sormland --url https://api.skolverket.se/susa-navet/emil3 --updated-since 2026-11-01

Without ``--dir`` or ``--url`` the source is ``settings.CATALOGUE_EMIL3_URL`` when set, else the shipped
fixtures. ``--updated-since`` asks for a delta (a recorded delta folder says its own in ``request.json``);
a run without one is a full run, which soft-deletes what the feed no longer has. Progress is printed.
"""

import time
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from samverka.education.catalogue.services.emil3 import (
    DirectorySource,
    FeedError,
    HttpSource,
    PageSource,
    import_emil3,
    source_from_settings,
)
from samverka.platform.spaces.models import Space


def _since(value: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--updated-since takes a date or a date and time, not {value!r}.")
        parsed = datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


class Command(BaseCommand):
    help = (
        "Import EMIL3 (Skolverket's education database) into a space's education catalogue: from a folder of "
        "recorded pages, the API, or by default the shipped synthetic Sörmland fixtures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("space", help="Slug of the space (a regional space: its county filters the feed).")
        parser.add_argument("--dir", help="A folder of recorded answers (<endpoint>-page-<n>.json).")
        parser.add_argument("--url", help="The API's base address (e.g. https://api.skolverket.se/susa-navet/emil3).")
        parser.add_argument("--updated-since", help="Only what changed since this date (a delta run).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            space = Space.objects.get(slug=options["space"])
        except Space.DoesNotExist as error:
            raise CommandError(f"There is no space with the slug {options['space']!r}.") from error
        since = _since(options["updated_since"]) if options["updated_since"] else None
        try:
            source: PageSource
            if options["dir"]:
                source = DirectorySource(options["dir"])
            elif options["url"]:
                source = HttpSource(options["url"])
            else:
                source = source_from_settings()
        except FeedError as error:
            raise CommandError(str(error)) from error
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            share = f" ({done / total:.0%})" if total else ""
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {done} of {total} items{share}")

        run = import_emil3(space=space, source=source, updated_since=since, progress=progress)
        if run.status != "done":
            raise CommandError(run.message)
        elapsed = max(time.monotonic() - started, 1e-6)
        for kind, counts in run.counts.items():
            self.stdout.write(f"{kind}: " + ", ".join(f"{n} {label.replace('_', ' ')}" for label, n in counts.items()))
        for problem in run.problems:
            self.stdout.write(self.style.WARNING(f"{problem['endpoint']} {problem['id']}: {problem['message']}"))
        offerings = run.counts.get("offerings", {})
        handled = offerings.get("created", 0) + offerings.get("updated", 0) + offerings.get("unchanged", 0)
        kind = "delta" if run.updated_since else "full"
        self.stdout.write(
            self.style.SUCCESS(
                f"Import run {run.pk} ({kind}) into {space.slug} done in {elapsed:.1f} s: {run.total} items, "
                f"{handled} offerings ({handled / elapsed:,.0f} offerings/s), {len(run.problems)} left out."
            )
        )

"""Generate synthetic (invented) employment statistics into a space, for demonstrations and benchmarks.

``generate_statistics --space sormland`` stores the national cube (about 1.2 million cells) and
Södermanland's municipal register as new versions of two synthetic datasets of the space;
``--small`` keeps only two SSYK major groups. Deterministic: the same options give the same rows.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from samverka.insight.statistics.synthetic import DATASETS, DEFAULT_SEED, SMALL_MAJOR_GROUPS, store_synthetic
from samverka.platform.spaces.models import Space


class Command(BaseCommand):
    help = (
        "Generate synthetic employment statistics (clearly marked as synthetic) into a space: "
        "a national cube by occupation, county, age, sex and education, and a register for "
        "Södermanland's municipalities. Each run adds a new version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--space", default="sormland", help="Slug of the space (default: sormland).")
        parser.add_argument("--years", type=int, nargs="+", help="Years to generate (default: each dataset's own).")
        parser.add_argument(
            "--small",
            action="store_true",
            help=f"Only the SSYK major groups {', '.join(SMALL_MAJOR_GROUPS)} (for tests and demos).",
        )
        parser.add_argument(
            "--dataset", choices=[*DATASETS, "all"], default="all", help="Which dataset to generate (default: all)."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            space = Space.objects.get(slug=options["space"])
        except Space.DoesNotExist as error:
            raise CommandError(f"There is no space with the slug {options['space']!r}.") from error
        years = options["years"]
        if years and any(not 1900 <= y <= 2100 for y in years):
            raise CommandError("Years must be between 1900 and 2100.")
        kinds = list(DATASETS) if options["dataset"] == "all" else [options["dataset"]]
        for kind in kinds:
            started = time.monotonic()
            try:
                dataset, version, count = store_synthetic(
                    space=space, kind=kind, years=years, small=options["small"], seed=options["seed"]
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
            elapsed = max(time.monotonic() - started, 1e-6)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{dataset.slug} v{version.number} in space {space.slug}: {count} rows in {elapsed:.1f} s "
                    f"({count / elapsed:,.0f} rows/s, {connection.vendor})."
                )
            )

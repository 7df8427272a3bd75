"""Generate national-scale data: 22 spaces, 20,000+ organisations, 3,000+ bodies, 60,000+ memberships.

Used by ``make scale`` and ``make bench`` (into a fresh database). The bulk rows
are written with ``bulk_create`` in batches and deliberately bypass the
services' per-row audit log (see samverka/demo/generator.py); spaces,
accounts and landscape-map revisions still go through the services.
Deterministic: the same ``--seed`` and ``--scale`` give the same data.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from samverka.demo.generator import GenerationError, NationalDataGenerator
from samverka.demo.scale_catalogue import generate_catalogue


class Command(BaseCommand):
    help = (
        "Generate national-scale data (one space per county plus the national one, >= 20,000 organisations, "
        ">= 3,000 bodies, >= 60,000 memberships at --scale 1.0) into an empty database. Bulk inserts bypass "
        "the per-row audit log on purpose."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national scale; 0.1 = a tenth.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed and scale → same data).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()

        def log(message: str) -> None:
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        try:
            generator = NationalDataGenerator(scale=options["scale"], seed=options["seed"], log=log)
            counts = generator.run()
            counts.update(generate_catalogue(scale=options["scale"], seed=options["seed"], log=log))
        except GenerationError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated national data on {connection.vendor} in {elapsed:.1f} s "
                f"(scale {options['scale']}, seed {options['seed']}): {summary}."
            )
        )

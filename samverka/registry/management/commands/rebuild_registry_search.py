"""Rebuild the registry's full-text search entries (after a bulk load or an upgrade)."""

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.registry import search
from samverka.spaces.models import Space


class Command(BaseCommand):
    help = "Rebuild the full-text search entries of every case and registered document (or one space's)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--space", help="only this space (its slug)")

    def handle(self, *args: Any, space: str | None = None, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            written = search.rebuild(space=Space.objects.get(slug=space) if space else None)
        self.stdout.write(f"{written} search entries in {time.perf_counter() - started:.1f} s")

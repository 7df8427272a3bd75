"""Rebuild the registry's full-text search entries (after a bulk load or an upgrade).

Files whose text is still waiting to be read (the task worker was down, or the task failed to be queued)
are read first, one by one and outside any transaction."""

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.platform.spaces.models import Space
from samverka.records.registry import search, services
from samverka.records.registry.models import DocumentFile, TextState


class Command(BaseCommand):
    help = "Read the text of files still pending, then rebuild the full-text search entries (or one space's)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--space", help="only this space (its slug)")

    def handle(self, *args: Any, space: str | None = None, **options: Any) -> None:
        started = time.perf_counter()
        chosen = Space.objects.get(slug=space) if space else None
        pending = DocumentFile.objects.filter(text_state=TextState.PENDING, disposed_at__isnull=True)
        if chosen is not None:
            pending = pending.filter(document__case__space=chosen)
        read = 0
        for file_id in pending.values_list("pk", flat=True).iterator():
            services.file_text_read(file_id=file_id)
            read += 1
        with transaction.atomic():
            written = search.rebuild(space=chosen)
        self.stdout.write(f"{read} files read, {written} search entries in {time.perf_counter() - started:.1f} s")

"""Running an EMIL3 import: from the command line, a test or the import page (queued as a task)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from samverka.education.catalogue.models import (
    ImportPage,
    ImportRun,
    ImportStatus,
)
from samverka.education.catalogue.services.emil3.fields import Rejected
from samverka.education.catalogue.services.emil3.importer import ProgressCallback, _Feed, _Importer
from samverka.education.catalogue.services.emil3.sources import (
    ENDPOINTS,
    MAX_PAGES,
    PAGE_SIZE,
    FeedError,
    PageSource,
    source_from_settings,
)
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space


def start_run(*, space: Space, actor: Any = None, updated_since: datetime | None = None) -> ImportRun:
    """A new run of ``space``, not yet started (the import page creates it, the task runs it)."""
    return ImportRun.objects.create(space=space, started_by=actor, updated_since=updated_since)


def import_emil3(
    *,
    space: Space,
    source: PageSource,
    actor: Any = None,
    updated_since: datetime | None = None,
    run: ImportRun | None = None,
    progress: ProgressCallback | None = None,
    page_size: int = PAGE_SIZE,
) -> ImportRun:
    """Import the feed ``source`` answers into ``space``'s catalogue; returns the finished run.

    ``updated_since`` asks for a delta (a recorded source may answer one by itself: its ``updated_since``).
    Without either, the run is a full run: what the feed no longer contains is soft-deleted.
    Who may start a run is the caller's check (rule ``catalogue.run_import``); this is the import itself.
    """
    if space.county_id is None:
        raise ValidationError(_("Only a regional space (one with a county) has an education catalogue to import."))
    since = updated_since or source.updated_since
    if run is None:
        run = start_run(space=space, actor=actor, updated_since=since)
    else:
        run.updated_since = since
    run.status, run.started_at, run.message = ImportStatus.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "updated_since", "message"])
    feed = _Feed()
    try:
        # Reading comes first, outside the transaction, so the run's page sees the pages arrive (a worker's
        # writes inside the transaction are seen only at its end); nothing is written to the catalogue yet.
        _read(source, run, feed, since, page_size)
        with transaction.atomic():
            ImportPage.objects.bulk_create(
                [ImportPage(run=run, endpoint=e, page=n, body=body) for e, n, body in feed.pages], batch_size=50
            )
            importer = _Importer(space=space, run=run, full=since is None, progress=progress)
            importer.run(feed.items)
    except (
        FeedError,
        OSError,
        Rejected,
        ValidationError,
        DatabaseError,
        ValueError,
        KeyError,
        TypeError,
        RuntimeError,
    ) as error:
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        # The raw pages stay for the diagnosis (when the database takes them); no catalogue row was kept.
        try:
            with transaction.atomic():
                ImportPage.objects.bulk_create(
                    [ImportPage(run=run, endpoint=e, page=n, body=body) for e, n, body in feed.pages], batch_size=50
                )
        except DatabaseError:
            pass
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            message=_("The import failed and nothing was changed: %(error)s") % {"error": message},
            counts={},
            problems=[],
        )
        run.refresh_from_db()
        return run
    run.refresh_from_db()
    return run


def _read(source: PageSource, run: ImportRun, feed: _Feed, since: datetime | None, size: int) -> None:
    firsts = {e: source.page(e, 0, size=size, updated_since=since) for e in ENDPOINTS}
    total = 0
    for endpoint, first in firsts.items():
        try:
            total += int(first.get("totalElements") or len(first.get(endpoint) or []))
        except (TypeError, ValueError):
            total += len(first.get(endpoint) or [])
    ImportRun.objects.filter(pk=run.pk).update(total=total, done=0)
    received = 0
    for endpoint, first in firsts.items():
        try:
            pages = max(1, min(int(first.get("totalPages") or 1), MAX_PAGES))
        except (TypeError, ValueError):
            raise FeedError(_("%(endpoint)s gives no readable number of pages.") % {"endpoint": endpoint}) from None
        for number in range(pages):
            body = first if number == 0 else source.page(endpoint, number, size=size, updated_since=since)
            items = body.get(endpoint)
            if items is None:
                items = []
            if not isinstance(items, list):
                raise FeedError(
                    _("Page %(page)s of %(endpoint)s has no list of items.") % {"page": number, "endpoint": endpoint}
                )
            feed.pages.append((endpoint, number, body))
            feed.items[endpoint].extend(item for item in items if isinstance(item, dict))
            received += len(items)
            ImportRun.objects.filter(pk=run.pk).update(done=min(received, total), total=max(received, total))


STALE_AFTER = timedelta(hours=2)


def start_import(*, actor: Any, space: Space) -> ImportRun:
    """Queue a full run of ``space`` from ``source_from_settings()``; the task runs it after the commit.

    With the embedded (immediate) task backend the run has finished when this returns to the page; with a
    worker the run's page follows its progress. Refused while another run of the space is under way.
    """
    ensure(actor.has_perm("catalogue.run_import", space))
    if space.county_id is None:
        raise ValidationError(_("Only a regional space (one with a county) has an education catalogue to import."))
    with transaction.atomic():
        busy = ImportRun.objects.select_for_update().filter(
            space=space, status=ImportStatus.RUNNING, started_at__gte=timezone.now() - STALE_AFTER
        )
        if busy.exists():
            raise ValidationError(_("An import of this space is already under way; wait until it has finished."))
        run = ImportRun.objects.create(space=space, started_by=actor, message=_("Waiting to start."))
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: run_import_task.enqueue(run.pk, language))
    return run


def run_queued_import(run_id: int, language: str) -> ImportRun:
    """Run the queued run ``run_id`` (the task's body), in the language of the page that started it."""
    from samverka.platform.core.audit import acting_as

    run = ImportRun.objects.select_related("space", "started_by").get(pk=run_id)
    with translation.override(language), acting_as(run.started_by):
        try:
            source = source_from_settings()
        except FeedError as error:
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportStatus.FAILED, finished_at=timezone.now(), message=str(error)
            )
            run.refresh_from_db()
            return run
        return import_emil3(space=run.space, source=source, actor=run.started_by, run=run)


@task()
def run_import_task(run_id: int, language: str) -> str:
    return str(run_queued_import(run_id, language).status)

"""The EMIL3 importer: Skolverket's education database (Susa-navet) into a space's catalogue.

A run reads the three endpoints ``educationProviders``, ``educationInfos`` and ``educationEvents`` page by
page (``page`` from 0, ``size``; ``updatedSince`` for a delta run) from a source — a directory of recorded
answers (``DirectorySource``, what the tests and the demo use) or the API itself (``HttpSource``) — and:

1. keeps every raw page as received (``ImportPage``), also when the run fails;
2. normalises each item to ``Provider`` / ``Education`` / ``Offering`` (+ the feed's target occupations as
   ``EducationOccupation`` rows with ``is_local=False``), keeping only what lies in the space's county: an
   offering in one of its municipalities (or, without a place, by a provider there), the educations and
   providers of those offerings, and the providers in the county;
3. rejects an item with unknown codes (school type, municipality, SUN 2020, SSYK 2012), missing fields or
   impossible values, and names each one in ``ImportRun.problems`` (endpoint, id, message); an offering of a
   rejected education is rejected too. The rest is imported;
4. soft-deletes (``removed_at``) what the feed marks removed (``status`` other than ``ACTIVE``) and, in a full
   run, what the feed no longer contains; an education's removal removes its imported offerings;
5. never touches what is kept locally: rows entered here (``source=local``), ``local_note``, the
   ``is_published`` choice, ``OfferingOccupation`` rows and ``EducationOccupation`` rows with ``is_local``.

A run is atomic: it commits every accepted item or nothing (a source failing half-way, or an interruption,
leaves the catalogue as it was and the run marked failed with its message). Rows are written in bulk
(existing rows are read once per model by their id in the source; no per-item queries), so the import keeps
well above 2,000 offerings/s; bulk writes bypass the per-row audit log on purpose — the run, its pages and
its counts are the record of what the feed changed. Progress (``ImportRun.total`` / ``done``) is written in
chunks and passed to an optional ``progress(done, total)`` callback.

The package's rooms: ``sources`` (where pages come from), ``fields`` (what the feed owns and how each value
is read and checked), ``importer`` (one run's normalisation and bulk writes) and ``runs`` (starting and
running a run: the command, the tests, the import page's task).
"""

from samverka.education.catalogue.services.emil3.runs import (
    import_emil3,
    run_import_task,
    run_queued_import,
    start_import,
    start_run,
)
from samverka.education.catalogue.services.emil3.sources import (
    DirectorySource,
    FeedError,
    HttpSource,
    PageSource,
    source_from_settings,
)

__all__ = [
    "DirectorySource",
    "FeedError",
    "HttpSource",
    "PageSource",
    "import_emil3",
    "run_import_task",
    "run_queued_import",
    "source_from_settings",
    "start_import",
    "start_run",
]

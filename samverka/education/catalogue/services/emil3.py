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
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_tasks import task

from samverka.collaboration.actors.models import Organisation
from samverka.education.catalogue.derived import offering_derived_fields
from samverka.education.catalogue.models import (
    EMIL_SCHOOL_TYPES,
    CreditSystem,
    Education,
    EducationOccupation,
    ImportPage,
    ImportRun,
    ImportStatus,
    Offering,
    Provider,
    ResponsibleBodyType,
    Source,
)
from samverka.insight.classifications import selectors as classifications
from samverka.platform.core.models import Municipality
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space

PROVIDERS = "educationProviders"
INFOS = "educationInfos"
EVENTS = "educationEvents"
ENDPOINTS = (PROVIDERS, INFOS, EVENTS)

#: Items asked for per page, and the most pages read of one endpoint (a guard against a looping feed).
PAGE_SIZE = 500
MAX_PAGES = 10_000
#: Progress is written to the run every this many items.
CHUNK = 1000
#: Rows per bulk statement.
BATCH = 500

ProgressCallback = Callable[[int, int], None]

_BODY_TYPES = {
    "KOMMUN": ResponsibleBodyType.MUNICIPAL,
    "MUNICIPALITY": ResponsibleBodyType.MUNICIPAL,
    "REGION": ResponsibleBodyType.REGION,
    "LANDSTING": ResponsibleBodyType.REGION,
    "STAT": ResponsibleBodyType.STATE,
    "STATE": ResponsibleBodyType.STATE,
    "ENSKILD": ResponsibleBodyType.PRIVATE,
    "PRIVATE": ResponsibleBodyType.PRIVATE,
}
_CREDIT_SYSTEMS = {
    "gyp": CreditSystem.UPPER_SECONDARY,
    "yhp": CreditSystem.YH,
    "hp": CreditSystem.HIGHER_EDUCATION,
    "weeks": CreditSystem.WEEKS,
    "hours": CreditSystem.HOURS,
}
_LANGUAGES = {"swe": "sv", "eng": "en", "fin": "fi", "ara": "ar", "sme": "se", "deu": "de", "fra": "fr"}

#: Names of checked values, in the messages of rejected items.
_SEQF = _lazy("SeQF level")
_START = _lazy("The start")
_END = _lazy("The end")
_OPENS = _lazy("The application's opening day")
_CLOSES = _lazy("The last application day")
_PACE = _lazy("The study pace")
_SESSIONS = _lazy("The on-site sessions")
_PLACES = _lazy("The places")
_FEE = _lazy("The fee")

PROVIDER_FIELDS = [
    "name",
    "org_number",
    "organisation",
    "responsible_body_type",
    "street_address",
    "postal_code",
    "town",
    "municipality",
    "email",
    "phone",
    "url",
]
EDUCATION_FIELDS = [
    "provider",
    "code",
    "title",
    "description",
    "school_type",
    "sun_field",
    "sun_level",
    "seqf_level",
    "credit_system",
    "credits",
    "extent",
    "is_vocational",
    "leads_to_degree",
    "csn_eligible",
]
OFFERING_FIELDS = [
    "education",
    "provider",
    "municipality",
    "county_code",
    "locality",
    "start_date",
    "end_date",
    "application_opens",
    "application_closes",
    "continuous_admission",
    "pace_percent",
    "is_distance",
    "onsite_sessions",
    "places",
    "fee_sek",
    "fee_note",
    "language",
    "is_apprenticeship",
    "is_cancelled",
    "url",
    "hidden_after",
    "search_text",
]
#: What every imported row gets from the feed besides its own fields (``updated_at``: bulk_update skips auto_now).
PROVENANCE_FIELDS = ["source_updated_at", "removed_at", "updated_at"]


class FeedError(Exception):
    """A page could not be read (missing, not JSON, an HTTP error): the run fails, nothing is imported."""


# Sources ------------------------------------------------------------------------------------------------------


class PageSource(Protocol):
    #: The ``updatedSince`` a recorded delta answers (``None``: a full answer, or an API asked per call).
    updated_since: datetime | None

    def page(self, endpoint: str, number: int, *, size: int, updated_since: datetime | None) -> dict[str, Any]:
        """The answer to ``GET /<endpoint>?page=<number>&size=<size>[&updatedSince=…]``."""
        ...


class DirectorySource:
    """Recorded answers in a folder: ``<endpoint>-page-<n>.json`` and, for a delta, ``request.json``."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise FeedError(_("The folder %(path)s does not exist.") % {"path": self.directory})
        self.updated_since: datetime | None = None
        request = self.directory / "request.json"
        if request.exists():
            asked = _read_json(request).get("updatedSince")
            self.updated_since = _aware(parse_datetime(asked)) if isinstance(asked, str) else None

    def page(self, endpoint: str, number: int, *, size: int, updated_since: datetime | None) -> dict[str, Any]:
        path = self.directory / f"{endpoint}-page-{number}.json"
        if not path.exists():
            if number == 0:
                return {"page": 0, "totalPages": 1, "totalElements": 0, endpoint: []}
            raise FeedError(_("Page %(page)s of %(endpoint)s is missing.") % {"page": number, "endpoint": endpoint})
        return _read_json(path)


Transport = Callable[[str], tuple[int, bytes]]


def urllib_transport(url: str) -> tuple[int, bytes]:
    """GET ``url`` (http or https only): the status and the body."""
    if not url.startswith(("https://", "http://")):
        raise FeedError(_("Only web addresses can be fetched."))
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Samverka"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - scheme checked above
            return int(answer.status), bytes(answer.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read() or b"")
    except (urllib.error.URLError, TimeoutError) as error:
        raise FeedError(_("The education database could not be reached: %(error)s") % {"error": error}) from error


class HttpSource:
    """The EMIL3 API at ``base_url`` (e.g. ``https://api.skolverket.se/susa-navet/emil3``)."""

    updated_since: datetime | None = None

    def __init__(self, base_url: str, *, transport: Transport | None = None, school_types: Iterable[str] = ()) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport = transport or urllib_transport
        self.school_types = list(school_types)

    def url(self, endpoint: str, number: int, *, size: int, updated_since: datetime | None) -> str:
        query: list[tuple[str, str]] = [("page", str(number)), ("size", str(size))]
        if updated_since is not None:
            query.append(("updatedSince", updated_since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
        query += [("schoolType", code) for code in self.school_types]
        return f"{self.base_url}/{endpoint}?{urllib.parse.urlencode(query)}"

    def page(self, endpoint: str, number: int, *, size: int, updated_since: datetime | None) -> dict[str, Any]:
        status, body = self.transport(self.url(endpoint, number, size=size, updated_since=updated_since))
        if status != 200:
            raise FeedError(
                _("The education database answered %(status)s for page %(page)s of %(endpoint)s.")
                % {"status": status, "page": number, "endpoint": endpoint}
            )
        return _parse_json(body, f"{endpoint} {number}")


def source_from_settings() -> PageSource:
    """The API named by ``settings.CATALOGUE_EMIL3_URL`` when set, else the shipped Sörmland fixtures."""
    base_url = settings.CATALOGUE_EMIL3_URL
    if base_url:
        return HttpSource(base_url)
    from samverka.education.catalogue.emil3 import SORMLAND_FULL

    return DirectorySource(SORMLAND_FULL)


def _read_json(path: Path) -> dict[str, Any]:
    return _parse_json(path.read_bytes(), path.name)


def _parse_json(raw: bytes, name: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise FeedError(_("%(name)s is not valid JSON: %(error)s") % {"name": name, "error": error}) from error
    if not isinstance(data, dict):
        raise FeedError(_("%(name)s is not a page of the education database.") % {"name": name})
    return data


# Reading values -----------------------------------------------------------------------------------------------


class Rejected(Exception):
    """An item left out of the run; the message names what is wrong with it."""


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, UTC)
    return value


def _localized(value: Any, key: str = "strings") -> str:
    """The Swedish (else the first) text of an EMIL ``{"strings": [{"lang", "value"}]}`` value."""
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict):
        return ""
    rows = [row for row in value.get(key) or [] if isinstance(row, dict)]
    chosen = next((row for row in rows if row.get("lang") == "swe"), rows[0] if rows else {})
    found = chosen.get("value")
    return found.strip() if isinstance(found, str) else ""


def _web_address(value: Any) -> str:
    found = _localized(value, "urls")
    return found[:500] if found.startswith(("https://", "http://")) else ""


#: EMIL's extent units in the catalogue's language (the catalogue's texts are Swedish, as the feed's are).
EXTENT_UNITS = {
    "year": ("år", "år"),
    "semester": ("termin", "terminer"),
    "month": ("månad", "månader"),
    "week": ("vecka", "veckor"),
    "day": ("dag", "dagar"),
    "hour": ("timme", "timmar"),
}


def _extent(length: Any, unit: str) -> str:
    """``3`` ``year`` → "3 år"; an unknown unit is kept as the feed gives it."""
    one, many = EXTENT_UNITS.get(unit.lower(), (unit, unit))
    return f"{length} {one if str(length) in ('1', '1.0') else many}".strip()


def _code(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("code")
    return str(value).strip() if value not in (None, "") else ""


def _date(value: Any, label: Any) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Rejected(_("%(label)s is not a date: %(value)s") % {"label": label, "value": value})
    try:
        parsed = parse_date(value[:10])
    except ValueError:
        parsed = None
    if parsed is None:
        raise Rejected(_("%(label)s is not a date: %(value)s") % {"label": label, "value": value})
    return parsed


def _number(value: Any, label: Any, *, low: int | None = None, high: int | None = None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Rejected(_("%(label)s is not a number: %(value)s") % {"label": label, "value": value}) from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise Rejected(
            _("%(label)s must lie between %(low)s and %(high)s, not %(value)s.")
            % {"label": label, "low": low, "high": high, "value": number}
        )
    return number


def _email(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        validate_email(value.strip())
    except ValidationError:
        return ""
    return value.strip()[:254]


def _first_id(values: Any) -> str:
    if isinstance(values, list) and values:
        return _code(values[0])
    return _code(values)


# The run ------------------------------------------------------------------------------------------------------


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    outside_county: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class _Feed:
    pages: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {e: [] for e in ENDPOINTS})


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


class _Importer:
    """One run's normalisation and writes (inside the run's transaction)."""

    def __init__(self, *, space: Space, run: ImportRun, full: bool, progress: ProgressCallback | None) -> None:
        self.space = space
        self.run_row = run
        self.full = full
        self.progress = progress
        self.now = timezone.now()
        self.county = space.county_id
        self.problems: list[dict[str, str]] = []
        self.rejected_infos: set[str] = set()
        self.titles_before: dict[str, str] = {}
        self.names_before: dict[str, str] = {}
        self.counts = {PROVIDERS: _Counts(), INFOS: _Counts(), EVENTS: _Counts()}
        self.done = 0
        self.total = 0
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.sun_fields = {c for c in classifications.codes("sun2020_field") if len(c) <= 4}
        self.sun_levels = {c for c in classifications.codes("sun2020_level") if len(c) <= 3}
        self.ssyk = classifications.codes("ssyk2012", 4)

    # bookkeeping
    def reject(self, endpoint: str, item_id: str, message: str) -> None:
        self.problems.append({"endpoint": endpoint, "id": item_id or _("(no id)"), "message": message})
        self.counts[endpoint].rejected += 1

    def step(self, count: int = 1) -> None:
        before = self.done
        self.done += count
        if self.done // CHUNK != before // CHUNK or self.done >= self.total:
            self.report()

    def report(self) -> None:
        ImportRun.objects.filter(pk=self.run_row.pk).update(done=self.done, total=self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)

    # the run
    def run(self, items: dict[str, list[dict[str, Any]]]) -> None:
        self.total = sum(len(v) for v in items.values())
        existing_providers = {p.source_id: p for p in Provider.objects.filter(space=self.space, source=Source.EMIL3)}
        existing_educations = {e.source_id: e for e in Education.objects.filter(space=self.space, source=Source.EMIL3)}
        # Offerings are the many: read only what decides (a changed row gets every feed field set anyway).
        existing_offerings = {
            o.source_id: o
            for o in Offering.objects.filter(space=self.space, source=Source.EMIL3).only(
                "pk", "source_id", "source_updated_at", "removed_at"
            )
        }

        # What each endpoint says, item by item (rejections named), before deciding what lies in the county.
        providers, removed_providers, seen_providers = self.parse(PROVIDERS, items[PROVIDERS], self.provider_fields)
        infos, removed_infos, seen_infos = self.parse(INFOS, items[INFOS], self.info_fields)
        events, removed_events, seen_events = self.parse(EVENTS, items[EVENTS], self.event_fields)

        # An offering belongs to the county by its municipality, or without one by its provider's.
        provider_municipality = {pid: p["municipality"] for pid, p in providers.items()}
        provider_municipality.update(
            {sid: p.municipality_id for sid, p in existing_providers.items() if sid not in provider_municipality}
        )
        kept_events: dict[str, dict[str, Any]] = {}
        for eid, event in events.items():
            code = event["municipality"] or provider_municipality.get(event["provider_sid"])
            if self.in_county(code):
                kept_events[eid] = event
            else:
                self.counts[EVENTS].outside_county += 1
        for eid, event in list(kept_events.items()):
            if event["education_sid"] in infos or event["education_sid"] in existing_educations:
                continue
            del kept_events[eid]
            if event["education_sid"] in self.rejected_infos:
                self.reject(
                    EVENTS,
                    eid,
                    _("Its education %(id)s was not accepted (see above).") % {"id": event["education_sid"]},
                )
            else:
                self.reject(EVENTS, eid, _("Its education %(id)s is not in the feed.") % {"id": event["education_sid"]})

        wanted_infos = {e["education_sid"] for e in kept_events.values()}
        kept_infos: dict[str, dict[str, Any]] = {}
        for iid, info in infos.items():
            if (
                iid in wanted_infos
                or iid in existing_educations
                or self.in_county(provider_municipality.get(info["provider_sid"] or ""))
            ):
                kept_infos[iid] = info
            else:
                self.counts[INFOS].outside_county += 1
        # An education's provider: its own, else the one of its first offering.
        for iid, info in kept_infos.items():
            if not info["provider_sid"]:
                info["provider_sid"] = next(
                    (e["provider_sid"] for e in kept_events.values() if e["education_sid"] == iid), ""
                )
        wanted_providers = {i["provider_sid"] for i in kept_infos.values()} | {
            e["provider_sid"] for e in kept_events.values()
        }
        kept_providers: dict[str, dict[str, Any]] = {}
        for pid, provider in providers.items():
            if pid in wanted_providers or pid in existing_providers or self.in_county(provider["municipality"]):
                kept_providers[pid] = provider
            else:
                self.counts[PROVIDERS].outside_county += 1
        for iid, info in list(kept_infos.items()):
            if info["provider_sid"] not in kept_providers and info["provider_sid"] not in existing_providers:
                del kept_infos[iid]
                self.reject(INFOS, iid, _("Its provider %(id)s is not in the feed.") % {"id": info["provider_sid"]})
        for eid, event in list(kept_events.items()):
            if event["provider_sid"] not in kept_providers and event["provider_sid"] not in existing_providers:
                del kept_events[eid]
                self.reject(EVENTS, eid, _("Its provider %(id)s is not in the feed.") % {"id": event["provider_sid"]})
            elif event["education_sid"] not in kept_infos and event["education_sid"] not in existing_educations:
                del kept_events[eid]
                self.reject(
                    EVENTS,
                    eid,
                    _("Its education %(id)s was not accepted (see above).") % {"id": event["education_sid"]},
                )

        # Writes: providers, educations, offerings, the feed's target occupations, removals.
        provider_rows = self.write_providers(kept_providers, existing_providers)
        education_rows, changed_educations = self.write_educations(kept_infos, existing_educations, provider_rows)
        self.write_offerings(kept_events, existing_offerings, education_rows, provider_rows)
        self.write_occupations(kept_infos, changed_educations, education_rows)
        self.refresh_search_text(kept_events, provider_rows, education_rows)
        self.remove(Provider, PROVIDERS, existing_providers, removed_providers, seen_providers)
        removed_education_pks = self.remove(Education, INFOS, existing_educations, removed_infos, seen_infos)
        self.remove(Offering, EVENTS, existing_offerings, removed_events, seen_events, removed_education_pks)

        self.done = self.total
        self.report()
        ImportRun.objects.filter(pk=self.run_row.pk).update(
            status=ImportStatus.DONE,
            finished_at=timezone.now(),
            counts={
                "providers": self.counts[PROVIDERS].as_dict(),
                "educations": self.counts[INFOS].as_dict(),
                "offerings": self.counts[EVENTS].as_dict(),
            },
            problems=self.problems,
            message="",
        )

    def in_county(self, code: str | None) -> bool:
        municipality = self.municipalities.get(code or "")
        return municipality is not None and municipality.county_id == self.county

    def parse(
        self, endpoint: str, items: list[dict[str, Any]], read: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> tuple[dict[str, dict[str, Any]], set[str], set[str]]:
        """Accepted items by id, the ids marked removed, and every id the feed names (accepted or not)."""
        accepted: dict[str, dict[str, Any]] = {}
        removed: set[str] = set()
        seen: set[str] = set()
        rejected: set[str] = set()
        for index, item in enumerate(items):
            item_id = _code(item.get("id")) or _code((item.get("content") or {}).get("identifier"))
            if not item_id:
                self.reject(endpoint, "", _("Item %(number)s has no id.") % {"number": index + 1})
                self.step()
                continue
            seen.add(item_id)
            status = str(item.get("status") or "ACTIVE").upper()
            if status != "ACTIVE":
                removed.add(item_id)
                self.step()
                continue
            try:
                content = item.get("content")
                if not isinstance(content, dict):
                    raise Rejected(_("The item has no content."))
                values = read(content)
                values["source_updated_at"] = _aware(parse_datetime(str(item.get("lastEdited") or ""))) or self.now
            except (Rejected, ValueError) as error:
                self.reject(endpoint, item_id, str(error))
                rejected.add(item_id)
            else:
                accepted[item_id] = values
            self.step()
        if endpoint == INFOS:
            self.rejected_infos = rejected
        return accepted, removed, seen

    # normalising one item of each endpoint
    def provider_fields(self, content: dict[str, Any]) -> dict[str, Any]:
        name = _localized(content.get("name"))
        if not name:
            raise Rejected(_("The provider has no name."))
        address = content.get("visitAddress") or content.get("postAddress") or {}
        code = _code(address.get("municipalityCode"))
        if code and code not in self.municipalities:
            raise Rejected(_("Unknown municipality code %(code)s.") % {"code": code})
        org_number = _code(content.get("organisationNumber"))
        if org_number and len(org_number) == 10 and org_number.isdigit():
            org_number = f"{org_number[:6]}-{org_number[6:]}"
        body = content.get("responsibleBody") or {}
        body_code = _code(body.get("type") if isinstance(body, dict) else body).upper()
        phone = content.get("phone")
        return {
            "name": name[:300],
            "org_number": org_number[:11],
            "responsible_body_type": _BODY_TYPES.get(body_code, ResponsibleBodyType.OTHER),
            "street_address": str(address.get("streetAddress") or "")[:200],
            "postal_code": str(address.get("postCode") or "").replace(" ", "")[:6],
            "town": str(address.get("town") or "")[:100],
            "municipality": code or None,
            "email": _email(content.get("emailAddress")),
            "phone": (phone if isinstance(phone, str) else "")[:40],
            "url": _web_address(content.get("url")),
        }

    def info_fields(self, content: dict[str, Any]) -> dict[str, Any]:
        title = _localized(content.get("title"))
        if not title:
            raise Rejected(_("The education has no title."))
        school_type = _code(content.get("typeOfSchool"))
        if not school_type:
            raise Rejected(_("The education has no school type."))
        if school_type not in EMIL_SCHOOL_TYPES:
            raise Rejected(_("Unknown school type %(code)s.") % {"code": school_type})
        sun_field = next(
            (_code(s) for s in content.get("subjects") or [] if isinstance(s, dict) and "SUN" in str(s.get("type"))),
            "",
        )
        if sun_field and sun_field not in self.sun_fields:
            raise Rejected(_("Unknown SUN 2020 field %(code)s.") % {"code": sun_field})
        sun_level = _code(content.get("educationLevel"))
        if sun_level and sun_level not in self.sun_levels:
            raise Rejected(_("Unknown SUN 2020 level %(code)s.") % {"code": sun_level})
        occupations: list[tuple[str, bool]] = []
        for occupation in content.get("occupations") or []:
            code = _code(occupation)
            if code not in self.ssyk:
                raise Rejected(_("Unknown occupation code (SSYK 2012) %(code)s.") % {"code": code or "–"})
            if code not in {c for c, _p in occupations}:
                occupations.append(
                    (code, bool(occupation.get("primary", True)) if isinstance(occupation, dict) else True)
                )
        credits = content.get("credits") or {}
        amount = credits.get("credits") if isinstance(credits, dict) else None
        try:
            amount = round(float(amount), 1) if amount not in (None, "") else None
        except (TypeError, ValueError):
            raise Rejected(_("The credits are not a number: %(value)s") % {"value": amount}) from None
        if amount is not None and not 0 <= amount < 1_000_000:
            raise Rejected(_("The credits are not a number: %(value)s") % {"value": amount})
        extent = content.get("extent") or {}
        extent_text = ""
        if isinstance(extent, dict) and extent.get("length") not in (None, ""):
            extent_text = _extent(extent.get("length"), _code(extent.get("unit")))
        return {
            "code": _code(content.get("code"))[:50],
            "title": title[:300],
            "description": _localized(content.get("description")),
            "school_type": school_type,
            "sun_field": sun_field,
            "sun_level": sun_level,
            "seqf_level": _number(_code(content.get("qualificationLevel")) or None, _SEQF, low=1, high=8),
            "credit_system": _CREDIT_SYSTEMS.get(_code(credits.get("system")) if isinstance(credits, dict) else "", ""),
            "credits": amount,
            "extent": extent_text[:100],
            "is_vocational": bool(content.get("vocational")),
            "leads_to_degree": bool(content.get("degrees")),
            "csn_eligible": bool(content.get("eligibleForStudentAid")),
            "occupations": occupations,
            "provider_sid": _first_id(content.get("providers")),
        }

    def event_fields(self, content: dict[str, Any]) -> dict[str, Any]:
        education = _code(content.get("education"))
        if not education:
            raise Rejected(_("The offering names no education."))
        provider = _first_id(content.get("providers"))
        if not provider:
            raise Rejected(_("The offering names no provider."))
        locations = [row for row in content.get("locations") or [] if isinstance(row, dict)]
        location = locations[0] if locations else {}
        code = _code(location.get("municipalityCode"))
        if code and code not in self.municipalities:
            raise Rejected(_("Unknown municipality code %(code)s.") % {"code": code})
        start = _date(content.get("start"), _START)
        end = _date(content.get("end"), _END)
        if start and end and end < start:
            raise Rejected(_("It ends (%(end)s) before it starts (%(start)s).") % {"end": end, "start": start})
        application = content.get("application") or {}
        opens = _date(application.get("first"), _OPENS)
        closes = _date(application.get("last"), _CLOSES)
        pace = content.get("paceOfStudy") or {}
        distance = content.get("distance")
        distance = distance if isinstance(distance, dict) else {"value": bool(distance)}
        fees = [x.get("tuitionFee") for x in content.get("extensions") or [] if isinstance(x, dict)]
        fee = next((f for f in fees if isinstance(f, dict)), {})
        languages = content.get("languageOfInstructions") or ["swe"]
        language = str(languages[0]) if isinstance(languages, list) and languages else "swe"
        execution = content.get("execution") or {}
        return {
            "education_sid": education,
            "provider_sid": provider,
            "municipality": code or None,
            "locality": str(location.get("town") or "")[:100],
            "start_date": start,
            "end_date": end,
            "application_opens": opens,
            "application_closes": closes,
            "continuous_admission": bool(application.get("continuous")),
            "pace_percent": _number(pace.get("percentage") if isinstance(pace, dict) else pace, _PACE, low=1, high=100),
            "is_distance": bool(distance.get("value")),
            "onsite_sessions": _number(distance.get("mandatorySessions"), _SESSIONS, low=0, high=1000),
            "places": _number(content.get("places"), _PLACES, low=0, high=1_000_000),
            "fee_sek": _number(fee.get("total"), _FEE, low=0, high=10_000_000),
            "fee_note": str(fee.get("note") or "")[:200],
            "language": _LANGUAGES.get(language, language[:10]),
            "is_apprenticeship": bool(content.get("apprenticeship")),
            "is_cancelled": _code(execution.get("condition") if isinstance(execution, dict) else "").upper()
            == "CANCELLED",
            "url": _web_address(content.get("url")) or _web_address(application.get("url")),
        }

    # writing
    def _apply(
        self,
        model: Any,
        endpoint: str,
        rows: dict[str, dict[str, Any]],
        existing: dict[str, Any],
        fields: list[str],
    ) -> tuple[dict[str, Any], set[str]]:
        """Create and update the rows (by id in the source); returns every row by id and the ids changed."""
        counts = self.counts[endpoint]
        to_create: list[Any] = []
        to_update, changed = [], set()
        attnames = [(_attname(name), name) for name in fields]
        raw = model is Offering  # the many: inserted as plain rows (no instances, no primary keys needed back)
        for sid, values in rows.items():
            current = existing.get(sid)
            if current is None and raw:
                line = {attname: values[name] for attname, name in attnames}
                line.update(space_id=self.space.pk, source=Source.EMIL3, source_id=sid)
                line["source_updated_at"] = values["source_updated_at"]
                to_create.append(line)
                changed.add(sid)
                continue
            if current is None:
                row = model(space=self.space, source=Source.EMIL3, source_id=sid, removed_at=None)
                for name in fields:
                    setattr(row, _attname(name), values[name])
                row.source_updated_at = values["source_updated_at"]
                to_create.append(row)
                existing[sid] = row
                changed.add(sid)
                continue
            # Not changed since we have it (or an older version than ours: never go back).
            stored = current.source_updated_at
            if current.removed_at is None and stored is not None and values["source_updated_at"] <= stored:
                counts.unchanged += 1
                continue
            for name in fields:
                setattr(current, _attname(name), values[name])
            current.source_updated_at = values["source_updated_at"]
            current.removed_at = None
            current.updated_at = self.now
            to_update.append(current)
            changed.add(sid)
        if raw:
            _insert(model, to_create)
        else:
            model.objects.bulk_create(to_create, batch_size=BATCH)
        if to_update:
            model.objects.bulk_update(to_update, [_attname(n) for n in fields] + PROVENANCE_FIELDS, batch_size=BATCH)
        counts.created += len(to_create)
        counts.updated += len(to_update)
        return existing, changed

    def write_providers(self, rows: dict[str, dict[str, Any]], existing: dict[str, Provider]) -> dict[str, Any]:
        numbers = {row["org_number"] for row in rows.values() if row["org_number"]}
        organisations = (
            dict(Organisation.objects.filter(org_number__in=numbers).values_list("org_number", "pk")) if numbers else {}
        )
        for sid, row in rows.items():
            found = organisations.get(row["org_number"]) if row["org_number"] else None
            # A link made here is kept when the feed's number matches no actor.
            row["organisation"] = found or (existing[sid].organisation_id if sid in existing else None)
        self.names_before = {sid: row.name for sid, row in existing.items()}
        written, _changed = self._apply(Provider, PROVIDERS, rows, existing, PROVIDER_FIELDS)
        return written

    def write_educations(
        self, rows: dict[str, dict[str, Any]], existing: dict[str, Education], providers: dict[str, Provider]
    ) -> tuple[dict[str, Any], set[str]]:
        self.titles_before = {sid: row.title for sid, row in existing.items()}
        for row in rows.values():
            row["provider"] = providers[row["provider_sid"]].pk
        return self._apply(Education, INFOS, rows, existing, EDUCATION_FIELDS)

    def write_offerings(
        self,
        rows: dict[str, dict[str, Any]],
        existing: dict[str, Offering],
        educations: dict[str, Education],
        providers: dict[str, Provider],
    ) -> None:
        for row in rows.values():
            education = educations[row["education_sid"]]
            provider = providers[row["provider_sid"]]
            row["education"], row["provider"] = education.pk, provider.pk
            row.update(
                offering_derived_fields(
                    title=education.title,
                    provider_name=provider.name,
                    locality=row["locality"],
                    municipality=self.municipalities.get(row["municipality"] or ""),
                    start_date=row["start_date"],
                    end_date=row["end_date"],
                )
            )
        self._apply(Offering, EVENTS, rows, existing, OFFERING_FIELDS)

    def write_occupations(
        self, rows: dict[str, dict[str, Any]], changed: set[str], educations: dict[str, Education]
    ) -> None:
        """The feed's target occupations of the educations it changed; rows added here (``is_local``) stay."""
        pks = {educations[sid].pk: sid for sid in changed if sid in rows}
        if not pks:
            return
        present: dict[int, dict[str, EducationOccupation]] = {}
        for chunk in _chunks(list(pks), 5000):
            for occupation in EducationOccupation.objects.filter(education_id__in=chunk):
                present.setdefault(occupation.education_id, {})[occupation.ssyk_code] = occupation
        stale: list[int] = []
        fresh: list[EducationOccupation] = []
        for pk, sid in pks.items():
            wanted = dict(rows[sid]["occupations"])
            for code, occupation in present.get(pk, {}).items():
                if not occupation.is_local and code not in wanted:
                    stale.append(occupation.pk)
            for code, primary in wanted.items():
                if code not in present.get(pk, {}):
                    fresh.append(EducationOccupation(education_id=pk, ssyk_code=code, is_primary=primary))
        for chunk in _chunks(stale, 5000):
            EducationOccupation.objects.filter(pk__in=chunk, is_local=False).delete()
        EducationOccupation.objects.bulk_create(fresh, batch_size=BATCH)

    def refresh_search_text(
        self, events: dict[str, Any], providers: dict[str, Provider], educations: dict[str, Education]
    ) -> None:
        """Offerings not in this run whose education's title or provider's name changed get their free text again."""
        retitled = [row.pk for sid, row in educations.items() if self.titles_before.get(sid, row.title) != row.title]
        renamed = [row.pk for sid, row in providers.items() if self.names_before.get(sid, row.name) != row.name]
        if not retitled and not renamed:
            return
        stale = list(
            Offering.objects.filter(space=self.space, source=Source.EMIL3)
            .filter(Q(education_id__in=retitled) | Q(provider_id__in=renamed))
            .exclude(source_id__in=list(events))
            .select_related("education", "provider", "municipality")
        )
        for offering in stale:
            derived = offering_derived_fields(
                title=offering.education.title,
                provider_name=offering.provider.name,
                locality=offering.locality,
                municipality=offering.municipality,
                start_date=offering.start_date,
                end_date=offering.end_date,
            )
            offering.search_text = derived["search_text"]
        Offering.objects.bulk_update(stale, ["search_text"], batch_size=BATCH)

    def remove(
        self,
        model: Any,
        endpoint: str,
        existing: dict[str, Any],
        marked: set[str],
        seen: set[str],
        removed_educations: Iterable[int] = (),
    ) -> list[int]:
        """Soft-delete what the feed marks removed (and in a full run what it no longer has); their pks."""
        gone = {sid for sid in marked if sid in existing}
        if self.full:
            gone |= {sid for sid in existing if sid not in seen}
        pks = [existing[sid].pk for sid in gone if existing[sid].pk is not None and existing[sid].removed_at is None]
        removed_educations = list(removed_educations)
        count = 0
        for chunk in _chunks(pks, 5000):
            count += model.objects.filter(pk__in=chunk, removed_at__isnull=True).update(
                removed_at=self.now, updated_at=self.now
            )
        for chunk in _chunks(removed_educations, 5000):
            count += Offering.objects.filter(
                space=self.space, source=Source.EMIL3, education_id__in=chunk, removed_at__isnull=True
            ).update(removed_at=self.now, updated_at=self.now)
        self.counts[endpoint].removed += count
        return pks


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert new rows (``{attname: value}``, the rest from the fields' defaults) with one ``executemany``.

    The many offerings of a run are the bulk of its time; Django's ``bulk_create`` builds an instance and
    prepares every value through its field, this adapts only dates and times, as the database backend does.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in fields}
    defaults.update(created_at=now, updated_at=now)
    memo: dict[Any, Any] = {}
    names = [f.attname for f in fields]
    timed = [i for i, f in enumerate(fields) if isinstance(f, models.DateField)]  # DateTimeField is one too

    def adapt(value: Any) -> Any:
        if value is None:
            return None
        found = memo.get(value)
        if found is None:
            found = memo[value] = (
                ops.adapt_datetimefield_value(value)
                if isinstance(value, datetime)
                else ops.adapt_datefield_value(value)
            )
        return found

    values = []
    for row in rows:
        line = [row[name] if name in row else defaults[name] for name in names]
        for index in timed:
            line[index] = adapt(line[index])
        values.append(line)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model; every value is a parameter.
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for chunk in _chunks(values, 5000):
            cursor.executemany(sql, chunk)


def _attname(name: str) -> str:
    return f"{name}_id" if name in {"organisation", "municipality", "provider", "education"} else name


def _chunks(values: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# Starting a run from the import page ---------------------------------------------------------------------------

#: A run still marked running after this long is taken as dead (a worker stopped): another may start.
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

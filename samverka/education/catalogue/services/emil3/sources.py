"""Where an EMIL3 run reads its pages: recorded answers in a directory, or the API itself."""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from samverka.education.catalogue.services.emil3.fields import _aware

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

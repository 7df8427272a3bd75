"""Reads of the education catalogue: the public search, its map and feeds, and the API's lists.

The public search always starts from ``Offering.objects.open_to_public()`` (published, not removed by the
feed, not cancelled, not over) and adds only the visitor's filters, so nothing a visitor may not see can
come back whatever they type. Results are in start order (start date, then id; offerings without a start
last) and are read page by page **by key**: the next page continues after the last row shown
(``after=<start>.<id>``), so a page costs the same on 50,000 offerings as on 50, and its URL stays valid
while rows are added. A page is one query for the rows (education, provider and municipality joined in)
and one for the number of hits, whatever the page size or the number of offerings.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from samverka.education.catalogue.models import (
    Education,
    EducationOccupation,
    Offering,
    OfferingOccupation,
    Provider,
)
from samverka.platform.accounts.models import User

PAGE_SIZE = 20
#: The far end of the key for offerings without a start date (they come last).
_NO_START = "-"


class Pace:
    FULL = "full"
    PART = "part"


@dataclass(frozen=True)
class SearchFilters:
    """What a visitor asked the public search for (every field optional)."""

    q: str = ""
    school_types: tuple[str, ...] = ()
    county: str = ""
    municipality: str = ""
    #: Also distance offerings given from elsewhere, when a county or municipality is chosen.
    include_distance: bool = False
    start_from: date | None = None
    start_to: date | None = None
    open_now: bool = False
    pace: str = ""
    #: A SUN 2020 field code (any level): the education's field starts with it.
    sun_field: str = ""
    #: SSYK 2012 codes (unit groups or higher): a target occupation of the education or the offering.
    occupations: tuple[str, ...] = ()
    leads_to_degree: bool = False
    csn: bool = False


@dataclass
class SearchPage:
    rows: list[Offering]
    count: int
    #: The key of the next page (``after=``), or "" on the last page.
    next_key: str = ""
    is_first: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def public_offerings(today: date | None = None) -> QuerySet[Offering]:
    """Every offering the public may see today (the base of every public read)."""
    return Offering.objects.open_to_public(today)


def _words(text: str) -> list[str]:
    return [word for word in text.lower().split() if word][:10]


def filter_offerings(
    offerings: QuerySet[Offering], filters: SearchFilters, *, today: date | None = None
) -> QuerySet[Offering]:
    """``offerings`` narrowed by ``filters`` (each filter in SQL; no joins that multiply rows)."""
    today = today or timezone.localdate()
    for word in _words(filters.q):
        offerings = offerings.filter(search_text__contains=word)
    if filters.school_types:
        offerings = offerings.filter(education__school_type__in=filters.school_types)
    place = Q()
    if filters.municipality:
        place = Q(municipality_id=filters.municipality)
    elif filters.county:
        place = Q(county_code=filters.county)
    if place:
        offerings = offerings.filter(place | Q(is_distance=True) if filters.include_distance else place)
    if filters.start_from:
        offerings = offerings.filter(start_date__gte=filters.start_from)
    if filters.start_to:
        offerings = offerings.filter(start_date__lte=filters.start_to)
    if filters.open_now:
        offerings = offerings.open_for_application(today)  # type: ignore[attr-defined]
    if filters.pace == Pace.FULL:
        offerings = offerings.filter(pace_percent=100)
    elif filters.pace == Pace.PART:
        offerings = offerings.filter(pace_percent__lt=100)
    if filters.sun_field:
        offerings = offerings.filter(education__sun_field__startswith=filters.sun_field)
    if filters.occupations:
        by_code = Q()
        for code in filters.occupations:
            by_code |= Q(ssyk_code__startswith=code)
        offerings = offerings.filter(
            Q(education_id__in=EducationOccupation.objects.filter(by_code).values("education_id"))
            | Q(pk__in=OfferingOccupation.objects.filter(by_code).values("offering_id"))
        )
    if filters.leads_to_degree:
        offerings = offerings.filter(education__leads_to_degree=True)
    if filters.csn:
        offerings = offerings.filter(education__csn_eligible=True)
    return offerings


def _in_start_order(offerings: QuerySet[Offering]) -> QuerySet[Offering]:
    return offerings.order_by(F("start_date").asc(nulls_last=True), "pk")


def parse_key(value: str | None) -> tuple[date | None, int] | None:
    """``"2027-01-15.42"`` → (date, 42); ``"-.42"`` → (None, 42); anything else → None (the first page)."""
    if not value or "." not in value:
        return None
    start, _dot, pk = value.rpartition(".")
    if not pk.isdigit():
        return None
    if start == _NO_START:
        return None, int(pk)
    try:
        return date.fromisoformat(start), int(pk)
    except ValueError:
        return None


def key_of(offering: Offering) -> str:
    start = offering.start_date.isoformat() if offering.start_date else _NO_START
    return f"{start}.{offering.pk}"


def _after(offerings: QuerySet[Offering], key: tuple[date | None, int]) -> QuerySet[Offering]:
    start, pk = key
    if start is None:  # within the undated tail
        return offerings.filter(start_date__isnull=True, pk__gt=pk)
    return offerings.filter(Q(start_date__gt=start) | Q(start_date=start, pk__gt=pk) | Q(start_date__isnull=True))


def public_search(
    filters: SearchFilters, *, after: str | None = None, size: int = PAGE_SIZE, today: date | None = None
) -> SearchPage:
    """One page of the public search (two queries: the rows with what the list shows, and the count)."""
    matching = filter_offerings(public_offerings(today), filters, today=today)
    key = parse_key(after)
    page = matching if key is None else _after(matching, key)
    rows = list(_in_start_order(page).select_related("education", "provider", "municipality__county")[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    return SearchPage(
        rows=rows,
        count=matching.count(),
        next_key=key_of(rows[-1]) if has_more and rows else "",
        is_first=key is None,
    )


def public_offering(pk: int, today: date | None = None) -> Offering | None:
    """The public page's offering with everything the page shows, or None when the public may not see it."""
    return (
        public_offerings(today)
        .select_related("education", "provider", "provider__municipality", "municipality__county", "space")
        .prefetch_related("education__occupations", "local_occupations")
        .filter(pk=pk)
        .first()
    )


def other_offerings(offering: Offering, limit: int = 10, today: date | None = None) -> list[Offering]:
    """Other public offerings of the same education (other times and places)."""
    return list(
        _in_start_order(
            public_offerings(today).filter(education_id=offering.education_id).exclude(pk=offering.pk)
        ).select_related("municipality")[:limit]
    )


def counts_by_area(filters: SearchFilters, *, by: str, today: date | None = None) -> dict[str, int]:
    """Number of matching public offerings per municipality (``by="municipality"``) or county (``"county"``).

    Distance offerings count where they are given; offerings without a place are left out.
    """
    column = "municipality_id" if by == "municipality" else "county_code"
    rows = (
        filter_offerings(public_offerings(today), filters, today=today)
        .exclude(**{f"{column}__isnull": True})
        .exclude(**{column: ""})
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
    )
    return {row[column]: row["n"] for row in rows}


def newest_offerings(filters: SearchFilters, limit: int = 50, today: date | None = None) -> list[Offering]:
    """The most recently added public offerings (for the Atom feed of new offerings)."""
    return list(
        filter_offerings(public_offerings(today), filters, today=today)
        .select_related("education", "provider", "municipality")
        .order_by("-created_at", "-pk")[:limit]
    )


def application_deadlines(filters: SearchFilters, limit: int = 500, today: date | None = None) -> list[Offering]:
    """Public offerings whose last application day is today or later, soonest first (for the ICS)."""
    today = today or timezone.localdate()
    return list(
        filter_offerings(public_offerings(today), filters, today=today)
        .filter(application_closes__gte=today)
        .select_related("education", "provider", "municipality")
        .order_by("application_closes", "pk")[:limit]
    )


# --- the API's reads: the models' own visibility rule ---------------------------------------------------


def visible_providers(user: User | AnonymousUser | None) -> QuerySet[Provider]:
    return Provider.objects.restrict(user).select_related("municipality", "space").order_by("name", "pk")


def visible_educations(user: User | AnonymousUser | None) -> QuerySet[Education]:
    return (
        Education.objects.restrict(user)
        .select_related("provider", "space")
        .prefetch_related("occupations")
        .order_by("title", "pk")
    )


def visible_offerings(user: User | AnonymousUser | None) -> QuerySet[Offering]:
    return (
        Offering.objects.restrict(user)
        .select_related("education", "provider", "municipality", "space")
        .prefetch_related("local_occupations")
        .order_by(F("start_date").asc(nulls_last=True), "pk")
    )

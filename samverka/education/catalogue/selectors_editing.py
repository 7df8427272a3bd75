"""Reads of the space's (logged-in) catalogue: the offering list by key, the detail pages, the editors.

Every read starts from the model's ``restrict(user)`` (published rows for everyone, every row of a space for
its insiders), narrowed to the space of the URL.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import DateField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from samverka.education.catalogue.derived import search_text_of
from samverka.education.catalogue.models import (
    Education,
    MunicipalEditor,
    Offering,
    OfferingQuerySet,
    Provider,
)
from samverka.insight.classifications.models import ClassificationItem, Scheme
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

PAGE_SIZE = 50
#: Offerings without a start sort last.
_NO_START = date(9999, 12, 31)


def offerings(space: Space, user: Any) -> OfferingQuerySet:
    """The space's offerings ``user`` may see, with what the list and the detail page show."""
    return (  # type: ignore[no-any-return]
        Offering.objects.restrict(user).filter(space=space).select_related("education", "provider", "municipality")
    )


def filtered_offerings(space: Space, user: Any, filters: dict[str, Any]) -> OfferingQuerySet:
    """``offerings`` narrowed by the list's filters (words, school type, municipality, source, state)."""
    rows = offerings(space, user)
    for word in search_text_of(filters.get("q", "")).split():
        rows = rows.filter(search_text__contains=word)
    if filters.get("school_type"):
        rows = rows.filter(education__school_type=filters["school_type"])
    if filters.get("municipality"):
        rows = rows.filter(municipality=filters["municipality"])
    if filters.get("source"):
        rows = rows.filter(source=filters["source"])
    state, today = filters.get("state"), timezone.localdate()
    if state == "published":
        rows = rows.filter(is_published=True, removed_at__isnull=True, is_cancelled=False)
    elif state == "unpublished":
        rows = rows.filter(is_published=False)
    elif state == "cancelled":
        rows = rows.filter(is_cancelled=True)
    elif state == "removed":
        rows = rows.filter(removed_at__isnull=False)
    elif state == "expired":
        rows = rows.filter(hidden_after__lt=today)
    return rows


@dataclass
class KeysetPage:
    rows: list[Any]
    next_url: str | None
    previous_url: str | None
    first_url: str | None


def _key(raw: str | None) -> tuple[date, int] | None:
    """``YYYY-MM-DD.pk`` → (start or the far day, pk); anything else → None."""
    if not raw or "." not in raw:
        return None
    day, _, pk = raw.partition(".")
    try:
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def _key_of(offering: Any) -> str:
    return f"{offering.sort_start.isoformat()}.{offering.pk}"


def offering_page(rows: QuerySet[Offering], query: QueryDict, size: int = PAGE_SIZE) -> KeysetPage:
    """The page of ``rows`` (by start, then id) asked for by ``after`` / ``before`` in ``query``.

    Pages go by key, not by number, so a page is as fast deep in a national catalogue as on the first one.
    """
    rows = rows.annotate(sort_start=Coalesce("start_date", Value(_NO_START), output_field=DateField()))
    after, before = _key(query.get("after")), _key(query.get("before"))
    if before is not None:
        day, pk = before
        chunk = list(
            rows.filter(Q(sort_start__lt=day) | Q(sort_start=day, pk__lt=pk)).order_by("-sort_start", "-pk")[: size + 1]
        )
        has_previous, has_next = len(chunk) > size, True
        chunk = list(reversed(chunk[:size]))
    else:
        if after is not None:
            day, pk = after
            rows = rows.filter(Q(sort_start__gt=day) | Q(sort_start=day, pk__gt=pk))
        chunk = list(rows.order_by("sort_start", "pk")[: size + 1])
        has_next, has_previous = len(chunk) > size, after is not None
        chunk = chunk[:size]
    rest = query.copy()
    for name in ("after", "before"):
        rest.pop(name, None)

    def link(**key: str) -> str:
        return "?" + urlencode({**rest.dict(), **key})

    return KeysetPage(
        rows=chunk,
        next_url=link(after=_key_of(chunk[-1])) if chunk and has_next else None,
        previous_url=link(before=_key_of(chunk[0])) if chunk and has_previous else None,
        first_url=link() if has_previous or (not chunk and (after or before)) else None,
    )


def providers(space: Space, user: Any) -> QuerySet[Provider]:
    return Provider.objects.restrict(user).filter(space=space).select_related("municipality", "organisation")  # type: ignore[no-any-return]


def educations(space: Space, user: Any) -> QuerySet[Education]:
    return Education.objects.restrict(user).filter(space=space).select_related("provider")  # type: ignore[no-any-return]


def ssyk_names(codes: list[str]) -> dict[str, str]:
    """``{code: Swedish name}`` of these SSYK 2012 codes."""
    return dict(ClassificationItem.objects.filter(scheme=Scheme.SSYK2012, code__in=codes).values_list("code", "name"))


def sun_names(education: Education) -> dict[str, str]:
    """The Swedish names of the education's SUN 2020 field and level (by code)."""
    wanted = Q(scheme=Scheme.SUN2020_FIELD, code=education.sun_field) | Q(
        scheme=Scheme.SUN2020_LEVEL, code=education.sun_level
    )
    return dict(ClassificationItem.objects.filter(wanted).values_list("scheme", "name"))


def editors(space: Space) -> QuerySet[MunicipalEditor]:
    return (
        MunicipalEditor.objects.filter(space=space)
        .select_related("user", "municipality")
        .order_by("municipality__name", "user__full_name", "pk")
    )


def editor_municipality_names(user: User, space: Space) -> list[str]:
    """The names of the municipalities ``user`` edits in ``space`` (for the list's heading)."""
    return list(
        MunicipalEditor.objects.filter(space=space, user=user)
        .order_by("municipality__name")
        .values_list("municipality__name", flat=True)
    )

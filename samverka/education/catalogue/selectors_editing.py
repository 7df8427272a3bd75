"""Reads of the space's (logged-in) catalogue: the offering list by key, the detail pages, the editors.

Every read starts from the model's ``restrict(user)`` (published rows for everyone, every row of a space for
its insiders), narrowed to the space of the URL.
"""

from datetime import date
from typing import Any

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
from samverka.platform.core.paging import KeysetPage, keyset_page
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


def offering_page(rows: QuerySet[Offering], query: QueryDict, *, path: str = "", size: int = PAGE_SIZE) -> KeysetPage:
    """The page of ``rows`` (by start, then id; those without a start last) that ``query``'s cursor points at.

    Pages go by key (``core.paging``), not by number, so a page is as fast deep in a national catalogue as
    on the first one. A tampered cursor raises ``InvalidCursor``.
    """
    rows = rows.annotate(sort_start=Coalesce("start_date", Value(_NO_START), output_field=DateField()))
    return keyset_page(rows, query=query, ordering=("sort_start", "pk"), page_size=size, path=path)


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

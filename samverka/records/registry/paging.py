"""Cursor (keyset) paging for the registry's lists, on the pages and in the API: as fast on the last page
as on the first, because each page starts where the index says, not after counting past the rows before.

It is DRF's ``CursorPagination`` (an opaque cursor: a position in the ordering's first field and a small
offset among rows with the same position) over an integer key that is unique or nearly so
(``RegisteredDocument.diary_key``, ``Case.sort_key``), with the row id as tie-breaker. A cursor that does
not decode, or whose position is not such an integer, is refused (``InvalidCursor``; 400 in the API); a
cursor past the end gives the last page. Counts are bounded (``bounded_count``): no exact COUNT over a
large table on every request.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request

#: The largest value a key may have (a signed 64-bit integer).
_MAX_KEY = 2**63 - 1
#: Up to how many rows a list counts exactly; beyond, it says "more than".
COUNT_LIMIT = 1000


class InvalidCursor(Exception):
    """The cursor of the request was tampered with, garbled or made for another list."""


class KeyCursorPagination(CursorPagination):
    """DRF's cursor pagination over an integer key (``ordering[0]``), refusing a cursor that is not one.

    An invalid cursor is a 400 (DRF says 404); a cursor past the end returns the last page."""

    invalid_cursor_message = _("The page link is invalid or out of date. Start again from the first page.")  # type: ignore[assignment]
    _forced: Cursor | None = None

    def decode_cursor(self, request: Any) -> Cursor | None:
        if self._forced is not None:
            return self._forced
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from error
        if cursor is not None and cursor.position is not None:
            position = str(cursor.position)
            if not position.lstrip("-").isdigit() or abs(int(position)) > _MAX_KEY:
                raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})
        return cursor

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        page: list[Any] | None = super().paginate_queryset(queryset, request, view)
        if page == [] and self.cursor is not None and self._forced is None:
            # Past the end: the last page (read backwards from the end of the index); before the start: the first.
            self._forced = Cursor(offset=0, reverse=not self.cursor.reverse, position=None)
            try:
                page = super().paginate_queryset(queryset, request, view)
            finally:
                self._forced = None
        return page


@dataclass
class KeysetPage:
    """One page of a list for a template: its rows and the links to the pages beside it (query strings)."""

    rows: list[Any]
    next_url: str | None
    previous_url: str | None
    first_url: str

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_url or self.previous_url)


def keyset_page(
    request: HttpRequest, queryset: QuerySet[Any], *, ordering: tuple[str, ...], page_size: int
) -> KeysetPage:
    """The page of ``queryset`` the request's ``cursor`` points at (the first page without one), ordered by
    ``ordering`` (an integer key, then the id). Raises ``InvalidCursor`` for a cursor that is not valid."""
    paginator = KeyCursorPagination()
    paginator.ordering = ordering
    paginator.page_size = page_size
    try:
        rows = paginator.paginate_queryset(queryset, Request(request)) or []
    except ValidationError as error:
        raise InvalidCursor(str(paginator.invalid_cursor_message)) from error
    # Links relative to the page (DRF builds absolute ones), keeping the other parameters.
    paginator.base_url = request.get_full_path()
    first = request.GET.copy()
    first.pop(paginator.cursor_query_param, None)
    return KeysetPage(
        rows=rows,
        next_url=paginator.get_next_link(),
        previous_url=paginator.get_previous_link(),
        first_url=f"{request.path}?{first.urlencode()}" if first else request.path,
    )


@dataclass(frozen=True)
class BoundedCount:
    """How many rows a list has, counted up to ``COUNT_LIMIT``: ``n`` exactly, or "more than" the limit."""

    n: int
    more: bool


def bounded_count(queryset: QuerySet[Any], limit: int = COUNT_LIMIT) -> BoundedCount:
    """Count at most ``limit + 1`` rows of ``queryset`` (through its index): bounded work on any size."""
    n = queryset.order_by().values("pk")[: limit + 1].count()
    return BoundedCount(min(n, limit), n > limit)

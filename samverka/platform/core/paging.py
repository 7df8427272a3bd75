"""Keyset (cursor) paging for every long list, on the pages and in the API, and a count that stops at a bound.

A page after the first is read with ``WHERE (sort key) > (key of the last row seen)`` instead of ``OFFSET``,
so the last page costs what the first does when one index serves the list's ordering. There is one
mechanism, DRF's ``CursorPagination`` with its cursor format (base64 of ``p=…&r=1&o=…``) and links, in
:class:`KeysetPagination`:

* DRF remembers only the first ordering field and skips ties with an offset (capped at 1,000 rows), so a
  list whose first field repeats more often than that would page in a circle. Here the cursor holds the
  values of *every* ordering field of the last row (a JSON list) and the next page asks for the rows after
  that tuple, so the ordering only has to be unique (it ends with ``pk``, added when missing).
* A cursor that does not decode, or whose values do not fit the ordering's fields, is refused with a 400
  (``InvalidCursor`` for the pages); a cursor past either end gives the last (or first) page.
* Nothing is counted: a page knows whether there is a next and a previous one.

The API uses the class directly (``api.pagination``); the HTML pages and the selectors call
:func:`keyset_page`, which takes the query string and gives the rows with relative links. A list's length
is counted up to a bound (:func:`bounded_count`, "more than 1,000"), never over the whole table.
"""

import json
from dataclasses import dataclass
from functools import reduce
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Field, Model, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, _reverse_ordering

#: The query parameter that carries the cursor.
CURSOR_PARAM = "cursor"
#: Up to how many rows a list counts exactly; beyond, it says "more than".
COUNT_LIMIT = 1000


class InvalidCursor(Exception):
    """The cursor of the request was tampered with, garbled or made for another list."""


def _field_of(queryset: QuerySet[Any], path: str) -> Field[Any, Any]:
    """The model field (or annotation's output field) that ``path`` (``name``, ``body_id``, ``case__year``) ends on."""
    if path in queryset.query.annotations:
        return queryset.query.annotations[path].output_field  # type: ignore[no-any-return]
    model: type[Model] = queryset.model
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model  # type: ignore[assignment]
    if name == "pk":
        return model._meta.pk  # type: ignore[return-value]
    try:
        return model._meta.get_field(name)  # type: ignore[return-value]
    except FieldDoesNotExist:
        # ``body_id`` names the foreign key ``body`` by its column.
        for field in model._meta.concrete_fields:
            if field.attname == name:
                return field
        raise


class KeysetPagination(CursorPagination):
    """Cursor pagination over the whole (unique) ordering of a list; see the module's docstring.

    A view declares its order as ``ordering`` (non-null columns, ending with ``pk``); without one the
    queryset's own ``order_by`` is used, with ``pk`` added. ``page_size`` is 50 by default; a client may ask
    for up to ``max_page_size`` (500) with ``?page_size=``; a bigger value is clamped to 500 and a value that
    is not a positive number gives the default (DRF's behaviour).
    """

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = _(  # type: ignore[assignment]
        "Number of results per page: 50 unless given, at most 500 (more gives 500)."
    )
    max_page_size = 500
    ordering = ("pk",)
    invalid_cursor_message = _("The page link is invalid or out of date. Start again from the first page.")  # type: ignore[assignment]

    def get_ordering(self, request: Any, queryset: QuerySet[Any], view: Any = None) -> tuple[str, ...]:
        declared = getattr(view, "ordering", None)
        if not declared:
            declared = [part for part in queryset.query.order_by if isinstance(part, str)] or self.ordering
        ordering = (declared,) if isinstance(declared, str) else tuple(declared)
        last = ordering[-1].lstrip("-")
        unique = getattr(view, "ordering_is_unique", False)  # the caller vouches for it (``keyset_page``)
        if not unique and last not in queryset.query.annotations and not _field_of(queryset, last).primary_key:
            ordering = (*ordering, "pk")
        self.fields = [_field_of(queryset, part.lstrip("-")) for part in ordering]
        return ordering

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        """DRF's method with its position filter replaced by the keyset one (and no offsets for ties)."""
        self.request = request
        self.page_size = self.get_page_size(request)  # type: ignore[assignment]
        if not self.page_size:
            return None
        if not hasattr(self, "base_url"):
            self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)  # type: ignore[assignment]
        self.cursor = self.decode_cursor(request)
        self._read(queryset, self.cursor)
        if not self.page and self.cursor is not None and self.cursor.position is not None:
            # Past the end: the last page (read backwards from the end); before the start: the first.
            self.cursor = Cursor(offset=0, reverse=not self.cursor.reverse, position=None)
            self._read(queryset, self.cursor)
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    def _read(self, queryset: QuerySet[Any], cursor: Cursor | None) -> None:
        offset, reverse, current_position = (0, False, None) if cursor is None else cursor
        position: Any = current_position
        queryset = queryset.order_by(*(_reverse_ordering(self.ordering) if reverse else self.ordering))
        if position is not None:
            queryset = queryset.filter(self._after(position, reverse=reverse))
        results = list(queryset[offset : offset + self.page_size + 1])
        self.page = results[: self.page_size]
        has_following = len(results) > len(self.page)
        following = self._get_position_from_instance(results[-1], self.ordering) if has_following else None
        if reverse:
            self.page = list(reversed(self.page))
            self.has_next = current_position is not None or offset > 0
            self.has_previous = has_following
            self.next_position, self.previous_position = position, following
        else:
            self.has_next = has_following
            self.has_previous = current_position is not None or offset > 0
            self.next_position, self.previous_position = following, position
        if not self.page:
            self.has_next = self.has_previous = False

    def decode_cursor(self, request: Any) -> Cursor | None:
        """DRF's cursor, whose position must be one value per ordering field that each field accepts (400 if not)."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from error
        if cursor is None or cursor.position is None:
            return cursor
        try:
            values = json.loads(str(cursor.position))
            if not isinstance(values, list) or len(values) != len(self.fields):
                raise ValueError
            position = [field.to_python(value) for field, value in zip(self.fields, values, strict=True)]
            if any(value is None for value in position):
                raise ValueError
            for field, value in zip(self.fields, position, strict=True):
                field.run_validators(value)  # e.g. an integer the database's column cannot hold
        except (TypeError, ValueError, DjangoValidationError) as error:
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from error
        return Cursor(offset=cursor.offset, reverse=cursor.reverse, position=position)  # type: ignore[arg-type]

    def encode_cursor(self, cursor: Cursor) -> str:
        if isinstance(cursor.position, list):
            cursor = Cursor(cursor.offset, cursor.reverse, self._encode_position(cursor.position))
        return super().encode_cursor(cursor)

    def _encode_position(self, values: list[Any]) -> str:
        # Numbers, text and booleans as JSON; dates, times and decimals as the text their field parses.
        return json.dumps(values, default=str)

    def _get_position_from_instance(self, instance: Any, ordering: Any) -> Any:
        """The row's values of every ordering field (followed through relations: ``case__year``; a
        ``values()`` row by its keys)."""
        values = []
        for part in ordering:
            name = part.lstrip("-")
            value = instance[name] if isinstance(instance, dict) else reduce(getattr, name.split("__"), instance)
            values.append(value.pk if isinstance(value, Model) else value)
        return values

    def _after(self, position: list[Any], *, reverse: bool) -> Q:
        """Rows after ``position`` in the ordering (before it when paging backwards):
        ``a > x OR (a = x AND b > y) OR …``, with ``a >= x`` in front so an index on the columns serves it."""
        names = [part.lstrip("-") for part in self.ordering]
        ascending = [(not part.startswith("-")) != reverse for part in self.ordering]
        after = Q()
        for index in range(len(names) - 1, -1, -1):
            step = Q(**{f"{names[index]}__{'gt' if ascending[index] else 'lt'}": position[index]})
            if index < len(names) - 1:
                step |= Q(**{names[index]: position[index]}) & after
            after = step
        bound = Q(**{f"{names[0]}__{'gte' if ascending[0] else 'lte'}": position[0]})
        return bound & after


@dataclass
class KeysetPage:
    """One page of a list for a template: its rows and the links to the pages beside it (relative URLs
    such as ``?q=x&cursor=…``, keeping the list's other parameters; None where there is no such page)."""

    rows: list[Any]
    next_url: str | None
    previous_url: str | None
    first_url: str
    #: How many rows the whole list has, where the list counts them (``bounded_count``).
    count: "BoundedCount | None" = None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_url or self.previous_url)

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def keyset_page(
    queryset: QuerySet[Any], *, query: QueryDict, ordering: tuple[str, ...], page_size: int, path: str = ""
) -> KeysetPage:
    """The page of ``queryset`` that the ``cursor`` of ``query`` (a request's GET) points at, the first page
    without one, ordered by ``ordering`` (unique as a whole, ending with the id). ``queryset`` may be a
    ``values()`` queryset that selects the ordering's fields. The links are ``path`` with the query string
    (``path`` is the page's own, or empty for links relative to the page). Raises ``InvalidCursor`` for a
    cursor that is not valid."""
    rest = query.copy()
    rest.pop(CURSOR_PARAM, None)
    rest.pop("page", None)
    paginator = KeysetPagination()
    paginator.page_size = page_size
    paginator.page_size_query_param = None  # type: ignore[assignment]  # a page's size is the page's to choose
    paginator.base_url = f"{path}?{rest.urlencode()}" if rest else f"{path or '?'}"
    request = SimpleNamespace(query_params=query)
    try:
        view = SimpleNamespace(ordering=ordering, ordering_is_unique=True)
        rows = paginator.paginate_queryset(queryset, request, view) or []
    except ValidationError as error:
        raise InvalidCursor(str(paginator.invalid_cursor_message)) from error
    return KeysetPage(
        rows=rows,
        next_url=paginator.get_next_link(),
        previous_url=paginator.get_previous_link(),
        first_url=paginator.base_url,
    )


@dataclass(frozen=True)
class BoundedCount:
    """How many rows a list has, counted up to a limit: ``n`` exactly, or "more than" ``n`` (``more``)."""

    n: int
    more: bool


def bounded_count(queryset: QuerySet[Any], limit: int = COUNT_LIMIT) -> BoundedCount:
    """Count at most ``limit + 1`` rows of ``queryset`` (through its index): bounded work on any size."""
    n = queryset.order_by().values("pk")[: limit + 1].count()
    return BoundedCount(min(n, limit), n > limit)

"""Keyset (cursor) pagination of every API list: the last page costs what the first does.

DRF's ``CursorPagination`` remembers only the first ordering field and skips ties with an offset
(capped at 1,000 rows), so a list whose first field repeats more often than that would page in a
circle. This subclass keeps its cursor format, links and schema, but remembers the values of *every*
ordering field of the last row and asks for the rows after that tuple, so the ordering only has to be
unique (end it with ``pk``) and one index on the same columns serves the query at any depth. No
``COUNT(*)`` is made: a page answers ``next``, ``previous`` and ``results``.

A view declares its order as ``ordering`` (non-null columns, ending with ``pk``); without one the
queryset's own ``order_by`` is used, with ``pk`` added. ``page_size`` is 50 by default; a client may ask
for up to ``max_page_size`` (500) with ``?page_size=``; a bigger value is clamped to 500 and a value that
is not a positive number gives the default (DRF's behaviour). A tampered or stale cursor answers 404
``{"detail": "Invalid cursor"}``, never a server error; a page number (``?page=``) answers 400.
"""

import json
from functools import reduce
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Field, Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, _reverse_ordering
from rest_framework.request import Request


def _field_of(model: type[Model], path: str) -> Field[Any, Any]:
    """The model field that ``path`` (``name``, ``body_id``, ``case__year``) ends on."""
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
    """Cursor pagination over the whole (unique) ordering of a view; see the module's docstring."""

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = _(  # type: ignore[assignment]
        "Number of results per page: 50 unless given, at most 500 (more gives 500)."
    )
    max_page_size = 500
    ordering = ("pk",)

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any = None) -> tuple[str, ...]:
        declared = getattr(view, "ordering", None)
        if not declared:
            declared = [part for part in queryset.query.order_by if isinstance(part, str)] or self.ordering
        ordering = (declared,) if isinstance(declared, str) else tuple(declared)
        if not _field_of(queryset.model, ordering[-1].lstrip("-")).primary_key:
            ordering = (*ordering, "pk")
        self.fields = [_field_of(queryset.model, part.lstrip("-")) for part in ordering]
        return ordering

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        """DRF's method with its position filter replaced by the keyset one (and no offsets for ties)."""
        self.request = request
        if "page" in request.query_params:
            # A client that counts pages would otherwise get the first page again and again.
            raise ValidationError({"page": [_("Lists are paged by cursor: follow the link in “next”.")]})
        self.page_size = self.get_page_size(request)  # type: ignore[assignment]
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)  # type: ignore[assignment]
        self.cursor = self.decode_cursor(request)
        offset, reverse, current_position = (0, False, None) if self.cursor is None else self.cursor
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
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    def decode_cursor(self, request: Request) -> Cursor | None:
        """DRF's cursor, whose position must be one value per ordering field that each field accepts."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        try:
            values = json.loads(str(cursor.position))
            if not isinstance(values, list) or len(values) != len(self.fields):
                raise ValueError
            position = [field.to_python(value) for field, value in zip(self.fields, values, strict=True)]
            if any(value is None for value in position):
                raise ValueError
        except (TypeError, ValueError, DjangoValidationError) as error:
            raise NotFound(self.invalid_cursor_message) from error
        return Cursor(offset=cursor.offset, reverse=cursor.reverse, position=position)  # type: ignore[arg-type]

    def encode_cursor(self, cursor: Cursor) -> str:
        if isinstance(cursor.position, list):
            cursor = Cursor(cursor.offset, cursor.reverse, self._encode_position(cursor.position))
        return super().encode_cursor(cursor)

    def _encode_position(self, values: list[Any]) -> str:
        # Numbers, text and booleans as JSON; dates, times and decimals as the text their field parses.
        return json.dumps(values, default=str)

    def _get_position_from_instance(self, instance: Any, ordering: Any) -> Any:
        """The row's values of every ordering field (followed through relations: ``case__year``)."""
        values = []
        for part in ordering:
            value = reduce(getattr, part.lstrip("-").split("__"), instance)
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

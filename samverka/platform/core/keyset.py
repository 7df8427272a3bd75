"""Keyset (cursor) pagination for the pages' long lists, and a count that stops at a bound.

A page after the first is read with ``WHERE (sort key) > (last key seen)`` instead of ``OFFSET``,
so the last page costs what the first does, with an index on the sort key. The cursor in the URL
is signed: a tampered one is a 400, never a query with foreign values. The list's length is
counted up to a bound ("more than 1000"), never over the whole table.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import BadRequest
from django.db.models import Q, QuerySet
from django.http import QueryDict

#: The query parameter that carries the cursor.
CURSOR_PARAM = "cursor"


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list, with the cursors of its neighbours (None at either end)."""

    object_list: list[Any]
    next_cursor: str | None = None
    previous_cursor: str | None = None
    is_first: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Any:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def links(self, query: QueryDict) -> dict[str, str]:
        """Query strings of the first, previous and next pages (only those that exist), from the current one."""
        result = {}
        for name, cursor in (("previous", self.previous_cursor), ("next", self.next_cursor)):
            if cursor is not None:
                changed = query.copy()
                changed[CURSOR_PARAM] = cursor
                result[name] = changed.urlencode()
        if not self.is_first:
            first = query.copy()
            first.pop(CURSOR_PARAM, None)
            first.pop("page", None)
            result["first"] = first.urlencode()
        return result


def _after(fields: Sequence[str], values: Sequence[Any], op: str) -> Q:
    """Rows whose key (fields, in order) is after (``gt``) or before (``lt``) ``values``."""
    condition = Q()
    for i, name in enumerate(fields):
        step = Q(**{f"{name}__{op}": values[i]}, **{fields[j]: values[j] for j in range(i)})
        condition = step if i == 0 else condition | step
    return condition


def keyset_page(
    queryset: QuerySet[Any],
    *,
    fields: Sequence[str],
    key: Callable[[Any], Sequence[Any]],
    cursor: str | None,
    per_page: int,
    salt: str,
) -> KeysetPage:
    """The page of ``queryset`` that ``cursor`` points at (the first without one).

    ``fields`` is the sort key, ascending and unique as a whole (e.g. name, pk); ``key`` reads those
    values (JSON types) from a row. Each page reads ``per_page + 1`` rows. A cursor that does not
    verify raises ``BadRequest`` (400).
    """
    direction, values = "next", None
    if cursor:
        try:
            payload = signing.loads(cursor, salt=salt)
            direction, values = payload["d"], payload["k"]
            if direction not in ("next", "previous") or not isinstance(values, list) or len(values) != len(fields):
                raise ValueError(direction)
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise BadRequest("invalid cursor") from error

    def make(dir_: str, row: Any) -> str:
        return signing.dumps({"d": dir_, "k": list(key(row))}, salt=salt, compress=True)

    if direction == "previous" and values is not None:
        rows = list(
            queryset.filter(_after(fields, values, "lt")).order_by(*(f"-{name}" for name in fields))[: per_page + 1]
        )
        more_before = len(rows) > per_page
        rows = rows[:per_page][::-1]
        return KeysetPage(
            object_list=rows,
            next_cursor=make("next", rows[-1]) if rows else None,
            previous_cursor=make("previous", rows[0]) if rows and more_before else None,
            is_first=not more_before,
        )
    ordered = queryset.order_by(*fields)
    if values is not None:
        ordered = ordered.filter(_after(fields, values, "gt"))
    rows = list(ordered[: per_page + 1])
    more_after = len(rows) > per_page
    rows = rows[:per_page]
    return KeysetPage(
        object_list=rows,
        next_cursor=make("next", rows[-1]) if rows and more_after else None,
        previous_cursor=make("previous", rows[0]) if rows and values is not None else None,
        is_first=values is None,
    )


def capped_count(queryset: QuerySet[Any], limit: int = 1000) -> tuple[int, bool]:
    """How many rows ``queryset`` has, counting at most ``limit + 1``: (count, whether there are more)."""
    n = queryset.order_by()[: limit + 1].count()
    return min(n, limit), n > limit

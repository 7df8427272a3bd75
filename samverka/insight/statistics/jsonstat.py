"""A strict parser of JSON-stat 2.0 datasets (what PxWeb v1 and v2 answer with ``json-stat2``).

Strict means: anything that does not fit the format raises a ``ValidationError`` naming the
problem (the dimension, the category or the cell), so that nothing half-understood is stored.
Lenient only where real data demands it: ``updated`` is kept as text and parsed if it can be
(see shared/data/README.md §6: a real fixture reads ``"2024-01-12T05: 52: 00Z"``).

The cells are not turned into dictionaries. :func:`dataset_columns` expands each dimension's
codes into a column with list repetition (the last dimension varies fastest, as JSON-stat
orders values), and :func:`iter_rows` zips the columns into row tuples for
:func:`samverka.insight.statistics.storage.bulk_insert`. Both run at C speed.
"""

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, repeat
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverka.insight.statistics.storage import ROW_COLUMNS

#: The longest status code the observation table keeps.
MAX_STATUS_LENGTH = 8
_NUMBER_TYPES = (int, float)


@dataclass
class JsonStatDimension:
    code: str
    label: str
    #: ``[(code, label), ...]`` in index order.
    categories: list[tuple[str, str]]
    #: ``time``, ``geo``, ``metric`` or "" from the dataset's ``role``.
    jsonstat_role: str = ""
    #: For metric dimensions: ``{code: unit}``.
    units: dict[str, str] = field(default_factory=dict)
    #: PxWeb's ``eliminationValueCode`` or a code that reads as a total.
    total_code: str = ""
    extension: dict[str, Any] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [code for code, _label in self.categories]


@dataclass
class JsonStatDataset:
    label: str
    source: str
    updated: str
    dimensions: list[JsonStatDimension]
    #: Dense, one per cell in JSON-stat order; ``None`` for a missing value.
    values: list[float | int | None]
    #: One status per cell ("" for none), or a single status for all.
    statuses: list[str] | str
    table_id: str = ""
    extension: dict[str, Any] = field(default_factory=dict)
    note: list[str] = field(default_factory=list)

    @property
    def size(self) -> list[int]:
        return [len(d.categories) for d in self.dimensions]

    @property
    def cell_count(self) -> int:
        return len(self.values)

    @property
    def updated_at(self) -> datetime | None:
        return parse_updated(self.updated)


def _fail(message: str, **params: Any) -> ValidationError:
    return ValidationError(message % params if params else message)


def parse_updated(text: str) -> datetime | None:
    """``updated`` as a datetime if it can be read (spaces tolerated), else None."""
    if not text:
        return None
    cleaned = re.sub(r"\s+", "", text).replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        return None


def loads(raw: bytes | str) -> Any:
    """JSON text to Python, with a clear message when it is not JSON."""
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise _fail(_("The file is not valid JSON: %(error)s"), error=str(error)) from error


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(_("%(what)s must be text, not %(type)s."), what=what, type=type(value).__name__)
    return value


def _category_order(code: str, category: Any, size: int) -> list[str]:
    if not isinstance(category, dict):
        raise _fail(_("Dimension %(dim)s has no category object."), dim=code)
    index = category.get("index")
    labels = category.get("label")
    if labels is not None and not isinstance(labels, dict):
        raise _fail(_("The category labels of dimension %(dim)s must be an object."), dim=code)
    if index is None:
        # JSON-stat allows leaving out the index of a dimension with a single category.
        if isinstance(labels, dict) and len(labels) == 1:
            index = list(labels)
        else:
            raise _fail(_("Dimension %(dim)s has no category index."), dim=code)
    if isinstance(index, list):
        if not all(isinstance(c, str) for c in index):
            raise _fail(_("The category index of dimension %(dim)s must list text codes."), dim=code)
        if len(set(index)) != len(index):
            twice = next(c for c in index if index.count(c) > 1)
            raise _fail(
                _("Dimension %(dim)s lists the category %(code)s twice (positions %(positions)s)."),
                dim=code,
                code=twice,
                positions=", ".join(str(i) for i, c in enumerate(index) if c == twice),
            )
        order = list(index)
    elif isinstance(index, dict):
        positions = list(index.values())
        if not all(isinstance(p, int) and not isinstance(p, bool) for p in positions) or sorted(positions) != list(
            range(len(positions))
        ):
            raise _fail(
                _("The category index of dimension %(dim)s must number its categories 0 to %(last)s."),
                dim=code,
                last=len(positions) - 1,
            )
        order = [""] * len(positions)
        for cat, position in index.items():
            order[position] = cat
    else:
        raise _fail(_("The category index of dimension %(dim)s must be a list or an object."), dim=code)
    if len(order) != size:
        raise _fail(
            _("Dimension %(dim)s has %(count)s categories but size says %(size)s."),
            dim=code,
            count=len(order),
            size=size,
        )
    return order


def _units(code: str, category: dict[str, Any]) -> dict[str, str]:
    raw = category.get("unit") or {}
    if not isinstance(raw, dict):
        raise _fail(_("The units of dimension %(dim)s must be an object."), dim=code)
    units = {}
    for cat, unit in raw.items():
        if isinstance(unit, dict):
            units[cat] = str(unit.get("base") or unit.get("label") or unit.get("symbol") or "")
        elif isinstance(unit, str):
            units[cat] = unit
    return units


_TOTAL_LABEL = re.compile(r"^(tot|totalt|total|samtliga|alla|riket)\b", re.IGNORECASE)


def _total_code(categories: list[tuple[str, str]], extension: dict[str, Any]) -> str:
    codes = {c for c, _label in categories}
    eliminated = extension.get("eliminationValueCode")
    if isinstance(eliminated, str) and eliminated in codes and len(codes) > 1:
        return eliminated
    if len(codes) < 3:
        return ""
    for cat, label in categories:
        if cat.lower().startswith("tot") or _TOTAL_LABEL.match(label or ""):
            return cat
    return ""


def _dimension(code: str, raw: Any, size: int, jsonstat_role: str) -> JsonStatDimension:
    if not isinstance(raw, dict):
        raise _fail(_("Dimension %(dim)s must be an object."), dim=code)
    category = raw.get("category")
    order = _category_order(code, category, size)
    labels = category.get("label") or {}
    categories = [(cat, _text(labels.get(cat, cat), _("The label of category %s") % cat) or cat) for cat in order]
    extension = raw.get("extension") or {}
    if not isinstance(extension, dict):
        raise _fail(_("The extension of dimension %(dim)s must be an object."), dim=code)
    return JsonStatDimension(
        code=code,
        label=_text(raw.get("label"), _("The label of dimension %s") % code) or code,
        categories=categories,
        jsonstat_role=jsonstat_role,
        units=_units(code, category),
        total_code=_total_code(categories, extension),
        extension=extension,
    )


def cell_key(dimensions: list[JsonStatDimension], position: int) -> str:
    """The categories of the cell at ``position`` ("Region 04, Kon TotSa, Tid 2026M02"), to name it."""
    parts = []
    for dim in reversed(dimensions):
        size = len(dim.categories) or 1
        position, at = divmod(position, size)
        if dim.categories:
            parts.append(f"{dim.code} {dim.categories[at][0]}")
    return ", ".join(reversed(parts))


def _where(dimensions: list[JsonStatDimension] | None, position: int) -> str:
    return f"{position} ({cell_key(dimensions, position)})" if dimensions else str(position)


def _values(raw: Any, count: int, dimensions: list[JsonStatDimension] | None = None) -> list[float | int | None]:
    if isinstance(raw, dict):
        values: list[float | int | None] = [None] * count
        for key, value in raw.items():
            try:
                position = int(key)
            except ValueError:
                raise _fail(_("The value key %(key)s is not a cell number."), key=key) from None
            if not 0 <= position < count:
                raise _fail(
                    _("The value of cell %(cell)s is outside the %(count)s cells the sizes give."),
                    cell=position,
                    count=count,
                )
            values[position] = value
    elif isinstance(raw, list):
        if len(raw) != count:
            raise _fail(
                _("There are %(values)s values but the sizes give %(count)s cells."), values=len(raw), count=count
            )
        values = raw
    else:
        raise _fail(_("The values must be a list or an object."))
    kinds = set(map(type, values))
    if not kinds <= {int, float, type(None)}:
        for position, value in enumerate(values):
            if value is not None and (not isinstance(value, _NUMBER_TYPES) or isinstance(value, bool)):
                raise _fail(
                    _("The value of cell %(cell)s is not a number: %(value)s"),
                    cell=_where(dimensions, position),
                    value=json.dumps(value, ensure_ascii=False)[:40],
                )
    if float in kinds and not all(map(math.isfinite, (v for v in values if isinstance(v, float)))):
        position = next(i for i, v in enumerate(values) if isinstance(v, float) and not math.isfinite(v))
        raise _fail(
            _("The value of cell %(cell)s is not a finite number: %(value)s"),
            cell=_where(dimensions, position),
            value=values[position],
        )
    return values


def _status_text(value: Any, cell: Any) -> str:
    if not isinstance(value, str):
        raise _fail(_("The status of cell %(cell)s must be text."), cell=cell)
    if len(value) > MAX_STATUS_LENGTH:
        raise _fail(
            _("The status of cell %(cell)s is longer than %(max)s characters: %(status)s"),
            cell=cell,
            max=MAX_STATUS_LENGTH,
            status=value[:40],
        )
    return value


def _statuses(raw: Any, count: int) -> list[str] | str:
    if raw is None:
        return ""
    if isinstance(raw, str):
        return _status_text(raw, _("all"))
    if isinstance(raw, list):
        if len(raw) != count:
            raise _fail(
                _("There are %(statuses)s status codes but the sizes give %(count)s cells."),
                statuses=len(raw),
                count=count,
            )
        return ["" if s is None else _status_text(s, i) for i, s in enumerate(raw)]
    if isinstance(raw, dict):
        statuses = [""] * count
        for key, value in raw.items():
            try:
                position = int(key)
            except ValueError:
                raise _fail(_("The status key %(key)s is not a cell number."), key=key) from None
            if not 0 <= position < count:
                raise _fail(_("The status of cell %(cell)s is outside the cells the sizes give."), cell=position)
            statuses[position] = _status_text(value, position)
        return statuses
    raise _fail(_("The status must be text, a list or an object."))


def parse(data: Any) -> JsonStatDataset:
    """Check and read one JSON-stat 2.0 dataset (the parsed JSON)."""
    if isinstance(data, bytes | str):
        data = loads(data)
    if not isinstance(data, dict):
        raise _fail(_("A JSON-stat dataset must be a JSON object."))
    if data.get("class") != "dataset":
        raise _fail(_('This is not a JSON-stat dataset ("class" must be "dataset").'))
    if str(data.get("version", "2.0")) != "2.0":
        raise _fail(_("Only JSON-stat version 2.0 is supported, not %(version)s."), version=data.get("version"))
    ids, sizes, dims = data.get("id"), data.get("size"), data.get("dimension")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids) or not ids:
        raise _fail(_('"id" must be a list of dimension names.'))
    if len(set(ids)) != len(ids):
        raise _fail(_('"id" names a dimension twice.'))
    if not isinstance(dims, dict):
        raise _fail(_('"dimension" must be an object.'))
    for code in ids:
        if code not in dims:
            raise _fail(_('Dimension %(dim)s is in "id" but not in "dimension".'), dim=code)
    for code in dims:
        if code not in ids:
            raise _fail(_('Dimension %(dim)s is in "dimension" but not in "id".'), dim=code)
    if not isinstance(sizes, list) or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes):
        raise _fail(_('"size" must be a list of whole numbers.'))
    if len(sizes) != len(ids):
        raise _fail(_('"id" names %(ids)s dimensions but "size" gives %(sizes)s.'), ids=len(ids), sizes=len(sizes))
    roles: dict[str, str] = {}
    raw_roles = data.get("role") or {}
    if not isinstance(raw_roles, dict):
        raise _fail(_('"role" must be an object.'))
    for role, members in raw_roles.items():
        if not isinstance(members, list):
            raise _fail(_("Role %(role)s must list dimension names."), role=role)
        for code in members:
            if code not in ids:
                raise _fail(_("Role %(role)s names the unknown dimension %(dim)s."), role=role, dim=code)
            roles[code] = role
    dimensions = [
        _dimension(code, dims[code], size, roles.get(code, "")) for code, size in zip(ids, sizes, strict=True)
    ]
    count = math.prod(sizes)
    values = _values(data.get("value"), count, dimensions)
    statuses = _statuses(data.get("status"), count)
    extension = data.get("extension") or {}
    if not isinstance(extension, dict):
        raise _fail(_('"extension" must be an object.'))
    px = extension.get("px") if isinstance(extension.get("px"), dict) else {}
    note = data.get("note") or []
    return JsonStatDataset(
        label=_text(data.get("label"), _("The label")),
        source=_text(data.get("source"), _("The source")),
        updated=str(data.get("updated") or "")[:40],
        dimensions=dimensions,
        values=values,
        statuses=statuses,
        table_id=str(px.get("tableid") or px.get("matrix") or ""),
        extension=extension,
        note=[str(n) for n in note] if isinstance(note, list) else [str(note)],
    )


def expand(items: list[Any], stride: int, times: int) -> list[Any]:
    """Each item repeated ``stride`` times, the whole repeated ``times`` times (JSON-stat order)."""
    block = list(chain.from_iterable(repeat(item, stride) for item in items)) if stride > 1 else list(items)
    return block * times


def year_of(period: str) -> int | None:
    """The year a period code starts in ("2026M01" → 2026, "2020K3" → 2020), None if it has none."""
    head = period[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def dataset_columns(
    sizes: list[int], codes: list[list[str]], roles: list[str], count: int | None = None
) -> dict[str, Any]:
    """The observation columns (lists, or ``repeat("")`` for unused ones) of a cube.

    ``codes[i]`` are the category codes of dimension ``i`` in index order, ``roles[i]`` its role
    (an observation column name or ``other``).
    """
    total = math.prod(sizes) if count is None else count
    columns: dict[str, Any] = {}
    others: list[list[str]] = []
    after = total
    before = 1
    for dim_codes, role, size in zip(codes, roles, sizes, strict=True):
        after //= size or 1
        if role == "other":
            others.append(expand([f"{c}" for c in dim_codes], after, before))
        else:
            columns[role] = expand(dim_codes, after, before)
            if role == "period":
                columns["year"] = expand([year_of(c) for c in dim_codes], after, before)
        before *= size
    if others:
        columns["other"] = others[0] if len(others) == 1 else list(map("|".join, zip(*others, strict=True)))
    return columns


def other_prefixes(dimension_codes: list[str], codes: list[list[str]], roles: list[str]) -> list[list[str]]:
    """``code=value`` texts for the dimensions kept in ``other``, as the model documents."""
    return [
        [f"{dim}={c}" for c in cats] if role == "other" else cats
        for dim, cats, role in zip(dimension_codes, codes, roles, strict=True)
    ]


def keys_are_unique(dataset: JsonStatDataset, roles: list[str]) -> bool:
    """Whether no two cells of the cube can have the same key (the observation columns the quality
    report's duplicates check groups by).

    The parser refuses a code twice in a dimension and ``mapping.check_mapping`` a role twice or a code
    too long for its column, so each dimension with a role of its own keeps its codes apart. The
    dimensions mapped to ``other`` share one column, ``"A=a|B=b"``: that is one-to-one unless a code of
    one of two or more such dimensions contains the separator.
    """
    others = [d for d, role in zip(dataset.dimensions, roles, strict=True) if role == "other"]
    return len(others) < 2 or not any("|" in code for d in others for code in d.codes)


def row_columns(dataset: JsonStatDataset, roles: list[str]) -> tuple[list[str], Iterator[tuple], dict[str, Any]]:
    """``(columns, rows, constants)`` for ``bulk_insert``: the columns that vary from cell to cell, one
    tuple of them per cell, and the value of the columns that are the same in every cell."""
    dim_codes = [d.code for d in dataset.dimensions]
    codes = other_prefixes(dim_codes, [d.codes for d in dataset.dimensions], roles)
    columns = dataset_columns(dataset.size, codes, roles, dataset.cell_count)
    columns["value"] = dataset.values
    if isinstance(dataset.statuses, list):
        columns["status"] = dataset.statuses
    constants = {name: _empty(name, dataset) for name in ROW_COLUMNS if name not in columns}
    for dimension, role in zip(dataset.dimensions, roles, strict=True):
        if len(dimension.categories) == 1 and role in columns and role != "other":  # one code: the same everywhere
            constants[role] = columns.pop(role)[0]
            if role == "period":
                constants["year"] = columns.pop("year")[0]
    names = [name for name in ROW_COLUMNS if name in columns]
    return names, zip(*(columns[name] for name in names), strict=True), constants


def _empty(column: str, dataset: JsonStatDataset) -> Any:
    if column == "status":
        return dataset.statuses if isinstance(dataset.statuses, str) else ""
    return None if column == "year" else ""


def iter_rows(dataset: JsonStatDataset, roles: list[str]) -> Iterator[tuple]:
    """Row tuples in ``ROW_COLUMNS`` order, one per cell (all columns; see :func:`row_columns`)."""
    names, rows, constants = row_columns(dataset, roles)
    positions = [(ROW_COLUMNS.index(name), i) for i, name in enumerate(names)]
    template = [constants.get(name) for name in ROW_COLUMNS]
    for row in rows:
        full = list(template)
        for target, source in positions:
            full[target] = row[source]
        yield tuple(full)

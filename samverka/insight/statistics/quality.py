"""The quality report of an imported version: what is wrong, and where.

The report is a JSON-serialisable dict kept in ``DatasetVersion.quality`` and shown before the
analyst publishes. It holds codes and numbers only; ``quality_rows.problem_rows`` turns it into the
translated rows the page shows (place, column, value, what is wrong). Every check has the same
shape: ``{"count": n, "examples": [...], "severity": "error" | "warning"}`` (``count`` 0 means no
alarm), plus ``checked: False`` when it could not run (e.g. the classification is not loaded).
Every example says where it is: ``where`` lists the places, a row of the uploaded file
(``{"row": 7, "cell": "D7"}``) or a cell of a JSON-stat cube (``{"cell": 1234}``, the position in
its value list), and the key of the cell by dimension.

Checks (errors block publishing until a corrected version is imported or they are accepted with
a reason; warnings are for the analyst to read):

* ``unknown_codes`` (error): region, SSYK, SUN and SNI codes not in the reference classifications;
* ``labels`` (error): a label that contradicts its code (region "04" labelled "Stockholms län",
  "0484 Nyköping" in a file, sex "1" labelled "kvinnor") or that reads as a spreadsheet formula;
* ``structure`` (error): rows of an uploaded file with more or fewer fields than its header;
* ``duplicates`` (error): the same key twice (possible in CSV and Excel uploads);
* ``negative`` (error): a negative value of a count (a measure that is a number of something);
* ``totals`` (error): a dimension's total category that differs from the sum of its parts, per
  combination of the other dimensions, beyond the tolerance (:func:`total_tolerance`: SCB adds
  small random noise to protect individuals, so totals may differ by a few units per cell);
* ``missing`` and ``suppressed`` (warnings): cells without a value, cells with a JSON-stat status;
* ``jumps`` (warning): a relative change between consecutive periods above the threshold, where
  the earlier value is not small.
"""

import math
import re
from collections.abc import Sequence
from typing import Any, Protocol

from django.conf import settings
from django.db import connection
from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, Sum, Value, Window
from django.db.models.functions import Abs

from samverka.insight.statistics.models import DatasetVersion, Dimension, DimensionRole, Observation

#: Relative change between consecutive periods that counts as implausible (0.5 = 50 %).
DEFAULT_JUMP_THRESHOLD = 0.5
#: Earlier values below this are too small for a relative change to mean anything.
DEFAULT_JUMP_MIN_BASE = 100.0
#: A total may differ from the sum of its parts by this much per cell involved (the total and each
#: part) plus ``DEFAULT_TOTAL_RELATIVE_TOLERANCE`` of it: SCB's Cell Key Method moves each cell by a
#: few units (in TAB6471 "totalt" and "män" + "kvinnor" differ by up to 8, over three cells). The
#: noise does not grow with the size of the number, so by default nothing relative is allowed: a total
#: of 391,224 that is 300 off is reported. Settings: ``STATISTICS_TOTAL_TOLERANCE_PER_CELL`` and
#: ``STATISTICS_TOTAL_TOLERANCE_RELATIVE`` (a fraction, 0.001 = 0.1 %).
DEFAULT_TOTAL_TOLERANCE_PER_CELL = 5.0
DEFAULT_TOTAL_RELATIVE_TOLERANCE = 0.0
#: Examples kept per check (the count is always complete).
EXAMPLES = 50
#: Places kept per example (e.g. the rows of a duplicated key).
PLACES = 10
#: Report format: 2 has places and severities.
FORMAT = 2

ERROR, WARNING = "error", "warning"
SEVERITY = {
    "unknown_codes": ERROR,
    "labels": ERROR,
    "structure": ERROR,
    "duplicates": ERROR,
    "negative": ERROR,
    "totals": ERROR,
    "missing": WARNING,
    "suppressed": WARNING,
    "jumps": WARNING,
}

#: Observation column → the classification scheme(s) its codes come from.
SCHEMES = {
    DimensionRole.SSYK: ("ssyk2012",),
    DimensionRole.SUN_LEVEL: ("sun2020_level", "sun2000_level"),
    DimensionRole.SUN_FIELD: ("sun2020_field", "sun2000_field"),
    DimensionRole.SNI: ("sni2007",),
}
#: Words in a measure's label or unit that say its values cannot be added up.
NON_ADDITIVE = ("median", "medel", "mean", "average", "andel", "share", "procent", "percent", "%", "kvot", "rate")
#: Words that say a measure may be negative although it counts (a change, a balance).
SIGNED = (
    "förändring",
    "forandring",
    "change",
    "netto",
    "net ",
    "saldo",
    "balance",
    "diff",
    "ökning",
    "growth",
    "tillväxt",
)
_WOMEN = re.compile(r"^(kvinn|women|woman|female|flick|girl)", re.I)
_MEN = re.compile(r"^(män|man\b|men\b|male|pojk|boy)", re.I)


def jump_threshold() -> float:
    return float(getattr(settings, "STATISTICS_JUMP_THRESHOLD", DEFAULT_JUMP_THRESHOLD))


def jump_min_base() -> float:
    return float(getattr(settings, "STATISTICS_JUMP_MIN_BASE", DEFAULT_JUMP_MIN_BASE))


def total_tolerance() -> dict[str, float]:
    """How far a total may be from the sum of its parts: ``per_cell`` units per cell involved plus
    ``relative`` (a fraction) of the total."""
    return {
        "per_cell": float(getattr(settings, "STATISTICS_TOTAL_TOLERANCE_PER_CELL", DEFAULT_TOTAL_TOLERANCE_PER_CELL)),
        "relative": float(getattr(settings, "STATISTICS_TOTAL_TOLERANCE_RELATIVE", DEFAULT_TOTAL_RELATIVE_TOLERANCE)),
    }


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet would run as a formula (``=…``, ``@…``, ``+``/``-`` that is not a number)."""
    if not text:
        return False
    first = text[0]
    if first in "=@\t\r":
        return True
    return first in "+-" and not re.match(r"^[+-][\d .,+-]*$", text)


# --- where a problem is ------------------------------------------------------------------------


class Locator(Protocol):
    """Where cells came from in the source."""

    def places(self, keys: list[dict[str, Any]], column: str) -> list[list[dict[str, Any]]]:
        """For each key (observation column → code) its places; ``column`` is the role (or ``value``)
        whose cell is meant."""

    def code_places(self, column: str, code: str) -> list[dict[str, Any]]:
        """The places where the column ``column`` holds ``code``."""


class CubeLocator:
    """A JSON-stat cube: a cell's position in the value list follows from its categories' positions."""

    def __init__(self, dimensions: list[Dimension]) -> None:
        self.dimensions = sorted(dimensions, key=lambda d: d.position)
        self.positions = [{str(code): i for i, (code, _label) in enumerate(d.categories)} for d in self.dimensions]
        sizes = [len(d.categories) for d in self.dimensions]
        self.strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]

    def index(self, key: dict[str, Any]) -> int | None:
        others = dict(part.split("=", 1) for part in str(key.get("other") or "").split("|") if "=" in part)
        index = 0
        for dim, positions, stride in zip(self.dimensions, self.positions, self.strides, strict=True):
            code = others.get(dim.code) if dim.role == DimensionRole.OTHER else key.get(dim.role)
            if code is None or str(code) not in positions:
                return None
            index += positions[str(code)] * stride
        return index

    def places(self, keys: list[dict[str, Any]], column: str) -> list[list[dict[str, Any]]]:
        result = []
        for key in keys:
            index = self.index(key)
            result.append([] if index is None else [{"cell": index}])
        return result

    def code_places(self, column: str, code: str) -> list[dict[str, Any]]:
        for dim, positions in zip(self.dimensions, self.positions, strict=True):
            if dim.role == column and code in positions:
                return [{"category": positions[code] + 1, "of": len(positions)}]
        return []


# --- the checks ----------------------------------------------------------------------------------


def _classification_codes(role: str) -> frozenset[str] | None:
    """The valid codes of a role, or None when they are not known (classification not loaded)."""
    from samverka.insight.classifications import selectors

    if role == DimensionRole.REGION:
        found = selectors.region_codes()
        return found if len(found) > 1 else None
    found_codes: set[str] = set()
    for scheme in SCHEMES.get(DimensionRole(role), ()):
        found_codes |= selectors.codes(scheme)
    if role == DimensionRole.SUN_LEVEL and found_codes:  # SCB's tables also use its older 7-step levels
        found_codes |= set(selectors.sun_old_level_map("2020")) | set(selectors.sun_old_level_map("2000"))
    return frozenset(found_codes) or None


def _check(name: str, count: int, examples: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"count": count, "examples": examples, "severity": SEVERITY[name], **extra}


_MONTH = re.compile(r"^(\d{4})M(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})[KQ](\d)$")


def impossible_period(code: str) -> bool:
    """A period code in SCB's form that cannot be (month 13, quarter 5, a year before 1700 or after 2200)."""
    if match := _MONTH.match(code):
        return not 1 <= int(match[2]) <= 12 or not 1700 <= int(match[1]) <= 2200
    if match := _QUARTER.match(code):
        return not 1 <= int(match[2]) <= 4 or not 1700 <= int(match[1]) <= 2200
    if code.isdigit() and len(code) == 4:
        return not 1700 <= int(code) <= 2200
    return False


def unknown_codes(dimensions: list[Dimension], locator: Locator | None) -> dict[str, Any]:
    """Codes not in the reference (regions and classifications), and period codes that cannot be."""
    examples: list[dict[str, Any]] = []
    count = 0
    unchecked: list[str] = []
    for dim in dimensions:
        if dim.role == DimensionRole.TIME:
            for code, label in dim.categories:
                if impossible_period(str(code)):
                    count += 1
                    if len(examples) < EXAMPLES:
                        where = locator.code_places(dim.role, code)[:PLACES] if locator else []
                        examples.append(
                            {"dimension": dim.code, "role": dim.role, "code": code, "label": label, "where": where}
                        )
            continue
        if dim.role not in (DimensionRole.REGION, *SCHEMES):
            continue
        valid = _classification_codes(dim.role)
        if valid is None:
            unchecked.append(dim.code)
            continue
        for code, label in dim.categories:
            if code != dim.total_code and code not in valid:
                count += 1
                if len(examples) < EXAMPLES:
                    where = locator.code_places(dim.role, code)[:PLACES] if locator else []
                    examples.append(
                        {"dimension": dim.code, "role": dim.role, "code": code, "label": label, "where": where}
                    )
    return _check("unknown_codes", count, examples, unchecked=unchecked)


def labels(
    dimensions: list[Dimension], locator: Locator | None, found: Sequence[dict[str, Any]] = ()
) -> dict[str, Any]:
    """Labels that contradict their codes or read as formulas; ``found`` adds those a file reader found
    (with their rows)."""
    from samverka.insight.classifications import matching

    examples: list[dict[str, Any]] = list(found)
    for dim in dimensions:
        if looks_like_formula(dim.label):
            examples.append({"dimension": dim.code, "kind": "formula", "code": "", "label": dim.label, "where": []})
        reference = matching.reference(dim.role) if dim.role in matching.ROLES else None
        for code, label in dim.categories:
            code, label = str(code), str(label)
            problem: dict[str, Any] | None = None
            if looks_like_formula(label):
                problem = {"kind": "formula"}
            elif reference is not None and (named := matching.label_contradiction(reference, code, label)):
                problem = {
                    "kind": "contradiction",
                    "named": " / ".join(str(n) for n in named),
                    "name": reference.name(code),
                }
            elif dim.role == DimensionRole.SEX and _sex_contradicts(code, label):
                problem = {"kind": "sex"}
            if problem is not None:
                where = locator.code_places(dim.role, code)[:PLACES] if locator and dim.role != "other" else []
                examples.append(
                    {"dimension": dim.code, "role": dim.role, "code": code, "label": label, "where": where, **problem}
                )
    return _check("labels", len(examples), examples[:EXAMPLES])


def _sex_contradicts(code: str, label: str) -> bool:
    text = label.strip()
    if code in ("1", "M", "m"):
        return bool(_WOMEN.match(text))
    if code in ("2", "K", "k", "F", "f"):
        return bool(_MEN.match(text))
    return False


def structure(found: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return _check("structure", len(found), list(found[:EXAMPLES]))


def _key_columns(dimensions: list[Dimension]) -> list[str]:
    columns = [dim.role for dim in dimensions if dim.role != DimensionRole.OTHER]
    if any(dim.role == DimensionRole.OTHER for dim in dimensions):
        columns.append("other")
    return columns


def _measure_texts(dimensions: list[Dimension], dataset_unit: str) -> dict[str, list[str]]:
    """Per measure code (``""`` for a table without a measure dimension) the texts that describe it."""
    for dim in dimensions:
        if dim.role == DimensionRole.MEASURE:
            return {
                str(code): [str(label).lower(), str(dim.units.get(code, "")).lower(), dataset_unit.lower()]
                for code, label in dim.categories
            }
    return {"": [dataset_unit.lower()]}


def _unit_text(version: DatasetVersion) -> str:
    """The dataset's unit and, for an upload without a measure dimension, the name of its value column."""
    query = version.query if isinstance(version.query, dict) else {}
    return f"{version.dataset.unit} {query.get('value_column', '')}".strip()


def _is_additive(dimensions: list[Dimension], dataset_unit: str) -> bool:
    texts = [text for texts in _measure_texts(dimensions, dataset_unit).values() for text in texts]
    return not any(word in text for text in texts for word in NON_ADDITIVE)


def _count_measures(dimensions: list[Dimension], dataset_unit: str) -> list[str] | None:
    """The measures that count something (cannot be negative); None for "every cell"."""
    texts = _measure_texts(dimensions, dataset_unit)
    counting = [
        code
        for code, words in texts.items()
        if not any(word in text for text in words for word in (*NON_ADDITIVE, *SIGNED))
    ]
    if list(texts) == [""]:
        return None if counting else []
    return counting


def _parts_condition(dim: Dimension) -> Q | None:
    """Which categories add up to the total; None when the parts in the table are not all of them."""
    column = dim.role
    if dim.role != DimensionRole.REGION:
        # a total with a single part selected (e.g. "TotSa" and "1") is not a sum to check
        return ~Q(**{column: dim.total_code}) if len(dim.categories) > 2 else None
    # Sweden is the sum of all 21 counties, or of all 290 municipalities; a selection of some is not.
    codes = {code for code, _label in dim.categories if code != dim.total_code}
    known = _classification_codes(DimensionRole.REGION) or frozenset()
    for length in (2, 4):
        every = {c for c in known if len(c) == length and c != "00"}
        if every and every <= codes:
            return Q(**{f"{column}__in": sorted(every)})
    return None


def totals(version: DatasetVersion, dimensions: list[Dimension], locator: Locator | None) -> dict[str, Any]:
    """Per dimension with a total category: the groups where total and sum of parts differ."""
    tolerance = total_tolerance()
    if not _is_additive(dimensions, _unit_text(version)):
        return _check("totals", 0, [], checked=False, tolerance=tolerance)
    keys = _key_columns(dimensions)
    count = 0
    examples: list[dict[str, Any]] = []
    for dim in dimensions:
        if not dim.total_code or dim.role == DimensionRole.OTHER:
            continue
        parts_condition = _parts_condition(dim)
        if parts_condition is None:
            continue
        others = [k for k in keys if k != dim.role]
        # The database compares each group's total with its parts and returns only the groups that differ.
        rows = (
            Observation.objects.filter(version_id=version.pk)
            .filter(Q(**{dim.role: dim.total_code}) | parts_condition)
            .values(*others)
            .annotate(
                total=Sum("value", filter=Q(**{dim.role: dim.total_code})),
                parts=Sum("value", filter=parts_condition),
                missing=Count("pk", filter=Q(value__isnull=True)),
                cells=Count("pk"),
            )
            .filter(total__isnull=False, parts__isnull=False, missing=0)
            .annotate(
                difference=Abs(F("total") - F("parts")),
                allowed=ExpressionWrapper(
                    Value(tolerance["per_cell"]) * F("cells") + Value(tolerance["relative"]) * Abs(F("total")),
                    output_field=FloatField(),
                ),
            )
            .filter(difference__gt=F("allowed"))
            .order_by(*others)
        )
        for row in rows:
            total, parts = row.pop("total"), row.pop("parts")
            del row["missing"], row["difference"], row["allowed"]
            allowed = tolerance["per_cell"] * row.pop("cells") + tolerance["relative"] * abs(total)
            if abs(total - parts) > allowed:
                count += 1
                if len(examples) < EXAMPLES:
                    examples.append(
                        {
                            "dimension": dim.code,
                            "role": dim.role,
                            "total_code": dim.total_code,
                            "key": row,
                            "total": total,
                            "parts": parts,
                            "allowed": allowed,
                        }
                    )
    _locate(examples, locator, lambda e: {**e["key"], e["role"]: e["total_code"]}, "value")
    return _check("totals", count, examples, checked=True, tolerance=tolerance)


def _locate(examples: list[dict[str, Any]], locator: Locator | None, key: Any, column: str) -> None:
    """Add ``where`` to each example (the places of the cell its ``key`` function gives)."""
    if not examples:
        return
    places = locator.places([key(e) for e in examples], column) if locator else [[] for _e in examples]
    for example, where in zip(examples, places, strict=True):
        example["where"] = where[:PLACES]


def _counted_examples(cells: Any, columns: list[str]) -> tuple[int, list[dict[str, Any]]]:
    """How many ``cells`` there are and the ``columns`` of the first :data:`EXAMPLES` of them (in storage
    order), in one pass over the rows: the count is a window over all of them."""
    rows = list(cells.annotate(found=Window(Count("pk"))).values(*columns, "found").order_by("pk")[:EXAMPLES])
    count = rows[0]["found"] if rows else 0
    for row in rows:
        del row["found"]
    return count, rows


def missing_and_suppressed(
    version: DatasetVersion, keys: list[str], locator: Locator | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    cells = Observation.objects.filter(version_id=version.pk)
    missing_cells = cells.filter(value__isnull=True)
    missing_count, rows = _counted_examples(missing_cells, [*keys, "status"])
    missing_examples = [{"key": row} for row in rows]
    for example in missing_examples:
        example["status"] = example["key"].pop("status")
    _locate(missing_examples, locator, lambda e: e["key"], "value")
    missing = _check("missing", missing_count, missing_examples)
    flagged = cells.exclude(status="")
    by_status = dict(flagged.values_list("status").annotate(n=Count("pk")).order_by("status"))
    flagged_examples = [{"key": row} for row in flagged.values(*keys, "status", "value").order_by("pk")[:EXAMPLES]]
    for example in flagged_examples:
        example["status"] = example["key"].pop("status")
        example["value"] = example["key"].pop("value")
    _locate(flagged_examples, locator, lambda e: e["key"], "value")
    suppressed = _check("suppressed", sum(by_status.values()), flagged_examples, by_status=by_status)
    return missing, suppressed


def negative(
    version: DatasetVersion, dimensions: list[Dimension], keys: list[str], locator: Locator | None
) -> dict[str, Any]:
    """Negative values of counts."""
    measures = _count_measures(dimensions, _unit_text(version))
    if measures == []:
        return _check("negative", 0, [], checked=False)
    cells = Observation.objects.filter(version_id=version.pk, value__lt=0)
    if measures is not None:
        cells = cells.filter(measure__in=measures)
    count, rows = _counted_examples(cells, [*keys, "value"])
    examples = [{"key": row} for row in rows]
    for example in examples:
        example["value"] = example["key"].pop("value")
    _locate(examples, locator, lambda e: e["key"], "value")
    return _check("negative", count, examples, checked=True)


def _quoted(columns: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


def jumps(version: DatasetVersion, keys: list[str], locator: Locator | None) -> dict[str, Any]:
    """Consecutive periods (per combination of the other dimensions) whose value changes too much."""
    if "period" not in keys:
        return _check("jumps", 0, [], checked=False)
    threshold, min_base = jump_threshold(), jump_min_base()
    partition = [k for k in keys if k != "period"]
    table = connection.ops.quote_name(Observation._meta.db_table)
    over = f"OVER (PARTITION BY {_quoted(partition)} ORDER BY {connection.ops.quote_name('period')})"
    if not partition:
        over = f"OVER (ORDER BY {connection.ops.quote_name('period')})"
    columns = _quoted([*keys, "value"])
    inner = (
        f"SELECT {columns}, LAG(value) {over} AS previous, LAG(period) {over} AS previous_period "  # noqa: S608
        f"FROM {table} WHERE version_id = %s"
    )
    # Two rows of one period are a duplicate key (reported as such), not a change between periods.
    condition = (
        "previous IS NOT NULL AND value IS NOT NULL AND previous_period <> period "
        "AND ABS(previous) >= %s AND ABS(value - previous) > %s * ABS(previous)"
    )
    # One pass over the rows: the count of all jumps comes with the largest (a window over what WHERE keeps).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT q.*, COUNT(*) OVER () AS jumps_found FROM ({inner}) AS q WHERE {condition} "  # noqa: S608
            f"ORDER BY ABS(value - previous) / ABS(previous) DESC LIMIT {EXAMPLES}",
            [version.pk, min_base, threshold],
        )
        names = [c[0] for c in cursor.description]
        count = 0
        examples = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            count = row["jumps_found"]
            examples.append(
                {
                    "key": {k: row[k] for k in partition},
                    "period": row["period"],
                    "previous_period": row["previous_period"],
                    "value": row["value"],
                    "previous": row["previous"],
                    "change": (row["value"] - row["previous"]) / abs(row["previous"]),
                }
            )
    _locate(examples, locator, lambda e: {**e["key"], "period": e["period"]}, "value")
    return _check("jumps", count, examples, checked=True, threshold=threshold, min_base=min_base)


def duplicates(version: DatasetVersion, keys: list[str], locator: Locator | None) -> dict[str, Any]:
    groups = (
        Observation.objects.filter(version_id=version.pk)
        .values(*keys)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by(*keys)
    )
    examples = [{"key": {k: row[k] for k in keys}, "n": row["n"]} for row in groups[:EXAMPLES]]
    _locate(examples, locator, lambda e: e["key"], "key")
    for example in examples:
        example.update(example["key"])  # the key's columns at the top too, as before
    return _check("duplicates", groups.count(), examples)


def build_report(
    version: DatasetVersion,
    *,
    locator: Locator | None = None,
    found: dict[str, Sequence[dict[str, Any]]] | None = None,
    unique_keys: bool = False,
) -> dict[str, Any]:
    """Run every check on a stored version; the result goes into ``version.quality``.

    ``locator`` says where a cell came from (the rows of an uploaded file); without one a cube's
    cell positions are used when the version is a whole cube. ``found`` holds the problems a file
    reader found with their rows (``structure``, ``labels``). ``unique_keys`` says the importer knows
    no key can occur twice (a JSON-stat cube, see ``jsonstat.keys_are_unique``): the duplicates check
    then reports none without grouping every row.
    """
    dimensions = list(version.dimensions.order_by("position"))
    if locator is None and math.prod(len(d.categories) for d in dimensions) == version.cell_count:
        locator = CubeLocator(dimensions)
    found = found or {}
    keys = _key_columns(dimensions)
    missing, suppressed = missing_and_suppressed(version, keys, locator)
    checks = {
        "unknown_codes": unknown_codes(dimensions, locator),
        "labels": labels(dimensions, locator, found.get("labels", ())),
        "structure": structure(found.get("structure", ())),
        "duplicates": _check("duplicates", 0, []) if unique_keys else duplicates(version, keys, locator),
        "negative": negative(version, dimensions, keys, locator),
        "totals": totals(version, dimensions, locator),
        "missing": missing,
        "suppressed": suppressed,
        "jumps": jumps(version, keys, locator),
    }
    return {
        "format": FORMAT,
        "checks": checks,
        "alarms": sum(1 for check in checks.values() if check["count"]),
        "errors": [name for name, check in checks.items() if check["count"] and check["severity"] == ERROR],
        "cells": version.cell_count,
        "rows_located": locator is not None,
    }


def errors(report: dict[str, Any]) -> list[str]:
    """The checks of ``report`` that found errors (which block publishing)."""
    checks = report.get("checks", {})
    return [
        name
        for name, check in checks.items()
        if check.get("count") and check.get("severity", SEVERITY.get(name)) == ERROR
    ]


def has_duplicates(version: DatasetVersion) -> bool:
    return bool((version.quality or {}).get("checks", {}).get("duplicates", {}).get("count"))

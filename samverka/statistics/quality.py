"""The quality report of an imported version, computed in SQL where it can be.

The report is a JSON-serialisable dict kept in ``DatasetVersion.quality`` and shown before the
analyst publishes. It holds codes only; the page translates them. Every check has the same
shape: ``{"count": n, "examples": [...]}`` (``count`` 0 means no alarm), plus ``checked: False``
when it could not run (e.g. the classification is not loaded).

Checks:

* ``unknown_codes``: region, SSYK, SUN and SNI codes not in the reference classifications;
* ``totals``: a dimension's total category that differs from the sum of its parts, per
  combination of the other dimensions, beyond a rounding tolerance (SCB adds small random
  noise to protect individuals, so totals are allowed to differ by a little);
* ``missing`` and ``suppressed``: cells without a value, cells with a JSON-stat status;
* ``jumps``: a relative change between consecutive periods above the threshold, where the
  earlier value is not small;
* ``duplicates``: the same key twice (possible in CSV and Excel uploads).
"""

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q

from samverka.statistics.models import DatasetVersion, Dimension, DimensionRole, Observation

#: Relative change between consecutive periods that counts as implausible (0.5 = 50 %).
DEFAULT_JUMP_THRESHOLD = 0.5
#: Earlier values below this are too small for a relative change to mean anything.
DEFAULT_JUMP_MIN_BASE = 100.0
#: A total may differ from the sum of its parts by this much per cell involved (the total and each
#: part) plus ``TOTAL_RELATIVE_TOLERANCE`` of it: SCB's Cell Key Method moves each cell by a few units
#: (in TAB6471 "totalt" and "män" + "kvinnor" differ by up to 8).
TOTAL_ABSOLUTE_TOLERANCE = 5.0
TOTAL_RELATIVE_TOLERANCE = 0.001
EXAMPLES = 20

#: Observation column → the classification scheme(s) its codes come from.
SCHEMES = {
    DimensionRole.SSYK: ("ssyk2012",),
    DimensionRole.SUN_LEVEL: ("sun2020_level", "sun2000_level"),
    DimensionRole.SUN_FIELD: ("sun2020_field", "sun2000_field"),
    DimensionRole.SNI: ("sni2007",),
}
#: Words in a measure's label or unit that say its values cannot be added up.
NON_ADDITIVE = ("median", "medel", "mean", "average", "andel", "share", "procent", "percent", "%", "kvot", "rate")


def jump_threshold() -> float:
    return float(getattr(settings, "STATISTICS_JUMP_THRESHOLD", DEFAULT_JUMP_THRESHOLD))


def jump_min_base() -> float:
    return float(getattr(settings, "STATISTICS_JUMP_MIN_BASE", DEFAULT_JUMP_MIN_BASE))


def _classification_codes(role: str) -> frozenset[str] | None:
    """The valid codes of a role, or None when they are not known (classification not loaded)."""
    try:
        from samverka.classifications import selectors
    except ImportError:  # pragma: no cover - the classifications app is part of the project
        return None
    if role == DimensionRole.REGION:
        found = selectors.region_codes()
        return found if len(found) > 1 else None
    found_codes: set[str] = set()
    for scheme in SCHEMES.get(DimensionRole(role), ()):
        found_codes |= selectors.codes(scheme)
    return frozenset(found_codes) or None


def unknown_codes(dimensions: list[Dimension]) -> dict[str, Any]:
    examples: list[dict[str, str]] = []
    count = 0
    unchecked: list[str] = []
    for dim in dimensions:
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
                    examples.append({"dimension": dim.code, "code": code, "label": label})
    return {"count": count, "examples": examples, "unchecked": unchecked}


def _key_columns(dimensions: list[Dimension]) -> list[str]:
    columns = [dim.role for dim in dimensions if dim.role != DimensionRole.OTHER]
    if any(dim.role == DimensionRole.OTHER for dim in dimensions):
        columns.append("other")
    return columns


def _is_additive(dimensions: list[Dimension], dataset_unit: str) -> bool:
    texts = [dataset_unit.lower()]
    for dim in dimensions:
        if dim.role == DimensionRole.MEASURE:
            texts += [label.lower() for _code, label in dim.categories]
            texts += [str(unit).lower() for unit in dim.units.values()]
    return not any(word in text for text in texts for word in NON_ADDITIVE)


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


def totals(version: DatasetVersion, dimensions: list[Dimension]) -> dict[str, Any]:
    """Per dimension with a total category: the groups where total and sum of parts differ."""
    if not _is_additive(dimensions, version.dataset.unit):
        return {"count": 0, "examples": [], "checked": False}
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
        rows = (
            Observation.objects.filter(version_id=version.pk)
            .filter(Q(**{dim.role: dim.total_code}) | parts_condition)
            .values(*others)
            .annotate(
                total=_sum_where(Q(**{dim.role: dim.total_code})),
                parts=_sum_where(parts_condition),
                missing=Count("pk", filter=Q(value__isnull=True)),
                cells=Count("pk"),
            )
            .order_by(*others)
        )
        for row in rows:
            total, parts = row.pop("total"), row.pop("parts")
            if total is None or parts is None or row.pop("missing"):
                continue
            tolerance = TOTAL_ABSOLUTE_TOLERANCE * row.pop("cells") + TOTAL_RELATIVE_TOLERANCE * abs(total)
            if abs(total - parts) > tolerance:
                count += 1
                if len(examples) < EXAMPLES:
                    examples.append(
                        {
                            "dimension": dim.code,
                            "total_code": dim.total_code,
                            "key": row,
                            "total": total,
                            "parts": parts,
                        }
                    )
    return {"count": count, "examples": examples, "checked": True}


def _sum_where(condition: Q) -> Any:
    from django.db.models import Sum

    return Sum("value", filter=condition)


def missing_and_suppressed(version: DatasetVersion, keys: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    cells = Observation.objects.filter(version_id=version.pk)
    missing_cells = cells.filter(value__isnull=True)
    missing = {
        "count": missing_cells.count(),
        "examples": list(missing_cells.values(*keys, "status").order_by("pk")[:EXAMPLES]),
    }
    flagged = cells.exclude(status="")
    by_status = dict(flagged.values_list("status").annotate(n=Count("pk")).order_by("status"))
    suppressed = {
        "count": sum(by_status.values()),
        "by_status": by_status,
        "examples": list(flagged.values(*keys, "status").order_by("pk")[:EXAMPLES]),
    }
    return missing, suppressed


def _quoted(columns: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(c) for c in columns)


def jumps(version: DatasetVersion, keys: list[str]) -> dict[str, Any]:
    """Consecutive periods (per combination of the other dimensions) whose value changes too much."""
    if "period" not in keys:
        return {"count": 0, "examples": [], "checked": False}
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
    condition = "previous IS NOT NULL AND value IS NOT NULL AND ABS(previous) >= %s AND ABS(value - previous) > %s * ABS(previous)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({inner}) AS q WHERE {condition}", [version.pk, min_base, threshold])  # noqa: S608
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT * FROM ({inner}) AS q WHERE {condition} "  # noqa: S608
            f"ORDER BY ABS(value - previous) / ABS(previous) DESC LIMIT {EXAMPLES}",
            [version.pk, min_base, threshold],
        )
        names = [c[0] for c in cursor.description]
        examples = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
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
    return {"count": count, "examples": examples, "checked": True, "threshold": threshold, "min_base": min_base}


def duplicates(version: DatasetVersion, keys: list[str]) -> dict[str, Any]:
    groups = (
        Observation.objects.filter(version_id=version.pk)
        .values(*keys)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by(*keys)
    )
    return {"count": groups.count(), "examples": list(groups[:EXAMPLES])}


def build_report(version: DatasetVersion) -> dict[str, Any]:
    """Run every check on a stored version; the result goes into ``version.quality``."""
    dimensions = list(version.dimensions.order_by("position"))
    keys = _key_columns(dimensions)
    missing, suppressed = missing_and_suppressed(version, keys)
    checks = {
        "unknown_codes": unknown_codes(dimensions),
        "totals": totals(version, dimensions),
        "missing": missing,
        "suppressed": suppressed,
        "jumps": jumps(version, keys),
        "duplicates": duplicates(version, keys),
    }
    return {
        "checks": checks,
        "alarms": sum(1 for check in checks.values() if check["count"]),
        "cells": version.cell_count,
    }

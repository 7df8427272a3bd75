"""Small statistical tables built directly as rows, for the indicator and outlook tests.

``make_table`` builds a dataset version with the given dimensions and one observation per
combination of categories, with values from a deterministic function of the codes, so that a test
can compute every expected number from ``version.fixture_rows`` in plain Python. With
``totals={role: code}`` it also stores the source-style total rows (the sum of the parts) for
those dimensions, as SCB's tables have them.
"""

import itertools
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone

from samverka.insight.statistics.models import (
    Dataset,
    DatasetVersion,
    Dimension,
    DimensionRole,
    Observation,
    VersionStatus,
)
from samverka.platform.spaces.models import Space
from samverka.testing.factories import make_space

AGES = ("16-19", "20-54", "55-59", "60-64", "65-74")
SSYKS = ("2211", "5321")
REGIONS = ("0480", "0484")
LABELS = {"2211": "Läkare", "5321": "Undersköterskor, vård- och specialistavdelning", "0480": "Nyköping"}


def default_value(codes: dict[str, str]) -> float:
    """A value that differs by every code, so that mixing categories up changes the result."""
    total = 7
    for role, code in sorted(codes.items()):
        total = (total * 31 + sum(ord(c) for c in f"{role}={code}")) % 97
    return float(total + 3)


def make_dataset(*, space: Space | None = None, is_public: bool = True, **extra: Any) -> Dataset:
    space = space or make_space()
    n = Dataset.objects.count() + 1
    return Dataset.objects.create(
        space=space,
        slug=extra.pop("slug", f"table-{n}"),
        title=extra.pop("title", f"Sysselsatta {n}"),
        source=extra.pop("source", "synthetic"),
        is_public=is_public,
        **extra,
    )


def make_table(
    *,
    dataset: Dataset | None = None,
    dimensions: dict[str, Iterable[str]],
    measures: Iterable[str] = ("employed",),
    totals: dict[str, str] | None = None,
    value: Callable[[dict[str, str]], float | None] = default_value,
    status: str = VersionStatus.PUBLISHED,
    measure_dimensions: dict[str, tuple[str, ...]] | None = None,
    labels: dict[str, str] | None = None,
) -> DatasetVersion:
    """A version with observations for every combination (see the module docstring).

    ``measure_dimensions`` limits a measure to some roles (e.g. population without occupation):
    its rows leave the other columns empty, as the storage does.
    """
    dataset = dataset or make_dataset()
    totals = totals or {}
    labels = {**LABELS, **(labels or {})}
    measures = tuple(measures)
    number = dataset.versions.count() + 1
    version = DatasetVersion.objects.create(dataset=dataset, number=number, status=status, imported_at=timezone.now())
    roles = {role: tuple(codes) for role, codes in dimensions.items()}
    Dimension.objects.create(
        version=version,
        code="ContentsCode",
        label="Measure",
        role=DimensionRole.MEASURE,
        position=0,
        categories=[[m, m.replace("_", " ")] for m in measures],
    )
    for position, (role, codes) in enumerate(roles.items(), start=1):
        categories = [[code, labels.get(code, code)] for code in codes]
        if role in totals:
            categories.append([totals[role], "Total"])
        Dimension.objects.create(
            version=version,
            code=role.capitalize(),
            label=role,
            role=role,
            position=position,
            categories=categories,
            total_code=totals.get(role, ""),
        )
    rows: list[dict[str, Any]] = []
    for measure in measures:
        own = [r for r in roles if measure_dimensions is None or r in measure_dimensions.get(measure, tuple(roles))]
        parts = []
        for combination in itertools.product(*(roles[r] for r in own)):
            codes = dict(zip(own, combination, strict=True))
            parts.append({"measure": measure, **codes, "value": value({"measure": measure, **codes})})
        rows += parts
        rows += _total_rows(parts, [r for r in own if r in totals], totals)
    Observation.objects.bulk_create(
        Observation(version=version, year=int(row["period"]) if "period" in row else None, **row) for row in rows
    )
    version.fixture_rows = rows  # type: ignore[attr-defined]
    return version


def _total_rows(parts: list[dict[str, Any]], total_roles: list[str], totals: dict[str, str]) -> list[dict[str, Any]]:
    """For every non-empty subset of the total roles, the rows summed over them (the source's totals)."""
    result: list[dict[str, Any]] = []
    for size in range(1, len(total_roles) + 1):
        for subset in itertools.combinations(total_roles, size):
            sums: dict[tuple, float] = {}
            shapes: dict[tuple, dict[str, Any]] = {}
            for row in parts:
                shaped = {k: (totals[k] if k in subset else v) for k, v in row.items() if k != "value"}
                key = tuple(sorted(shaped.items()))
                shapes[key] = shaped
                if row["value"] is not None:
                    sums[key] = sums.get(key, 0.0) + row["value"]
            result += [{**shapes[key], "value": sums.get(key)} for key in shapes]
    return result


def parts_only(version: DatasetVersion) -> list[dict[str, Any]]:
    """The fixture rows without any total row: what an independent computation sums."""
    totals = {d.role: d.total_code for d in version.dimensions.all() if d.total_code}
    return [row for row in version.fixture_rows if all(row.get(r) != code for r, code in totals.items())]  # type: ignore[attr-defined]

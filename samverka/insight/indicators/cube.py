"""Aggregating one dataset version's observations in SQL, without double counting totals.

A :class:`Cube` is the metadata of a version (its dimensions, read in one query); :meth:`Cube.sum`
runs one ``GROUP BY`` query over the observations and returns ``{group key: sum}``. The cube is
never loaded into Python: every aggregate is ``values(...).annotate(Sum("value"))`` filtered on
the columns of the composite indexes (version, measure, region, period) and (version, measure,
ssyk, region).

How totals are handled, for every dimension of the version:

* filtered to given codes (``where``): exactly those codes;
* grouped by (``group``): every category except the total (the total is not a part);
* neither (collapsed): the total category when the table has one (``Dimension.total_code``),
  otherwise the sum of the parts. For regions and occupations whose codes come in several levels
  (e.g. counties "01" and municipalities "0114"), only the coarsest level is summed, so that a
  municipality is never counted again inside its county.

Rows of a measure that does not have a dimension (a population table without occupation, for
example) hold an empty code there; a collapsed dimension therefore always admits ``""`` too.
Time is never summed: a query must either fix or group by the period.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from samverka.insight.statistics.models import DatasetVersion, Dimension, DimensionRole, Observation
from samverka.insight.statistics.quality import has_duplicates
from samverka.insight.statistics.selectors import category_labels, first_cells

Key = tuple[str, ...]

#: Roles whose codes may come in several levels of a hierarchy in one table.
LEVELLED_ROLES = frozenset({DimensionRole.REGION, DimensionRole.SSYK, DimensionRole.SUN_FIELD, DimensionRole.SNI})

#: Versions with fewer cells than this are always summed from the cells (fast enough without roll-ups).
ROLLUP_THRESHOLD = 100_000

#: The age assumed for the upper end of an open band such as "65+" (employment statistics stop at 74).
OPEN_BAND_UPPER = 74

_BAND = re.compile(r"^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})")
_OPEN = re.compile(r"^\s*(\d{1,3})\s*(\+|-\s*$|\s*[-–]?\s*(?:år\s*)?(?:och äldre|and over|or older))")
_BELOW = re.compile(r"^\s*[-–]\s*(\d{1,3})\s*$")


def parse_age_band(code: str, label: str = "") -> tuple[int, int] | None:
    """The first and last year of age of a band code: "55-59" → (55, 59), "65+" → (65, 74), "-19" → (0, 19).

    Falls back on the label ("55-59 år"); ``None`` when neither can be read. A single age "17"
    is the band (17, 17).
    """
    for text in (code, label):
        if match := _BAND.match(text):
            low, high = int(match[1]), int(match[2])
            if low <= high:
                return low, high
        if match := _OPEN.match(text):
            return int(match[1]), max(int(match[1]), OPEN_BAND_UPPER)
        if match := _BELOW.match(text):
            return 0, int(match[1])
        if text.strip().isdigit():
            return int(text), int(text)
    return None


def band_share(band: tuple[int, int], low: int, high: int) -> float:
    """The part of a band's people aged ``low``–``high`` (inclusive), assuming ages spread evenly in the band."""
    first, last = band
    overlap = min(last, high) - max(first, low) + 1
    return max(0, overlap) / (last - first + 1)


class Named(str):
    """A row heading: the category's name, with its code kept beside it (``named.code``)."""

    code: str

    def __new__(cls, name: str, *, code: str = "") -> "Named":
        value = super().__new__(cls, name)
        value.code = code
        return value


@dataclass
class Cube:
    """One version's dimensions, by role, and the SQL aggregates over its observations."""

    version: DatasetVersion
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    #: Whether the version's roll-ups (:mod:`samverka.insight.indicators.rollups`) are built.
    rolled_up: bool = False
    #: Whether the version has duplicated keys: then only the first cell of each key is counted.
    deduplicate: bool = False

    @classmethod
    def of(cls, version: DatasetVersion) -> "Cube":
        """The version's dimensions and whether its roll-ups exist, in one query."""
        from samverka.insight.indicators.models import RollUpState

        built = RollUpState.objects.filter(version_id=OuterRef("version_id"))
        found = list(Dimension.objects.filter(version=version).annotate(rolled=Exists(built)).order_by("position"))
        dimensions: dict[str, Dimension] = {d.role: d for d in found}
        dimensions.pop(DimensionRole.OTHER, None)
        return cls(
            version=version,
            dimensions=dimensions,
            rolled_up=any(getattr(d, "rolled", False) for d in found),
            deduplicate=has_duplicates(version),
        )

    # --- metadata -----------------------------------------------------------------------------

    def has(self, role: str) -> bool:
        return role in self.dimensions

    def total(self, role: str) -> str:
        dimension = self.dimensions.get(role)
        return dimension.total_code if dimension is not None else ""

    def codes(self, role: str) -> list[str]:
        """The role's categories in the source's order, without the total."""
        dimension = self.dimensions.get(role)
        if dimension is None:
            return []
        return [str(code) for code, _label in dimension.categories if str(code) != dimension.total_code]

    @cached_property
    def _labels(self) -> dict[str, dict[str, str]]:
        """The name of every category: the source's label, or the reference name where it gave only the code."""
        return {role: category_labels(d) for role, d in self.dimensions.items()}

    def label(self, role: str, code: str) -> str:
        """The category's name ("Eskilstuna" for 0484)."""
        return self._labels.get(role, {}).get(code, code)

    def named(self, role: str, code: str) -> "Named":
        """The category's name, carrying its code (a table's row heading)."""
        return Named(self.label(role, code), code=code)

    def labelled(self, role: str, code: str) -> str:
        """``name (code)`` for occupations, regions and education fields (code second), the name otherwise."""
        label = self.label(role, code)
        if role in (DimensionRole.SSYK, DimensionRole.REGION, DimensionRole.SUN_FIELD) and label != code:
            return f"{label} ({code})"
        return label

    @property
    def measures(self) -> set[str]:
        return set(self.codes(DimensionRole.MEASURE)) if self.has(DimensionRole.MEASURE) else set()

    def periods(self) -> list[str]:
        return sorted(self.codes(DimensionRole.TIME))

    def coarsest(self, role: str) -> list[str]:
        """The codes of the coarsest level present (shortest codes); all codes when there is one level."""
        codes = self.codes(role)
        if not codes:
            return []
        shortest = min(len(code) for code in codes)
        return [code for code in codes if len(code) == shortest]

    def age_bands(self) -> dict[str, tuple[int, int]]:
        """Parsed age bands by code (the total left out); codes that cannot be read are left out too."""
        bands = {}
        for code in self.codes(DimensionRole.AGE):
            band = parse_age_band(code, self.label(DimensionRole.AGE, code))
            if band is not None:
                bands[code] = band
        return bands

    def unreadable_ages(self) -> list[str]:
        bands = self.age_bands()
        return [code for code in self.codes(DimensionRole.AGE) if code not in bands]

    # --- parameters ---------------------------------------------------------------------------

    def check_code(self, role: str, code: str, *, name: str) -> str:
        """``code`` if the version has it for ``role``; else a ValidationError naming the parameter."""
        if code not in self._labels.get(role, {}):
            raise ValidationError(
                _("The dataset has no %(name)s with the code “%(code)s”.") % {"name": name, "code": code},
                code="unknown_code",
            )
        return code

    # --- aggregation ---------------------------------------------------------------------------

    def _rollup_role(self, where: Mapping[str, Any], group: Sequence[str]) -> str:
        """The role summed away by a roll-up this query can read instead of the cells; ``""`` for none.

        Only for a big version whose roll-ups are built (when it is published, in the background;
        until then the cells are read), a role neither filtered nor grouped by, without a total
        category and with codes of one level.
        """
        if not self.rolled_up or self.version.cell_count < ROLLUP_THRESHOLD or self.deduplicate:
            return ""
        for role in (DimensionRole.SSYK, DimensionRole.REGION):
            dimension = self.dimensions.get(role)
            if dimension is None or role in where or role in group or dimension.total_code:
                continue
            if len({len(code) for code in self.codes(role)}) != 1:
                continue
            return role
        return ""

    def sum(
        self,
        measure: str | Sequence[str],
        *,
        where: Mapping[str, str | Iterable[str]] | None = None,
        group: Sequence[str] = (),
    ) -> dict[Key, float]:
        """``{(codes of group...): sum of value}`` in one query (see the module docstring for totals).

        ``measure`` may be several measures; then group by ``"measure"`` to tell them apart.
        """
        where = dict(where or {})
        measures = [measure] if isinstance(measure, str) else list(measure)
        rolled = self._rollup_role(where, group)
        queryset: QuerySet[Any]
        if rolled:
            from samverka.insight.indicators.models import RollUp
            from samverka.insight.indicators.rollups import MARKER

            queryset = RollUp.objects.filter(version_id=self.version.pk, **{rolled: MARKER})
        else:
            queryset = Observation.objects.filter(version_id=self.version.pk)
            if self.deduplicate:
                queryset = queryset.filter(pk__in=first_cells(self.version))  # duplicates are never summed
        queryset = queryset.filter(measure=measures[0]) if len(measures) == 1 else queryset.filter(measure__in=measures)
        for role, dimension in self.dimensions.items():
            if role == DimensionRole.MEASURE or role == rolled:
                continue
            column = role
            if role in where:
                value = where.pop(role)
                if isinstance(value, str):
                    queryset = queryset.filter(**{column: value})
                else:
                    queryset = queryset.filter(**{f"{column}__in": list(value)})
            elif role in group:
                if dimension.total_code:
                    queryset = queryset.exclude(**{column: dimension.total_code})
            elif role == DimensionRole.TIME:
                raise ValueError("Time is never summed: fix or group by the period.")
            elif dimension.total_code:
                queryset = queryset.filter(**{f"{column}__in": [dimension.total_code, ""]})
            elif role in LEVELLED_ROLES and len(coarse := self.coarsest(role)) < len(self.codes(role)):
                queryset = queryset.filter(Q(**{f"{column}__in": coarse}) | Q(**{column: ""}))
        for role, value in where.items():  # filters on columns the version has no dimension for
            queryset = queryset.filter(**({role: value} if isinstance(value, str) else {f"{role}__in": list(value)}))
        if not group:
            total = queryset.aggregate(total=Sum("value"))["total"]
            return {(): float(total)} if total is not None else {}
        rows = queryset.values_list(*group).annotate(total=Sum("value")).order_by()
        result: dict[Key, float] = {}
        for row in rows:
            key, value = tuple(str(v) for v in row[:-1]), row[-1]
            if value is not None:
                result[key] = result.get(key, 0.0) + float(value)
        return result

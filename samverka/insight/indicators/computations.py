"""The computations behind the indicators of :mod:`samverka.insight.indicators.catalogue`.

Each function takes a :class:`~samverka.insight.indicators.cube.Cube` and cleaned parameters and returns
the rows of the result table; the catalogue wraps them with title, columns and definition. Each
runs one or two aggregate queries whatever the size of the data.
"""

import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverka.insight.indicators.cube import Cube, Key, Named, band_share
from samverka.insight.statistics.models import DimensionRole as Role

EMPLOYED = "employed"
POPULATION = "population_20_64"
MATCHED = "matched_employed"

WOMEN_CODES = frozenset({"2", "k", "f", "women", "kvinnor", "female"})
ABROAD_CODES = frozenset({"abroad", "foreign", "utrikes", "utr", "utrikes född", "foreign-born"})
POST_SECONDARY_CODES = frozenset({"eft", "post", "eftergymnasial", "5", "6", "7"})


def pct(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole`` with one decimal; ``None`` when ``whole`` is 0."""
    return round(100 * part / whole, 1) if whole else None


def count(value: float) -> int:
    return round(value)


def _find(cube: Cube, role: str, codes: frozenset[str], words: tuple[str, ...]) -> str:
    for code in cube.codes(role):
        label = cube.label(role, code).lower()
        if code.lower() in codes or label in codes or any(word in label for word in words):
            return code
    return ""


def women_code(cube: Cube) -> str:
    return _find(cube, Role.SEX, WOMEN_CODES, ("kvinn", "women", "female"))


def abroad_code(cube: Cube) -> str:
    return _find(cube, Role.BIRTH, ABROAD_CODES, ("abroad", "utrikes", "foreign"))


def post_secondary_codes(cube: Cube) -> list[str]:
    return [
        code
        for code in cube.codes(Role.SUN_LEVEL)
        if code.lower() in POST_SECONDARY_CODES
        or any(word in cube.label(Role.SUN_LEVEL, code).lower() for word in ("post-secondary", "eftergymnasial"))
    ]


@dataclass
class Scope:
    """What the rows of a table are (occupations in a region, or regions for an occupation) and the filters."""

    where: dict[str, str]
    group: str | None
    year: str

    def key(self, *roles: str) -> list[str]:
        return [self.group, *roles] if self.group else list(roles)

    def row_label(self, cube: Cube, key: Key) -> Named:
        """The row's name, carrying its code (the table keeps codes beside the names)."""
        if self.group:
            return cube.named(self.group, key[0])
        for role in (Role.SSYK, Role.REGION):
            if role in self.where:
                return cube.named(role, self.where[role])
        return Named(_("All"))

    def heading(self) -> str:
        if self.group == Role.SSYK:
            return _("Occupation (SSYK)")
        if self.group == Role.REGION:
            return _("Region")
        return _("Selection")

    def order(self, cube: Cube, keys: list[Key]) -> list[Key]:
        """Keys in the source's category order of the grouped dimension."""
        if not self.group:
            return keys
        position = {code: index for index, code in enumerate(cube.codes(self.group))}
        return sorted(keys, key=lambda key: (position.get(key[0], len(position)), key))


def year_of(cube: Cube, params: dict[str, str], name: str = "year") -> str:
    periods = cube.periods()
    if not periods:
        return ""
    value = params.get(name) or periods[-1]
    return cube.check_code(Role.TIME, value, name=_("year"))


def scope_of(cube: Cube, params: dict[str, str], *, year: str | None = None) -> Scope:
    """Rows by occupation within a region, or by region for an occupation; one row when both are given."""
    where: dict[str, str] = {}
    for role, name in ((Role.REGION, _("region")), (Role.SSYK, _("occupation"))):
        if params.get(role):
            if not cube.has(role):
                raise ValidationError(_("The dataset has no %(name)s dimension.") % {"name": name})
            where[role] = cube.check_code(role, params[role], name=name)
    year = year_of(cube, params) if year is None else year
    if year:
        where[Role.TIME] = year
    group: str | None
    if Role.REGION in where and Role.SSYK in where:
        group = None
    elif Role.REGION in where:
        group = Role.SSYK if cube.has(Role.SSYK) else None
    elif Role.SSYK in where:
        group = Role.REGION if cube.has(Role.REGION) else None
    else:
        group = Role.SSYK if cube.has(Role.SSYK) else (Role.REGION if cube.has(Role.REGION) else None)
    return Scope(where=where, group=group, year=year)


def _by_group(data: dict[Key, float], scope: Scope) -> dict[Key, dict[str, float]]:
    """``{(group code,): {last key part: sum}}`` from a query grouped by the scope's key and one more role."""
    nested: dict[Key, dict[str, float]] = {}
    for key, value in data.items():
        head, tail = (key[:1], key[-1]) if scope.group else ((), key[-1])
        nested.setdefault(head, {})[tail] = nested.setdefault(head, {}).get(tail, 0.0) + value
    return nested


# --- age structure and retirements ---------------------------------------------------------------


def age_structure(cube: Cube, params: dict[str, str]) -> list[list[Any]]:
    scope = scope_of(cube, params)
    bands = cube.age_bands()
    data = cube.sum(EMPLOYED, where=scope.where, group=scope.key(Role.AGE))
    rows = []
    for key, by_age in _ordered(cube, scope, _by_group(data, scope)):
        total = sum(value for code, value in by_age.items() if code in bands)

        def aged(low: int, high: int, by_age: dict[str, float] = by_age) -> float:
            return sum(value * band_share(bands[code], low, high) for code, value in by_age.items() if code in bands)

        over55, over60 = aged(55, 200), aged(60, 200)
        within5, within10 = aged(60, 64), aged(55, 64)
        rows.append(
            [
                scope.row_label(cube, key),
                count(total),
                count(over55),
                pct(over55, total),
                count(over60),
                pct(over60, total),
                count(within5),
                count(within10),
                pct(within10, total),
            ]
        )
    return rows


def _ordered(cube: Cube, scope: Scope, nested: dict[Key, Any]) -> list[tuple[Key, Any]]:
    return [(key, nested[key]) for key in scope.order(cube, list(nested))]


# --- education level, sex, born abroad -----------------------------------------------------------


def education_level(cube: Cube, params: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    scope = scope_of(cube, params)
    levels = cube.codes(Role.SUN_LEVEL)
    data = cube.sum(EMPLOYED, where=scope.where, group=scope.key(Role.SUN_LEVEL))
    rows = []
    for key, by_level in _ordered(cube, scope, _by_group(data, scope)):
        total = sum(by_level.get(level, 0.0) for level in levels)
        rows.append(
            [scope.row_label(cube, key), count(total), *(pct(by_level.get(level, 0.0), total) for level in levels)]
        )
    headings = [_("%(level)s (%%)") % {"level": cube.label(Role.SUN_LEVEL, level)} for level in levels]
    return headings, rows


def share_of(cube: Cube, params: dict[str, str], role: str, code: str) -> list[list[Any]]:
    """Employed, those with ``code`` in ``role``, and their share, per row of the scope."""
    scope = scope_of(cube, params)
    data = cube.sum(EMPLOYED, where=scope.where, group=scope.key(role))
    rows = []
    for key, by_code in _ordered(cube, scope, _by_group(data, scope)):
        total = sum(by_code.values())
        part = by_code.get(code, 0.0)
        rows.append([scope.row_label(cube, key), count(total), count(part), pct(part, total)])
    return rows


# --- employment rate and matched employment rate -------------------------------------------------


def employment_rate(cube: Cube, params: dict[str, str]) -> list[list[Any]]:
    year = year_of(cube, params)
    where: dict[str, str] = {Role.TIME: year} if year else {}
    if params.get(Role.REGION):
        where[Role.REGION] = cube.check_code(Role.REGION, params[Role.REGION], name=_("region"))
    split: list[str] = [role for role in (Role.SEX, Role.BIRTH) if cube.has(role)]
    bands = cube.age_bands()
    employed_group = [Role.REGION, *split, *([Role.AGE] if cube.has(Role.AGE) else [])]
    employed_rows = cube.sum(EMPLOYED, where=where, group=employed_group)
    population_rows = cube.sum(POPULATION, where=where, group=[Role.REGION, *split])
    employed: dict[Key, float] = {}
    for key, value in employed_rows.items():
        share = band_share(bands[key[-1]], 20, 64) if cube.has(Role.AGE) and key[-1] in bands else 1.0
        if cube.has(Role.AGE) and key[-1] not in bands:
            continue
        head = key[: 1 + len(split)]
        employed[head] = employed.get(head, 0.0) + value * share
    women, abroad = women_code(cube), abroad_code(cube)

    def rate(region: str, role: str | None = None, code: str | None = None, negate: bool = False) -> float | None:
        def keep(key: Key) -> bool:
            if key[0] != region:
                return False
            if role is None:
                return True
            matches = key[1 + split.index(role)] == code
            return not matches if negate else matches

        numerator = sum(v for k, v in employed.items() if keep(k))
        denominator = sum(v for k, v in population_rows.items() if keep(k))
        return pct(numerator, denominator)

    regions = sorted({key[0] for key in population_rows}, key=_position(cube, Role.REGION))
    rows = []
    for region in regions:
        total_employed = sum(v for k, v in employed.items() if k[0] == region)
        total_population = sum(v for k, v in population_rows.items() if k[0] == region)
        row: list[Any] = [cube.named(Role.REGION, region), count(total_employed), count(total_population)]
        row.append(rate(region))
        if Role.SEX in split:
            row += [rate(region, Role.SEX, women), rate(region, Role.SEX, women, negate=True)]
        if Role.BIRTH in split:
            row += [rate(region, Role.BIRTH, abroad, negate=True), rate(region, Role.BIRTH, abroad)]
        rows.append(row)
    return rows


def _position(cube: Cube, role: str) -> Any:
    position = {code: index for index, code in enumerate(cube.codes(role))}
    return lambda code: (position.get(code, len(position)), code)


def matched_employment(cube: Cube, params: dict[str, str]) -> list[list[Any]]:
    year = year_of(cube, params)
    where: dict[str, str] = {Role.TIME: year} if year else {}
    if params.get(Role.REGION):
        where[Role.REGION] = cube.check_code(Role.REGION, params[Role.REGION], name=_("region"))
    measures = [m for m in (MATCHED, POPULATION, EMPLOYED) if m in cube.measures]
    data = cube.sum(measures, where=where, group=["measure", Role.SUN_FIELD])
    fields = sorted({key[1] for key in data}, key=_position(cube, Role.SUN_FIELD))
    rows = []
    for code in fields:
        matched = data.get((MATCHED, code), 0.0)
        population = data.get((POPULATION, code))
        employed = data.get((EMPLOYED, code))
        rows.append(
            [
                cube.named(Role.SUN_FIELD, code),
                count(population) if population is not None else None,
                count(employed) if employed is not None else None,
                count(matched),
                pct(matched, population) if population else None,
                pct(employed, population) if population and employed is not None else None,
                pct(matched, employed) if employed else None,
            ]
        )
    return rows


# --- change over time ----------------------------------------------------------------------------


def default_measure(cube: Cube) -> str:
    """The measure change over time follows when none is chosen: "employed" when the table has it, else
    its first measure ("" for a table without a measure dimension)."""
    if not cube.has(Role.MEASURE):
        return ""
    codes = cube.codes(Role.MEASURE)
    return EMPLOYED if EMPLOYED in codes else (codes[0] if codes else "")


def change_over_time(cube: Cube, params: dict[str, str]) -> tuple[str, str, list[list[Any]]]:
    periods = cube.periods()
    if len(periods) < 2:
        raise ValidationError(_("Change over time needs at least two periods; the dataset has one."), code="years")
    start = cube.check_code(Role.TIME, params.get("from_year") or periods[0], name=_("first year"))
    end = cube.check_code(Role.TIME, params.get("to_year") or periods[-1], name=_("last year"))
    if start >= end:
        raise ValidationError(_("The first year must come before the last year."), code="years")
    measure = params.get("measure") or default_measure(cube)
    if cube.has(Role.MEASURE) and measure not in cube.measures:
        raise ValidationError(_("The dataset has no measure “%(code)s”.") % {"code": measure}, code="measure")
    scope = scope_of(cube, params, year="")
    where = {**scope.where, Role.TIME: [start, end]}
    data = cube.sum(measure, where=where, group=scope.key(Role.TIME))  # type: ignore[arg-type]
    rows = []
    for key, by_period in _ordered(cube, scope, _by_group(data, scope)):
        before, after = by_period.get(start), by_period.get(end)
        change = after - before if before is not None and after is not None else None
        rows.append(
            [
                scope.row_label(cube, key),
                count(before) if before is not None else None,
                count(after) if after is not None else None,
                count(change) if change is not None else None,
                pct(change, before) if change is not None and before else None,
            ]
        )
    return start, end, rows


# --- comparison between regions ------------------------------------------------------------------

#: How many regions in a similar situation are named.
NEIGHBOURS = 5


def region_comparison(cube: Cube, params: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    """Every region of the chosen region's level with its features, nearest (most similar) first."""
    chosen = params.get(Role.REGION) or ""
    if not chosen:
        raise ValidationError(_("Choose the region to compare."), code="region")
    cube.check_code(Role.REGION, chosen, name=_("region"))
    year = year_of(cube, params)
    peers = [code for code in cube.codes(Role.REGION) if len(code) == len(chosen)]
    where: dict[str, Any] = {Role.REGION: peers}
    if year:
        where[Role.TIME] = year
    if params.get(Role.SSYK):
        where[Role.SSYK] = cube.check_code(Role.SSYK, params[Role.SSYK], name=_("occupation"))
    extra = [role for role in (Role.AGE, Role.SUN_LEVEL) if cube.has(role)]
    data = cube.sum(EMPLOYED, where=where, group=[Role.REGION, *extra])
    bands = cube.age_bands()
    post = set(post_secondary_codes(cube))
    features: dict[str, list[float]] = {}
    raw: dict[str, list[float]] = {}
    totals: dict[str, float] = {}
    older: dict[str, float] = {}
    educated: dict[str, float] = {}
    for key, value in data.items():
        region = key[0]
        totals[region] = totals.get(region, 0.0) + value
        if Role.AGE in extra:
            age = key[1 + extra.index(Role.AGE)]
            if age in bands:
                older[region] = older.get(region, 0.0) + value * band_share(bands[age], 55, 200)
        if Role.SUN_LEVEL in extra and key[1 + extra.index(Role.SUN_LEVEL)] in post:
            educated[region] = educated.get(region, 0.0) + value
    regions = [code for code in peers if totals.get(code)]
    if chosen not in regions:
        raise ValidationError(_("The dataset has no employed in the chosen region for this selection."))
    for region in regions:
        values = [math.log(totals[region])]
        if Role.AGE in extra:
            values.append(older.get(region, 0.0) / totals[region])
        if Role.SUN_LEVEL in extra:
            values.append(educated.get(region, 0.0) / totals[region])
        raw[region] = values
    features = standardise(raw)
    distance = {region: math.dist(features[region], features[chosen]) for region in regions}
    ordered = sorted(regions, key=lambda region: (distance[region], region))
    similar = set(ordered[1 : NEIGHBOURS + 1])
    headings = [_("Region"), _("Employed")]
    if Role.AGE in extra:
        headings.append(_("Aged 55+ (%)"))
    if Role.SUN_LEVEL in extra:
        headings.append(_("Post-secondary education (%)"))
    headings += [_("Distance"), _("Similar situation")]
    rows = []
    for region in ordered:
        row: list[Any] = [cube.named(Role.REGION, region), count(totals[region])]
        if Role.AGE in extra:
            row.append(pct(older.get(region, 0.0), totals[region]))
        if Role.SUN_LEVEL in extra:
            row.append(pct(educated.get(region, 0.0), totals[region]))
        marker = _("chosen region") if region == chosen else _("yes") if region in similar else ""
        row += [round(distance[region], 2), marker]
        rows.append(row)
    return headings, rows


def standardise(raw: dict[str, list[float]]) -> dict[str, list[float]]:
    """Each feature as z-scores over the regions (mean 0, standard deviation 1; 0 when all are equal)."""
    if not raw:
        return {}
    width = len(next(iter(raw.values())))
    means = [sum(values[i] for values in raw.values()) / len(raw) for i in range(width)]
    deviations = [
        math.sqrt(sum((values[i] - means[i]) ** 2 for values in raw.values()) / len(raw)) for i in range(width)
    ]
    return {
        region: [(values[i] - means[i]) / deviations[i] if deviations[i] else 0.0 for i in range(width)]
        for region, values in raw.items()
    }

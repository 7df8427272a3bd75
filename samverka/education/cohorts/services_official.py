"""Official follow-up figures from an imported statistics table into cohort outcomes.

The analyst imports a published table (Skolverket's establishment after upper secondary, SCB's follow-up of
YH graduates) with the statistics importer, then maps the version's columns: which holds the education or
programme code, the start year, the horizon (years after), the category and the count, and optionally the
municipality and sex. ``official_outcomes_preview`` reads the version and says what would be written;
``official_outcomes_import`` writes it, through ``services.outcome_save``, in one transaction.

Decisions recorded here:

* A row is matched to a cohort of the space by the code of the offering's education (for upper secondary,
  GY, also by the programme: the first two letters of the study-path code), the start year (the table's
  year minus ``year_offset``: Skolverket counts by year of leaving, three years after the start) and, when a
  municipality column is mapped, the offering's municipality. A row that matches no cohort, or more than one
  (the official figure cannot be split between them), is reported with its reason and not written.
* Each source category is mapped to one of the scheme's categories, guessed from its label when the analyst
  does not say; the table's total is left out. A category neither guessed nor mapped refuses the import.
* When a sex column is mapped, the total rows are used if the table has them, otherwise the sexes are summed.
* A cell the source masked (".." etc.) is no figure: it is reported, and the outcome is marked uncertain.
* A count that is not a whole number of zero or more refuses the import (a share column mapped as the count).
* Outcomes are written with source Skolverket (establishment) or SCB (YH follow-up), method register, status
  final; re-importing replaces the outcome of the same cohort × horizon × scheme × source (idempotent). If
  one outcome does not fit its cohort (more than those who can be followed up), nothing is written.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.education.catalogue.models import SchoolType
from samverka.education.cohorts.models import (
    SCHEME_CATEGORIES,
    Category,
    Cohort,
    CohortOutcome,
    Horizon,
    Method,
    Quality,
    Scheme,
    Source,
    Status,
)
from samverka.education.cohorts.services import OutcomeData, outcome_errors, outcome_save
from samverka.insight.statistics import selectors as statistics
from samverka.insight.statistics.models import DatasetVersion, DimensionRole, VersionStatus
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space

#: The official source of each scheme.
SCHEME_SOURCES: dict[str, str] = {Scheme.ESTABLISHMENT: Source.SKOLVERKET, Scheme.YH_FOLLOW_UP: Source.SCB}
#: A mapped category that is left out (e.g. the table's total).
LEAVE_OUT = "-"
#: Sex codes that are the total of both (SCB's "1+2", "TOT"; words in other tables).
SEX_TOTALS = frozenset({"1+2", "tot", "totsa", "total", "totalt", "samtliga", "båda könen", "alla"})

#: Lower-case source labels → category: the published tables' wordings.
CATEGORY_LABELS: dict[str, str] = {
    "etablerad": Category.ESTABLISHED,
    "etablerade": Category.ESTABLISHED,
    "etablerad på arbetsmarknaden": Category.ESTABLISHED,
    "osäker etablering": Category.UNCERTAIN,
    "osäker ställning": Category.UNCERTAIN,
    "svag ställning": Category.WEAK,
    "svag etablering": Category.WEAK,
    "svag position": Category.WEAK,
    "studier vid universitet/högskola": Category.HIGHER_EDUCATION,
    "studier på universitet/högskola": Category.HIGHER_EDUCATION,
    "studerar vid universitet/högskola": Category.HIGHER_EDUCATION,
    "högskolestudier": Category.HIGHER_EDUCATION,
    "övriga studier": Category.OTHER_STUDIES,
    "andra studier": Category.OTHER_STUDIES,
    "studerar annat": Category.OTHER_STUDIES,
    "varken arbete eller studier": Category.NEITHER,
    "varken arbetar eller studerar": Category.NEITHER,
    "huvudsaklig sysselsättning: arbete": Category.WORKING,
    "huvudsaklig sysselsättning arbete": Category.WORKING,
    "arbetar": Category.WORKING,
    "i arbete": Category.WORKING,
    "arbetet stämmer helt med utbildningen": Category.MATCH_FULLY,
    "helt": Category.MATCH_FULLY,
    "arbetet stämmer i stort sett med utbildningen": Category.MATCH_MOSTLY,
    "i stort sett": Category.MATCH_MOSTLY,
    "arbetet stämmer delvis med utbildningen": Category.MATCH_PARTLY,
    "delvis": Category.MATCH_PARTLY,
    "arbetet stämmer inte alls med utbildningen": Category.MATCH_NOT,
    "inte alls": Category.MATCH_NOT,
    "totalt": LEAVE_OUT,
    "samtliga": LEAVE_OUT,
    "total": LEAVE_OUT,
}


def guess_category(code: str, label: str = "") -> str:
    """The category a source's category code or label most likely is; "" when nothing fits."""
    for text in (label, code):
        key = " ".join(str(text).lower().split())
        if key in CATEGORY_LABELS:
            return str(CATEGORY_LABELS[key])
        if key in Category.values:
            return key
    return ""


@dataclass(frozen=True)
class OfficialMapping:
    """Which column of the version is which; the values are the version's dimension codes (column names).

    ``count`` is the version's value column (a CSV or Excel import) or a code of its measure dimension
    (PxWeb). ``categories`` maps a source category code to a category of the scheme or ``LEAVE_OUT``.
    """

    scheme: str
    education: str
    start_year: str
    horizon: str
    category: str
    count: str
    municipality: str = ""
    sex: str = ""
    year_offset: int = 0
    categories: dict[str, str] = field(default_factory=dict)


@dataclass
class Unmatched:
    """Rows of the table not written, with why: the key they share, how many rows."""

    code: str
    municipality: str
    year: str
    reason: str
    rows: int = 0


@dataclass
class PlannedOutcome:
    cohort: Cohort
    horizon: int
    counts: dict[str, int]
    masked: list[str] = field(default_factory=list)
    exists: bool = False

    def figures(self) -> list[tuple[str, int]]:
        """(category label, count) in the scheme's order, for the preview."""
        return [(str(Category(name).label), count) for name, count in sorted(self.counts.items(), key=_order)]


def _order(item: tuple[str, int]) -> int:
    return list(Category.values).index(item[0])


@dataclass
class OfficialReport:
    """What a preview found or an import wrote."""

    #: The rows read (the categories left out, e.g. the total, and the other sex rows not counted).
    rows: int = 0
    matched_rows: int = 0
    unmatched: list[Unmatched] = field(default_factory=list)
    outcomes: list[PlannedOutcome] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def unmatched_rows(self) -> int:
        return sum(item.rows for item in self.unmatched)


def _refuse(message: str, **params: Any) -> ValidationError:
    return ValidationError(message % params if params else message)


def _horizon(text: str) -> int | None:
    """ "1 år" / "1" / "1 år efter" → 1; None when the text starts with no number."""
    found = re.match(r"^\s*(\d+)", text)
    return int(found.group(1)) if found else None


def _year(text: str) -> int | None:
    found = re.match(r"^\s*(\d{4})", text)
    return int(found.group(1)) if found else None


class _Reader:
    """The mapped values of a version's observations."""

    def __init__(self, version: DatasetVersion, mapping: OfficialMapping) -> None:
        self.dimensions = {dimension.code: dimension for dimension in statistics.dimensions_of(version)}
        self.mapping = mapping
        value_column = str((version.query or {}).get("value_column", "")) if isinstance(version.query, dict) else ""
        measure = next((d for d in self.dimensions.values() if d.role == DimensionRole.MEASURE), None)
        measures = {str(code) for code, _label in measure.categories} if measure is not None else set()
        if not mapping.count:
            raise _refuse(_("Choose the column that holds the counts."))
        if mapping.count in measures:
            self.measure = mapping.count
        elif mapping.count == value_column and not measures:
            self.measure = ""
        else:
            found = ", ".join(sorted(measures)) or value_column or "–"
            raise _refuse(
                _("The table has no count column %(name)s; its figures are in: %(found)s."),
                name=mapping.count,
                found=found,
            )
        named = {
            "education": (mapping.education, _("education code")),
            "start_year": (mapping.start_year, _("start year")),
            "horizon": (mapping.horizon, _("years after")),
            "category": (mapping.category, _("category")),
        }
        for _key, (code, label) in named.items():
            if not code:
                raise _refuse(_("Choose the column that holds the %(what)s."), what=label)
        chosen = (
            mapping.education,
            mapping.start_year,
            mapping.horizon,
            mapping.category,
            mapping.municipality,
            mapping.sex,
        )
        for code in chosen:
            if code and code not in self.dimensions:
                raise _refuse(_("The table has no column %(name)s."), name=code)
        used = [c for c in chosen if c]
        for code in used:
            if used.count(code) > 1:
                raise _refuse(_("The column %(name)s is mapped to two things: map each column to one."), name=code)

    def category_map(self) -> dict[str, str]:
        """Source category code → category (or LEAVE_OUT); refuses a category that is neither mapped nor guessed."""
        dimension = self.dimensions[self.mapping.category]
        allowed = SCHEME_CATEGORIES[self.mapping.scheme]
        result: dict[str, str] = {}
        for code, label in dimension.categories:
            code, label = str(code), str(label)
            chosen = self.mapping.categories.get(code) or guess_category(code, label)
            if not chosen and code == dimension.total_code:
                chosen = LEAVE_OUT
            if chosen != LEAVE_OUT and chosen not in allowed:
                raise _refuse(
                    _(
                        "The category %(label)s of column %(column)s is not a category of %(scheme)s: map it to one "
                        "of them or leave it out."
                    ),
                    label=label or code,
                    column=self.mapping.category,
                    scheme=Scheme(self.mapping.scheme).label,
                )
            result[code] = chosen
        return result

    def sex_totals(self) -> frozenset[str]:
        """The lower-case sex codes that are the total of both (SCB's, and the dimension's own total)."""
        dimension = self.dimensions.get(self.mapping.sex)
        own = {dimension.total_code.lower()} if dimension is not None and dimension.total_code else set()
        return SEX_TOTALS | own

    def column(self, code: str) -> tuple[str, str]:
        """(observation column, dimension code) of a mapped column: a role's column, or ``other``."""
        role = self.dimensions[code].role
        return ("other", code) if role == DimensionRole.OTHER else (str(role), code)

    def rows(self, version: DatasetVersion) -> list[dict[str, Any]]:
        names = {
            "education": self.mapping.education,
            "start_year": self.mapping.start_year,
            "horizon": self.mapping.horizon,
            "category": self.mapping.category,
            "municipality": self.mapping.municipality,
            "sex": self.mapping.sex,
        }
        columns = {key: self.column(code) for key, code in names.items() if code}
        fields = sorted({column for column, _code in columns.values()} | {"value", "status", "measure"})
        cells = statistics.observations(version, {"measure": self.measure} if self.measure else {})
        found = []
        for values in cells.values(*fields).iterator():
            other = dict(part.split("=", 1) for part in values.get("other", "").split("|") if "=" in part)
            row = {
                key: (other.get(code, "") if column == "other" else str(values[column] or ""))
                for key, (column, code) in columns.items()
            }
            row["value"], row["status"] = values["value"], values["status"]
            found.append(row)
        return found


def _cohort_index(space: Space) -> dict[tuple[str, int], list[Cohort]]:
    """(code, start year) → the space's cohorts: by the education's code, and for GY also by the programme."""
    index: dict[tuple[str, int], list[Cohort]] = defaultdict(list)
    cohorts = Cohort.objects.filter(space=space).select_related(
        "offering__education", "offering__municipality", "offering__provider"
    )
    for cohort in cohorts:
        education = cohort.offering.education
        code = (education.code or "").strip().upper()
        if not code:
            continue
        keys = {code}
        if education.school_type == SchoolType.GY and len(code) >= 2:
            keys.add(code[:2])
        for key in keys:
            index[(key, cohort.start_year)].append(cohort)
    return index


def _check_version(space: Space, version: DatasetVersion, user: User | None) -> None:
    if version.dataset.space_id != space.pk or version.status == VersionStatus.DISCARDED:
        raise _refuse(_("Choose a version of one of the space's datasets that has not been discarded."))
    if user is not None and not statistics.versions_in_space(space, user).filter(pk=version.pk).exists():
        raise _refuse(_("You may not read this version of the dataset."))


def official_outcomes_preview(
    *, space: Space, version: DatasetVersion, mapping: OfficialMapping, user: User | None
) -> OfficialReport:
    """What importing ``version`` with ``mapping`` would write, and which rows match no cohort; writes nothing.

    Refuses (ValidationError, with a message naming what is wrong) a mapping that cannot be read.
    """
    if mapping.scheme not in SCHEME_SOURCES:
        raise _refuse(_("Choose the scheme of the official figures."))
    _check_version(space, version, user)
    reader = _Reader(version, mapping)
    categories = reader.category_map()
    index = _cohort_index(space)
    report = OfficialReport()
    unmatched: dict[tuple[str, str, str, str], Unmatched] = {}
    #: (cohort, horizon) → category → count.
    sums: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    masked: dict[tuple[int, int], list[str]] = defaultdict(list)
    matched: dict[int, Cohort] = {}
    rows = reader.rows(version)
    sex_totals = reader.sex_totals()
    total_sex = bool(mapping.sex) and any(row["sex"].lower() in sex_totals for row in rows)

    def skip(row: dict[str, Any], reason: str) -> None:
        key = (row["education"], row.get("municipality", ""), row["start_year"], reason)
        item = unmatched.setdefault(key, Unmatched(key[0], key[1], key[2], reason))
        item.rows += 1

    for row in rows:
        if mapping.sex and (row["sex"].lower() in sex_totals) != total_sex:
            continue  # the rows per sex when the table has totals (or the totals when it has none)
        category = categories.get(row["category"], LEAVE_OUT)
        if category == LEAVE_OUT:
            continue
        report.rows += 1
        horizon = _horizon(row["horizon"])
        if horizon is None:
            raise _refuse(
                _("The column %(column)s does not hold years after (read %(value)s): choose the right column."),
                column=mapping.horizon,
                value=row["horizon"][:40],
            )
        year = _year(row["start_year"])
        if year is None:
            raise _refuse(
                _("The column %(column)s does not hold years (read %(value)s): choose the right column."),
                column=mapping.start_year,
                value=row["start_year"][:40],
            )
        value = row["value"]
        if value is not None and (value < 0 or not float(value).is_integer()):
            raise _refuse(
                _(
                    "The count of %(code)s %(year)s, %(category)s is %(value)s, not a whole number of zero or more: "
                    "is %(column)s the column of counts (not shares)?"
                ),
                code=row["education"],
                year=row["start_year"],
                category=row["category"],
                value=str(value).replace(".", ","),
                column=mapping.count,
            )
        if horizon not in Horizon.values:
            skip(
                row, _("The horizon is %(years)s years; cohorts are followed up after 1, 3 or 5.") % {"years": horizon}
            )
            continue
        start = year - mapping.year_offset
        candidates = index.get((row["education"].strip().upper(), start), [])
        if mapping.municipality:
            candidates = [c for c in candidates if (c.offering.municipality_id or "") == row["municipality"]]
        if not candidates:
            if mapping.municipality:
                message = _("No cohort in the space starts in %(year)s with this code in this municipality.")
            else:
                message = _("No cohort in the space starts in %(year)s with this code.")
            skip(row, message % {"year": start})
            continue
        if len(candidates) > 1:
            skip(
                row,
                _("%(n)s cohorts match (%(which)s): the official figure cannot be split between them.")
                % {"n": len(candidates), "which": "; ".join(str(c) for c in candidates[:4])},
            )
            continue
        cohort = candidates[0]
        if mapping.scheme == Scheme.YH_FOLLOW_UP and cohort.offering.education.school_type == SchoolType.GY:
            skip(
                row,
                _(
                    "An upper-secondary cohort is followed up in Skolverket's establishment scheme, not SCB's YH follow-up."
                ),
            )
            continue
        report.matched_rows += 1
        matched[cohort.pk] = cohort
        key = (cohort.pk, horizon)
        if value is None:
            masked[key].append(row["category"])
            continue
        sums[key][category] += int(value)
    source = SCHEME_SOURCES[mapping.scheme]
    existing = set(
        CohortOutcome.objects.filter(cohort_id__in=list(matched), scheme=mapping.scheme, source=source).values_list(
            "cohort_id", "horizon"
        )
    )
    problems: list[str] = []
    for key in sorted(set(sums) | set(masked)):
        cohort = matched[key[0]]
        counts = dict(sums.get(key, {}))
        for messages in outcome_errors(cohort, mapping.scheme, counts).values():
            problems += [f"{cohort}, {Horizon(key[1]).label}: {message}" for message in messages]
        report.outcomes.append(
            PlannedOutcome(
                cohort=cohort, horizon=key[1], counts=counts, masked=masked.get(key, []), exists=key in existing
            )
        )
    report.unmatched = sorted(unmatched.values(), key=lambda item: (item.code, item.municipality, item.year))
    if problems:
        raise ValidationError(problems)
    return report


@transaction.atomic
def official_outcomes_import(
    *, space: Space, version: DatasetVersion, mapping: OfficialMapping, actor: User | None
) -> OfficialReport:
    """Write the official outcomes of ``version`` (see the preview), all or nothing; re-running updates them."""
    ensure(actor is None or actor.has_perm("cohorts.record_cohorts", space))
    report = official_outcomes_preview(space=space, version=version, mapping=mapping, user=actor)
    dataset = version.dataset
    base = _("Imported from %(title)s, version %(number)s.") % {"title": dataset.title, "number": version.number}
    for planned in report.outcomes:
        comment = base
        if planned.masked:
            comment += " " + _("Masked at the source: %(categories)s.") % {"categories": ", ".join(planned.masked)}
        outcome_save(
            cohort=planned.cohort,
            actor=actor,
            data=OutcomeData(
                horizon=planned.horizon,
                scheme=mapping.scheme,
                source=SCHEME_SOURCES[mapping.scheme],
                method=Method.REGISTER,
                response_rate=None,
                status=Status.FINAL,
                quality=Quality.UNCERTAIN if planned.masked else Quality.OK,
                quality_comment=comment,
                counts=planned.counts,
            ),
        )
        if planned.exists:
            report.updated += 1
        else:
            report.created += 1
    return report

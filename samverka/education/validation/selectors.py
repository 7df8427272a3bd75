"""Reads of validation offers and outcomes.

``outcome_table`` is the ONE way outcomes leave the space's insiders: the public table, every CSV and Excel
export and the API call it, so the small-number suppression is written once. It aggregates in SQL by the
chosen dimensions and masks every cell below the space's k (``ValidationSettings.suppression_k``, default 5),
zero included. A total whose parts are shown beside it would give a masked part away (total − the other
part), so when exactly one part of a total is masked, the total is masked too (secondary suppression).
The table has no grand-total row, for the same reason.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from samverka.education.validation.models import (
    COMPLETED,
    COUNT_FIELDS,
    DEFAULT_SUPPRESSION_K,
    FOLLOW_UPS,
    RESULTS,
    STARTED,
    STEPS,
    ValidationOffer,
    ValidationOfferOccupation,
    ValidationOutcome,
    ValidationSettings,
)
from samverka.insight.classifications import selectors as classifications
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.core.suppression import Cell
from samverka.platform.core.suppression import suppress as shared_suppress
from samverka.platform.spaces.models import Space

# --- offers -------------------------------------------------------------------------------------------


def _offer_rows(queryset: QuerySet[ValidationOffer]) -> QuerySet[ValidationOffer]:
    return queryset.select_related("space", "provider", "organisation", "municipality").prefetch_related(
        Prefetch("occupations", queryset=ValidationOfferOccupation.objects.order_by("ssyk_code"))
    )


def offer_list(*, user: User | AnonymousUser, space: Space) -> QuerySet[ValidationOffer]:
    """The space's offers ``user`` may see (published and not), for the space's own list."""
    return _offer_rows(ValidationOffer.objects.restrict(user).filter(space=space)).order_by("title", "pk")


def offer_get(*, user: User | AnonymousUser, pk: int, space: Space | None = None) -> ValidationOffer:
    """An offer ``user`` may see (404 otherwise), with what its pages show."""
    rows = ValidationOffer.objects.restrict(user)
    if space is not None:
        rows = rows.filter(space=space)
    offer = (
        _offer_rows(rows)
        .prefetch_related("offerings__education", "offerings__municipality", "educations")
        .filter(pk=pk)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


@dataclass(frozen=True)
class OfferFilters:
    """What the public search asks: free text (an occupation, a title, a place), kind, county, municipality."""

    q: str = ""
    kind: str = ""
    county: str = ""
    municipality: str = ""
    ssyk: str = ""


def stem(word: str) -> str:
    """A Swedish word without its last vowel, so "undersköterska" finds "undersköterskor" (SSYK's plural names)."""
    return word[:-1] if len(word) >= 5 and word[-1] in "aeiouyåäö" else word


def offer_search(*, user: User | AnonymousUser, filters: OfferFilters) -> QuerySet[ValidationOffer]:
    """Published offers matching ``filters`` ("Where can I validate X?"), for everyone alike."""
    rows = ValidationOffer.objects.restrict(user).published()
    for word in filters.q.lower().split()[:8]:
        rows = rows.filter(search_text__contains=stem(word))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.municipality:
        rows = rows.filter(municipality_id=filters.municipality)
    elif filters.county:
        rows = rows.filter(Q(municipality__county_id=filters.county) | Q(space__county_id=filters.county))
    if filters.ssyk:
        rows = rows.filter(occupations__ssyk_code__startswith=filters.ssyk).distinct()
    return _offer_rows(rows).order_by("title", "pk")


def occupation_names(codes: Sequence[str]) -> dict[str, str]:
    """SSYK code → Swedish name, for the codes given (one query)."""
    if not codes:
        return {}
    from samverka.insight.classifications.models import ClassificationItem

    return dict(ClassificationItem.objects.filter(scheme="ssyk2012", code__in=set(codes)).values_list("code", "name"))


# --- outcomes -----------------------------------------------------------------------------------------


def suppression_k(space: Space) -> int:
    found = ValidationSettings.objects.filter(space=space).values_list("suppression_k", flat=True).first()
    return found or DEFAULT_SUPPRESSION_K


#: The dimensions a table can be grouped by: name → (field on ValidationOutcome, heading).
DIMENSIONS: dict[str, tuple[str, Any]] = {
    "year": ("year", _("Year")),
    "occupation": ("ssyk_code", _("Occupation (SSYK 2012)")),
    "industry_model": ("industry_model", _("Industry model")),
    "provider": ("provider_name", _("Provider")),
    "municipality": ("municipality_id", _("Municipality")),
}
DEFAULT_GROUPING = ("year", "occupation")

#: The table's figure columns: name → heading; totals are computed from their parts.
_HEADINGS: dict[str, Any] = {
    "started_women": _("Started, women"),
    "started_men": _("Started, men"),
    "started": _("Started"),
    "completed_women": _("Completed, women"),
    "completed_men": _("Completed, men"),
    "completed": _("Completed"),
    "reached_mapping": _("Furthest step: mapping"),
    "reached_assessment": _("Furthest step: assessment"),
    "reached_documentation": _("Furthest step: documentation"),
    "reached_recognition": _("Furthest step: recognition"),
    "result_mapping_statement": _("Mapping statement"),
    "result_competence_certificate": _("Competence certificate"),
    "result_grade": _("Grade"),
    "result_professional_certificate": _("Professional certificate"),
    "result_partial": _("Partial, with complementary education"),
    "followup_work": _("Then: work"),
    "followup_education": _("Then: further education"),
    "followup_other": _("Then: other"),
    "followup_unknown": _("Then: unknown"),
}
FIGURE_COLUMNS: tuple[str, ...] = (
    *STARTED,
    "started",
    *COMPLETED,
    "completed",
    *STEPS,
    *RESULTS,
    *FOLLOW_UPS,
)
#: total → its parts (a masked part masks its total: secondary suppression).
TOTALS = {"started": STARTED, "completed": COMPLETED}


@dataclass
class OutcomeRow:
    #: dimension name → (code, label), e.g. ``{"municipality": ("0484", "Eskilstuna")}``.
    keys: dict[str, tuple[str, str]]
    cells: dict[str, Cell]

    def cell_list(self) -> list[Cell]:
        return [self.cells[name] for name in FIGURE_COLUMNS]


@dataclass
class OutcomeTable:
    space: Space
    k: int
    group_by: tuple[str, ...]
    rows: list[OutcomeRow] = field(default_factory=list)
    year: int | None = None

    @property
    def dimension_headings(self) -> list[Any]:
        return [DIMENSIONS[name][1] for name in self.group_by]

    @property
    def figure_headings(self) -> list[Any]:
        return [_HEADINGS[name] for name in FIGURE_COLUMNS]

    @property
    def any_suppressed(self) -> bool:
        return any(cell.suppressed for row in self.rows for cell in row.cells.values())


def suppress(values: dict[str, int], k: int) -> dict[str, Cell]:
    """Each figure as a cell, masked below ``k``; a total with exactly one masked part is masked too."""
    return shared_suppress(values, k, TOTALS)


def _grouping(group_by: Sequence[str] | None) -> tuple[str, ...]:
    chosen = tuple(name for name in (group_by or ()) if name in DIMENSIONS)
    return tuple(dict.fromkeys(chosen)) or DEFAULT_GROUPING


def outcome_years(space: Space) -> list[int]:
    return list(
        ValidationOutcome.objects.filter(space=space).order_by("-year").values_list("year", flat=True).distinct()
    )


def outcome_table(*, space: Space, group_by: Sequence[str] | None = None, year: int | None = None) -> OutcomeTable:
    """The space's outcomes summed by ``group_by`` (dimension names), every cell below k masked.

    The one read of outcome rows that is not ``restrict(user)``: what it returns may be shown to anyone.
    """
    grouping = _grouping(group_by)
    table = OutcomeTable(space=space, k=suppression_k(space), group_by=grouping, year=year)
    fields = [DIMENSIONS[name][0] for name in grouping]
    rows = ValidationOutcome.objects.filter(space=space)  # aggregated and suppressed below, never listed
    if year is not None:
        rows = rows.filter(year=year)
    sums = rows.values(*fields).annotate(**{f"sum_{name}": Sum(name) for name in COUNT_FIELDS}).order_by(*fields)
    found = list(sums)
    ssyk = (
        occupation_names([row["ssyk_code"] for row in found if row.get("ssyk_code")])
        if "occupation" in grouping
        else {}
    )
    municipalities = (
        dict(
            Municipality.objects.filter(code__in={row["municipality_id"] for row in found}).values_list("code", "name")
        )
        if "municipality" in grouping
        else {}
    )
    for row in found:
        values = {name: int(row[f"sum_{name}"] or 0) for name in COUNT_FIELDS}
        for total, parts in TOTALS.items():
            values[total] = sum(values[part] for part in parts)
        keys: dict[str, tuple[str, str]] = {}
        for name in grouping:
            code = row[DIMENSIONS[name][0]]
            code = "" if code is None else str(code)
            if name == "occupation":
                label = f"{code} {ssyk.get(code, '')}".strip() if code else str(_("Not given"))
            elif name == "municipality":
                label = municipalities.get(code, "") or str(_("Not given"))
            else:
                label = code or str(_("Not given"))
            keys[name] = (code, label)
        table.rows.append(OutcomeRow(keys=keys, cells=suppress(values, table.k)))
    return table


def outcome_list(*, user: User | AnonymousUser, space: Space, year: int | None = None) -> QuerySet[ValidationOutcome]:
    """The space's outcome rows as entered, for its insiders (never public, never exported)."""
    rows = ValidationOutcome.objects.restrict(user).filter(space=space).select_related("municipality", "offer")
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def outcome_get(*, user: User | AnonymousUser, space: Space, pk: int) -> ValidationOutcome:
    outcome = ValidationOutcome.objects.restrict(user).filter(space=space, pk=pk).select_related("space").first()
    if outcome is None:
        raise Http404
    return outcome


def ssyk_choices() -> list[tuple[str, str]]:
    """(code, "code name") of every SSYK 2012 unit group, for pickers."""
    labels = classifications.labels("ssyk2012")
    return [(code, f"{code} {labels[code]}") for code in sorted(classifications.codes("ssyk2012", level=4))]

"""Reads of cohorts.

``follow_up_table`` is the ONE way cohort figures leave the insiders' pages: every CSV and Excel export and
the API call it, so the small-number suppression is written once (``platform.core.suppression``, with the k
of the space's validation settings, default 5). It sums the cohorts per offering × start year in SQL; each
cell below k is masked, and the completion rate is shown only when neither of its figures is masked. The
table shows no grand total and no parts beside a total, so no masked cell can be worked out from the others.

The insiders' own pages (list, detail, the offering's card) show the raw counts, marked as such.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from samverka.education.catalogue.models import Offering
from samverka.education.cohorts.models import (
    SCHEME_CATEGORIES,
    UPPER_SECONDARY,
    Category,
    Cohort,
    CohortOutcome,
    CohortOutcomeFigure,
    Horizon,
    Scheme,
    Source,
)
from samverka.education.validation.selectors import suppression_k
from samverka.platform.accounts.models import User
from samverka.platform.core.suppression import Cell, suppress
from samverka.platform.spaces.models import Space

#: How many cohorts a page of the list shows.
PAGE_SIZE = 50


def _cohort_rows(queryset: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return queryset.select_related("space", "offering__education", "offering__provider", "offering__municipality")


@dataclass(frozen=True)
class CohortFilters:
    """What the list asks: start year, term, provider, offering, municipality; ``after`` is the page's key."""

    year: int | None = None
    term: str = ""
    provider: int | None = None
    offering: int | None = None
    municipality: str = ""
    after: str = ""


def parse_key(value: str) -> tuple[int, str, int] | None:
    """``"2025.HT.17"`` → (2025, "HT", 17), the last row of the previous page; None for anything else."""
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit() or parts[1] not in ("HT", "VT"):
        return None
    return int(parts[0]), parts[1], int(parts[2])


def key_of(cohort: Cohort) -> str:
    return f"{cohort.start_year}.{cohort.term}.{cohort.pk}"


@dataclass
class CohortPage:
    cohorts: list[Cohort]
    next_key: str = ""


def cohort_list(*, user: User | AnonymousUser, space: Space, filters: CohortFilters | None = None) -> CohortPage:
    """One page of the space's cohorts ``user`` may see (newest start first), by key: the next page starts
    after the last row of this one, so a page costs the same however deep."""
    filters = filters or CohortFilters()
    rows = Cohort.objects.restrict(user).filter(space=space)
    if filters.year:
        rows = rows.filter(start_year=filters.year)
    if filters.term:
        rows = rows.filter(term=filters.term)
    if filters.provider:
        rows = rows.filter(offering__provider_id=filters.provider)
    if filters.offering:
        rows = rows.filter(offering_id=filters.offering)
    if filters.municipality:
        rows = rows.filter(offering__municipality_id=filters.municipality)
    key = parse_key(filters.after)
    if key is not None:
        year, term, pk = key
        rows = rows.filter(
            Q(start_year__lt=year) | Q(start_year=year, term__gt=term) | Q(start_year=year, term=term, pk__gt=pk)
        )
    found = list(_cohort_rows(rows).order_by("-start_year", "term", "pk")[: PAGE_SIZE + 1])
    page = CohortPage(cohorts=found[:PAGE_SIZE])
    if len(found) > PAGE_SIZE:
        page.next_key = key_of(found[PAGE_SIZE - 1])
    return page


def cohort_years(space: Space) -> list[int]:
    return list(
        Cohort.objects.filter(space=space).order_by("-start_year").values_list("start_year", flat=True).distinct()
    )


#: Up to this many offerings the list offers them all as a filter; beyond it the user picks a provider first.
MAX_OFFERING_CHOICES = 100


def filter_choices(space: Space, provider: int | None = None) -> dict[str, Any]:
    """The providers, offerings and municipalities that have cohorts in ``space``, for the list's filters.

    Each is one query over the offerings that have cohorts (a semi-join, not a join over every cohort). At
    national scale a space has thousands of such offerings, too many for one menu: beyond
    ``MAX_OFFERING_CHOICES`` the offerings are listed for the chosen provider only (``offerings_capped``)."""
    with_cohorts = Offering.objects.filter(space=space, pk__in=Cohort.objects.filter(space=space).values("offering_id"))
    providers = (
        with_cohorts.order_by("provider__name", "provider_id").values_list("provider_id", "provider__name").distinct()
    )
    municipalities = (
        with_cohorts.filter(municipality__isnull=False)
        .order_by("municipality__name", "municipality_id")
        .values_list("municipality_id", "municipality__name")
        .distinct()
    )
    offerings = with_cohorts.select_related("education", "provider", "municipality").order_by("education__title", "pk")
    if provider:
        offerings = offerings.filter(provider_id=provider)
    found = list(offerings[: MAX_OFFERING_CHOICES + 1])
    capped = len(found) > MAX_OFFERING_CHOICES
    return {
        "providers": list(providers),
        "offerings": [] if capped else [(offering.pk, offering_label(offering)) for offering in found],
        "offerings_capped": capped,
        "municipalities": list(municipalities),
    }


def offering_choices(space: Space) -> list[tuple[int, str]]:
    """(id, label) of the space's current offerings, for the form's picker and the Excel template."""
    rows = (
        Offering.objects.filter(space=space, removed_at__isnull=True)
        .select_related("education", "provider", "municipality")
        .order_by("education__title", "pk")
    )
    return [(offering.pk, offering_label(offering)) for offering in rows]


def offering_label(offering: Offering) -> str:
    """Education · provider · municipality; for upper secondary (GY) the programme code leads and the provider
    is the school unit: "EE El- och energiprogrammet · Rinmangymnasiet · Eskilstuna"."""
    where = offering.municipality.name if offering.municipality else ""
    title = offering.education.title
    if offering.education.school_type == UPPER_SECONDARY and offering.education.code:
        title = f"{offering.education.code[:2].upper()} {title}"
    return " · ".join(part for part in (title, offering.provider.name, where) if part)


def programme_name(code: str) -> str:
    """The name of a national programme ("EE" → "El- och energiprogrammet"), or the code itself."""
    from samverka.education.catalogue.planning import FORMER_PROGRAMMES, NATIONAL_PROGRAMMES, programme_of

    found = programme_of(code)
    for programme in (*NATIONAL_PROGRAMMES, *FORMER_PROGRAMMES):
        if programme.code == found:
            return f"{programme.code} {programme.name}"
    return code or str(_("Upper secondary, no programme code"))


def cohort_get(*, user: User | AnonymousUser, space: Space, pk: int) -> Cohort:
    """A cohort ``user`` may see (404 otherwise), with its breakdown and outcomes."""
    cohort = (
        _cohort_rows(Cohort.objects.restrict(user).filter(space=space, pk=pk))
        .prefetch_related(
            "breakdowns",
            Prefetch(
                "outcomes",
                queryset=CohortOutcome.objects.order_by("horizon", "scheme", "source").prefetch_related("figures"),
            ),
        )
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def offering_cohorts(*, user: User | AnonymousUser, offering: Offering) -> list[Cohort]:
    """The cohorts of ``offering`` that ``user`` may see, newest first (the card on the offering's page)."""
    return list(Cohort.objects.restrict(user).filter(offering=offering).order_by("-start_year", "term", "pk"))


@dataclass
class OutcomeSection:
    """One horizon × scheme of a cohort's outcomes: a row per category, a column per source (local and
    official side by side)."""

    horizon: int
    scheme: str
    outcomes: list[CohortOutcome]
    rows: list[tuple[str, list[int | None]]]

    @property
    def horizon_label(self) -> Any:
        return Horizon(self.horizon).label

    @property
    def scheme_label(self) -> Any:
        return Scheme(self.scheme).label


def outcome_sections(cohort: Cohort) -> list[OutcomeSection]:
    """The cohort's outcomes grouped for the detail page (uses the prefetched outcomes and figures)."""
    grouped: dict[tuple[int, str], list[CohortOutcome]] = defaultdict(list)
    for outcome in cohort.outcomes.all():
        grouped[(outcome.horizon, outcome.scheme)].append(outcome)
    sections = []
    for (horizon, scheme), outcomes in sorted(grouped.items()):
        counts = [outcome.counts() for outcome in outcomes]
        rows = [
            (str(Category(category).label), [found.get(category) for found in counts])
            for category in SCHEME_CATEGORIES[scheme]
        ]
        sections.append(OutcomeSection(horizon=horizon, scheme=scheme, outcomes=outcomes, rows=rows))
    return sections


# --- the follow-up table (suppressed) -----------------------------------------------------------------

#: The figures of a follow-up row, in order, with their headings.
FIGURES: dict[str, Any] = {
    "started": _("Started"),
    "completed": _("Completed"),
    "established_1": _("Established or working after 1 year"),
}
#: Which source's outcomes the table uses when a cohort has several: official before local.
SOURCE_PREFERENCE = (Source.SKOLVERKET, Source.SCB, Source.MYH, Source.SURVEY, Source.PROVIDER)


@dataclass
class FollowUpRow:
    #: The offering of the row; 0 for a row of an upper-secondary programme × municipality (``by_programme``).
    offering_id: int
    offering: str
    municipality: str
    start_year: int
    cells: dict[str, Cell]
    #: Completed as a percentage of started, or None when either is masked (or nobody started).
    completion_rate: int | None
    #: The school type of the offering's education (``catalogue.SchoolType``).
    school_type: str = ""

    def cell_list(self) -> list[Cell]:
        return [self.cells[name] for name in FIGURES]


@dataclass
class FollowUpTable:
    space: Space
    k: int
    rows: list[FollowUpRow] = field(default_factory=list)
    year: int | None = None
    #: Upper-secondary (GY) cohorts summed per programme × municipality instead of per offering.
    by_programme: bool = False

    @property
    def headings(self) -> list[Any]:
        first = _("Offering or programme") if self.by_programme else _("Offering")
        return [first, _("Municipality"), _("Start year"), *FIGURES.values(), _("Completion rate (%)")]

    @property
    def any_suppressed(self) -> bool:
        return any(cell.suppressed for row in self.rows for cell in row.cells.values())


def _established(keys: Iterable[tuple[int, int]], rows: QuerySet[Cohort]) -> dict[tuple[int, int], int]:
    """(offering, year) → those established (Skolverket) or working (SCB) after 1 year, by the preferred source."""
    sums = (
        CohortOutcomeFigure.objects.filter(
            outcome__cohort__in=rows,
            outcome__horizon=Horizon.ONE,
            category__in=[Category.ESTABLISHED, Category.WORKING],
        )
        .values(offering_id=F("outcome__cohort__offering_id"), year=F("outcome__cohort__start_year"))
        .annotate(source=F("outcome__source"), total=Sum("count"))
        .order_by()
    )
    by_source: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for row in sums:
        found = by_source[(row["offering_id"], row["year"])]
        found[row["source"]] = found.get(row["source"], 0) + int(row["total"] or 0)
    result = {}
    for key in keys:
        found = by_source.get(key, {})
        for source in SOURCE_PREFERENCE:
            if source in found:
                result[key] = found[source]
                break
    return result


def _follow_up_row(
    offering_id: int, label: str, municipality: str, start_year: int, cells: dict[str, Cell], school_type: str = ""
) -> FollowUpRow:
    started, completed = cells["started"].value, cells["completed"].value
    rate = round(100 * completed / started) if started and completed is not None else None
    return FollowUpRow(
        offering_id=offering_id,
        offering=label,
        municipality=municipality,
        start_year=start_year,
        cells=cells,
        completion_rate=rate,
        school_type=school_type,
    )


def follow_up_table(
    *,
    space: Space,
    year: int | None = None,
    by_programme: bool = False,
    offering: Offering | None = None,
    offering_ids: Iterable[int] | None = None,
) -> FollowUpTable:
    """The space's cohorts summed per offering × start year, every cell below k masked.

    The one read of cohort rows that is not ``restrict(user)``: what it returns may leave the insiders (exports,
    the API). A figure no cohort reported (establishment) is masked like a small one. ``by_programme`` sums the
    upper-secondary (GY) cohorts per programme × municipality instead (other cohorts stay per offering); a
    programme's figure is masked when any of its offerings' figures is.
    """
    table = FollowUpTable(space=space, k=suppression_k(space), year=year, by_programme=by_programme)
    rows = Cohort.objects.filter(space=space)  # aggregated and suppressed below, never listed
    if year is not None:
        rows = rows.filter(start_year=year)
    if offering is not None:
        rows = rows.filter(offering=offering)
    if offering_ids is not None:
        rows = rows.filter(offering_id__in=list(offering_ids))
    sums = list(
        rows.values("offering_id", "start_year")
        .annotate(
            sum_started=Sum("started"),
            sum_completed=Sum(F("completed_with_degree") + F("completed_without_degree")),
        )
        .order_by("-start_year", "offering_id")
    )
    keys = [(row["offering_id"], row["start_year"]) for row in sums]
    established = _established(keys, rows)
    offerings = Offering.objects.select_related("education", "provider", "municipality").in_bulk(
        {row["offering_id"] for row in sums}
    )
    #: GY rows summed per programme × municipality × year, with the figures masked in any of its offerings' rows.
    groups: dict[tuple[str, str, int], tuple[dict[str, int | None], set[str]]] = {}
    for row in sums:
        key = (row["offering_id"], row["start_year"])
        values: dict[str, int | None] = {
            "started": int(row["sum_started"] or 0),
            "completed": int(row["sum_completed"] or 0),
            "established_1": established.get(key),
        }
        cells = suppress(values, table.k)
        found = offerings[row["offering_id"]]
        municipality = found.municipality.name if found.municipality else ""
        if by_programme and found.education.school_type == UPPER_SECONDARY:
            group = (found.education.code[:2].upper(), municipality, row["start_year"])
            summed, masked = groups.setdefault(group, (dict.fromkeys(FIGURES, 0), set()))
            for name, value in values.items():
                previous = summed[name]
                summed[name] = None if value is None or previous is None else previous + value
            masked.update(name for name, cell in cells.items() if cell.suppressed)
            continue
        table.rows.append(
            _follow_up_row(
                found.pk,
                f"{found.education.title} · {found.provider.name}",
                municipality,
                row["start_year"],
                cells,
                school_type=found.education.school_type,
            )
        )
    for (programme, municipality, year_of_start), (summed, masked) in groups.items():
        # A programme's figure is shown only when the same figure of none of its offerings is masked in the
        # table per offering, so that the two tables cannot be subtracted to reveal a masked figure.
        cells = {name: Cell(None) if name in masked else cell for name, cell in suppress(summed, table.k).items()}
        table.rows.append(
            _follow_up_row(
                0, programme_name(programme), municipality, year_of_start, cells, school_type=UPPER_SECONDARY
            )
        )
    table.rows.sort(key=lambda item: (-item.start_year, item.offering, item.offering_id))
    return table


@dataclass
class SchoolTypeFollowUp:
    """One figure of the follow-up summed per school type from the suppressed table: the sum of the cells shown
    (None when every cell is masked) and how many masked cells it leaves out."""

    school_type: str
    figure: str
    value: int | None
    masked: int
    first_year: int
    last_year: int


def follow_up_by_school_type(*, space: Space, year: int | None = None) -> list[SchoolTypeFollowUp]:
    """``follow_up_table``'s figures summed per school type, from its cells only: a masked cell is left out of
    the sum (and counted), never added back from the raw rows, so no sum gives a masked figure away, neither
    alone nor beside the table. Ordered by school type, then figure (``FIGURES``)."""
    table = follow_up_table(space=space, year=year)
    sums: dict[tuple[str, str], SchoolTypeFollowUp] = {}
    for row in table.rows:
        for name in FIGURES:
            cell = row.cells[name]
            found = sums.get((row.school_type, name))
            if found is None:
                found = sums[(row.school_type, name)] = SchoolTypeFollowUp(
                    row.school_type, name, None, 0, row.start_year, row.start_year
                )
            found.first_year = min(found.first_year, row.start_year)
            found.last_year = max(found.last_year, row.start_year)
            if cell.suppressed:
                found.masked += 1
            else:
                found.value = (found.value or 0) + int(cell.value or 0)
    order = list(FIGURES)
    return sorted(sums.values(), key=lambda item: (item.school_type, order.index(item.figure)))

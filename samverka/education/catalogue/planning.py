"""What the planner views read: coverage of the national programmes, places, gaps and data quality.

Every figure is an aggregate in SQL over the space's offerings as its insiders see them
(``Offering.objects.restrict(user)``: unpublished offerings count too), so the number of queries of
each selector does not grow with the catalogue (tested at two sizes in ``tests/test_planning.py``).

**Current offerings** are those of the space that the feed has not removed, that are not cancelled and
not over (``hidden_after``, the same day the public search stops showing them) — the public search's
``open_to_public`` without its "published" condition.

**National programmes.** Skolverket's *studievägskod* (study-path code) of an upper-secondary education
begins with the programme's two-letter abbreviation ("De två inledande positionerna i studievägskoden är
programförkortningen", e.g. ``HVFRI0L0N``; Skolverket, *Koder för studievägar, yrkespaket och språk*,
https://www.skolverket.se/skolutveckling/anordna-och-administrera-utbildning/administrera-utbildning/koder-for-studievagar-yrkespaket-och-sprak);
the Gy25 codes add "25" after it (``NA25``), which leaves the first two letters as they were. An
education of school type ``GY`` therefore belongs to the programme named by the first two letters of its
education code. There are 18 national programmes, 12 vocational and 6 preparing for higher education
(Skolverket, *Gymnasieskolans program*, https://utbildningsguiden.skolverket.se/gymnasieskolansprogram).
Two changes since Gy11 are followed: the Handels- och administrationsprogrammet (HA) was renamed the
Försäljnings- och serviceprogrammet (FS) from the autumn of 2022, so HA counts as FS; the
Hantverksprogrammet (HV) ceased and the Frisör- och stylistprogrammet (FR) was introduced for education
starting after 30 June 2025 (prop. 2022/23:94, https://lagen.nu/prop/2022/23:94), so HV is a *former*
programme, shown as a row of its own only while offerings of it remain. Codes that name no national
programme (introduction programmes, national special programmes such as Flygteknikutbildningen, an
empty code) are counted in one "other" row.

**Shortage occupations.** The statistics hold no shortage list (such as Arbetsförmedlingen's outlooks);
what marks an occupation there is an **outlook scenario** (``indicators.Scenario``) whose projection
(``indicators.outlook.project``) shows demand exceeding supply five years after its base year. Beside
them, the occupations the space's **industry forums** cover (``analyses.BodyCoverage``) are listed as the
occupations the region's employers have asked it to watch, marked as such and without a projected gap.
Each scenario costs three queries for its projection (the outlook's own), so the gaps selector costs
3 per saved scenario with an occupation plus a constant — it does not grow with the catalogue.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear, Lower, Substr, Upper
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverka.education.catalogue.models import (
    EducationOccupation,
    Offering,
    OfferingOccupation,
    SchoolType,
    Source,
)
from samverka.insight.classifications.models import ClassificationItem, Scheme
from samverka.platform.accounts.models import User
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space

Person = User | AnonymousUser


@dataclass(frozen=True)
class Programme:
    code: str
    name: Promise
    vocational: bool
    current: bool = True


#: The 18 national upper-secondary programmes (see the module docstring for the sources), in the order
#: of their Swedish names, and the former Hantverksprogrammet.
NATIONAL_PROGRAMMES: tuple[Programme, ...] = (
    Programme("BF", _("Child and Recreation Programme"), True),
    Programme("BA", _("Building and Construction Programme"), True),
    Programme("EK", _("Economics Programme"), False),
    Programme("EE", _("Electricity and Energy Programme"), True),
    Programme("ES", _("Arts Programme"), False),
    Programme("FT", _("Vehicle and Transport Programme"), True),
    Programme("FR", _("Hairdresser and Stylist Programme"), True),
    Programme("FS", _("Sales and Service Programme"), True),
    Programme("HT", _("Hotel and Tourism Programme"), True),
    Programme("HU", _("Humanities Programme"), False),
    Programme("IN", _("Industrial Technology Programme"), True),
    Programme("NB", _("Natural Resource Use Programme"), True),
    Programme("NA", _("Natural Science Programme"), False),
    Programme("RL", _("Restaurant Management and Food Programme"), True),
    Programme("SA", _("Social Science Programme"), False),
    Programme("TE", _("Technology Programme"), False),
    Programme("VF", _("HVAC and Property Maintenance Programme"), True),
    Programme("VO", _("Health and Social Care Programme"), True),
)
FORMER_PROGRAMMES: tuple[Programme, ...] = (Programme("HV", _("Handicraft Programme (former)"), True, current=False),)
#: Old codes of programmes that were renamed: counted as the programme they are now.
PROGRAMME_ALIASES = {"HA": "FS"}
OTHER = "other"
#: A municipality offering fewer national programmes than this is named as offering few.
FEW_PROGRAMMES = len(NATIONAL_PROGRAMMES) // 2
#: The horizon (years after the base year) at which an outlook's gap marks a shortage.
SHORTAGE_HORIZON = 5
STALE_MONTHS_DEFAULT = 6


def programme_of(code: str) -> str:
    """The national programme an education code names (``"NANAT"`` → ``"NA"``, ``"HA"`` → ``"FS"``), else ``OTHER``."""
    prefix = (code or "")[:2].upper()
    prefix = PROGRAMME_ALIASES.get(prefix, prefix)
    known = {p.code for p in (*NATIONAL_PROGRAMMES, *FORMER_PROGRAMMES)}
    return prefix if prefix in known else OTHER


def current_offerings(space: Space, user: Person, today: date | None = None) -> QuerySet[Offering]:
    """The space's current offerings as ``user`` sees them (see the module docstring)."""
    today = today or timezone.localdate()
    return (
        Offering.objects.restrict(user)
        .filter(space=space, removed_at__isnull=True, is_cancelled=False, education__removed_at__isnull=True)
        .exclude(hidden_after__lt=today)
    )


# --- programme × municipality ------------------------------------------------------------------------


@dataclass
class ProgrammeRow:
    code: str
    name: Promise | str
    current: bool
    #: Offerings per municipality, in the order of ``CoverageMatrix.municipalities``.
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)

    @property
    def municipalities_offering(self) -> int:
        return sum(1 for n in self.cells if n)


@dataclass
class MunicipalityCoverage:
    municipality: Municipality
    programmes: int


@dataclass
class CoverageMatrix:
    county: County
    municipalities: list[Municipality]
    #: The national programmes (all 18, offered or not), then a former one that still has offerings.
    rows: list[ProgrammeRow]
    #: Upper-secondary offerings whose code names no national programme.
    other: ProgrammeRow
    national_count: int = len(NATIONAL_PROGRAMMES)

    @property
    def national_rows(self) -> list[ProgrammeRow]:
        return [row for row in self.rows if row.current]

    @property
    def per_municipality(self) -> list[MunicipalityCoverage]:
        """How many of the national programmes each municipality offers (column by column)."""
        return [
            MunicipalityCoverage(municipality, sum(1 for row in self.national_rows if row.cells[index]))
            for index, municipality in enumerate(self.municipalities)
        ]

    @property
    def totals(self) -> list[int]:
        """Offerings per municipality over every row (national, former and other)."""
        return [sum(row.cells[i] for row in [*self.rows, self.other]) for i in range(len(self.municipalities))]

    @property
    def not_offered(self) -> list[ProgrammeRow]:
        """National programmes no municipality of the county offers."""
        return [row for row in self.national_rows if not row.total]

    @property
    def complete(self) -> list[Municipality]:
        """Municipalities offering every national programme (usually none)."""
        return [c.municipality for c in self.per_municipality if c.programmes == self.national_count]

    @property
    def few(self) -> list[MunicipalityCoverage]:
        """Municipalities offering fewer than half the national programmes, fewest first."""
        found = [c for c in self.per_municipality if c.programmes < FEW_PROGRAMMES]
        return sorted(found, key=lambda c: (c.programmes, c.municipality.name))

    @property
    def total(self) -> int:
        return sum(self.totals)


def coverage_matrix(space: Space, user: Person, county_code: str, today: date | None = None) -> CoverageMatrix:
    """Current upper-secondary (GY) offerings per national programme × municipality of ``county_code``.

    Three queries: the county, its municipalities, one ``GROUP BY`` over the offerings.
    """
    county = County.objects.get(code=county_code)
    municipalities = list(Municipality.objects.filter(county=county).order_by("name"))
    index = {m.code: i for i, m in enumerate(municipalities)}
    counts = (
        current_offerings(space, user, today)
        .filter(education__school_type=SchoolType.GY, municipality_id__in=list(index))
        .annotate(prefix=Upper(Substr("education__code", 1, 2)))
        .values("prefix", "municipality_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    cells: dict[str, list[int]] = defaultdict(lambda: [0] * len(municipalities))
    for entry in counts:
        cells[programme_of(entry["prefix"] or "")][index[entry["municipality_id"]]] += entry["n"]
    rows = [ProgrammeRow(p.code, p.name, True, cells[p.code]) for p in NATIONAL_PROGRAMMES]
    rows += [ProgrammeRow(p.code, p.name, False, cells[p.code]) for p in FORMER_PROGRAMMES if p.code in cells]
    other = ProgrammeRow(OTHER, _("Other upper secondary education (no national programme code)"), False, cells[OTHER])
    return CoverageMatrix(county=county, municipalities=municipalities, rows=rows, other=other)


# --- places per SUN field and year -------------------------------------------------------------------

SUN_LEVELS = (1, 2, 3)
NO_YEAR = 0


@dataclass
class PlacesRow:
    code: str  # "" for offerings without a SUN field
    name: str
    #: Places per year, in the order of ``PlacesTable.years``.
    places: list[int]
    offerings: list[int]
    #: Offerings that give no number of places (not in ``places``).
    unknown: int

    @property
    def total(self) -> int:
        return sum(self.places)


@dataclass
class PlacesTable:
    level: int
    #: Start years in order; ``NO_YEAR`` (0) last for offerings without a start date.
    years: list[int]
    rows: list[PlacesRow]

    @property
    def totals(self) -> list[int]:
        return [sum(row.places[i] for row in self.rows) for i in range(len(self.years))]

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def unknown(self) -> int:
        return sum(row.unknown for row in self.rows)


def places_by_field(
    space: Space, user: Person, *, level: int = 1, school_type: str = "", municipality: str = ""
) -> PlacesTable:
    """Places (``Offering.places``) per SUN 2020 field (its first ``level`` digits) and start year.

    All offerings of the space that the feed has not removed and that are not cancelled, past years
    included (the point is the change over the years). Two queries: one ``GROUP BY``, the field names.
    """
    if level not in SUN_LEVELS:
        raise ValueError(level)
    offerings = Offering.objects.restrict(user).filter(
        space=space, removed_at__isnull=True, is_cancelled=False, education__removed_at__isnull=True
    )
    if school_type:
        offerings = offerings.filter(education__school_type=school_type)
    if municipality:
        offerings = offerings.filter(municipality_id=municipality)
    grouped = list(
        offerings.annotate(field=Substr("education__sun_field", 1, level), year=ExtractYear("start_date"))
        .values("field", "year")
        .annotate(
            total_places=Sum("places"), n_offerings=Count("id"), n_unknown=Count("id", filter=Q(places__isnull=True))
        )
        .order_by()
    )
    years = sorted({entry["year"] or NO_YEAR for entry in grouped}, key=lambda y: (y == NO_YEAR, y))
    column = {year: i for i, year in enumerate(years)}
    codes = sorted({entry["field"] or "" for entry in grouped}, key=lambda c: (c == "", c))
    names = dict(
        ClassificationItem.objects.filter(scheme=Scheme.SUN2020_FIELD, code__in=[c for c in codes if c]).values_list(
            "code", "name"
        )
    )
    rows = {
        code: PlacesRow(
            code,
            names.get(code, code) if code else str(_("No SUN field")),
            [0] * len(years),
            [0] * len(years),
            0,
        )
        for code in codes
    }
    for entry in grouped:
        row = rows[entry["field"] or ""]
        i = column[entry["year"] or NO_YEAR]
        row.places[i] += entry["total_places"] or 0
        row.offerings[i] += entry["n_offerings"]
        row.unknown += entry["n_unknown"]
    return PlacesTable(level=level, years=years, rows=list(rows.values()))


# --- gaps against shortage occupations ---------------------------------------------------------------


@dataclass
class ShortageReason:
    kind: str  # "outlook" or "forum"
    text: str
    url: str = ""


@dataclass
class GapRow:
    ssyk: str
    name: str
    reasons: list[ShortageReason] = field(default_factory=list)
    #: The largest projected shortage of the occupation's outlooks (people), None when no outlook gives one.
    projected_gap: float | None = None
    offerings: int = 0
    places: int = 0
    #: Offerings that give no number of places.
    unknown_places: int = 0

    @property
    def uncovered(self) -> bool:
        return self.offerings == 0

    @property
    def from_outlook(self) -> bool:
        return any(reason.kind == "outlook" for reason in self.reasons)


@dataclass
class GapReport:
    rows: list[GapRow]
    #: Outlook scenarios that could not be projected (their title and why), or that show no shortage.
    notes: list[str]

    @property
    def uncovered(self) -> list[GapRow]:
        return [row for row in self.rows if row.uncovered]


def _outlook_shortages(
    space: Space, user: Person
) -> tuple[dict[str, list[ShortageReason]], dict[str, float], list[str]]:
    from samverka.insight.indicators.models import Scenario
    from samverka.insight.indicators.outlook import Assumptions, project

    reasons: dict[str, list[ShortageReason]] = defaultdict(list)
    gaps: dict[str, float] = {}
    notes: list[str] = []
    scenarios = Scenario.objects.restrict(user).filter(space=space).exclude(ssyk="").select_related("version")
    for scenario in scenarios.order_by("ssyk", "-updated_at"):
        try:
            projection = project(version=scenario.version, assumptions=Assumptions.of(scenario))
        except ValidationError as error:
            notes.append(f"{scenario.title}: {' '.join(error.messages)}")
            continue
        at_horizon = [r for r in projection.rows if r.year - int(projection.base_year) == SHORTAGE_HORIZON]
        gap = at_horizon[0].gap if at_horizon else projection.rows[-1].gap
        if gap <= 0:
            notes.append(
                str(_("%(title)s: no shortage projected in %(year)s (supply exceeds demand by %(n)s)."))
                % {"title": scenario.title, "year": int(projection.base_year) + SHORTAGE_HORIZON, "n": round(-gap)}
            )
            continue
        reasons[scenario.ssyk].append(
            ShortageReason(
                "outlook",
                str(_("Outlook “%(title)s”: %(n)s people short in %(year)s"))
                % {"title": scenario.title, "n": round(gap), "year": int(projection.base_year) + SHORTAGE_HORIZON},
                scenario.get_absolute_url(),
            )
        )
        gaps[scenario.ssyk] = max(gaps.get(scenario.ssyk, 0.0), gap)
    return reasons, gaps, notes


def _forum_occupations(space: Space, user: Person) -> dict[str, list[ShortageReason]]:
    from samverka.collaboration.bodies.models import Body, BodyKind
    from samverka.insight.analyses.models import BodyCoverage

    bodies = Body.objects.restrict(user).filter(space=space, kind=BodyKind.INDUSTRY_FORUM)
    reasons: dict[str, list[ShortageReason]] = defaultdict(list)
    for coverage in BodyCoverage.objects.filter(body__in=bodies).select_related("body").order_by("body__name"):
        for code in coverage.ssyk_codes or []:
            reasons[str(code)].append(
                ShortageReason(
                    "forum",
                    str(_("Covered by %(body)s")) % {"body": coverage.body.name},
                    coverage.body.get_absolute_url(),
                )
            )
    return reasons


def _matches(code: str, wanted: Iterable[str]) -> list[str]:
    """The wanted codes ``code`` falls under (a 4-digit code under its own and its 1–3-digit groups)."""
    return [w for w in wanted if code.startswith(w)]


def shortage_gaps(space: Space, user: Person, today: date | None = None) -> GapReport:
    """Shortage occupations (outlooks and industry forums) against the current offerings aimed at them.

    An offering aims at an occupation through its education's target occupations
    (``EducationOccupation``, from the feed or added here) or the occupations added to it
    (``OfferingOccupation``); an occupation group (a scenario of "22") takes every code under it.
    """
    reasons, gaps, notes = _outlook_shortages(space, user)
    for code, forum_reasons in _forum_occupations(space, user).items():
        reasons[code].extend(forum_reasons)
    wanted = sorted(reasons)
    if not wanted:
        return GapReport(rows=[], notes=notes)
    names = dict(ClassificationItem.objects.filter(scheme=Scheme.SSYK2012, code__in=wanted).values_list("code", "name"))
    offerings = current_offerings(space, user, today)
    prefix = Q()
    for code in wanted:
        prefix |= Q(ssyk_code__startswith=code)
    aimed: dict[str, dict[int, int | None]] = defaultdict(dict)
    for rows in (
        EducationOccupation.objects.filter(prefix)
        .filter(education__offerings__in=offerings)
        .values_list("ssyk_code", "education__offerings__id", "education__offerings__places"),
        OfferingOccupation.objects.filter(prefix)
        .filter(offering__in=offerings)
        .values_list("ssyk_code", "offering_id", "offering__places"),
    ):
        for ssyk, offering_id, places in rows:
            for code in _matches(ssyk, wanted):
                aimed[code][offering_id] = places
    result = []
    for code in wanted:
        found = aimed.get(code, {})
        result.append(
            GapRow(
                ssyk=code,
                name=names.get(code, code),
                reasons=reasons[code],
                projected_gap=gaps.get(code),
                offerings=len(found),
                places=sum(p or 0 for p in found.values()),
                unknown_places=sum(1 for p in found.values() if p is None),
            )
        )
    result.sort(key=lambda r: (not r.uncovered, -(r.projected_gap or 0), r.ssyk))
    return GapReport(rows=result, notes=notes)


# --- quality ---------------------------------------------------------------------------------------

PROBLEMS = ("sun", "ssyk", "municipality", "duplicate", "stale")
PROBLEM_NAMES: dict[str, Promise] = {
    "sun": _("No SUN field"),
    "ssyk": _("No target occupation (SSYK)"),
    "municipality": _("No municipality"),
    "duplicate": _("Likely duplicate across sources"),
    "stale": _("Not updated recently"),
}


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` moved back ``months`` calendar months (the day kept, or the month's last day)."""
    month0 = moment.month - 1 - months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


@dataclass
class QualityReport:
    months: int
    counts: dict[str, int]
    #: The offerings with at least one of the problems asked for, each annotated with a boolean per problem.
    offerings: QuerySet[Offering]

    @property
    def total(self) -> int:
        return int(self.counts.get("any", 0))


def quality_report(
    space: Space,
    user: Person,
    *,
    months: int = STALE_MONTHS_DEFAULT,
    problem: str = "",
    today: date | None = None,
    now: datetime | None = None,
) -> QualityReport:
    """Current offerings lacking a SUN field, an occupation or a municipality, likely duplicates, or stale.

    * no SUN field: the education has none;
    * no occupation: neither the education nor the offering names an SSYK occupation;
    * no municipality: a non-distance offering without one;
    * likely duplicate: another current offering of the space from the other source (EMIL3 and entered
      here) with the same education title (case ignored), municipality and start date;
    * stale: last updated in the source (local rows: saved here) more than ``months`` months ago.

    One query for the counts; the list is a lazy queryset (paginated by the page: two more).
    """
    if problem and problem not in PROBLEMS:
        raise ValueError(problem)
    now = now or timezone.now()
    cutoff = months_before(now, months)
    base = current_offerings(space, user, today)
    twins = (
        base.filter(municipality=OuterRef("municipality"), start_date=OuterRef("start_date"))
        .exclude(source=OuterRef("source"))
        .annotate(title_key=Lower("education__title"))
        .filter(title_key=OuterRef("title_key"))
    )
    flags = {
        "sun": Q(education__sun_field=""),
        "ssyk": Q(has_education_ssyk=False, has_offering_ssyk=False),
        "municipality": Q(municipality__isnull=True, is_distance=False),
        "duplicate": Q(has_twin=True),
        "stale": Q(last_update__lt=cutoff),
    }
    annotated = base.annotate(
        title_key=Lower("education__title"),
        has_education_ssyk=Exists(EducationOccupation.objects.filter(education=OuterRef("education"))),
        has_offering_ssyk=Exists(OfferingOccupation.objects.filter(offering=OuterRef("pk"))),
        has_twin=Exists(twins),
        last_update=Coalesce("source_updated_at", "updated_at"),
    )
    annotated = annotated.annotate(
        **{f"is_{name}": ExpressionWrapper(condition, output_field=BooleanField()) for name, condition in flags.items()}
    )
    any_problem = Q()
    for condition in flags.values():
        any_problem |= condition
    counts = annotated.aggregate(
        any=Count("id", filter=any_problem),
        **{name: Count("id", filter=condition) for name, condition in flags.items()},
    )
    listed = annotated.filter(flags[problem] if problem else any_problem)
    listed = listed.select_related("education", "provider", "municipality").order_by(
        F("municipality__name").asc(nulls_first=True), "education__title", "start_date", "pk"
    )
    return QualityReport(months=months, counts={k: int(v or 0) for k, v in counts.items()}, offerings=listed)


def problems_of(offering: Any) -> list[str]:
    """The problem keys an offering of ``quality_report().offerings`` has."""
    return [name for name in PROBLEMS if getattr(offering, f"is_{name}", False)]


def source_label(value: str) -> str:
    return str(Source(value).label) if value in Source.values else value


__all__ = [
    "FEW_PROGRAMMES",
    "NATIONAL_PROGRAMMES",
    "PROBLEMS",
    "CoverageMatrix",
    "GapReport",
    "PlacesTable",
    "QualityReport",
    "coverage_matrix",
    "current_offerings",
    "places_by_field",
    "programme_of",
    "quality_report",
    "shortage_gaps",
]

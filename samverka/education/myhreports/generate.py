"""Filling a report's sections from the live data the space has (a snapshot with source and vintage).

Each figure is an aggregate in SQL over the latest published version of the space's datasets (statistics),
the current offerings of the education catalogue, the cohort follow-up per school type (summed from the suppressed
follow-up table only), the outlook scenarios' projected shortages (through the catalogue planner's gap report), the
places the space's education orders ask for per occupation and the orders per status, and the industry forums'
education-order messages not yet tracked as orders. Each read is a fixed number of queries, whatever the rows. A dimension with a total category is read at its total, one without is
summed, so a table that carries both totals and parts is not counted twice.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.collaboration.bodies.models import BodyKind
from samverka.education.catalogue import planning
from samverka.education.catalogue.models import SchoolType
from samverka.education.cohorts import selectors as cohorts
from samverka.education.myhreports.sections import EDUCATION_LEVEL, LABOUR_MARKET, NEEDS, POPULATION, SUPPLY
from samverka.education.orders import selectors as orders
from samverka.education.orders.models import OrderStatus
from samverka.insight.statistics import selectors as statistics
from samverka.insight.statistics.models import DatasetVersion, Dimension, DimensionRole, Observation
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.records.questions import selectors as questions
from samverka.records.questions.models import QuestionKind, QuestionStatus

#: Columns a figure may be grouped by, besides the measure and time.
CATEGORY_COLUMNS = ["region", "ssyk", "sun_level", "sun_field", "sni", "sex", "age", "birth"]


@dataclass
class Figure:
    section: str
    key: str
    label: str
    value: float | None
    unit: str
    source_name: str
    vintage: str
    version: DatasetVersion | None = None


def _vintage(version: DatasetVersion) -> str:
    published = version.published_at.date().isoformat() if version.published_at else "—"
    text = _("version %(number)s, published %(date)s") % {"number": version.number, "date": published}
    return f"{text}; {version.source_updated}" if version.source_updated else text


class _Version:
    """One published version: its dimensions, labels and the latest year of each measure."""

    def __init__(self, version: DatasetVersion) -> None:
        self.version = version
        self.dimensions: dict[str, Dimension] = {d.role: d for d in statistics.dimensions_of(version)}
        self.labels = {role: statistics.category_labels(d) for role, d in self.dimensions.items()}
        self.source = f"{version.dataset.title} ({version.dataset.get_source_display()})"
        self.vintage = _vintage(version)

    def label(self, column: str, code: str) -> str:
        return self.labels.get(column, {}).get(code, code) or code

    def measures(self) -> list[str]:
        dimension = self.dimensions.get(DimensionRole.MEASURE)
        return [str(code) for code, _label in dimension.categories] if dimension else [""]

    def unit(self, measure: str) -> str:
        dimension = self.dimensions.get(DimensionRole.MEASURE)
        units = (dimension.units or {}) if dimension else {}
        return str(units.get(measure) or self.version.dataset.unit)

    def aggregate(self, *, measure: str, group_by: list[str], where: Q, regions: str) -> list[dict[str, Any]]:
        """Sum of the values of ``measure`` in its latest year, grouped by ``group_by``."""
        cells = Observation.objects.filter(where, version_id=self.version.pk, measure=measure)
        if regions:
            cells = cells.filter(region__startswith=regions)
        latest = cells.aggregate(year=Max("year"), period=Max("period"))
        if latest["year"] is not None:
            cells = cells.filter(year=latest["year"])
        elif latest["period"]:
            cells = cells.filter(period=latest["period"])
        else:
            return []
        for column in CATEGORY_COLUMNS:
            dimension = self.dimensions.get(column)
            total = dimension.total_code if dimension else ""
            if column in group_by:
                cells = cells.exclude(**{column: total}) if total else cells.exclude(**{column: ""})
            elif total:
                cells = cells.filter(**{column: total})
        rows = cells.values(*group_by).annotate(total=Sum("value"), cells=Count("pk")).order_by(*group_by)
        period = latest["year"] or latest["period"]
        return [{**row, "period": period} for row in rows]


def _statistics(space: Space, actor: User) -> list[_Version]:
    datasets = list(statistics.datasets_of(space, actor))
    current = statistics.current_versions(datasets)
    by_id = {dataset.pk: dataset for dataset in datasets}
    versions = []
    for dataset_id, version in sorted(current.items()):
        version.dataset = by_id[dataset_id]
        versions.append(_Version(version))
    return versions


def _figures_of(
    versions: list[_Version], *, section: str, group_by: list[str], where: Q, regions: str, limit: int = 400
) -> list[Figure]:
    figures: list[Figure] = []
    for item in versions:
        if not all(column in item.dimensions for column in group_by):
            continue
        for measure in item.measures():
            measure_label = item.label(DimensionRole.MEASURE, measure) if measure else ""
            for row in item.aggregate(measure=measure, group_by=group_by, where=where, regions=regions):
                parts = [item.label(column, str(row[column])) for column in group_by]
                label = ", ".join(parts)
                if measure_label:
                    label = f"{measure_label}: {label}"
                codes = ":".join(str(row[column]) for column in group_by)
                figures.append(
                    Figure(
                        section=section,
                        key=f"{item.version.dataset.slug}:{measure}:{codes}",
                        label=f"{label} ({row['period']})",
                        value=row["total"],
                        unit=item.unit(measure),
                        source_name=item.source,
                        vintage=item.vintage,
                        version=item.version,
                    )
                )
                if len(figures) >= limit:
                    return figures
    return figures


def _population(versions: list[_Version], regions: str) -> list[Figure]:
    only_people = Q(ssyk="", sni="", sun_level="", sun_field="")
    return _figures_of(versions, section=POPULATION, group_by=["region"], where=only_people, regions=regions)


def _education_level(versions: list[_Version], regions: str) -> list[Figure]:
    return _figures_of(
        versions, section=EDUCATION_LEVEL, group_by=["region", "sun_level", "sex"], where=Q(), regions=regions
    )


def _labour_market(versions: list[_Version], regions: str) -> list[Figure]:
    figures = _figures_of(versions, section=LABOUR_MARKET, group_by=["sni"], where=Q(), regions=regions)
    if figures:
        return figures
    # Without a table by industry the occupational structure (SSYK) is what the data can say.
    return _figures_of(versions, section=LABOUR_MARKET, group_by=["ssyk"], where=~Q(ssyk=""), regions=regions, limit=60)


def _supply(space: Space, actor: User, fetched_at: datetime) -> list[Figure]:
    offerings = planning.current_offerings(space, actor, today=fetched_at.date())
    rows = (
        offerings.values("education__school_type")
        .annotate(count=Count("pk"), places=Sum("places"))
        .order_by("education__school_type")
    )
    names = dict(SchoolType.choices)
    source = _("Education catalogue (Skolverket's education database and local additions)")
    vintage = _("current offerings on %(date)s") % {"date": fetched_at.date().isoformat()}
    figures = []
    for row in rows:
        school_type = row["education__school_type"]
        name = str(names.get(school_type, school_type))
        figures.append(
            Figure(
                SUPPLY,
                f"supply:offerings:{school_type}",
                _("Offerings: %(type)s") % {"type": name},
                row["count"],
                _("offerings"),
                source,
                vintage,
            )
        )
        if row["places"]:
            figures.append(
                Figure(
                    SUPPLY,
                    f"supply:places:{school_type}",
                    _("Places: %(type)s") % {"type": name},
                    row["places"],
                    _("places"),
                    source,
                    vintage,
                )
            )
    return figures


def _needs(space: Space, actor: User, fetched_at: datetime) -> list[Figure]:
    report = planning.shortage_gaps(space, actor, today=fetched_at.date())
    source = _("Outlook scenarios and the industry forums' occupations (education planner's gaps)")
    vintage = _("calculated on %(date)s") % {"date": fetched_at.date().isoformat()}
    figures = []
    for row in report.rows:
        if row.projected_gap is not None:
            figures.append(
                Figure(
                    NEEDS,
                    f"needs:gap:{row.ssyk}",
                    _("Projected shortage: %(ssyk)s %(name)s") % {"ssyk": row.ssyk, "name": row.name},
                    row.projected_gap,
                    _("people"),
                    source,
                    vintage,
                )
            )
        figures.append(
            Figure(
                NEEDS,
                f"needs:offerings:{row.ssyk}",
                _("Current offerings aimed at %(ssyk)s %(name)s") % {"ssyk": row.ssyk, "name": row.name},
                row.offerings,
                _("offerings"),
                source,
                vintage,
            )
        )
    return figures


def _cohorts(space: Space, actor: User, fetched_at: datetime) -> list[Figure]:
    """The cohort follow-up per school type, summed from the suppressed follow-up table only: a cell below the
    space's k is left out (the label says how many) and a sum with every cell masked is itself masked. Only for an
    actor who may read the space's cohorts."""
    if not actor.has_perm("cohorts.view_cohorts", space):
        return []
    names = dict(SchoolType.choices)
    labels = {
        "started": _("Cohorts, started: %(type)s (start years %(years)s)"),
        "completed": _("Cohorts, completed: %(type)s (start years %(years)s)"),
        "established_1": _("Cohorts, established or working after 1 year: %(type)s (start years %(years)s)"),
    }
    source = _("Cohort follow-up in the platform (figures below the space's k masked)")
    vintage = _("as of %(date)s") % {"date": fetched_at.date().isoformat()}
    figures = []
    for row in cohorts.follow_up_by_school_type(space=space):
        years = f"{row.first_year}–{row.last_year}" if row.first_year != row.last_year else str(row.first_year)
        label = labels[row.figure] % {"type": names.get(row.school_type, row.school_type), "years": years}
        if row.value is None:
            masked = _("masked, below the smallest number shown")
            label = f"{label}: {masked}"
        elif row.masked:
            label = f"{label}; " + ngettext(
                "%(count)d figure below k left out", "%(count)d figures below k left out", row.masked
            ) % {"count": row.masked}
        figures.append(
            Figure(
                SUPPLY,
                f"supply:cohorts:{row.figure}:{row.school_type}",
                label,
                row.value,
                _("people"),
                source,
                vintage,
            )
        )
    return figures


def _orders(space: Space, actor: User, fetched_at: datetime) -> list[Figure]:
    """The places a year the space's orders ask for per occupation (orders in draft and rejected ones left out),
    and how many orders are in each status, as the actor may see them."""
    volumes = orders.ordered_volumes(space, actor)
    names = orders.occupation_names([row["ssyk_code"] for row in volumes])
    source = _("Education orders in the platform")
    vintage = _("as of %(date)s") % {"date": fetched_at.date().isoformat()}
    figures = []
    for row in volumes:
        code = row["ssyk_code"]
        years = f"{row['first']}–{row['last']}" if row["first"] != row["last"] else str(row["first"])
        figures.append(
            Figure(
                NEEDS,
                f"needs:ordered:{code}",
                _("Places ordered: %(ssyk)s %(name)s (%(years)s)")
                % {"ssyk": code, "name": names.get(code, ""), "years": years},
                row["volume"],
                _("places"),
                source,
                vintage,
            )
        )
    counts = orders.status_counts(space, actor)
    for status, label in OrderStatus.choices:
        if status in counts:
            figures.append(
                Figure(
                    NEEDS,
                    f"needs:orders:{status}",
                    _("Education orders: %(status)s") % {"status": label},
                    counts[status],
                    _("orders"),
                    source,
                    vintage,
                )
            )
    return figures


#: At most this many of the forums' messages are listed (the oldest first).
FORUM_MESSAGES = 50


def _forum_messages(space: Space, actor: User) -> list[Figure]:
    """The industry forums' education-order messages to other bodies that are not (yet) tracked as orders and
    not withdrawn or escalated (an escalated message goes on as a new one): the forums' own statement of a need,
    listed by title (they carry no number)."""
    rows = (
        questions.visible_questions(space, actor)
        .filter(
            kind=QuestionKind.EDUCATION_ORDER,
            from_body__kind=BodyKind.INDUSTRY_FORUM,
            tracked_order__isnull=True,
        )
        .exclude(status__in=[QuestionStatus.WITHDRAWN, QuestionStatus.ESCALATED])
        .order_by("created_at", "pk")[:FORUM_MESSAGES]
    )
    source = _("The industry forums' education-order messages in the platform")
    return [
        Figure(
            NEEDS,
            f"needs:forum-message:{question.pk}",
            _("%(forum)s asks %(body)s: %(title)s")
            % {
                "forum": question.from_body.name,
                "body": question.to_body.name,
                "title": question.title,
            },
            None,
            "",
            source,
            _("sent %(date)s, %(status)s")
            % {"date": question.created_at.date().isoformat(), "status": question.get_status_display().lower()},
        )
        for question in rows
    ]


def collect(*, space: Space, actor: User, fetched_at: datetime) -> list[Figure]:
    """Every figure the space's data gives for the report's sections, in section order."""
    regions = space.county_id or ""
    versions = _statistics(space, actor)
    return [
        *_population(versions, regions),
        *_education_level(versions, regions),
        *_labour_market(versions, regions),
        *_supply(space, actor, fetched_at),
        *_cohorts(space, actor, fetched_at),
        *_needs(space, actor, fetched_at),
        *_orders(space, actor, fetched_at),
        *_forum_messages(space, actor),
    ]


def sources_used(figures: list[Figure]) -> list[str]:
    """The distinct sources with their vintages, for the method notes."""
    seen: dict[str, None] = {}
    for figure in figures:
        seen.setdefault(f"{figure.source_name} — {figure.vintage}", None)
    return list(seen)

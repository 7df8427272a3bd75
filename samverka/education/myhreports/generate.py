"""Filling a report's sections from the live data the space has (a snapshot with source and vintage).

Each figure is an aggregate in SQL over the latest published version of the space's datasets (statistics),
the current offerings of the education catalogue and the outlook scenarios' projected shortages (through the
catalogue planner's gap report). A dimension with a total category is read at its total, one without is
summed, so a table that carries both totals and parts is not counted twice.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from samverka.education.catalogue import planning
from samverka.education.catalogue.models import SchoolType
from samverka.education.myhreports.sections import EDUCATION_LEVEL, LABOUR_MARKET, NEEDS, POPULATION, SUPPLY
from samverka.insight.statistics import selectors as statistics
from samverka.insight.statistics.models import DatasetVersion, Dimension, DimensionRole, Observation
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

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


def collect(*, space: Space, actor: User, fetched_at: datetime) -> list[Figure]:
    """Every figure the space's data gives for the report's sections, in section order."""
    regions = space.county_id or ""
    versions = _statistics(space, actor)
    return [
        *_population(versions, regions),
        *_education_level(versions, regions),
        *_labour_market(versions, regions),
        *_supply(space, actor, fetched_at),
        *_needs(space, actor, fetched_at),
    ]


def sources_used(figures: list[Figure]) -> list[str]:
    """The distinct sources with their vintages, for the method notes."""
    seen: dict[str, None] = {}
    for figure in figures:
        seen.setdefault(f"{figure.source_name} — {figure.vintage}", None)
    return list(seen)

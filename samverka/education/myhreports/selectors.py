"""Reads of the yearly reports to MYH: lists, a report with its sections, comparison and the national view."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse

from samverka.collaboration.meetings.models import Decision
from samverka.education.knowledgenodes.models import YhArea
from samverka.education.myhreports.models import (
    MyhReport,
    NeedEntry,
    ReportComment,
    ReportCorrection,
    ReportFigure,
    ReportStatus,
)
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.records.registry.models import RegisteredDocument

Person = User | AnonymousUser


def report_list(*, user: Person, space: Space) -> QuerySet[MyhReport]:
    return MyhReport.objects.restrict(user).filter(space=space).select_related("space").order_by("-year")


def report_get(*, user: Person, space: Space, pk: int) -> MyhReport:
    report = (
        MyhReport.objects.restrict(user)
        .filter(space=space, pk=pk)
        .select_related(
            "space",
            "template",
            "decision",
            "decision__body",
            "decided_by",
            "registered_by",
            "registered_document",
            "submitted_by",
        )
        .first()
    )
    if report is None:
        raise Http404
    return report


@dataclass
class SectionView:
    key: str
    title: str
    text: str
    figures: list[ReportFigure] = field(default_factory=list)
    comments: list[ReportComment] = field(default_factory=list)


def report_sections(report: MyhReport) -> list[SectionView]:
    """The template's sections in order, each with its figures, text and comments (two queries)."""
    figures: dict[str, list[ReportFigure]] = defaultdict(list)
    for figure in report.figures.select_related(None).order_by("section", "position"):
        figures[figure.section].append(figure)
    comments: dict[str, list[ReportComment]] = defaultdict(list)
    for comment in report.comments.select_related("author").order_by("created_at", "pk"):
        comments[comment.section].append(comment)
    return [
        SectionView(key, title, str(report.texts.get(key, "")), figures[key], comments[key])
        for key, title in report.template.section_list()
    ]


def report_needs(report: MyhReport) -> list[NeedEntry]:
    return list(report.needs.all())


def report_corrections(report: MyhReport) -> list[ReportCorrection]:
    return list(report.corrections.select_related("corrected_by"))


def need_get(*, report: MyhReport, pk: int) -> NeedEntry:
    need = report.needs.filter(pk=pk).first()
    if need is None:
        raise Http404
    return need


def space_decisions(space: Space, user: Person) -> QuerySet[Decision]:
    """The decisions of the space's bodies the user may see (for linking the report's decision)."""
    return Decision.objects.restrict(user).filter(body__space=space).select_related("body").order_by("-pk")[:200]


@dataclass
class ComparedFigure:
    section: str
    label: str
    unit: str
    this_year: float | None
    last_year: float | None

    @property
    def change(self) -> float | None:
        if self.this_year is None or self.last_year is None:
            return None
        return self.this_year - self.last_year

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.last_year:
            return None
        return 100 * self.change / self.last_year


def previous_report(report: MyhReport, user: Person) -> MyhReport | None:
    return MyhReport.objects.restrict(user).filter(space_id=report.space_id, year=report.year - 1).first()


def _without_period(label: str) -> str:
    return label.rsplit(" (", 1)[0] if label.endswith(")") else label


def compare(report: MyhReport, previous: MyhReport | None) -> list[ComparedFigure]:
    """The same figures of both years side by side (matched by their key), this year's order first."""
    old = {f.key: f for f in previous.figures.all()} if previous else {}
    rows = []
    seen = set()
    for figure in report.figures.order_by("section", "position"):
        before = old.get(figure.key)
        seen.add(figure.key)
        rows.append(
            ComparedFigure(
                figure.section,
                _without_period(figure.label),
                figure.unit,
                figure.value,
                before.value if before else None,
            )
        )
    for key, figure in old.items():
        if key not in seen:
            rows.append(ComparedFigure(figure.section, _without_period(figure.label), figure.unit, None, figure.value))
    return rows


@dataclass
class AreaNeed:
    yh_area: str
    label: str
    regions: set[str] = field(default_factory=set)
    needs: int = 0
    #: The sum of the priority ranks' weights (rank 1 weighs most: 1/rank), so a top priority counts most.
    weight: float = 0.0
    rank_total: int = 0


def national_reports(*, user: Person, year: int | None = None) -> list[MyhReport]:
    """Submitted reports the user may see, every region's, newest year first."""
    reports = MyhReport.objects.restrict(user).filter(status=ReportStatus.SUBMITTED)
    if year:
        reports = reports.filter(year=year)
    return list(
        reports.select_related("space", "space__county")
        .prefetch_related(Prefetch("needs", queryset=NeedEntry.objects.order_by("priority", "pk")))
        .order_by("-year", "space__name")
    )


def needs_by_area(reports: list[MyhReport]) -> list[AreaNeed]:
    """The submitted reports' needs per YH education area: how many regions, how many needs, total priority."""
    names = dict(YhArea.choices)
    areas: dict[str, AreaNeed] = {}
    for report in reports:
        for need in report.needs.all():
            area = areas.setdefault(need.yh_area, AreaNeed(need.yh_area, str(names.get(need.yh_area, need.yh_area))))
            area.regions.add(report.space.name)
            area.needs += 1
            if need.priority:
                area.rank_total += need.priority
                area.weight += 1 / need.priority
    return sorted(areas.values(), key=lambda a: (-len(a.regions), -a.weight, a.label))


def report_years(reports: list[MyhReport]) -> list[int]:
    return sorted({r.year for r in reports}, reverse=True)


def figure_count(report: MyhReport) -> int:
    return report.figures.count()


def registered_document_url(report: MyhReport, user: Person) -> str:
    """The registry page of the document the report was registered as, when ``user`` may open it (the
    registry's own rule: the space's insiders); blank otherwise, so the number shows without a link."""
    document = report.registered_document
    if document is None or not RegisteredDocument.objects.restrict(user).filter(pk=document.pk).exists():
        return ""
    return reverse(
        "registry:document-detail",
        kwargs={"space": report.space.slug, "pk": document.case_id, "number": document.number},
    )

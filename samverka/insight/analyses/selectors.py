"""Reads for the analyses pages: lists with a constant number of queries, and the figures of an analysis."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, QuerySet

from samverka.insight.analyses.models import Analysis, AnalysisBlock, BodyCoverage, ChartDefinition, DataPack
from samverka.insight.analyses.queries import chart_table, observation_table
from samverka.insight.analyses.rendering import Figure, chart_figure
from samverka.insight.statistics.models import DatasetVersion
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

__all__ = ["chart_table", "observation_table"]


def analysis_list(space: Space, user: User | AnonymousUser) -> QuerySet[Analysis]:
    """The space's analyses the user may see, with their number of blocks."""
    return (
        Analysis.objects.restrict(user)
        .filter(space=space)
        .select_related("created_by")
        .annotate(block_count=Count("blocks"))
        .order_by("-updated_at", "-pk")
    )


def analysis_detail_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Analysis]:
    blocks = AnalysisBlock.objects.select_related("chart__version__dataset", "chart__space").prefetch_related(
        "chart__version__dimensions"
    )
    return (
        Analysis.objects.restrict(user)
        .filter(space=space)
        .select_related("space__county")
        .prefetch_related(Prefetch("blocks", queryset=blocks.order_by("position", "pk")))
    )


def block_figures(analysis: Analysis, *, for_pdf: bool = False) -> list[tuple[AnalysisBlock, Figure | None]]:
    """Each block of the analysis in order with the figure of its chart (None for text blocks)."""
    county = analysis.space.county_id or ""
    result: list[tuple[AnalysisBlock, Figure | None]] = []
    for block in analysis.blocks.all():
        figure = None
        if block.chart is not None:
            figure = chart_figure(block.chart, dom_id=f"block-{block.pk}", for_pdf=for_pdf, county=county)
        result.append((block, figure))
    return result


def chart_list(space: Space) -> QuerySet[ChartDefinition]:
    return (
        ChartDefinition.objects.filter(space=space)
        .select_related("version__dataset", "created_by")
        .annotate(block_count=Count("blocks"))
        .order_by("title", "pk")
    )


def chart_detail_queryset(space: Space) -> QuerySet[ChartDefinition]:
    return (
        ChartDefinition.objects.filter(space=space)
        .select_related("space__county", "version__dataset")
        .prefetch_related("version__dimensions")
    )


def charts_for_blocks(space: Space) -> QuerySet[ChartDefinition]:
    return ChartDefinition.objects.filter(space=space).order_by("title", "pk")


def industry_bodies(space: Space) -> list[Any]:
    """The space's bodies, industry forums first, with their coverage (one query each, not per body)."""
    from samverka.collaboration.bodies.models import Body, BodyKind

    bodies = list(Body.objects.filter(space=space).order_by("name"))
    coverage = {c.body_id: c for c in BodyCoverage.objects.filter(body__in=bodies)}
    for body in bodies:
        body.coverage = coverage.get(body.pk)  # type: ignore[attr-defined]
    bodies.sort(key=lambda body: (body.kind != BodyKind.INDUSTRY_FORUM, body.name))
    return bodies


def data_pack_list(space: Space) -> QuerySet[DataPack]:
    return (
        DataPack.objects.filter(space=space)
        .select_related("body", "created_by")
        .prefetch_related(Prefetch("versions", queryset=DatasetVersion.objects.select_related("dataset")))
        .order_by("-created_at", "-pk")
    )


def upcoming_agenda_items(space: Space, user: User | AnonymousUser) -> list[Any]:
    """Agenda items of the space's meetings not yet held that ``user`` may attach documents to."""
    from django.utils import timezone

    from samverka.collaboration.meetings.models import AgendaItem

    items = (
        AgendaItem.objects.filter(meeting__body__space=space, meeting__end__gte=timezone.now())
        .exclude(meeting__status="cancelled")
        .select_related("meeting__body__space")
        .order_by("meeting__start", "position", "pk")[:200]
    )
    return [item for item in items if user.has_perm("meetings.change_meeting", item.meeting)]

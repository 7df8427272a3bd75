"""Every write about charts, analyses and their blocks, body coverage and data packs.

Each function is one transaction: when it refuses (PermissionDenied or
ValidationError) nothing has been written. ``actor=None`` means the system
(demo loader, management commands) and skips the permission check.

Decisions recorded here:

* A chart is checked against its data when it is saved: its axes and filters
  must name dimensions of the dataset version, and the version must belong to
  a dataset of the same space or a public one.
* An analysis cannot be published without a summary and at least one block:
  analyses must be explained, not only published.
* A published public analysis shows only published versions of public
  datasets (what anyone may read); internal figures stay in internal analyses.
* Blocks are kept in order with positions 1, 2, 3 …; moving swaps neighbours.
* A data pack is attached to a meeting's agenda through the meetings app's own
  service, so its permission rules (who may change the meeting) apply.
"""

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.insight.analyses.models import (
    Analysis,
    AnalysisBlock,
    AnalysisStatus,
    BlockKind,
    BodyCoverage,
    ChartDefinition,
    ChartSource,
    DataPack,
    DataPackJob,
    PackJobStatus,
    QuarterTheme,
)
from samverka.insight.analyses.queries import check_definition, indicator_table
from samverka.insight.statistics.models import DatasetVersion
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.richtext import to_plain
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space


@dataclass(frozen=True, kw_only=True)
class ChartData(ServiceData):
    """A chart definition's fields that chart_create/chart_update accept."""

    title: str | Unset = UNSET
    kind: str | Unset = UNSET
    source: str | Unset = UNSET
    version: DatasetVersion | Unset = UNSET
    measure: str | Unset = UNSET
    filters: dict[str, Any] | Unset = UNSET
    x_dimension: str | Unset = UNSET
    series_dimension: str | Unset = UNSET
    indicator_key: str | Unset = UNSET
    indicator_params: dict[str, Any] | Unset = UNSET
    unit: str | Unset = UNSET
    note: str | Unset = UNSET


#: The names of a chart's fields (the chart form has these and a few helpers of its own).
CHART_FIELDS = frozenset(field.name for field in dataclasses.fields(ChartData))


@dataclass(frozen=True, kw_only=True)
class AnalysisData(ServiceData):
    """An analysis's fields that analysis_create/analysis_update accept."""

    title: str | Unset = UNSET
    summary: str | Unset = UNSET
    is_public: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class BlockData(ServiceData):
    """A block's fields that block_add/block_update accept."""

    kind: str | Unset = UNSET
    heading: str | Unset = UNSET
    text: str | Unset = UNSET
    chart: ChartDefinition | None | Unset = UNSET


_SSYK = re.compile(r"^\d{1,4}$")
_SNI = re.compile(r"^[A-U]$|^\d{2,5}$")


def _allowed(actor: User | None, perm: str, obj: Any) -> None:
    ensure(actor is None or actor.has_perm(perm, obj))


# --- charts ----------------------------------------------------------------------------


def usable_versions(space: Space) -> QuerySet[DatasetVersion]:
    """Dataset versions a chart of ``space`` may draw: the space's own datasets and public ones."""
    return (
        DatasetVersion.objects.filter(Q(dataset__space=space) | Q(dataset__is_public=True))
        .exclude(status="discarded")
        .select_related("dataset")
        .order_by("dataset__title", "-number")
    )


def _check_chart(chart: ChartDefinition) -> None:
    if not usable_versions(chart.space).filter(pk=chart.version_id).exists():
        raise ValidationError({"version": _("Choose data of this space or public data.")})
    if chart.source == ChartSource.INDICATOR:
        indicator_table(chart.indicator_key, version=chart.version, params=chart.indicator_params or {})
        return
    check_definition(chart.version, x=chart.x_dimension, series=chart.series_dimension, filters=chart.filters)
    if chart.is_map and chart.x_dimension != "region":
        raise ValidationError({"x_dimension": _("A map needs the region dimension on the x axis.")})
    if chart.is_map and chart.series_dimension:
        raise ValidationError({"series_dimension": _("A map shows one series; leave the series dimension empty.")})


def _fill(obj: Any, data: ChartData | AnalysisData) -> Any:
    """Set the form's fields on a chart or an analysis and validate the model (the caller saves)."""
    for name, value in data.given().items():
        setattr(obj, name, value)
    obj.full_clean(exclude=["created_by"])
    return obj


def _author(actor: User | None) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def chart_create(*, space: Space, actor: User | None, data: ChartData) -> ChartDefinition:
    """Save a chart definition after checking it against its data."""
    _allowed(actor, "analyses.add_chart", space)
    chart = _fill(ChartDefinition(space=space, created_by=_author(actor)), data)
    _check_chart(chart)
    chart.save()
    return chart


@transaction.atomic
def chart_update(*, chart: ChartDefinition, actor: User | None, data: ChartData) -> ChartDefinition:
    _allowed(actor, "analyses.add_chart", chart.space)
    _check_chart(_fill(chart, data))
    chart.save()
    return chart


# --- analyses --------------------------------------------------------------------------


@transaction.atomic
def analysis_create(*, space: Space, actor: User | None, data: AnalysisData) -> Analysis:
    """A new draft analysis."""
    _allowed(actor, "analyses.add_analysis", space)
    analysis = _fill(Analysis(space=space, created_by=_author(actor)), data)
    _check_summary(analysis)
    analysis.save()
    return analysis


@transaction.atomic
def analysis_update(*, analysis: Analysis, actor: User | None, data: AnalysisData) -> Analysis:
    _allowed(actor, "analyses.change_analysis", analysis)
    _check_summary(_fill(analysis, data))
    analysis.save()
    if analysis.is_published:
        _check_explained(analysis)
    return analysis


def _check_summary(analysis: Analysis) -> None:
    if not to_plain(analysis.summary).strip():
        raise ValidationError({"summary": _("Say what the analysis shows and why it matters.")})


def _check_explained(analysis: Analysis) -> None:
    _check_summary(analysis)
    if not analysis.blocks.exists():
        raise ValidationError(_("Add at least one block of text or a chart before publishing."))
    _check_public_data(analysis, publishing=True)


def _check_public_data(analysis: Analysis, *, publishing: bool = False) -> None:
    """A public analysis shows only what anyone may read: published versions of public datasets."""
    if not analysis.is_public or not (publishing or analysis.is_published):
        return
    hidden = (
        analysis.blocks.filter(chart__isnull=False)
        .exclude(chart__version__dataset__is_public=True, chart__version__status="published")
        .values_list("heading", flat=True)
    )
    if hidden:
        raise ValidationError(
            _(
                "A public analysis can only show published versions of public datasets; the block "
                "“%(heading)s” shows data that is internal or not yet published."
            )
            % {"heading": hidden[0]}
        )


@transaction.atomic
def analysis_publish(*, analysis: Analysis, actor: User | None) -> Analysis:
    """Publish an analysis (public ones become visible to everyone)."""
    _allowed(actor, "analyses.change_analysis", analysis)
    _check_explained(analysis)
    analysis.status = AnalysisStatus.PUBLISHED
    analysis.published_at = timezone.now()
    analysis.save(update_fields=["status", "published_at", "updated_at"])
    return analysis


@transaction.atomic
def analysis_unpublish(*, analysis: Analysis, actor: User | None) -> Analysis:
    """Take an analysis back to draft."""
    _allowed(actor, "analyses.change_analysis", analysis)
    analysis.status = AnalysisStatus.DRAFT
    analysis.save(update_fields=["status", "updated_at"])
    return analysis


# --- blocks ----------------------------------------------------------------------------


def _check_block(block: AnalysisBlock) -> None:
    if block.kind == BlockKind.CHART:
        if block.chart is None:
            raise ValidationError({"chart": _("Choose the chart or map this block shows.")})
        if block.chart.space_id != block.analysis.space_id:
            raise ValidationError({"chart": _("The chart must belong to the same space as the analysis.")})
    else:
        block.chart = None
        if not to_plain(block.text).strip():
            raise ValidationError({"text": _("Write the text of this block.")})


@transaction.atomic
def block_add(*, analysis: Analysis, actor: User | None, data: BlockData) -> AnalysisBlock:
    """Add a block at the end of the analysis."""
    _allowed(actor, "analyses.change_analysis", analysis)
    last = analysis.blocks.aggregate(last=Max("position"))["last"] or 0
    block = AnalysisBlock(analysis=analysis, position=last + 1)
    for name, value in data.given().items():
        setattr(block, name, value)
    block.full_clean(exclude=["analysis", "chart"])
    _check_block(block)
    block.save()
    _check_public_data(analysis)
    Analysis.objects.filter(pk=analysis.pk).update(updated_at=timezone.now())
    return block


@transaction.atomic
def block_update(*, block: AnalysisBlock, actor: User | None, data: BlockData) -> AnalysisBlock:
    _allowed(actor, "analyses.change_analysis", block.analysis)
    for name, value in data.given().items():
        setattr(block, name, value)
    block.full_clean(exclude=["analysis", "chart"])
    _check_block(block)
    block.save()
    _check_public_data(block.analysis)
    return block


def _renumber(analysis: Analysis) -> list[AnalysisBlock]:
    blocks = list(analysis.blocks.order_by("position", "pk"))
    for number, block in enumerate(blocks, start=1):
        block.position = number
    AnalysisBlock.objects.bulk_update(blocks, ["position"])
    return blocks


@transaction.atomic
def block_move(*, block: AnalysisBlock, actor: User | None, direction: str) -> AnalysisBlock:
    """Move a block one step up or down."""
    _allowed(actor, "analyses.change_analysis", block.analysis)
    if direction not in ("up", "down"):
        raise ValidationError(_("A block moves up or down."))
    blocks = _renumber(block.analysis)
    index = next(i for i, b in enumerate(blocks) if b.pk == block.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(blocks):
        blocks[index].position, blocks[other].position = blocks[other].position, blocks[index].position
        AnalysisBlock.objects.bulk_update([blocks[index], blocks[other]], ["position"])
    return blocks[index]


@transaction.atomic
def block_remove(*, block: AnalysisBlock, actor: User | None) -> None:
    analysis = block.analysis
    _allowed(actor, "analyses.change_analysis", analysis)
    block.delete()
    _renumber(analysis)
    if analysis.is_published and not analysis.blocks.exists():
        raise ValidationError(_("A published analysis keeps at least one block; unpublish it first."))


# --- body coverage ---------------------------------------------------------------------


def parse_codes(raw: str | list[str], pattern: re.Pattern[str], label: str) -> list[str]:
    """Codes from a list or text separated by commas, semicolons, spaces or new lines; checked and sorted."""
    items = raw if isinstance(raw, list) else re.split(r"[\s,;]+", raw or "")
    codes = []
    for item in items:
        code = str(item).strip().upper()
        if not code:
            continue
        if not pattern.match(code):
            raise ValidationError(_("'%(code)s' is not a valid %(kind)s code.") % {"code": item, "kind": label})
        codes.append(code)
    return sorted(set(codes))


@transaction.atomic
def coverage_set(*, body: Any, actor: User | None, ssyk_codes: Any, sni_codes: Any) -> BodyCoverage:
    """Set the occupations (SSYK) and industries (SNI) a body covers."""
    _allowed(actor, "analyses.change_coverage", body.space)
    ssyk = parse_codes(ssyk_codes, _SSYK, "SSYK")
    sni = parse_codes(sni_codes, _SNI, "SNI")
    coverage, _created = BodyCoverage.objects.get_or_create(body=body)
    coverage.ssyk_codes, coverage.sni_codes = ssyk, sni
    coverage.save()
    return coverage


# --- data packs ------------------------------------------------------------------------


def _check_pack(*, body: Any, actor: User | None, theme: str, versions: list[DatasetVersion], agenda_item: Any) -> None:
    """Refuse a pack that cannot be made (before anything is built or queued)."""
    space = body.space
    _allowed(actor, "analyses.make_data_pack", space)
    if theme not in QuarterTheme.values:
        raise ValidationError({"theme": _("Choose one of the four quarter themes.")})
    if not versions:
        raise ValidationError({"versions": _("Choose at least one dataset version.")})
    usable = set(usable_versions(space).filter(pk__in=[v.pk for v in versions]).values_list("pk", flat=True))
    if any(version.pk not in usable for version in versions):
        raise ValidationError({"versions": _("Choose data of this space or public data.")})
    if agenda_item is not None and agenda_item.meeting.body_id != body.pk:
        raise ValidationError({"agenda_item": _("Choose an agenda item of a meeting of this body.")})


def data_pack_create(
    *,
    body: Any,
    actor: User | None,
    theme: str,
    versions: list[DatasetVersion],
    agenda_item: Any = None,
    progress: Any = None,
) -> DataPack:
    """Build a body's data pack for a quarter theme and, when an agenda item is given, attach its PDF and
    its Excel workbook of tables to it.

    The tables, charts and files are built first, outside any transaction (only reads; with SQLite's
    immediate transactions a build inside one would hold the write lock for its whole length); then the
    pack is stored and attached in one transaction. ``progress(done, total, step)`` is told each step.
    """
    from samverka.insight.analyses.packs import build_pack

    _check_pack(body=body, actor=actor, theme=theme, versions=versions, agenda_item=agenda_item)
    coverage = BodyCoverage.objects.filter(body=body).first()
    built = build_pack(body=body, theme=theme, versions=versions, coverage=coverage, progress=progress)
    if not built.tables:
        raise ValidationError(
            _("The chosen data has nothing for this theme and the occupations and industries the body covers.")
        )
    return _store_pack(body=body, actor=actor, theme=theme, versions=versions, agenda_item=agenda_item, built=built)


@transaction.atomic
def _store_pack(
    *, body: Any, actor: User | None, theme: str, versions: list[DatasetVersion], agenda_item: Any, built: Any
) -> DataPack:
    pack = DataPack(
        space=body.space,
        body=body,
        theme=theme,
        table_count=len(built.tables),
        created_by=_author(actor),
    )
    stem = f"datapaket-{body.pk}-{theme}-{timezone.localdate():%Y%m%d}"
    pack.pdf.save(f"{stem}.pdf", ContentFile(built.pdf), save=False)
    pack.csv_zip.save(f"{stem}.zip", ContentFile(built.csv_zip), save=False)
    pack.workbook.save(f"{stem}.xlsx", ContentFile(built.workbook), save=False)
    pack.save()
    pack.versions.set(versions)
    if agenda_item is not None:
        from samverka.collaboration.meetings.services.lifecycle import agenda_document_add

        document = agenda_document_add(actor=actor, item=agenda_item, upload=ContentFile(built.pdf, name=f"{stem}.pdf"))
        agenda_document_add(actor=actor, item=agenda_item, upload=ContentFile(built.workbook, name=f"{stem}.xlsx"))
        pack.agenda_document_id = document.pk
        pack.meeting_title = str(agenda_item.meeting)[:300]
        pack.save(update_fields=["agenda_document_id", "meeting_title"])
    return pack


def data_pack_start(
    *, body: Any, actor: User | None, theme: str, versions: list[DatasetVersion], agenda_item: Any = None
) -> DataPackJob:
    """Queue the making of a data pack as a background task; the job's page follows its progress.

    What can be refused before building (permission, theme, data, agenda item) is refused here, so the
    form shows it beside the field; what the build finds (nothing for the theme) ends the job as failed.
    """
    from django.conf import settings
    from django.utils import translation

    _check_pack(body=body, actor=actor, theme=theme, versions=versions, agenda_item=agenda_item)
    with transaction.atomic():
        job = DataPackJob.objects.create(
            space=body.space,
            body=body,
            theme=theme,
            version_ids=[version.pk for version in versions],
            agenda_item_id=agenda_item.pk if agenda_item is not None else None,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            created_by=_author(actor),
        )
        transaction.on_commit(lambda: _enqueue_pack(job.pk))
    return job


def _enqueue_pack(job_id: int) -> None:
    from samverka.insight.analyses.tasks import build_data_pack_task

    build_data_pack_task.enqueue(job_id)


def run_pack_job(job_id: int) -> DataPackJob:
    """Make the pack of a queued job, recording its progress and how it ended (the task calls this)."""
    from django.conf import settings
    from django.core.exceptions import PermissionDenied
    from django.utils import translation

    job = DataPackJob.objects.select_related("space", "body__space", "created_by").get(pk=job_id)
    if job.status != PackJobStatus.QUEUED:
        return job
    DataPackJob.objects.filter(pk=job.pk).update(status=PackJobStatus.RUNNING)

    def progress(done: int, total: int, step: str) -> None:
        DataPackJob.objects.filter(pk=job.pk).update(done=done, total=total, step=step[:300])

    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            by_id = {v.pk: v for v in DatasetVersion.objects.filter(pk__in=job.version_ids).select_related("dataset")}
            versions = [by_id[pk] for pk in job.version_ids if pk in by_id]
            agenda_item = None
            if job.agenda_item_id is not None:
                from samverka.collaboration.meetings.models import AgendaItem

                agenda_item = AgendaItem.objects.select_related("meeting").filter(pk=job.agenda_item_id).first()
            pack = data_pack_create(
                body=job.body,
                actor=job.created_by,
                theme=job.theme,
                versions=versions,
                agenda_item=agenda_item,
                progress=progress,
            )
            job.pack, job.status, job.error = pack, PackJobStatus.DONE, ""
        except (ValidationError, PermissionDenied) as error:
            job.status = PackJobStatus.FAILED
            job.error = "\n".join(getattr(error, "messages", None) or [_("You may not make data packs here.")])
    job.refresh_from_db(fields=["done", "total", "step"])
    job.done = max(job.done, job.total)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "pack", "done", "total", "finished_at"])
    return job

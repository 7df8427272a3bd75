"""Every write about datasets, their versions and observations.

Each import is one transaction: the version, its dimensions, its observations and its quality
report are stored together or not at all. ``actor=None`` means the system (demo loader,
management commands) and skips the permission check.

Decisions recorded here:

* Every import creates a new version numbered one above the dataset's last (discarded ones
  count, so numbers are never reused). It starts as a draft awaiting review.
* A version is published only by someone who confirms having read its quality report. Publishing
  supersedes nothing: the latest published version is the dataset's current one.
* Discarding a draft deletes its observations (they can be large) but keeps the version row,
  its provenance and its quality report as a record of the import.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.insight.statistics import jsonstat, quality, quality_rows
from samverka.insight.statistics.mapping import check_mapping, guess_roles
from samverka.insight.statistics.models import (
    Dataset,
    DatasetSource,
    DatasetVersion,
    Dimension,
    DimensionRole,
    Observation,
    VersionStatus,
)
from samverka.insight.statistics.signals import version_published
from samverka.insight.statistics.storage import ROW_COLUMNS, bulk_insert
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space

DATASET_FIELDS = frozenset({"title", "description", "source", "table_id", "unit", "is_public", "is_synthetic"})


@dataclass
class DimensionSpec:
    """A dimension as an import describes it before it is stored."""

    code: str
    label: str
    role: str
    categories: list[tuple[str, str]]
    total_code: str = ""
    units: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return [code for code, _label in self.categories]


@dataclass
class Provenance:
    source_url: str = ""
    query: dict[str, Any] | list[Any] = field(default_factory=dict)
    source_updated: str = ""
    file_name: str = ""
    file_sha256: str = ""


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _may_import(actor: User | None, dataset: Dataset) -> None:
    if actor is not None:
        ensure(actor.has_perm("statistics.import_statistics", dataset))


@transaction.atomic
def create_dataset(*, actor: User | None, space: Space, slug: str, title: str, source: str, **data: Any) -> Dataset:
    if actor is not None:
        ensure(actor.has_perm("statistics.add_dataset", space))
    unknown = set(data) - DATASET_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    dataset = Dataset(space=space, slug=slug, title=title, source=source, created_by=actor, **data)
    dataset.full_clean()
    dataset.save()
    return dataset


@transaction.atomic
def update_dataset(*, actor: User | None, dataset: Dataset, **data: Any) -> Dataset:
    if actor is not None:
        ensure(actor.has_perm("statistics.add_dataset", dataset))
    unknown = set(data) - DATASET_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in data.items():
        setattr(dataset, name, value)
    dataset.full_clean()
    dataset.save()
    return dataset


@transaction.atomic
def store_version(
    *,
    actor: User | None,
    dataset: Dataset,
    dimensions: list[DimensionSpec],
    rows: Iterable[Sequence[Any]],
    provenance: Provenance,
    columns: Sequence[str] = ROW_COLUMNS,
    constants: dict[str, Any] | None = None,
    locator: quality.Locator | None = None,
    found: dict[str, Any] | None = None,
    unique_keys: bool = False,
) -> DatasetVersion:
    """Store one import as a new draft version with its quality report (one transaction).

    ``rows`` are tuples in ``storage.ROW_COLUMNS`` order whose codes follow ``dimensions`` (or of
    ``columns`` only, with the other columns' values in ``constants``; see ``storage.bulk_insert``).
    ``locator`` says where each cell came from (the rows of an uploaded file) and ``found`` holds the
    problems the file's reader found with their rows; both go into the quality report.
    ``unique_keys`` says no key can occur twice (a JSON-stat cube), which spares the report's
    duplicates check.
    """
    _may_import(actor, dataset)
    check_mapping([(d.code, d.codes) for d in dimensions], [d.role for d in dimensions])
    locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
    last = locked.versions.aggregate(last=Max("number"))["last"] or 0
    version = DatasetVersion.objects.create(
        dataset=locked,
        number=last + 1,
        imported_at=timezone.now(),
        imported_by=actor,
        source_url=provenance.source_url[:500],
        query=provenance.query,
        source_updated=provenance.source_updated[:40],
        file_name=provenance.file_name[:255],
        file_sha256=provenance.file_sha256,
    )
    Dimension.objects.bulk_create(
        Dimension(
            version=version,
            code=spec.code[:100],
            label=(spec.label or spec.code)[:300],
            role=spec.role,
            position=position,
            categories=[[code, label] for code, label in spec.categories],
            total_code=spec.total_code[:60],
            units=spec.units,
        )
        for position, spec in enumerate(dimensions)
    )
    version.cell_count = bulk_insert(version.pk, rows, columns=columns, constants=constants)
    if version.cell_count == 0:
        raise ValidationError(_("The import holds no cells."))
    version.quality = quality.build_report(version, locator=locator, found=found, unique_keys=unique_keys)
    version.save(update_fields=["cell_count", "quality"])
    return version


def jsonstat_dimensions(parsed: jsonstat.JsonStatDataset, roles: list[str] | None = None) -> list[DimensionSpec]:
    """The dimensions of a parsed JSON-stat dataset with the given roles (or guessed ones)."""
    if roles is None:
        roles = guess_roles([(d.code, d.label, d.jsonstat_role) for d in parsed.dimensions])
    if len(roles) != len(parsed.dimensions):
        raise ValidationError(_("Give a role to every dimension."))
    return [
        DimensionSpec(
            code=d.code,
            label=d.label,
            role=role,
            categories=d.categories,
            total_code=d.total_code,
            units=d.units if role == DimensionRole.MEASURE else {},
        )
        for d, role in zip(parsed.dimensions, roles, strict=True)
    ]


def import_jsonstat(
    *,
    actor: User | None,
    dataset: Dataset,
    content: bytes | str | dict[str, Any],
    roles: list[str] | None = None,
    source_url: str = "",
    query: dict[str, Any] | list[Any] | None = None,
    file_name: str = "",
) -> DatasetVersion:
    """Import a JSON-stat 2.0 dataset (a PxWeb v1 or v2 response, or an uploaded file)."""
    _may_import(actor, dataset)
    raw = content if isinstance(content, bytes) else None
    if isinstance(content, str):
        raw = content.encode()
    parsed = jsonstat.parse(jsonstat.loads(raw) if raw is not None else content)
    specs = jsonstat_dimensions(parsed, roles)
    roles = [s.role for s in specs]
    columns, rows, constants = jsonstat.row_columns(parsed, roles)
    return store_version(
        actor=actor,
        dataset=dataset,
        dimensions=specs,
        rows=rows,
        columns=columns,
        constants=constants,
        unique_keys=jsonstat.keys_are_unique(parsed, roles),
        provenance=Provenance(
            source_url=source_url,
            query=query or {},
            source_updated=parsed.updated,
            file_name=file_name,
            file_sha256=sha256(raw) if raw is not None else "",
        ),
    )


def import_pxweb(
    *,
    actor: User | None,
    dataset: Dataset,
    client: Any,
    table_id: str,
    selection: dict[str, Any] | list[Any] | None = None,
    roles: list[str] | None = None,
    progress: Any = None,
) -> DatasetVersion:
    """Fetch a table (split into as many calls as the API's limits need) and import it."""
    _may_import(actor, dataset)
    merged = client.fetch_data(table_id, selection or [], progress=progress)
    return import_jsonstat(
        actor=actor,
        dataset=dataset,
        content=merged,
        roles=roles,
        source_url=client.data_url(table_id),
        query={"table": table_id, "selection": selection or []},
    )


def import_table(
    *,
    actor: User | None,
    dataset: Dataset,
    table: Any,
    file_name: str,
    content: bytes,
) -> DatasetVersion:
    """Store a parsed CSV/Excel upload (``tabular.Table``) as a new version; its quality report names
    the file's rows."""
    _may_import(actor, dataset)
    mapping = {spec.code: spec.role for spec in table.dimensions}
    return store_version(
        actor=actor,
        dataset=dataset,
        dimensions=table.dimensions,
        rows=table.rows,
        provenance=Provenance(
            file_name=file_name,
            file_sha256=sha256(content),
            query={"mapping": mapping, "value_column": table.value_column},
        ),
        locator=table.locator(),
        found=table.problems,
    )


def import_csv(
    *,
    actor: User | None,
    dataset: Dataset,
    content: bytes,
    file_name: str,
    mapping: dict[str, str],
    value_column: str,
    status_column: str = "",
) -> DatasetVersion:
    """Import a CSV upload; ``mapping`` gives each column's role ("" leaves a column out)."""
    from samverka.insight.statistics import tabular

    _may_import(actor, dataset)
    table = tabular.read_csv(content, mapping=mapping, value_column=value_column, status_column=status_column)
    return import_table(actor=actor, dataset=dataset, table=table, file_name=file_name, content=content)


def import_excel(
    *,
    actor: User | None,
    dataset: Dataset,
    content: bytes,
    file_name: str,
    mapping: dict[str, str],
    value_column: str,
    status_column: str = "",
) -> DatasetVersion:
    """Import the first sheet of an .xlsx upload; ``mapping`` as for :func:`import_csv`."""
    from samverka.insight.statistics import tabular

    _may_import(actor, dataset)
    table = tabular.read_excel(content, mapping=mapping, value_column=value_column, status_column=status_column)
    return import_table(actor=actor, dataset=dataset, table=table, file_name=file_name, content=content)


@transaction.atomic
def publish_version(
    *, actor: User | None, version: DatasetVersion, report_seen: bool, accept_reason: str = ""
) -> DatasetVersion:
    """Publish a draft whose quality report the actor confirms having read.

    A report with errors (``quality.SEVERITY``) blocks publishing: import a corrected version, or
    accept the errors with a reason, which is kept on the version and shown with it.
    """
    if actor is not None:
        ensure(actor.has_perm("statistics.publish_version", version))
    version = DatasetVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a version awaiting review can be published."))
    if not report_seen:
        raise ValidationError(_("Read the quality report and confirm it before publishing."))
    errors = quality.errors(version.quality or {})
    reason = " ".join((accept_reason or "").split())
    if errors and not reason:
        titles = quality_rows.check_titles()
        raise ValidationError(
            {
                "accept_reason": _(
                    "The quality report has errors (%(checks)s). Import a corrected version, or accept the errors "
                    "by saying why the data may be published anyway."
                )
                % {"checks": ", ".join(titles.get(name, name).lower() for name in errors)}
            }
        )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.accepted_reason = reason if errors else ""
    version.accepted_errors = errors
    version.save(update_fields=["status", "published_at", "published_by", "accepted_reason", "accepted_errors"])
    version_published.send(sender=DatasetVersion, version=version)
    return version


@transaction.atomic
def discard_version(*, actor: User | None, version: DatasetVersion) -> DatasetVersion:
    """Discard a draft: its observations are deleted, the record of the import stays."""
    if actor is not None:
        ensure(actor.has_perm("statistics.publish_version", version))
    version = DatasetVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a version awaiting review can be discarded."))
    Observation.objects.filter(version_id=version.pk)._raw_delete(Observation.objects.db)  # type: ignore[attr-defined]
    version.status = VersionStatus.DISCARDED
    version.save(update_fields=["status"])
    return version


__all__ = [
    "DatasetSource",
    "DimensionSpec",
    "Provenance",
    "create_dataset",
    "discard_version",
    "import_csv",
    "import_excel",
    "import_jsonstat",
    "import_pxweb",
    "publish_version",
    "store_version",
    "update_dataset",
]

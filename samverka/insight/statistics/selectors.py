"""Reading datasets, versions and observations (what each user may see), and comparing versions."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Min, QuerySet

from samverka.insight.statistics.models import (
    Dataset,
    DatasetVersion,
    Dimension,
    DimensionRole,
    Observation,
    VersionStatus,
)
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

#: Columns an observation can be filtered on.
FILTER_COLUMNS = [role.value for role in DimensionRole if role != DimensionRole.OTHER]


def datasets_of(space: Space, user: User | AnonymousUser) -> QuerySet[Dataset]:
    return Dataset.objects.restrict(user).filter(space=space).select_related("space")


def dataset_of(space: Space, user: User | AnonymousUser, slug: str) -> Dataset | None:
    return datasets_of(space, user).filter(slug=slug).first()


def versions_for(dataset: Dataset, user: User | AnonymousUser) -> QuerySet[DatasetVersion]:
    """Every version for those who may see drafts (insiders), the published ones for everyone else
    (``DatasetVersion.objects.restrict``, the rule the API and the indicators use too)."""
    return dataset.versions.restrict(user).select_related("imported_by", "published_by").order_by("-number")


def version_of(dataset: Dataset, user: User | AnonymousUser, number: int) -> DatasetVersion | None:
    return versions_for(dataset, user).filter(number=number).first()


def versions_in_space(space: Space, user: User | AnonymousUser) -> QuerySet[DatasetVersion]:
    """The versions of the space's datasets that ``user`` may read, discarded ones left out, newest first
    per dataset (the picker of pages that read a version, e.g. the cohorts' official figures)."""
    return (
        DatasetVersion.objects.restrict(user)
        .filter(dataset__space=space)
        .exclude(status=VersionStatus.DISCARDED)
        .select_related("dataset")
        .order_by("dataset__title", "-number")
    )


def current_versions(datasets: list[Dataset]) -> dict[int, DatasetVersion]:
    """The latest published version of each dataset."""
    latest: dict[int, DatasetVersion] = {}
    published = DatasetVersion.objects.filter(dataset__in=datasets, status=VersionStatus.PUBLISHED)
    for version in published.order_by("dataset_id", "-number"):
        latest.setdefault(version.dataset_id, version)
    return latest


def dimensions_of(version: DatasetVersion) -> list[Dimension]:
    return list(version.dimensions.order_by("position"))


def observations(version: DatasetVersion, filters: dict[str, str]) -> QuerySet[Observation]:
    """The cells of a version, filtered on the given dimension columns (unknown names are ignored)."""
    cells = Observation.objects.filter(version_id=version.pk)
    chosen = {column: code for column, code in filters.items() if column in FILTER_COLUMNS and code}
    return cells.filter(**chosen).order_by("pk")


@dataclass
class Comparison:
    added: int
    removed: int
    changed: int
    unchanged: int
    largest: list[dict[str, Any]]


KEY_COLUMNS = [*FILTER_COLUMNS, "other"]


def first_cells(version: DatasetVersion) -> QuerySet[Any]:
    """The id of the first cell of every key of ``version`` (the first row of the file): where a key
    occurs twice, only this one is counted by charts and indicators (duplicates are never summed)."""
    return (
        Observation.objects.filter(version_id=version.pk).values(*KEY_COLUMNS).annotate(first=Min("pk")).values("first")
    )


def duplicates_note(version: DatasetVersion) -> str:
    """The sentence a table drawn from ``version`` carries when the version has duplicated keys."""
    from django.utils.translation import ngettext

    count = int((version.quality or {}).get("checks", {}).get("duplicates", {}).get("count") or 0)
    if not count:
        return ""
    return ngettext(
        "The data has %(n)s key that occurs more than once; only its first row in the file is counted, never the sum.",
        "The data has %(n)s keys that occur more than once; only the first row of each in the file is "
        "counted, never the sum.",
        count,
    ) % {"n": count}


def previous_version(version: DatasetVersion, user: User | AnonymousUser) -> DatasetVersion | None:
    """The version before this one that was not discarded (and that the user may see)."""
    return (
        versions_for(version.dataset, user)
        .filter(number__lt=version.number)
        .exclude(status=VersionStatus.DISCARDED)
        .first()
    )


def compare(old: DatasetVersion, new: DatasetVersion, *, largest: int = 20) -> Comparison:
    """Cells added, removed and changed between two versions, and the largest changes, in SQL."""
    table = connection.ops.quote_name(Observation._meta.db_table)
    qn = connection.ops.quote_name
    join = " AND ".join(f"o.{qn(c)} = n.{qn(c)}" for c in KEY_COLUMNS)
    keys = ", ".join(f"n.{qn(c)}" for c in KEY_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), "  # noqa: S608 - names quoted, values bound
            f"SUM(CASE WHEN (o.value IS NULL AND n.value IS NULL) OR o.value = n.value THEN 1 ELSE 0 END) "
            f"FROM {table} n JOIN {table} o ON {join} AND o.version_id = %s WHERE n.version_id = %s",
            [old.pk, new.pk],
        )
        matched, same = cursor.fetchone()
        same = same or 0
        cursor.execute(
            f"SELECT {keys}, o.value, n.value FROM {table} n JOIN {table} o ON {join} AND o.version_id = %s "  # noqa: S608
            f"WHERE n.version_id = %s AND o.value IS NOT NULL AND n.value IS NOT NULL AND o.value <> n.value "
            f"ORDER BY ABS(n.value - o.value) DESC LIMIT %s",
            [old.pk, new.pk, largest],
        )
        changes = []
        for row in cursor.fetchall():
            key = {c: v for c, v in zip(KEY_COLUMNS, row[: len(KEY_COLUMNS)], strict=True) if v}
            before, after = row[-2], row[-1]
            changes.append(
                {
                    "key": key,
                    "before": before,
                    "after": after,
                    "change": after - before,
                    "relative": (after - before) / abs(before) if before else None,
                }
            )
    old_count = Observation.objects.filter(version_id=old.pk).count()
    new_count = Observation.objects.filter(version_id=new.pk).count()
    return Comparison(
        added=new_count - matched,
        removed=old_count - matched,
        changed=matched - same,
        unchanged=same,
        largest=changes,
    )


def category_labels(dimension: Dimension) -> dict[str, str]:
    """``{code: label to show}``: the source's label, or the reference name (geography, SSYK, SUN, SNI)
    where the source gave only the code, so that "0484" shows as "Eskilstuna"."""
    from samverka.insight.classifications.matching import ROLES, SEX_NAMES, reference_names

    labels = {str(code): str(label) for code, label in dimension.categories}
    bare = [code for code, label in labels.items() if not label or label == code]
    if bare and dimension.role in ROLES:
        labels.update(reference_names(dimension.role, bare))
    elif bare and dimension.role == DimensionRole.SEX:
        labels.update({code: str(SEX_NAMES[code]) for code in bare if code in SEX_NAMES})
    return labels


class KeyNamer:
    """A cell's key as people read it: "Region 0484 Eskilstuna, Kön 2 kvinnor" (dimension, code, label)."""

    def __init__(self, dimensions: list[Dimension]) -> None:
        self.by_role = {d.role: d for d in dimensions if d.role != DimensionRole.OTHER}
        self.labels = {role: category_labels(d) for role, d in self.by_role.items()}

    def dimension(self, role: str) -> str:
        dim = self.by_role.get(role)
        return dim.code if dim is not None else role

    def key(self, key: dict[str, Any], *, skip: tuple[str, ...] = ()) -> str:
        parts = []
        for role, code in key.items():
            if role in skip or code in ("", None):
                continue
            if role == "other":
                parts.append(str(code).replace("|", ", ").replace("=", " "))
                continue
            label = self.labels.get(role, {}).get(str(code), "")
            shown = f"{code} {label}" if label and label != str(code) else str(code)
            parts.append(f"{self.dimension(role)} {shown}")
        return ", ".join(parts)

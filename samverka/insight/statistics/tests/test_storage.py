"""Bulk storage of observation rows: every column in place, constants, and rollback with the caller."""

import sqlite3
from typing import Any

import psycopg
import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from samverka.insight.statistics.models import DatasetVersion, Observation
from samverka.insight.statistics.storage import ROW_COLUMNS, bulk_insert
from samverka.insight.statistics.tests.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(space):
    return DatasetVersion.objects.create(dataset=make_dataset(space=space), number=1, imported_at=timezone.now())


def test_rows_in_row_column_order_are_stored_as_they_are(version):
    rows = [
        ("m", "2024", 2024, "0480", "2221", "5", "72", "86", "2", "55-64", "abroad", "Sektor=1", 12.5, ""),
        ("m", "2024", 2024, "0480", "2221", "5", "72", "86", "1", "55-64", "sweden", "Sektor=1", None, ".."),
    ]
    assert bulk_insert(version.pk, rows) == 2
    stored = list(Observation.objects.filter(version=version).order_by("pk").values_list(*ROW_COLUMNS))
    assert stored == rows


def test_constant_columns_are_given_once_even_with_quotes_in_them(version):
    columns = ["region", "value"]
    constants = {c: "" for c in ROW_COLUMNS if c not in columns}
    constants.update(year=None, measure="it's'); DROP TABLE statistics_observation; --", status="p")
    assert bulk_insert(version.pk, [("01", 1.0), ("03", 2.0)], columns=columns, constants=constants) == 2
    cells = Observation.objects.filter(version=version)
    assert set(cells.values_list("measure", "status", "year")) == {(constants["measure"], "p", None)}
    with pytest.raises(ValueError, match="once each"):
        bulk_insert(version.pk, [("01",)], columns=["region"], constants={"value": None})


def test_rows_go_with_the_callers_transaction(version):
    with pytest.raises(RuntimeError), transaction.atomic():
        bulk_insert(version.pk, [("m", "2024", 2024, "01", "", "", "", "", "", "", "", "", 1.0, "")])
        raise RuntimeError("the import failed after storing")
    assert not Observation.objects.filter(version=version).exists()


def test_cells_get_increasing_ids_without_the_sequence_table_on_sqlite(version):
    """SQLite's AUTOINCREMENT would read and write ``sqlite_sequence`` for every cell stored."""
    from django.db import connection

    row = ("m", "2024", 2024, "01", "", "", "", "", "", "", "", "", 1.0, "")
    bulk_insert(version.pk, [row] * 3)
    bulk_insert(version.pk, [row] * 2)
    ids = list(Observation.objects.filter(version=version).order_by("pk").values_list("pk", flat=True))
    assert len(set(ids)) == 5 and ids == sorted(ids)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_sequence WHERE name = %s", [Observation._meta.db_table])
            assert cursor.fetchone() == (0,)


def _fixture_answer() -> dict:
    """A small JSON-stat 2 answer with what the fast path treats specially: a one-category dimension
    (a constant column), an age and a sex dimension, statuses per cell, a missing value and quotes."""
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "Fixture",
        "id": ["Region", "Kon", "Alder", "ContentsCode", "Tid"],
        "size": [3, 2, 2, 1, 2],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {"label": "region", "category": {"index": ["00", "01", "0114"]}},
            "Kon": {"label": "kön", "category": {"index": ["1", "2"]}},
            "Alder": {"label": "ålder", "category": {"index": ["0-9", "10-19"]}},
            "ContentsCode": {"label": "tabellinnehåll", "category": {"index": ["it's"]}},
            "Tid": {"label": "år", "category": {"index": ["2023", "2024"]}},
        },
        "value": [float(i) if i % 5 else None for i in range(24)],
        "status": {"4": "..", "7": "."},
    }


def test_the_fast_path_stores_the_same_observations_as_the_orm(space):
    """What ``bulk_insert`` stores from a parsed JSON-stat answer (varying columns and constants) is,
    cell for cell and in the same order, what one ORM object per cell stores."""
    from samverka.insight.statistics import jsonstat
    from samverka.insight.statistics.mapping import guess_roles

    dataset = make_dataset(space=space)
    fast, orm = (DatasetVersion.objects.create(dataset=dataset, number=n, imported_at=timezone.now()) for n in (1, 2))
    parsed = jsonstat.parse(_fixture_answer())
    roles = guess_roles([(d.code, d.label, d.jsonstat_role) for d in parsed.dimensions])
    columns, cells, constants = jsonstat.row_columns(parsed, roles)
    assert bulk_insert(fast.pk, cells, columns=columns, constants=constants) == 24
    Observation.objects.bulk_create(
        Observation(version=orm, **dict(zip(ROW_COLUMNS, row, strict=True)))
        for row in jsonstat.iter_rows(parsed, roles)
    )

    def stored(version: DatasetVersion) -> list[tuple]:
        return list(Observation.objects.filter(version=version).order_by("pk").values_list(*ROW_COLUMNS))

    assert stored(fast) == stored(orm)
    assert len(stored(fast)) == 24
    assert {row[ROW_COLUMNS.index("measure")] for row in stored(fast)} == {"it's"}
    assert [row[ROW_COLUMNS.index("status")] for row in stored(fast)][4:8] == ["..", "", "", "."]


def test_a_failed_store_leaves_nothing_half_written_and_the_connection_as_it_was(version):
    """A row the database refuses fails the whole batch (none of its rows stay); the rows stored before are
    kept, and on SQLite the larger page cache used while storing is put back even after the failure."""
    from django.db import connection

    def cache_size() -> Any:
        if connection.vendor != "sqlite":
            return None  # PostgreSQL's store changes no session setting
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()

    before = cache_size()
    row = ("m", "2024", 2024, "01", "", "", "", "", "", "", "", "", 1.0, "")
    assert bulk_insert(version.pk, [row] * 3) == 3
    with pytest.raises((sqlite3.Error, psycopg.Error, DatabaseError)), transaction.atomic():
        bulk_insert(version.pk, iter([row, row, ("too", "short")]))  # the third row lacks columns
    assert cache_size() == before
    assert Observation.objects.filter(version=version).count() == 3


def test_deleting_a_version_deletes_its_cells(version):
    """Cells stored in bulk (outside the ORM) are deleted with their version, and only those."""
    row = ("m", "2024", 2024, "01", "", "", "", "", "", "", "", "", 1.0, "")
    bulk_insert(version.pk, [row] * 3)
    other = DatasetVersion.objects.create(dataset=version.dataset, number=2, imported_at=timezone.now())
    bulk_insert(other.pk, [row] * 2)
    version.delete()
    assert list(Observation.objects.values_list("version_id", flat=True).distinct()) == [other.pk]
    other.delete()
    assert not Observation.objects.exists()

"""Bulk storage of observation rows: every column in place, constants, and rollback with the caller."""

import pytest
from django.db import transaction
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

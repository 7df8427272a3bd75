"""Fast bulk storage of observation rows.

The ORM's ``bulk_create`` builds one model instance per cell, which is far too slow for a
150,000-cell response. Rows are plain tuples in :data:`ROW_COLUMNS` order and go straight to
the database: a prepared ``INSERT`` with ``executemany`` in chunks on SQLite, ``COPY … FROM
STDIN`` on PostgreSQL (psycopg 3). Both run on the caller's connection, so inside the caller's
transaction: an exception in the caller's ``atomic`` block leaves no row behind.
"""

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db import connection

from samverka.insight.statistics.models import Observation

#: The order of the values in a row given to :func:`bulk_insert`.
ROW_COLUMNS = (
    "measure",
    "period",
    "year",
    "region",
    "ssyk",
    "sun_level",
    "sun_field",
    "sni",
    "sex",
    "age",
    "birth",
    "other",
    "value",
    "status",
)

#: Rows per ``executemany`` call on SQLite.
CHUNK_SIZE = 20_000
#: SQLite's page cache (KiB) while rows are stored.
SQLITE_CACHE_KIB = 65_536


def _table_and_columns(columns: Sequence[str]) -> tuple[str, list[str]]:
    qn = connection.ops.quote_name
    return qn(Observation._meta.db_table), [qn(c) for c in ("version_id", *columns)]


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _literal(value: Any) -> str:
    """A constant as an SQL literal (text, integer, float or NULL); only used for the SQLite statement."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        raise TypeError("no booleans in observations")
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def bulk_insert(
    version_id: int,
    rows: Iterable[Sequence[Any]],
    *,
    columns: Sequence[str] = ROW_COLUMNS,
    constants: dict[str, Any] | None = None,
) -> int:
    """Store ``rows`` as observations of a version; returns the number of rows stored.

    Each row holds the values of ``columns`` (by default all of :data:`ROW_COLUMNS`, in that order).
    ``constants`` gives the value of the columns that are the same in every row (e.g. an empty
    ``ssyk`` in a population table): they are not repeated in each row, which saves time. Every
    column of :data:`ROW_COLUMNS` must be in one of the two. Runs on the default connection,
    inside whatever transaction the caller has open.
    """
    constants = dict(constants or {})
    unknown = (set(columns) | set(constants)) ^ set(ROW_COLUMNS)
    if unknown or len(columns) + len(constants) != len(ROW_COLUMNS):
        raise ValueError(f"columns and constants must cover {ROW_COLUMNS} once each")
    if connection.vendor == "postgresql":
        return _copy_postgresql(version_id, rows, columns, constants)
    if connection.vendor == "sqlite":
        return _executemany_sqlite(version_id, rows, columns, constants)
    raise NotImplementedError(f"Samverka stores observations on SQLite and PostgreSQL, not {connection.vendor}")


def _executemany_sqlite(
    version_id: int, rows: Iterable[Sequence[Any]], columns: Sequence[str], constants: dict[str, Any]
) -> int:
    """The sqlite3 cursor itself with ``?`` placeholders: Django's wrapper rewrites every parameter set.

    The version id and the constants are literals in the statement, so the caller's tuples are bound
    as they are.
    """
    table, names = _table_and_columns([*columns, *constants])
    values = [str(int(version_id)), *(["?"] * len(columns)), *(_literal(v) for v in constants.values())]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(values)})"  # noqa: S608 - quoted
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # Django's SQLiteCursorWrapper, a sqlite3.Cursor subclass
        sqlite3.Cursor.execute(raw, "PRAGMA cache_size")
        (cache_size,) = raw.fetchone()
        # A larger page cache while the rows go in keeps the indexes' pages in memory instead of spilling
        # them to the file before the commit (SQLite's default is 2 MiB); it is memory only, put back after.
        sqlite3.Cursor.execute(raw, f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
        try:
            for chunk in _chunks(rows, CHUNK_SIZE):
                sqlite3.Cursor.executemany(raw, sql, chunk)
                count += len(chunk)
        finally:
            sqlite3.Cursor.execute(raw, f"PRAGMA cache_size = {int(cache_size)}")
    return count


def _copy_postgresql(
    version_id: int, rows: Iterable[Sequence[Any]], columns: Sequence[str], constants: dict[str, Any]
) -> int:
    table, names = _table_and_columns([*columns, *constants])
    tail = tuple(constants.values())
    count = 0
    sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor behind Django's wrapper
        with raw.copy(sql) as copy:
            write = copy.write_row
            for row in rows:
                write((version_id, *row, *tail))
                count += 1
    return count

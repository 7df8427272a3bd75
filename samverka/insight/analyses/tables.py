"""The neutral table every chart, map and download is drawn from.

A :class:`Table` has the same fields as the indicator catalogue's table
(``samverka.insight.indicators.catalogue.Table``): a title, column headings, rows, a
unit, a definition and a note. The charts read it the same way whatever made
it: the first column holds the categories (the x axis, or the regions of a
map) and every further column is one series of numbers.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import formats


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    unit: str = ""
    definition: str = ""
    note: str = ""
    #: The category codes of the rows (regions of a map), when the source has codes.
    codes: list[str] = field(default_factory=list)
    #: Whether the figures come from synthetic data (said on every page and in every file).
    synthetic: bool = False
    #: The heading of the code column in downloads ("" for none).
    code_heading: str = ""


def row_codes(table: Any) -> list[str]:
    """The code of each row where it differs from the row's name ("0484" for "Eskilstuna"), else ""."""
    codes = list(getattr(table, "codes", None) or [])
    if len(codes) != len(table.rows):
        return ["" for _row in table.rows]
    return [str(code) if str(code) != str(row[0]) else "" for code, row in zip(codes, table.rows, strict=True)]


def categories(table: Any) -> list[str]:
    return [str(row[0]) for row in table.rows]


def series_names(table: Any) -> list[str]:
    return [str(name) for name in table.columns[1:]]


def series_values(table: Any) -> list[list[float | None]]:
    """One list of numbers per series (columns after the first); empty cells are ``None``."""
    result: list[list[float | None]] = []
    for index in range(1, len(table.columns)):
        values: list[float | None] = []
        for row in table.rows:
            value = row[index] if index < len(row) else None
            values.append(float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None)
        result.append(values)
    return result


def decimals_of(table: Any) -> int:
    """Whole numbers are shown without decimals, others with one."""
    for values in series_values(table):
        for value in values:
            if value is not None and abs(value - round(value)) > 1e-9:
                return 1
    return 0


def format_number(value: Any, decimals: int = 0) -> str:
    """A number in the active language's format (Swedish: 12 345,6) with grouping; '–' for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(formats.number_format(round(float(value), decimals), decimals, force_grouping=True))
    return str(value)


def display_rows(table: Any) -> list[dict[str, Any]]:
    """The rows for an HTML table: a heading cell and the formatted numbers."""
    decimals = decimals_of(table)
    return [
        {"label": row[0], "code": code, "cells": [format_number(cell, decimals) for cell in row[1:]]}
        for row, code in zip(table.rows, row_codes(table), strict=True)
    ]


#: A chart shows at most this many series; a wider table (an indicator's) is charted by its shares.
MAX_CHART_SERIES = 3


def chart_projection(table: Any) -> Any:
    """The columns of ``table`` a chart draws: all of them when there are few; otherwise the
    percentage columns (up to three) or the first column of numbers. The data table keeps them all."""
    count = len(table.columns) - 1
    if count <= MAX_CHART_SERIES:
        return table
    shares = [i for i, name in enumerate(table.columns[1:], start=1) if "%" in str(name)]
    keep = shares[:MAX_CHART_SERIES] or [1]
    return Table(
        title=table.title,
        columns=[table.columns[0], *(table.columns[i] for i in keep)],
        rows=[[row[0], *(row[i] if i < len(row) else None for i in keep)] for row in table.rows],
        unit="%" if shares else table.unit,
        definition=getattr(table, "definition", ""),
        note=getattr(table, "note", ""),
        codes=list(getattr(table, "codes", []) or []),
        synthetic=bool(getattr(table, "synthetic", False)),
    )

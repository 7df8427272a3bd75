"""A table as CSV and as Excel, safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) get a leading apostrophe, so
``=cmd|' /C calc'!A0`` arrives as text (OWASP "CSV injection"). Numbers stay
numbers. The CSV is UTF-8 with a BOM and semicolons, as Swedish Excel expects.
"""

import csv
import io
import re
import zipfile
from typing import Any

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that could run as a formula gets a leading apostrophe; numbers and nothing pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """Whole numbers as integers (1340, not 1340.0); text neutralised."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value)


def _records(table: Any) -> list[list[Any]]:
    header = [neutralise(str(column)) for column in table.columns]
    body = [[_cell(cell) for cell in row] for row in table.rows]
    return [header, *body]


def _footer(table: Any) -> list[list[Any]]:
    lines = []
    if table.unit:
        lines.append([neutralise("Unit / Enhet: " + str(table.unit))])
    for text in (table.definition, table.note):
        if text:
            lines.append([neutralise(str(text))])
    return lines


def table_csv(table: Any) -> bytes:
    """The table as UTF-8 CSV (with BOM, semicolons, decimal point in numbers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(table.title))])
    for record in _records(table):
        writer.writerow(["" if cell is None else cell for cell in record])
    footer = _footer(table)
    if footer:
        writer.writerow([])
        writer.writerows(footer)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str, taken: set[str]) -> str:
    """At most 31 characters without the ones Excel forbids, and not the name of another sheet."""
    base = (re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Data")[:31]
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def _fill_sheet(sheet: Any, table: Any) -> None:
    """Title, header row in bold, numbers as numbers, unit and notes below."""
    sheet.append([neutralise(str(table.title))])
    sheet["A1"].font = Font(bold=True, size=12)
    records = _records(table)
    sheet.append(records[0])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for record in records[1:]:
        sheet.append(record)
    footer = _footer(table)
    if footer:
        sheet.append([])
        for line in footer:
            sheet.append(line)
    sheet.column_dimensions["A"].width = max(12, min(50, max((len(str(r[0])) for r in records), default=10) + 2))


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(table: Any) -> bytes:
    """The table as an Excel workbook of one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(str(table.title), set())
    _fill_sheet(sheet, table)
    return _workbook_bytes(workbook)


def tables_xlsx(tables: list[Any]) -> bytes:
    """One Excel workbook with a sheet per table, numbered in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for number, table in enumerate(tables, start=1):
        _fill_sheet(workbook.create_sheet(_sheet_title(f"{number:02d} {table.title}", taken)), table)
    return _workbook_bytes(workbook)


def file_stem(title: str) -> str:
    return slugify(title)[:60] or "data"


def tables_zip(tables: list[Any]) -> bytes:
    """A zip with one CSV file per table, numbered in order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, table in enumerate(tables, start=1):
            archive.writestr(f"{number:02d}-{file_stem(str(table.title))}.csv", table_csv(table))
    return buffer.getvalue()

"""A table as CSV and as Excel, safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) get a leading apostrophe, so
``=cmd|' /C calc'!A0`` arrives as text (OWASP "CSV injection"). Numbers stay
numbers. The CSV is Swedish (``statistics.csvformat``): UTF-8 with a BOM,
semicolons and a decimal comma. Rows named by a category carry its code in a
column after the name ("Eskilstuna", "0484"), and figures from synthetic data
say so on the line under the title.
"""

import io
import re
import zipfile
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from samverka.insight.analyses.tables import row_codes
from samverka.insight.statistics.csvformat import FORMULA_STARTS, csv_bytes, neutralise

__all__ = ["FORMULA_STARTS", "neutralise", "table_csv", "table_xlsx", "tables_xlsx", "tables_zip"]


def _cell(value: Any) -> Any:
    """Whole numbers as integers (1340, not 1340.0); text neutralised."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return neutralise(value)


def _records(table: Any) -> list[list[Any]]:
    codes = row_codes(table)
    with_codes = any(codes)
    header = [neutralise(str(column)) for column in table.columns]
    if with_codes:
        header.insert(1, neutralise(str(getattr(table, "code_heading", "") or _("Code"))))
    body = []
    for row, code in zip(table.rows, codes, strict=True):
        cells = [_cell(cell) for cell in row]
        if with_codes:
            cells.insert(1, code)
        body.append(cells)
    return [header, *body]


def synthetic_line(table: Any) -> list[str]:
    if not getattr(table, "synthetic", False):
        return []
    return [_("SYNTHETIC DATA: generated for demonstration, not official statistics.")]


def _footer(table: Any) -> list[list[Any]]:
    lines = []
    if table.unit:
        lines.append([neutralise(_("Unit") + ": " + str(table.unit))])
    for text in (table.definition, table.note):
        if text:
            lines.append([neutralise(str(text))])
    return lines


def table_csv(table: Any) -> bytes:
    """The table as a Swedish CSV file (BOM, semicolons, decimal comma)."""
    rows: list[list[Any]] = [[str(table.title)]]
    if line := synthetic_line(table):
        rows.append(line)
    rows += _records(table)
    footer = _footer(table)
    if footer:
        rows.append([])
        rows += footer
    return csv_bytes(rows)


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
    if line := synthetic_line(table):
        sheet.append(line)
        sheet["A2"].font = Font(bold=True, color="8A1C00")
    records = _records(table)
    sheet.append(records[0])
    for cell in sheet[sheet.max_row]:
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

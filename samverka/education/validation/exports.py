"""The outcome table as CSV and Excel, and the empty Excel template for entering outcomes.

Both exports are written from ``selectors.outcome_table`` (suppressed: a masked cell is ``..``, as SCB marks
figures it does not publish), never from the rows. Text that a spreadsheet would run as a formula is
neutralised (``statistics.csvformat.neutralise``: a leading apostrophe), so a provider named
``=HYPERLINK(…)`` arrives as text.
"""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from samverka.education.validation.selectors import OutcomeTable
from samverka.education.validation.services import UPLOAD_COLUMNS
from samverka.insight.statistics.csvformat import csv_bytes, neutralise

#: How a masked cell is written.
MASK = ".."


def _records(table: OutcomeTable) -> list[list[Any]]:
    header = [neutralise(str(heading)) for heading in (*table.dimension_headings, *table.figure_headings)]
    body = []
    for row in table.rows:
        keys = [neutralise(row.keys[name][1]) for name in table.group_by]
        body.append(keys + [MASK if cell.suppressed else cell.value for cell in row.cell_list()])
    return [header, *body]


def _notes(table: OutcomeTable) -> list[list[Any]]:
    return [
        [neutralise(_("Validation outcomes – %(space)s") % {"space": table.space.name})],
        [_("Figures below %(k)s are masked (%(mask)s).") % {"k": table.k, "mask": MASK}],
    ]


def masked_csv(notes: list[list[Any]], records: list[list[Any]]) -> bytes:
    """A suppressed table (``records``: header first) under its ``notes`` as a Swedish CSV file (BOM, semicolons)."""
    return csv_bytes([*notes, [], *records])


def masked_xlsx(title: str, notes: list[list[Any]], records: list[list[Any]]) -> bytes:
    """A suppressed table (``records``: header first) under its ``notes`` as an Excel workbook of one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for line in notes:
        sheet.append(line)
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([])
    sheet.append(records[0])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for record in records[1:]:
        sheet.append(record)
    return _bytes(workbook)


def outcome_csv(table: OutcomeTable) -> bytes:
    """The suppressed table as a Swedish CSV file (BOM, semicolons)."""
    return masked_csv(_notes(table), _records(table))


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def outcome_xlsx(table: OutcomeTable) -> bytes:
    """The suppressed table as an Excel workbook."""
    return masked_xlsx(_("Outcomes"), _notes(table), _records(table))


def template_xlsx() -> bytes:
    """The empty template: the column names on row 1 (the upload checks them), an explanation on a second sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "outcomes"
    sheet.append(list(UPLOAD_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    counts.error = _("A count is a whole number, 0 or more.")
    sheet.add_data_validation(counts)
    counts.add(f"F2:{sheet.cell(row=1, column=len(UPLOAD_COLUMNS)).column_letter}1000")
    help_sheet = workbook.create_sheet(_("Instructions")[:31])
    lines = [
        _("One row per year × occupation or industry model × provider × municipality."),
        _("year: the year the validations started, e.g. 2025."),
        _("ssyk_code: the occupation (SSYK 2012, four digits), or leave it empty and give industry_model."),
        _("municipality_code: SCB's four-digit code, e.g. 0484 for Eskilstuna."),
        _("The counts: whole numbers, 0 or more; completed at most started for each sex."),
        _(
            "reached_*: how many got furthest to each step; result_*: how many got each result; followup_*: what "
            "they did afterwards. Each group adds up to at most the number who started."
        ),
        _(
            "A row with the same year, occupation, industry model, provider and municipality as stored figures "
            "replaces them. If one row has a problem, nothing is saved."
        ),
    ]
    for line in lines:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    return _bytes(workbook)

"""The follow-up table as CSV and Excel, and the empty Excel template for entering cohorts.

Both exports are written from ``selectors.follow_up_table`` (suppressed: a masked cell is ``..``, as SCB marks
figures it does not publish), never from the rows, with validation's helpers (``statistics.csvformat``: text a
spreadsheet would run as a formula is neutralised).
"""

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from samverka.education.cohorts.selectors import FollowUpTable
from samverka.education.cohorts.services import UPLOAD_COLUMNS
from samverka.education.validation.exports import MASK, masked_csv, masked_xlsx
from samverka.insight.statistics.csvformat import neutralise


def _records(table: FollowUpTable) -> list[list[Any]]:
    header = [neutralise(str(heading)) for heading in table.headings]
    body = []
    for row in table.rows:
        cells = [MASK if cell.suppressed else cell.value for cell in row.cell_list()]
        rate = MASK if row.completion_rate is None else row.completion_rate
        body.append([neutralise(row.offering), neutralise(row.municipality), row.start_year, *cells, rate])
    return [header, *body]


def _notes(table: FollowUpTable) -> list[list[Any]]:
    return [
        [neutralise(_("Cohort follow-up – %(space)s") % {"space": table.space.name})],
        [_("Figures below %(k)s are masked (%(mask)s).") % {"k": table.k, "mask": MASK}],
    ]


def follow_up_csv(table: FollowUpTable) -> bytes:
    """The suppressed table as a Swedish CSV file (BOM, semicolons)."""
    return masked_csv(_notes(table), _records(table))


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def follow_up_xlsx(table: FollowUpTable) -> bytes:
    """The suppressed table as an Excel workbook."""
    return masked_xlsx(_("Follow-up"), _notes(table), _records(table))


def template_xlsx(offerings: list[tuple[int, str]]) -> bytes:
    """The empty template: the column names on row 1 (the upload checks them), the space's offerings and an
    explanation on other sheets."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "cohorts"
    sheet.append(list(UPLOAD_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    counts.error = _("A count is a whole number, 0 or more.")
    sheet.add_data_validation(counts)
    counts.add("D2:L1000")
    listing = workbook.create_sheet(_("Offerings")[:31])
    listing.append(["offering_id", _("Offering")])
    for pk, label in offerings:
        listing.append([pk, neutralise(label)])
    help_sheet = workbook.create_sheet(_("Instructions")[:31])
    lines = [
        _("One row per cohort: offering × start year × term."),
        _("offering_id: the id of the offering, from the sheet Offerings. A cohort without an offering is refused."),
        _("term: HT (autumn) or VT (spring)."),
        _(
            "The counts: whole numbers, 0 or more. applicants, admitted and active_year_* may be left empty. "
            "Admitted at most applicants, started at most admitted, completed and dropped out together at most "
            "started."
        ),
        _(
            "source: provider, scb, skolverket, myh or survey; method: register or survey (then response_rate, "
            "0–100); status: provisional or final; quality: ok, uncertain or poor."
        ),
        _(
            "A row for a cohort that is already stored replaces its figures. If one row has a problem, nothing is saved."
        ),
    ]
    for line in lines:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 110
    return _bytes(workbook)

"""A round for the steering-group meeting: PDF (WeasyPrint, A4 landscape) and Excel (openpyxl)."""

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _

from samverka.platform.core.pdf import render_pdf
from samverka.steering.statusreports.forms import CRITERIA
from samverka.steering.statusreports.render import light_names, pdf_matrix_html, trend_text
from samverka.steering.statusreports.selectors import Overview

FILLS = {"green": "B7E1A1", "yellow": "FFE699", "red": "F4B6B6"}


PDF_TEMPLATE = "statusreports/pdf/overview.html"


def pdf_context(data: Overview) -> dict[str, Any]:
    return {
        "overview": data,
        "space": data.status_round.space,
        "status_round": data.status_round,
        "matrix": pdf_matrix_html(data),
        "criteria": CRITERIA,
    }


def round_pdf(data: Overview) -> bytes:
    return render_pdf(PDF_TEMPLATE, pdf_context(data))


def round_xlsx(data: Overview) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    names = light_names()
    book = Workbook()
    sheet = book.active
    sheet.title = _("Lights")[:31]
    sheet.append([f"{data.status_round.space.name}: {data.status_round.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    headers = [
        _("Group"),
        _("Report state"),
        _("Activity"),
        _("Result goals"),
        _("Activity light"),
        _("Trend"),
        _("Comment on the activity"),
        _("Expected result"),
        _("Result light"),
        _("Trend"),
        _("Comment on the expected result"),
    ]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for group in data.groups:
        for row in group.rows:
            sheet.append(
                [
                    group.report.work_plan.body.name,
                    str(group.report.get_state_display()),
                    row.title,
                    ", ".join(row.goal_codes),
                    names[row.light_activity],
                    trend_text(row.trend_activity, names),
                    row.comment_activity,
                    row.expected_result,
                    names[row.light_result],
                    trend_text(row.trend_result, names),
                    row.comment_result,
                ]
            )
            line = sheet.max_row
            for column, light in (("E", row.light_activity), ("I", row.light_result)):
                if light:
                    sheet[f"{column}{line}"].fill = PatternFill("solid", fgColor=FILLS[light])
    sheet.freeze_panes = "A3"
    feedback = book.create_sheet(_("Feedback")[:31])
    feedback.append([_("Group"), _("Feedback"), _("Given by"), _("Given at")])
    for group in data.groups:
        for item in group.feedback:
            feedback.append(
                [
                    group.report.work_plan.body.name,
                    item.text,
                    item.by.full_name if item.by else "",
                    item.at.date().isoformat(),
                ]
            )
    legend = book.create_sheet(_("Criteria")[:31])
    for _value, label, criterion in CRITERIA:
        legend.append([str(label), str(criterion)])
    out = BytesIO()
    book.save(out)
    return out.getvalue()

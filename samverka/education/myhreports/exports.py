"""The report as a PDF (WeasyPrint through core.pdf) and as an Excel workbook (one sheet per section)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from samverka.education.myhreports import selectors
from samverka.education.myhreports.models import MyhReport
from samverka.platform.core.pdf import render_pdf


def _safe(value: object) -> object:
    """A cell value that a spreadsheet does not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def report_pdf(report: MyhReport) -> bytes:
    return render_pdf(
        "myhreports/pdf/report.html",
        {
            "report": report,
            "sections": selectors.report_sections(report),
            "needs": selectors.report_needs(report),
            "corrections": selectors.report_corrections(report),
        },
    )


def report_xlsx(report: MyhReport) -> bytes:
    workbook = Workbook()
    first = workbook.active
    workbook.remove(first)
    header = [_("Figure"), _("Value"), _("Unit"), _("Source"), _("Vintage"), _("Fetched")]
    used: set[str] = set()
    for number, section in enumerate(selectors.report_sections(report), start=1):
        title = f"{number} {section.title}"[:31]
        for char in "[]:*?/\\":
            title = title.replace(char, " ")
        while title in used:
            title = title[:29] + f"{number:02d}"
        used.add(title)
        sheet = workbook.create_sheet(title)
        sheet.append([_safe(section.title)])
        sheet["A1"].font = Font(bold=True)
        if section.text:
            sheet.append([_safe(section.text)])
        sheet.append([])
        sheet.append(header)
        for figure in section.figures:
            sheet.append(
                [
                    _safe(figure.label),
                    figure.value,
                    _safe(figure.unit),
                    _safe(figure.source_name),
                    _safe(figure.vintage),
                    figure.fetched_at.replace(tzinfo=None),
                ]
            )
        if not section.figures:
            sheet.append([_("No figures in this section.")])
    needs = workbook.create_sheet(_("Competence needs")[:31])
    needs.append(
        [
            _("Priority"),
            _("YH education area"),
            _("SSYK"),
            _("Motivation"),
            _("Evidence"),
            _("Confidence"),
            _("Sources"),
        ]
    )
    for need in selectors.report_needs(report):
        needs.append(
            [
                need.priority,
                need.get_yh_area_display(),
                need.ssyk,
                _safe(need.motivation),
                _safe(need.evidence),
                need.get_confidence_display(),
                _safe(need.sources),
            ]
        )
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def report_docx(report: MyhReport) -> bytes:
    """The report as a Word document: each section's text, figures (with source and vintage) and the needs."""
    from docx import Document  # imported late: only this export needs it

    document = Document()
    document.add_heading(f"{_('Yearly report to MYH')} {report.year} — {report.space.name}", level=0)
    document.add_paragraph(f"{_('Status')}: {report.get_status_display()}")
    for section in selectors.report_sections(report):
        document.add_heading(section.title, level=1)
        if section.text:
            document.add_paragraph(section.text)
        if section.figures:
            table = document.add_table(rows=1, cols=4)
            for cell, text in zip(
                table.rows[0].cells, [_("Figure"), _("Value"), _("Source"), _("Vintage")], strict=True
            ):
                cell.text = str(text)
            for figure in section.figures:
                cells = table.add_row().cells
                value = "" if figure.value is None else f"{figure.value:g} {figure.unit}".strip()
                for cell, text in zip(cells, [figure.label, value, figure.source_name, figure.vintage], strict=True):
                    cell.text = text
        elif not section.text:
            document.add_paragraph(_("No data for this section."))
    needs = selectors.report_needs(report)
    if needs:
        document.add_heading(_("Competence needs"), level=1)
        for need in needs:
            rank = f"{need.priority}. " if need.priority else ""
            document.add_paragraph(
                f"{rank}{need.get_yh_area_display()} {need.ssyk} — {need.motivation} "
                f"({_('confidence')}: {need.get_confidence_display()}; {_('sources')}: {need.sources or '—'})"
            )
    out = BytesIO()
    document.save(out)
    return out.getvalue()

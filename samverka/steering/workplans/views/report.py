"""The year-end perspective report of a space: page and CSV."""

import csv
from functools import cached_property
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.platform.core.pdf import render_pdf
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.steering.workplans import selectors
from samverka.steering.workplans.services import MAX_YEAR, MIN_YEAR


class _ReportMixin(SpaceMixin, PermissionMixin):
    permission_required = "workplans.view_perspective_report"

    def get_permission_object(self) -> Any:
        return self.space

    @cached_property
    def year(self) -> int:
        raw = self.request.GET.get("year", "")  # type: ignore[attr-defined]
        try:
            year = int(raw)
        except ValueError:
            return int(timezone.localdate().year)
        return year if MIN_YEAR <= year <= MAX_YEAR else int(timezone.localdate().year)


def report_context(view: "_ReportMixin") -> dict[str, Any]:
    summaries, count = selectors.perspective_report(view.space, view.request.user, view.year)
    return {
        "space": view.space,
        "summaries": summaries,
        "activity_count": count,
        "year": view.year,
        "final_reports": selectors.final_report_perspectives(view.space, view.request.user, view.year),
    }


class PerspectiveReportView(_ReportMixin, TemplateView):
    template_name = "workplans/perspective_report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        years = selectors.plan_years(self.space, self.request.user)
        if self.year not in years:
            years = sorted({*years, self.year}, reverse=True)
        context.update(report_context(self), years=years)
        return context


class PerspectiveReportCsvView(_ReportMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        summaries, _count = selectors.perspective_report(self.space, request.user, self.year)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="perspektiv-{self.space.slug}-{self.year}.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
        writer = csv.writer(response, delimiter=";")
        writer.writerow([_("Perspective"), _("Assessment"), _("Body"), _("Activity"), _("Motivation")])
        for summary in summaries:
            for label, rows in ((_("Addressed"), summary.addressed), (_("Not relevant"), summary.not_relevant)):
                for row in rows:
                    writer.writerow([summary.label, label, row.body, row.activity, row.motivation])
            writer.writerow([summary.label, _("Not assessed"), "", str(summary.not_assessed), ""])
        return response


class PerspectiveReportPdfView(_ReportMixin, View):
    """The year-end perspective report as a PDF (for the annual report)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = render_pdf("workplans/pdf/perspective_report.html", report_context(self))
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="perspektiv-{self.space.slug}-{self.year}.pdf"'
        return response

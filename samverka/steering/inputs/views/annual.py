"""The draft annual report of a space and year: a page and a PDF."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.generic import TemplateView, View

from samverka.steering.inputs import selectors
from samverka.steering.inputs.views.feedback import year_from
from samverka.steering.inputs.views.inputs import SpacePermissionMixin


class AnnualReportView(SpacePermissionMixin, TemplateView):
    permission_required = "inputs.view_annual_report"
    template_name = "inputs/annual_report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = year_from(self.request)
        context.update(selectors.annual_report(user=self.request.user, space=self.space, year=year))
        context["years"] = [year - 1, year + 1]
        return context


class AnnualReportPdfView(SpacePermissionMixin, View):
    permission_required = "inputs.view_annual_report"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from samverka.platform.core.pdf import render_pdf

        year = year_from(request)
        context = {"space": self.space, **selectors.annual_report(user=self.request.user, space=self.space, year=year)}
        with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
            pdf = render_pdf("inputs/pdf/annual_report.html", context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="arsredovisning-utkast-{self.space.slug}-{year}.pdf"'
        return response

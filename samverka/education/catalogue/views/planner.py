"""The planner views of the catalogue (signed in, ``catalogue.view_planner`` on the space): an overview, the
programme × municipality coverage matrix, places per SUN field and year, gaps against shortage occupations
and the quality list — each page with its table as CSV and Excel (``analyses.exports``: formulas
neutralised, Swedish CSV). The figures come from ``catalogue.planning``; the views read the GET parameters
through small forms (an invalid value is reported beside its field and the default is used)."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from samverka.education.catalogue import planning
from samverka.education.catalogue.models import SchoolType
from samverka.insight.analyses.exports import file_stem, table_csv, table_xlsx
from samverka.insight.indicators.catalogue import Table
from samverka.platform.core.models import County
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


class PlannerMixin(PermissionMixin, SpaceMixin):
    """A planner page of a space: its insiders (and platform admins) only."""

    permission_required = "catalogue.view_planner"
    request: HttpRequest

    def get_permission_object(self) -> Any:
        return self.space

    def today(self) -> Any:
        return timezone.localdate()


# --- GET forms --------------------------------------------------------------------------------------


class CoverageForm(forms.Form):
    county = forms.ChoiceField(label=gettext_lazy("County"), required=False)

    def __init__(self, *args: Any, counties: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = counties  # type: ignore[attr-defined]


class PlacesForm(forms.Form):
    level = forms.TypedChoiceField(
        label=gettext_lazy("SUN field level"),
        coerce=int,
        required=False,
        choices=[
            (1, gettext_lazy("Broad field (1 digit)")),
            (2, gettext_lazy("Narrow field (2 digits)")),
            (3, gettext_lazy("Detailed field (3 digits)")),
        ],
    )
    school_type = forms.ChoiceField(
        label=gettext_lazy("School type"), required=False, choices=[("", gettext_lazy("All")), *SchoolType.choices]
    )


class QualityForm(forms.Form):
    months = forms.IntegerField(
        label=gettext_lazy("Not updated in (months)"),
        initial=planning.STALE_MONTHS_DEFAULT,
        min_value=1,
        max_value=120,
        required=False,
        help_text=gettext_lazy("Offerings last updated longer ago than this are listed as not updated recently."),
    )
    problem = forms.ChoiceField(label=gettext_lazy("Show"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["problem"].choices = [  # type: ignore[attr-defined]
            ("", _("Every problem")),
            *((key, str(name)) for key, name in planning.PROBLEM_NAMES.items()),
        ]


def _cleaned(form: forms.Form, name: str, default: Any) -> Any:
    """The field's value when given and valid, else ``default`` (an error stays on the form, beside its field)."""
    if not form.is_bound:
        return default
    form.is_valid()  # a field with an error is left out of cleaned_data
    value = form.cleaned_data.get(name)
    return default if value in (None, "") else value


def _number(n: int) -> str:
    """A count as the page writes it: below 10 000 without grouping (Svenska skrivregler), else localised."""
    return str(n) if abs(n) < 10_000 else number_format(n, force_grouping=True)


def _download(table: Table, fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{file_stem(table.title)}.{fmt}"'
    return response


class PlannerPage(PlannerMixin, TemplateView):
    """A planner page whose table is also offered as a file (the ``<name>-csv`` and ``-xlsx`` routes)."""

    def table(self) -> Table:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.urlencode()
        context["query"] = f"?{query}" if query else ""
        return context


class DownloadMixin:
    """Answers the page's table as the file ``fmt`` names (set by the route)."""

    kwargs: dict[str, Any]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _download(self.table(), kwargs["fmt"])  # type: ignore[attr-defined]


# --- overview ---------------------------------------------------------------------------------------


class PlannerOverviewView(PlannerMixin, TemplateView):
    """The planner's start: the headline of each view with a link to it."""

    template_name = "catalogue/planner_overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        offerings = planning.current_offerings(self.space, user, self.today())  # type: ignore[arg-type]
        context["current"] = offerings.count()
        if self.space.county_id:
            context["coverage"] = planning.coverage_matrix(self.space, user, self.space.county_id, self.today())  # type: ignore[arg-type]
        context["gaps"] = planning.shortage_gaps(self.space, user, self.today())  # type: ignore[arg-type]
        context["quality"] = planning.quality_report(self.space, user, today=self.today())  # type: ignore[arg-type]
        return context


# --- coverage ---------------------------------------------------------------------------------------


class CoverageMixin(PlannerMixin):
    @cached_property
    def form(self) -> CoverageForm:
        counties = list(County.objects.order_by("code").values_list("code", "name"))
        return CoverageForm(self.request.GET or None, counties=counties)

    @cached_property
    def county_code(self) -> str:
        return str(_cleaned(self.form, "county", self.space.county_id or "01"))

    @cached_property
    def matrix(self) -> planning.CoverageMatrix:
        return planning.coverage_matrix(self.space, self.request.user, self.county_code, self.today())  # type: ignore[arg-type]

    def table(self) -> Table:
        matrix = self.matrix
        rows = [*matrix.rows, matrix.other]
        body: list[list[Any]] = [[str(row.name), *row.cells, row.municipalities_offering, row.total] for row in rows]
        body.append([_("National programmes offered"), *(c.programmes for c in matrix.per_municipality), "", ""])
        body.append([_("Offerings in total"), *matrix.totals, "", matrix.total])
        not_offered = ", ".join(str(row.name) for row in matrix.not_offered) or _("none")
        return Table(
            title=_("National programmes × municipalities, %(county)s") % {"county": matrix.county.name},
            columns=[
                _("Programme"),
                *(m.name for m in matrix.municipalities),
                _("Municipalities offering it"),
                _("Offerings"),
            ],
            rows=body,
            codes=[*(row.code for row in rows), "", ""],
            code_heading=_("Programme code"),
            unit=_("current offerings"),
            definition=_(
                "Current upper secondary offerings (not removed, cancelled or over; unpublished ones "
                "included) per national programme, read from the first two letters of the education code "
                "(Skolverket's study-path code), and municipality."
            ),
            note=_("Programmes no municipality offers: %(list)s.") % {"list": not_offered},
        )


class CoverageView(CoverageMixin, PlannerPage):
    template_name = "catalogue/planner_coverage.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        matrix = self.matrix
        context.update(
            form=self.form,
            matrix=matrix,
            few_limit=planning.FEW_PROGRAMMES,
            # Cells as text: a county's matrix has up to a thousand numbers, and localising each in the
            # template costs more than the query (the coverage figure in make bench).
            matrix_rows=[
                {
                    "code": row.code,
                    "name": row.name,
                    "cells": [_number(n) for n in row.cells],
                    "municipalities": _number(row.municipalities_offering),
                    "total": row.total,
                }
                for row in matrix.rows
            ],
            other_cells=[_number(n) for n in matrix.other.cells],
            per_municipality=[_number(c.programmes) for c in matrix.per_municipality],
            totals=[_number(n) for n in matrix.totals],
        )
        return context


class CoverageDownloadView(CoverageMixin, DownloadMixin, View):
    pass


# --- places -----------------------------------------------------------------------------------------


class PlacesMixin(PlannerMixin):
    @cached_property
    def form(self) -> PlacesForm:
        return PlacesForm(self.request.GET or None)

    @cached_property
    def places(self) -> planning.PlacesTable:
        return planning.places_by_field(
            self.space,
            self.request.user,  # type: ignore[arg-type]
            level=_cleaned(self.form, "level", 1),
            school_type=_cleaned(self.form, "school_type", ""),
        )

    def year_label(self, year: int) -> str:
        return str(year) if year else _("No start date")

    def table(self) -> Table:
        places = self.places
        rows: list[list[Any]] = [[row.name, *row.places, row.total, row.unknown] for row in places.rows]
        rows.append([_("Total"), *places.totals, places.total, places.unknown])
        return Table(
            title=_("Places per SUN field and start year"),
            columns=[
                _("SUN 2020 field"),
                *(self.year_label(y) for y in places.years),
                _("Total"),
                _("Offerings without places"),
            ],
            rows=rows,
            codes=[*(row.code for row in places.rows), ""],
            code_heading=_("SUN code"),
            unit=_("places"),
            definition=_(
                "The sum of the places of the offerings (not removed or cancelled; unpublished ones included) by "
                "the SUN 2020 field of their education and the year they start. Offerings that give no number "
                "of places are counted in the last column, not in the places."
            ),
        )


class PlacesView(PlacesMixin, PlannerPage):
    template_name = "catalogue/planner_places.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            places=self.places,
            years=[self.year_label(y) for y in self.places.years],
        )
        return context


class PlacesDownloadView(PlacesMixin, DownloadMixin, View):
    pass


# --- gaps -------------------------------------------------------------------------------------------


class GapsMixin(PlannerMixin):
    @cached_property
    def report(self) -> planning.GapReport:
        return planning.shortage_gaps(self.space, self.request.user, self.today())  # type: ignore[arg-type]

    def table(self) -> Table:
        rows = [
            [
                row.name,
                "; ".join(reason.text for reason in row.reasons),
                round(row.projected_gap) if row.projected_gap is not None else "",
                row.offerings,
                row.places,
                row.unknown_places,
            ]
            for row in self.report.rows
        ]
        return Table(
            title=_("Shortage occupations and the offerings aimed at them"),
            columns=[
                _("Occupation"),
                _("Why listed"),
                _("Projected shortage (people)"),
                _("Current offerings"),
                _("Places"),
                _("Offerings without places"),
            ],
            rows=rows,
            codes=[row.ssyk for row in self.report.rows],
            code_heading=_("SSYK 2012"),
            unit=_("offerings and places"),
            definition=_(
                "Occupations an outlook scenario of the space projects a shortage for five years after its base "
                "year, and the occupations the space's industry forums cover, against the current offerings "
                "whose education or offering names the occupation (or an occupation under it) as a target."
            ),
            note=" ".join(self.report.notes),
        )


class GapsView(GapsMixin, PlannerPage):
    template_name = "catalogue/planner_gaps.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        context["horizon"] = planning.SHORTAGE_HORIZON
        return context


class GapsDownloadView(GapsMixin, DownloadMixin, View):
    pass


# --- quality ----------------------------------------------------------------------------------------


class QualityMixin(PlannerMixin):
    @cached_property
    def form(self) -> QualityForm:
        return QualityForm(self.request.GET or None)

    @cached_property
    def report(self) -> planning.QualityReport:
        return planning.quality_report(
            self.space,
            self.request.user,  # type: ignore[arg-type]
            months=_cleaned(self.form, "months", planning.STALE_MONTHS_DEFAULT),
            problem=_cleaned(self.form, "problem", ""),
            today=self.today(),
        )

    def table(self) -> Table:
        rows = []
        for offering in self.report.offerings:
            rows.append(
                [
                    offering.education.title,
                    offering.provider.name,
                    offering.municipality.name if offering.municipality else "",
                    offering.start_date.isoformat() if offering.start_date else "",
                    planning.source_label(offering.source),
                    offering.source_id,
                    date_format(timezone.localtime(offering.last_updated), "Y-m-d"),
                    "; ".join(str(planning.PROBLEM_NAMES[p]) for p in planning.problems_of(offering)),
                ]
            )
        return Table(
            title=_("Offerings to check"),
            columns=[
                _("Education"),
                _("Provider"),
                _("Municipality"),
                _("Start"),
                _("Source"),
                _("Id in the source"),
                _("Last updated"),
                _("Problems"),
            ],
            rows=rows,
            unit=_("offerings"),
            definition=_(
                "Current offerings without a SUN field, without a target occupation, without a municipality "
                "(distance education aside), likely duplicates (the same education title, municipality and start "
                "from both EMIL3 and here) or not updated for %(months)s months."
            )
            % {"months": self.report.months},
        )


class QualityView(QualityMixin, PlannerPage):
    template_name = "catalogue/planner_quality.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        paginator = Paginator(self.report.offerings, PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        offerings = [
            (offering, [planning.PROBLEM_NAMES[p] for p in planning.problems_of(offering)])
            for offering in page_obj.object_list
        ]
        context.update(
            form=self.form,
            report=self.report,
            page_obj=page_obj,
            offerings=offerings,
            problems=[(key, name, self.report.counts.get(key, 0)) for key, name in planning.PROBLEM_NAMES.items()],
        )
        return context


class QualityDownloadView(QualityMixin, DownloadMixin, View):
    pass


P = "s/<slug:space>/catalogue/planner/"

urlpatterns: list[URLPattern] = [
    path(P, PlannerOverviewView.as_view(), name="planner"),
    path(P + "coverage/", CoverageView.as_view(), name="coverage"),
    path(P + "coverage.csv", CoverageDownloadView.as_view(), {"fmt": "csv"}, name="coverage-csv"),
    path(P + "coverage.xlsx", CoverageDownloadView.as_view(), {"fmt": "xlsx"}, name="coverage-xlsx"),
    path(P + "places/", PlacesView.as_view(), name="places"),
    path(P + "places.csv", PlacesDownloadView.as_view(), {"fmt": "csv"}, name="places-csv"),
    path(P + "places.xlsx", PlacesDownloadView.as_view(), {"fmt": "xlsx"}, name="places-xlsx"),
    path(P + "gaps/", GapsView.as_view(), name="gaps"),
    path(P + "gaps.csv", GapsDownloadView.as_view(), {"fmt": "csv"}, name="gaps-csv"),
    path(P + "gaps.xlsx", GapsDownloadView.as_view(), {"fmt": "xlsx"}, name="gaps-xlsx"),
    path(P + "quality/", QualityView.as_view(), name="quality"),
    path(P + "quality.csv", QualityDownloadView.as_view(), {"fmt": "csv"}, name="quality-csv"),
    path(P + "quality.xlsx", QualityDownloadView.as_view(), {"fmt": "xlsx"}, name="quality-xlsx"),
]

"""Pages: compute an indicator (with CSV download), and the outlook scenarios."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from samverka.insight.indicators import outlook, selectors, services
from samverka.insight.indicators.catalogue import INDICATORS, Table, compute
from samverka.insight.indicators.cube import Cube
from samverka.insight.indicators.forms import IndicatorForm, IndicatorParametersForm, ScenarioForm
from samverka.insight.indicators.models import Scenario
from samverka.insight.statistics.models import DatasetVersion
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin


def table_csv(table: Table, filename: str) -> HttpResponse:
    """The table as a Swedish CSV file (``statistics.csvformat``: BOM, semicolons, decimal comma): title,
    "synthetic" when it is, the columns with the code after the name, then unit, note and definition."""
    from samverka.insight.statistics.csvformat import csv_bytes

    codes = table.codes if len(table.codes) == len(table.rows) and any(table.codes) else []
    rows: list[list[Any]] = [[table.title]]
    if table.synthetic:
        rows.append([_("SYNTHETIC DATA: generated for demonstration, not official statistics.")])
    rows.append([f"{_('Unit')}: {table.unit}"])
    header = list(table.columns)
    if codes:
        header.insert(1, table.code_heading or _("Code"))
    rows.append(header)
    for index, row in enumerate(table.rows):
        cells = list(row)
        if codes:
            cells.insert(1, codes[index] if codes[index] != str(row[0]) else "")
        rows.append(cells)
    rows.append([])
    if table.note:
        rows.append([table.note])
    rows.append([f"{_('Definition')}: {table.definition}"])
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class IndicatorPageView(SpaceMixin, PermissionMixin, TemplateView):
    """Choose a dataset version, an indicator and its parameters; the result with its definition."""

    permission_required = "indicators.view_indicators"
    template_name = "indicators/indicator_page.html"

    def get_permission_object(self) -> Any:
        return self.space

    @cached_property
    def versions(self) -> list[DatasetVersion]:
        return selectors.versions_for_space(self.space, self.request.user)

    @cached_property
    def version(self) -> DatasetVersion | None:
        wanted = self.request.GET.get("version", "")
        if not wanted:
            return None
        version = next((v for v in self.versions if str(v.pk) == wanted), None)
        if version is None:
            raise Http404  # unknown, or a version the user may not read
        return version

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cube = Cube.of(self.version) if self.version is not None else None
        form = IndicatorForm(request.GET or None, versions=self.versions)
        form.enhance(request.path)
        table, error = None, ""
        parameters: IndicatorParametersForm | None = None
        unavailable: dict[str, str] = {}
        if cube is not None:
            unavailable = {k: r for k, ind in INDICATORS.items() if (r := ind.unavailable_reason(cube))}
        if form.is_bound and form.is_valid() and self.version is not None:
            key = form.cleaned_data["indicator"]
            indicator = INDICATORS[key]
            if key in unavailable:
                error = _("%(name)s is not available for this dataset: %(reason)s") % {
                    "name": indicator.name,
                    "reason": unavailable[key],
                }
            else:
                parameters = IndicatorParametersForm(request.GET, indicator=indicator, cube=cube)
                if parameters.is_valid():
                    try:
                        table = compute(key, version=self.version, params=parameters.params())
                    except ValidationError as exc:
                        error = " ".join(exc.messages)
        if table is not None and request.GET.get("format") == "csv":
            return table_csv(table, slugify(f"{form.cleaned_data['indicator']}-{self.version}") or "indicator")
        query = request.GET.copy()
        query["format"] = "csv"
        context = self.get_context_data(
            form=form,
            parameters=parameters,
            chosen=INDICATORS[form.cleaned_data["indicator"]] if form.is_bound and form.is_valid() else None,
            table=table,
            error=error,
            unavailable=[(INDICATORS[k].name, reason) for k, reason in unavailable.items()],
            version=self.version,
            csv_query=query.urlencode(),
            indicators=INDICATORS.values(),
            can_plan=request.user.has_perm("indicators.view_space_scenarios", self.space),
        )
        response = self.render_to_response(context)
        patch_vary_headers(response, ["HX-Request"])
        return response


class ScenarioListView(SpaceMixin, PermissionMixin, TemplateView):
    """The space's outlook scenarios and how the model works."""

    permission_required = "indicators.view_space_scenarios"
    template_name = "indicators/scenario_list.html"

    def get_permission_object(self) -> Any:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            scenarios=selectors.scenario_list(self.space, self.request.user),
            can_add=self.request.user.has_perm("indicators.add_scenario", self.space),
        )
        return context


class ScenarioCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "indicators.add_scenario"
    template_name = "indicators/scenario_form.html"
    form_class = ScenarioForm

    def get_permission_object(self) -> Any:
        return self.space

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["versions"] = selectors.versions_for_space(self.space, self.request.user)
        return kwargs

    def form_valid(self, form: ScenarioForm) -> HttpResponse:
        try:
            scenario = services.scenario_create(
                actor=self.request.user, space=self.space, data=services.ScenarioData(**form.data_for_service())
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        return HttpResponseRedirect(scenario.get_absolute_url())


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ScenarioDetailView(SpaceMixin, CachedObjectMixin, PermissionMixin, DetailView):
    """The yearly projection of a scenario, its assumptions (a form for those who may change them)."""

    permission_required = "indicators.view_scenario"
    template_name = "indicators/scenario_detail.html"
    context_object_name = "scenario"

    def get_queryset(self) -> QuerySet[Scenario]:
        return selectors.scenario_detail_queryset(self.space, self.request.user)

    def _context(self, form: ScenarioForm | None) -> dict[str, Any]:
        scenario: Scenario = self.get_object()
        self.object = scenario
        projection, error = None, ""
        try:
            projection = outlook.project(version=scenario.version, assumptions=outlook.Assumptions.of(scenario))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        can_change = self.request.user.has_perm("indicators.change_scenario", scenario)
        if form is None and can_change:
            form = ScenarioForm(instance=scenario, versions=selectors.versions_for_space(self.space, self.request.user))
        cube = Cube.of(scenario.version)
        return self.get_context_data(
            projection=projection,
            error=error,
            form=form,
            can_change=can_change,
            ssyk_label=cube.labelled("ssyk", scenario.ssyk) if scenario.ssyk else _("All occupations"),
            region_label=cube.labelled("region", scenario.region) if scenario.region else _("All regions"),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self._context(None))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scenario = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not request.user.has_perm("indicators.change_scenario", scenario):
            raise PermissionDenied
        versions = selectors.versions_for_space(self.space, request.user)
        if "delete" in request.POST:
            services.scenario_delete(actor=request.user, scenario=scenario)
            return HttpResponseRedirect(reverse("indicators:scenario-list", kwargs={"space": self.space.slug}))
        form = ScenarioForm(request.POST, instance=scenario, versions=versions)
        if form.is_valid():
            try:
                services.scenario_update(
                    actor=request.user, scenario=scenario, data=services.ScenarioData(**form.data_for_service())
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return HttpResponseRedirect(scenario.get_absolute_url())
        self._cached_object = Scenario.objects.select_related("space", "version__dataset").get(pk=scenario.pk)
        return self.render_to_response(self._context(form), status=400)

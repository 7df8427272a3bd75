"""Chart pages: the space's saved charts, a chart with its table and downloads, making and editing one."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from samverka.analyses import selectors, services
from samverka.analyses.forms import ChartForm
from samverka.analyses.models import ChartDefinition
from samverka.analyses.rendering import chart_figure
from samverka.analyses.views.analyses import table_download
from samverka.bodies.forms import add_service_error
from samverka.core.permissions import PermissionMixin
from samverka.core.views import CachedObjectMixin, SpaceMixin
from samverka.spaces.models import Space

CHART_DATA = (
    "title",
    "kind",
    "source",
    "version",
    "measure",
    "filters",
    "x_dimension",
    "series_dimension",
    "indicator_key",
    "indicator_params",
    "unit",
    "note",
)


class ChartObjectMixin(SpaceMixin, CachedObjectMixin, PermissionMixin, SingleObjectMixin):  # type: ignore[type-arg]
    model = ChartDefinition
    kwargs: dict[str, Any]
    request: HttpRequest

    def get_queryset(self) -> QuerySet[ChartDefinition]:
        return selectors.chart_detail_queryset(self.space)

    @property
    def chart(self) -> ChartDefinition:
        return self.get_object()  # type: ignore[no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = self.chart
        context = super().get_context_data(**kwargs)
        context["chart"] = self.chart
        return context


class ChartListView(SpaceMixin, PermissionMixin, TemplateView):
    permission_required = "analyses.view_space_charts"
    template_name = "analyses/chart_list.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            charts=selectors.chart_list(self.space),
            can_add=self.request.user.has_perm("analyses.add_chart", self.space),
        )
        return context


class ChartDetailView(ChartObjectMixin, DetailView):  # type: ignore[type-arg]
    permission_required = "analyses.view_chart"
    template_name = "analyses/chart_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        figure = chart_figure(self.chart, dom_id=f"chart-{self.chart.pk}", county=self.space.county_id or "")
        context.update(
            figure=figure,
            can_change=self.request.user.has_perm("analyses.add_chart", self.space),
        )
        return context


class ChartDataView(ChartObjectMixin, View):
    permission_required = "analyses.view_chart"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return table_download(self.chart, kwargs["fmt"])


class ChartFormMixin:
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["versions"] = services.usable_versions(self.space)  # type: ignore[attr-defined]
        return kwargs  # type: ignore[no-any-return]


class ChartCreateView(SpaceMixin, PermissionMixin, ChartFormMixin, FormView):  # type: ignore[type-arg]
    permission_required = "analyses.add_chart"
    template_name = "analyses/chart_form.html"
    form_class = ChartForm

    def get_permission_object(self) -> Space:
        return self.space

    def form_valid(self, form: ChartForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in CHART_DATA}
        try:
            chart = services.chart_create(space=self.space, actor=self.request.user, data=data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The chart was saved."))
        return redirect(chart.get_absolute_url())


class ChartUpdateView(ChartObjectMixin, ChartFormMixin, FormView):  # type: ignore[type-arg]
    permission_required = "analyses.add_chart"
    template_name = "analyses/chart_form.html"
    form_class = ChartForm

    def get_permission_object(self) -> Any:
        self.get_object()  # 404 for another space's chart
        return self.space

    def get_initial(self) -> dict[str, Any]:
        return ChartForm.initial_from(self.chart)

    def form_valid(self, form: ChartForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in CHART_DATA}
        try:
            services.chart_update(chart=self.chart, actor=self.request.user, data=data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.chart.get_absolute_url())

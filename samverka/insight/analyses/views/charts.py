"""Chart pages: the space's saved charts, a chart with its table and downloads, making and editing one."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from samverka.insight.analyses import selectors, services
from samverka.insight.analyses.forms import CARRIED_FIELDS, FILTER_PREFIX, ChartDataForm, ChartForm, with_dimensions
from samverka.insight.analyses.models import ChartDefinition
from samverka.insight.analyses.rendering import chart_figure
from samverka.insight.analyses.views.analyses import table_download
from samverka.insight.statistics.models import DatasetVersion
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space


class ChartObjectMixin(SpaceMixin, CachedObjectMixin, PermissionMixin, SingleObjectMixin):
    model = ChartDefinition
    kwargs: dict[str, Any]
    request: HttpRequest

    def get_queryset(self) -> QuerySet[ChartDefinition]:
        return selectors.chart_detail_queryset(self.space)

    @property
    def chart(self) -> ChartDefinition:
        return self.get_object()

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


class ChartDetailView(ChartObjectMixin, DetailView):
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
    """The chart form in two steps: the data, chosen by GET (``?version=``), then what to draw from it.

    The form offers only the dimensions, measures and categories of the chosen version. A version
    the space may not use is refused with the reason and never offered. With htmx, changing the
    data re-renders only the definition (``includes/chart_definition.html``).
    """

    request: HttpRequest
    fragment_template = "analyses/includes/chart_definition.html"

    def default_version(self) -> DatasetVersion | None:
        return None

    def setup_versions(self) -> None:
        if hasattr(self, "chosen_version"):
            return
        versions = services.usable_versions(self.space)  # type: ignore[attr-defined]
        self.versions = versions
        if self.request.method == "POST":
            self.chosen_version = with_dimensions(versions, self.request.POST.get("version"))
            self.data_form = ChartDataForm(
                versions=versions, url=self.request.path, initial={"version": self.chosen_version}
            )
        else:
            self.data_form, self.chosen_version = ChartDataForm.choose(
                self.request.GET, versions=versions, fallback=self.default_version(), url=self.request.path
            )

    def get_form_kwargs(self) -> dict[str, Any]:
        self.setup_versions()
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["versions"] = self.versions
        kwargs["version"] = self.chosen_version
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        initial = dict(super().get_initial())  # type: ignore[misc]
        self.setup_versions()
        if self.chosen_version is not None:
            initial["version"] = self.chosen_version.pk
        # What was written before the data changed (htmx sends it along) is kept.
        query = self.request.GET
        for name in CARRIED_FIELDS:
            if name in query:
                initial[name] = query[name]
        for name in query:
            if name.startswith(FILTER_PREFIX):
                initial[name] = query.getlist(name)
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(data_form=self.data_form, chosen_version=self.chosen_version)
        return context

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request") and self.request.method == "GET":
            return [self.fragment_template]
        return super().get_template_names()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().get(request, *args, **kwargs)  # type: ignore[misc]
        patch_vary_headers(response, ["HX-Request"])
        if request.headers.get("HX-Request") and self.chosen_version is not None:
            response["HX-Push-Url"] = f"{request.path}?{urlencode({'version': self.chosen_version.pk})}"
        return response


class ChartCreateView(SpaceMixin, PermissionMixin, ChartFormMixin, FormView):
    permission_required = "analyses.add_chart"
    template_name = "analyses/chart_form.html"
    form_class = ChartForm

    def get_permission_object(self) -> Space:
        return self.space

    def form_valid(self, form: ChartForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in services.CHART_FIELDS}
        try:
            chart = services.chart_create(space=self.space, actor=self.request.user, data=services.ChartData(**data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The chart was saved."))
        return redirect(chart.get_absolute_url())


class ChartUpdateView(ChartObjectMixin, ChartFormMixin, FormView):
    permission_required = "analyses.add_chart"
    template_name = "analyses/chart_form.html"
    form_class = ChartForm

    def get_permission_object(self) -> Any:
        self.get_object()  # 404 for another space's chart
        return self.space

    def default_version(self) -> DatasetVersion | None:
        return self.chart.version

    def get_initial(self) -> dict[str, Any]:
        initial = ChartForm.initial_from(self.chart)
        initial.update(super().get_initial())
        return initial

    def form_valid(self, form: ChartForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in services.CHART_FIELDS}
        try:
            services.chart_update(chart=self.chart, actor=self.request.user, data=services.ChartData(**data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.chart.get_absolute_url())

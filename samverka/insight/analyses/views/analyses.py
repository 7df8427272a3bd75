"""Analysis pages: the list, an analysis with its blocks, composing, publishing and the PDF exports."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from samverka.insight.analyses import selectors, services
from samverka.insight.analyses.exports import file_stem, table_csv, table_xlsx
from samverka.insight.analyses.forms import AnalysisForm, BlockForm
from samverka.insight.analyses.models import Analysis, AnalysisBlock, BlockKind
from samverka.insight.analyses.queries import chart_table
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.pdf import render_pdf
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AnalysisObjectMixin(SpaceMixin, CachedObjectMixin, PermissionMixin, SingleObjectMixin):
    """An analysis of the URL's space that the user may see (else 404); also the permission object."""

    model = Analysis
    kwargs: dict[str, Any]
    request: HttpRequest

    def get_queryset(self) -> QuerySet[Analysis]:
        return selectors.analysis_detail_queryset(self.space, self.request.user)

    @property
    def analysis(self) -> Analysis:
        return self.get_object()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = self.analysis
        context = super().get_context_data(**kwargs)
        context["analysis"] = self.analysis
        return context


class AnalysisListView(SpaceMixin, PermissionMixin, TemplateView):
    permission_required = "analyses.view_space_analyses"
    template_name = "analyses/analysis_list.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            analyses=selectors.analysis_list(self.space, user),
            can_add=user.has_perm("analyses.add_analysis", self.space),
            can_see_charts=user.has_perm("analyses.view_space_charts", self.space),
            can_see_packs=user.has_perm("analyses.view_data_packs", self.space),
        )
        return context


class AnalysisDetailView(AnalysisObjectMixin, DetailView):
    permission_required = "analyses.view_analysis"
    template_name = "analyses/analysis_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        blocks = selectors.block_figures(self.analysis)
        context.update(
            blocks=blocks,
            has_map=any(figure is not None and figure.is_map for _block, figure in blocks),
            can_change=self.request.user.has_perm("analyses.change_analysis", self.analysis),
        )
        return context


class AnalysisCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "analyses.add_analysis"
    template_name = "analyses/analysis_form.html"
    form_class = AnalysisForm

    def get_permission_object(self) -> Space:
        return self.space

    def form_valid(self, form: AnalysisForm) -> HttpResponse:
        try:
            analysis = services.analysis_create(
                space=self.space, actor=self.request.user, data=services.AnalysisData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The analysis was created. Now add text and charts."))
        return redirect(analysis.get_absolute_url())


class AnalysisUpdateView(AnalysisObjectMixin, FormView):
    permission_required = "analyses.change_analysis"
    template_name = "analyses/analysis_form.html"
    form_class = AnalysisForm

    def get_initial(self) -> dict[str, Any]:
        a = self.analysis
        return {"title": a.title, "summary": a.summary, "is_public": a.is_public}

    def form_valid(self, form: AnalysisForm) -> HttpResponse:
        try:
            services.analysis_update(
                analysis=self.analysis, actor=self.request.user, data=services.AnalysisData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.analysis.get_absolute_url())


class AnalysisPublishView(AnalysisObjectMixin, View):
    """POST: publish (``action=publish``) or take back to draft (``action=unpublish``)."""

    permission_required = "analyses.change_analysis"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if request.POST.get("action") == "unpublish":
                services.analysis_unpublish(analysis=self.analysis, actor=request.user)
                messages.success(request, _("The analysis is a draft again."))
            else:
                services.analysis_publish(analysis=self.analysis, actor=request.user)
                messages.success(request, _("The analysis was published."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(self.analysis.get_absolute_url())


class BlockMixin(AnalysisObjectMixin):
    @property
    def block(self) -> AnalysisBlock:
        if not hasattr(self, "_block"):
            self._block = get_object_or_404(
                AnalysisBlock.objects.select_related("chart__version__dataset"),
                pk=self.kwargs["block"],
                analysis=self.analysis,
            )
        return self._block


class BlockFormView(BlockMixin, FormView):
    """Add a block (no ``block`` in the URL) or edit one."""

    permission_required = "analyses.change_analysis"
    template_name = "analyses/block_form.html"
    form_class = BlockForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["charts"] = selectors.charts_for_blocks(self.space)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        if "block" in self.kwargs:
            b = self.block
            return {"kind": b.kind, "heading": b.heading, "text": b.text, "chart": b.chart_id}
        kind = self.request.GET.get("kind", BlockKind.TEXT)
        return {"kind": kind if kind in BlockKind.values else BlockKind.TEXT}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # not "block": inside {% block %} tags the template name "block" is the block itself
        context["editing_block"] = self.block if "block" in self.kwargs else None
        return context

    def form_valid(self, form: BlockForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in ("kind", "heading", "text", "chart")}
        try:
            if "block" in self.kwargs:
                services.block_update(block=self.block, actor=self.request.user, data=services.BlockData(**data))
            else:
                services.block_add(analysis=self.analysis, actor=self.request.user, data=services.BlockData(**data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The block was saved."))
        return redirect(self.analysis.get_absolute_url())


class BlockActionView(BlockMixin, View):
    """POST: move a block up or down (``direction``) or remove it (``action=remove``)."""

    permission_required = "analyses.change_analysis"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if request.POST.get("action") == "remove":
                services.block_remove(block=self.block, actor=request.user)
                messages.success(request, _("The block was removed."))
            else:
                services.block_move(block=self.block, actor=request.user, direction=request.POST.get("direction", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(self.analysis.get_absolute_url() + "#blocks")


class BlockDataView(BlockMixin, View):
    """A chart block's table as CSV or Excel."""

    permission_required = "analyses.view_analysis"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.block.chart is None:
            raise Http404
        return table_download(self.block.chart, kwargs["fmt"])


def table_download(chart: Any, fmt: str) -> HttpResponse:
    try:
        table = chart_table(chart)
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX)
    else:
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(table.title)}.{fmt}"'
    return response


class AnalysisPdfView(AnalysisObjectMixin, View):
    """The analysis as a PDF report (A4) or as a presentation (landscape, one message per page)."""

    permission_required = "analyses.view_analysis"
    templates = {"report": "analyses/pdf/report.html", "slides": "analyses/pdf/slides.html"}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        kind = kwargs["kind"]
        data = render_pdf(self.templates[kind], pdf_context(self.analysis))
        response = HttpResponse(data, content_type="application/pdf")
        name = f"{file_stem(self.analysis.title)}-{kind}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


def pdf_context(analysis: Analysis) -> dict[str, Any]:
    return {
        "space": analysis.space,
        "analysis": analysis,
        "blocks": selectors.block_figures(analysis, for_pdf=True),
        "generated": timezone.localtime(),
        "url": reverse("analyses:analysis-detail", kwargs={"space": analysis.space.slug, "pk": analysis.pk}),
    }

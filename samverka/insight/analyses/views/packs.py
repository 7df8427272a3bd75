"""Data packs for the industry forums' quarter themes: the form, the list and the downloads,
and what occupations and industries each body covers."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from samverka.insight.analyses import selectors, services
from samverka.insight.analyses.forms import CoverageForm, DataPackForm
from samverka.insight.analyses.models import BodyCoverage, DataPack, DataPackJob
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

PACK_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def packs_url(space: Space) -> str:
    return reverse("analyses:pack-list", kwargs={"space": space.slug})


class DataPackListView(SpaceMixin, PermissionMixin, FormView):  # type: ignore[type-arg]
    """The bodies with what they cover, the packs made so far, and (for analysts) the form for a new pack."""

    permission_required = "analyses.view_data_packs"
    template_name = "analyses/pack_list.html"
    form_class = DataPackForm

    def get_permission_object(self) -> Space:
        return self.space

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("analyses.make_data_pack", self.space):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        body = self.request.GET.get("body", "")
        return {"body": int(body)} if body.isdigit() else {}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if not hasattr(self, "_bodies"):
            self._bodies = selectors.industry_bodies(self.space)
        kwargs.update(
            bodies=self._bodies,
            versions=services.usable_versions(self.space),
            agenda_items=selectors.upcoming_agenda_items(self.space, self.request.user),
        )
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            bodies=self._bodies,
            packs=selectors.data_pack_list(self.space),
            can_make=user.has_perm("analyses.make_data_pack", self.space),
            can_cover=user.has_perm("analyses.change_coverage", self.space),
        )
        return context

    def form_valid(self, form: DataPackForm) -> HttpResponse:
        """The pack is made in the background; its page shows the progress (like an import's)."""
        data = form.cleaned_data
        try:
            job = services.data_pack_start(
                body=data["body"],
                actor=self.request.user,
                theme=data["theme"],
                versions=list(data["versions"]),
                agenda_item=data["agenda_item"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        return redirect(job.get_absolute_url())


class DataPackJobView(SpaceMixin, PermissionMixin, TemplateView):
    """The progress of a data pack being made; htmx polls it, and a meta refresh does without JavaScript."""

    permission_required = "analyses.make_data_pack"
    template_name = "analyses/pack_job.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["analyses/includes/pack_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        job = get_object_or_404(
            DataPackJob.objects.select_related("body", "pack"), pk=self.kwargs["pk"], space=self.space
        )
        context.update(job=job, packs_url=packs_url(self.space))
        return context


class DataPackDownloadView(SpaceMixin, PermissionMixin, View):
    """The pack's PDF (``pdf``), its tables as an Excel workbook (``xlsx``) or as CSV files in a zip (``zip``)."""

    permission_required = "analyses.view_data_pack"

    def get_permission_object(self) -> DataPack:
        if not hasattr(self, "_pack"):
            self._pack = get_object_or_404(
                DataPack.objects.select_related("body"), pk=self.kwargs["pk"], space=self.space
            )
        return self._pack

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        pack = self.get_permission_object()
        field = {"pdf": pack.pdf, "xlsx": pack.workbook, "zip": pack.csv_zip}[kwargs["fmt"]]
        if not field:
            raise Http404
        content_type = PACK_TYPES[kwargs["fmt"]]
        name = (field.name or "").rsplit("/", 1)[-1]
        return FileResponse(field.open("rb"), content_type=content_type, as_attachment=True, filename=name)


class CoverageUpdateView(SpaceMixin, PermissionMixin, FormView):  # type: ignore[type-arg]
    """Which occupations (SSYK) and industries (SNI) a body covers."""

    permission_required = "analyses.change_coverage"
    template_name = "analyses/coverage_form.html"
    form_class = CoverageForm

    def get_permission_object(self) -> Space:
        return self.space

    @property
    def body(self) -> Any:
        from samverka.collaboration.bodies.models import Body

        if not hasattr(self, "_body"):
            self._body = get_object_or_404(Body, pk=self.kwargs["body"], space=self.space)
        return self._body

    def get_initial(self) -> dict[str, Any]:
        coverage = BodyCoverage.objects.filter(body=self.body).first()
        if coverage is None:
            return {}
        return {"ssyk_codes": ", ".join(coverage.ssyk_codes), "sni_codes": ", ".join(coverage.sni_codes)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        return context

    def form_valid(self, form: CoverageForm) -> HttpResponse:
        try:
            services.coverage_set(body=self.body, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The coverage of %(body)s was saved.") % {"body": self.body.name})
        return redirect(packs_url(self.space))

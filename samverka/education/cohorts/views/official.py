"""The analyst's page for official follow-up figures: pick an imported statistics version, map its columns,
preview what matches the space's cohorts, confirm. Thin: the service does the reading and the writing."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from samverka.education.cohorts import services_official
from samverka.education.cohorts.forms_official import OfficialMappingForm
from samverka.education.validation.views.space import SpacePermissionMixin, signed_in
from samverka.insight.statistics import selectors as statistics
from samverka.insight.statistics.models import DatasetVersion
from samverka.platform.core.forms import add_service_error


class OfficialImportView(SpacePermissionMixin, FormView):
    """GET ``?version=<id>`` picks the version; POST ``preview`` shows the report, POST ``confirm`` writes."""

    permission_required = "cohorts.record_cohorts"
    template_name = "cohorts/official_import.html"
    form_class = OfficialMappingForm

    @cached_property
    def versions(self) -> list[DatasetVersion]:
        return list(statistics.versions_in_space(self.space, self.request.user))

    @cached_property
    def version(self) -> DatasetVersion | None:
        raw = self.request.GET.get("version", "")
        if not raw:
            return None
        found = next((v for v in self.versions if str(v.pk) == raw), None)
        if found is None:
            raise Http404
        return found

    def get_form(self, form_class: Any = None) -> Any:
        if self.version is None:
            return None
        return OfficialMappingForm(**self.get_form_kwargs(), version=self.version)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(versions=self.versions, version=self.version, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.version is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: OfficialMappingForm) -> HttpResponse:
        assert self.version is not None
        mapping = form.mapping()
        try:
            if "confirm" in self.request.POST:
                report = services_official.official_outcomes_import(
                    space=self.space, version=self.version, mapping=mapping, actor=signed_in(self.request)
                )
            else:
                report = services_official.official_outcomes_preview(
                    space=self.space, version=self.version, mapping=mapping, user=self.request.user
                )
                return self.render_to_response(self.get_context_data(form=form, report=report))
        except ValidationError as error:
            add_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            _(
                "The official figures were saved: %(created)s new outcomes, %(updated)s updated; "
                "%(unmatched)s rows matched no cohort."
            )
            % {"created": report.created, "updated": report.updated, "unmatched": report.unmatched_rows},
        )
        return redirect("cohorts:follow-up", space=self.space.slug)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


urlpatterns = [path("s/<slug:space>/cohorts/official/", OfficialImportView.as_view(), name="official-import")]

"""The space's cohort pages: list, detail, forms, the Excel template and upload, and the follow-up table with
its exports. Thin: a rule, a selector or a service, a template."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.education.cohorts import selectors, services
from samverka.education.cohorts.exports import follow_up_csv, follow_up_xlsx, template_xlsx
from samverka.education.cohorts.forms import BreakdownForm, CohortForm, OutcomeForm, UploadForm
from samverka.education.cohorts.models import Cohort, Term
from samverka.education.validation.views.space import XLSX, SpacePermissionMixin, signed_in
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.core.views import SpreadsheetUploadView
from samverka.platform.spaces.mixins import SpaceMixin


def _number(request: HttpRequest, name: str, low: int = 1, high: int = 2_000_000_000) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and low <= int(raw) <= high else None


def _year(request: HttpRequest) -> int | None:
    return _number(request, "year", 2000, 2100)


def _by_programme(request: HttpRequest) -> bool:
    """``?by=programme``: upper-secondary cohorts per programme × municipality."""
    return request.GET.get("by") == "programme"


class CohortListView(SpacePermissionMixin, TemplateView):
    """The space's cohorts, filtered and paged by key; the raw counts, for insiders."""

    permission_required = "cohorts.view_cohorts"
    template_name = "cohorts/cohort_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        term = get.get("term", "")
        municipality = get.get("municipality", "")
        filters = selectors.CohortFilters(
            year=_year(self.request),
            term=term if term in Term.values else "",
            provider=_number(self.request, "provider"),
            offering=_number(self.request, "offering"),
            municipality=municipality if municipality.isdigit() and len(municipality) == 4 else "",
            after=get.get("after", ""),
        )
        page = selectors.cohort_list(user=self.request.user, space=self.space, filters=filters)
        query = get.copy()
        query.pop("after", None)
        if page.next_key:
            query["after"] = page.next_key
        context.update(
            page=page,
            filters=filters,
            years=selectors.cohort_years(self.space),
            terms=Term.choices,
            choices=selectors.filter_choices(self.space, provider=filters.provider),
            next_query=query.urlencode() if page.next_key else "",
            is_first=not filters.after,
            can_record=self.request.user.has_perm("cohorts.record_cohorts", self.space),
        )
        return context


class CohortObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]

    @cached_property
    def cohort(self) -> Cohort:
        return selectors.cohort_get(user=self.request.user, space=self.space, pk=self.kwargs["pk"])

    def get_permission_object(self) -> Cohort:
        return self.cohort


class CohortDetailView(CohortObjectMixin, TemplateView):
    permission_required = "cohorts.view_cohort"
    template_name = "cohorts/cohort_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            breakdowns=list(self.cohort.breakdowns.all()),
            sections=selectors.outcome_sections(self.cohort),
            can_change=self.request.user.has_perm("cohorts.change_cohort", self.cohort),
        )
        return context


class CohortCreateView(SpacePermissionMixin, FormView):
    permission_required = "cohorts.record_cohorts"
    template_name = "cohorts/cohort_form.html"
    form_class = CohortForm

    def get_initial(self) -> dict[str, Any]:
        offering = _number(self.request, "offering")
        return {"offering": offering} if offering else {}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space}

    def form_valid(self, form: CohortForm) -> HttpResponse:
        try:
            cohort = services.cohort_create(
                space=self.space, actor=signed_in(self.request), data=services.CohortData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The cohort was saved."))
        return redirect(cohort.get_absolute_url())


class CohortUpdateView(CohortObjectMixin, FormView):
    permission_required = "cohorts.change_cohort"
    template_name = "cohorts/cohort_form.html"
    form_class = CohortForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "instance": self.cohort}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cohort=self.cohort, **kwargs)

    def form_valid(self, form: CohortForm) -> HttpResponse:
        try:
            cohort = services.cohort_update(
                cohort=self.cohort, actor=signed_in(self.request), data=services.CohortData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(cohort.get_absolute_url())


class BreakdownUpdateView(CohortObjectMixin, FormView):
    permission_required = "cohorts.change_cohort"
    template_name = "cohorts/breakdown_form.html"
    form_class = BreakdownForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "cohort": self.cohort}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cohort=self.cohort, **kwargs)

    def form_valid(self, form: BreakdownForm) -> HttpResponse:
        try:
            services.breakdown_set(cohort=self.cohort, actor=signed_in(self.request), rows=form.rows())
        except ValidationError as error:
            for group, found in error.message_dict.items():
                form.add_error(f"{group}__started" if f"{group}__started" in form.fields else None, found)
            return self.form_invalid(form)
        messages.success(self.request, _("The breakdown was saved."))
        return redirect(self.cohort.get_absolute_url())


class OutcomeSaveView(CohortObjectMixin, FormView):
    """Record an outcome (a new one, or the stored one of the same horizon, scheme and source pre-filled)."""

    permission_required = "cohorts.change_cohort"
    template_name = "cohorts/outcome_form.html"
    form_class = OutcomeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        outcome_pk = self.kwargs.get("outcome")
        if outcome_pk is not None:
            found = next((o for o in self.cohort.outcomes.all() if o.pk == outcome_pk), None)
            if found is None:
                raise Http404
            kwargs["instance"] = found
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cohort=self.cohort, **kwargs)

    def form_valid(self, form: OutcomeForm) -> HttpResponse:
        try:
            services.outcome_save(
                cohort=self.cohort, actor=signed_in(self.request), data=services.OutcomeData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The outcome was saved."))
        return redirect(self.cohort.get_absolute_url())


class CohortTemplateView(SpacePermissionMixin, View):
    """The empty Excel template for entering cohorts."""

    permission_required = "cohorts.record_cohorts"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = HttpResponse(template_xlsx(selectors.offering_choices(self.space)), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="kohorter-mall.xlsx"'
        return response


class CohortUploadView(SpacePermissionMixin, SpreadsheetUploadView):
    """Upload a filled-in template: every row checked, each problem named by row and cell, all or nothing."""

    permission_required = "cohorts.record_cohorts"
    template_name = "cohorts/cohort_upload.html"
    form_class = UploadForm

    def upload(self, content: bytes) -> services.UploadSummary:
        return services.cohorts_upload(space=self.space, actor=signed_in(self.request), content=content)

    def saved(self, summary: services.UploadSummary) -> tuple[str, str]:
        message = _("The cohorts were saved: %(created)s new, %(replaced)s replaced.") % {
            "created": summary.created,
            "replaced": summary.replaced,
        }
        return message, reverse("cohorts:cohort-list", kwargs={"space": self.space.slug})


class FollowUpView(SpacePermissionMixin, TemplateView):
    """The follow-up table per offering and start year, suppressed as every export of it is."""

    permission_required = "cohorts.view_cohorts"
    template_name = "cohorts/follow_up.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        by_programme = _by_programme(self.request)
        query = self.request.GET.copy()
        query.pop("by", None)
        context.update(
            table=selectors.follow_up_table(space=self.space, year=year, by_programme=by_programme),
            year=year,
            by_programme=by_programme,
            query=self.request.GET.urlencode(),
            query_without_by=query.urlencode(),
            can_record=self.request.user.has_perm("cohorts.record_cohorts", self.space),
            years=selectors.cohort_years(self.space),
        )
        return context


class FollowUpExportView(SpacePermissionMixin, View):
    """The suppressed follow-up table as CSV or Excel."""

    permission_required = "cohorts.view_cohorts"

    def get(self, request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        table = selectors.follow_up_table(space=self.space, year=_year(request), by_programme=_by_programme(request))
        if fmt == "csv":
            response = HttpResponse(follow_up_csv(table), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(follow_up_xlsx(table), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="kohortuppfoljning-{self.space.slug}.{fmt}"'
        return response


_S = "s/<slug:space>/cohorts/"
urlpatterns = [
    path(_S, CohortListView.as_view(), name="cohort-list"),
    path(_S + "new/", CohortCreateView.as_view(), name="cohort-create"),
    path(_S + "<int:pk>/", CohortDetailView.as_view(), name="cohort-detail"),
    path(_S + "<int:pk>/edit/", CohortUpdateView.as_view(), name="cohort-edit"),
    path(_S + "<int:pk>/breakdown/", BreakdownUpdateView.as_view(), name="breakdown-edit"),
    path(_S + "<int:pk>/outcomes/new/", OutcomeSaveView.as_view(), name="outcome-create"),
    path(_S + "<int:pk>/outcomes/<int:outcome>/edit/", OutcomeSaveView.as_view(), name="outcome-edit"),
    path(_S + "template.xlsx", CohortTemplateView.as_view(), name="cohort-template"),
    path(_S + "upload/", CohortUploadView.as_view(), name="cohort-upload"),
    path(_S + "follow-up/", FollowUpView.as_view(), name="follow-up"),
    path(_S + "follow-up/export.csv", FollowUpExportView.as_view(), {"fmt": "csv"}, name="follow-up-csv"),
    path(_S + "follow-up/export.xlsx", FollowUpExportView.as_view(), {"fmt": "xlsx"}, name="follow-up-xlsx"),
]

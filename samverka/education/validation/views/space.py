"""The space's validation pages: offers, outcome rows (form, Excel template and upload), exports, settings and
pseudonymous records. Thin: a rule, a selector or a service, a template."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.education.validation import selectors, services
from samverka.education.validation.exports import outcome_csv, outcome_xlsx, template_xlsx
from samverka.education.validation.forms import (
    OfferForm,
    OutcomeForm,
    ParticipantForm,
    SettingsForm,
    UploadForm,
)
from samverka.education.validation.models import ValidationOffer, ValidationOutcome, ValidationParticipant
from samverka.platform.accounts.models import User
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.core.views import SpreadsheetUploadView
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def signed_in(request: HttpRequest) -> User:
    """The person writing (every write view's rule has refused anonymous visitors before this)."""
    assert isinstance(request.user, User)
    return request.user


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    def get_permission_object(self) -> Any:
        return self.space


# --- offers -------------------------------------------------------------------------------------------


class OfferListView(SpacePermissionMixin, TemplateView):
    permission_required = "validation.view_offers"
    template_name = "validation/offer_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        offers = list(selectors.offer_list(user=self.request.user, space=self.space))
        context.update(
            offers=offers,
            names=selectors.occupation_names([code for offer in offers for code in offer.ssyk_codes]),
            can_add=self.request.user.has_perm("validation.add_offer", self.space),
        )
        return context


class OfferObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]

    @cached_property
    def offer(self) -> ValidationOffer:
        return selectors.offer_get(user=self.request.user, pk=self.kwargs["pk"], space=self.space)

    def get_permission_object(self) -> ValidationOffer:
        return self.offer


class OfferDetailView(OfferObjectMixin, TemplateView):
    permission_required = "validation.view_validationoffer"
    template_name = "validation/offer_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            offer=self.offer,
            names=selectors.occupation_names(self.offer.ssyk_codes),
            can_change=self.request.user.has_perm("validation.change_validationoffer", self.offer),
        )
        return context


class OfferCreateView(SpacePermissionMixin, FormView):
    permission_required = "validation.add_offer"
    template_name = "validation/offer_form.html"
    form_class = OfferForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space}

    def form_valid(self, form: OfferForm) -> HttpResponse:
        try:
            offer = services.offer_create(
                space=self.space, actor=signed_in(self.request), data=services.OfferData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The validation offer was added."))
        return redirect(offer.get_absolute_url())


class OfferUpdateView(OfferObjectMixin, FormView):
    permission_required = "validation.change_validationoffer"
    template_name = "validation/offer_form.html"
    form_class = OfferForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "instance": self.offer}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(offer=self.offer, **kwargs)

    def form_valid(self, form: OfferForm) -> HttpResponse:
        try:
            offer = services.offer_update(
                offer=self.offer, actor=signed_in(self.request), data=services.OfferData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(offer.get_absolute_url())


# --- outcomes -----------------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


class OutcomeListView(SpacePermissionMixin, TemplateView):
    """The rows as entered (insiders), beside the suppressed table everyone sees."""

    permission_required = "validation.view_outcomes"
    template_name = "validation/outcome_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        rows = list(selectors.outcome_list(user=self.request.user, space=self.space, year=year))
        context.update(
            rows=rows,
            year=year,
            years=selectors.outcome_years(self.space),
            names=selectors.occupation_names([row.ssyk_code for row in rows if row.ssyk_code]),
            can_record=self.request.user.has_perm("validation.record_outcomes", self.space),
            can_manage=self.request.user.has_perm("validation.manage_settings", self.space),
            settings=services.settings_for(self.space),
            k=selectors.suppression_k(self.space),
        )
        return context


class OutcomeCreateView(SpacePermissionMixin, FormView):
    permission_required = "validation.record_outcomes"
    template_name = "validation/outcome_form.html"
    form_class = OutcomeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space}

    def form_valid(self, form: OutcomeForm) -> HttpResponse:
        try:
            services.outcome_create(
                space=self.space, actor=signed_in(self.request), data=services.OutcomeData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The figures were saved."))
        return redirect("validation:outcome-list", space=self.space.slug)


class OutcomeUpdateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "validation.change_validationoutcome"
    template_name = "validation/outcome_form.html"
    form_class = OutcomeForm

    @cached_property
    def outcome(self) -> ValidationOutcome:
        return selectors.outcome_get(user=self.request.user, space=self.space, pk=self.kwargs["pk"])

    def get_permission_object(self) -> ValidationOutcome:
        return self.outcome

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "instance": self.outcome}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(outcome=self.outcome, **kwargs)

    def form_valid(self, form: OutcomeForm) -> HttpResponse:
        try:
            services.outcome_update(
                outcome=self.outcome, actor=signed_in(self.request), data=services.OutcomeData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect("validation:outcome-list", space=self.space.slug)


class OutcomeTemplateView(SpacePermissionMixin, View):
    """The empty Excel template for entering outcomes."""

    permission_required = "validation.record_outcomes"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = HttpResponse(template_xlsx(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="valideringsutfall-mall.xlsx"'
        return response


class OutcomeUploadView(SpacePermissionMixin, SpreadsheetUploadView):
    """Upload a filled-in template: every row checked, each problem named by row and cell, all or nothing."""

    permission_required = "validation.record_outcomes"
    template_name = "validation/outcome_upload.html"
    form_class = UploadForm

    def upload(self, content: bytes) -> services.UploadSummary:
        return services.outcomes_upload(space=self.space, actor=signed_in(self.request), content=content)

    def saved(self, summary: services.UploadSummary) -> tuple[str, str]:
        message = _("The figures were saved: %(created)s new rows, %(replaced)s replaced.") % {
            "created": summary.created,
            "replaced": summary.replaced,
        }
        return message, reverse("validation:outcome-list", kwargs={"space": self.space.slug})


def outcome_download(space: Space, request: HttpRequest, fmt: str) -> HttpResponse:
    """The suppressed table (grouped as the query string says) as CSV or Excel."""
    table = selectors.outcome_table(space=space, group_by=request.GET.getlist("by"), year=_year(request))
    name = f"valideringsutfall-{space.slug}"
    if fmt == "csv":
        response = HttpResponse(outcome_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(outcome_xlsx(table), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


class OutcomeExportView(SpacePermissionMixin, View):
    """The insiders' export: the same suppressed table as the public one."""

    permission_required = "validation.view_outcomes"

    def get(self, request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        return outcome_download(self.space, request, fmt)


# --- settings and pseudonymous records ----------------------------------------------------------------


class SettingsView(SpacePermissionMixin, FormView):
    permission_required = "validation.manage_settings"
    template_name = "validation/settings_form.html"
    form_class = SettingsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": services.settings_for(self.space)}

    def form_valid(self, form: SettingsForm) -> HttpResponse:
        try:
            services.settings_update(
                space=self.space, actor=signed_in(self.request), data=services.SettingsData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The settings were saved."))
        return redirect("validation:outcome-list", space=self.space.slug)


class ParticipantListView(SpacePermissionMixin, FormView):
    """Pseudonymous person-level records: the form only where the space keeps them."""

    permission_required = "validation.keep_person_records"
    template_name = "validation/participant_list.html"
    form_class = ParticipantForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.settings_for(self.space).person_records_enabled:
            messages.error(request, _("This space does not keep person-level records of validations."))
            return redirect(reverse("validation:participant-list", kwargs={"space": self.space.slug}))
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["participants"] = (
            ValidationParticipant.objects.restrict(self.request.user).filter(space=self.space).select_related("offer")
        )
        context["settings"] = services.settings_for(self.space)
        return context

    def form_valid(self, form: ParticipantForm) -> HttpResponse:
        try:
            participant = services.participant_create(
                space=self.space, actor=signed_in(self.request), data=services.ParticipantData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recorded as %(pseudonym)s.") % {"pseudonym": participant.pseudonym})
        return redirect(reverse("validation:participant-list", kwargs={"space": self.space.slug}))


_S = "s/<slug:space>/validation/"
urlpatterns = [
    path(_S + "offers/", OfferListView.as_view(), name="offer-list"),
    path(_S + "offers/new/", OfferCreateView.as_view(), name="offer-create"),
    path(_S + "offers/<int:pk>/", OfferDetailView.as_view(), name="offer-detail"),
    path(_S + "offers/<int:pk>/edit/", OfferUpdateView.as_view(), name="offer-edit"),
    path(_S + "outcomes/", OutcomeListView.as_view(), name="outcome-list"),
    path(_S + "outcomes/new/", OutcomeCreateView.as_view(), name="outcome-create"),
    path(_S + "outcomes/<int:pk>/edit/", OutcomeUpdateView.as_view(), name="outcome-edit"),
    path(_S + "outcomes/template.xlsx", OutcomeTemplateView.as_view(), name="outcome-template"),
    path(_S + "outcomes/upload/", OutcomeUploadView.as_view(), name="outcome-upload"),
    path(_S + "outcomes/export.csv", OutcomeExportView.as_view(), {"fmt": "csv"}, name="outcome-export-csv"),
    path(_S + "outcomes/export.xlsx", OutcomeExportView.as_view(), {"fmt": "xlsx"}, name="outcome-export-xlsx"),
    path(_S + "settings/", SettingsView.as_view(), name="settings"),
    path(_S + "participants/", ParticipantListView.as_view(), name="participant-list"),
]

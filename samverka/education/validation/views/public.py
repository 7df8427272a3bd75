"""Public validation pages: "Where can I validate X?" (search, no JavaScript needed), an offer, and a space's
outcomes as the suppressed aggregate table with its CSV and Excel downloads."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from samverka.education.validation import selectors
from samverka.education.validation.forms import OfferSearchForm, OutcomeTableForm
from samverka.education.validation.models import ValidationOffer
from samverka.education.validation.views.space import SpacePermissionMixin, outcome_download
from samverka.platform.core.permissions import PUBLIC, PermissionMixin

PAGE_SIZE = 25


class OfferSearchView(PermissionMixin, TemplateView):
    permission_required = PUBLIC
    template_name = "validation/public_search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = OfferSearchForm(self.request.GET or None)
        filters = selectors.OfferFilters()
        if form.is_valid():
            data = form.cleaned_data
            filters = selectors.OfferFilters(
                q=data["q"] or "",
                kind=data["kind"] or "",
                county=data["county"].code if data["county"] else "",
                municipality=data["municipality"].code if data["municipality"] else "",
            )
        page = Paginator(selectors.offer_search(user=self.request.user, filters=filters), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page=page,
            offers=page.object_list,
            names=selectors.occupation_names([code for offer in page.object_list for code in offer.ssyk_codes]),
            query=query.urlencode(),
            searched=bool(self.request.GET),
        )
        return context


class PublicOfferView(PermissionMixin, TemplateView):
    """An offer's public page; an unpublished offer answers 404 to whoever may not see it."""

    permission_required = "validation.view_validationoffer"
    template_name = "validation/public_offer.html"

    @cached_property
    def offer(self) -> ValidationOffer:
        return selectors.offer_get(user=self.request.user, pk=self.kwargs["pk"])

    def get_permission_object(self) -> ValidationOffer:
        return self.offer

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(offer=self.offer, names=selectors.occupation_names(self.offer.ssyk_codes))
        return context


class PublicOutcomeView(SpacePermissionMixin, TemplateView):
    """The space's outcomes for everyone: aggregated, every cell below k masked."""

    permission_required = "validation.view_public_outcomes"
    template_name = "validation/public_outcomes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = OutcomeTableForm(self.request.GET or None, years=selectors.outcome_years(self.space))
        group_by, year = list(selectors.DEFAULT_GROUPING), None
        if form.is_valid():
            group_by = form.cleaned_data["by"] or group_by
            year = form.cleaned_data["year"]
        context.update(
            form=form,
            table=selectors.outcome_table(space=self.space, group_by=group_by, year=year),
            query=self.request.GET.urlencode(),
        )
        return context


class PublicOutcomeExportView(SpacePermissionMixin, View):
    permission_required = "validation.view_public_outcomes"

    def get(self, request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        return outcome_download(self.space, request, fmt)


urlpatterns = [
    path("validation/", OfferSearchView.as_view(), name="search"),
    path("validation/<int:pk>/", PublicOfferView.as_view(), name="public-offer"),
    path("s/<slug:space>/validation/results/", PublicOutcomeView.as_view(), name="public-outcomes"),
    path(
        "s/<slug:space>/validation/results.csv",
        PublicOutcomeExportView.as_view(),
        {"fmt": "csv"},
        name="public-outcomes-csv",
    ),
    path(
        "s/<slug:space>/validation/results.xlsx",
        PublicOutcomeExportView.as_view(),
        {"fmt": "xlsx"},
        name="public-outcomes-xlsx",
    ),
]

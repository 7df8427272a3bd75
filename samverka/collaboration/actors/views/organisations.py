"""The actor register: organisation list, search, CSV export, detail, forms; contacts; map boundaries."""

import csv
import json
from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import etag
from django.views.generic import DetailView, FormView, TemplateView, UpdateView, View

from samverka.collaboration.actors import selectors, services
from samverka.collaboration.actors.forms import ContactForm, OrganisationFilterForm, OrganisationForm
from samverka.collaboration.actors.models import Contact, GeographicLevel, Organisation, OrganisationType
from samverka.platform.core import geography
from samverka.platform.core.downloads import csv_safe as _csv_safe
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.geography import DATA
from samverka.platform.core.paging import CURSOR_PARAM, InvalidCursor
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.models import Space


def filtered_organisations(request: HttpRequest) -> tuple[OrganisationFilterForm, QuerySet[Any], Space | None]:
    """The filter form, the matching organisations and the space whose map the list is limited to.

    Editors of the register get the live register, everyone else the published landscape maps
    (``selectors.organisation_list`` decides by the user).
    """
    form = OrganisationFilterForm(request.GET or None)
    filters = form.filters()
    slug = form.cleaned_data.get("space") if form.is_bound and form.is_valid() else ""
    space = Space.objects.filter(slug=slug).select_related("county").first() if slug else None
    live = False if request.GET.get("view") == "published" else None  # an editor asking for the public view
    return form, selectors.organisation_list(user=request.user, space=space, live=live, **filters), space


class OrganisationListView(PermissionMixin, TemplateView):
    """The public actor register with search and filters (a GET form, so every result has a URL).

    Paged by a cursor over the name (keyset), 50 a page; the count stops at 1000; a tampered cursor is a 400.
    """

    permission_required = "actors.view_organisation"
    template_name = "actors/organisation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, queryset, space = filtered_organisations(self.request)
        try:
            page = selectors.organisation_page(queryset, query=self.request.GET, path=self.request.path)
        except InvalidCursor as error:
            raise BadRequest(str(error)) from error
        context.update(
            form=form,
            form_version=geography.version(),
            filter_space=space,
            page=page,
            rows=page.rows,
            found=page.count.n if page.count else 0,
            more_found=page.count.more if page.count else False,
            live=selectors.sees_live_register(self.request.user),
            filtered=bool(self.request.GET.keys() - {CURSOR_PARAM, "page"}),
            can_add=self.request.user.has_perm("actors.add_organisation"),
            export_query=_without(self.request.GET, CURSOR_PARAM, "page").urlencode(),
        )
        return context


def _without(query: QueryDict, *names: str) -> QueryDict:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query


class _Echo:
    def write(self, value: str) -> str:
        return value


class OrganisationExportView(PermissionMixin, View):
    """The filtered list as CSV (UTF-8 with BOM, so Excel shows å, ä, ö), streamed."""

    permission_required = "actors.view_organisation"

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        _form, queryset, _space = filtered_organisations(request)
        types, levels = dict(OrganisationType.choices), dict(GeographicLevel.choices)
        writer = csv.writer(_Echo(), delimiter=";")  # Swedish Excel reads semicolons
        header = [
            _("id"),
            _("name"),
            _("organisation number"),
            _("type"),
            _("geographic level"),
            _("employs"),
            _("educates"),
            _("focuses on certain groups"),
            _("county"),
            _("municipality"),
            _("website"),
            _("active"),
        ]
        yes, no = _("yes"), _("no")

        def rows() -> Any:
            yield "\ufeff" + writer.writerow(header)
            for (
                pk,
                name,
                number,
                type_,
                level,
                employs,
                educates,
                focuses,
                county,
                mun,
                web,
                active,
            ) in selectors.organisation_export_rows(queryset):
                flags = [yes if flag else no for flag in (employs, educates, focuses)]
                yield writer.writerow(
                    [_csv_safe(v) for v in (pk, name, number, types.get(type_, type_), levels.get(level, level))]
                    + flags
                    + [_csv_safe(v or "") for v in (county, mun, web)]
                    + [yes if active else no]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="organisations-{stamp}.csv"'
        return response


class OrganisationLookupView(PermissionMixin, TemplateView):
    """Organisations matching ``q`` as radio buttons (the suggestion form's search, loaded by htmx)."""

    permission_required = PUBLIC
    template_name = "actors/includes/organisation_matches.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        q = (self.request.GET.get("q") or self.request.GET.get("organisation_search") or "")[:100]
        context["q"] = q
        context["matches"] = selectors.organisation_lookup(q, user=self.request.user)
        context["searched"] = True
        return context


class OrganisationDetailView(CachedObjectMixin, PermissionMixin, DetailView):
    """An organisation: live for the register's editors (with what the public sees of it), else as
    last published on a landscape map (404 when it is on none)."""

    permission_required = "actors.view_organisation"
    template_name = "actors/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset: Any = None) -> Organisation:
        if not hasattr(self, "_cached_object"):
            organisation = selectors.organisation_get(self.request.user, self.kwargs["pk"])
            if organisation is None:
                raise Http404
            self._cached_object = organisation
        return self._cached_object

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, organisation = self.request.user, self.object
        live = selectors.sees_live_register(user)
        context["live"] = live
        if live:
            context["publication"] = selectors.organisation_publication(organisation)
        context["can_change"] = user.has_perm("actors.change_organisation", organisation)
        context["can_view_contacts"] = user.has_perm("actors.view_contact", organisation)
        context["can_add_contact"] = user.has_perm("actors.add_contact", organisation)
        context["can_change_contact"] = user.has_perm("actors.change_contact", organisation)
        if context["can_view_contacts"]:
            context["contacts"] = selectors.organisation_contacts(organisation)
        context["bodies"] = selectors.organisation_bodies(organisation, user)
        context["spaces"] = selectors.organisation_spaces(organisation, live=live)
        return context


class OrganisationCreateView(PermissionMixin, FormView):
    """Register an organisation; names like existing ones are shown before it is created."""

    permission_required = "actors.add_organisation"
    template_name = "actors/organisation_form.html"
    form_class = OrganisationForm

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        try:
            organisation = services.organisation_create(
                actor=self.request.user,
                data=services.OrganisationData(**form.service_data()),
                confirm_similar=bool(form.cleaned_data.get("confirm_similar")),
            )
        except services.SimilarOrganisationsError as error:
            form.add_confirm_field()
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form, similar=error.similar))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s was added to the register.") % {"name": organisation.name})
        return redirect(organisation)


class OrganisationUpdateView(CachedObjectMixin, PermissionMixin, UpdateView):
    permission_required = "actors.change_organisation"
    template_name = "actors/organisation_form.html"
    form_class = OrganisationForm
    context_object_name = "organisation"

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.restrict(self.request.user).with_related()

    def form_valid(self, form: OrganisationForm) -> HttpResponse:
        try:
            organisation = services.organisation_update(
                actor=self.request.user, organisation=self.object, data=services.OrganisationData(**form.service_data())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(organisation)


class _OrganisationChildMixin:
    """Resolves the organisation named by the ``pk`` URL argument (404 when unknown)."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def organisation(self) -> Organisation:
        return get_object_or_404(Organisation.objects.restrict(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Organisation:
        return self.organisation

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["organisation"] = self.organisation
        return context


class ContactCreateView(_OrganisationChildMixin, PermissionMixin, FormView):
    permission_required = "actors.add_contact"
    template_name = "actors/contact_form.html"
    form_class = ContactForm

    def form_valid(self, form: ContactForm) -> HttpResponse:
        try:
            contact = services.contact_create(
                actor=self.request.user,
                organisation=self.organisation,
                data=services.ContactData(**form.service_data()),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s was added.") % {"name": contact.name})
        return redirect(self.organisation)


class ContactUpdateView(CachedObjectMixin, PermissionMixin, UpdateView):
    permission_required = "actors.change_contact"
    template_name = "actors/contact_form.html"
    form_class = ContactForm
    pk_url_kwarg = "contact"
    context_object_name = "contact"

    def get_queryset(self) -> QuerySet[Contact]:
        return (
            Contact.objects.restrict(self.request.user)
            .filter(organisation_id=self.kwargs["pk"])
            .select_related("organisation")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.object.organisation
        return context

    def form_valid(self, form: ContactForm) -> HttpResponse:
        try:
            contact = services.contact_update(
                actor=self.request.user, contact=self.object, data=services.ContactData(**form.service_data())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(contact.organisation)


# --- boundaries for the map ------------------------------------------------------------------------

_GEO_FILES = {"counties": "counties_scb.geojson", "municipalities": "municipalities_scb.geojson"}
_GEO_CODE = {"counties": "LnKod", "municipalities": "KnKod"}


@lru_cache(maxsize=64)
def _geojson(level: str, county: str) -> bytes:
    """SCB's boundaries (optionally the municipalities of one county) with a ``code`` property."""
    with open(DATA / _GEO_FILES[level], encoding="utf-8") as fh:
        data = json.load(fh)
    features = []
    for feature in data["features"]:
        code = feature["properties"][_GEO_CODE[level]]
        if county and not code.startswith(county):
            continue
        feature["properties"] = {"code": code}
        features.append(feature)
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def _geojson_etag(request: HttpRequest, level: str) -> str:
    return f"{level}-{request.GET.get('county', '')}-1"


class GeoJsonView(PermissionMixin, View):
    """County or municipality boundaries as GeoJSON (read once per process, cached by browsers)."""

    permission_required = PUBLIC

    @method_decorator(etag(_geojson_etag))
    def get(self, request: HttpRequest, level: str) -> HttpResponse:
        county = request.GET.get("county", "")
        if level not in _GEO_FILES or (county and not (len(county) == 2 and county.isdigit())):
            raise Http404
        response = HttpResponse(_geojson(level, county), content_type="application/geo+json")
        response["Cache-Control"] = "public, max-age=86400"
        return response

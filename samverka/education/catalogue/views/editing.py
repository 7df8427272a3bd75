"""The space's catalogue (logged in): the offering list with filters, provider/education/offering pages with
their source, the forms of local editing, and the municipal editors page."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from samverka.education.catalogue import selectors_editing as selectors
from samverka.education.catalogue.forms import (
    CatalogueFilterForm,
    EditorForm,
    EducationForm,
    OfferingForm,
    ProviderForm,
)
from samverka.education.catalogue.models import Education, MunicipalEditor, Offering, Provider
from samverka.education.catalogue.services import editing as services
from samverka.platform.core.actions import PostedActionMixin
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.paging import InvalidCursor
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space


class _SpacePermissionMixin(SpaceMixin, PermissionMixin):
    def get_permission_object(self) -> Space:
        return self.space


def _initial(row: Any, form_class: type[forms.Form]) -> dict[str, Any]:
    """The stored values of the fields the form edits (the occupations are added by the views)."""
    return {name: getattr(row, name) for name in form_class.base_fields if hasattr(row, name)}


# --- the list -----------------------------------------------------------------------------------------------


class OfferingListView(_SpacePermissionMixin, TemplateView):
    """The space's offerings, imported and entered here, with filters; pages by key."""

    permission_required = "catalogue.view_catalogue"
    template_name = "catalogue/offering_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, space = self.request.user, self.space
        filter_form = CatalogueFilterForm(self.request.GET or None, space=space)
        rows = selectors.filtered_offerings(space, user, filter_form.filters())
        try:
            page = selectors.offering_page(rows, self.request.GET, path=self.request.path)
        except InvalidCursor as error:
            raise BadRequest(str(error)) from error
        context.update(
            filter_form=filter_form,
            page=page,
            total=rows.count(),
            can_add=user.has_perm("catalogue.add_offering", space),
            can_manage_editors=user.has_perm("catalogue.manage_editors", space),
            my_municipalities=selectors.editor_municipality_names(user, space) if user.is_authenticated else [],
        )
        return context


class _SimpleListView(_SpacePermissionMixin, TemplateView):
    permission_required = "catalogue.view_catalogue"
    search_field = ""
    add_permission = ""

    def rows(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        rows = self.rows()
        for word in query.split():
            rows = rows.filter(**{f"{self.search_field}__icontains": word})
        context.update(
            q=query,
            page_obj=Paginator(rows, 50).get_page(self.request.GET.get("page")),
            can_add=self.request.user.has_perm(self.add_permission, self.space),
        )
        return context


class ProviderListView(_SimpleListView):
    template_name = "catalogue/provider_list.html"
    search_field = "name"
    add_permission = "catalogue.add_provider"

    def rows(self) -> QuerySet[Provider]:
        return (
            selectors.providers(self.space, self.request.user)
            .annotate(offering_count=Count("offerings", distinct=True))
            .order_by("name", "pk")
        )


class EducationListView(_SimpleListView):
    template_name = "catalogue/education_list.html"
    search_field = "title"
    add_permission = "catalogue.add_education"

    def rows(self) -> QuerySet[Education]:
        return (
            selectors.educations(self.space, self.request.user)
            .annotate(offering_count=Count("offerings", distinct=True))
            .order_by("title", "pk")
        )


# --- detail pages -------------------------------------------------------------------------------------------


class _RowMixin(SpaceMixin, CachedObjectMixin, PermissionMixin):
    """A catalogue row of the URL's space that the user may see (else 404); it is the permission object."""

    permission_required = "catalogue.view_catalogue"
    kwargs: dict[str, Any]
    request: HttpRequest

    def get_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError


class OfferingMixin(_RowMixin):
    model = Offering
    context_object_name = "offering"

    def get_queryset(self) -> QuerySet[Offering]:
        return selectors.offerings(self.space, self.request.user).select_related("municipality__county", "order")

    @property
    def offering(self) -> Offering:
        return self.get_object()  # type: ignore[no-any-return]


class OfferingDetailView(OfferingMixin, DetailView):  # type: ignore[type-arg]
    template_name = "catalogue/offering_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = offering = self.offering
        context = super().get_context_data(**kwargs)
        local = list(offering.local_occupations.all())
        education_occupations = list(offering.education.occupations.all())
        names = selectors.ssyk_names([o.ssyk_code for o in [*local, *education_occupations]])
        user = self.request.user
        context.update(
            row=offering,
            local_occupations=[(o.ssyk_code, names.get(o.ssyk_code, "")) for o in local],
            education_occupations=[(o, names.get(o.ssyk_code, "")) for o in education_occupations],
            can_change=user.has_perm("catalogue.change_offering", offering),
            education_visible=selectors.educations(self.space, user).filter(pk=offering.education_id).exists(),
            provider_visible=selectors.providers(self.space, user).filter(pk=offering.provider_id).exists(),
        )
        return context


class ProviderDetailView(_RowMixin, DetailView):  # type: ignore[type-arg]
    model = Provider
    context_object_name = "provider"
    template_name = "catalogue/provider_detail.html"

    def get_queryset(self) -> QuerySet[Provider]:
        return selectors.providers(self.space, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = provider = self.get_object()
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            row=provider,
            educations=list(
                selectors.educations(self.space, user)
                .filter(provider=provider)
                .annotate(offering_count=Count("offerings"))
                .order_by("title", "pk")[:200]
            ),
            can_change=user.has_perm("catalogue.change_provider", provider),
            can_add_education=user.has_perm("catalogue.add_education", self.space),
        )
        return context


class EducationDetailView(_RowMixin, DetailView):  # type: ignore[type-arg]
    model = Education
    context_object_name = "education"
    template_name = "catalogue/education_detail.html"

    def get_queryset(self) -> QuerySet[Education]:
        return selectors.educations(self.space, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = education = self.get_object()
        context = super().get_context_data(**kwargs)
        user = self.request.user
        occupations = list(education.occupations.all())
        names = selectors.ssyk_names([o.ssyk_code for o in occupations])
        context.update(
            row=education,
            occupations=[(o, names.get(o.ssyk_code, "")) for o in occupations],
            sun=selectors.sun_names(education),
            offerings=list(
                selectors.offerings(self.space, user).filter(education=education).order_by("start_date", "pk")[:200]
            ),
            provider_visible=selectors.providers(self.space, user).filter(pk=education.provider_id).exists(),
            can_change=user.has_perm("catalogue.change_education", education),
            can_add_offering=user.has_perm("catalogue.add_offering", self.space),
        )
        return context


# --- forms --------------------------------------------------------------------------------------------------


class _RowFormMixin:
    """Create or edit one catalogue row through its service; the service's errors go beside the fields."""

    request: HttpRequest
    space: Space
    created_message = ""

    def save(self, form: Any) -> Any:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            row = self.save(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        messages.success(self.request, self.created_message or _("The changes were saved."))
        return redirect(row.get_absolute_url())


class ProviderCreateView(_RowFormMixin, _SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.add_provider"
    template_name = "catalogue/provider_form.html"
    form_class = ProviderForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user}

    def save(self, form: ProviderForm) -> Provider:
        self.created_message = _("The provider was added.")
        return services.provider_create(
            space=self.space, actor=self.request.user, data=services.ProviderData(**form.data_fields())
        )


class _RowUpdateMixin(_RowFormMixin, SpaceMixin, PermissionMixin):
    """The row of the URL's space the user may see (else 404), read once; it is the permission object."""

    kwargs: dict[str, Any]

    def rows(self) -> QuerySet[Any]:
        raise NotImplementedError

    @cached_property
    def row(self) -> Any:
        return get_object_or_404(self.rows(), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Any:
        return self.row


class ProviderUpdateView(_RowUpdateMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.change_provider"
    template_name = "catalogue/provider_form.html"
    form_class = ProviderForm

    def rows(self) -> QuerySet[Provider]:
        return selectors.providers(self.space, self.request.user)

    def get_initial(self) -> dict[str, Any]:
        return _initial(self.row, ProviderForm)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user, "provider": self.row}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "provider": self.row}

    def save(self, form: ProviderForm) -> Provider:
        return services.provider_update(
            provider=self.row, actor=self.request.user, data=services.ProviderData(**form.data_fields())
        )


def _education_initial(education: Education) -> dict[str, Any]:
    initial = _initial(education, EducationForm)
    links = [o for o in education.occupations.all() if o.is_local or not education.is_imported]
    initial["primary_occupations"] = [o.ssyk_code for o in links if o.is_primary]
    initial["related_occupations"] = [o.ssyk_code for o in links if not o.is_primary]
    return initial


class EducationCreateView(_RowFormMixin, _SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.add_education"
    template_name = "catalogue/education_form.html"
    form_class = EducationForm

    def get_initial(self) -> dict[str, Any]:
        provider = self.request.GET.get("provider", "")
        return {"provider": int(provider)} if provider.isdigit() else {}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user}

    def save(self, form: EducationForm) -> Education:
        self.created_message = _("The education was added.")
        return services.education_create(
            space=self.space, actor=self.request.user, data=services.EducationData(**form.data_fields())
        )


class EducationUpdateView(_RowUpdateMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.change_education"
    template_name = "catalogue/education_form.html"
    form_class = EducationForm

    def rows(self) -> QuerySet[Education]:
        return selectors.educations(self.space, self.request.user)

    def get_initial(self) -> dict[str, Any]:
        return _education_initial(self.row)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user, "education": self.row}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        education = self.row
        feed = [o for o in education.occupations.all() if not o.is_local] if education.is_imported else []
        return {**super().get_context_data(**kwargs), "education": education, "feed_occupations": feed}

    def save(self, form: EducationForm) -> Education:
        return services.education_update(
            education=self.row, actor=self.request.user, data=services.EducationData(**form.data_fields())
        )


def _offering_initial(offering: Offering) -> dict[str, Any]:
    initial = _initial(offering, OfferingForm)
    initial["occupations"] = [o.ssyk_code for o in offering.local_occupations.all()]
    return initial


class OfferingCreateView(_RowFormMixin, _SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.add_offering"
    template_name = "catalogue/offering_form.html"
    form_class = OfferingForm

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"language": "sv", "is_published": True}
        education = self.request.GET.get("education", "")
        if education.isdigit():
            initial["education"] = int(education)
        choices = services.municipalities_editable_by(self.request.user, self.space)  # type: ignore[arg-type]
        if len(choices) == 1:
            initial["municipality"] = choices[0]
        return initial

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user}

    def save(self, form: OfferingForm) -> Offering:
        self.created_message = _("The offering was added.")
        return services.offering_create(
            space=self.space, actor=self.request.user, data=services.OfferingData(**form.data_fields())
        )


class OfferingUpdateView(_RowUpdateMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.change_offering"
    template_name = "catalogue/offering_form.html"
    form_class = OfferingForm

    def rows(self) -> QuerySet[Offering]:
        return selectors.offerings(self.space, self.request.user)

    def get_initial(self) -> dict[str, Any]:
        return _offering_initial(self.row)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user, "offering": self.row}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "offering": self.row}

    def save(self, form: OfferingForm) -> Offering:
        return services.offering_update(
            offering=self.row, actor=self.request.user, data=services.OfferingData(**form.data_fields())
        )


class _OfferingActionView(PostedActionMixin, OfferingDetailView):
    """A button posted from the offering's page (publish, unpublish, cancel)."""

    permission_required = "catalogue.change_offering"

    def make_form(self) -> forms.Form:
        return forms.Form(self.request.POST)

    def get_success_url(self) -> str:
        return self.offering.get_absolute_url()


class OfferingPublishView(_OfferingActionView):
    def act(self, form: Any) -> str:
        services.offering_publish(offering=self.offering, actor=self.request.user)  # type: ignore[arg-type]
        return _("The offering is published.")


class OfferingUnpublishView(_OfferingActionView):
    def act(self, form: Any) -> str:
        services.offering_unpublish(offering=self.offering, actor=self.request.user)  # type: ignore[arg-type]
        return _("The offering is no longer published.")


class OfferingCancelView(_OfferingActionView):
    def act(self, form: Any) -> str:
        services.offering_cancel(offering=self.offering, actor=self.request.user)  # type: ignore[arg-type]
        return _("The offering is marked cancelled.")


# --- municipal editors --------------------------------------------------------------------------------------


class EditorListView(_SpacePermissionMixin, TemplateView):
    """Who edits which municipality's catalogue rows; those who run the space appoint and remove them."""

    permission_required = "catalogue.view_catalogue"
    template_name = "catalogue/editor_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            editors=list(selectors.editors(self.space)),
            can_manage=self.request.user.has_perm("catalogue.manage_editors", self.space),
        )
        return context


class EditorCreateView(_SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "catalogue.manage_editors"
    template_name = "catalogue/editor_form.html"
    form_class = EditorForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space}

    def form_valid(self, form: EditorForm) -> HttpResponse:
        try:
            editor = services.editor_appoint(
                space=self.space,
                actor=self.request.user,  # type: ignore[arg-type]
                user=form.cleaned_data["user"],
                municipality=form.cleaned_data["municipality"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s now edits %(municipality)s.") % {"person": editor.user, "municipality": editor.municipality},
        )
        return redirect(reverse("catalogue:editor-list", kwargs={"space": self.space.slug}))


class EditorRemoveView(SpaceMixin, PermissionMixin, View):
    """End a person's editing of a municipality (POST from the editors page)."""

    permission_required = "catalogue.manage_editors"
    http_method_names = ["post"]

    @cached_property
    def editor(self) -> MunicipalEditor:
        return get_object_or_404(selectors.editors(self.space), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Space:
        return self.editor.space

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        editor = self.editor
        services.editor_remove(editor=editor, actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("%(person)s no longer edits %(municipality)s.")
            % {"person": editor.user, "municipality": editor.municipality},
        )
        return redirect(reverse("catalogue:editor-list", kwargs={"space": self.space.slug}))


_BASE = "s/<slug:space>/catalogue/"

urlpatterns: list[URLPattern] = [
    path(_BASE, OfferingListView.as_view(), name="offering-list"),
    path(_BASE + "offerings/new/", OfferingCreateView.as_view(), name="offering-create"),
    path(_BASE + "offerings/<int:pk>/", OfferingDetailView.as_view(), name="offering-detail"),
    path(_BASE + "offerings/<int:pk>/edit/", OfferingUpdateView.as_view(), name="offering-update"),
    path(_BASE + "offerings/<int:pk>/publish/", OfferingPublishView.as_view(), name="offering-publish"),
    path(_BASE + "offerings/<int:pk>/unpublish/", OfferingUnpublishView.as_view(), name="offering-unpublish"),
    path(_BASE + "offerings/<int:pk>/cancel/", OfferingCancelView.as_view(), name="offering-cancel"),
    path(_BASE + "providers/", ProviderListView.as_view(), name="provider-list"),
    path(_BASE + "providers/new/", ProviderCreateView.as_view(), name="provider-create"),
    path(_BASE + "providers/<int:pk>/", ProviderDetailView.as_view(), name="provider-detail"),
    path(_BASE + "providers/<int:pk>/edit/", ProviderUpdateView.as_view(), name="provider-update"),
    path(_BASE + "educations/", EducationListView.as_view(), name="education-list"),
    path(_BASE + "educations/new/", EducationCreateView.as_view(), name="education-create"),
    path(_BASE + "educations/<int:pk>/", EducationDetailView.as_view(), name="education-detail"),
    path(_BASE + "educations/<int:pk>/edit/", EducationUpdateView.as_view(), name="education-update"),
    path(_BASE + "editors/", EditorListView.as_view(), name="editor-list"),
    path(_BASE + "editors/new/", EditorCreateView.as_view(), name="editor-create"),
    path(_BASE + "editors/<int:pk>/remove/", EditorRemoveView.as_view(), name="editor-remove"),
]

"""Body pages: list, detail, create, edit, close."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from samverka.collaboration.bodies import selectors, services
from samverka.collaboration.bodies.forms import BodyCloseForm, BodyFilterForm, BodyForm
from samverka.collaboration.bodies.models import Area, Body, BodyStatus
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.core.views import CachedObjectMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space

PAGE_SIZE = 25


def body_url(body: Body, space: Space) -> str:
    return reverse("bodies:body-detail", kwargs={"space": space.slug, "pk": body.pk})


class BodyObjectMixin(SpaceMixin, CachedObjectMixin, PermissionMixin):
    """A body of the URL's space that the user may see (else 404); it is also the permission object."""

    model = Body
    context_object_name: str | None = "body"
    kwargs: dict[str, Any]

    def get_queryset(self) -> QuerySet[Body]:
        return selectors.body_detail_queryset(self.space, self.request.user)

    @property
    def body(self) -> Body:
        return self.get_object()  # type: ignore[no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = self.body
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        return context

    def body_url(self) -> str:
        return body_url(self.body, self.space)


class BodyListView(SpaceMixin, PermissionMixin, TemplateView):
    """The space's bodies (those the user may see), filtered by kind, area, status and text."""

    permission_required = PUBLIC
    template_name = "bodies/body_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = BodyFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        bodies = selectors.body_list(
            space=self.space,
            user=self.request.user,
            kind=filters.get("kind", ""),
            area=filters.get("area", ""),
            status=filters.get("status", ""),
            search=filters.get("q", ""),
        )
        context["filter_form"] = form
        context["filtered"] = any(filters.values()) if filters else False
        page = Paginator(bodies, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["visible_parents"] = selectors.visible_body_ids(
            self.space, self.request.user, {b.parent_id for b in page if b.parent_id}
        )
        context["can_add"] = self.request.user.has_perm("bodies.add_body", self.space)
        return context


class BodyDetailView(BodyObjectMixin, DetailView):
    """Mandate, period, owner, "reports to" chain, children, members and representativeness."""

    permission_required = "bodies.view_body"
    template_name = "bodies/body_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, body = self.request.user, self.body
        can_view_people = user.has_perm("bodies.view_membership_people", body)
        context.update(
            {
                "can_change": user.has_perm("bodies.change_body", body),
                "can_close": body.status != BodyStatus.CLOSED and user.has_perm("bodies.close_body", body),
                "can_manage": body.status != BodyStatus.CLOSED and user.has_perm("bodies.manage_memberships", body),
                "can_view_people": can_view_people,
                "chain": selectors.body_parent_chain(body, user),
                "children": selectors.body_children(body, user),
                "members": selectors.body_memberships(body),
                "representativeness": selectors.body_representativeness(body, include_people=can_view_people),
                "area_choices": Area,
            }
        )
        return context


class BodyCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "bodies.add_body"
    template_name = "bodies/body_form.html"
    form_class = BodyForm

    def get_permission_object(self) -> Space:
        return self.space

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(
            space=self.space, user=self.request.user, organisation_lookup_url=reverse("bodies:organisation-lookup")
        )
        return kwargs

    def form_valid(self, form: BodyForm) -> HttpResponse:
        try:
            body = services.body_create(
                space=self.space, actor=self.request.user, data=services.BodyData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The body %(name)s was created.") % {"name": body.name})
        return redirect(body_url(body, self.space))


class BodyUpdateView(BodyObjectMixin, SingleObjectMixin, FormView):
    permission_required = "bodies.change_body"
    template_name = "bodies/body_form.html"
    form_class = BodyForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(
            space=self.space,
            user=self.request.user,
            body=self.body,
            organisation_lookup_url=reverse("bodies:organisation-lookup"),
        )
        return kwargs

    def form_valid(self, form: BodyForm) -> HttpResponse:
        try:
            services.body_update(body=self.body, actor=self.request.user, data=services.BodyData(**form.cleaned_data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.body_url())


class BodyCloseView(BodyObjectMixin, SingleObjectMixin, FormView):
    """The closing routine: final note and date; current memberships end on that date."""

    permission_required = "bodies.close_body"
    template_name = "bodies/body_close.html"
    form_class = BodyCloseForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.body.status != BodyStatus.CLOSED:
            context["members"] = selectors.body_memberships(self.body)
            context["open_children"] = [
                c for c in selectors.body_children(self.body, self.request.user) if c.status != BodyStatus.CLOSED
            ]
        return context

    def form_valid(self, form: BodyCloseForm) -> HttpResponse:
        try:
            services.body_close(body=self.body, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s was closed.") % {"name": self.body.name})
        return redirect(self.body_url())

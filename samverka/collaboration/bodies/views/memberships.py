"""Membership pages: add, edit, end."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from samverka.collaboration.bodies import services
from samverka.collaboration.bodies.forms import MembershipEndForm, MembershipForm
from samverka.collaboration.bodies.models import Membership
from samverka.collaboration.bodies.views.bodies import BodyObjectMixin
from samverka.platform.core.forms import add_service_error


class MembershipCreateView(BodyObjectMixin, SingleObjectMixin, FormView):
    permission_required = "bodies.manage_memberships"
    template_name = "bodies/membership_form.html"
    form_class = MembershipForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(
            body=self.body,
            organisation_lookup_url=reverse("bodies:organisation-lookup"),
            contact_lookup_url=reverse("bodies:contact-lookup", kwargs={"space": self.space.slug, "pk": self.body.pk}),
        )
        return kwargs

    def form_valid(self, form: MembershipForm) -> HttpResponse:
        try:
            membership = services.membership_create(
                body=self.body, actor=self.request.user, data=services.MembershipData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s was added to %(body)s.") % {"person": membership.contact.name, "body": self.body.name},
        )
        return redirect(self.body_url() + "#members")


class MembershipObjectMixin(BodyObjectMixin):
    """A membership of the URL's body (which the user must be able to see); the permission object."""

    @cached_property
    def membership(self) -> Membership:
        membership = get_object_or_404(
            Membership.objects.select_related("contact__organisation", "organisation"),
            pk=self.kwargs["membership"],
            body=self.body,
        )
        membership.body = self.body
        return membership

    def get_permission_object(self) -> Membership:
        return self.membership

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["membership"] = self.membership
        return context


class MembershipUpdateView(MembershipObjectMixin, SingleObjectMixin, FormView):
    permission_required = "bodies.change_membership"
    template_name = "bodies/membership_form.html"
    form_class = MembershipForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(
            body=self.body, membership=self.membership, organisation_lookup_url=reverse("bodies:organisation-lookup")
        )
        return kwargs

    def form_valid(self, form: MembershipForm) -> HttpResponse:
        try:
            services.membership_update(
                membership=self.membership, actor=self.request.user, data=services.MembershipData(**form.cleaned_data)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The membership was saved."))
        return redirect(self.body_url() + "#members")


class MembershipEndView(MembershipObjectMixin, SingleObjectMixin, FormView):
    permission_required = "bodies.change_membership"
    template_name = "bodies/membership_end.html"
    form_class = MembershipEndForm

    def form_valid(self, form: MembershipEndForm) -> HttpResponse:
        try:
            services.membership_end(
                membership=self.membership, actor=self.request.user, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The membership of %(person)s ends on %(date)s.")
            % {"person": self.membership.contact.name, "date": form.cleaned_data["end_date"].isoformat()},
        )
        return redirect(self.body_url() + "#members")

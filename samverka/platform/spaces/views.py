"""Space pages: the site's start page (the spaces), a space's start page, switcher, members, audit log."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.audit_log import AuditFilterForm, actors_in, page_by_key
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces import dashboard, selectors, services
from samverka.platform.spaces.forms import SpaceMemberForm, SpaceMemberRoleForm
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space, SpaceMembership, SpaceRole


class HomeView(PermissionMixin, TemplateView):
    """Start page of the site: the spaces of the installation, mine first."""

    permission_required = PUBLIC
    template_name = "spaces/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        roles = selectors.roles_by_space(self.request.user)
        spaces = list(selectors.space_list())
        context["my_spaces"] = [s for s in spaces if s.pk in roles]
        context["other_spaces"] = [s for s in spaces if s.pk not in roles]
        return context


class SpaceDetailView(SpaceMixin, PermissionMixin, TemplateView):
    """A space's start page: the person's role and the cards the apps contribute (``spaces.dashboard``)."""

    permission_required = "spaces.view_space"
    template_name = "spaces/space_detail.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        role = selectors.roles_by_space(self.request.user).get(self.space.pk)
        context["role"] = role
        context["role_label"] = dict(SpaceRole.choices).get(role or "", "")
        context["panels"] = dashboard.panels(self.space, self.request.user)
        return context


class SpaceSwitchView(PermissionMixin, View):
    """The header's space switcher (a GET form, so it works without JavaScript)."""

    permission_required = PUBLIC

    def get(self, request: HttpRequest) -> HttpResponse:
        space = get_object_or_404(Space, slug=request.GET.get("space", ""))
        return redirect(space)


class SpaceMembersView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "spaces.manage_space"
    template_name = "spaces/space_members.html"
    form_class = SpaceMemberForm

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.space_memberships(self.space)
        context["roles"] = SpaceRole.choices
        return context

    def form_valid(self, form: SpaceMemberForm) -> HttpResponse:
        try:
            services.space_member_add(space=self.space, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(email)s was added to the space.") % form.cleaned_data)
        return redirect("spaces:members", space=self.space.slug)


class SpaceMemberEditView(SpaceMixin, PermissionMixin, View):
    """Change a member's role, or remove the member (POST only)."""

    permission_required = "spaces.manage_space"

    def get_permission_object(self) -> Space:
        return self.space

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = get_object_or_404(
            SpaceMembership.objects.select_related("user"), pk=kwargs["pk"], space=self.space
        )
        try:
            if request.POST.get("action") == "remove":
                services.space_member_remove(membership=membership, actor=request.user)
                messages.success(request, _("%(user)s was removed from the space.") % {"user": membership.user})
            else:
                form = SpaceMemberRoleForm(request.POST)
                if not form.is_valid():
                    messages.error(request, _("Choose a valid role."))
                else:
                    services.space_member_change_role(
                        membership=membership, role=form.cleaned_data["role"], actor=request.user
                    )
                    messages.success(request, _("The role was changed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("spaces:members", space=self.space.slug)


class SpaceAuditView(SpaceMixin, PermissionMixin, TemplateView):
    """The space-wide change log for its administrators."""

    permission_required = "spaces.view_space_audit"
    template_name = "spaces/space_audit.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = selectors.space_audit_entries(self.space)
        form = AuditFilterForm(self.request.GET or None, actors=actors_in(entries))
        context["filter_form"] = form
        context["audit_page"] = page_by_key(form.filter(entries), self.request.GET)
        return context

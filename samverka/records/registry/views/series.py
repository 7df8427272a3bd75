"""The space's registration series (a simple admin page): list, add, close or reopen; and who may see
secrecy-marked documents (chosen by a space administrator only), with the history of that choice."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.platform.core.forms import add_service_error
from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import selectors, services
from samverka.records.registry.forms import GrantForm, SeriesForm
from samverka.records.registry.models import RegistrationSeries
from samverka.records.registry.secrecy import granted_roles
from samverka.records.registry.views.cases import SpacePermissionMixin


def _role_labels(roles: list[str] | frozenset[str]) -> str:
    known = dict(SpaceRole.choices)
    return ", ".join(str(known.get(role, role)) for role in sorted(roles))


class SeriesListView(SpacePermissionMixin, TemplateView):
    permission_required = "registry.manage_series"
    template_name = "registry/series_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["series_list"] = list(selectors.series_of(self.space))
        context.setdefault("form", SeriesForm())
        granted = granted_roles(self.space.pk)
        context["granted_roles"] = _role_labels(granted)
        context["can_manage_grants"] = self.request.user.has_perm("registry.manage_secrecy_grants", self.space)
        if context["can_manage_grants"]:
            context.setdefault("grant_form", GrantForm(prefix="grant", initial={"roles": sorted(granted)}))
        context["grant_changes"] = [
            {
                "change": change,
                "before": _role_labels(change.roles_before),
                "after": _role_labels(change.roles_after),
                "added": _role_labels(set(change.roles_after) - set(change.roles_before)),
                "removed": _role_labels(set(change.roles_before) - set(change.roles_after)),
            }
            for change in selectors.secrecy_grant_changes(self.space)
        ]
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SeriesForm(request.POST)
        if form.is_valid():
            try:
                series = services.series_create(
                    actor=request.user, space=self.space, code=form.cleaned_data["code"], name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The series %(code)s was added.") % {"code": series.code})
                return redirect("registry:series-list", space=self.space.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SeriesToggleView(SpacePermissionMixin, View):
    """Close a series for new cases, or open it again."""

    permission_required = "registry.manage_series"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        series = get_object_or_404(RegistrationSeries, space=self.space, pk=self.kwargs["series"])
        services.series_update(actor=request.user, series=series, name=series.name, is_active=not series.is_active)
        if series.is_active:
            messages.success(request, _("The series %(code)s is open for new cases.") % {"code": series.code})
        else:
            messages.success(request, _("The series %(code)s is closed for new cases.") % {"code": series.code})
        return redirect("registry:series-list", space=self.space.slug)


class SecrecyGrantView(SeriesListView):
    """Choose the roles of the space that may see secrecy-marked documents (space administrators only)."""

    permission_required = "registry.manage_secrecy_grants"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = GrantForm(request.POST, prefix="grant")
        if form.is_valid():
            try:
                change = services.secrecy_grants_set(
                    actor=request.user, space=self.space, roles=form.cleaned_data["roles"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                if change is None:
                    messages.info(request, _("Nothing was changed: those roles already may see them."))
                else:
                    messages.success(request, _("The roles that may see secrecy-marked documents are saved."))
                return redirect("registry:series-list", space=self.space.slug)
        return self.render_to_response(self.get_context_data(grant_form=form), status=400)

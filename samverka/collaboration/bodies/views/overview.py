"""The system overview and the lookups the forms use while typing."""

from functools import cached_property
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.bodies import selectors
from samverka.collaboration.bodies.diagram import colour_name
from samverka.collaboration.bodies.forms import contact_label, organisation_label, parse_id
from samverka.collaboration.bodies.models import Area, Body, BodyKind, BodyStatus
from samverka.platform.core.downloads import csv_response
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space


class SystemOverviewView(SpaceMixin, PermissionMixin, TemplateView):
    """How the space's bodies feed each other: an SVG diagram by area, and the same as a nested list.

    Both show a bounded number of bodies (``?open=<body>`` shows all under one body, ``?area=<area>`` all
    top-level bodies of an area); the whole list is the CSV download.
    """

    permission_required = "bodies.view_system_overview"
    template_name = "bodies/system_overview.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        area = get.get("area", "")
        context["overview"] = selectors.system_overview(
            self.space,
            self.request.user,
            open_body=parse_id(get.get("open") or ""),
            open_area=area if area in Area.values else "",
        )
        context["areas"] = [
            {"value": value, "label": label, "colour": colour_name(value)} for value, label in Area.choices
        ]
        return context


class SystemOverviewExportView(SpaceMixin, PermissionMixin, View):
    """Every body of the system overview the user may see, as CSV (the page shows a bounded part)."""

    permission_required = "bodies.view_system_overview"

    def get_permission_object(self) -> Space:
        return self.space

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        kinds, areas, statuses = dict(BodyKind.choices), dict(Area.choices), dict(BodyStatus.choices)
        header = [_("id"), _("name"), _("kind"), _("area"), _("status"), _("reports to (id)"), _("reports to")]
        rows = (
            (
                pk,
                name,
                kinds.get(kind, kind),
                areas.get(area, area),
                statuses.get(status, status),
                parent_id if parent_name is not None else "",
                parent_name or "",
            )
            for pk, name, kind, area, status, parent_id, parent_name in selectors.system_overview_rows(
                self.space, request.user
            )
        )
        stamp = timezone.localdate().isoformat()
        return csv_response(filename=f"bodies-{self.space.slug}-{stamp}.csv", header=header, rows=rows)


class OrganisationLookupView(PermissionMixin, TemplateView):
    """Datalist options for an organisation field (htmx); the register is public."""

    permission_required = "actors.view_organisation"
    template_name = "bodies/includes/lookup_options.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        q = (get.get("q") or get.get("owner_organisation") or get.get("organisation") or "")[:200]
        pk = parse_id(q)
        matches = selectors.organisation_search(str(pk) if pk is not None else q, user=self.request.user)
        context["options"] = [organisation_label(o) for o in matches]
        return context


class ContactLookupView(SpaceMixin, PermissionMixin, TemplateView):
    """Datalist options for the person field of a body's membership form (htmx), optionally only
    the people of the organisation chosen in the same form."""

    permission_required = "bodies.manage_memberships"
    template_name = "bodies/includes/lookup_options.html"

    @cached_property
    def body(self) -> Body:
        return get_object_or_404(selectors.visible_bodies(self.space, self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Body:
        return self.body

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super(SpaceMixin, self).get_context_data(**kwargs)  # a fragment: no space menu
        get = self.request.GET
        q = (get.get("q") or get.get("contact") or "")[:200]
        organisation = None
        organisation_id = parse_id(get.get("organisation") or "")
        if organisation_id is not None:
            organisation = Organisation.objects.filter(pk=organisation_id).first()
        pk = parse_id(q)
        matches = selectors.contact_search(str(pk) if pk is not None else q, organisation=organisation)
        context["options"] = [contact_label(c) for c in matches]
        return context

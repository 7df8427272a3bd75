"""The public knowledge node page of a space: a map and a list of the nodes that hold today, no login,
no JavaScript. The map is drawn on the server as SVG (the analyses' municipality map); the table beside
it holds every figure, so nothing is told by the map alone."""

from typing import Any

from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.education.knowledgenodes import selectors
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin


def node_map(space: Any, nodes: list[Any]) -> Any:
    """The county's municipalities shaded by the number of nodes each holds (SVG), or None without nodes."""
    if not nodes:
        return None
    from samverka.insight.analyses.maps import render_map_svg
    from samverka.insight.analyses.tables import Table

    rows = selectors.map_rows(space, nodes)
    table = Table(
        title=_("Knowledge nodes by municipality"),
        columns=[_("Municipality"), _("Knowledge nodes")],
        rows=[[name, count] for _code, name, count in rows],
        codes=[code for code, _name, _count in rows],
    )
    return render_map_svg(table, kind="map_municipality", dom_id="node-map")


class PublicNodesView(SpaceMixin, PermissionMixin, TemplateView):
    permission_required = PUBLIC
    template_name = "knowledgenodes/public_nodes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        nodes = selectors.public_nodes(self.space)
        context["nodes"] = nodes
        context["chart"] = node_map(self.space, nodes)
        by_municipality: dict[str, list[Any]] = {}
        for node in nodes:
            by_municipality.setdefault(node.municipality.name, []).append(node)
        context["by_municipality"] = sorted(by_municipality.items())
        return context


urlpatterns = [
    path("s/<slug:space>/knowledge-nodes/public/", PublicNodesView.as_view(), name="public-nodes"),
]

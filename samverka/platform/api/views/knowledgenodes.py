"""Knowledge nodes, read-only, with the pages' rule (``KnowledgeNode.objects.restrict``): everyone reads the
published nodes; a space's insiders (and platform admins) every node of the space. A node the person may
not read answers 404."""

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view

from samverka.education.knowledgenodes import selectors
from samverka.education.knowledgenodes.models import AreaKind, KnowledgeNode
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.knowledgenodes import KnowledgeNodeSerializer
from samverka.platform.api.views.base import ReadOnlyApiViewSet

_TAGS = ["knowledge nodes"]


class KnowledgeNodeFilter(filters.FilterSet):
    space = filters.CharFilter(field_name="space__slug", help_text=_("The space's short name, e.g. sormland."))
    municipality = filters.CharFilter(field_name="municipality_id", help_text=_("Municipality code, e.g. 0484."))
    area_kind = filters.ChoiceFilter(choices=AreaKind.choices)
    area_code = filters.CharFilter(help_text=_("SUN 2020 field code, YH area key or SNI 2007 section."))
    current = filters.BooleanFilter(method="filter_current", help_text=_("Only nodes in force today."))

    class Meta:
        model = KnowledgeNode
        fields: list[str] = []

    def filter_current(self, queryset: QuerySet[KnowledgeNode], name: str, value: bool) -> QuerySet[KnowledgeNode]:
        if value is None:
            return queryset
        current = queryset.current()  # type: ignore[attr-defined]
        return current if value else queryset.exclude(pk__in=current.values("pk"))


@extend_schema_view(
    list=extend_schema(summary="List the knowledge nodes you may read", tags=_TAGS),
    retrieve=extend_schema(summary="A knowledge node", tags=_TAGS),
)
class KnowledgeNodeViewSet(ReadOnlyApiViewSet):
    """Knowledge nodes: a node-responsible municipality × an area (SUN field, YH area or industry) for a period."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": PUBLIC_RULE}
    serializer_class = KnowledgeNodeSerializer
    filterset_class = KnowledgeNodeFilter
    lookup_value_regex = r"\d+"
    ordering = ("municipality_id", "area_kind", "area_code", "pk")

    def get_queryset(self) -> QuerySet[KnowledgeNode]:
        return selectors.visible_nodes(self.request.user).prefetch_related("contacts")

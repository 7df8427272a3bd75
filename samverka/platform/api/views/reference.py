"""Read-only reference data: counties, municipalities, spaces."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from samverka.platform.api.filters import MunicipalityFilter
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.reference import CountySerializer, MunicipalitySerializer, SpaceSerializer
from samverka.platform.api.views.base import ReadOnlyApiViewSet
from samverka.platform.core.models import County, Municipality
from samverka.platform.spaces.models import Space
from samverka.platform.spaces.selectors import space_list


@extend_schema_view(
    list=extend_schema(summary="List the counties", tags=["reference"]),
    retrieve=extend_schema(summary="A county by its code", tags=["reference"]),
)
class CountyViewSet(ReadOnlyApiViewSet):
    """Sweden's 21 counties (län) by SCB code."""

    permission_required = PUBLIC_RULE
    queryset = County.objects.all()
    ordering = ("code",)
    serializer_class = CountySerializer
    lookup_value_regex = r"\d{2}"


@extend_schema_view(
    list=extend_schema(summary="List the municipalities", tags=["reference"]),
    retrieve=extend_schema(summary="A municipality by its code", tags=["reference"]),
)
class MunicipalityViewSet(ReadOnlyApiViewSet):
    """Sweden's 290 municipalities (kommuner) by SCB code."""

    permission_required = PUBLIC_RULE
    queryset = Municipality.objects.all()
    ordering = ("code",)
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    lookup_value_regex = r"\d{4}"


@extend_schema_view(
    list=extend_schema(summary="List the spaces", tags=["spaces"]),
    retrieve=extend_schema(summary="A space by its short name", tags=["spaces"]),
)
class SpaceViewSet(ReadOnlyApiViewSet):
    """The collaborations hosted here: the national one and the regional platforms."""

    permission_required = {"list": "spaces.view_space", "retrieve": "spaces.view_space"}
    serializer_class = SpaceSerializer
    lookup_field = "slug"
    filter_backends: list[type] = []
    ordering = ("kind", "name", "pk")

    def get_queryset(self) -> QuerySet[Space]:
        return space_list()

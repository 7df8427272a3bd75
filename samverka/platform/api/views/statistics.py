"""Statistics: datasets, their observations (filterable) and the indicator catalogue.

The same rules as the pages: everyone reads public datasets' published versions; the space's
insiders (and platform admins) also read the space's internal datasets and draft versions. A
dataset or version the user may not read answers 404. Observations are listed one version at a
time (``version`` is required), filtered by any dimension column.
"""

from typing import Any

import django_filters as filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from samverka.insight.indicators import selectors
from samverka.insight.indicators.catalogue import INDICATORS, compute, unavailable
from samverka.insight.statistics.models import Dataset, DatasetVersion, Observation
from samverka.platform.api.serializers.statistics import (
    DatasetSerializer,
    IndicatorSerializer,
    IndicatorTableSerializer,
    ObservationSerializer,
)
from samverka.platform.api.views.base import ApiViewMixin, ReadOnlyApiViewSet


class ObservationFilter(filters.FilterSet):
    version = filters.NumberFilter(
        field_name="version_id", required=True, help_text=gettext_lazy("Dataset version id (required).")
    )
    measure = filters.CharFilter()
    period = filters.CharFilter()
    year = filters.NumberFilter()
    region = filters.CharFilter(help_text=gettext_lazy("Region code as in the source, e.g. 04 or 0480."))
    ssyk = filters.CharFilter(help_text=gettext_lazy("SSYK 2012 code, e.g. 2211."))
    sun_level = filters.CharFilter()
    sun_field = filters.CharFilter()
    sni = filters.CharFilter()
    sex = filters.CharFilter()
    age = filters.CharFilter()
    birth = filters.CharFilter()

    class Meta:
        model = Observation
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="List the statistical datasets you may read", tags=["statistics"]),
    retrieve=extend_schema(summary="A dataset with its readable versions", tags=["statistics"]),
)
class DatasetViewSet(ReadOnlyApiViewSet):
    """Statistical tables followed by the spaces; each with the versions you may read."""

    permission_required = {"list": "indicators.view_indicators", "retrieve": "indicators.view_indicators"}
    serializer_class = DatasetSerializer
    lookup_value_regex = r"\d+"
    filter_backends: list[type] = []
    ordering = ("title", "pk")

    def get_queryset(self) -> QuerySet[Dataset]:
        versions = selectors.visible_versions(self.request.user).order_by("-number")
        readable = Prefetch("versions", queryset=versions, to_attr="readable_versions")
        return selectors.visible_datasets(self.request.user).prefetch_related(readable)


@extend_schema_view(
    list=extend_schema(
        summary="List the observations of one dataset version, filtered by dimension", tags=["statistics"]
    ),
)
class ObservationViewSet(ApiViewMixin, mixins.ListModelMixin, GenericViewSet):  # type: ignore[misc]
    """The cells of a version (``version`` is required), in storage order, filterable by each dimension column.

    Pages are keyset pages on the index on (version, id), without a count: the version's ``cell_count`` (in
    the dataset's ``versions``) says how many cells it has."""

    permission_required = {"list": "indicators.view_indicators"}
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    ordering = ("version_id", "pk")  # the index on (version, id)

    @cached_property
    def version(self) -> DatasetVersion | None:
        """The version asked for, when the user may read it (with its dataset and dimensions)."""
        wanted = str(self.request.query_params.get("version", ""))
        if not wanted.isdigit():
            return None
        versions = selectors.visible_versions(self.request.user).select_related("dataset")
        return versions.prefetch_related("dimensions").filter(pk=wanted).first()

    def get_queryset(self) -> QuerySet[Observation]:
        # The rows of the one readable version, by equality rather than through ``visible_observations``'
        # subquery: PostgreSQL would walk all of a hidden version's rows to find none.
        if self.version is None:
            return Observation.objects.none()
        return Observation.objects.filter(version=self.version)

    def get_serializer_context(self) -> dict[str, Any]:
        """The names of the version's codes and whether it is synthetic."""
        from samverka.insight.statistics.selectors import category_labels

        context = dict(super().get_serializer_context())
        if self.version is not None:
            dimensions = self.version.dimensions.all()
            context["labels"] = {d.role: category_labels(d) for d in dimensions if d.role != "other"}
            context["synthetic"] = self.version.dataset.is_synthetic
        return context


class IndicatorParamsSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(help_text=gettext_lazy("Dataset version id."))


@extend_schema_view(
    list=extend_schema(
        summary="The indicator catalogue with definitions",
        tags=["statistics"],
        parameters=[
            OpenApiParameter(
                "version", int, required=False, description="Say for each indicator whether it can be computed on it."
            )
        ],
    ),
    retrieve=extend_schema(summary="One indicator's definition", tags=["statistics"]),
    compute=extend_schema(
        summary="Compute an indicator over a dataset version",
        tags=["statistics"],
        parameters=[
            OpenApiParameter("version", int, required=True, description="Dataset version id."),
            *(
                OpenApiParameter(name, str, required=False)
                for name in ("region", "ssyk", "year", "from_year", "to_year", "measure")
            ),
        ],
        responses=IndicatorTableSerializer,
    ),
)
class IndicatorViewSet(ReadOnlyApiViewSet):
    """The catalogue of indicators; ``compute`` returns one indicator's table for a version and parameters."""

    permission_required = {
        "list": "indicators.view_indicators",
        "retrieve": "indicators.view_indicators",
        "compute": "indicators.view_indicators",
    }
    serializer_class = IndicatorSerializer
    lookup_field = "key"
    lookup_value_regex = r"[a-z_]+"
    filter_backends: list[type] = []
    pagination_class = None

    def get_queryset(self) -> Any:
        return list(INDICATORS.values())

    def _indicator(self) -> Any:
        indicator = INDICATORS.get(self.kwargs["key"])
        if indicator is None:
            raise Http404
        return indicator

    def _describe(self, indicator: Any, reasons: dict[str, str] | None = None) -> dict[str, Any]:
        return {
            "key": indicator.key,
            "name": str(indicator.name),
            "definition": str(indicator.definition),
            "roles": list(indicator.roles),
            "measures": [*indicator.measures, *indicator.any_measures],
            "params": list(indicator.params),
            "available": None if reasons is None else indicator.key not in reasons,
            "unavailable_reason": (reasons or {}).get(indicator.key, ""),
        }

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The catalogue; with ``?version=<id>`` each indicator says whether it can be computed on it, and why not."""
        reasons = None
        wanted = str(request.query_params.get("version", ""))
        if wanted:
            version = selectors.visible_versions(request.user).filter(pk=wanted).first() if wanted.isdigit() else None
            if version is None:
                raise Http404
            reasons = unavailable(version)
        described = [self._describe(i, reasons) for i in INDICATORS.values()]
        return Response(IndicatorSerializer(described, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(IndicatorSerializer(self._describe(self._indicator())).data)

    @action(detail=True, methods=["get"])
    def compute(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = self._indicator()
        params = IndicatorParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        version = selectors.visible_versions(request.user).filter(pk=params.validated_data["version"]).first()
        if version is None:
            raise Http404
        try:
            table = compute(indicator.key, version=version, params={k: str(v) for k, v in request.query_params.items()})
        except DjangoValidationError as error:
            raise serializers.ValidationError({"detail": error.messages}) from error
        return Response(IndicatorTableSerializer(table).data)

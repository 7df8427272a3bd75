"""Validation offers and the suppressed aggregate of validation outcomes, with the pages' rules.

Offers start from ``ValidationOffer.objects.restrict(user)`` (published for everyone; the rest for the space's
insiders and the municipality's editors) and each detail is checked with the rule of its page. Outcomes are
never served as rows: ``validation-outcomes`` returns ``selectors.outcome_table`` for a space, the same
suppressed table as the public page and the exports (every figure below k is null).
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from samverka.education.validation import selectors
from samverka.education.validation.models import ValidationOffer
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.validation import (
    OutcomeTableSerializer,
    ValidationOfferSerializer,
    outcome_table_data,
)
from samverka.platform.api.views.base import ApiViewMixin, ReadOnlyApiViewSet
from samverka.platform.spaces.models import Space


@extend_schema_view(
    list=extend_schema(
        summary="List the validation offers you may see (published ones, and all of your spaces)", tags=["validation"]
    ),
    retrieve=extend_schema(summary="A validation offer", tags=["validation"]),
)
class ValidationOfferViewSet(ReadOnlyApiViewSet):
    """Validation offers; filter by ``space__slug``, ``kind``, ``municipality``, ``is_published``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "validation.view_validationoffer"}
    serializer_class = ValidationOfferSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["space__slug", "kind", "municipality", "is_published"]
    ordering = ("space_id", "title", "pk")

    def get_queryset(self) -> QuerySet[ValidationOffer]:
        return (
            ValidationOffer.objects.restrict(self.request.user)
            .select_related("space", "provider", "organisation")
            .prefetch_related("occupations", "offerings", "educations")
        )


@extend_schema_view(
    list=extend_schema(
        summary="A space's validation outcomes, aggregated, every figure below k masked (null)",
        tags=["validation"],
        parameters=[
            OpenApiParameter("space", str, required=True, description="The space's slug."),
            OpenApiParameter(
                "by",
                str,
                many=True,
                enum=list(selectors.DIMENSIONS),
                description="Group by these dimensions (repeat the parameter); default year and occupation.",
            ),
            OpenApiParameter("year", int, description="Only this year."),
        ],
        responses=OutcomeTableSerializer,
    ),
)
class ValidationOutcomeViewSet(ApiViewMixin, GenericViewSet):  # type: ignore[misc]
    """The suppressed outcome table of one space (the same as its public page and its downloads)."""

    permission_required = {"list": PUBLIC_RULE}
    serializer_class = OutcomeTableSerializer
    pagination_class = None
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return Space.objects.none()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        slug = str(request.query_params.get("space", ""))
        space = Space.objects.filter(slug=slug).first() if slug else None
        if space is None:
            raise serializers.ValidationError({"space": [_("Give the slug of a space.")]})
        raw_year = str(request.query_params.get("year", ""))
        year = int(raw_year) if raw_year.isdigit() else None
        by = [part for value in request.query_params.getlist("by") for part in value.split(",") if part]
        table = selectors.outcome_table(space=space, group_by=by, year=year)
        return Response(OutcomeTableSerializer(outcome_table_data(table)).data)

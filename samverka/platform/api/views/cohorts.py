"""The suppressed follow-up table of a space's cohorts, for the space's insiders (as its pages).

Cohorts are never served as rows: ``cohorts`` returns ``selectors.follow_up_table`` for a space, the same
suppressed table as the follow-up page and its downloads (every figure below k is null). Who is not an insider
of the space is refused (there is no public follow-up: privacy by default).
"""

from typing import Any

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from samverka.education.cohorts import selectors
from samverka.platform.api.serializers.cohorts import FollowUpTableSerializer, follow_up_data
from samverka.platform.api.views.base import ApiViewMixin
from samverka.platform.spaces.models import Space


@extend_schema_view(
    list=extend_schema(
        summary="A space's cohort follow-up per offering and start year, every figure below k masked (null)",
        tags=["cohorts"],
        parameters=[
            OpenApiParameter("space", str, required=True, description="The space's slug."),
            OpenApiParameter("year", int, description="Only cohorts that started this year."),
        ],
        responses=FollowUpTableSerializer,
    ),
)
class CohortFollowUpViewSet(ApiViewMixin, GenericViewSet):  # type: ignore[misc]
    """The suppressed follow-up table of one space (the same as its follow-up page and its downloads)."""

    permission_required = {"list": "cohorts.view_cohorts"}
    serializer_class = FollowUpTableSerializer
    pagination_class = None
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return Space.objects.none()

    @cached_property
    def space(self) -> Space:
        slug = str(self.request.query_params.get("space", ""))
        space = Space.objects.filter(slug=slug).first() if slug else None
        if space is None:
            raise serializers.ValidationError({"space": [_("Give the slug of a space.")]})
        return space

    def get_permission_object(self) -> Space:
        return self.space

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raw_year = str(request.query_params.get("year", ""))
        year = int(raw_year) if raw_year.isdigit() else None
        table = selectors.follow_up_table(space=self.space, year=year)
        return Response(FollowUpTableSerializer(follow_up_data(table)).data)

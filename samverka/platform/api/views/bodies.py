"""Bodies of the spaces and their memberships."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.collaboration.bodies import services
from samverka.collaboration.bodies.models import Body, Membership
from samverka.platform.api.filters import BodyFilter, MembershipFilter
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.bodies import (
    BodyCloseSerializer,
    BodyCreateSerializer,
    BodySerializer,
    BodyUpdateSerializer,
    MembershipCreateSerializer,
    MembershipEndSerializer,
    MembershipSerializer,
    MembershipUpdateSerializer,
)
from samverka.platform.api.views.base import ServiceApiViewSet
from samverka.platform.spaces.models import Space

_BODY_TAGS = ["bodies"]
_MEMBERSHIP_TAGS = ["memberships"]


@extend_schema_view(
    list=extend_schema(summary="List the bodies you may see", tags=_BODY_TAGS),
    retrieve=extend_schema(summary="A body", tags=_BODY_TAGS),
    create=extend_schema(
        summary="Create a body in a space",
        tags=_BODY_TAGS,
        request=BodyCreateSerializer,
        responses={201: BodySerializer},
    ),
    update=extend_schema(
        summary="Change a body", tags=_BODY_TAGS, request=BodyUpdateSerializer, responses=BodySerializer
    ),
    partial_update=extend_schema(
        summary="Change some fields of a body", tags=_BODY_TAGS, request=BodyUpdateSerializer, responses=BodySerializer
    ),
)
class BodyViewSet(ServiceApiViewSet):
    """Forums, councils, groups and projects: the public ones for everyone, a space's private ones
    for its insiders (others get 404)."""

    permission_required = {
        "list": PUBLIC_RULE,  # the queryset holds only the bodies the user may see
        "retrieve": "bodies.view_body",
        "create": "bodies.add_body",
        "update": "bodies.change_body",
        "partial_update": "bodies.change_body",
        "close": "bodies.close_body",
    }
    serializer_class = BodySerializer
    lookup_value_regex = r"\d+"
    create_serializer_class = BodyCreateSerializer
    update_serializer_class = BodyUpdateSerializer
    filterset_class = BodyFilter
    ordering = ("space_id", "name", "pk")  # the index on (space, name)

    def get_queryset(self) -> QuerySet[Body]:
        return Body.objects.restrict(self.request.user).select_related("space")

    def get_permission_object(self) -> Any:
        if self.action == "create":
            return self.object_from_request("space", Space.objects.all(), lookup="slug")
        return None

    def perform_service_create(self, data: dict[str, Any]) -> Body:
        space = data.pop("space")
        return services.body_create(space=space, actor=self.request.user, data=services.BodyData(**data))

    def perform_service_update(self, instance: Body, data: dict[str, Any]) -> Body:
        return services.body_update(body=instance, actor=self.request.user, data=services.BodyData(**data))

    @extend_schema(summary="Close a body", tags=_BODY_TAGS, request=BodyCloseSerializer, responses=BodySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The closing routine: the body is closed on the given day with a note on what became of its work."""
        body = self.get_object()
        serializer = BodyCloseSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        body = services.body_close(
            body=body,
            actor=request.user,
            closed_at=serializer.validated_data.get("closed_at") or timezone.localdate(),
            closing_note=serializer.validated_data["closing_note"],
        )
        return Response(self.represent(body))


@extend_schema_view(
    list=extend_schema(summary="List the memberships of the bodies you may see", tags=_MEMBERSHIP_TAGS),
    retrieve=extend_schema(summary="A membership", tags=_MEMBERSHIP_TAGS),
    create=extend_schema(
        summary="Add a member to a body",
        tags=_MEMBERSHIP_TAGS,
        request=MembershipCreateSerializer,
        responses={201: MembershipSerializer},
    ),
    update=extend_schema(
        summary="Change a membership",
        tags=_MEMBERSHIP_TAGS,
        request=MembershipUpdateSerializer,
        responses=MembershipSerializer,
    ),
    partial_update=extend_schema(
        summary="Change some fields of a membership",
        tags=_MEMBERSHIP_TAGS,
        request=MembershipUpdateSerializer,
        responses=MembershipSerializer,
    ),
)
class MembershipViewSet(ServiceApiViewSet):
    """Who sits in the bodies you may see. The person is shown only where you may see the body's
    members; otherwise the organisation and the role."""

    permission_required = {
        "list": PUBLIC_RULE,  # the queryset holds only memberships of bodies the user may see
        "retrieve": PUBLIC_RULE,
        "create": "bodies.manage_memberships",
        "update": "bodies.change_membership",
        "partial_update": "bodies.change_membership",
        "end": "bodies.change_membership",
    }
    serializer_class = MembershipSerializer
    lookup_value_regex = r"\d+"
    create_serializer_class = MembershipCreateSerializer
    update_serializer_class = MembershipUpdateSerializer
    filterset_class = MembershipFilter
    ordering = ("body_id", "role", "pk")  # the index on (body, role)

    def get_queryset(self) -> QuerySet[Membership]:
        return Membership.objects.restrict(self.request.user).select_related("body", "organisation", "contact")

    def get_permission_object(self) -> Any:
        if self.action == "create":
            return self.object_from_request("body", Body.objects.restrict(self.request.user))
        return None

    def perform_service_create(self, data: dict[str, Any]) -> Membership:
        body = data.pop("body")
        return services.membership_create(body=body, actor=self.request.user, data=services.MembershipData(**data))

    def perform_service_update(self, instance: Membership, data: dict[str, Any]) -> Membership:
        return services.membership_update(
            membership=instance, actor=self.request.user, data=services.MembershipData(**data)
        )

    @extend_schema(
        summary="End a membership",
        tags=_MEMBERSHIP_TAGS,
        request=MembershipEndSerializer,
        responses=MembershipSerializer,
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The membership ends on the given day (today when left out); its history is kept."""
        membership = self.get_object()
        serializer = MembershipEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_end(
            membership=membership,
            actor=request.user,
            end_date=serializer.validated_data.get("end_date") or timezone.localdate(),
        )
        return Response(self.represent(membership))

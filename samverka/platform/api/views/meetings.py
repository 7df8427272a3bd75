"""Meetings, agenda items, decisions and action items: what a user may see of the bodies they may see."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import ActionItem, AgendaItem, Decision, Meeting
from samverka.collaboration.meetings.permissions import remember_invitations
from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.meetings import (
    ActionItemSerializer,
    ActionItemStatusSerializer,
    AgendaItemCreateSerializer,
    AgendaItemSerializer,
    AgendaItemUpdateSerializer,
    DecisionSerializer,
    MeetingCreateSerializer,
    MeetingSerializer,
    MeetingWriteSerializer,
)
from samverka.platform.api.views.base import ReadOnlyApiViewSet, ServiceApiViewSet


@extend_schema_view(
    list=extend_schema(summary="List the meetings you may see", tags=["meetings"]),
    retrieve=extend_schema(summary="A meeting", tags=["meetings"]),
    create=extend_schema(
        summary="Plan a meeting of a body you run (the agenda starts with the follow-up item)",
        tags=["meetings"],
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer},
    ),
    update=extend_schema(
        summary="Change a meeting (invitees get the updated invitation)",
        tags=["meetings"],
        request=MeetingWriteSerializer,
        responses=MeetingSerializer,
    ),
    partial_update=extend_schema(
        summary="Change some fields of a meeting",
        tags=["meetings"],
        request=MeetingWriteSerializer,
        responses=MeetingSerializer,
    ),
)
class MeetingViewSet(ServiceApiViewSet):
    """Meetings of the bodies you may see (others answer 404); writes through the meetings services."""

    permission_required = {
        "list": PUBLIC_RULE,
        "retrieve": "meetings.view_meeting",
        "create": "meetings.add_meeting",
        "update": "meetings.change_meeting",
        "partial_update": "meetings.change_meeting",
    }
    serializer_class = MeetingSerializer
    create_serializer_class = MeetingCreateSerializer
    update_serializer_class = MeetingWriteSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["body", "status"]
    ordering = ("start", "pk")  # the index on (start, id)

    def get_queryset(self) -> QuerySet[Meeting]:
        meetings = Meeting.objects.restrict(self.request.user).select_related("body__space")
        # A list's page gets its stages afterwards (paginate_queryset): annotated on the whole list, PostgreSQL
        # hashes every minutes version for the first page instead of probing the index for 50 meetings.
        return meetings if self.action == "list" else meetings.with_stage()

    def paginate_queryset(self, queryset: Any) -> Any:
        """The page, with its meetings' stages and the user's invitations to them (the online link's rule asks):
        one query each."""
        page = super().paginate_queryset(queryset)
        if page:
            facts = Meeting.objects.filter(pk__in=[meeting.pk for meeting in page]).with_stage()
            stages = {
                pk: (begun, approved)
                for pk, begun, approved in facts.values_list(  # type: ignore[misc]
                    "pk", "minutes_begun", "minutes_approved"
                )
            }
            for meeting in page:
                meeting.minutes_begun, meeting.minutes_approved = stages[meeting.pk]
            remember_invitations(self.request.user, page)
        return page

    def get_permission_object(self) -> Any:
        if self.action == "create":
            return self.object_from_request("body", Body.objects.restrict(self.request.user))
        return None

    def perform_service_create(self, data: dict[str, Any]) -> Meeting:
        return services.meeting_create(actor=self.request.user, **data)

    def perform_service_update(self, instance: Meeting, data: dict[str, Any]) -> Meeting:
        return services.meeting_update(actor=self.request.user, meeting=instance, data=services.MeetingData(**data))


@extend_schema_view(
    list=extend_schema(summary="List agenda items of the meetings you may see", tags=["meetings"]),
    retrieve=extend_schema(summary="An agenda item", tags=["meetings"]),
    update=extend_schema(
        summary="Change an agenda item",
        tags=["meetings"],
        request=AgendaItemUpdateSerializer,
        responses=AgendaItemSerializer,
    ),
    partial_update=extend_schema(
        summary="Change some fields of an agenda item",
        tags=["meetings"],
        request=AgendaItemUpdateSerializer,
        responses=AgendaItemSerializer,
    ),
    create=extend_schema(
        summary="Add an item at the end of a meeting's agenda",
        tags=["meetings"],
        request=AgendaItemCreateSerializer,
        responses={201: AgendaItemSerializer},
    ),
)
class AgendaItemViewSet(ServiceApiViewSet):
    """Agenda items in order; filter by ``meeting``. Descriptions are sanitised HTML."""

    permission_required = {
        "list": PUBLIC_RULE,
        "retrieve": "meetings.view_meeting",
        "create": "meetings.change_meeting",
        "update": "meetings.change_meeting",
        "partial_update": "meetings.change_meeting",
    }
    serializer_class = AgendaItemSerializer
    create_serializer_class = AgendaItemCreateSerializer
    update_serializer_class = AgendaItemUpdateSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["meeting", "kind"]
    ordering = ("meeting_id", "position", "pk")

    def get_queryset(self) -> QuerySet[AgendaItem]:
        return AgendaItem.objects.restrict(self.request.user)

    def get_permission_object(self) -> Any:
        if self.action == "create":
            return self.object_from_request("meeting", Meeting.objects.restrict(self.request.user))
        return None

    def perform_service_create(self, data: dict[str, Any]) -> AgendaItem:
        return services.agenda_item_add(actor=self.request.user, **data)

    def perform_service_update(self, instance: AgendaItem, data: dict[str, Any]) -> AgendaItem:
        return services.agenda_item_update(actor=self.request.user, item=instance, data=services.AgendaItemData(**data))


@extend_schema_view(
    list=extend_schema(summary="List decisions of the bodies you may see", tags=["meetings"]),
    retrieve=extend_schema(summary="A decision", tags=["meetings"]),
)
class DecisionViewSet(ReadOnlyApiViewSet):
    """Decisions, numbered per body and year; filter by ``body``, ``year``, ``meeting``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "meetings.view_meeting"}
    serializer_class = DecisionSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["body", "year", "meeting"]
    ordering = ("-year", "-number", "-pk")  # the index on (year, number, id), read backwards

    def get_queryset(self) -> QuerySet[Decision]:
        return Decision.objects.restrict(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List action items you may see (also your own)", tags=["meetings"]),
    retrieve=extend_schema(summary="An action item", tags=["meetings"]),
    status=extend_schema(
        summary="Mark an action item open, in progress or done (its owner or who runs the body)",
        tags=["meetings"],
        request=ActionItemStatusSerializer,
        responses=ActionItemSerializer,
    ),
)
class ActionItemViewSet(ReadOnlyApiViewSet):
    """Action items of the bodies you may see and your own; filter by ``body``, ``status``."""

    # The queryset holds only what you may see: items of visible bodies and your own anywhere.
    permission_required = {"list": PUBLIC_RULE, "retrieve": PUBLIC_RULE, "status": "meetings.change_action_item"}
    serializer_class = ActionItemSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["body", "status", "meeting"]
    # Keyset pages need non-null columns, and an item's due date may be empty: in the order they were added.
    ordering = ("pk",)

    def get_queryset(self) -> QuerySet[ActionItem]:
        return ActionItem.objects.restrict(self.request.user).select_related("owner_contact", "owner_user")

    @action(detail=True, methods=["post"], serializer_class=ActionItemStatusSerializer)
    def status(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        serializer = ActionItemStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.action_item_set_status(
            actor=request.user, item=item, status=serializer.validated_data["status"]
        )
        return Response(ActionItemSerializer(item, context=self.get_serializer_context()).data)

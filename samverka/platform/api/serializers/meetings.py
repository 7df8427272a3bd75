"""Meetings of bodies, their agenda items, and the decisions and action items followed up."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.collaboration.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AgendaKind,
    Decision,
    Meeting,
    MeetingStage,
    MeetingStatus,
)
from samverka.platform.api.schema import NamedChoiceField
from samverka.platform.api.serializers.bodies import VisibleBodyField


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    """A point on a meeting's agenda; ``description`` is sanitised HTML."""

    kind = NamedChoiceField(choices=AgendaKind.choices, enum_name="AgendaKind", label=_("kind"), read_only=True)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "position",
            "title",
            "description",
            "presenter",
            "duration_minutes",
            "kind",
            "is_follow_up",
        ]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    """A meeting: times are ISO 8601 with the Stockholm offset."""

    space = serializers.CharField(source="body.space.slug", read_only=True)
    status = NamedChoiceField(
        choices=MeetingStatus.choices, enum_name="MeetingStatus", label=_("status"), read_only=True
    )
    #: Where the meeting is in its lifecycle, derived from the facts as the pages show it.
    stage = NamedChoiceField(choices=MeetingStage.choices, enum_name="MeetingStage", label=_("stage"), read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "space",
            "body",
            "title",
            "start",
            "end",
            "place",
            "online_url",
            "status",
            "stage",
            "sequence",
            "is_public",
            "invited_at",
            "cancelled_at",
            "url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_url(self, meeting: Meeting) -> str:
        request = self.context.get("request")
        path = meeting.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def to_representation(self, meeting: Meeting) -> dict[str, Any]:
        data = super().to_representation(meeting)
        request = self.context.get("request")
        if request is not None and not request.user.has_perm("meetings.view_meeting_details", meeting):
            data["online_url"] = ""  # internal unless marked public (meetings.permissions)
        return data


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    """A decision numbered ``year:number`` per body."""

    reference = serializers.SerializerMethodField(help_text=_("The decision's number, e.g. 2026:3."))

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "meeting",
            "agenda_item",
            "reference",
            "year",
            "number",
            "text",
            "responsible_contact",
            "responsible_organisation",
            "due_date",
            "decided_on",
            "closed_at",
            "closing_note",
        ]
        read_only_fields = fields

    def get_reference(self, decision: Decision) -> str:
        return f"{decision.year}:{decision.number}"


class ActionItemSerializer(serializers.ModelSerializer[ActionItem]):
    """Something someone is to do by a date."""

    status = NamedChoiceField(choices=ActionStatus.choices, enum_name="ActionStatus", label=_("status"), read_only=True)
    owner = serializers.CharField(source="owner_name", read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "body",
            "meeting",
            "decision",
            "title",
            "description",
            "owner",
            "owner_contact",
            "due_date",
            "status",
            "done_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MeetingWriteSerializer(serializers.Serializer[Any]):
    """The body of a change (PUT/PATCH) of a meeting; times with an offset or as Stockholm local time."""

    title = serializers.CharField(max_length=255)
    start = serializers.DateTimeField(help_text=_("Start, e.g. 2027-02-03T13:00:00+01:00."))
    end = serializers.DateTimeField()
    place = serializers.CharField(max_length=255, required=False, allow_blank=True)
    online_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    is_public = serializers.BooleanField(required=False)


@extend_schema_field(OpenApiTypes.INT)
class _BodyIdField(VisibleBodyField):
    """A visible body by id (typed for the schema: the serializer has no model)."""


@extend_schema_field(OpenApiTypes.INT)
class _MeetingIdField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A meeting the requesting user may see, by id."""

    def get_queryset(self) -> QuerySet[Meeting]:
        request = self.context.get("request")
        return Meeting.objects.restrict(getattr(request, "user", None))


class MeetingCreateSerializer(MeetingWriteSerializer):
    """A new meeting of a body you run."""

    body = _BodyIdField(help_text=_("The body that meets."))


class AgendaItemCreateSerializer(serializers.Serializer[Any]):
    """A new item at the end of a meeting's agenda."""

    meeting = _MeetingIdField()
    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=AgendaKind.choices, required=False, default=AgendaKind.INFORMATION)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    presenter = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    duration_minutes = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=24 * 60)


class AgendaItemUpdateSerializer(serializers.Serializer[Any]):
    """A change of an agenda item (PUT/PATCH)."""

    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=AgendaKind.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    presenter = serializers.CharField(max_length=200, required=False, allow_blank=True)
    duration_minutes = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=24 * 60)


class ActionItemStatusSerializer(serializers.Serializer[Any]):
    """Mark an action item open, in progress or done."""

    status = NamedChoiceField(choices=ActionStatus.choices, enum_name="ActionStatus", label=_("status"))

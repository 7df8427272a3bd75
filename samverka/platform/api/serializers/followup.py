"""Status rounds and reports (traffic lights per activity and expected result), and inputs with their consideration."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.meetings.models import Decision
from samverka.platform.api.schema import NamedChoiceField
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal
from samverka.steering.inputs.models import Channel, Consideration, Input, Outcome
from samverka.steering.statusreports.models import (
    ActivityStatus,
    Feedback,
    Light,
    ReportState,
    RoundState,
    StatusReport,
    StatusRound,
)

_LIGHTS = [*Light.choices, ("", _("Not set"))]


class StatusRoundSerializer(serializers.ModelSerializer[StatusRound]):
    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    state = NamedChoiceField(choices=RoundState.choices, enum_name="RoundState", label=_("state"), read_only=True)

    class Meta:
        model = StatusRound
        fields = ["id", "space", "name", "year", "opens_on", "deadline", "state", "closed_at", "approved_at"]
        read_only_fields = fields


class ActivityStatusSerializer(serializers.ModelSerializer[ActivityStatus]):
    """The lights of one activity: ``light_activity`` for the activity, ``light_result`` for its expected result."""

    activity_title = serializers.CharField(source="activity.title", read_only=True)
    light_activity = NamedChoiceField(choices=_LIGHTS, enum_name="Light", label=_("activity light"), read_only=True)
    light_result = NamedChoiceField(choices=_LIGHTS, enum_name="Light", label=_("result light"), read_only=True)

    class Meta:
        model = ActivityStatus
        fields = ["activity", "activity_title", "light_activity", "comment_activity", "light_result", "comment_result"]
        read_only_fields = fields


class FeedbackSerializer(serializers.ModelSerializer[Feedback]):
    class Meta:
        model = Feedback
        fields = ["text", "at"]
        read_only_fields = fields


class StatusReportSerializer(serializers.ModelSerializer[StatusReport]):
    """A group's report in a round: its state, lights per activity and the steering group's feedback."""

    body = serializers.IntegerField(source="work_plan.body_id", read_only=True)
    body_name = serializers.CharField(source="work_plan.body.name", read_only=True)
    state = NamedChoiceField(choices=ReportState.choices, enum_name="ReportState", label=_("state"), read_only=True)
    statuses = ActivityStatusSerializer(many=True, read_only=True)
    feedback = FeedbackSerializer(many=True, read_only=True)

    class Meta:
        model = StatusReport
        fields = [
            "id",
            "round",
            "work_plan",
            "body",
            "body_name",
            "state",
            "description",
            "submitted_at",
            "reviewed_at",
            "reopened_count",
            "statuses",
            "feedback",
        ]
        read_only_fields = fields


class ConsiderationSerializer(serializers.ModelSerializer[Consideration]):
    outcome = NamedChoiceField(choices=Outcome.choices, enum_name="InputOutcome", label=_("outcome"), read_only=True)

    class Meta:
        model = Consideration
        fields = ["outcome", "reason", "decided_at"]
        read_only_fields = fields


class InputSerializer(serializers.ModelSerializer[Input]):
    """An input (inspel) from a region or organisation; ``consideration`` is null until it has been considered."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    source_name = serializers.CharField(source="source_organisation.name", read_only=True)
    channel = NamedChoiceField(choices=Channel.choices, enum_name="InputChannel", label=_("channel"), read_only=True)
    consideration = ConsiderationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Input
        fields = [
            "id",
            "space",
            "source_organisation",
            "source_name",
            "channel",
            "received_on",
            "goal_year",
            "topic",
            "text",
            "goals",
            "decisions",
            "consideration",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class _VisibleGoalField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    def get_queryset(self) -> Any:
        return Goal.objects.restrict(getattr(self.context.get("request"), "user", None))


@extend_schema_field(OpenApiTypes.INT)
class _VisibleDecisionField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    def get_queryset(self) -> Any:
        return Decision.objects.restrict(getattr(self.context.get("request"), "user", None))


class InputCreateSerializer(serializers.Serializer[Any]):
    """Register an input; goals and decisions must belong to the same space."""

    space = serializers.SlugRelatedField(
        slug_field="slug", queryset=Space.objects.all(), help_text=_("The short name (slug) of the space.")
    )
    source_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = serializers.DateField()
    goal_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    topic = serializers.CharField(max_length=255)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    goals = _VisibleGoalField(many=True, required=False)
    decisions = _VisibleDecisionField(many=True, required=False)

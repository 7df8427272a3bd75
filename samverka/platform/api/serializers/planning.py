"""Goals with their metrics, work plans and their activities (with the horizontal perspectives)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.platform.api.schema import NamedChoiceField
from samverka.steering.goals.models import Goal, GoalAssessment, GoalKind, GoalStatus, Metric, MetricValue
from samverka.steering.workplans.models import Activity, Perspective, PerspectiveAssessment, WorkPlan, WorkPlanStatus


class MetricValueSerializer(serializers.ModelSerializer[MetricValue]):
    class Meta:
        model = MetricValue
        fields = ["measured_on", "value", "note"]
        read_only_fields = fields


class MetricSerializer(serializers.ModelSerializer[Metric]):
    """A metric of a goal with its measured values, oldest first."""

    values = MetricValueSerializer(many=True, read_only=True)

    class Meta:
        model = Metric
        fields = ["id", "name", "unit", "baseline", "target", "values"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer[Goal]):
    """An effect goal or a result goal under it; ``lineage`` is the same goal across years."""

    space = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    kind = NamedChoiceField(choices=GoalKind.choices, enum_name="GoalKind", label=_("kind"), read_only=True)
    status = NamedChoiceField(choices=GoalStatus.choices, enum_name="GoalStatus", label=_("status"), read_only=True)
    assessment = NamedChoiceField(
        choices=[*GoalAssessment.choices, ("", _("Not assessed"))],
        enum_name="GoalAssessment",
        label=_("assessment"),
        read_only=True,
    )
    metrics = MetricSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "space",
            "year",
            "kind",
            "code",
            "title",
            "description",
            "parent",
            "status",
            "retired_reason",
            "is_public",
            "lineage",
            "previous",
            "decision",
            "change_note",
            "assessment",
            "assessment_note",
            "assessed_on",
            "metrics",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PerspectiveSerializer(serializers.ModelSerializer[PerspectiveAssessment]):
    perspective = NamedChoiceField(
        choices=Perspective.choices, enum_name="Perspective", label=_("perspective"), read_only=True
    )

    class Meta:
        model = PerspectiveAssessment
        fields = ["perspective", "relevant", "motivation"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    """An activity of a work plan, the result goals it serves and its horizontal-perspective assessments."""

    perspectives = PerspectiveSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "work_plan",
            "position",
            "title",
            "description",
            "starts",
            "ends",
            "responsible",
            "responsible_contact",
            "expected_result",
            "result_goals",
            "outcome",
            "perspectives",
        ]
        read_only_fields = fields


class WorkPlanSerializer(serializers.ModelSerializer[WorkPlan]):
    """A body's work plan for a year; its activities are at ``/activities/?work_plan=<id>``."""

    space = serializers.CharField(source="body.space.slug", read_only=True)
    status = NamedChoiceField(
        choices=WorkPlanStatus.choices, enum_name="WorkPlanStatus", label=_("status"), read_only=True
    )

    class Meta:
        model = WorkPlan
        fields = [
            "id",
            "space",
            "body",
            "year",
            "status",
            "purpose",
            "goals_text",
            "expected_results",
            "regional_rationale",
            "adopted_at",
            "closed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MetricValueRecordSerializer(serializers.Serializer[Any]):
    """A measured value of one of the goal's metrics; a second value for the same day replaces the first."""

    metric = serializers.IntegerField(help_text=_("The id of one of the goal's metrics."))
    measured_on = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, default="")

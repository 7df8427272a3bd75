"""Goals, work plans, activities, status rounds and reports, and inputs: read with the pages' rules.

Every queryset starts from the model's own ``restrict(user)`` (public goals for everyone, the rest for
the space's insiders; work plans follow their body; status reports for the space's insiders, its
steering group and the group's own leaders; inputs for the space's insiders), so a hidden object
answers 404, and each detail is checked with the rule of the matching page.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.platform.api.permissions import PUBLIC_RULE
from samverka.platform.api.serializers.followup import (
    InputCreateSerializer,
    InputSerializer,
    StatusReportSerializer,
    StatusRoundSerializer,
)
from samverka.platform.api.serializers.planning import (
    ActivitySerializer,
    GoalSerializer,
    MetricValueRecordSerializer,
    WorkPlanSerializer,
)
from samverka.platform.api.views.base import ReadOnlyApiViewSet, ServiceApiViewSet
from samverka.platform.spaces.models import Space
from samverka.steering.goals import services as goal_services
from samverka.steering.goals.models import Goal, Metric, MetricValue
from samverka.steering.inputs import services as input_services
from samverka.steering.inputs.models import Input
from samverka.steering.statusreports.models import ActivityStatus, StatusReport, StatusRound
from samverka.steering.workplans.models import Activity, WorkPlan


@extend_schema_view(
    list=extend_schema(
        summary="List the goals you may see (public goals, and all goals of your spaces)", tags=["goals"]
    ),
    retrieve=extend_schema(summary="A goal with its metrics and measured values", tags=["goals"]),
    values=extend_schema(
        summary="Record a measured value of one of the goal's metrics (who runs the space)",
        tags=["goals"],
        request=MetricValueRecordSerializer,
        responses=GoalSerializer,
    ),
)
class GoalViewSet(ReadOnlyApiViewSet):
    """Effect and result goals; filter by ``space__slug``, ``year``, ``kind``, ``status``, ``parent``, ``lineage``."""

    permission_required = {
        "list": PUBLIC_RULE,
        "retrieve": "goals.view_goal",
        "values": "goals.record_metric_value",
    }
    serializer_class = GoalSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["space__slug", "year", "kind", "status", "parent", "lineage", "is_public"]
    ordering = ("space_id", "-year", "position", "code", "pk")

    def get_queryset(self) -> QuerySet[Goal]:
        values = Prefetch("values", queryset=MetricValue.objects.order_by("measured_on", "pk"))
        metrics = Prefetch("metrics", queryset=Metric.objects.order_by("position", "pk").prefetch_related(values))
        return Goal.objects.restrict(self.request.user).select_related("space").prefetch_related(metrics)

    @action(detail=True, methods=["post"], serializer_class=MetricValueRecordSerializer)
    def values(self, request: Request, pk: str | None = None) -> Response:
        goal = self.get_object()
        serializer = MetricValueRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        metric = Metric.objects.filter(goal=goal, pk=data.pop("metric")).first()
        if metric is None:
            raise serializers.ValidationError({"metric": [_("The goal has no such metric.")]})
        goal_services.metric_value_record(metric=metric, actor=request.user, **data)
        return Response(GoalSerializer(self.get_queryset().get(pk=goal.pk), context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="List the work plans of the bodies you may see", tags=["work plans"]),
    retrieve=extend_schema(summary="A work plan", tags=["work plans"]),
)
class WorkPlanViewSet(ReadOnlyApiViewSet):
    """Work plans of working groups and projects; filter by ``body``, ``year``, ``status``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "workplans.view_workplan"}
    serializer_class = WorkPlanSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["body", "year", "status"]
    ordering = ("-year", "pk")

    def get_queryset(self) -> QuerySet[WorkPlan]:
        return WorkPlan.objects.restrict(self.request.user).select_related("body__space")


@extend_schema_view(
    list=extend_schema(summary="List the activities of the work plans you may see", tags=["work plans"]),
    retrieve=extend_schema(
        summary="An activity with its result goals and horizontal perspectives", tags=["work plans"]
    ),
)
class ActivityViewSet(ReadOnlyApiViewSet):
    """Activities; filter by ``work_plan``, ``result_goals`` (a goal id)."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "workplans.view_workplan"}
    serializer_class = ActivitySerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["work_plan", "result_goals"]
    ordering = ("work_plan_id", "position", "pk")

    def get_queryset(self) -> QuerySet[Activity]:
        return (
            Activity.objects.restrict(self.request.user)
            .select_related("work_plan__body")
            .prefetch_related("result_goals", "perspectives")
        )


@extend_schema_view(
    list=extend_schema(summary="List the status rounds of your spaces", tags=["status reports"]),
    retrieve=extend_schema(summary="A status round", tags=["status reports"]),
)
class StatusRoundViewSet(ReadOnlyApiViewSet):
    """Status-report rounds (lägesbedömningar) of the spaces where you work, sit in the steering group or
    lead a group; filter by ``year``. A round itself opens as its page does: for the space's insiders and
    its steering group (a group's leader sees the round listed, with their own reports, and gets 403)."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "statusreports.view_rounds"}
    serializer_class = StatusRoundSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["space__slug", "year", "state"]
    ordering = ("-opens_on", "-pk")

    def get_queryset(self) -> QuerySet[StatusRound]:
        return StatusRound.objects.restrict(self.request.user).select_related("space")


@extend_schema_view(
    list=extend_schema(summary="List the status reports you may see", tags=["status reports"]),
    retrieve=extend_schema(
        summary="A status report with its lights and the steering group's feedback", tags=["status reports"]
    ),
)
class StatusReportViewSet(ReadOnlyApiViewSet):
    """Status reports: the space's insiders and steering group see all, a group's leaders their own; filter by
    ``round``, ``state``."""

    permission_required = {"list": PUBLIC_RULE, "retrieve": "statusreports.view_status_report"}
    serializer_class = StatusReportSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["round", "state", "work_plan"]
    ordering = ("-round_id", "pk")  # the newest round first (rounds are numbered in the order they open)

    def get_queryset(self) -> QuerySet[StatusReport]:
        statuses = Prefetch(
            "statuses",
            queryset=ActivityStatus.objects.select_related("activity").order_by("activity__position", "activity_id"),
        )
        return (
            StatusReport.objects.restrict(self.request.user)
            .select_related("round", "work_plan__body")
            .prefetch_related(statuses, "feedback")
        )


@extend_schema_view(
    list=extend_schema(summary="List the inputs (inspel) of your spaces", tags=["inputs"]),
    retrieve=extend_schema(summary="An input and how it was considered", tags=["inputs"]),
    create=extend_schema(
        summary="Register an input (the space's secretariat)",
        tags=["inputs"],
        request=InputCreateSerializer,
        responses={201: InputSerializer},
    ),
)
class InputViewSet(ServiceApiViewSet):
    """Inputs from regions and others; filter by ``source_organisation``, ``goal_year``, ``channel``."""

    permission_required = {
        "list": PUBLIC_RULE,
        "retrieve": "inputs.view_input",
        "create": "inputs.change_input",
        # Inputs are changed on the pages only (consideration, links); PUT/PATCH answer 405.
        "update": "inputs.change_input",
        "partial_update": "inputs.change_input",
    }
    http_method_names = ["get", "post", "head", "options"]
    serializer_class = InputSerializer
    create_serializer_class = InputCreateSerializer
    lookup_value_regex = r"\d+"
    filterset_fields = ["space__slug", "source_organisation", "goal_year", "channel"]
    ordering = ("-received_on", "-pk")

    def get_queryset(self) -> QuerySet[Input]:
        return (
            Input.objects.restrict(self.request.user)
            .select_related("space", "source_organisation", "consideration")
            .prefetch_related("goals", "decisions")
        )

    def get_permission_object(self) -> Any:
        if self.action == "create":
            return self.object_from_request("space", Space.objects.all(), lookup="slug")
        return None

    def perform_service_create(self, data: dict[str, Any]) -> Input:
        space = data.pop("space")
        item = input_services.input_register(
            actor=self.request.user, space=space, data=input_services.InputData(**data)
        )
        return self.get_queryset().get(pk=item.pk)

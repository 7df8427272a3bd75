"""Every read of inputs, feedback reports, evaluations and the draft annual report."""

from collections import Counter
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.meetings.models import Decision
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal, GoalKind, Metric, MetricValue
from samverka.steering.inputs.models import (
    Channel,
    Evaluation,
    FeedbackReport,
    Input,
    Outcome,
)


def input_list(*, user: User | AnonymousUser, space: Space, filters: dict[str, Any] | None = None) -> QuerySet[Input]:
    """The space's inputs ``user`` may see, filtered by channel, organisation, outcome and goal year."""
    filters = filters or {}
    queryset = (
        Input.objects.restrict(user)
        .filter(space=space)
        .select_related("source_organisation", "consideration")
        .annotate(attachment_count=Count("attachments", distinct=True))
    )
    if filters.get("channel"):
        queryset = queryset.filter(channel=filters["channel"])
    if filters.get("organisation"):
        queryset = queryset.filter(source_organisation=filters["organisation"])
    if filters.get("year"):
        queryset = queryset.filter(goal_year=filters["year"])
    outcome = filters.get("outcome")
    if outcome == "none":
        queryset = queryset.filter(consideration__isnull=True)
    elif outcome:
        queryset = queryset.filter(consideration__outcome=outcome)
    return queryset.order_by("-received_on", "-pk")


def input_organisations(space: Space) -> QuerySet[Organisation]:
    """The organisations that have given input in the space (for the filter)."""
    return Organisation.objects.filter(inputs__space=space).distinct().order_by("name")


def input_detail(*, user: User | AnonymousUser, space: Space, pk: int) -> Input | None:
    return (
        Input.objects.restrict(user)
        .filter(space=space, pk=pk)
        .select_related("space", "source_organisation", "consideration", "consideration__decided_by", "created_by")
        .prefetch_related(
            "attachments",
            Prefetch("goals", queryset=Goal.objects.order_by("year", "kind", "position", "code")),
            Prefetch("decisions", queryset=Decision.objects.select_related("body").order_by("-decided_on")),
        )
        .first()
    )


def linkable_goals(space: Space) -> QuerySet[Goal]:
    return Goal.objects.filter(space=space).order_by("-year", "kind", "parent__position", "position", "code")


def linkable_decisions(space: Space) -> QuerySet[Decision]:
    return Decision.objects.filter(body__space=space).select_related("body").order_by("-year", "body__name", "-number")


def feedback_reports(*, user: User | AnonymousUser, space: Space, year: int) -> QuerySet[FeedbackReport]:
    return (
        FeedbackReport.objects.restrict(user)
        .filter(space=space, year=year)
        .select_related("space", "organisation")
        .order_by("organisation__name")
    )


def feedback_report(*, user: User | AnonymousUser, space: Space, pk: int) -> FeedbackReport | None:
    return (
        FeedbackReport.objects.restrict(user).filter(space=space, pk=pk).select_related("space", "organisation").first()
    )


def feedback_pending(*, space: Space, year: int) -> dict[str, int]:
    """How many of the year's inputs have no recorded consideration yet, and how many there are."""
    counts = Input.objects.filter(space=space, goal_year=year).aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(consideration__isnull=True))
    )
    return {"total": counts["total"] or 0, "open": counts["open"] or 0}


def feedback_context(report: FeedbackReport) -> dict[str, Any]:
    """What the page, the PDF and the e-mail show, from the report's snapshot (labels translated now)."""
    content = report.content or {}
    channels = dict(Channel.choices)
    outcomes = dict(Outcome.choices)
    goals = content.get("goals", [])
    inputs = [
        {
            **item,
            "received_on": date.fromisoformat(item["received_on"]),
            "channel_label": channels.get(item.get("channel", ""), item.get("channel", "")),
            "outcome_label": outcomes.get(item.get("outcome", ""), ""),
        }
        for item in content.get("inputs", [])
    ]
    return {
        "report": report,
        "space_name": content.get("space_name", report.space.name),
        "organisation": report.organisation,
        "year": report.year,
        "effect_goals": [g for g in goals if g.get("kind") == GoalKind.EFFECT],
        "result_goals": [g for g in goals if g.get("kind") == GoalKind.RESULT],
        "inputs": inputs,
        "outcome_counts": Counter(item.get("outcome", "") for item in inputs),
    }


def evaluations(*, user: User | AnonymousUser, space: Space) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.restrict(user)
        .filter(space=space)
        .select_related("responsible_contact")
        .order_by("completed_at", "due_on", "pk")
    )


def evaluation(*, user: User | AnonymousUser, space: Space, pk: int) -> Evaluation | None:
    return evaluations(user=user, space=space).filter(pk=pk).first()


# --- the draft annual report --------------------------------------------------------------


def _goals_section(space: Space, year: int) -> list[Goal]:
    latest_values = MetricValue.objects.order_by("metric_id", "-measured_on")
    goals = list(
        Goal.objects.filter(space=space, year=year)
        .select_related("decision")
        .prefetch_related(
            Prefetch(
                "metrics",
                queryset=Metric.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("values", queryset=latest_values, to_attr="values_latest_first")
                ),
            )
        )
        .order_by("kind", "parent__position", "position", "code")
    )
    for goal in goals:
        for metric in goal.metrics.all():
            values = metric.values_latest_first  # type: ignore[attr-defined]
            metric.latest = values[0] if values else None  # type: ignore[attr-defined]
    return goals


def _work_plans_section(user: User | AnonymousUser, space: Space, year: int) -> list[Any]:
    from samverka.steering.workplans.models import Activity, WorkPlan

    return list(
        WorkPlan.objects.restrict(user)
        .filter(body__space=space, year=year)
        .select_related("body")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("result_goals", queryset=Goal.objects.order_by("code"))
                ),
            )
        )
        .order_by("body__name")
    )


def _status_rounds_section(space: Space, year: int) -> list[dict[str, Any]]:
    """The year's status rounds, each with its activity and result lights counted (two queries)."""
    from samverka.steering.statusreports.models import LIGHT_SYMBOLS, ActivityStatus, Light, StatusRound

    rounds = list(StatusRound.objects.filter(space=space, year=year).order_by("opens_on", "pk"))
    activity_lights: Counter[tuple[int, str]] = Counter()
    result_lights: Counter[tuple[int, str]] = Counter()
    if rounds:
        rows = (
            ActivityStatus.objects.filter(report__round__in=rounds)
            .values("report__round_id", "light_activity", "light_result")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            activity_lights[(row["report__round_id"], row["light_activity"] or "")] += row["n"]
            result_lights[(row["report__round_id"], row["light_result"] or "")] += row["n"]
    sections = []
    for round_ in rounds:
        lights = [
            {
                "label": label,
                "symbol": LIGHT_SYMBOLS.get(value, ""),
                "light": value,
                "activities": activity_lights.get((round_.pk, value), 0),
                "results": result_lights.get((round_.pk, value), 0),
            }
            for value, label in [*Light.choices, ("", _("No light"))]
        ]
        sections.append({"round": round_, "lights": lights})
    return sections


def annual_report(*, user: User | AnonymousUser, space: Space, year: int) -> dict[str, Any]:
    """The draft annual report of a space and year, compiled from goals, the work plans ``user`` may
    see, the year's status rounds, the decisions of the space's bodies and the inputs. Read-only;
    a fixed number of queries whatever the amount of data."""
    inputs = Input.objects.filter(space=space, goal_year=year)
    outcome_counts = {
        row["consideration__outcome"] or "": row["n"]
        for row in inputs.values("consideration__outcome").annotate(n=Count("pk")).order_by()
    }
    return {
        "year": year,
        "goals": _goals_section(space, year),
        "work_plans": _work_plans_section(user, space, year),
        "status_rounds": _status_rounds_section(space, year),
        "decisions": list(
            Decision.objects.filter(body__space=space, year=year).select_related("body").order_by("decided_on", "pk")
        ),
        "input_count": sum(outcome_counts.values()),
        "input_outcomes": [{"label": label, "count": outcome_counts.get(value, 0)} for value, label in Outcome.choices],
        "inputs_open": outcome_counts.get("", 0),
        "organisation_count": inputs.values("source_organisation").distinct().count(),
    }

"""Goals for tests, made through the services (so they pass the same checks as real ones)."""

from datetime import date
from decimal import Decimal
from typing import Any

from samverka.collaboration.bodies.models import Body
from samverka.platform.spaces.models import Space
from samverka.steering.goals import services
from samverka.steering.goals.models import Goal, GoalKind, Metric
from samverka.testing.factories import make_body

YEAR = 2026
_n = iter(range(1, 10**9))


def make_goal(*, space: Space, year: int = YEAR, parent: Goal | None = None, **extra: Any) -> Goal:
    n = next(_n)
    data: dict[str, Any] = {
        "kind": GoalKind.RESULT if parent is not None else GoalKind.EFFECT,
        "parent": parent,
        "code": f"{'R' if parent is not None else 'E'}{n}",
        "title": f"Mål {n}",
        "description": "<p>Fler får rätt kompetens.</p>",
        "is_public": False,
    }
    data.update(extra)
    return services.goal_create(space=space, actor=None, year=year, data=services.GoalData(**data))


def make_metric(goal: Goal, values: tuple[tuple[date, str], ...] = (), **extra: Any) -> Metric:
    data: dict[str, Any] = {
        "name": f"Mätetal {next(_n)}",
        "unit": "%",
        "baseline": Decimal("40"),
        "target": Decimal("70"),
    }
    data.update(extra)
    metric = services.metric_add(goal=goal, actor=None, data=services.MetricData(**data))
    for day, value in values:
        services.metric_value_record(metric=metric, actor=None, measured_on=day, value=Decimal(value))
    return metric


def point_work_plan_at(goal: Goal, body: Body | None = None) -> Any:
    """A work plan activity of a body in the goal's space that lists ``goal`` among its result goals."""
    from samverka.steering.workplans.models import Activity, WorkPlan

    body = body or make_body(space=goal.space)
    plan = WorkPlan.objects.create(body=body, year=goal.year, purpose="Arbetsplan")
    activity = Activity.objects.create(work_plan=plan, title="Kartläggning av utbudet")
    activity.result_goals.add(goal)
    return activity


def make_decision(space: Space, year: int = YEAR) -> Any:
    """A decision of a steering group in ``space`` (without a meeting, as a registrar could record it)."""
    from django.utils import timezone

    from samverka.collaboration.meetings.models import Decision

    body = make_body(space=space, name="Styrgruppen", kind="steering_group")
    return Decision.objects.create(
        body=body,
        year=year,
        number=1,
        text="Styrgruppen fastställer effekt- och resultatmålen.",
        decided_on=date(year, 1, 20),
        opened_at=timezone.now(),
    )

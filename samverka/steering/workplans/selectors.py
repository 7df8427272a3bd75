"""Reads about work plans: a body's plans, a plan with its activities, the regional perspective
of a project, and the year-end perspective report of a space."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from samverka.collaboration.bodies.models import Body, BodyKind, Membership
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.steering.workplans.models import Activity, Perspective, PerspectiveAssessment, WorkPlan, WorkPlanStatus


def body_plans(body: Body, user: User | AnonymousUser) -> QuerySet[WorkPlan]:
    """The work plans of ``body`` (visible to ``user``), newest year first, with their activity counts."""
    return (
        WorkPlan.objects.restrict(user).filter(body=body).annotate(activity_count=Count("activities")).order_by("-year")
    )


def plan_queryset(body: Body, user: User | AnonymousUser) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.restrict(user).filter(body=body).select_related("body__space", "adopted_by", "closed_by")


def plan_activities(plan: WorkPlan) -> list[Activity]:
    """The activities of ``plan`` in order, with their goals, perspectives and responsible person."""
    from samverka.steering.goals.models import Goal

    activities = list(
        plan.activities.select_related("responsible_contact")
        .prefetch_related(
            Prefetch("result_goals", queryset=Goal.objects.order_by("code")),
            Prefetch("perspectives", queryset=PerspectiveAssessment.objects.order_by("perspective")),
        )
        .order_by("position", "pk")
    )
    for activity in activities:
        activity.work_plan = plan
        by_key = {a.perspective: a for a in activity.perspectives.all()}
        activity.perspective_rows = [  # type: ignore[attr-defined]
            (value, label, by_key.get(value)) for value, label in Perspective.choices
        ]
        activity.perspectives_missing = [  # type: ignore[attr-defined]
            label for value, label in Perspective.choices if value not in by_key
        ]
    return activities


def regional_participation(body: Body, year: int | None = None) -> list[Membership]:
    """For a project: the regions (organisations) taking part and their participation model,
    read from the project's memberships that have one (one row per organisation). With ``year``,
    the memberships running at some time that year (so a closed plan keeps its regions);
    without, the memberships not ended today."""
    if body.kind != BodyKind.PROJECT:
        return []
    memberships = Membership.objects.filter(body=body)
    if year is None:
        memberships = memberships.not_ended()
    else:
        memberships = memberships.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=date(year, 12, 31)),
            Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)),
        )
    rows = (
        memberships.exclude(participation_model="").select_related("organisation").order_by("organisation__name", "pk")
    )
    seen: set[int] = set()
    result = []
    for membership in rows:
        if membership.organisation_id not in seen:
            seen.add(membership.organisation_id)
            result.append(membership)
    return result


def responsible_choices(body: Body) -> QuerySet[Any]:
    """The people who may be named responsible for an activity: the body's members (current ones)."""
    from samverka.collaboration.actors.models import Contact

    members = Membership.objects.filter(body=body).not_ended().values("contact_id")
    return Contact.objects.filter(pk__in=members).select_related("organisation").order_by("name", "pk")


def result_goal_choices(plan: WorkPlan, user: User | AnonymousUser) -> QuerySet[Any]:
    """The result goals an activity of ``plan`` may be linked to."""
    from samverka.steering.goals.models import Goal

    return (
        Goal.objects.restrict(user).result_goals().filter(space_id=plan.body.space_id, year=plan.year).order_by("code")
    )


@dataclass
class PerspectiveRow:
    body: str
    activity: str
    motivation: str


@dataclass
class PerspectiveSummary:
    perspective: str
    label: str
    addressed: list[PerspectiveRow] = field(default_factory=list)
    not_relevant: list[PerspectiveRow] = field(default_factory=list)
    not_assessed: int = 0


def plan_years(space: Space, user: User | AnonymousUser) -> list[int]:
    return sorted(
        set(WorkPlan.objects.restrict(user).filter(body__space=space).values_list("year", flat=True)), reverse=True
    )


def perspective_report(space: Space, user: User | AnonymousUser, year: int) -> tuple[list[PerspectiveSummary], int]:
    """Per perspective: the activities (of adopted or closed plans visible to ``user``) that address it
    and those where it is not relevant, with the motivations; and the number of activities.
    Draft plans are left out: the year-end report covers what was decided and carried out."""
    activities = (
        Activity.objects.restrict(user)
        .filter(work_plan__body__space=space, work_plan__year=year)
        .exclude(work_plan__status=WorkPlanStatus.DRAFT)
        .select_related("work_plan__body")
        .prefetch_related("perspectives")
        .order_by("work_plan__body__name", "position", "pk")
    )
    summaries = {value: PerspectiveSummary(value, str(label)) for value, label in Perspective.choices}
    count = 0
    for activity in activities:
        count += 1
        by_key = {a.perspective: a for a in activity.perspectives.all()}
        for value, summary in summaries.items():
            assessment = by_key.get(value)
            if assessment is None:
                summary.not_assessed += 1
                continue
            row = PerspectiveRow(activity.work_plan.body.name, activity.title, assessment.motivation)
            (summary.addressed if assessment.relevant else summary.not_relevant).append(row)
    return list(summaries.values()), count


def final_report_perspectives(space: Space, user: User | AnonymousUser, year: int) -> list[WorkPlan]:
    """The closed plans of ``space`` and ``year`` (visible to ``user``) whose final report describes
    how the horizontal perspectives worked out in practice, by body name."""
    return list(
        WorkPlan.objects.restrict(user)
        .filter(body__space=space, year=year, status=WorkPlanStatus.CLOSED)
        .exclude(final_perspectives="")
        .select_related("body")
        .only("pk", "year", "final_perspectives", "body__name", "body__space_id")
        .order_by("body__name")
    )

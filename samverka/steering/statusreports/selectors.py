"""Every read about status rounds: which rounds and reports a user sees, and the steering overview.

The overview reads a whole round in a fixed handful of queries (reports, activities, their statuses,
their result goals, feedback, the previous round's lights, the goals for the filter) and builds the
matrix in Python, so 30 groups × 300 activities costs the same number of queries as the demo.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from samverka.collaboration.bodies.permissions import body_seats
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal
from samverka.steering.statusreports.models import (
    ActivityStatus,
    Feedback,
    Light,
    ReportState,
    RoundState,
    StatusReport,
    StatusRound,
)
from samverka.steering.workplans.models import Activity

#: How good a light is, for the trend.
RANK = {Light.RED: 1, Light.YELLOW: 2, Light.GREEN: 3}


def rounds_for(space: Space) -> QuerySet[StatusRound]:
    return StatusRound.objects.filter(space=space).order_by("-opens_on", "-pk")


def reports_visible_to(user: User | AnonymousUser, space: Space) -> QuerySet[StatusReport]:
    """Every report of the space for its insiders and its steering group; for a body's leaders their own
    (``StatusReport.objects.restrict``, the rule the API uses too)."""
    return (
        StatusReport.objects.restrict(user).filter(round__space=space).select_related("round__space", "work_plan__body")
    )


def my_reports(user: User | AnonymousUser, space: Space) -> list[StatusReport]:
    """The reports of the bodies the user leads, newest round first."""
    leader = body_seats(user)["leader"]
    if not leader:
        return []
    return list(
        StatusReport.objects.filter(round__space=space, work_plan__body_id__in=leader)
        .select_related("round", "work_plan__body")
        .order_by("-round__opens_on", "work_plan__body__name")
    )


def round_reports(status_round: StatusRound) -> list[StatusReport]:
    return list(
        status_round.reports.select_related("work_plan__body", "submitted_by", "reviewed_by").order_by(
            "work_plan__body__name"
        )
    )


def previous_round(status_round: StatusRound) -> StatusRound | None:
    return (
        StatusRound.objects.filter(space_id=status_round.space_id)
        .filter(Q(opens_on__lt=status_round.opens_on) | Q(opens_on=status_round.opens_on, pk__lt=status_round.pk))
        .order_by("-opens_on", "-pk")
        .first()
    )


def report_rows(report: StatusReport) -> list[tuple[Activity, ActivityStatus | None]]:
    """The activities of the report's work plan in order, each with its status row (None when new)."""
    statuses = {s.activity_id: s for s in report.statuses.all()}
    activities = Activity.objects.filter(work_plan_id=report.work_plan_id).order_by("position", "pk")
    return [(a, statuses.get(a.pk)) for a in activities]


@dataclass
class Trend:
    before: str  # the light in the previous round, "" when none
    now: str

    @property
    def direction(self) -> str:
        if not self.before or not self.now:
            return ""
        diff = RANK[Light(self.now)] - RANK[Light(self.before)]
        return "better" if diff > 0 else "worse" if diff < 0 else "same"


@dataclass
class OverviewRow:
    activity_id: int
    title: str
    expected_result: str
    light_activity: str
    light_result: str
    comment_activity: str
    comment_result: str
    goal_codes: list[str]
    trend_activity: Trend
    trend_result: Trend


@dataclass
class OverviewGroup:
    report: StatusReport
    rows: list[OverviewRow] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)

    @property
    def body(self) -> Any:
        return self.report.work_plan.body

    def count(self, light: str) -> int:
        return sum(1 for r in self.rows for x in (r.light_activity, r.light_result) if x == light)

    @property
    def count_green(self) -> int:
        return self.count(Light.GREEN)

    @property
    def count_yellow(self) -> int:
        return self.count(Light.YELLOW)

    @property
    def count_red(self) -> int:
        return self.count(Light.RED)

    @property
    def count_none(self) -> int:
        return self.count("")


@dataclass
class Overview:
    status_round: StatusRound
    previous: StatusRound | None
    groups: list[OverviewGroup]
    goals: list[Goal]
    goal: Goal | None

    @property
    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys((*Light.values, ""), 0)
        for group in self.groups:
            for row in group.rows:
                totals[row.light_activity] += 1
                totals[row.light_result] += 1
        return totals


def overview(status_round: StatusRound, *, goal_id: int | None = None) -> Overview:
    """The steering overview of a round: groups × activities with both lights, the trend since the
    previous round, and the feedback; optionally only the activities serving one result goal."""
    reports = list(status_round.reports.select_related("work_plan__body").order_by("work_plan__body__name", "pk"))
    plan_ids = [r.work_plan_id for r in reports]
    goals = list(
        Goal.objects.filter(space_id=status_round.space_id, year=status_round.year).result_goals().order_by("code")
    )
    goal = next((g for g in goals if g.pk == goal_id), None)
    activities = Activity.objects.filter(work_plan_id__in=plan_ids).order_by("work_plan_id", "position", "pk")
    if goal is not None:
        activities = activities.filter(result_goals=goal)
    activity_rows = list(activities.values_list("pk", "work_plan_id", "title", "expected_result"))
    goal_codes: dict[int, list[str]] = {}
    links = Activity.result_goals.through.objects.filter(activity__work_plan_id__in=plan_ids)
    for activity_id, code in links.values_list("activity_id", "goal__code").order_by("goal__code"):
        goal_codes.setdefault(activity_id, []).append(code)
    statuses = {
        row[0]: row[1:]
        for row in ActivityStatus.objects.filter(report__round=status_round).values_list(
            "activity_id", "light_activity", "light_result", "comment_activity", "comment_result"
        )
    }
    previous = previous_round(status_round)
    before_by_id: dict[int, tuple[str, str]] = {}
    before_by_title: dict[tuple[int, str], tuple[str, str]] = {}
    if previous is not None:
        rows = ActivityStatus.objects.filter(report__round=previous).values_list(
            "activity_id", "report__work_plan__body_id", "activity__title", "light_activity", "light_result"
        )
        for activity_id, body_id, title, light_a, light_r in rows:
            before_by_id[activity_id] = (light_a, light_r)
            before_by_title[(body_id, title)] = (light_a, light_r)
    feedback: dict[int, list[Feedback]] = {}
    for item in Feedback.objects.filter(report__round=status_round).select_related("by").order_by("at", "pk"):
        feedback.setdefault(item.report_id, []).append(item)
    groups = {r.work_plan_id: OverviewGroup(report=r, feedback=feedback.get(r.pk, [])) for r in reports}
    empty = ("", "", "", "")
    for pk, plan_id, title, expected in activity_rows:
        group = groups[plan_id]
        light_a, light_r, comment_a, comment_r = statuses.get(pk, empty)
        before = before_by_id.get(pk) or before_by_title.get((group.report.work_plan.body_id, title)) or ("", "")
        group.rows.append(
            OverviewRow(
                activity_id=pk,
                title=title,
                expected_result=expected,
                light_activity=light_a,
                light_result=light_r,
                comment_activity=comment_a,
                comment_result=comment_r,
                goal_codes=goal_codes.get(pk, []),
                trend_activity=Trend(before[0], light_a),
                trend_result=Trend(before[1], light_r),
            )
        )
    shown = [g for g in groups.values() if g.rows or goal is None]
    return Overview(status_round=status_round, previous=previous, groups=shown, goals=goals, goal=goal)


def submitted_count(reports: list[StatusReport]) -> int:
    return sum(1 for r in reports if r.state != ReportState.DRAFT)


def reports_to_write(user: User | AnonymousUser, *, limit: int = 50) -> list[StatusReport]:
    """For "my page": draft reports of open rounds for the bodies the user leads, earliest deadline first."""
    leader = body_seats(user)["leader"]
    if not leader:
        return []
    return list(
        StatusReport.objects.filter(
            work_plan__body_id__in=leader, state=ReportState.DRAFT, round__state=RoundState.OPEN
        )
        .select_related("round__space", "work_plan__body")
        .order_by("round__deadline", "pk")[:limit]
    )


def late_reports(space_ids: list[int], today: Any, *, limit: int = 200) -> list[StatusReport]:
    """For the secretariat's "my page": draft reports of open rounds past their deadline in these spaces."""
    if not space_ids:
        return []
    return list(
        StatusReport.objects.filter(
            round__space_id__in=space_ids,
            state=ReportState.DRAFT,
            round__state=RoundState.OPEN,
            round__deadline__lt=today,
        )
        .select_related("round__space", "work_plan__body")
        .order_by("round__deadline", "work_plan__body__name")[:limit]
    )

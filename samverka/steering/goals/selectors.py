"""Every read about goals: the year's goal tree, a goal's history across years,
what changed since last year, and the public goal dashboard.

Lists run a fixed number of queries whatever the number of goals: metrics
come by prefetch, each with its latest measured value as a subquery.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.platform.accounts.models import User
from samverka.platform.core.richtext import to_plain
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal, GoalKind, GoalStatus, Metric, MetricValue


def metrics_with_latest() -> QuerySet[Metric]:
    """Metrics annotated with ``latest_value`` and ``latest_on`` (the newest measurement)."""
    newest = MetricValue.objects.filter(metric=OuterRef("pk")).order_by("-measured_on")
    return Metric.objects.annotate(
        latest_value=Subquery(newest.values("value")[:1]),
        latest_on=Subquery(newest.values("measured_on")[:1]),
    ).order_by("position", "pk")


def visible_goals(space: Space, user: User | AnonymousUser) -> QuerySet[Goal]:
    return Goal.objects.restrict(user).filter(space=space)


def goal_years(space: Space, user: User | AnonymousUser) -> list[int]:
    """The years for which ``user`` sees goals of ``space``, newest first."""
    return list(visible_goals(space, user).order_by("-year").values_list("year", flat=True).distinct())


def default_year(years: list[int]) -> int:
    """This year when it has goals, else the newest year with goals, else this year."""
    this_year = timezone.localdate().year
    if this_year in years or not years:
        return this_year
    return years[0]


@dataclass
class EffectGoalRow:
    goal: Goal
    result_goals: list[Goal] = field(default_factory=list)


def goal_tree(space: Space, user: User | AnonymousUser, year: int) -> tuple[list[EffectGoalRow], list[Goal]]:
    """The year's effect goals with their result goals nested (metrics prefetched with their latest value),
    and result goals whose effect goal the user does not see."""
    goals = list(
        visible_goals(space, user)
        .filter(year=year)
        .select_related("decision")
        .prefetch_related(Prefetch("metrics", queryset=metrics_with_latest()))
        .order_by("position", "code")
    )
    rows = {g.pk: EffectGoalRow(g) for g in goals if g.kind == GoalKind.EFFECT}
    orphans = []
    for goal in goals:
        if goal.kind == GoalKind.RESULT:
            row = rows.get(goal.parent_id) if goal.parent_id else None
            if row is None:
                orphans.append(goal)
            else:
                row.result_goals.append(goal)
    return list(rows.values()), orphans


def goal_detail_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Goal]:
    return visible_goals(space, user).select_related(
        "space", "parent", "previous", "decision", "decision__body", "decision__meeting"
    )


def goal_metrics(goal: Goal) -> list[Metric]:
    """The goal's metrics with their values in time order (``values_list``) and latest value."""
    return list(
        metrics_with_latest()
        .filter(goal=goal)
        .prefetch_related(Prefetch("values", queryset=MetricValue.objects.order_by("measured_on")))
    )


def goal_history(goal: Goal, user: User | AnonymousUser) -> list[Goal]:
    """Every version of the goal across years that ``user`` may see, oldest first."""
    return list(Goal.objects.restrict(user).filter(lineage=goal.lineage).order_by("year"))


def result_goals_of(goal: Goal, user: User | AnonymousUser) -> list[Goal]:
    return list(Goal.objects.restrict(user).filter(parent=goal).order_by("position", "code"))


# --- what changed since last year -------------------------------------------------


@dataclass
class Change:
    what: str
    before: str
    after: str


def _fmt(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}"
    return f"{text} {unit}".strip()


def goal_changes(goal: Goal, previous: Goal | None = None) -> list[Change]:
    """What differs between ``goal`` and last year's version (title, description, status,
    metrics and their targets). Empty when the goal is new this year."""
    previous = previous if previous is not None else goal.previous
    if previous is None:
        return []
    changes: list[Change] = []
    if previous.code != goal.code:
        changes.append(Change(_("Code"), previous.code, goal.code))
    if previous.title != goal.title:
        changes.append(Change(_("Title"), previous.title, goal.title))
    if to_plain(previous.description) != to_plain(goal.description):
        changes.append(Change(_("Description"), to_plain(previous.description), to_plain(goal.description)))
    if previous.status != goal.status:
        changes.append(Change(_("Status"), previous.get_status_display(), goal.get_status_display()))
    if previous.is_public != goal.is_public:
        yes_no = {True: _("Public"), False: _("Not public")}
        changes.append(Change(_("Publicity"), yes_no[previous.is_public], yes_no[goal.is_public]))
    before = {m.name: m for m in _metrics_of(previous)}
    after = {m.name: m for m in _metrics_of(goal)}
    for name, metric in after.items():
        old = before.get(name)
        if old is None:
            changes.append(Change(_("New metric"), "", f"{name} ({_('target')} {_fmt(metric.target, metric.unit)})"))
        elif old.target != metric.target:
            changes.append(
                Change(
                    _("Target of %(metric)s") % {"metric": name},
                    _fmt(old.target, old.unit),
                    _fmt(metric.target, metric.unit),
                )
            )
    for name in before.keys() - after.keys():
        changes.append(Change(_("Metric removed"), name, ""))
    return changes


def _metrics_of(goal: Goal) -> list[Metric]:
    cache = getattr(goal, "_prefetched_objects_cache", {})
    if "metrics" in cache:
        return list(cache["metrics"])
    return list(goal.metrics.all())


@dataclass
class YearChange:
    goal: Goal
    kind: str  # "new", "changed", "retired", "dropped"
    changes: list[Change] = field(default_factory=list)


def year_changes(space: Space, user: User | AnonymousUser, year: int) -> list[YearChange]:
    """Per goal of ``year``: new this year, changed (with what), or retired; and last year's goals
    that were not carried over. Unchanged goals are left out. A fixed number of queries."""
    goals = list(
        visible_goals(space, user)
        .filter(year__in=[year, year - 1])
        .select_related("decision__body")
        .prefetch_related("metrics")
        .order_by("position", "code")
    )
    this_year = [g for g in goals if g.year == year]
    last_year = {g.pk: g for g in goals if g.year == year - 1}
    carried = {g.lineage for g in this_year}
    result: list[YearChange] = []
    for goal in this_year:
        previous = last_year.get(goal.previous_id) if goal.previous_id else None
        if previous is None:
            result.append(YearChange(goal, "new"))
            continue
        changes = goal_changes(goal, previous)
        if goal.status == GoalStatus.RETIRED and previous.status != GoalStatus.RETIRED:
            result.append(YearChange(goal, "retired", changes))
        elif changes or goal.change_note:
            result.append(YearChange(goal, "changed", changes))
    for goal in last_year.values():
        if goal.lineage not in carried:
            result.append(YearChange(goal, "dropped"))
    return result


# --- public dashboard -------------------------------------------------------------


@dataclass
class PublicGoal:
    current: Goal
    versions: list[Goal]
    result_goals: list["PublicGoal"] = field(default_factory=list)


def public_dashboard(space: Space) -> list[PublicGoal]:
    """The goals ``space`` marks public, one entry per goal across years (the newest version with its
    status and latest measured values, then its history), result goals under their effect goal when
    it is public too. Three queries."""
    goals = list(
        Goal.objects.restrict(None)  # what a visitor may see: the public goals
        .filter(space=space)
        .prefetch_related(Prefetch("metrics", queryset=metrics_with_latest()))
        .order_by("year", "position", "code")
    )
    by_lineage: dict[Any, list[Goal]] = {}
    for goal in goals:
        by_lineage.setdefault(goal.lineage, []).append(goal)
    entries = [PublicGoal(current=versions[-1], versions=versions) for versions in by_lineage.values()]
    entries.sort(
        key=lambda e: (
            e.current.status == GoalStatus.RETIRED,
            -e.current.year,
            e.current.kind != GoalKind.EFFECT,
            e.current.position,
            e.current.code,
        )
    )
    effects = {e.current.pk: e for e in entries if e.current.kind == GoalKind.EFFECT}
    top: list[PublicGoal] = []
    for entry in entries:
        parent = effects.get(entry.current.parent_id) if entry.current.parent_id else None
        if parent is not None:
            parent.result_goals.append(entry)
        else:
            top.append(entry)
    return top


# --- chart ------------------------------------------------------------------------


@dataclass
class Chart:
    width: int
    height: int
    points: str
    dots: list[tuple[float, float, str]]
    target_y: float | None
    y_min: str
    y_max: str
    first_label: str
    last_label: str


CHART_W, CHART_H, PAD = 480, 200, 40


def metric_chart(metric: Metric, values: list[MetricValue]) -> Chart | None:
    """Coordinates of a small line chart of ``values`` (two or more), with the target as a line."""
    if len(values) < 2:
        return None
    numbers = [v.value for v in values]
    low = min([*numbers, *([metric.target] if metric.target is not None else [])])
    high = max([*numbers, *([metric.target] if metric.target is not None else [])])
    span = (high - low) or Decimal(1)
    first, last = values[0].measured_on.toordinal(), values[-1].measured_on.toordinal()
    days = (last - first) or 1
    inner_w, inner_h = CHART_W - 2 * PAD, CHART_H - 2 * PAD

    def y_of(value: Decimal) -> float:
        return round(PAD + inner_h - float((value - low) / span) * inner_h, 1)

    dots = [
        (round(PAD + (v.measured_on.toordinal() - first) / days * inner_w, 1), y_of(v.value), _fmt(v.value))
        for v in values
    ]
    return Chart(
        width=CHART_W,
        height=CHART_H,
        points=" ".join(f"{x},{y}" for x, y, _label in dots),
        dots=dots,
        target_y=y_of(metric.target) if metric.target is not None else None,
        y_min=_fmt(low),
        y_max=_fmt(high),
        first_label=values[0].measured_on.isoformat(),
        last_label=values[-1].measured_on.isoformat(),
    )

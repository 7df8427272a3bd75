"""Every write about goals, metrics and measured values.

Each function is one transaction: when it refuses (PermissionDenied or
ValidationError) nothing has been written. ``actor=None`` means the system
(demo loader, management commands) and skips the permission check.

Decisions recorded here:

* A result goal belongs to an effect goal of the same space and year.
* A goal that work plans point to (an Activity's result goals), that inputs
  are linked to, that has result goals under it or a later year's version,
  cannot be deleted; it is retired instead, so plans and history keep their link.
* The yearly revision copies the active goals of a year, with their metrics
  (not the measured values), to a later year: the copy keeps the lineage and
  points to last year's version in ``previous``. What is changed afterwards
  in the new year is recorded in the audit log and shown as "changes since
  last year".
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.meetings.models import Decision
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal, GoalKind, GoalStatus, Metric, MetricValue, parent_errors


@dataclass(frozen=True, kw_only=True)
class GoalData(ServiceData):
    """A goal's fields that goal_create/goal_update accept (retiring has its own service)."""

    kind: str | Unset = UNSET
    parent: Goal | None | Unset = UNSET
    code: str | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    is_public: bool | Unset = UNSET
    decision: Decision | None | Unset = UNSET
    change_note: str | Unset = UNSET
    position: int | Unset = UNSET
    assessment: str | Unset = UNSET
    assessment_note: str | Unset = UNSET
    assessed_on: date | None | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class MetricData(ServiceData):
    """A metric's fields that metric_add/metric_update accept."""

    name: str | Unset = UNSET
    unit: str | Unset = UNSET
    baseline: Decimal | None | Unset = UNSET
    target: Decimal | None | Unset = UNSET
    position: int | Unset = UNSET


def _date_the_assessment(goal: Goal, *, changed: bool) -> None:
    """An assessment carries the day it was made: today when it is given or changed (unless a day was
    given with it); no assessment, no day."""
    if not goal.assessment:
        goal.assessed_on = None
    elif changed or goal.assessed_on is None:
        goal.assessed_on = timezone.localdate()


def _full_clean(obj: Any, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)


def _check_decision(decision: Any, space: Space) -> None:
    if decision is not None and decision.body.space_id != space.pk:
        raise ValidationError({"decision": _("The decision must be taken in the same space.")})


def _check_code_free(goal: Goal) -> None:
    taken = Goal.objects.filter(space_id=goal.space_id, year=goal.year, code=goal.code).exclude(pk=goal.pk)
    if taken.exists():
        raise ValidationError({"code": _("The code %(code)s is already used this year.") % {"code": goal.code}})


# --- goals -----------------------------------------------------------------------


@transaction.atomic
def goal_create(*, space: Space, actor: User | None, year: int, data: GoalData) -> Goal:
    """Create an effect or result goal of ``space`` for ``year``."""
    ensure(actor is None or actor.has_perm("goals.add_goal", space))
    goal = Goal(space=space, year=year)
    for field, value in data.given().items():
        setattr(goal, field, value)
    if goal.kind == GoalKind.EFFECT:
        goal.parent = None
    if goal.assessed_on is None:
        _date_the_assessment(goal, changed=True)
    errors = parent_errors(goal)
    if errors:
        raise ValidationError(errors)
    _check_decision(goal.decision, space)
    _check_code_free(goal)
    _full_clean(goal, exclude=["lineage"])
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, actor: User | None, data: GoalData) -> Goal:
    """Change a goal's text, code, parent, publicity or decision. The kind of a goal with
    result goals under it cannot become "result"."""
    ensure(actor is None or actor.has_perm("goals.change_goal", goal))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    before = (goal.assessment, goal.assessment_note)
    for field, value in data.given().items():
        setattr(goal, field, value)
    if not isinstance(data.assessed_on, date):
        _date_the_assessment(goal, changed=(goal.assessment, goal.assessment_note) != before)
    if goal.kind == GoalKind.EFFECT:
        goal.parent = None
    elif goal.result_goals_set.exists():
        raise ValidationError({"kind": _("A goal with result goals under it must stay an effect goal.")})
    errors = parent_errors(goal)
    if errors:
        raise ValidationError(errors)
    _check_decision(goal.decision, goal.space)
    _check_code_free(goal)
    _full_clean(goal)
    goal.save()
    return goal


def _linked(app_label: str, model_name: str, field: str, goal: Goal) -> bool:
    """Whether a row of another app links to ``goal`` through ``field`` (read lazily: no import cycle)."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    if field not in {f.name for f in model._meta.get_fields()}:
        return False
    return bool(model._default_manager.filter(**{field: goal}).exists())


def goal_is_referenced(goal: Goal) -> bool:
    """Whether a work plan's activity points to ``goal``."""
    return _linked("workplans", "Activity", "result_goals", goal)


def goal_delete_blockers(goal: Goal) -> list[str]:
    """Why ``goal`` cannot be deleted (empty when it can)."""
    reasons = []
    if goal_is_referenced(goal):
        reasons.append(_("Work plan activities point to this goal."))
    if _linked("inputs", "Input", "goals", goal):
        reasons.append(_("Inputs are linked to this goal."))
    if goal.result_goals_set.exists():
        reasons.append(_("Result goals belong to this goal."))
    if goal.next_versions.exists():
        reasons.append(_("A later year's version of this goal exists."))
    return reasons


def goal_can_be_deleted(goal: Goal) -> bool:
    return not goal_delete_blockers(goal)


@transaction.atomic
def goal_delete(*, goal: Goal, actor: User | None) -> None:
    """Delete a goal nothing points to; otherwise refuse (retire it instead)."""
    ensure(actor is None or actor.has_perm("goals.change_goal", goal))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    blockers = goal_delete_blockers(goal)
    if blockers:
        raise ValidationError(
            [*blockers, _("Retire the goal instead: it stays in the history and in the plans that use it.")]
        )
    goal.delete()


@transaction.atomic
def goal_retire(*, goal: Goal, actor: User | None, reason: str = "") -> Goal:
    """Retire a goal: it stays with its history and links but is no longer pursued or copied to next year."""
    ensure(actor is None or actor.has_perm("goals.change_goal", goal))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status == GoalStatus.RETIRED:
        raise ValidationError(_("The goal is already retired."))
    goal.status = GoalStatus.RETIRED
    goal.retired_reason = reason.strip()
    goal.save(update_fields=["status", "retired_reason", "updated_at"])
    return goal


@transaction.atomic
def goal_reactivate(*, goal: Goal, actor: User | None) -> Goal:
    """Take a retired goal up again."""
    ensure(actor is None or actor.has_perm("goals.change_goal", goal))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status != GoalStatus.RETIRED:
        raise ValidationError(_("The goal is not retired."))
    goal.status = GoalStatus.ACTIVE
    goal.save(update_fields=["status", "updated_at"])
    return goal


# --- metrics ---------------------------------------------------------------------


@transaction.atomic
def metric_add(*, goal: Goal, actor: User | None, data: MetricData) -> Metric:
    ensure(actor is None or actor.has_perm("goals.change_goal", goal))
    metric = Metric(goal=goal)
    for field, value in data.given().items():
        setattr(metric, field, value)
    _full_clean(metric)
    metric.save()
    return metric


@transaction.atomic
def metric_update(*, metric: Metric, actor: User | None, data: MetricData) -> Metric:
    ensure(actor is None or actor.has_perm("goals.change_goal", metric.goal))
    for field, value in data.given().items():
        setattr(metric, field, value)
    _full_clean(metric)
    metric.save()
    return metric


@transaction.atomic
def metric_value_record(
    *, metric: Metric, actor: User | None, measured_on: date, value: Decimal, note: str = ""
) -> MetricValue:
    """Record the value measured on a day (a second value for the same day replaces the first)."""
    ensure(actor is None or actor.has_perm("goals.record_metric_value", metric.goal))
    if measured_on is None or value is None:
        raise ValidationError(_("Give both the day of the measurement and the value."))
    entry = MetricValue.objects.filter(metric=metric, measured_on=measured_on).first()
    if entry is None:
        entry = MetricValue(metric=metric, measured_on=measured_on)
    entry.value = value
    entry.note = note.strip()
    _full_clean(entry)
    entry.save()
    return entry


# --- the yearly revision ---------------------------------------------------------


@transaction.atomic
def goals_revise_year(
    *, actor: User | None, space: Space, from_year: int, to_year: int, decision: Any = None
) -> list[Goal]:
    """Copy the active goals of ``from_year`` (with their metrics) to ``to_year``, keeping the lineage.

    Goals already carried over to ``to_year`` are left alone, so the revision can be run
    again after a goal was added to the earlier year. Returns the new goals.
    """
    ensure(actor is None or actor.has_perm("goals.revise_goals", space))
    if to_year <= from_year:
        raise ValidationError({"to_year": _("The new year must come after the year revised.")})
    _check_decision(decision, space)
    source = list(
        Goal.objects.select_for_update()
        .filter(space=space, year=from_year, status=GoalStatus.ACTIVE)
        .order_by("kind", "position", "code")
    )
    if not source:
        raise ValidationError(
            {"from_year": _("There are no active goals in %(year)s to revise.") % {"year": from_year}}
        )
    existing = Goal.objects.filter(space=space, year=to_year)
    carried = {g.lineage: g for g in existing}
    taken_codes = {g.code for g in existing}
    metrics_by_goal: dict[int, list[Metric]] = {}
    for metric in Metric.objects.filter(goal__in=source).order_by("position", "pk"):
        metrics_by_goal.setdefault(metric.goal_id, []).append(metric)

    copies: dict[int, Goal] = {}
    created: list[Goal] = []
    # Effect goals first, so result goals can point to their copies.
    for goal in sorted(source, key=lambda g: g.kind != GoalKind.EFFECT):
        if goal.lineage in carried:
            copies[goal.pk] = carried[goal.lineage]
            continue
        if goal.code in taken_codes:
            raise ValidationError(
                _("%(year)s already has a goal with the code %(code)s.") % {"year": to_year, "code": goal.code}
            )
        parent = None
        if goal.kind == GoalKind.RESULT:
            parent = copies.get(goal.parent_id) if goal.parent_id else None
            if parent is None:
                continue  # its effect goal was retired: the result goal is not carried over on its own
        copy = Goal.objects.create(
            space=space,
            year=to_year,
            kind=goal.kind,
            parent=parent,
            code=goal.code,
            title=goal.title,
            description=goal.description,
            is_public=goal.is_public,
            status=GoalStatus.ACTIVE,
            lineage=goal.lineage,
            previous=goal,
            decision=decision,
            position=goal.position,
        )
        Metric.objects.bulk_create(
            [
                Metric(
                    goal=copy,
                    name=m.name,
                    unit=m.unit,
                    baseline=m.baseline,
                    target=m.target,
                    position=m.position,
                )
                for m in metrics_by_goal.get(goal.pk, [])
            ]
        )
        copies[goal.pk] = copy
        taken_codes.add(copy.code)
        created.append(copy)
    if not created:
        raise ValidationError(_("The goals of %(year)s have already been revised.") % {"year": from_year})
    return created

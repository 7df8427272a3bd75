"""Every write about work plans, their activities and perspective assessments.

Each function is one transaction; when it refuses (PermissionDenied or
ValidationError) nothing has been written. ``actor=None`` means the system
(demo loader) and skips the permission check.

Decisions recorded here:

* A plan goes draft → adopted → closed. Adopting needs at least one activity and,
  for every activity, an assessment of each of the four horizontal perspectives
  (a motivation, or "not relevant" with a reason) and — when the space has result goals
  for the plan's year — a link to at least one of them; the refusal names exactly which
  activities lack which perspectives or a goal.
* Closing (the closing routine) needs a final report (what was done and the results
  against the expected results) and, for every activity, what was done in it; the
  refusal names exactly what is missing. A closed plan is read-only: every write below
  refuses it. Closing the body itself stays with bodies.services.body_close.
* An activity's responsible person (responsible_contact) must sit in the plan's body.
* In an adopted plan every activity keeps all four assessments: activity_set_perspectives
  refuses to leave one out (the activity pages always save the assessments with the activity).
* An activity a status report refers to cannot be removed (the report would lose it).
* An activity's result goals must be result goals of the body's space and the plan's year.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.bodies.models import Body, Membership
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.steering.workplans.models import Activity, Perspective, PerspectiveAssessment, WorkPlan, WorkPlanStatus

#: The years a work plan may be made for.
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True, kw_only=True)
class AssignmentData(ServiceData):
    """A plan's assignment description: what work_plan_create accepts (and work_plan_copy carries over)."""

    purpose: str | Unset = UNSET
    goals_text: str | Unset = UNSET
    expected_results: str | Unset = UNSET
    regional_rationale: str | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class WorkPlanData(ServiceData):
    """What work_plan_update accepts: the assignment description and the final report."""

    purpose: str | Unset = UNSET
    goals_text: str | Unset = UNSET
    expected_results: str | Unset = UNSET
    regional_rationale: str | Unset = UNSET
    final_summary: str | Unset = UNSET
    final_results: str | Unset = UNSET
    final_perspectives: str | Unset = UNSET
    final_lessons: str | Unset = UNSET


#: The fields of the final report (closing reads them afresh).
FINAL_REPORT_FIELDS = ("final_summary", "final_results", "final_perspectives", "final_lessons")


@dataclass(frozen=True, kw_only=True)
class ActivityData(ServiceData):
    """An activity's fields that activity_add/activity_update accept (result goals have their own service)."""

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    starts: date | None | Unset = UNSET
    ends: date | None | Unset = UNSET
    responsible: str | Unset = UNSET
    responsible_contact: Contact | None | Unset = UNSET
    expected_result: str | Unset = UNSET
    outcome: str | Unset = UNSET


def _may_change(actor: User | None, obj: Any) -> None:
    ensure(actor is None or actor.has_perm("workplans.change_workplan", obj))


def _check_open(plan: WorkPlan) -> None:
    if plan.status == WorkPlanStatus.CLOSED:
        raise ValidationError(_("The work plan is closed and can no longer be changed."))


def _lock(plan: WorkPlan) -> WorkPlan:
    """The plan row locked for this transaction (its status read fresh)."""
    locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    plan.status = locked.status
    return plan


# --- work plans --------------------------------------------------------------------


@transaction.atomic
def work_plan_create(*, body: Body, actor: User | None, year: int, data: AssignmentData = AssignmentData()) -> WorkPlan:
    """A new draft work plan of ``body`` for ``year`` (one plan per body and year)."""
    _may_change(actor, body)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Give a year from %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}})
    if WorkPlan.objects.filter(body=body, year=year).exists():
        raise ValidationError(
            {"year": _("%(body)s already has a work plan for %(year)s.") % {"body": body.name, "year": year}}
        )
    plan = WorkPlan(body=body, year=year, **data.given())
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def work_plan_update(*, plan: WorkPlan, actor: User | None, data: WorkPlanData) -> WorkPlan:
    """Change the assignment description and/or the final report of an open plan."""
    _may_change(actor, plan)
    _check_open(_lock(plan))
    for field, value in data.given().items():
        setattr(plan, field, value)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def work_plan_copy(*, plan: WorkPlan, actor: User | None, year: int) -> WorkPlan:
    """Start ``year``'s plan of the same body from ``plan``: a new draft with the assignment text and
    the activities (without dates and outcomes) and their perspective assessments. Result goals carry
    over to the same goal's version of ``year`` (same lineage) where the goal was revised into it."""
    from samverka.steering.goals.models import Goal

    _may_change(actor, plan)
    data = AssignmentData(**{field.name: getattr(plan, field.name) for field in dataclasses.fields(AssignmentData)})
    copy = work_plan_create(body=plan.body, actor=actor, year=year, data=data)
    sources = list(plan.activities.prefetch_related("perspectives", "result_goals").order_by("position", "pk"))
    lineages = {goal.lineage for activity in sources for goal in activity.result_goals.all()}
    successors = {
        goal.lineage: goal
        for goal in Goal.objects.result_goals().filter(space_id=plan.body.space_id, year=year, lineage__in=lineages)
    }
    for position, source in enumerate(sources):
        activity = Activity.objects.create(
            work_plan=copy,
            position=position,
            title=source.title,
            description=source.description,
            responsible=source.responsible,
            responsible_contact=source.responsible_contact,
            expected_result=source.expected_result,
        )
        for assessment in source.perspectives.all():  # one by one, so the audit log records each
            PerspectiveAssessment.objects.create(
                activity=activity,
                perspective=assessment.perspective,
                relevant=assessment.relevant,
                motivation=assessment.motivation,
            )
        goals = [successors[g.lineage] for g in source.result_goals.all() if g.lineage in successors]
        activity.result_goals.set(goals)
    return copy


def missing_perspectives(plan: WorkPlan) -> list[tuple[Activity, list[str]]]:
    """Activities of ``plan`` lacking an assessment, each with the labels of the missing perspectives."""
    missing = []
    activities = plan.activities.prefetch_related("perspectives").order_by("position", "pk")
    for activity in activities:
        done = {assessment.perspective for assessment in activity.perspectives.all()}
        lacking = [str(label) for value, label in Perspective.choices if value not in done]
        if lacking:
            missing.append((activity, lacking))
    return missing


def missing_goals(plan: WorkPlan) -> list[Activity]:
    """Activities of ``plan`` linked to no result goal, when the space has result goals for the plan's
    year (without any, there is nothing to link to yet and adoption does not wait for them)."""
    from samverka.steering.goals.models import Goal

    if not Goal.objects.result_goals().filter(space_id=plan.body.space_id, year=plan.year).exists():
        return []
    return list(plan.activities.filter(result_goals__isnull=True).order_by("position", "pk"))


@transaction.atomic
def work_plan_adopt(*, plan: WorkPlan, actor: User | None, on: date | None = None) -> WorkPlan:
    """Adopt a draft plan: every activity must have all four perspectives assessed."""
    _may_change(actor, plan)
    _lock(plan)
    if plan.status != WorkPlanStatus.DRAFT:
        raise ValidationError(_("Only a draft work plan can be adopted."))
    if not plan.activities.exists():
        raise ValidationError(_("A work plan needs at least one activity before it can be adopted."))
    problems = []
    missing = missing_perspectives(plan)
    if missing:
        problems.append(_("Every activity must be assessed against the four horizontal perspectives before adoption."))
        problems += [
            _("“%(activity)s” lacks: %(perspectives)s.")
            % {"activity": activity.title, "perspectives": ", ".join(labels)}
            for activity, labels in missing
        ]
    problems += [
        _("“%(activity)s” is not linked to a result goal.") % {"activity": activity.title}
        for activity in missing_goals(plan)
    ]
    if problems:
        raise ValidationError(problems)
    plan.status = WorkPlanStatus.ADOPTED
    plan.adopted_at = on or timezone.localdate()
    plan.adopted_by = actor if actor is not None and actor.is_authenticated else None
    plan.save(update_fields=["status", "adopted_at", "adopted_by", "updated_at"])
    return plan


def missing_outcomes(plan: WorkPlan) -> list[Activity]:
    """Activities of ``plan`` whose outcome (what was done) is not written yet."""
    return [a for a in plan.activities.order_by("position", "pk") if not a.outcome.strip()]


@transaction.atomic
def work_plan_close(*, plan: WorkPlan, actor: User | None, on: date | None = None) -> WorkPlan:
    """Close an adopted plan. It needs a final report; afterwards the plan is read-only."""
    _may_change(actor, plan)
    _lock(plan)
    _check_open(plan)
    if plan.status != WorkPlanStatus.ADOPTED:
        raise ValidationError(_("Only an adopted work plan can be closed."))
    plan.refresh_from_db(fields=sorted(FINAL_REPORT_FIELDS))
    problems = []
    if not plan.has_final_report:
        problems.append(
            _("Write the final report (what was done and the results against the expected results) before closing.")
        )
    problems += [
        _("Describe what was done in “%(activity)s”.") % {"activity": activity.title}
        for activity in missing_outcomes(plan)
    ]
    if problems:
        raise ValidationError(problems)
    plan.status = WorkPlanStatus.CLOSED
    plan.closed_at = on or timezone.localdate()
    plan.closed_by = actor if actor is not None and actor.is_authenticated else None
    plan.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    return plan


# --- activities --------------------------------------------------------------------


def _check_period(starts: date | None, ends: date | None) -> None:
    if starts and ends and ends < starts:
        raise ValidationError({"ends": _("The activity cannot end before it starts.")})


def _check_responsible(activity: Activity, plan: WorkPlan) -> None:
    """The responsible person, when named, must sit (or have sat) in the plan's body."""
    contact_id = activity.responsible_contact_id
    if contact_id is not None and not Membership.objects.filter(body_id=plan.body_id, contact_id=contact_id).exists():
        raise ValidationError(
            {"responsible_contact": _("The responsible person must be a member of %(body)s.") % {"body": plan.body}}
        )


@transaction.atomic
def activity_add(*, plan: WorkPlan, actor: User | None, data: ActivityData) -> Activity:
    """Add an activity at the end of ``plan``."""
    _may_change(actor, plan)
    _check_open(_lock(plan))
    last = plan.activities.aggregate(last=Max("position"))["last"]
    activity = Activity(work_plan=plan, position=0 if last is None else last + 1, **data.given())
    _check_period(activity.starts, activity.ends)
    _check_responsible(activity, plan)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor: User | None, data: ActivityData) -> Activity:
    _may_change(actor, activity)
    plan = _lock(activity.work_plan)
    _check_open(plan)
    for field, value in data.given().items():
        setattr(activity, field, value)
    _check_period(activity.starts, activity.ends)
    _check_responsible(activity, plan)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_move(*, activity: Activity, actor: User | None, direction: str) -> Activity:
    """Swap ``activity`` with its neighbour above (``"up"``) or below (``"down"``); no-op at an end."""
    _may_change(actor, activity)
    if direction not in ("up", "down"):
        raise ValidationError(_("Unknown direction."))
    plan = _lock(activity.work_plan)
    _check_open(plan)
    ordered = list(plan.activities.order_by("position", "pk"))
    # Renumber first, so equal positions cannot make a swap a no-op.
    index = next(i for i, item in enumerate(ordered) if item.pk == activity.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            Activity.objects.filter(pk=item.pk).update(position=position)
        if item.pk == activity.pk:
            activity.position = position
    return activity


def _status_reports_of(activity: Activity) -> bool:
    """Whether a status report refers to ``activity`` (False when the statusreports app has no such model)."""
    try:
        model = apps.get_model("statusreports", "ActivityStatus")
    except LookupError:
        return False
    return bool(model.objects.filter(activity=activity).exists())


@transaction.atomic
def activity_remove(*, activity: Activity, actor: User | None) -> None:
    _may_change(actor, activity)
    _check_open(_lock(activity.work_plan))
    if _status_reports_of(activity):
        raise ValidationError(
            _("“%(activity)s” is referred to by a status report and cannot be removed.") % {"activity": activity.title}
        )
    activity.delete()


@transaction.atomic
def activity_set_result_goals(*, activity: Activity, actor: User | None, goals: Any) -> Activity:
    """Link ``activity`` to ``goals``: result goals of the body's space and the plan's year only."""
    from samverka.steering.goals.models import GoalKind

    _may_change(actor, activity)
    plan = _lock(activity.work_plan)
    _check_open(plan)
    goals = list(goals)
    space_id, year = plan.body.space_id, plan.year
    wrong = [goal for goal in goals if goal.space_id != space_id or goal.year != year or goal.kind != GoalKind.RESULT]
    if wrong:
        raise ValidationError(
            {
                "result_goals": _("Only result goals of this space for %(year)s can be linked; not: %(goals)s.")
                % {"year": year, "goals": ", ".join(f"{goal.code} {goal.title} ({goal.year})" for goal in wrong)}
            }
        )
    activity.result_goals.set(goals)
    return activity


@transaction.atomic
def activity_set_perspectives(
    *, activity: Activity, actor: User | None, assessments: dict[str, tuple[bool, str] | None]
) -> Activity:
    """Set the assessment of each perspective named in ``assessments``.

    The value is ``(relevant, motivation)``: a motivation is needed either way (how the
    activity addresses the perspective, or why it is not relevant); ``None`` removes the assessment.
    """
    _may_change(actor, activity)
    plan = _lock(activity.work_plan)
    _check_open(plan)
    unknown = sorted(set(assessments) - set(Perspective.values))
    if unknown:
        raise ValidationError(_("Unknown perspective(s): %(names)s.") % {"names": ", ".join(unknown)})
    errors: dict[str, str] = {}
    if plan.status == WorkPlanStatus.ADOPTED:
        have = set(PerspectiveAssessment.objects.filter(activity=activity).values_list("perspective", flat=True))
        have |= {key for key, value in assessments.items() if value is not None}
        have -= {key for key, value in assessments.items() if value is None}
        for perspective in Perspective.values:
            if perspective not in have:
                errors[f"{perspective}_relevant"] = _(
                    "The work plan is adopted: assess %(perspective)s (addressed, or not relevant with a reason)."
                ) % {"perspective": Perspective(perspective).label}
    for perspective, value in assessments.items():
        if value is not None and not value[1].strip():
            label = Perspective(perspective).label
            errors[f"{perspective}_motivation"] = (
                _("Describe how the activity addresses %(perspective)s.") % {"perspective": label}
                if value[0]
                else _("Give the reason why %(perspective)s is not relevant.") % {"perspective": label}
            )
    if errors:
        raise ValidationError(errors)
    for perspective, value in assessments.items():
        if value is None:
            PerspectiveAssessment.objects.filter(activity=activity, perspective=perspective).delete()
        else:
            PerspectiveAssessment.objects.update_or_create(
                activity=activity,
                perspective=perspective,
                defaults={"relevant": value[0], "motivation": value[1].strip()},
            )
    return activity

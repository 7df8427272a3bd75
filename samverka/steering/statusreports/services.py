"""Every write about status rounds and reports.

Life of a report: ``draft`` (the group's leaders save it) → ``submitted`` (every activity and expected
result has a light) → ``reviewed`` (the secretariat). Editing after submission needs ``report_reopen``
with a reason, which is logged. A round is ``open`` → ``closed`` → ``approved``; an approved round
changes only through ``report_correct``, with a reason, logged with the values before and after.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import BODY_LEADING_ROLES, BodyKind, Membership
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.platform.spaces.models import Space
from samverka.steering.statusreports.models import (
    ActivityStatus,
    EventKind,
    Feedback,
    Light,
    ReportEvent,
    ReportState,
    RoundState,
    StatusReport,
    StatusRound,
)
from samverka.steering.workplans.models import Activity, WorkPlan, WorkPlanStatus

#: Bodies that report status.
REPORTING_KINDS = (BodyKind.WORKING_GROUP, BodyKind.PROJECT)
#: The reminder before the deadline goes out this many days ahead.
REMINDER_DAYS_BEFORE = 7
LIGHTS = frozenset(Light.values)


@dataclass(frozen=True)
class StatusInput:
    """What a form says about one activity."""

    light_activity: str = ""
    light_result: str = ""
    comment_activity: str = ""
    comment_result: str = ""


def _check_light(value: str) -> str:
    if value and value not in LIGHTS:
        raise ValidationError(_("Choose green, yellow or red."))
    return value


def _sync_statuses(report: StatusReport) -> None:
    """One status row for every activity of the work plan (activities added after the round opened too)."""
    have = set(report.statuses.values_list("activity_id", flat=True))
    missing = [
        ActivityStatus(report=report, activity_id=pk)
        for pk in Activity.objects.filter(work_plan_id=report.work_plan_id).values_list("pk", flat=True)
        if pk not in have
    ]
    ActivityStatus.objects.bulk_create(missing)


@transaction.atomic
def round_open(
    *, actor: User | None, space: Space, name: str, year: int, opens_on: date, deadline: date
) -> StatusRound:
    """Open a round and a draft report for every adopted work plan of the space's working groups and projects."""
    ensure(actor is None or actor.has_perm("statusreports.manage_rounds", space))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the round a name.")})
    if deadline < opens_on:
        raise ValidationError({"deadline": _("The deadline cannot be before the round opens.")})
    if StatusRound.objects.filter(space=space, name=name).exists():
        raise ValidationError({"name": _("There is already a round with this name.")})
    status_round = StatusRound.objects.create(
        space=space, name=name, year=year, opens_on=opens_on, deadline=deadline, created_by=actor
    )
    plans = WorkPlan.objects.filter(
        body__space=space, body__kind__in=REPORTING_KINDS, year=year, status=WorkPlanStatus.ADOPTED
    ).values_list("pk", flat=True)
    reports = StatusReport.objects.bulk_create([StatusReport(round=status_round, work_plan_id=pk) for pk in plans])
    by_plan = {r.work_plan_id: r for r in reports}
    rows = [
        ActivityStatus(report=by_plan[plan_id], activity_id=pk)
        for pk, plan_id in Activity.objects.filter(work_plan_id__in=by_plan).values_list("pk", "work_plan_id")
    ]
    ActivityStatus.objects.bulk_create(rows, batch_size=1000)
    return status_round


def _editable(report: StatusReport) -> None:
    if report.round.state != RoundState.OPEN:
        raise ValidationError(_("The round is closed; the report can no longer be changed."))
    if report.state != ReportState.DRAFT:
        raise ValidationError(_("The report has been submitted. Reopen it to make changes."))


@transaction.atomic
def report_save(
    *, actor: User | None, report: StatusReport, statuses: Mapping[int, StatusInput], description: str | None = None
) -> StatusReport:
    """Save a draft: lights and comments per activity (keyed by activity id) and the deeper description."""
    ensure(actor is None or actor.has_perm("statusreports.change_status_report", report))
    report = StatusReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    _editable(report)
    _sync_statuses(report)
    rows = {s.activity_id: s for s in report.statuses.all()}
    changed = []
    for activity_id, data in statuses.items():
        row = rows.get(activity_id)
        if row is None:
            raise ValidationError(_("The activity does not belong to this work plan."))
        row.light_activity = _check_light(data.light_activity)
        row.light_result = _check_light(data.light_result)
        row.comment_activity = data.comment_activity.strip()
        row.comment_result = data.comment_result.strip()
        changed.append(row)
    ActivityStatus.objects.bulk_update(
        changed, ["light_activity", "light_result", "comment_activity", "comment_result"], batch_size=500
    )
    if description is not None:
        report.description = description
        report.save(update_fields=["description", "updated_at"])
    return report


def missing_lights(report: StatusReport) -> list[str]:
    """One line per activity lacking a light: which activity, and whether the activity or its result."""
    lines = []
    rows = report.statuses.select_related("activity").order_by("activity__position", "activity_id")
    for row in rows:
        lacks = []
        if not row.light_activity:
            lacks.append(_("the activity"))
        if not row.light_result:
            lacks.append(_("the expected result"))
        if lacks:
            lines.append(
                _("%(activity)s: no light for %(what)s")
                % {"activity": row.activity.title, "what": _(" and ").join(lacks)}
            )
    return lines


@transaction.atomic
def report_submit(*, actor: User | None, report: StatusReport) -> StatusReport:
    """Submit a draft; refused, naming every activity and expected result without a light."""
    ensure(actor is None or actor.has_perm("statusreports.change_status_report", report))
    report = StatusReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    _editable(report)
    _sync_statuses(report)
    missing = missing_lights(report)
    if missing:
        raise ValidationError(
            [_("The report cannot be submitted. Lights are missing for:")] + missing, code="missing_lights"
        )
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
    ReportEvent.objects.create(report=report, kind=EventKind.SUBMIT, by=actor)
    return report


@transaction.atomic
def report_reopen(*, actor: User | None, report: StatusReport, reason: str) -> StatusReport:
    """Back to draft so the group can change it; needs a reason and is logged."""
    ensure(actor is None or actor.has_perm("statusreports.reopen_status_report", report))
    report = StatusReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the report is reopened.")})
    if report.round.state != RoundState.OPEN:
        raise ValidationError(_("The round is closed; an approved report changes only through a correction."))
    if report.state == ReportState.DRAFT:
        raise ValidationError(_("The report is already a draft."))
    ReportEvent.objects.create(
        report=report, kind=EventKind.REOPEN, reason=reason.strip(), by=actor, details={"from": report.state}
    )
    report.state = ReportState.DRAFT
    report.reopened_count += 1
    report.reviewed_at = None
    report.reviewed_by = None
    report.save(update_fields=["state", "reopened_count", "reviewed_at", "reviewed_by", "updated_at"])
    return report


@transaction.atomic
def report_review(*, actor: User | None, report: StatusReport) -> StatusReport:
    """The secretariat marks a submitted report reviewed."""
    ensure(actor is None or actor.has_perm("statusreports.review_status_report", report))
    report = StatusReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    if report.round.state == RoundState.APPROVED:
        raise ValidationError(_("The round is approved and can no longer change."))
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    report.state = ReportState.REVIEWED
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save(update_fields=["state", "reviewed_at", "reviewed_by", "updated_at"])
    ReportEvent.objects.create(report=report, kind=EventKind.REVIEW, by=actor)
    return report


@transaction.atomic
def round_close(*, actor: User | None, status_round: StatusRound) -> StatusRound:
    """No more changes by the groups; the secretariat can still review."""
    ensure(actor is None or actor.has_perm("statusreports.manage_rounds", status_round))
    status_round = StatusRound.objects.select_for_update().get(pk=status_round.pk)
    if status_round.state != RoundState.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    status_round.state = RoundState.CLOSED
    status_round.closed_at = timezone.now()
    status_round.save(update_fields=["state", "closed_at", "updated_at"])
    return status_round


@transaction.atomic
def round_approve(*, actor: User | None, status_round: StatusRound) -> StatusRound:
    """Approve a closed round; afterwards it changes only through logged corrections."""
    ensure(actor is None or actor.has_perm("statusreports.manage_rounds", status_round))
    status_round = StatusRound.objects.select_for_update().get(pk=status_round.pk)
    if status_round.state != RoundState.CLOSED:
        raise ValidationError(_("Close the round before approving it."))
    status_round.state = RoundState.APPROVED
    status_round.approved_at = timezone.now()
    status_round.approved_by = actor
    status_round.save(update_fields=["state", "approved_at", "approved_by", "updated_at"])
    return status_round


@transaction.atomic
def report_correct(*, actor: User | None, status: ActivityStatus, data: StatusInput, reason: str) -> ActivityStatus:
    """Correct one activity's lights or comments in an approved round; the reason and the values
    before and after are logged."""
    report = status.report
    ensure(actor is None or actor.has_perm("statusreports.correct_status_report", report))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the approved report is corrected.")})
    status = ActivityStatus.objects.select_for_update().select_related("report__round").get(pk=status.pk)
    if status.report.round.state != RoundState.APPROVED:
        raise ValidationError(_("Corrections are only for approved rounds; change the report instead."))
    fields = ("light_activity", "light_result", "comment_activity", "comment_result")
    before = {f: getattr(status, f) for f in fields}
    _check_light(data.light_activity)
    _check_light(data.light_result)
    after = {f: getattr(data, f).strip() for f in fields}
    if before == after:
        raise ValidationError(_("Nothing was changed."))
    for field, value in after.items():
        setattr(status, field, value)
    status.save(update_fields=list(fields))
    ReportEvent.objects.create(
        report=status.report,
        kind=EventKind.CORRECTION,
        reason=reason.strip(),
        by=actor,
        details={"activity_id": status.activity_id, "before": before, "after": after},
    )
    return status


@transaction.atomic
def feedback_give(*, actor: User | None, report: StatusReport, text: str) -> Feedback:
    """The steering group's (or the secretariat's) feedback to a group."""
    ensure(actor is None or actor.has_perm("statusreports.give_status_feedback", report))
    if not text.strip():
        raise ValidationError({"text": _("Write the feedback.")})
    return Feedback.objects.create(report=report, text=text.strip(), by=actor)


def send_round_reminders(today: date, *, base_url: str | None = None) -> int:
    """Queue reminders to the leaders of every group that has not submitted: once in the week before the
    deadline and once after it. Idempotent: the same reminder is never queued twice. Returns how many
    new messages were queued."""
    pending = (
        StatusReport.objects.filter(
            round__state=RoundState.OPEN,
            state=ReportState.DRAFT,
            round__opens_on__lte=today,
            round__deadline__gte=today - timedelta(days=60),
        )
        .filter(round__deadline__lte=today + timedelta(days=REMINDER_DAYS_BEFORE))
        .select_related("round__space", "work_plan__body")
    )
    reports = list(pending)
    if base_url is None:
        base_url = settings.SITE_URL
    if not reports:
        return 0
    leaders: dict[int, list[tuple[int, str, str]]] = {}
    rows = (
        Membership.objects.filter(body_id__in={r.work_plan.body_id for r in reports}, role__in=BODY_LEADING_ROLES)
        .not_ended(today)
        .exclude(contact__email="")
        .values_list("body_id", "contact_id", "contact__email", "contact__name")
    )
    for body_id, contact_id, email, name in rows:
        leaders.setdefault(body_id, []).append((contact_id, email, name))
    queued = 0
    by_space: dict[int, list[EmailSpec]] = {}
    spaces = {}
    for report in reports:
        status_round = report.round
        overdue = today > status_round.deadline
        kind = "after" if overdue else "before"
        url = base_url + reverse(
            "statusreports:report-edit",
            kwargs={"space": status_round.space.slug, "round": status_round.pk, "pk": report.pk},
        )
        if overdue:
            subject = _("Overdue: status report for %(body)s in %(round)s") % {
                "body": report.work_plan.body.name,
                "round": status_round.name,
            }
        else:
            subject = _("Reminder: status report for %(body)s due %(deadline)s") % {
                "body": report.work_plan.body.name,
                "deadline": status_round.deadline.isoformat(),
            }
        text = _(
            "The status report of %(body)s in the round %(round)s is due %(deadline)s and has not been "
            "submitted yet. Fill in a light for every activity and expected result and submit it here:\n%(url)s"
        ) % {
            "body": report.work_plan.body.name,
            "round": status_round.name,
            "deadline": status_round.deadline.isoformat(),
            "url": url,
        }
        spaces[status_round.space_id] = status_round.space
        for contact_id, email, _name in leaders.get(report.work_plan.body_id, []):
            by_space.setdefault(status_round.space_id, []).append(
                EmailSpec(
                    to=email,
                    subject=subject,
                    body=text,
                    key=f"statusreport-reminder:{report.pk}:{kind}:{contact_id}",
                )
            )
    with transaction.atomic():
        for space_id, specs in by_space.items():
            queued += enqueue_emails(specs, space=spaces[space_id])
    return queued

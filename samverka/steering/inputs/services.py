"""Every write about inputs, their consideration, the feedback reports and the evaluations."""

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.meetings.models import Decision
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.uploads import check_upload
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.platform.spaces.models import Space
from samverka.steering.goals.models import Goal, GoalStatus
from samverka.steering.inputs.models import (
    OUTCOMES_NEEDING_REASON,
    Channel,
    Consideration,
    Evaluation,
    FeedbackReport,
    Input,
    InputAttachment,
    Outcome,
    default_evaluation_questions,
)

__all__ = [
    "EvaluationData",
    "InputData",
    "attachment_add",
    "consideration_record",
    "evaluation_complete",
    "evaluation_create",
    "evaluation_update",
    "feedback_follow_up_record",
    "feedback_report_pdf",
    "feedback_report_send",
    "feedback_reports_generate",
    "input_link",
    "input_register",
]


@dataclass(frozen=True, kw_only=True)
class InputData:
    """What input_register records about an input (the attachments come separately, as uploads).

    A missing organisation, channel, date or topic is refused with a message beside the field.
    """

    source_organisation: Organisation | None = None
    channel: str = ""
    received_on: date | None = None
    goal_year: int | None = None
    topic: str = ""
    text: str = ""
    goals: Iterable[Goal] = ()
    decisions: Iterable[Decision] = ()


@dataclass(frozen=True, kw_only=True)
class EvaluationData:
    """An evaluation's plan: evaluation_create and evaluation_update take all of it.

    ``questions`` are one per line (a text) or a list; none given at creation means the questions of
    seed 000 ch. 3.2.
    """

    structure_name: str = ""
    criteria: str = ""
    responsible: str = ""
    responsible_contact: Contact | None = None
    questions: str | Sequence[str] = ()
    due_on: date | None = None


def _user(actor: User | None) -> Any:
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _check_links(space: Space, goals: Iterable[Goal], decisions: Iterable[Decision]) -> None:
    errors: dict[str, str] = {}
    if any(goal.space_id != space.pk for goal in goals):
        errors["goals"] = _("Only goals of this space can be linked.")
    if any(decision.body.space_id != space.pk for decision in decisions):
        errors["decisions"] = _("Only decisions of this space's bodies can be linked.")
    if errors:
        raise ValidationError(errors)


def _store_attachment(
    *, input: Input, upload: Any, name: str, content_type: str, actor: User | None
) -> InputAttachment:
    attachment = InputAttachment(
        input=input, name=name[:150], content_type=content_type, size=upload.size, uploaded_by=_user(actor)
    )
    attachment.file.save(name, upload, save=False)
    stored = str(attachment.file.name)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def input_register(*, actor: User | None, space: Space, data: InputData, uploads: Sequence[Any] = ()) -> Input:
    """Register an input with its attachments; every file is checked before anything is stored."""
    ensure(actor is None or actor.has_perm("inputs.change_input", space))
    organisation = data.source_organisation
    if not isinstance(organisation, Organisation):
        raise ValidationError({"source_organisation": _("Choose the region or organisation the input came from.")})
    channel = data.channel
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose the channel the input came through.")})
    received_on = data.received_on
    if not isinstance(received_on, date):
        raise ValidationError({"received_on": _("Write the date the input was received.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    topic = (data.topic or "").strip()
    if not topic:
        raise ValidationError({"topic": _("Write the topic of the input.")})
    try:
        goal_year = int(data.goal_year or received_on.year)
    except (TypeError, ValueError):
        goal_year = 0
    if not 2000 <= goal_year <= 2100:
        raise ValidationError({"goal_year": _("Write a year between 2000 and 2100.")})
    goals = list(data.goals or [])
    decisions = list(data.decisions or [])
    _check_links(space, goals, decisions)
    checked = []
    for upload in uploads:
        try:
            name, kind = check_upload(upload)
        except ValidationError as error:
            messages = error.message_dict.get("file", error.messages)
            raise ValidationError(
                {"attachments": [f"{getattr(upload, 'name', '')}: {message}" for message in messages]}
            ) from error
        checked.append((upload, name, kind))
    item = Input.objects.create(
        space=space,
        source_organisation=organisation,
        channel=channel,
        received_on=received_on,
        goal_year=goal_year,
        topic=topic[:255],
        text=data.text or "",
        created_by=_user(actor),
    )
    item.goals.set(goals)
    item.decisions.set(decisions)
    for upload, name, kind in checked:
        _store_attachment(input=item, upload=upload, name=name, content_type=kind.content_type, actor=actor)
    return item


@transaction.atomic
def attachment_add(*, actor: User | None, input: Input, upload: Any) -> InputAttachment:
    """Attach one more document to an input (checked by size, content and name)."""
    ensure(actor is None or actor.has_perm("inputs.change_input", input))
    name, kind = check_upload(upload)
    return _store_attachment(input=input, upload=upload, name=name, content_type=kind.content_type, actor=actor)


@transaction.atomic
def input_link(*, actor: User | None, input: Input, goals: Iterable[Goal], decisions: Iterable[Decision]) -> Input:
    """Set the goals and decisions the input is linked to (replacing the earlier links)."""
    ensure(actor is None or actor.has_perm("inputs.change_input", input))
    goals, decisions = list(goals), list(decisions)
    _check_links(input.space, goals, decisions)
    input.goals.set(goals)
    input.decisions.set(decisions)
    input.save(update_fields=["updated_at"])
    return input


@transaction.atomic
def consideration_record(*, actor: User | None, input: Input, outcome: str, reason: str = "") -> Consideration:
    """Record (or change) how the input was considered; partly or not adopted needs a reason.

    Saving the same outcome and reason again changes nothing (who decided it and when are kept).
    """
    ensure(actor is None or actor.has_perm("inputs.change_input", input))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose adopted, partly adopted or not adopted.")})
    reason = (reason or "").strip()
    if outcome in OUTCOMES_NEEDING_REASON and not reason:
        raise ValidationError(
            {"reason": _("Give the reason when an input is partly adopted or not adopted; the region will read it.")}
        )
    current = Consideration.objects.select_for_update().filter(input=input).first()
    if current is not None and (current.outcome, current.reason) == (outcome, reason):
        return current  # saved unchanged: who decided and when stay as they were
    consideration, _created = Consideration.objects.update_or_create(
        input=input,
        defaults={"outcome": outcome, "reason": reason, "decided_by": _user(actor), "decided_at": timezone.now()},
    )
    return consideration


# --- feedback reports --------------------------------------------------------------


def _snapshot(space: Space, year: int, inputs: Sequence[Input], goals: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "space_name": space.name,
        "goals": goals,
        "inputs": [
            {
                "received_on": item.received_on.isoformat(),
                "channel": item.channel,
                "topic": item.topic,
                "outcome": getattr(getattr(item, "consideration", None), "outcome", ""),
                "reason": getattr(getattr(item, "consideration", None), "reason", ""),
                "goals": [goal.code for goal in item.goals.all()],
            }
            for item in inputs
        ],
    }


@transaction.atomic
def feedback_reports_generate(*, actor: User | None, space: Space, year: int) -> list[FeedbackReport]:
    """One report per organisation that gave input for ``year``: the goals adopted for the year
    and each of its inputs with the outcome and reason. Refused before any goal of the year exists.
    Generating again refreshes a report whose content changed (and raises its version, so it can
    be sent again); an unchanged report keeps its version."""
    ensure(actor is None or actor.has_perm("inputs.change_feedbackreport", space))
    goals = [
        {
            "code": goal.code,
            "title": goal.title,
            "kind": goal.kind,
            "decision": goal.decision.label if goal.decision is not None else "",
        }
        for goal in Goal.objects.filter(space=space, year=year, status=GoalStatus.ACTIVE)
        .select_related("decision")
        .order_by("kind", "parent__position", "position", "code")
    ]
    if not goals:
        raise ValidationError(
            _("No goals are adopted for %(year)s yet. Generate the feedback reports after the goal decision.")
            % {"year": year}
        )
    inputs = list(
        Input.objects.filter(space=space, goal_year=year)
        .select_related("consideration")
        .prefetch_related("goals")
        .order_by("source_organisation_id", "received_on", "pk")
    )
    by_organisation: dict[int, list[Input]] = {}
    for item in inputs:
        by_organisation.setdefault(item.source_organisation_id, []).append(item)
    now = timezone.now()
    existing = {
        report.organisation_id: report
        for report in FeedbackReport.objects.select_for_update().filter(space=space, year=year)
    }
    reports = []
    for organisation_id, items in by_organisation.items():
        content = _snapshot(space, year, items, goals)
        report = existing.get(organisation_id)
        if report is None:
            report = FeedbackReport.objects.create(
                space=space,
                year=year,
                organisation_id=organisation_id,
                content=content,
                generated_at=now,
                generated_by=_user(actor),
            )
        elif report.content != content:
            # A new version only when something changed: sending is keyed on the version.
            report.content, report.generated_at, report.generated_by = content, now, _user(actor)
            report.version += 1
            report.sent_at, report.sent_to_count = None, 0
            report.save(
                update_fields=[
                    "content",
                    "generated_at",
                    "generated_by",
                    "version",
                    "sent_at",
                    "sent_to_count",
                    "updated_at",
                ]
            )
        reports.append(report)
    return reports


def feedback_report_pdf(report: FeedbackReport) -> bytes:
    """The report as PDF, rendered from its snapshot in the installation's language."""
    from samverka.platform.core.pdf import render_pdf
    from samverka.steering.inputs.selectors import feedback_context

    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf("inputs/pdf/feedback_report.html", feedback_context(report))


def feedback_report_recipients(report: FeedbackReport) -> list[Contact]:
    """The organisation's contacts that have an e-mail address."""
    return list(Contact.objects.filter(organisation_id=report.organisation_id).exclude(email="").order_by("name"))


@transaction.atomic
def feedback_report_send(*, actor: User | None, report: FeedbackReport) -> int:
    """E-mail the report (PDF attached) to each contact of the organisation; returns how many
    messages were newly queued. Sending the same version again queues nothing new."""
    ensure(actor is None or actor.has_perm("inputs.change_feedbackreport", report))
    from samverka.steering.inputs.selectors import feedback_context

    recipients = feedback_report_recipients(report)
    if not recipients:
        raise ValidationError(
            _("%(organisation)s has no contact with an e-mail address. Add one in the actor register first.")
            % {"organisation": report.organisation.name}
        )
    pdf = feedback_report_pdf(report)
    with translation.override(settings.LANGUAGE_CODE):
        context = feedback_context(report)
        subject = _("What was decided and how your input was considered – %(space)s %(year)s") % {
            "space": report.space.name,
            "year": report.year,
        }
        body = render_to_string("inputs/email/feedback_report.txt", context)
        filename = _("feedback-%(year)s.pdf") % {"year": report.year}
    specs = [
        EmailSpec(
            to=contact.email,
            subject=subject,
            body=body,
            key=f"inputs-feedback:{report.pk}:v{report.version}:{contact.pk}",
            attachments=((filename, pdf, "application/pdf"),),
            reply_to=report.space.contact_email,
        )
        for contact in recipients
    ]
    queued = enqueue_emails(specs, space=report.space)
    if queued:
        report.sent_at = timezone.now()
        report.sent_to_count = len(recipients)
        report.save(update_fields=["sent_at", "sent_to_count", "updated_at"])
    return queued


@transaction.atomic
def feedback_follow_up_record(
    *, actor: User | None, report: FeedbackReport, follow_up_on: date | None, note: str
) -> None:
    """Record the May follow-up with the region: when it was held and what came out of it."""
    ensure(actor is None or actor.has_perm("inputs.change_feedbackreport", report))
    if follow_up_on is None and not (note or "").strip():
        raise ValidationError({"follow_up_on": _("Give the date of the follow-up or a note.")})
    report.follow_up_on = follow_up_on
    report.follow_up_note = (note or "").strip()
    report.save(update_fields=["follow_up_on", "follow_up_note", "updated_at"])


# --- evaluations ---------------------------------------------------------------------


def _clean_questions(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [str(q).strip() for q in (value or []) if str(q).strip()]


def _evaluation_fields(data: EvaluationData) -> dict[str, Any]:
    name = (data.structure_name or "").strip()
    if not name:
        raise ValidationError({"structure_name": _("Write what is evaluated.")})
    questions = _clean_questions(data.questions)
    if not questions:
        raise ValidationError({"questions": _("Write at least one evaluation question, one per line.")})
    return {
        "structure_name": name[:255],
        "criteria": (data.criteria or "").strip(),
        "responsible": (data.responsible or "").strip()[:255],
        "responsible_contact": data.responsible_contact,
        "questions": questions,
        "due_on": data.due_on,
    }


@transaction.atomic
def evaluation_create(*, actor: User | None, space: Space, data: EvaluationData) -> Evaluation:
    """Plan an evaluation; without questions given, the questions of seed 000 ch. 3.2 are used."""
    ensure(actor is None or actor.has_perm("inputs.change_evaluation", space))
    if not _clean_questions(data.questions):
        data = dataclasses.replace(data, questions=default_evaluation_questions())
    return Evaluation.objects.create(space=space, **_evaluation_fields(data))


@transaction.atomic
def evaluation_update(*, actor: User | None, evaluation: Evaluation, data: EvaluationData) -> Evaluation:
    ensure(actor is None or actor.has_perm("inputs.change_evaluation", evaluation))
    for field, value in _evaluation_fields(data).items():
        setattr(evaluation, field, value)
    evaluation.save()
    return evaluation


@transaction.atomic
def evaluation_complete(*, actor: User | None, evaluation: Evaluation, result: str) -> Evaluation:
    """Record the evaluation's result and mark it completed."""
    ensure(actor is None or actor.has_perm("inputs.change_evaluation", evaluation))
    result = (result or "").strip()
    if not result:
        raise ValidationError({"result": _("Write the result of the evaluation.")})
    evaluation.result = result
    evaluation.completed_at = timezone.now()
    evaluation.completed_by = _user(actor)
    evaluation.save(update_fields=["result", "completed_at", "completed_by", "updated_at"])
    return evaluation

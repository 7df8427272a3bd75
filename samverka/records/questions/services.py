"""Every write about questions between bodies. Each function is one transaction; a refusal
(PermissionDenied or ValidationError) changes nothing. ``actor=None`` is the system (demo loader).

Decisions recorded here:

* A body cannot ask itself; both bodies belong to the same space; a closed body can neither ask nor be
  asked. An education order goes to a local competence workshop (it turns the order into line
  decisions; the delivery is an established programme).
* The receiving body answers questions and requests (``answered``) and delivers education orders
  (``delivered``); both need a text (the answer, or what was established).
* Escalation goes to ``to_body.parent``: the question continues there as a new linked question (asked by
  the escalating body, same kind, title and due date) and the original is marked ``escalated``. When the
  continuation is answered or delivered, the answer is copied down the chain and the original asker is
  told too, so nothing is left hanging.
* The asker may withdraw a question that is still open or accepted.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body, BodyKind, BodyStatus
from samverka.collaboration.bodies.selectors import leader_emails
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.notifications.services import EmailSpec, enqueue_emails
from samverka.records.questions.models import (
    PENDING_STATUSES,
    EventKind,
    Question,
    QuestionEvent,
    QuestionKind,
    QuestionStatus,
)

#: Reminders go out this many days before the due date, and once when it has passed.
REMINDER_DAYS_BEFORE = 3
MAX_TITLE = 200


def _locked(question: Question) -> Question:
    """The question re-read under a row lock, so two handlers cannot both move it."""
    fresh = Question.objects.select_for_update().get(pk=question.pk)
    question.status, question.answer = fresh.status, fresh.answer
    return question


def _require_pending(question: Question, message: str) -> None:
    """Refuse unless the question is open or accepted; ``message`` names the status as %(status)s."""
    if question.status not in PENDING_STATUSES:
        raise ValidationError(message % {"status": question.get_status_display().lower()})


def _require_text(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": message})
    return text


def _url(question: Question, base_url: str | None = None) -> str:
    return (base_url if base_url is not None else settings.SITE_URL) + reverse(
        "questions:question-detail", kwargs={"space": question.space.slug, "pk": question.pk}
    )


def _notify(question: Question, body: Body, *, key: str, subject: str, text: str) -> int:
    specs = [
        EmailSpec(to=email, subject=subject, body=text, key=f"{key}:{contact_id}")
        for contact_id, email in leader_emails({body.pk}).get(body.pk, [])
    ]
    return enqueue_emails(specs, space=question.space)


def _notify_raised(question: Question) -> None:
    subject = _("New %(kind)s to %(body)s: %(title)s") % {
        "kind": question.get_kind_display().lower(),
        "body": question.to_body.name,
        "title": question.title,
    }
    text = _(
        "%(asker)s has sent %(body)s a %(kind)s, due %(due)s:\n\n%(title)s\n\n%(text)s\n\n"
        "Accept, answer or escalate it here:\n%(url)s"
    ) % {
        "asker": question.from_body.name,
        "body": question.to_body.name,
        "kind": question.get_kind_display().lower(),
        "due": question.due_on.isoformat(),
        "title": question.title,
        "text": question.text,
        "url": _url(question),
    }
    _notify(question, question.to_body, key=f"question-raised:{question.pk}", subject=subject, text=text)


def _notify_answered(question: Question, asker: Question) -> None:
    """Tell the leaders of ``asker``'s asking body that ``question`` (``asker`` or its continuation) is done."""
    subject = _("Answer from %(body)s: %(title)s") % {"body": question.to_body.name, "title": question.title}
    text = _('%(body)s – %(status)s: "%(title)s"\n\n%(answer)s\n\n%(url)s') % {
        "body": question.to_body.name,
        "status": question.get_status_display().lower(),
        "title": question.title,
        "answer": question.answer,
        "url": _url(asker),
    }
    _notify(asker, asker.from_body, key=f"question-answered:{asker.pk}", subject=subject, text=text)


def _log(question: Question, kind: str, actor: User | None, text: str = "") -> None:
    QuestionEvent.objects.create(question=question, kind=kind, text=text, by=actor)


@transaction.atomic
def question_raise(
    *,
    actor: User | None,
    from_body: Body,
    to_body: Body | None,
    kind: str,
    title: str,
    text: str,
    due_on: date | None,
) -> Question:
    ensure(actor is None or actor.has_perm("questions.raise_question", from_body))
    errors: dict[str, str] = {}
    if to_body is None:
        errors["to_body"] = _("Choose the body the question goes to.")
    elif to_body.pk == from_body.pk:
        errors["to_body"] = _("A body cannot send a question to itself.")
    elif to_body.space_id != from_body.space_id:
        errors["to_body"] = _("The body must belong to the same space.")
    elif to_body.status == BodyStatus.CLOSED:
        errors["to_body"] = _("%(body)s is closed and cannot receive questions.") % {"body": to_body.name}
    elif kind == QuestionKind.EDUCATION_ORDER and to_body.kind != BodyKind.LOCAL_COMPETENCE_WORKSHOP:
        errors["to_body"] = _(
            "An education order goes to a local competence workshop, which turns it into line decisions."
        )
    if from_body.status == BodyStatus.CLOSED:
        errors["__all__"] = _("%(body)s is closed and cannot raise questions.") % {"body": from_body.name}
    if kind not in QuestionKind.values:
        errors["kind"] = _("Choose a kind: question, request or education order.")
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the question a title.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("The title may be at most %(max)s characters.") % {"max": MAX_TITLE}
    if not (text or "").strip():
        errors["text"] = _("Describe the question.")
    if due_on is None:
        errors["due_on"] = _("Give a due date: nothing may be left hanging.")
    elif due_on < timezone.localdate():
        errors["due_on"] = _("The due date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    assert to_body is not None and due_on is not None
    question = Question.objects.create(
        space_id=from_body.space_id,
        from_body=from_body,
        to_body=to_body,
        kind=kind,
        title=title,
        text=text.strip(),
        due_on=due_on,
        created_by=actor,
    )
    _log(question, EventKind.RAISED, actor)
    _notify_raised(question)
    return question


@transaction.atomic
def question_accept(*, actor: User | None, question: Question) -> Question:
    ensure(actor is None or actor.has_perm("questions.handle_question", question))
    _locked(question)
    if question.status != QuestionStatus.OPEN:
        raise ValidationError(
            _("Only an open question can be accepted; this one is %(status)s.")
            % {"status": question.get_status_display().lower()}
        )
    question.status = QuestionStatus.ACCEPTED
    question.save(update_fields=["status", "updated_at"])
    _log(question, EventKind.ACCEPTED, actor)
    return question


def _close_with_answer(question: Question, actor: User | None, status: str, answer: str) -> Question:
    question.status = status
    question.answer = answer
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "answer", "closed_at", "updated_at"])
    _log(question, status, actor, answer)
    _notify_answered(question, question)
    lower = question.escalated_from
    while lower is not None:  # copy the answer down the chain to the original asker
        lower.answer = answer
        lower.save(update_fields=["answer", "updated_at"])
        _log(lower, EventKind.ANSWERED_ABOVE, actor, answer)
        _notify_answered(question, lower)
        lower = lower.escalated_from
    return question


@transaction.atomic
def question_answer(*, actor: User | None, question: Question, answer: str) -> Question:
    ensure(actor is None or actor.has_perm("questions.handle_question", question))
    _locked(question)
    _require_pending(question, _("The question is already %(status)s and can no longer be answered."))
    if question.kind == QuestionKind.EDUCATION_ORDER:
        raise ValidationError(_("An education order is delivered (an established programme), not answered."))
    answer = _require_text(answer, _("Write the answer."))
    return _close_with_answer(question, actor, QuestionStatus.ANSWERED, answer)


@transaction.atomic
def question_deliver(*, actor: User | None, question: Question, answer: str) -> Question:
    ensure(actor is None or actor.has_perm("questions.handle_question", question))
    _locked(question)
    _require_pending(question, _("The order is already %(status)s and can no longer be delivered."))
    if question.kind != QuestionKind.EDUCATION_ORDER:
        raise ValidationError(_("Only an education order is delivered; answer a question or request instead."))
    answer = _require_text(answer, _("Describe what was delivered, e.g. the programme that was established."))
    return _close_with_answer(question, actor, QuestionStatus.DELIVERED, answer)


@transaction.atomic
def question_escalate(*, actor: User | None, question: Question, reason: str) -> Question:
    """Send the question one level up; returns the new, linked question."""
    ensure(actor is None or actor.has_perm("questions.handle_question", question))
    _locked(question)
    _require_pending(question, _("The question is already %(status)s and can no longer be escalated."))
    parent = question.to_body.parent
    if parent is None:
        raise ValidationError(
            _(
                "%(body)s does not report to any other body, so there is nowhere to escalate the question. "
                "Answer it, or ask the secretariat to set the body it reports to."
            )
            % {"body": question.to_body.name}
        )
    if parent.status == BodyStatus.CLOSED:
        raise ValidationError(
            _("%(body)s, which %(from)s reports to, is closed; the question cannot be escalated there.")
            % {"body": parent.name, "from": question.to_body.name}
        )
    if parent.pk == question.from_body_id:
        raise ValidationError(
            _("%(body)s is itself the asker; answer the question instead of escalating it back.")
            % {"body": parent.name}
        )
    reason = _require_text(reason, _("Explain why the question is escalated."))
    escalated_by = _("Escalated by %(body)s:") % {"body": question.to_body.name}
    question.status = QuestionStatus.ESCALATED
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at", "updated_at"])
    _log(question, EventKind.ESCALATED, actor, reason)
    upper = Question.objects.create(
        space_id=question.space_id,
        from_body=question.to_body,
        to_body=parent,
        kind=question.kind,
        title=question.title,
        text=f"{question.text}\n\n{escalated_by} {reason}",
        due_on=question.due_on,
        escalated_from=question,
        created_by=actor,
    )
    _log(upper, EventKind.RAISED, actor, reason)
    _notify_raised(upper)
    return upper


@transaction.atomic
def question_withdraw(*, actor: User | None, question: Question, reason: str = "") -> Question:
    ensure(actor is None or actor.has_perm("questions.withdraw_question", question))
    _locked(question)
    _require_pending(question, _("The question is already %(status)s and can no longer be withdrawn."))
    question.status = QuestionStatus.WITHDRAWN
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at", "updated_at"])
    _log(question, EventKind.WITHDRAWN, actor, (reason or "").strip())
    return question


def send_due_reminders(today: date, *, base_url: str | None = None) -> int:
    """Queue reminders to the receiving body's leaders for pending items due within
    REMINDER_DAYS_BEFORE days ("soon", once) and for overdue ones ("overdue", once).
    Idempotent; returns how many messages were newly queued."""
    items = list(
        Question.objects.pending()
        .filter(due_on__lte=today + timedelta(days=REMINDER_DAYS_BEFORE))
        .select_related("space", "from_body", "to_body")
    )
    if not items:
        return 0
    leaders = leader_emails({q.to_body_id for q in items})
    by_space: dict[int, list[EmailSpec]] = {}
    spaces = {}
    for question in items:
        overdue = question.due_on < today
        values = {
            "body": question.to_body.name,
            "asker": question.from_body.name,
            "title": question.title,
            "due": question.due_on.isoformat(),
            "url": _url(question, base_url),
        }
        if overdue:
            subject = _("Overdue: %(title)s (due %(due)s)") % values
        else:
            subject = _("Reminder: %(title)s is due %(due)s") % values
        text = (
            _(
                '%(asker)s is waiting for %(body)s to answer "%(title)s", due %(due)s. Answer, deliver or '
                "escalate it here:\n%(url)s"
            )
            % values
        )
        spaces[question.space_id] = question.space
        for contact_id, email in leaders.get(question.to_body_id, []):
            by_space.setdefault(question.space_id, []).append(
                EmailSpec(
                    to=email,
                    subject=subject,
                    body=text,
                    key=f"question-reminder:{question.pk}:{'overdue' if overdue else 'soon'}:{contact_id}",
                )
            )
    queued = 0
    with transaction.atomic():
        for space_id, specs in by_space.items():
            queued += enqueue_emails(specs, space=spaces[space_id])
    return queued

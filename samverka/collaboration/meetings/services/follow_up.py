"""Writes about decisions and action items, and the reminders before their due dates.

Decisions recorded here:

* A decision is numbered per body and calendar year of the meeting
  (``2026:3``). The number comes from a DecisionCounter row that is locked
  and raised in the same transaction, so two secretaries never get the same
  number and a new year starts again at 1. Numbers are never reused.
* Decisions and action items belong to the minutes: they are recorded while the
  newest version of the minutes can be edited (a locked version needs a
  correction first). Closing a decision or marking an action item done is
  follow-up work and is allowed at any time.
* Reminders go to the owner (action item) or the responsible person
  (decision) N days before the due date (``settings.MEETINGS_REMINDER_DAYS``,
  default 7 and 1) and once when overdue. Each reminder has a key
  (``action-reminder:{pk}:{due_date}:{days}``) that is logged in ReminderLog
  and used as the outbox key, so running the job twice sends nothing twice;
  a new due date starts the reminders again.
"""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.collaboration.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    DecisionCounter,
    Meeting,
    ReminderLog,
)
from samverka.collaboration.meetings.services.minutes import _editable_version, _locked_meeting
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.times import local

MAX_TEXT = 10_000


def next_decision_number(*, body_id: int, year: int) -> int:
    """Take the next decision number of a body and year (call inside a transaction)."""
    counter = DecisionCounter.objects.select_for_update().filter(body_id=body_id, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = DecisionCounter.objects.create(body_id=body_id, year=year, last=0)
        except IntegrityError:  # created by a concurrent transaction meanwhile
            counter = DecisionCounter.objects.select_for_update().get(body_id=body_id, year=year)
    DecisionCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def _check_agenda_item(meeting: Meeting, agenda_item: AgendaItem | None) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The agenda item is not on this meeting's agenda.")})


@transaction.atomic
def decision_create(
    *,
    actor: User | None,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
    responsible_contact: Contact | None = None,
    responsible_organisation: Organisation | None = None,
    due_date: date | None = None,
) -> Decision:
    """Record a decision of the meeting, numbered per body and year (e.g. 2026:3)."""
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    current = _locked_meeting(meeting)
    text = (text or "").strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors.setdefault("text", []).append(_("Write what was decided."))
    elif len(text) > MAX_TEXT:
        errors.setdefault("text", []).append(_("The decision is too long (at most 10,000 characters)."))
    decided_on = local(current.start).date()
    if due_date is not None and due_date < decided_on:
        errors.setdefault("due_date", []).append(_("The due date cannot be before the meeting."))
    if errors:
        raise ValidationError(errors)
    _check_agenda_item(current, agenda_item)
    _editable_version(current, actor)
    decision = Decision.objects.create(
        body=current.body,
        meeting=current,
        agenda_item=agenda_item,
        year=decided_on.year,
        number=next_decision_number(body_id=current.body_id, year=decided_on.year),
        text=text,
        responsible_contact=responsible_contact,
        responsible_organisation=responsible_organisation,
        due_date=due_date,
        decided_on=decided_on,
        opened_at=current.start,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    return decision


@transaction.atomic
def decision_close(*, actor: User | None, decision: Decision, closing_note: str) -> Decision:
    """Close a followed-up decision with a note on the outcome."""
    ensure(actor is None or actor.has_perm("meetings.change_decision", decision))
    current = Decision.objects.select_for_update().get(pk=decision.pk)
    note = (closing_note or "").strip()
    if current.closed_at is not None:
        raise ValidationError(_("Decision %(label)s is already closed.") % {"label": current.label})
    if not note:
        raise ValidationError({"closing_note": _("Write the outcome: what was done about the decision.")})
    current.closed_at = timezone.now()
    current.closed_by = actor if actor is not None and actor.is_authenticated else None
    current.closing_note = note[:MAX_TEXT]
    current.save(update_fields=["closed_at", "closed_by", "closing_note"])
    decision.closed_at, decision.closed_by, decision.closing_note = (
        current.closed_at,
        current.closed_by,
        current.closing_note,
    )
    return decision


@transaction.atomic
def action_item_create(
    *,
    actor: User | None,
    meeting: Meeting,
    title: str,
    owner_contact: Contact | None = None,
    owner_user: Any = None,
    due_date: date | None = None,
    description: str = "",
    decision: Decision | None = None,
) -> ActionItem:
    """Record an action item from a meeting: what, who and by when."""
    ensure(actor is None or actor.has_perm("meetings.change_minutes", meeting))
    current = _locked_meeting(meeting)
    title = (title or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors.setdefault("title", []).append(_("Write what is to be done."))
    if owner_contact is None and owner_user is None:
        errors.setdefault("owner_contact", []).append(_("Choose who is to do it."))
    if due_date is not None and due_date < local(current.start).date():
        errors.setdefault("due_date", []).append(_("The due date cannot be before the meeting."))
    if decision is not None and decision.meeting_id != current.pk:
        errors.setdefault("decision", []).append(_("The decision is not from this meeting."))
    if errors:
        raise ValidationError(errors)
    _editable_version(current, actor)
    return ActionItem.objects.create(
        body=current.body,
        meeting=current,
        decision=decision,
        title=title[:255],
        description=(description or "").strip()[:MAX_TEXT],
        owner_contact=owner_contact,
        owner_user=owner_user,
        due_date=due_date,
        opened_at=current.start,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )


@transaction.atomic
def action_item_set_status(*, actor: User | None, item: ActionItem, status: str) -> ActionItem:
    """Mark an action item open, in progress or done (the owner or who runs the body)."""
    ensure(actor is None or actor.has_perm("meetings.change_action_item", item))
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    current = ActionItem.objects.select_for_update().get(pk=item.pk)
    if current.status == status:  # saved as it is: nothing changes
        return item
    current.status = status
    current.done_at = (current.done_at or timezone.now()) if status == ActionStatus.DONE else None
    current.save(update_fields=["status", "done_at", "updated_at"])
    item.status, item.done_at = current.status, current.done_at
    return item


# --- reminders -------------------------------------------------------------------


def reminder_days() -> tuple[int, ...]:
    return tuple(sorted({int(d) for d in getattr(settings, "MEETINGS_REMINDER_DAYS", (7, 1)) if int(d) >= 0}))


def _reminder_slot(due: date, today: date, days: tuple[int, ...]) -> str | None:
    """Which reminder is due today: the smallest threshold not yet passed, or "overdue"."""
    left = (due - today).days
    if left < 0:
        return "overdue"
    for threshold in days:
        if left <= threshold:
            return str(threshold)
    return None


def _recipient(contact: Contact | None, user: User | None) -> tuple[str, str]:
    if user is not None and user.email:
        return user.email, str(user)
    if contact is not None:
        email = contact.email or (contact.user.email if contact.user_id and contact.user else "")
        return email, contact.name
    return "", ""


def _body_link(item: ActionItem | Decision) -> str:
    path = reverse("bodies:body-detail", kwargs={"space": item.body.space.slug, "pk": item.body_id})
    return settings.SITE_URL.rstrip("/") + path


def send_due_reminders(today: date | None = None) -> int:
    """Queue reminder e-mails for open action items and decisions; returns how many were queued."""
    from samverka.platform.notifications.services import EmailSpec, enqueue_emails

    today = today or timezone.localdate()
    days = reminder_days()
    horizon = today + timedelta(days=max(days, default=0))
    items = (
        ActionItem.objects.open()
        .filter(due_date__isnull=False, due_date__lte=horizon)
        .select_related("owner_user", "owner_contact__user", "body__space")
    )
    decisions = (
        Decision.objects.open()
        .filter(due_date__lte=horizon, responsible_contact__isnull=False)
        .select_related("responsible_contact__user", "body__space")
    )
    candidates: list[tuple[str, str, str, str, Any]] = []
    for item in items:
        slot = _reminder_slot(item.due_date, today, days)
        email, name = _recipient(item.owner_contact, item.owner_user)
        if slot and email:
            candidates.append(
                (f"action-reminder:{item.pk}:{item.due_date.isoformat()}:{slot}", email, name, slot, item)
            )
    for decision in decisions:
        assert decision.due_date is not None
        slot = _reminder_slot(decision.due_date, today, days)
        email, name = _recipient(decision.responsible_contact, None)
        if slot and email:
            key = f"decision-reminder:{decision.pk}:{decision.due_date.isoformat()}:{slot}"
            candidates.append((key, email, name, slot, decision))
    if not candidates:
        return 0
    done = set(ReminderLog.objects.filter(key__in=[c[0] for c in candidates]).values_list("key", flat=True))
    queued = 0
    with transaction.atomic(), override(settings.LANGUAGE_CODE):
        for key, email, name, slot, obj in candidates:
            if key in done:
                continue
            spec = EmailSpec(
                to=email, subject=_reminder_subject(obj, slot), body=_reminder_body(obj, name, slot), key=key
            )
            queued += enqueue_emails([spec], space=obj.body.space)
            ReminderLog.objects.create(key=key)
    return queued


def _what(obj: ActionItem | Decision) -> str:
    if isinstance(obj, Decision):
        return _("Decision %(label)s of %(body)s: %(text)s") % {
            "label": obj.label,
            "body": obj.body.name,
            "text": obj.text[:200],
        }
    return _("Action item of %(body)s: %(title)s") % {"body": obj.body.name, "title": obj.title}


def _reminder_subject(obj: ActionItem | Decision, slot: str) -> str:
    title = obj.title if isinstance(obj, ActionItem) else obj.label
    if slot == "overdue":
        return _("Overdue: %(title)s (was due %(date)s)") % {"title": title, "date": obj.due_date}
    return _("Reminder: %(title)s is due %(date)s") % {"title": title, "date": obj.due_date}


def _reminder_body(obj: ActionItem | Decision, name: str, slot: str) -> str:
    lines = [_("Hello %(name)s,") % {"name": name}, ""]
    if slot == "overdue":
        lines.append(_("This was due on %(date)s and is not marked as done:") % {"date": obj.due_date})
    else:
        lines.append(_("This is due on %(date)s:") % {"date": obj.due_date})
    lines += ["", _what(obj), "", _("Follow it up here: %(url)s") % {"url": _body_link(obj)}]
    return "\n".join(lines)

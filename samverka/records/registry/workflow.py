"""A case's way from registration to closing, its dispatches, voiding and corrections.

The steps: initiated → in preparation → ready for decision → decided → dispatched → closed.
A case moves one step forward, or one step back while it is being prepared (ready → preparation),
and a closed case can be reopened (closed → preparation). A case that needs no decision
(an information letter "to the file") may be closed from initiated or preparation. Any other jump
is refused with a message that names the allowed next steps.

A registration is never edited away: a correction is a CaseEvent with the old and new values, and
voiding (makulering) marks the row with its reason; the row and its number stay.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models import Decision
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.records.registry.models import (
    Case,
    CaseStatus,
    CaseType,
    Direction,
    Dispatch,
    DispatchMethod,
    EventKind,
    RegisteredDocument,
)
from samverka.records.registry.services import MAX_TITLE, check_document_type, log_event

TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.INITIATED: (CaseStatus.PREPARATION, CaseStatus.CLOSED),
    CaseStatus.PREPARATION: (CaseStatus.READY, CaseStatus.CLOSED),
    CaseStatus.READY: (CaseStatus.DECIDED, CaseStatus.PREPARATION),
    CaseStatus.DECIDED: (CaseStatus.DISPATCHED, CaseStatus.CLOSED),
    CaseStatus.DISPATCHED: (CaseStatus.CLOSED,),
    CaseStatus.CLOSED: (CaseStatus.PREPARATION,),
}

#: Fields a correction may change, with how they are shown in the log.
CASE_CORRECTABLE = ("title", "public_title", "case_type", "responsible", "body", "deadline")
DOCUMENT_CORRECTABLE = (
    "direction",
    "subject",
    "counterpart",
    "received_on",
    "created_on",
    "dispatched_on",
    "document_type",
)


def _check(actor: User | None, case: Case) -> Case:
    ensure(actor is None or actor.has_perm("registry.change_case", case))
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.is_voided:
        raise ValidationError(_("The case is voided and cannot be changed."))
    return locked


def _label(status: str) -> str:
    return str(CaseStatus(status).label)


def allowed_steps(case: Case) -> tuple[str, ...]:
    return () if case.is_voided else TRANSITIONS.get(case.status, ())


def _check_step(locked: Case, to: str) -> None:
    if to not in CaseStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if to not in TRANSITIONS[locked.status]:
        allowed = ", ".join(_label(step) for step in TRANSITIONS[locked.status])
        raise ValidationError(
            {
                "status": _("A case that is “%(current)s” cannot be moved to “%(target)s”. Next steps: %(allowed)s.")
                % {"current": _label(locked.status), "target": _label(to), "allowed": allowed}
            }
        )


def _move(
    case: Case, locked: Case, to: str, actor: User | None, note: str = "", data: dict[str, Any] | None = None
) -> None:
    _check_step(locked, to)
    before = locked.status
    locked.status = to
    if to == CaseStatus.CLOSED:
        locked.closed_on = timezone.localdate()
    elif before == CaseStatus.CLOSED:
        locked.closed_on = None
    locked.save(update_fields=["status", "closed_on", "decision", "meeting"])
    case.status, case.closed_on = locked.status, locked.closed_on
    case.decision_id, case.meeting_id = locked.decision_id, locked.meeting_id
    log_event(
        case=locked,
        kind=EventKind.STATUS,
        text=note,
        data={"from": before, "to": to, **(data or {})},
        by=actor,
    )


@transaction.atomic
def case_set_status(*, actor: User | None, case: Case, status: str, note: str = "") -> Case:
    """Move a case one step in its workflow (see the module text for the allowed steps)."""
    locked = _check(actor, case)
    _check_step(locked, status)
    if status == CaseStatus.DISPATCHED and not locked.dispatches.exists():
        raise ValidationError({"status": _("Record the dispatch (to whom, when and how) to mark the case dispatched.")})
    _move(case, locked, status, actor, (note or "").strip()[:2000])
    return case


@transaction.atomic
def case_decide(*, actor: User | None, case: Case, decision: Decision, note: str = "") -> Case:
    """Link the decision of a meeting (an agenda item's decision) to the case; the case is then decided."""
    locked = _check(actor, case)
    if decision.body.space_id != locked.space_id:
        raise ValidationError({"decision": _("The decision belongs to another space.")})
    locked.decision = decision
    locked.meeting_id = decision.meeting_id
    _move(case, locked, CaseStatus.DECIDED, actor, (note or "").strip()[:2000], {"decision": decision.pk})
    return case


@transaction.atomic
def dispatch_record(
    *,
    actor: User,
    case: Case,
    recipient: str,
    method: str,
    sent_on: date | None = None,
    document: RegisteredDocument | None = None,
) -> Dispatch:
    """Record that the case's decision (or a document) was sent: to whom, when, how and which document.

    A decided case becomes dispatched; the sent document gets its dispatch date."""
    locked = _check(actor, case)
    recipient = (recipient or "").strip()
    if not recipient:
        raise ValidationError({"recipient": _("Say to whom it was sent, e.g. Regeringskansliet.")})
    if len(recipient) > MAX_TITLE:
        raise ValidationError({"recipient": _("At most %(limit)d characters.") % {"limit": MAX_TITLE}})
    if method not in DispatchMethod.values:
        raise ValidationError({"method": _("Choose how it was sent.")})
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("The date cannot be in the future.")})
    if sent_on < locked.opened_on:
        raise ValidationError({"sent_on": _("The date cannot be before the case was opened.")})
    if document is not None:
        if document.case_id != locked.pk:
            raise ValidationError({"document": _("The document belongs to another case.")})
        if document.is_voided:
            raise ValidationError({"document": _("A voided document cannot be sent.")})
    dispatch = Dispatch.objects.create(
        case=locked, recipient=recipient, sent_on=sent_on, method=method, document=document, by=actor
    )
    if document is not None and document.dispatched_on is None:
        document.dispatched_on = sent_on
        if document.direction == Direction.INTERNAL:
            document.direction = Direction.OUTGOING
        document.save(update_fields=["dispatched_on", "direction"])
    log_event(
        case=locked,
        kind=EventKind.DISPATCH,
        text=_("Sent to %(recipient)s") % {"recipient": recipient},
        data={
            "dispatch": dispatch.pk,
            "recipient": recipient,
            "method": method,
            "sent_on": sent_on.isoformat(),
            "document": document.pk if document is not None else None,
        },
        by=actor,
    )
    if locked.status == CaseStatus.DECIDED:
        _move(case, locked, CaseStatus.DISPATCHED, actor)
    return dispatch


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    return reason[:2000]


@transaction.atomic
def case_void(*, actor: User | None, case: Case, reason: str) -> Case:
    """Void (makulera) a case registered by mistake: the row and its number stay, marked, with the reason."""
    reason = _reason(reason)
    locked = _check(actor, case)
    locked.is_voided, locked.voided_reason = True, reason
    locked.save(update_fields=["is_voided", "voided_reason"])
    case.is_voided, case.voided_reason = True, reason
    log_event(case=locked, kind=EventKind.VOIDED, text=reason, data={"case": locked.pk}, by=actor)
    return case


@transaction.atomic
def document_void(*, actor: User | None, document: RegisteredDocument, reason: str) -> RegisteredDocument:
    """Void a registered document: the row and its number stay, marked, with the reason."""
    reason = _reason(reason)
    _check(actor, document.case)
    if document.is_voided:
        raise ValidationError(_("The document is already voided."))
    document.is_voided, document.voided_reason = True, reason
    document.save(update_fields=["is_voided", "voided_reason"])
    log_event(
        case=document.case,
        kind=EventKind.VOIDED,
        text=f"{document.reference}: {reason}",
        data={"document": document.pk},
        by=actor,
    )
    return document


class CaseChanges(TypedDict, total=False):
    """What a correction of a case may change (``CASE_CORRECTABLE``); a field left out stays as it is."""

    title: str
    public_title: str
    case_type: str
    responsible: User | None
    body: Body | None
    deadline: date | None


class DocumentChanges(TypedDict, total=False):
    """What a correction of a registered document may change (``DOCUMENT_CORRECTABLE``)."""

    direction: str
    subject: str
    counterpart: str
    received_on: date | None
    created_on: date | None
    dispatched_on: date | None
    document_type: str


def _shown(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


def _apply(
    obj: Case | RegisteredDocument, changes: Mapping[str, object], allowed: tuple[str, ...]
) -> dict[str, list[Any]]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be corrected: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    diff: dict[str, list[Any]] = {}
    for field, value in changes.items():
        before = getattr(obj, field)
        if before != value:
            diff[field] = [_shown(before), _shown(value)]
            setattr(obj, field, value)
    if not diff:
        raise ValidationError(_("Nothing was changed."))
    return diff


@transaction.atomic
def case_correct(*, actor: User | None, case: Case, changes: CaseChanges, reason: str) -> Case:
    """Correct a case's registration; the old and new values and the reason are logged. Numbers never change."""
    reason = _reason(reason)
    _check(actor, case)
    if "title" in changes and not (changes["title"] or "").strip():
        raise ValidationError({"title": _("Give the case a title.")})
    if "case_type" in changes and changes["case_type"] not in CaseType.values:
        raise ValidationError({"case_type": _("Choose a case type.")})
    body = changes.get("body")
    if body is not None and body.space_id != case.space_id:
        raise ValidationError({"body": _("The body belongs to another space.")})
    deadline = changes.get("deadline")
    if deadline is not None and deadline < case.opened_on:
        raise ValidationError({"deadline": _("The deadline cannot be before the case was opened.")})
    diff = _apply(case, changes, CASE_CORRECTABLE)
    case.full_clean(exclude=["series", "space", "created_by", "decision", "meeting"])
    case.save(update_fields=list(diff))
    log_event(case=case, kind=EventKind.CORRECTION, text=reason, data={"changes": diff}, by=actor)
    return case


@transaction.atomic
def document_correct(
    *, actor: User | None, document: RegisteredDocument, changes: DocumentChanges, reason: str
) -> RegisteredDocument:
    """Correct a document's registration; the old and new values and the reason are logged on the case."""
    reason = _reason(reason)
    _check(actor, document.case)
    ensure(actor is None or actor.has_perm("registry.view_marked_document", document))
    if document.is_voided:
        raise ValidationError(_("A voided document cannot be corrected."))
    if "subject" in changes and not (changes["subject"] or "").strip():
        raise ValidationError({"subject": _("Say what the document concerns.")})
    today = timezone.localdate()
    for field in ("received_on", "created_on", "dispatched_on"):
        value = changes.get(field)
        if isinstance(value, date) and value > today:
            raise ValidationError({field: _("The date cannot be in the future.")})
    if "document_type" in changes:
        changes = {
            **changes,
            "document_type": check_document_type(
                document.case.space_id, changes["document_type"] or "", current=document.document_type
            ),
        }
    diff = _apply(document, changes, DOCUMENT_CORRECTABLE)
    document.full_clean(exclude=["case", "registered_by", "counterpart_organisation"])
    document.save(update_fields=list(diff))
    log_event(
        case=document.case,
        kind=EventKind.CORRECTION,
        text=f"{document.reference}: {reason}",
        data={"document": document.pk, "changes": diff},
        by=actor,
    )
    return document

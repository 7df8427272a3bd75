"""Every write about a meeting before its minutes: the meeting, its agenda and documents, the
invitation (kallelse) and the invitees' answers.

Each function is one transaction; when it refuses (PermissionDenied or
ValidationError) nothing has been written. ``actor=None`` means the system
(demo loader, annual wheels) and skips the permission check.

Decisions recorded here:

* Times are Stockholm wall-clock times. A naive time in the hour skipped when
  summer time starts is refused with an explanation (core.times.stockholm).
* An overlapping meeting of the same body only warns (the form asks to
  confirm); two meetings at once are sometimes intended (a break-out group).
* Every meeting has one standing "follow-up" agenda item; it lists the body's
  open decisions and action items when shown, so nothing is left hanging.
* A change of time or place raises the meeting's ``sequence``; once the
  invitation is out, every invitee gets the updated invitation with the new
  ICS SEQUENCE so calendars replace their copy. Cancelling sends METHOD:CANCEL.
* E-mails are only queued (notifications outbox) inside the transaction; the
  worker sends them after commit. Keys make a repeated send a no-op.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models import (
    AgendaDocument,
    AgendaItem,
    AgendaKind,
    Answer,
    Invitation,
    Meeting,
    MeetingStatus,
)
from samverka.collaboration.meetings.services.invitation_mail import (
    answer_url,
    format_when,
    invitation_from_token,
    invitation_recipients,
    invitation_token,
    queue_invitations,
)
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.richtext import sanitise
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.core.times import stockholm
from samverka.platform.core.uploads import check_upload

__all__ = [
    "AgendaItemData",
    "MeetingData",
    "agenda_document_add",
    "agenda_document_remove",
    "agenda_document_set_public",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "answer_url",
    "format_when",
    "invitation_answer",
    "invitation_from_token",
    "invitation_recipients",
    "invitation_token",
    "invitations_send",
    "meeting_cancel",
    "meeting_create",
    "meeting_update",
]


@dataclass(frozen=True, kw_only=True)
class MeetingData(ServiceData):
    """A meeting's fields that meeting_update accepts (times naive Stockholm or aware)."""

    title: str | Unset = UNSET
    start: datetime | Unset = UNSET
    end: datetime | Unset = UNSET
    place: str | Unset = UNSET
    online_url: str | Unset = UNSET
    is_public: bool | Unset = UNSET
    chair: Contact | None | Unset = UNSET
    adjuster: Contact | None | Unset = UNSET
    secretary: Contact | None | Unset = UNSET
    invitation_message: str | Unset = UNSET
    details_public: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class AgendaItemData(ServiceData):
    """An agenda item's fields that agenda_item_update accepts."""

    title: str | Unset = UNSET
    kind: str | Unset = UNSET
    description: str | Unset = UNSET
    presenter: str | Unset = UNSET
    duration_minutes: int | None | Unset = UNSET


#: Changes that calendars must pick up (raise the ICS SEQUENCE).
CALENDAR_FIELDS = frozenset({"title", "start", "end", "place", "online_url"})
AGENDA_FIELDS = frozenset({"title", "kind", "description", "presenter", "duration_minutes"})
MAX_DURATION_MINUTES = 24 * 60


# --- helpers -----------------------------------------------------------------------------


def _aware(moment: Any, field: str) -> datetime:
    if not isinstance(moment, datetime):
        raise ValidationError({field: _("Give a date and a time.")})
    return stockholm(moment, field=field)


def _check_times(start: datetime, end: datetime) -> None:
    if end <= start:
        raise ValidationError({"end": _("The meeting must end after it starts.")})
    if end - start > timedelta(days=7):
        raise ValidationError({"end": _("A meeting can last at most a week.")})


def _check_place(place: str, online_url: str) -> None:
    if online_url:
        try:
            URLValidator(schemes=["http", "https"])(online_url)
        except ValidationError as error:
            raise ValidationError({"online_url": _("Give the online link as a web address (https://…).")}) from error


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the meeting a title.")})
    return title


def _check_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting is cancelled and can no longer be changed."))


def _check_agenda_open(meeting: Meeting) -> None:
    """The agenda is part of approved minutes (their § numbers and headings): once a version is
    approved, the agenda no longer changes (documents may still be added and published)."""
    _check_open(meeting)
    if meeting.minutes_versions.filter(approved_at__isnull=False).exists():
        raise ValidationError(
            _(
                "The minutes of this meeting are approved, and the agenda is part of them; it can no longer be "
                "changed. Correct the minutes instead."
            )
        )


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("body__space").get(pk=meeting.pk)


def _follow_up_title() -> str:
    return _("Follow-up of decisions and action items")


# --- meetings ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: User | None,
    body: Body,
    title: str,
    start: datetime,
    end: datetime,
    place: str = "",
    online_url: str = "",
    is_public: bool = False,
    chair: Contact | None = None,
    adjuster: Contact | None = None,
    agenda: Iterable[dict[str, Any]] = (),
    invitation_message: str = "",
    details_public: bool = False,
) -> Meeting:
    """Plan a meeting of ``body`` with an agenda; the standing follow-up item comes first.

    Overlapping meetings of the body are not refused: find them with
    ``selectors.overlapping_meetings`` and warn.
    """
    ensure(actor is None or actor.has_perm("meetings.add_meeting", body))
    errors: dict[str, list[str]] = {}
    checked: dict[str, Any] = {}
    checks: tuple[tuple[str, Any], ...] = (
        ("title", lambda: _check_title(title)),
        ("start", lambda: _aware(start, "start")),
        ("end", lambda: _aware(end, "end")),
    )
    for field, check in checks:
        try:
            checked[field] = check()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    _check_times(checked["start"], checked["end"])
    place, online_url = (place or "").strip(), (online_url or "").strip()
    _check_place(place, online_url)
    secretary = getattr(actor, "contact", None) if actor is not None and actor.is_authenticated else None
    meeting = Meeting.objects.create(
        body=body,
        title=checked["title"],
        start=checked["start"],
        end=checked["end"],
        place=place,
        online_url=online_url,
        is_public=is_public,
        chair=chair,
        adjuster=adjuster,
        invitation_message=(invitation_message or "").strip(),
        details_public=bool(details_public),
        secretary=secretary if isinstance(secretary, Contact) else None,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    items = [AgendaItem(meeting=meeting, position=1, title=_follow_up_title(), is_follow_up=True)]
    for position, entry in enumerate(agenda, start=2):
        data = _agenda_data(entry)
        items.append(AgendaItem(meeting=meeting, position=position, **data))
    for item in items:  # one by one, so that each is in the audit trail
        item.save()
    return meeting


@transaction.atomic
def meeting_update(*, actor: User | None, meeting: Meeting, data: MeetingData) -> Meeting:
    """Change a meeting. A change of title, time or place raises ``sequence``; after the
    invitation is out, every invitee of a meeting still to come is sent the updated invitation.
    Saving what is already stored changes nothing (not even the modification time)."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", meeting))
    current = _locked(meeting)
    _check_open(current)
    changes = data.given()
    if "title" in changes:
        changes["title"] = _check_title(changes["title"])
    for field in ("place", "online_url", "invitation_message"):
        if field in changes:
            changes[field] = (changes[field] or "").strip()
    for field in ("start", "end"):
        if field in changes:
            changes[field] = _aware(changes[field], field)
    changed = {field for field, value in changes.items() if getattr(current, field) != value}
    for field, value in changes.items():
        setattr(current, field, value)
    _check_times(current.start, current.end)
    _check_place(current.place, current.online_url)
    if not changed:
        return meeting
    if changed & CALENDAR_FIELDS:
        current.sequence += 1
    current.save()
    still_to_come = current.end >= timezone.now()
    if changed & CALENDAR_FIELDS and current.status == MeetingStatus.INVITED and still_to_come:
        invitations = list(current.invitations.select_related("user"))
        queue_invitations(current, invitations, method="REQUEST", actor=actor, update=True)
    for field in ("sequence", *changes):
        setattr(meeting, field, getattr(current, field))
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User | None, meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel a meeting; the invitees (if invited) are sent a cancellation (ICS METHOD:CANCEL)."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", meeting))
    current = _locked(meeting)
    if current.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting is already cancelled."))
    if current.end < timezone.now():
        raise ValidationError(_("A meeting that has already taken place cannot be cancelled."))
    was_invited = current.status == MeetingStatus.INVITED
    current.status = MeetingStatus.CANCELLED
    current.cancelled_at = timezone.now()
    current.cancel_reason = (reason or "").strip()
    current.sequence += 1
    current.save()
    if was_invited:
        queue_invitations(current, list(current.invitations.select_related("user")), method="CANCEL", actor=actor)
    for field in ("status", "cancelled_at", "cancel_reason", "sequence"):
        setattr(meeting, field, getattr(current, field))
    return meeting


# --- agenda ------------------------------------------------------------------------------


def _agenda_data(entry: dict[str, Any]) -> dict[str, Any]:
    unknown = set(entry) - AGENDA_FIELDS
    if unknown:
        raise ValueError(f"unknown agenda fields: {sorted(unknown)}")
    title = (entry.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the agenda item a title.")})
    kind = entry.get("kind") or AgendaKind.INFORMATION
    if kind not in AgendaKind.values:
        raise ValidationError({"kind": _("Choose information, discussion or decision.")})
    duration = entry.get("duration_minutes")
    if duration is not None and not (0 < int(duration) <= MAX_DURATION_MINUTES):
        raise ValidationError({"duration_minutes": _("Give the duration in minutes, from 1 to 1440.")})
    return {
        "title": title[:255],
        "kind": kind,
        "description": sanitise(entry.get("description") or ""),
        "presenter": (entry.get("presenter") or "").strip()[:200],
        "duration_minutes": int(duration) if duration is not None else None,
    }


def _renumber(meeting: Meeting) -> list[AgendaItem]:
    items = list(AgendaItem.objects.select_for_update().filter(meeting=meeting).order_by("position", "pk"))
    for number, item in enumerate(items, start=1):
        item.position = number
    AgendaItem.objects.bulk_update(items, ["position"])
    return items


@transaction.atomic
def agenda_item_add(
    *,
    actor: User | None,
    meeting: Meeting,
    title: str,
    kind: str = AgendaKind.INFORMATION,
    description: str = "",
    presenter: str = "",
    duration_minutes: int | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", meeting))
    current = _locked(meeting)
    _check_open(current)
    data = _agenda_data(
        {
            "title": title,
            "kind": kind,
            "description": description,
            "presenter": presenter,
            "duration_minutes": duration_minutes,
        }
    )
    _check_agenda_open(current)
    last = AgendaItem.objects.filter(meeting=current).aggregate(m=Max("position"))["m"] or 0
    return AgendaItem.objects.create(meeting=current, position=last + 1, **data)


@transaction.atomic
def agenda_item_update(*, actor: User | None, item: AgendaItem, data: AgendaItemData) -> AgendaItem:
    """Change an item's title, kind, description, presenter or duration."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", item.meeting))
    current = {field: getattr(item, field) for field in AGENDA_FIELDS}
    cleaned = _agenda_data({**current, **data.given()})
    if all(current[field] == value for field, value in cleaned.items()):
        return item  # saved as it is: nothing changes
    _check_agenda_open(_locked(item.meeting))
    for field, value in cleaned.items():
        setattr(item, field, value)
    item.save(update_fields=list(cleaned))
    return item


@transaction.atomic
def agenda_item_move(*, actor: User | None, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one step ``up`` or ``down`` (a no-op at either end)."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", item.meeting))
    if direction not in ("up", "down"):
        raise ValidationError(_("Move an item up or down."))
    _check_agenda_open(_locked(item.meeting))
    items = _renumber(item.meeting)
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None:
        raise ValidationError(_("The agenda item no longer exists."))
    other_index = index - 1 if direction == "up" else index + 1
    if 0 <= other_index < len(items):
        this, other = items[index], items[other_index]
        this.position, other.position = other.position, this.position
        AgendaItem.objects.bulk_update([this, other], ["position"])
        item.position = this.position
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User | None, item: AgendaItem) -> None:
    """Remove an item (and its documents). The standing follow-up item and items with minutes stay."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", item.meeting))
    _check_agenda_open(_locked(item.meeting))
    if item.is_follow_up:
        raise ValidationError(_("The standing follow-up item cannot be removed."))
    if item.minutes.exclude(text="").exists():
        raise ValidationError(_("Minutes have been written for this item; it cannot be removed."))
    meeting = item.meeting
    files = [document.file for document in item.documents.all()]
    item.delete()
    _renumber(meeting)

    def delete_files() -> None:
        for file in files:
            file.delete(save=False)

    transaction.on_commit(delete_files)


@transaction.atomic
def agenda_document_add(
    *, actor: User | None, item: AgendaItem, upload: Any, is_public: bool = False
) -> AgendaDocument:
    """Attach a document to an agenda item: checked by size, content and name; stored under a random name.

    A document is internal (the meeting's inside only) unless ``is_public``."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", item.meeting))
    _check_open(_locked(item.meeting))
    name, kind = check_upload(upload)
    document = AgendaDocument(
        agenda_item=item,
        name=name[:150],
        content_type=kind.content_type,
        size=upload.size,
        is_public=bool(is_public),
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    document.file.save(name, upload, save=False)
    stored = str(document.file.name)
    try:
        document.save()
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document


@transaction.atomic
def agenda_document_set_public(*, actor: User | None, document: AgendaDocument, is_public: bool) -> AgendaDocument:
    """Make a document public (everyone who sees the agenda may download it) or internal again."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", document.agenda_item.meeting))
    _check_open(_locked(document.agenda_item.meeting))
    if document.is_public != bool(is_public):
        document.is_public = bool(is_public)
        document.save(update_fields=["is_public"])
    return document


@transaction.atomic
def agenda_document_remove(*, actor: User | None, document: AgendaDocument) -> None:
    """Remove a document from the agenda (the file is deleted after commit)."""
    ensure(actor is None or actor.has_perm("meetings.change_meeting", document.agenda_item.meeting))
    _check_open(_locked(document.agenda_item.meeting))
    file = document.file
    document.delete()
    transaction.on_commit(lambda: file.delete(save=False))


# --- invitations -------------------------------------------------------------------------


@transaction.atomic
def invitations_send(*, actor: User | None, meeting: Meeting) -> int:
    """Invite the body's current members with an e-mail address (kallelse with ICS METHOD:REQUEST).

    Sending again invites members added since and re-queues nobody twice for
    the same version of the meeting. Returns the number of e-mails queued.
    """
    ensure(actor is None or actor.has_perm("meetings.change_meeting", meeting))
    current = _locked(meeting)
    _check_open(current)
    if current.end < timezone.now():
        raise ValidationError(_("The meeting has already taken place; no invitation can be sent."))
    recipients = invitation_recipients(current)
    if not recipients:
        raise ValidationError(
            _("The body has no members with an e-mail address on the meeting day, so there is nobody to invite.")
        )
    existing = {email.lower() for email in current.invitations.values_list("email", flat=True)}
    now = timezone.now()
    new = [
        Invitation(
            meeting=current,
            contact=membership.contact,
            user_id=membership.contact.user_id,
            name=membership.contact.name[:200],
            email=membership.contact.email.strip(),
            organisation_name=membership.organisation.name[:255],
            role_label=str(membership.get_role_display())[:100],
            token_nonce=secrets.token_hex(16),
            sent_at=now,
        )
        for membership in recipients
        if membership.contact.email.strip().lower() not in existing
    ]
    Invitation.objects.bulk_create(new)
    invitations = list(current.invitations.select_related("user"))
    current.status = MeetingStatus.INVITED
    current.invited_at = current.invited_at or now
    current.save(update_fields=["status", "invited_at", "updated_at"])
    queued = queue_invitations(current, invitations, method="REQUEST", actor=actor)
    meeting.status, meeting.invited_at = current.status, current.invited_at
    return queued


@transaction.atomic
def invitation_answer(
    *,
    invitation: Invitation,
    answer: str,
    substitute_name: str = "",
    substitute_email: str = "",
    comment: str = "",
    actor: User | None = None,
    by_token: bool = False,
) -> Invitation:
    """Record an invitee's answer (yes / no / maybe), a substitute and a comment.

    Given by the invitee logged in (``actor``) or through the signed link in the
    e-mail (``by_token=True``, the view has checked the token).
    """
    ensure(by_token or actor is None or actor.has_perm("meetings.answer_invitation", invitation))
    current = Invitation.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=invitation.pk)
    meeting = current.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting has been cancelled; no answer is needed."))
    if meeting.end < timezone.now():
        raise ValidationError(_("The meeting has already taken place."))
    errors: dict[str, list[str]] = {}
    if answer not in (Answer.YES, Answer.NO, Answer.MAYBE):
        errors["answer"] = [_("Answer yes, no or maybe.")]
    substitute_name = (substitute_name or "").strip()
    substitute_email = (substitute_email or "").strip()
    if answer == Answer.YES and (substitute_name or substitute_email):
        errors["substitute_name"] = [_("A substitute is named only when you cannot attend or are unsure.")]
    if substitute_email:
        try:
            EmailValidator()(substitute_email)
        except ValidationError:
            errors["substitute_email"] = [_("Give the substitute's e-mail address as name@example.se.")]
        if not substitute_name:
            errors.setdefault("substitute_name", []).append(_("Give the substitute's name too."))
    if len(substitute_name) > 200:
        errors.setdefault("substitute_name", []).append(_("The name can be at most 200 characters."))
    if len((comment or "").strip()) > 500:
        errors["comment"] = [_("The comment can be at most 500 characters.")]
    if errors:
        raise ValidationError(errors)
    given = (answer, substitute_name, substitute_email, (comment or "").strip())
    if given == (current.answer, current.substitute_name, current.substitute_email, current.comment):
        return invitation  # the same answer again: nothing changes (the time it was given stays)
    current.answer = answer
    current.answered_at = timezone.now()
    current.substitute_name = substitute_name
    current.substitute_email = substitute_email
    current.comment = (comment or "").strip()
    current.save(update_fields=["answer", "answered_at", "substitute_name", "substitute_email", "comment"])
    for field in ("answer", "answered_at", "substitute_name", "substitute_email", "comment"):
        setattr(invitation, field, getattr(current, field))
    return invitation

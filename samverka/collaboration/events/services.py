"""Every write about events, their programme and their registrations.

The views, the demo loader and tests all call these functions. Each one is a
single transaction: when it refuses (PermissionDenied or ValidationError)
nothing has been written and no e-mail is queued. ``actor=None`` means the
system (demo loader, management commands) and skips the permission check.

Decisions recorded here:

* Times are entered as Stockholm wall-clock time; a time in the hour skipped
  when summer time starts is refused with an explanation (``core.times``).
* Places are handed out in the order registrations arrive. Every registration
  and cancellation first locks the event row (``select_for_update``), so two
  people can never both take the last place (on SQLite the IMMEDIATE
  transactions serialise writers the same way).
* One active registration per e-mail address and event (case-insensitive);
  the database constraint backs the check, so a double click or two tabs
  racing each other get the same clear message.
* When a confirmed person cancels, the first on the waiting list gets the
  place in the same transaction and is told by e-mail; the rest move up.
* A capacity can be raised (the waiting list moves up at once) but not set
  below the number of confirmed places: people who have a place keep it.
* Changing the time or place of a published event bumps its calendar
  SEQUENCE and e-mails everyone with a place an updated calendar file.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.bodies.permissions import body_seats
from samverka.collaboration.events import mails
from samverka.collaboration.events.models import Event, EventStatus, Registration, RegistrationStatus, Session
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.service_data import UNSET, ServiceData, Unset
from samverka.platform.core.times import local, stockholm
from samverka.platform.notifications.services import EmailSpec, enqueue_email, enqueue_emails
from samverka.platform.spaces.models import Space
from samverka.platform.spaces.permissions import is_platform_admin, is_space_manager


@dataclass(frozen=True, kw_only=True)
class EventData(ServiceData):
    """An event's fields that event_create/event_update accept (times naive Stockholm or aware)."""

    kind: str | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    place: str | Unset = UNSET
    online_url: str | Unset = UNSET
    start: datetime | Unset = UNSET
    end: datetime | Unset = UNSET
    capacity: int | None | Unset = UNSET
    registration_opens_at: datetime | None | Unset = UNSET
    registration_closes_at: datetime | None | Unset = UNSET
    is_public: bool | Unset = UNSET
    body: Body | None | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class SessionData(ServiceData):
    """A programme item's fields that session_add/session_update accept."""

    title: str | Unset = UNSET
    start: datetime | Unset = UNSET
    end: datetime | Unset = UNSET
    speaker: str | Unset = UNSET
    room: str | Unset = UNSET
    description: str | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class RegistrationData(ServiceData):
    """What a person gives when registering (registration_create)."""

    name: str | Unset = UNSET
    email: str | Unset = UNSET
    organisation_name: str | Unset = UNSET
    dietary_needs: str | Unset = UNSET
    accessibility_needs: str | Unset = UNSET
    consent: bool | Unset = UNSET


#: Fields whose change is announced to everyone with a place.
NOTIFIED_FIELDS = ("start", "end", "place", "online_url")
TIME_FIELDS = ("start", "end", "registration_opens_at", "registration_closes_at")


# --- events ----------------------------------------------------------------------


@transaction.atomic
def event_create(*, actor: User | None, space: Space, data: EventData) -> Event:
    """Create a draft event in ``space`` (times in ``data`` naive Stockholm or aware)."""
    ensure(actor is None or actor.has_perm("events.add_event", space))
    values = _aware_times(data.given(), TIME_FIELDS)
    event = Event(space=space, created_by=actor if actor is not None and actor.is_authenticated else None)
    for field, value in values.items():
        setattr(event, field, value)
    _check_body(event, actor)
    _check_event(event)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_update(*, actor: User | None, event: Event, data: EventData) -> Event:
    """Change an event that is not cancelled; registrants are told about a new time or place."""
    ensure(actor is None or actor.has_perm("events.change_event", event))
    values = _aware_times(data.given(), TIME_FIELDS)
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    before = {name: getattr(current, name) for name in NOTIFIED_FIELDS}
    stored = {field: getattr(current, field) for field in values}
    old_body_id = current.body_id
    for field, value in values.items():
        setattr(current, field, value)
    if all(getattr(current, field) == stored[field] for field in values):
        return event  # saving what is stored changes nothing (not even the modification time)
    if current.body_id != old_body_id:
        _check_body(current, actor)
    _check_event(current)
    confirmed = current.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if current.capacity is not None and current.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)d people already have a place, so the capacity cannot be less than %(count)d. "
                    "Cancel registrations first if places must be removed."
                )
                % {"count": confirmed}
            }
        )
    changed = [name for name in NOTIFIED_FIELDS if getattr(current, name) != before[name]]
    if changed:
        current.sequence += 1
    current.full_clean()
    current.save()
    _fill_places(current)
    if changed and current.is_published:
        holders = current.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk")
        enqueue_emails((mails.event_changed(current, r) for r in holders), space=current.space)
    _copy_fields(current, event)
    return event


@transaction.atomic
def event_publish(*, actor: User | None, event: Event) -> Event:
    """Announce a draft: it appears in the lists (and, when public, the public feed) and opens registration."""
    ensure(actor is None or actor.has_perm("events.publish_event", event))
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.status != EventStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be published; this event is %(status)s.") % {"status": current.get_status_display()}
        )
    if current.end <= timezone.now():
        raise ValidationError(_("The event is already over, so it cannot be published."))
    current.status = EventStatus.PUBLISHED
    current.published_at = timezone.now()
    current.save(update_fields=["status", "published_at", "updated_at"])
    _copy_fields(current, event)
    return event


@transaction.atomic
def event_cancel(*, actor: User | None, event: Event, reason: str = "") -> Event:
    """Call an event off and tell everyone registered (with a calendar cancellation for those with a place)."""
    ensure(actor is None or actor.has_perm("events.cancel_event", event))
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.is_cancelled:
        raise ValidationError(
            _("This event was already cancelled on %(date)s.") % {"date": _format(current.cancelled_at)}
        )
    current.status = EventStatus.CANCELLED
    current.cancelled_at = timezone.now()
    current.cancellation_reason = (reason or "").strip()
    current.sequence += 1
    current.full_clean()
    current.save()
    if current.published_at is not None:
        active = current.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by("pk")
        enqueue_emails(
            (mails.event_cancelled(current, r, had_place=r.status == RegistrationStatus.CONFIRMED) for r in active),
            space=current.space,
        )
    _copy_fields(current, event)
    return event


# --- programme -------------------------------------------------------------------


@transaction.atomic
def session_add(*, actor: User | None, event: Event, data: SessionData) -> Session:
    """Add an item to the programme (times within the event)."""
    ensure(actor is None or actor.has_perm("events.manage_sessions", event))
    session = Session(event=event)
    for field, value in _aware_times(data.given(), ("start", "end")).items():
        setattr(session, field, value)
    _check_session(session, event)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_update(*, actor: User | None, session: Session, data: SessionData) -> Session:
    ensure(actor is None or actor.has_perm("events.manage_sessions", session.event))
    current = Session.objects.select_related("event").get(pk=session.pk)
    values = _aware_times(data.given(), ("start", "end"))
    stored = {field: getattr(current, field) for field in values}
    for field, value in values.items():
        setattr(current, field, value)
    if all(getattr(current, field) == stored[field] for field in values):
        return session  # saving what is stored changes nothing
    _check_session(current, current.event)
    current.full_clean()
    current.save()
    _copy_fields(current, session)
    return session


@transaction.atomic
def session_remove(*, actor: User | None, session: Session) -> None:
    ensure(actor is None or actor.has_perm("events.manage_sessions", session.event))
    session.delete()


# --- registrations ---------------------------------------------------------------


@transaction.atomic
def registration_create(
    *, event: Event, data: RegistrationData, actor: User | AnonymousUser | None = None, language: str = "sv"
) -> Registration:
    """Register a person: a place while there are places, else the waiting list (with its position).

    ``actor`` is the request's user (anonymous is fine for a public event);
    ``None`` is the system. Queues the confirmation (with a calendar file) or
    the waiting-list e-mail, both with the person's cancel link.
    """
    ensure(actor is None or actor.has_perm("events.register_for_event", event))
    current = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=event.pk)
    _check_registration_open(current)
    registration = Registration(event=current, language=(language or "sv")[:8])
    for field, value in data.given().items():
        setattr(registration, field, value.strip() if isinstance(value, str) else value)
    registration.email = (registration.email or "").strip().lower()
    errors: dict[str, list[str]] = {}
    if not registration.name:
        errors.setdefault("name", []).append(_("Write your name."))
    try:
        validate_email(registration.email)
    except ValidationError:
        errors.setdefault("email", []).append(_("Write a valid e-mail address, such as name@example.se."))
    if not registration.consent:
        errors.setdefault("consent", []).append(
            _("We need your consent to store your registration; without it we cannot register you.")
        )
    if errors:
        raise ValidationError(errors)
    duplicate = ValidationError(
        {
            "email": _(
                "%(email)s is already registered for this event. To change or cancel the registration, "
                "use the cancel link in the e-mail that was sent to that address."
            )
            % {"email": registration.email}
        },
        code="duplicate",
    )
    active = current.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if _is_registered(current, registration.email):
        raise duplicate
    confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
    if current.capacity is None or confirmed < current.capacity:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = timezone.now()
    else:
        registration.status = RegistrationStatus.WAITLISTED
        last = active.filter(status=RegistrationStatus.WAITLISTED).aggregate(m=Max("waitlist_position"))["m"]
        registration.waitlist_position = (last or 0) + 1
    registration.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # Lost a race with a registration of the same address (the database constraint).
        raise duplicate from None
    if registration.status == RegistrationStatus.CONFIRMED:
        enqueue_email(mails.confirmation(current, registration), space=current.space)
    else:
        enqueue_email(mails.waitlisted(current, registration), space=current.space)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: User | None = None) -> Registration:
    """Cancel a registration (by an organiser, or the person through the secret link: ``actor=None``).

    The place goes to the first on the waiting list in the same transaction.
    """
    event = Event.objects.select_for_update(of=("self",)).select_related("space").get(pk=registration.event_id)
    if actor is not None:
        ensure(actor.has_perm("events.cancel_registration", event))
    current = Registration.objects.get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        raise ValidationError(
            _("This registration was already cancelled on %(date)s.") % {"date": _format(current.cancelled_at)}
        )
    if event.is_cancelled:
        raise ValidationError(_("The event has been cancelled, so there is nothing to cancel."))
    if event.end <= timezone.now():
        raise ValidationError(_("The event is over, so the registration can no longer be cancelled."))
    old_status, old_position = current.status, current.waitlist_position
    current.status = RegistrationStatus.CANCELLED
    current.waitlist_position = None
    current.cancelled_at = timezone.now()
    current.cancelled_by = actor if actor is not None and actor.is_authenticated else None
    current.save(update_fields=["status", "waitlist_position", "cancelled_at", "cancelled_by", "updated_at"])
    if old_status == RegistrationStatus.WAITLISTED and old_position is not None:
        _move_up(event, after=old_position)
    enqueue_email(mails.cancelled_registration(event, current), space=event.space)
    if old_status == RegistrationStatus.CONFIRMED:
        _fill_places(event)
    _copy_fields(current, registration)
    return registration


def _is_registered(event: Event, email: str) -> bool:
    """Whether ``email`` already holds or waits for a place (case-insensitive)."""
    return event.registrations.exclude(status=RegistrationStatus.CANCELLED).filter(email__iexact=email).exists()


def _fill_places(event: Event) -> list[Registration]:
    """Give free places to the waiting list in order (the event row must be locked by the caller)."""
    if event.capacity is None and not event.registrations.filter(status=RegistrationStatus.WAITLISTED).exists():
        return []
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = None if event.capacity is None else max(event.capacity - confirmed, 0)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlist_position", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    if not promoted:
        return []
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.waitlist_position = None
        registration.confirmed_at = now
        registration.save(update_fields=["status", "waitlist_position", "confirmed_at", "updated_at"])
    event.registrations.filter(status=RegistrationStatus.WAITLISTED).update(
        waitlist_position=F("waitlist_position") - len(promoted)
    )
    specs: list[EmailSpec] = [mails.confirmation(event, r, promoted=True) for r in promoted]
    enqueue_emails(specs, space=event.space)
    return promoted


def _move_up(event: Event, *, after: int) -> None:
    event.registrations.filter(status=RegistrationStatus.WAITLISTED, waitlist_position__gt=after).update(
        waitlist_position=F("waitlist_position") - 1
    )


# --- checks ----------------------------------------------------------------------


def _check_registration_open(event: Event) -> None:
    state = event.registration_state()
    if state == "open":
        return
    messages = {
        "draft": _("Registration is not open: the event has not been published yet."),
        "cancelled": _("The event has been cancelled, so registration is closed."),
        "not_yet": _("Registration opens on %(date)s.") % {"date": _format(event.registration_opens_at)},
        "closed": _("Registration closed on %(date)s.") % {"date": _format(event.registration_closes)},
    }
    raise ValidationError(messages[state], code=f"registration_{state}")


def _check_event(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.start and event.end and event.end <= event.start:
        errors.setdefault("end", []).append(_("The event must end after it starts."))
    if not (event.place or "").strip() and not (event.online_url or "").strip():
        errors.setdefault("place", []).append(_("Give a place, an online link, or both."))
    if event.capacity is not None and event.capacity < 1:
        errors.setdefault("capacity", []).append(_("The capacity must be at least 1, or empty for no limit."))
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        errors.setdefault("registration_closes_at", []).append(_("Registration must close after it opens."))
    if closes and event.end and closes > event.end:
        errors.setdefault("registration_closes_at", []).append(_("Registration must close before the event is over."))
    if errors:
        raise ValidationError(errors)


def _check_body(event: Event, actor: User | None) -> None:
    """The organising body belongs to the event's space; a body leader may only name a body they lead."""
    body: Body | None = event.body
    if body is None:
        if actor is not None and not (is_platform_admin.test(actor) or is_space_manager.test(actor, event.space)):
            raise ValidationError({"body": _("Choose the body you lead that arranges the event.")})
        return
    if body.space_id != event.space_id:
        raise ValidationError({"body": _("The organising body must belong to the same space as the event.")})
    if actor is None or is_platform_admin.test(actor) or is_space_manager.test(actor, event.space):
        return
    if body.pk not in body_seats(actor)["leader"]:
        raise ValidationError({"body": _("You can only arrange events for a body you lead.")})


def _check_session(session: Session, event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if session.start and session.end:
        if session.end <= session.start:
            errors.setdefault("end", []).append(_("The session must end after it starts."))
        elif session.start < event.start or session.end > event.end:
            errors.setdefault("start", []).append(
                _("The session must be within the event, %(start)s–%(end)s.")
                % {"start": _format(event.start), "end": _format(event.end)}
            )
    if not (session.title or "").strip():
        errors.setdefault("title", []).append(_("Give the session a title."))
    if errors:
        raise ValidationError(errors)


def _aware_times(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """``data`` with its naive datetimes read as Stockholm time; every DST-gap error is reported at once."""
    values = dict(data)
    errors: dict[str, Any] = {}
    for name in fields:
        value = values.get(name)
        if isinstance(value, datetime):
            try:
                values[name] = stockholm(value, field=name)
            except ValidationError as error:
                errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    return values


def _format(moment: datetime | None) -> str:
    return formats.date_format(local(moment), "j F Y H:i") if moment else ""


def _copy_fields(source: Any, target: Any) -> None:
    """Bring the caller's object up to date with what was saved."""
    if source is target:
        return
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))

"""Every write of the calendars app: feed addresses, free/busy sources, scheduling polls."""

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body, Membership
from samverka.collaboration.calendars import busy, fetch
from samverka.collaboration.calendars.models import (
    BusyPeriod,
    FeedToken,
    FreeBusySource,
    PollAnswer,
    PollAnswerChoice,
    PollInvitee,
    PollOption,
    PollStatus,
    SchedulingPoll,
    SourceKind,
    hash_token,
)
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.times import local, stockholm

#: Busy periods are kept from a week back to this far ahead.
BUSY_PAST = timedelta(days=7)
BUSY_FUTURE = timedelta(days=400)
MAX_SOURCES_PER_USER = 10
MAX_POLL_OPTIONS = 30
MAX_POLL_INVITEES = 500
ANSWER_SALT = "calendars.poll-answer"
ANSWER_LINK_MAX_AGE = 120 * 24 * 3600


# --- personal feed addresses -----------------------------------------------------------


@transaction.atomic
def feed_token_create(*, actor: User) -> str:
    """A new secret feed address for ``actor``; an earlier one stops working. Returns the token
    (shown once: only its hash is stored)."""
    ensure(actor.has_perm("calendars.view_feeds"))
    FeedToken.objects.filter(user=actor, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    FeedToken.objects.create(user=actor, token_hash=hash_token(token))
    return token


@transaction.atomic
def feed_token_revoke(*, actor: User) -> int:
    """Revoke ``actor``'s feed address; calendar apps subscribed to it get 404 from now on."""
    ensure(actor.has_perm("calendars.view_feeds"))
    return FeedToken.objects.filter(user=actor, revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- free/busy sources ------------------------------------------------------------------


def _max_bytes() -> int:
    return int(getattr(settings, "CALENDARS_FETCH_MAX_BYTES", fetch.DEFAULT_MAX_BYTES))


def _busy_window() -> tuple[datetime, datetime]:
    now = timezone.now()
    return now - BUSY_PAST, now + BUSY_FUTURE


def _periods(data: bytes) -> list[tuple[datetime, datetime]]:
    calendar = busy.parse_calendar(data)
    start, end = _busy_window()
    return busy.busy_periods(calendar, start=start, end=end)


def _store_periods(source: FreeBusySource, periods: Sequence[tuple[datetime, datetime]]) -> None:
    source.busy_periods.all().delete()
    BusyPeriod.objects.bulk_create([BusyPeriod(source=source, start=s, end=e) for s, e in periods], batch_size=500)
    source.busy_count = len(periods)
    source.last_fetched_at = timezone.now()
    source.last_error = ""
    source.save(update_fields=["busy_count", "last_fetched_at", "last_error"])


def _check_room(actor: User) -> None:
    if FreeBusySource.objects.filter(user=actor).count() >= MAX_SOURCES_PER_USER:
        raise ValidationError(
            _("You already have %(count)d calendars; remove one before adding another.")
            % {"count": MAX_SOURCES_PER_USER},
            code="too_many",
        )


def _fetch(url: str) -> bytes:
    try:
        return fetch.fetch_calendar(url)
    except fetch.FetchError as error:
        raise ValidationError({"url": error.message}, code=error.code) from error


def source_add_url(*, actor: User, url: str, label: str = "") -> FreeBusySource:
    """Register a calendar address; it is read at once and refused with the reason if it cannot be."""
    ensure(actor.has_perm("calendars.manage_freebusy"))
    _check_room(actor)
    url = fetch.normalise_url(url)
    if len(url) > 2000:
        raise ValidationError({"url": _("The address is too long.")}, code="too_long")
    data = _fetch(url)  # outside the transaction: a slow server must not hold a database transaction open
    try:
        periods = _periods(data)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}, code="not_calendar") from error
    with transaction.atomic():
        source = FreeBusySource.objects.create(
            user=actor, kind=SourceKind.URL, url=url, label=(label or fetch.parse_target(url).host)[:100]
        )
        _store_periods(source, periods)
    return source


def source_upload(*, actor: User, uploaded_file: UploadedFile, label: str = "") -> FreeBusySource:
    """Register an exported .ics file: size-limited, checked by content, parsed before it is kept."""
    ensure(actor.has_perm("calendars.manage_freebusy"))
    _check_room(actor)
    limit = _max_bytes()
    if uploaded_file.size is None or uploaded_file.size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than %(size)d MB. Export a shorter period.")
                % {"size": max(1, limit // 2**20)}
            },
            code="too_large",
        )
    data = uploaded_file.read(limit + 1)
    name = (uploaded_file.name or "").lower()
    if not fetch.looks_like_icalendar(data) or not name.endswith((".ics", ".ical", ".ifb", ".icalendar")):
        raise ValidationError(
            {
                "file": _(
                    "The file is not a calendar file (iCalendar, .ics). Export your calendar as .ics and try again."
                )
            },
            code="not_calendar",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError({"file": _("The calendar file is not in UTF-8 text.")}, code="encoding") from error
    try:
        periods = _periods(data)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}, code="invalid_ics") from error
    with transaction.atomic():
        source = FreeBusySource.objects.create(
            user=actor, kind=SourceKind.UPLOAD, content=text, label=(label or uploaded_file.name or "")[:100]
        )
        _store_periods(source, periods)
    return source


def source_refresh(*, actor: User | None, source: FreeBusySource) -> FreeBusySource:
    """Read the source again; on failure the last busy periods are kept and the error is recorded
    (and raised as ValidationError for the page). ``actor`` None is the scheduled refresh."""
    if actor is not None:
        ensure(actor.has_perm("calendars.change_freebusy_source", source))
    try:
        data = _fetch(source.url) if source.kind == SourceKind.URL else source.content.encode()
        periods = _periods(data)
    except ValidationError as error:
        message = " ".join(error.messages)
        FreeBusySource.objects.filter(pk=source.pk).update(last_error=message)
        source.last_error = message
        raise ValidationError(message, code="refresh_failed") from error
    with transaction.atomic():
        _store_periods(source, periods)
    return source


def refresh_all_sources() -> int:
    """Refresh every address source (for a periodic task); returns how many succeeded."""
    done = 0
    for source in FreeBusySource.objects.filter(kind=SourceKind.URL):
        try:
            source_refresh(actor=None, source=source)
            done += 1
        except ValidationError:
            continue
    return done


@transaction.atomic
def source_delete(*, actor: User, source: FreeBusySource) -> None:
    ensure(actor.has_perm("calendars.change_freebusy_source", source))
    source.delete()


# --- scheduling polls -------------------------------------------------------------------


@dataclass(frozen=True)
class InviteeSpec:
    name: str
    email: str = ""
    user: Any = None
    contact: Any = None


def body_invitees(body: Body) -> list[InviteeSpec]:
    """The body's members (memberships not ended), one per person."""
    specs: dict[Any, InviteeSpec] = {}
    memberships = Membership.objects.filter(body=body).not_ended().select_related("contact__user").order_by("pk")
    for membership in memberships:
        contact = membership.contact
        key = contact.pk
        if key not in specs:
            user = contact.user
            email = contact.email or (user.email if user is not None else "")
            specs[key] = InviteeSpec(name=contact.name, email=email, user=user, contact=contact)
    return list(specs.values())


def answer_token(invitee: PollInvitee) -> str:
    return signing.dumps({"i": invitee.pk, "n": invitee.token_nonce}, salt=ANSWER_SALT, compress=True)


def invitee_from_token(token: str) -> PollInvitee | None:
    """The invitee of a signed answer link, or None when it is forged, expired or replaced."""
    try:
        value = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("i"), int):
        return None
    invitee = PollInvitee.objects.select_related("poll__body__space").filter(pk=value["i"]).first()
    if invitee is None or not secrets.compare_digest(invitee.token_nonce, str(value.get("n", ""))):
        return None
    return invitee


def _option_times(starts: Iterable[datetime], duration: timedelta) -> list[tuple[datetime, datetime]]:
    times: list[tuple[datetime, datetime]] = []
    seen: set[datetime] = set()
    now = timezone.now()
    for raw in starts:
        start = stockholm(raw, field="options")
        if start in seen:
            raise ValidationError(
                {
                    "options": _("%(time)s is proposed twice.")
                    % {"time": formats.date_format(local(start), "j F Y H:i")}
                },
                code="duplicate",
            )
        if start < now:
            raise ValidationError(
                {
                    "options": _("%(time)s has already passed.")
                    % {"time": formats.date_format(local(start), "j F Y H:i")}
                },
                code="past",
            )
        seen.add(start)
        times.append((start, start + duration))
    if not times:
        raise ValidationError({"options": _("Propose at least one time.")}, code="required")
    if len(times) > MAX_POLL_OPTIONS:
        raise ValidationError(
            {"options": _("Propose at most %(count)d times.") % {"count": MAX_POLL_OPTIONS}}, code="too_many"
        )
    return sorted(times)


@transaction.atomic
def poll_create(
    *,
    actor: User,
    body: Body,
    title: str,
    duration_minutes: int,
    starts: Iterable[datetime],
    place: str = "",
    description: str = "",
    invitees: Iterable[InviteeSpec] | None = None,
    extra_emails: Iterable[str] = (),
    notify: bool = True,
) -> SchedulingPoll:
    """Propose times for a meeting of ``body``. ``starts`` are Stockholm wall-clock (naive) or aware times;
    a time in the daylight-saving gap is refused. Invitees default to the body's members; those with an
    e-mail address get a link to answer without logging in."""
    ensure(actor.has_perm("calendars.add_poll", body))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the meeting a title.")}, code="required")
    if not 0 < int(duration_minutes) <= 24 * 60:
        raise ValidationError(
            {"duration_minutes": _("The duration must be between 1 minute and 24 hours.")}, code="duration"
        )
    times = _option_times(starts, timedelta(minutes=int(duration_minutes)))
    people = list(invitees) if invitees is not None else body_invitees(body)
    known = {person.email.lower() for person in people if person.email}
    for address in extra_emails:
        address = address.strip()
        if address and address.lower() not in known:
            known.add(address.lower())
            people.append(InviteeSpec(name=address, email=address))
    if len(people) > MAX_POLL_INVITEES:
        raise ValidationError(
            _("A poll can ask at most %(count)d people.") % {"count": MAX_POLL_INVITEES}, code="too_many_invitees"
        )
    if not people:
        raise ValidationError(_("The body has no members to ask; add members first."), code="no_invitees")
    poll = SchedulingPoll.objects.create(
        body=body,
        title=title[:255],
        duration_minutes=int(duration_minutes),
        place=place[:255],
        description=description,
        created_by=actor,
    )
    PollOption.objects.bulk_create([PollOption(poll=poll, start=s, end=e) for s, e in times])
    created = PollInvitee.objects.bulk_create(
        [
            PollInvitee(
                poll=poll,
                name=person.name[:200],
                email=person.email,
                user=person.user,
                contact=person.contact,
                token_nonce=secrets.token_hex(16),
            )
            for person in people
        ]
    )
    if notify:
        _queue_poll_emails(poll, created, actor)
    return poll


def _queue_poll_emails(poll: SchedulingPoll, invitees: Sequence[PollInvitee], actor: User) -> int:
    from samverka.platform.notifications.services import EmailSpec, enqueue_emails

    lines = [formats.date_format(local(option.start), "l j F Y H:i") for option in poll.options.all()]
    specs = []
    for invitee in invitees:
        if not invitee.email:
            continue
        link = settings.SITE_URL + reverse("calendars:poll-answer-link", kwargs={"token": answer_token(invitee)})
        body = _(
            "Hello %(name)s,\n\n%(organiser)s asks when you can attend a meeting of %(body)s: %(title)s.\n\n"
            "Proposed times:\n%(times)s\n\nAnswer here (no login needed):\n%(link)s\n"
        ) % {
            "name": invitee.name,
            "organiser": getattr(actor, "full_name", "") or actor.email,
            "body": poll.body.name,
            "title": poll.title,
            "times": "\n".join(f"– {line}" for line in lines),
            "link": link,
        }
        if poll.description:
            body += "\n" + poll.description + "\n"
        specs.append(
            EmailSpec(
                to=invitee.email,
                subject=_("When can you meet? %(title)s") % {"title": poll.title},
                body=body,
                key=f"poll-invitation:{invitee.pk}",
            )
        )
    return enqueue_emails(specs, space=poll.body.space)


@transaction.atomic
def poll_answer(*, poll: SchedulingPoll, invitee: PollInvitee, answers: dict[int, str]) -> None:
    """Record ``invitee``'s answers (option pk → yes/maybe/no). The caller has established who answers
    (the logged-in invitee or a signed link)."""
    if invitee.poll_id != poll.pk:
        raise ValidationError(_("You are not invited to this poll."), code="not_invited")
    poll = SchedulingPoll.objects.select_for_update().get(pk=poll.pk)
    if not poll.is_open:
        raise ValidationError(_("The poll is closed; the time has been chosen."), code="closed")
    valid = set(poll.options.values_list("pk", flat=True))
    choices = set(PollAnswerChoice.values)
    for option_id, answer in answers.items():
        if option_id not in valid or answer not in choices:
            raise ValidationError(_("The answer refers to a time that is not in the poll."), code="invalid")
    given = dict(PollAnswer.objects.filter(invitee=invitee).values_list("option_id", "answer"))
    if given == answers:
        return  # the same answers again: nothing changes (the time they were given stays)
    PollAnswer.objects.filter(invitee=invitee).exclude(option_id__in=list(answers)).delete()
    for option_id, answer in answers.items():
        PollAnswer.objects.update_or_create(invitee=invitee, option_id=option_id, defaults={"answer": answer})
    invitee.answered_at = timezone.now()
    invitee.save(update_fields=["answered_at"])


@transaction.atomic
def poll_choose(*, actor: User, poll: SchedulingPoll, option: PollOption, send_invitations: bool = True) -> Any:
    """Turn the chosen time into a meeting of the body (through the meetings services), send the
    invitations and close the poll. Returns the meeting."""
    from samverka.collaboration.meetings.services import invitations_send, meeting_create

    poll = SchedulingPoll.objects.select_for_update(of=("self",)).select_related("body__space").get(pk=poll.pk)
    ensure(actor.has_perm("calendars.choose_poll_option", poll))
    if option.poll_id != poll.pk:
        raise ValidationError(_("The chosen time is not one of the poll's times."), code="invalid")
    meeting = meeting_create(
        actor=actor, body=poll.body, title=poll.title, start=option.start, end=option.end, place=poll.place
    )
    if send_invitations:
        invitations_send(actor=actor, meeting=meeting)
    poll.status = PollStatus.CLOSED
    poll.closed_at = timezone.now()
    poll.chosen_option = option
    poll.meeting = meeting
    poll.save(update_fields=["status", "closed_at", "chosen_option", "meeting"])
    return meeting

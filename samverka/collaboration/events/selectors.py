"""Reads about events: the public list and feed, a space's events, the event page, registrations.

Every read for a user starts from ``Event.objects.restrict(user)``, so an
event the user may not see never appears and its page answers 404. Counts of
places are aggregated in SQL, so the lists make the same number of queries
whatever the number of events and registrations.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from samverka.collaboration.events.models import (
    Event,
    EventQuerySet,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
)
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space

REGISTRATIONS_PER_PAGE = 50


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    )


def public_events() -> EventQuerySet:
    """Announced public events (published, or cancelled after publication), for the public feed and list.

    Each has ``start``, ``end``, ``title``, ``location``, ``sequence``, ``status``
    and ``get_absolute_url()``.
    """
    return Event.objects.public().order_by("start", "pk")


def events_visible_to(user: User | AnonymousUser) -> EventQuerySet:
    """Every event ``user`` may see: announced public ones, their spaces' internal ones, drafts they organise."""
    return Event.objects.restrict(user)


def public_event_list(*, upcoming: bool = True) -> QuerySet[Event]:
    """The public list: announced public events (coming ones, or past ones) with place counts."""
    now = timezone.now()
    events = public_events().select_related("space", "body")
    events = (
        events.filter(end__gte=now).order_by("start", "pk")
        if upcoming
        else events.filter(end__lt=now).order_by("-start", "-pk")
    )
    return _with_counts(events)


def space_event_list(*, space: Space, user: User | AnonymousUser, upcoming: bool = True) -> QuerySet[Event]:
    """The events of ``space`` that ``user`` may see (drafts only for organisers), with place counts."""
    now = timezone.now()
    events = events_visible_to(user).filter(space=space).select_related("space", "body")
    events = (
        events.filter(end__gte=now).order_by("start", "pk")
        if upcoming
        else events.filter(end__lt=now).order_by("-start", "-pk")
    )
    return _with_counts(events)


def event_detail(*, user: User | AnonymousUser, pk: int) -> Event | None:
    """One visible event with its space, body, programme and place counts (``None`` when hidden)."""
    return (
        _with_counts(events_visible_to(user).filter(pk=pk))
        .select_related("space", "body")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("start", "pk")))
        .first()
    )


@dataclass(frozen=True)
class RegistrationCounts:
    confirmed: int
    waitlisted: int
    cancelled: int

    @property
    def total(self) -> int:
        return self.confirmed + self.waitlisted + self.cancelled


def registration_counts(event: Event) -> RegistrationCounts:
    """Confirmed, waiting and cancelled registrations, in one query."""
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
    )
    return RegistrationCounts(**counts)


def _ordered(event: Event, status: str = "") -> QuerySet[Registration]:
    registrations = Registration.objects.filter(event=event).select_related("organisation")
    if status:
        registrations = registrations.filter(status=status)
    # Confirmed first (by registration time), then the waiting list in order, then the cancelled.
    rank = Case(
        When(status=RegistrationStatus.CONFIRMED, then=Value(0)),
        When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return registrations.annotate(status_rank=rank).order_by("status_rank", "waitlist_position", "created_at", "pk")


def registrations_for(event: Event, *, page: Any = 1, status: str = "", per_page: int = REGISTRATIONS_PER_PAGE) -> Page:
    """One page of the event's registrations (for organisers), optionally of one status."""
    return Paginator(_ordered(event, status), per_page).get_page(page)


def registrations_export(event: Event) -> QuerySet[Registration]:
    """All registrations of the event for the attendee list export (cancelled last)."""
    return _ordered(event)


def registration_by_token(token: str) -> Registration | None:
    """The registration a cancel link points at (``None`` for an unknown token)."""
    if not token or len(token) > 64:
        return None
    return Registration.objects.select_related("event", "event__space").filter(cancel_token=token).first()


def is_announced(event: Event) -> bool:
    return event.status == EventStatus.PUBLISHED or (
        event.status == EventStatus.CANCELLED and event.published_at is not None
    )

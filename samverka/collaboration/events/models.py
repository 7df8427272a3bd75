"""Events of a space — conferences, kickoffs, webinars, seminars — their programme and registrations.

Seed 001: the national collaboration holds physical and digital kickoffs for
all its participants (about 70 people), webinars and conferences for external
actors who cannot be brought into the agencies' own tools. So an event page
and its registration form are open to anyone, also without an account; the
registrations' personal data are seen only by the organisers.
"""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.core.richtext import RichTextField
from samverka.platform.spaces.visibility import manager_rows, participant_rows


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    KICKOFF = "kickoff", _("Kickoff")
    WEBINAR = "webinar", _("Webinar")
    SEMINAR = "seminar", _("Seminar")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


#: Registrations that hold or wait for a place.
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


def _announced() -> Q:
    """Published, or cancelled after having been published (people should see it was called off)."""
    return Q(status=EventStatus.PUBLISHED) | Q(status=EventStatus.CANCELLED, published_at__isnull=False)


class EventQuerySet(RestrictedQuerySet["Event"]):
    def announced(self) -> "EventQuerySet":
        return self.filter(_announced())

    def public(self) -> "EventQuerySet":
        """What the public events list and feed show: what a visitor may see (announced events marked public)."""
        return self.restrict(None)

    def restriction(self, user: Any, action: str) -> Q:
        """Announced public events for everyone; a space's announced internal events for anyone with
        a role in the space or a seat in the organising body; drafts for the organisers only."""
        from samverka.collaboration.bodies.permissions import body_seats

        announced = _announced()
        condition = announced & Q(is_public=True)
        condition |= announced & participant_rows(user)
        condition |= manager_rows(user)
        seats = body_seats(user)
        if seats["member"]:
            condition |= announced & Q(body_id__in=sorted(seats["member"]))
        if seats["leader"]:
            condition |= Q(body_id__in=sorted(seats["leader"]))
        return condition


class Event(TimeStampedModel):
    """A conference, kickoff, webinar or seminar with a programme and (optionally) a capacity."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="events", verbose_name=_("space"))
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising body"),
        help_text=_("The body that arranges the event, if any. Its chair and secretary may run the event."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = RichTextField(
        _("description"),
        blank=True,
        help_text=_(
            "Plain text (an empty line starts a new paragraph) or simple HTML: paragraphs, headings, "
            "bold, italics, lists and links."
        ),
    )
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("Address and room, if on site."))
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("The link to join online (any meeting service), if online.")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("The number of places. Leave empty for no limit. When full, people join a waiting list."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: as soon as the event is published.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Shown in the public list of events and the public calendar feed. An event that is not public is "
            "shown only to the participants of the space and the members of the organising body."
        ),
    )
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    #: Bumped when time or place change, so calendar clients replace their copy (ICS SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["space", "start"], name="event_space_start"),
            models.Index(fields=["status", "is_public", "start"], name="event_public_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_1"),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_window",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False), name="cancelled_event_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"pk": self.pk})

    @property
    def location(self) -> str:
        """Where the event is, as one line of public text. The online link itself is given only to
        the people registered (in their confirmation), so a public feed says just "online"."""
        from django.utils.translation import gettext

        return ", ".join(part for part in (self.place, gettext("online") if self.online_url else "") if part)

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def registration_closes(self) -> Any:
        """When registration closes: the set time, else the start of the event."""
        return self.registration_closes_at or self.start

    def registration_state(self, now: Any = None) -> str:
        """``open``, ``not_yet``, ``closed``, ``cancelled`` or ``draft``."""
        now = now or timezone.now()
        if self.status == EventStatus.DRAFT:
            return "draft"
        if self.status == EventStatus.CANCELLED:
            return "cancelled"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if now >= self.registration_closes:
            return "closed"
        return "open"


class Session(TimeStampedModel):
    """One item of an event's programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    speaker = models.CharField(_("speaker"), max_length=255, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    description = RichTextField(_("description"), blank=True)

    class Meta:
        ordering = ["event", "start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.event.space_id}


def new_cancel_token() -> str:
    """A secret for the cancel link in the registration e-mail (256 bits)."""
    return secrets.token_urlsafe(32)


class Registration(TimeStampedModel):
    """A person's registration for an event, confirmed or on the waiting list.

    Anyone may register, also without an account; the e-mail address is the
    person's identity for the event (one active registration per address), and
    the secret ``cancel_token`` in the confirmation e-mail lets them cancel.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("organisation in the actor register"),
    )
    email = models.EmailField(_("e-mail"))
    dietary_needs = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    consent = models.BooleanField(_("consent to store the data for the event"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    waitlist_position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    cancel_token = models.CharField(max_length=64, unique=True, default=new_cancel_token, editable=False)
    #: The language of the form, so that later e-mails speak it too.
    language = models.CharField(_("language"), max_length=8, default="sv")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
        help_text=_("Empty when the person cancelled with the link in their e-mail."),
    )

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["event", "status", "waitlist_position"], name="registration_event_status"),
            models.Index(fields=["event", "name"], name="registration_event_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(condition=Q(consent=True), name="registration_has_consent"),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="waitlist_position_iff_waitlisted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.event.space_id}

    @property
    def organisation_label(self) -> str:
        return self.organisation_name or (self.organisation.name if self.organisation_id and self.organisation else "")

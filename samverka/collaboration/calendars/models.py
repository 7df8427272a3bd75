"""Calendar feeds, external free/busy sources and scheduling polls.

* :class:`FeedToken` — the secret in a member's personal feed address; only its
  SHA-256 hash is stored, so a database leak does not reveal working addresses.
* :class:`FreeBusySource` and :class:`BusyPeriod` — a member's own calendar
  elsewhere (an ICS address or an uploaded .ics file), read only for busy times:
  agencies cannot see each other's calendars, so members bring their own.
* :class:`SchedulingPoll` — proposed times for a body's meeting; invitees answer
  yes / maybe / no and the organiser turns the chosen time into a meeting.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.bodies.models import Body
from samverka.platform.core.querysets import RestrictedQuerySet, rows_in


def hash_token(token: str) -> str:
    """The stored form of a feed token (a random 256-bit secret, so a plain hash suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


class FeedTokenQuerySet(models.QuerySet["FeedToken"]):
    def active(self) -> "FeedTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class FeedToken(models.Model):
    """The secret of one personal calendar address; revoking it makes the address answer 404."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens", verbose_name=_("user")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_active_feed_token_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class SourceKind(models.TextChoices):
    URL = "url", _("Calendar address (ICS)")
    UPLOAD = "upload", _("Uploaded .ics file")


class FreeBusySource(models.Model):
    """A member's external calendar, read only to know when they are busy."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="freebusy_sources", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    label = models.CharField(_("name"), max_length=100)
    url = models.CharField(_("calendar address"), max_length=2000, blank=True)
    #: The uploaded file (kind "upload"), size-limited when uploaded.
    content = models.TextField(_("calendar file"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    last_fetched_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    busy_count = models.PositiveIntegerField(_("busy periods"), default=0)

    class Meta:
        ordering = ["user", "label", "pk"]
        verbose_name = _("free/busy source")
        verbose_name_plural = _("free/busy sources")

    def __str__(self) -> str:
        return self.label


class BusyPeriod(models.Model):
    """A time when the source's owner is busy (no title or details are kept)."""

    source = models.ForeignKey(FreeBusySource, on_delete=models.CASCADE, related_name="busy_periods")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["source", "start", "pk"]
        verbose_name = _("busy period")
        verbose_name_plural = _("busy periods")
        indexes = [models.Index(fields=["source", "start", "end"], name="busy_source_start_end")]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"


class PollStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SchedulingPollQuerySet(RestrictedQuerySet["SchedulingPoll"]):
    def restriction(self, user: Any, action: str) -> Q | None:
        """Polls of the bodies ``user`` may see, and polls ``user`` is invited to."""
        visible = rows_in("body", Body.objects.restrict(user))
        if user is None or not user.is_authenticated:
            return visible
        return visible | Q(pk__in=PollInvitee.objects.filter(user=user).values("poll_id"))


class SchedulingPoll(models.Model):
    """Proposed times for a meeting of a body (a "doodle"), answered by the invitees."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="scheduling_polls", verbose_name=_("body"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("message to the invitees"), blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    status = models.CharField(_("status"), max_length=10, choices=PollStatus.choices, default=PollStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    chosen_option = models.ForeignKey(
        "PollOption", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("chosen time")
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting"),
    )

    objects = SchedulingPollQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scheduling poll")
        verbose_name_plural = _("scheduling polls")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=24 * 60), name="poll_duration_range"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calendars:poll-detail", kwargs={"space": self.body.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.body.space_id}

    @property
    def is_open(self) -> bool:
        return self.status == PollStatus.OPEN


class PollOption(models.Model):
    """One proposed time."""

    poll = models.ForeignKey(SchedulingPoll, on_delete=models.CASCADE, related_name="options")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["poll", "start", "pk"]
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="poll_option_ends_after_start"),
            models.UniqueConstraint(fields=["poll", "start"], name="poll_option_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.poll.body.space_id}


class PollInvitee(models.Model):
    """A person asked to answer a poll (a member of the body, or anyone with an e-mail address)."""

    poll = models.ForeignKey(SchedulingPoll, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    #: Part of the signed answer link; replacing it makes earlier links stop working.
    token_nonce = models.CharField(max_length=32, default="", editable=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["poll", "name", "pk"]
        verbose_name = _("poll invitee")
        verbose_name_plural = _("poll invitees")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.poll.body.space_id}


class PollAnswerChoice(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class PollAnswer(models.Model):
    """An invitee's answer for one proposed time."""

    invitee = models.ForeignKey(PollInvitee, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(_("answer"), max_length=5, choices=PollAnswerChoice.choices)

    class Meta:
        ordering = ["invitee", "option"]
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [models.UniqueConstraint(fields=["invitee", "option"], name="one_answer_per_option")]

    def __str__(self) -> str:
        return f"{self.invitee}: {self.answer}"

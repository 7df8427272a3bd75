"""A meeting of a body, its agenda and documents, who was invited and who came."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.bodies.models import Body
from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet, rows_in
from samverka.platform.core.richtext import RichTextField
from samverka.platform.core.uploads import random_storage_name


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITED = "invited", _("Invitation sent")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingStage(models.TextChoices):
    """Where a meeting is in its lifecycle, derived from facts (see ``Meeting.stage``)."""

    PLANNED = "planned", pgettext_lazy("meeting stage", "Planned")
    INVITED = "invited", pgettext_lazy("meeting stage", "Invitation sent")
    HELD = "held", pgettext_lazy("meeting stage", "Held")
    MINUTES_WRITTEN = "minutes_written", pgettext_lazy("meeting stage", "Minutes being written")
    APPROVED = "approved", pgettext_lazy("meeting stage", "Minutes approved")
    PUBLISHED = "published", pgettext_lazy("meeting stage", "Minutes published")
    CANCELLED = "cancelled", pgettext_lazy("meeting stage", "Cancelled")


class MeetingQuerySet(RestrictedQuerySet["Meeting"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Meetings of the bodies ``user`` may see (the body's visibility decides)."""
        return rows_in("body", Body.objects.restrict(user))

    def not_cancelled(self) -> "MeetingQuerySet":
        return self.exclude(status=MeetingStatus.CANCELLED)

    def with_stage(self) -> "MeetingQuerySet":
        """Annotate what ``Meeting.stage`` needs (minutes begun, minutes approved) in the same query."""
        from samverka.collaboration.meetings.models.minutes import MinutesVersion

        versions = MinutesVersion.objects.filter(meeting=OuterRef("pk"))
        return self.annotate(
            minutes_begun=Exists(versions), minutes_approved=Exists(versions.filter(approved_at__isnull=False))
        )


class Meeting(TimeStampedModel):
    """One meeting of a body: when and where, who chairs, approves and keeps the minutes."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body"))
    title = models.CharField(_("title"), max_length=255)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("Address and room."))
    online_url = models.URLField(
        _("online meeting link"), max_length=500, blank=True, help_text=_("A link to join on-line, if any.")
    )
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Raised at every change calendars must pick up (ICS SEQUENCE).")
    )
    is_public = models.BooleanField(
        _("publish the minutes"),
        default=False,
        help_text=_("Approved minutes are shown to everyone, also visitors who are not logged in."),
    )
    chair = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("chair")
    )
    secretary = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes taken by"),
    )
    adjuster = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adjuster"),
        help_text=_("The person appointed to approve the minutes together with the chair (justerare)."),
    )
    invitation_message = models.TextField(_("message in the invitation"), blank=True)
    details_public = models.BooleanField(
        _("public online link and message"),
        default=False,
        help_text=_(
            "The online link and the message in the invitation are internal: only the body's members, the "
            "invitees and the space's participants see them. Tick to show them to everyone."
        ),
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["body", "start"], name="meeting_body_start"),
            models.Index(fields=["status", "start"], name="meeting_status_start"),
            # The API's keyset pages (ordered by start, id) at any depth.
            models.Index(fields=["start", "id"], name="meeting_start_id"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", kwargs={"space": self.body.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.body.space_id}

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_ended(self) -> bool:
        return self.end < timezone.now()

    def _minutes_facts(self) -> tuple[bool, bool]:
        begun = getattr(self, "minutes_begun", None)
        approved = getattr(self, "minutes_approved", None)
        if approved is None:
            approved = getattr(self, "minutes_published", None)  # the minutes pages' annotation
        if begun is None or approved is None:
            versions = list(self.minutes_versions.values_list("approved_at", flat=True))
            begun, approved = bool(versions), any(moment is not None for moment in versions)
            self.minutes_begun, self.minutes_approved = begun, approved
        return bool(begun), bool(approved)

    @property
    def stage(self) -> str:
        """The lifecycle stage from the facts: cancelled; else approved minutes (published when the
        meeting is public); else minutes begun; else held once it has ended; else invited or planned.

        Querysets annotated by ``MeetingQuerySet.with_stage()`` answer without a query."""
        if self.is_cancelled:
            return MeetingStage.CANCELLED
        begun, approved = self._minutes_facts()
        if approved:
            return MeetingStage.PUBLISHED if self.is_public else MeetingStage.APPROVED
        if begun:
            return MeetingStage.MINUTES_WRITTEN
        if self.has_ended:
            return MeetingStage.HELD
        if self.invited_at is not None:
            return MeetingStage.INVITED
        return MeetingStage.PLANNED

    def get_stage_display(self) -> str:
        return str(MeetingStage(self.stage).label)


class AgendaKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")


class AgendaItemQuerySet(RestrictedQuerySet["AgendaItem"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Agenda items of the meetings ``user`` may see."""
        return rows_in("meeting", Meeting.objects.restrict(user))


class AgendaItem(models.Model):
    """A point on the agenda (dagordning). The standing follow-up item lists the body's open
    decisions and action items, computed when shown."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=AgendaKind.choices, default=AgendaKind.INFORMATION)
    is_follow_up = models.BooleanField(_("standing follow-up item"), default=False)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(is_follow_up=True), name="one_follow_up_item_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__lte=24 * 60),
                name="agenda_item_duration_max_a_day",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.meeting.body.space_id}


def _document_path(instance: "AgendaDocument", filename: str) -> str:
    # A random name: the original (sanitised) name is only shown, never used as a path.
    return random_storage_name(f"meetings/{instance.agenda_item.meeting_id}", filename)


class AgendaDocument(models.Model):
    """A document attached to an agenda item, checked by content, size and name on upload."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agenda item")
    )
    file = models.FileField(_("file"), upload_to=_document_path, max_length=255)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Internal by default: only the body's members, the invitees and the space's participants may "
            "download it. Tick to show it to everyone who sees the agenda."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["agenda_item", "name", "pk"]
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.agenda_item.meeting.body.space_id}


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered")
    YES = "yes", _("Attending")
    NO = "no", _("Not attending")
    MAYBE = "maybe", _("Maybe")


class Invitation(models.Model):
    """One person invited to a meeting, and their answer (also given from the e-mail, by token)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    role_label = models.CharField(_("role"), max_length=100, blank=True)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    substitute_name = models.CharField(_("substitute"), max_length=200, blank=True)
    substitute_email = models.EmailField(_("substitute's e-mail"), blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    #: Part of the signed answer token; replacing it makes earlier links stop working.
    token_nonce = models.CharField(max_length=32, default="", editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "name", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["meeting", "email"], name="one_invitation_per_address")]
        indexes = [
            models.Index(fields=["user", "answer"], name="invitation_user_answer"),
            models.Index(fields=["contact"], name="invitation_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.meeting.body.space_id}


class Attendance(models.Model):
    """Who was present (närvarande), recorded by the secretary with the minutes."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    role_label = models.CharField(_("role"), max_length=100, blank=True)
    present = models.BooleanField(_("present"), default=True)
    substitute_for = models.CharField(_("substitute for"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "-present", "name", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "contact"], condition=Q(contact__isnull=False), name="one_attendance_per_person"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.meeting.body.space_id}

"""Decisions (numbered per body and year, e.g. 2026:3) and action items, followed up until closed."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.collaboration.actors.models import Contact, Organisation, contact_ids_of
from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings.models.meetings import AgendaItem, Meeting
from samverka.platform.core.querysets import RestrictedQuerySet, rows_in


class FollowUpState(models.TextChoices):
    """How a decision or an action item reads in the follow-up: open, overdue or done."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
    #: A decision without a due date is not followed up.
    NOT_FOLLOWED = "not_followed", _("Not followed up")


class _FollowUpQuerySet(RestrictedQuerySet[Any]):
    def restriction(self, user: Any, action: str) -> Q:
        """Decisions and action items of the bodies ``user`` may see."""
        return rows_in("body", Body.objects.restrict(user))

    def open(self) -> Any:  # each kind says what "open" means
        raise NotImplementedError

    def overdue(self, today: date | None = None) -> Any:
        return self.open().filter(due_date__lt=today or timezone.localdate())


class DecisionQuerySet(_FollowUpQuerySet):
    def open(self) -> "DecisionQuerySet":
        """Decisions still followed up: with a due date and not closed."""
        return self.filter(due_date__isnull=False, closed_at__isnull=True)


class Decision(models.Model):
    """A decision of a body, numbered ``year:number`` per body (allocated without gaps or races)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("body"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("decision"))
    responsible_contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("responsible person")
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"))
    #: From when the decision is followed up (the meeting's start, or when it was recorded).
    opened_at = models.DateTimeField(_("followed up from"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closing_note = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-year", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [models.UniqueConstraint(fields=["body", "year", "number"], name="decision_number_per_body_year")]
        indexes = [
            models.Index(fields=["body", "closed_at", "due_date"], name="decision_follow_up"),
            models.Index(fields=["due_date"], name="decision_due"),
            # The API's keyset pages (newest year and number first), read backwards.
            models.Index(fields=["year", "number", "id"], name="decision_year_number_id"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}"

    @property
    def label(self) -> str:
        return f"{self.year}:{self.number}"

    @property
    def is_open(self) -> bool:
        return self.due_date is not None and self.closed_at is None

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < (today or timezone.localdate())

    @property
    def state(self) -> str:
        """Done when closed; else overdue or open when it has a due date; else not followed up."""
        if self.closed_at is not None:
            return FollowUpState.DONE
        if self.due_date is None:
            return FollowUpState.NOT_FOLLOWED
        return FollowUpState.OVERDUE if self.is_overdue() else FollowUpState.OPEN

    def get_state_display(self) -> str:
        return str(DECISION_STATE_LABELS[self.state])

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.body.space_id}


#: A decision's state in words (Swedish "beslut" is neuter: öppet, försenat, genomfört).
DECISION_STATE_LABELS: dict[str, Any] = {
    FollowUpState.OPEN: pgettext_lazy("decision state", "Open"),
    FollowUpState.OVERDUE: pgettext_lazy("decision state", "Overdue"),
    FollowUpState.DONE: pgettext_lazy("decision state", "Done"),
    FollowUpState.NOT_FOLLOWED: pgettext_lazy("decision state", "Not followed up"),
}


class DecisionCounter(models.Model):
    """The last decision number given per body and year; locked while the next one is taken."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="one_decision_counter_per_year")]

    def __str__(self) -> str:
        return f"{self.body_id}:{self.year}:{self.last}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ActionItemQuerySet(_FollowUpQuerySet):
    def open(self) -> "ActionItemQuerySet":
        return self.exclude(status=ActionStatus.DONE)

    def restriction(self, user: Any, action: str) -> Q:
        """Action items of visible bodies, and one's own wherever they are."""
        condition = super().restriction(user, action)
        if user is not None and user.is_authenticated:
            condition |= Q(owner_user=user) | Q(owner_contact__in=contact_ids_of(user))
        return condition

    def owned_by(self, user: Any) -> "ActionItemQuerySet":
        return self.filter(Q(owner_user=user) | Q(owner_contact__in=contact_ids_of(user)))


class ActionItem(models.Model):
    """Something someone is to do, by a date; carried onto the body's next agendas until done."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("body"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("decision"),
    )
    title = models.CharField(_("what is to be done"), max_length=255)
    description = models.TextField(_("details"), blank=True)
    owner_contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_action_items",
        verbose_name=_("owner (user account)"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    opened_at = models.DateTimeField(_("followed up from"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_contact__isnull=False) | Q(owner_user__isnull=False), name="action_item_has_owner"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_at__isnull=False), name="done_action_item_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status", "due_date"], name="action_item_follow_up"),
            models.Index(fields=["owner_user", "status"], name="action_item_owner_user"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < (today or timezone.localdate())

    @property
    def state(self) -> str:
        """Done; else overdue when the due date has passed; else in progress or open."""
        if self.status == ActionStatus.DONE:
            return FollowUpState.DONE
        if self.is_overdue():
            return FollowUpState.OVERDUE
        return FollowUpState.IN_PROGRESS if self.status == ActionStatus.IN_PROGRESS else FollowUpState.OPEN

    def get_state_display(self) -> str:
        return str(FollowUpState(self.state).label)

    @property
    def owner_name(self) -> str:
        if self.owner_contact_id:
            return self.owner_contact.name if self.owner_contact else ""
        return str(self.owner_user) if self.owner_user else ""

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.body.space_id}


class ReminderLog(models.Model):
    """Reminders already queued, by key (item and due date), so a reminder is sent once."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key

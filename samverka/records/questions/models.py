"""Questions, requests and education orders that one body raises to another (seed 004 ch. 6.4.4, app. 6).

A question goes ``open`` → ``accepted`` → ``answered`` (or ``delivered`` for an education order), or is
``escalated`` one level up the parent chain (it continues as a new question linked by ``escalated_from``)
or ``withdrawn`` by the asker. Nothing may be left hanging: open items carry a due date, overdue ones are
shown on both bodies' pages and reminded by e-mail.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet, rows_in


class QuestionKind(models.TextChoices):
    QUESTION = "question", _("Question")
    REQUEST = "request", _("Request")
    EDUCATION_ORDER = "education_order", _("Education order")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    ANSWERED = "answered", _("Answered")
    DELIVERED = "delivered", _("Delivered")
    ESCALATED = "escalated", _("Escalated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses in which the receiving body still owes something.
PENDING_STATUSES = frozenset({QuestionStatus.OPEN, QuestionStatus.ACCEPTED})


class QuestionQuerySet(RestrictedQuerySet["Question"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Questions where the user may see the asking or the receiving body."""
        from samverka.collaboration.bodies.models import Body

        visible = Body.objects.restrict(user)
        return rows_in("from_body", visible) | rows_in("to_body", visible)

    def pending(self) -> "QuestionQuerySet":
        return self.filter(status__in=PENDING_STATUSES)

    def overdue(self, today: date | None = None) -> "QuestionQuerySet":
        return self.pending().filter(due_on__lt=today or timezone.localdate())


class Question(TimeStampedModel):
    """A question, request or education order from one body to another in the same space."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    from_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="questions_asked", verbose_name=_("asked by")
    )
    to_body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="questions_received", verbose_name=_("asked to")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.QUESTION)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=QuestionStatus.choices, default=QuestionStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    escalated_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_to",
        verbose_name=_("escalated from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [
            models.Index(fields=["space", "status", "due_on"], name="question_space_status_due"),
            models.Index(fields=["to_body", "status", "due_on"], name="question_to_status_due"),
            models.Index(fields=["from_body", "status", "due_on"], name="question_from_status_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(from_body=models.F("to_body")), name="question_not_to_itself"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("questions:question-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_pending and self.due_on < (today or timezone.localdate())


class EventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    ACCEPTED = "accepted", _("Accepted")
    ANSWERED = "answered", _("Answered")
    DELIVERED = "delivered", _("Delivered")
    ESCALATED = "escalated", _("Escalated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ANSWERED_ABOVE = "answered_above", _("Answered further up")


class QuestionEvent(models.Model):
    """One step in a question's life, with who took it and what they wrote."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    text = models.TextField(_("text"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("question event")
        verbose_name_plural = _("question events")

    def __str__(self) -> str:
        return f"{self.question_id} {self.kind}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.question.space_id}

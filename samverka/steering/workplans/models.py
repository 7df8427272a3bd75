"""A body's yearly work plan, its activities and their horizontal-perspective assessments.

A project's work plan doubles as its assignment description (uppdragsbeskrivning) and,
at year end, its final report (slutrapport) — seed 001 ch. 5–6. Which regions take part in a
project, and how, is read from the project's memberships (bodies.Membership.participation_model).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet, rows_in


class WorkPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    CLOSED = "closed", _("Closed")


class Perspective(models.TextChoices):
    """The four horizontal perspectives every activity is assessed against."""

    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    ACCESSIBILITY = "accessibility", _("Accessibility")
    NON_DISCRIMINATION = "non_discrimination", _("Non-discrimination")
    ENVIRONMENT = "environment", _("Environmental sustainability")


def _visible_bodies(user: Any) -> Any:
    from samverka.collaboration.bodies.models import Body

    return Body.objects.restrict(user)


class WorkPlanQuerySet(RestrictedQuerySet["WorkPlan"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Work plans of the bodies ``user`` may see."""
        return rows_in("body", _visible_bodies(user))


class WorkPlan(TimeStampedModel):
    """What a body plans to do in a year (and, for a project, its assignment and final report)."""

    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="work_plans", verbose_name=_("body"))
    year = models.PositiveSmallIntegerField(_("year"))
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=WorkPlanStatus.choices, default=WorkPlanStatus.DRAFT)
    # Assignment description (uppdragsbeskrivning).
    goals_text = models.TextField(_("goals"), blank=True, help_text=_("What the work should achieve."))
    expected_results = models.TextField(_("expected results"), blank=True)
    regional_rationale = models.TextField(
        _("regional perspective: why these regions and participation models"),
        blank=True,
        help_text=_("Which regions take part is read from the project's members; explain the choice here."),
    )
    adopted_at = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    # Final report (slutrapport).
    final_summary = models.TextField(_("what was done"), blank=True)
    final_results = models.TextField(_("results against expected results"), blank=True)
    final_perspectives = models.TextField(_("horizontal perspectives in practice"), blank=True)
    final_lessons = models.TextField(_("lessons learned"), blank=True)
    closed_at = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="workplan_body_year_unique"),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="closed_workplan_has_date"
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="workplan_year_status")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "workplans:plan-detail", kwargs={"space": self.body.space.slug, "body": self.body_id, "pk": self.pk}
        )

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.body.space_id}

    @property
    def is_closed(self) -> bool:
        return self.status == WorkPlanStatus.CLOSED

    @property
    def has_final_report(self) -> bool:
        """A final report needs at least what was done and the results."""
        return bool(self.final_summary.strip() and self.final_results.strip())


class ActivityQuerySet(RestrictedQuerySet["Activity"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Activities of the work plans of the bodies ``user`` may see."""
        return rows_in("work_plan__body", _visible_bodies(user))


class Activity(TimeStampedModel):
    """One activity of a work plan."""

    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("work plan")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    starts = models.DateField(_("starts"), null=True, blank=True)
    ends = models.DateField(_("ends"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    responsible_contact = models.ForeignKey(
        "actors.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    expected_result = models.TextField(_("expected result"), blank=True)
    result_goals = models.ManyToManyField(
        "goals.Goal", blank=True, related_name="activities", verbose_name=_("result goals")
    )
    outcome = models.TextField(
        _("what was done"), blank=True, help_text=_("For the final report: what was done and what it led to.")
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["work_plan", "position", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["work_plan", "position"], name="activity_plan_position")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(starts__isnull=True) | Q(ends__gte=models.F("starts")),
                name="activity_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.work_plan.body.space_id}


class PerspectiveAssessment(TimeStampedModel):
    """How an activity addresses one horizontal perspective, or why it is not relevant."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="perspectives", verbose_name=_("activity")
    )
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    relevant = models.BooleanField(_("relevant"), default=True)
    motivation = models.TextField(
        _("motivation"), help_text=_("How the activity addresses the perspective, or why it is not relevant.")
    )

    class Meta:
        ordering = ["activity", "perspective"]
        verbose_name = _("perspective assessment")
        verbose_name_plural = _("perspective assessments")
        constraints = [
            models.UniqueConstraint(fields=["activity", "perspective"], name="perspective_activity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_perspective_display()}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.activity.work_plan.body.space_id}

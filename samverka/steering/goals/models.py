"""Effect and result goals of a space per year, their metrics and measured values.

A goal is adopted for one year. At the yearly revision every goal of the year is
copied to the next year (``previous`` points to last year's version and ``lineage``
stays the same), so the same goal can be followed across years.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.core.richtext import RichTextField
from samverka.platform.spaces.visibility import insider_rows


class GoalKind(models.TextChoices):
    EFFECT = "effect", _("Effect goal")
    RESULT = "result", _("Result goal")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class GoalAssessment(models.TextChoices):
    """The secretariat's assessment of how a goal is going (like Region Örebro's public follow-up)."""

    ON_TRACK = "green", _("On track")
    AT_RISK = "yellow", _("At risk")
    OFF_TRACK = "red", _("Off track")


#: A symbol per assessment so that it is never told by colour alone (the same as the status-report lights).
ASSESSMENT_SYMBOLS = {"green": "●", "yellow": "▲", "red": "■"}


class GoalQuerySet(RestrictedQuerySet["Goal"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Public goals for everyone; all goals of a space for its insiders and platform admins."""
        return Q(is_public=True) | insider_rows(user)

    def result_goals(self) -> "GoalQuerySet":
        return self.filter(kind=GoalKind.RESULT)

    def effect_goals(self) -> "GoalQuerySet":
        return self.filter(kind=GoalKind.EFFECT)

    def active(self) -> "GoalQuerySet":
        return self.filter(status=GoalStatus.ACTIVE)


class Goal(TimeStampedModel):
    """An effect goal (what the collaboration wants to achieve) or a result goal under it."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="goals", verbose_name=_("space"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    kind = models.CharField(_("kind"), max_length=10, choices=GoalKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="result_goals_set",
        verbose_name=_("effect goal"),
        help_text=_("The effect goal a result goal contributes to."),
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example E1 or R1.2."))
    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the space's public goal dashboard.")
    )
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    retired_reason = models.TextField(_("why retired"), blank=True)
    lineage = models.UUIDField(
        _("lineage"), default=uuid.uuid4, db_index=True, help_text=_("The same goal across years.")
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("last year's version"),
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("decision"),
        help_text=_("The decision that adopted the goal."),
    )
    change_note = models.TextField(
        _("what changed and why"),
        blank=True,
        help_text=_("How the goal was revised from last year's version, and why."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    assessment = models.CharField(
        _("assessment"),
        max_length=10,
        choices=GoalAssessment.choices,
        blank=True,
        help_text=_("How the goal is going, in the secretariat's judgement; shown with the goal."),
    )
    assessment_note = models.TextField(_("basis of the assessment"), blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["space", "year", "position", "code"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["space", "year", "code"], name="goal_code_per_space_year"),
            models.UniqueConstraint(fields=["lineage", "year"], name="goal_lineage_once_per_year"),
            models.CheckConstraint(
                condition=Q(kind="effect", parent__isnull=True) | Q(kind="result"),
                name="goal_effect_has_no_parent",
            ),
        ]
        indexes = [
            models.Index(fields=["space", "year", "kind"], name="goal_space_year_kind"),
            models.Index(fields=["space", "is_public"], name="goal_space_public"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("goals:goal-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

    @property
    def assessment_symbol(self) -> str:
        return ASSESSMENT_SYMBOLS.get(self.assessment, "")

    @property
    def is_effect(self) -> bool:
        return self.kind == GoalKind.EFFECT

    @property
    def is_retired(self) -> bool:
        return self.status == GoalStatus.RETIRED

    def clean(self) -> None:
        super().clean()
        errors = parent_errors(self)
        if errors:
            raise ValidationError(errors)


def parent_errors(goal: Goal) -> dict[str, str]:
    """What is wrong with ``goal``'s parent: a result goal needs an effect goal of the same space and year."""
    if goal.kind == GoalKind.EFFECT:
        if goal.parent_id is not None:
            return {"parent": str(_("An effect goal cannot belong to another goal."))}
        return {}
    if goal.kind != GoalKind.RESULT:
        return {}
    parent = goal.parent if goal.parent_id is not None else None
    if parent is None:
        return {"parent": str(_("Choose the effect goal this result goal contributes to."))}
    if parent.kind != GoalKind.EFFECT:
        return {"parent": str(_("A result goal must belong to an effect goal."))}
    if parent.space_id != goal.space_id or parent.year != goal.year:
        return {"parent": str(_("The effect goal must belong to the same space and year."))}
    return {}


class Metric(TimeStampedModel):
    """Something measured to follow a goal, with a baseline and a target."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="metrics", verbose_name=_("goal"))
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example %, persons or SEK."))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["goal", "position", "pk"]
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.goal.space_id}

    @property
    def progress(self) -> int | None:
        """How far the latest value (``latest_value``, annotated by the selectors) has come from the
        baseline to the target, in whole per cent (0–100); None without baseline, target or value."""
        latest = getattr(self, "latest_value", None)
        if latest is None or self.baseline is None or self.target is None or self.target == self.baseline:
            return None
        share = (Decimal(latest) - self.baseline) / (self.target - self.baseline) * 100
        return max(0, min(100, round(share)))


class MetricValue(models.Model):
    """A measured value of a metric on a day."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="values", verbose_name=_("metric"))
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["metric", "measured_on"]
        verbose_name = _("metric value")
        verbose_name_plural = _("metric values")
        constraints = [models.UniqueConstraint(fields=["metric", "measured_on"], name="metric_value_once_per_day")]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.metric.goal.space_id}

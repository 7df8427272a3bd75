"""Status reports (lägesbedömning, seed 001 ch. 5): a round opened by the secretariat, one report per
adopted work plan, a traffic light per activity and per expected result, the steering group's feedback,
and a log of every reopening and correction."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.core.richtext import RichTextField
from samverka.platform.spaces.visibility import insider_rows


class RoundState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    APPROVED = "approved", _("Approved")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


#: What each light means; shown next to every choice, in the legend and in the exports.
LIGHT_CRITERIA = {
    Light.GREEN: _("Going to plan: the activity is carried out and the result will be reached as planned."),
    Light.YELLOW: _("At risk: deviations from the plan; action is needed to reach the result."),
    Light.RED: _("Will not be met: the activity or result cannot be reached without a decision by the steering group."),
}

#: A symbol per light so that no light is told by colour alone.
LIGHT_SYMBOLS = {Light.GREEN: "●", Light.YELLOW: "▲", Light.RED: "■", "": "○"}


def _steering_group_spaces(user: Any) -> Any:
    """The spaces where ``user`` sits in a steering group (a membership not ended), as a subquery."""
    from samverka.collaboration.bodies.models import Body, BodyKind
    from samverka.collaboration.bodies.permissions import body_seats

    seats = body_seats(user)["member"]
    return Body.objects.filter(pk__in=sorted(seats), kind=BodyKind.STEERING_GROUP).values("space_id")


def _led_bodies(user: Any) -> list[int]:
    from samverka.collaboration.bodies.permissions import body_seats

    return sorted(body_seats(user)["leader"])


class StatusRoundQuerySet(RestrictedQuerySet["StatusRound"]):
    def restriction(self, user: Any, action: str) -> Q:
        """The rounds of the spaces where ``user`` is an insider, sits in a steering group or leads a
        group (a leader sees their own reports listed under their rounds; ``statusreports.view_round_list``).
        Opening a round's page and its overview is ``statusreports.view_rounds``."""
        from samverka.collaboration.bodies.models import Body

        condition = insider_rows(user) | Q(space_id__in=_steering_group_spaces(user))
        led = _led_bodies(user)
        if led:
            condition |= Q(space_id__in=Body.objects.filter(pk__in=led).values("space_id"))
        return condition


class StatusReportQuerySet(RestrictedQuerySet["StatusReport"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Every report of a space for its insiders and the members of its steering group; a group's
        leaders see their group's own reports (``statusreports.view_status_report``)."""
        condition = insider_rows(user, "round__space") | Q(round__space_id__in=_steering_group_spaces(user))
        led = _led_bodies(user)
        if led:
            condition |= Q(work_plan__body_id__in=led)
        return condition


class StatusRound(TimeStampedModel):
    """One round of status reports in a space, e.g. "Våren 2027"."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, related_name="status_rounds", verbose_name=_("space")
    )
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("work plan year"))
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=RoundState.choices, default=RoundState.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = StatusRoundQuerySet.as_manager()

    class Meta:
        ordering = ["space", "-opens_on", "-pk"]
        verbose_name = _("status round")
        verbose_name_plural = _("status rounds")
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="statusround_name_per_space"),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")), name="round_deadline_after_open"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("statusreports:round-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class StatusReport(TimeStampedModel):
    """A working group's or project's status report in one round (for its work plan)."""

    round = models.ForeignKey(StatusRound, on_delete=models.CASCADE, related_name="reports", verbose_name=_("round"))
    work_plan = models.ForeignKey(
        "workplans.WorkPlan", on_delete=models.PROTECT, related_name="status_reports", verbose_name=_("work plan")
    )
    state = models.CharField(_("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT)
    description = RichTextField(
        _("deeper description"),
        blank=True,
        help_text=_("The deeper description of the assessment: what has happened, risks and what is needed."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopened_count = models.PositiveIntegerField(_("times reopened"), default=0)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        ordering = ["round", "work_plan__body__name"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [models.UniqueConstraint(fields=["round", "work_plan"], name="statusreport_one_per_plan")]

    def __str__(self) -> str:
        return f"{self.round}: {self.work_plan.body}"

    @property
    def body(self) -> Any:
        return self.work_plan.body

    def get_absolute_url(self) -> str:
        return reverse(
            "statusreports:report-detail",
            kwargs={"space": self.round.space.slug, "round": self.round_id, "pk": self.pk},
        )

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.round.space_id}


class ActivityStatus(models.Model):
    """The lights and comments for one activity and its expected result."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="statuses")
    # PROTECT: an activity that has been assessed stays, so an approved round never loses a row.
    activity = models.ForeignKey("workplans.Activity", on_delete=models.PROTECT, related_name="statuses")
    light_activity = models.CharField(_("activity light"), max_length=10, choices=Light.choices, blank=True)
    light_result = models.CharField(_("expected result light"), max_length=10, choices=Light.choices, blank=True)
    comment_activity = models.TextField(_("comment on the activity"), blank=True)
    comment_result = models.TextField(_("comment on the expected result"), blank=True)

    class Meta:
        ordering = ["report", "activity__position", "activity_id"]
        verbose_name = _("activity status")
        verbose_name_plural = _("activity statuses")
        constraints = [models.UniqueConstraint(fields=["report", "activity"], name="activitystatus_one_per_report")]

    def __str__(self) -> str:
        return f"{self.report_id}/{self.activity_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.report.round.space_id}


class Feedback(models.Model):
    """The steering group's feedback to a group on its report; the group's leaders see it."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField(_("feedback"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return self.text[:60]

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.report.round.space_id}


class EventKind(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    REOPEN = "reopen", _("Reopened")
    REVIEW = "review", _("Reviewed")
    CORRECTION = "correction", _("Corrected after approval")


class ReportEvent(models.Model):
    """The log of a report: submissions, reopenings and corrections, each with who and why."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=12, choices=EventKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.report.round.space_id}

"""Inputs (inspel) from the regions and others, how each was considered, the feedback reports
sent back to the regions after the goal decision, and the evaluation of a new structure.

The yearly cycle (seed 000 ch. 2.3): the regions' focus group in Regional kontakt gives input in
December, the steering group prepares goals in January–February, the goals are decided in March;
then the secretariat tells each region what was decided and how its input was considered (the
feedback report), and a follow-up meeting is held in May.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.core.richtext import RichTextField
from samverka.platform.core.uploads import random_storage_name
from samverka.platform.spaces.visibility import insider_rows


class Channel(models.TextChoices):
    FOCUS_GROUP = "focus_group", _("The regions' focus group in Regional kontakt")
    NETWORK = "network", _("The network for regional competence supply")
    SUPPLY_DAYS = "supply_days", _("Kompetensförsörjningsdagarna")
    SURVEY = "survey", _("Survey")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    # "inspel" is neuter in Swedish: the context keeps these apart from a work plan's "Adopted".
    ADOPTED = "adopted", pgettext_lazy("consideration of an input", "Adopted")
    PARTLY = "partly", pgettext_lazy("consideration of an input", "Partly adopted")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("consideration of an input", "Not adopted")


#: Outcomes that must carry a reason.
OUTCOMES_NEEDING_REASON = frozenset({Outcome.PARTLY, Outcome.NOT_ADOPTED})


class _InsidersOnlyQuerySet(RestrictedQuerySet[Any]):
    def restriction(self, user: Any, action: str) -> Q:
        """Internal to the space: its insiders (not guests) and platform admins see the rows."""
        return insider_rows(user)


class InputQuerySet(_InsidersOnlyQuerySet):
    """Inputs are internal: the space's insiders (not guests) and platform admins see them."""


class Input(TimeStampedModel):
    """One input (inspel) from a region or another organisation, received through a channel."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="inputs", verbose_name=_("space"))
    source_organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        related_name="inputs",
        verbose_name=_("from (region or organisation)"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    goal_year = models.PositiveSmallIntegerField(
        _("goal year"), help_text=_("The year whose goals and priorities the input concerns.")
    )
    topic = models.CharField(_("topic"), max_length=255)
    text = RichTextField(_("input"), blank=True)
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="inputs", verbose_name=_("goals"))
    decisions = models.ManyToManyField(
        "meetings.Decision", blank=True, related_name="inputs", verbose_name=_("decisions")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InputQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        indexes = [
            models.Index(fields=["space", "goal_year", "source_organisation"], name="input_space_year_org"),
            models.Index(fields=["space", "received_on"], name="input_space_received"),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("inputs:input-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


def _attachment_path(instance: "InputAttachment", filename: str) -> str:
    # A random name: the original (sanitised) name is only shown, never used as a path.
    return random_storage_name(f"inputs/{instance.input_id}", filename)


class InputAttachment(models.Model):
    """A document that came with an input, checked by content, size and name on upload."""

    input = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("input"))
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["input", "name", "pk"]
        verbose_name = _("input attachment")
        verbose_name_plural = _("input attachments")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.input.space_id}


class Consideration(TimeStampedModel):
    """How an input was considered: adopted, partly adopted (with a reason) or not adopted (with a reason)."""

    input = models.OneToOneField(Input, on_delete=models.CASCADE, related_name="consideration", verbose_name=_("input"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("consideration")
        verbose_name_plural = _("considerations")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="adopted") | ~Q(reason=""), name="consideration_reason_unless_adopted"
            )
        ]

    def __str__(self) -> str:
        return f"{self.input_id}: {self.outcome}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.input.space_id}


class FeedbackReportQuerySet(_InsidersOnlyQuerySet):
    """Feedback reports are internal to the space until sent."""


class FeedbackReport(TimeStampedModel):
    """What was decided and how one organisation's inputs were considered, for one goal year.

    ``content`` is the snapshot taken when the report was generated, so the page, the PDF and
    the e-mail show the same thing even if a consideration changes later (generate again then).
    """

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="feedback_reports", verbose_name=_("space")
    )
    year = models.PositiveSmallIntegerField(_("goal year"))
    organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, related_name="feedback_reports", verbose_name=_("organisation")
    )
    content = models.JSONField(_("content"), default=dict)
    version = models.PositiveIntegerField(_("version"), default=1)
    generated_at = models.DateTimeField(_("generated at"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_to_count = models.PositiveIntegerField(_("sent to"), default=0)
    follow_up_on = models.DateField(_("follow-up meeting"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up notes"), blank=True)

    objects = FeedbackReportQuerySet.as_manager()

    class Meta:
        ordering = ["space", "-year", "organisation__name"]
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        constraints = [
            models.UniqueConstraint(fields=["space", "year", "organisation"], name="feedback_report_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.organisation_id}"

    def get_absolute_url(self) -> str:
        return reverse("inputs:feedback-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


def default_evaluation_questions() -> list[str]:
    """The questions after one year proposed in seed 000 ch. 3.2 (Swedish: what the users use)."""
    return [
        "Hur har det regionala perspektivet integrerats i MSV KLL?",
        "Hur upplever regionerna samverkan med myndigheterna?",
        "Hur upplever myndigheterna att samverkan med regionerna fungerar?",
        "Upplever MSV KLL:s styrgrupp att regionernas inspel varit användbara och relevanta?",
        "Har mötesstrukturen för de strategiska samtalen mellan MSV KLL och RUA fungerat bra?",
    ]


class EvaluationQuerySet(_InsidersOnlyQuerySet):
    """Evaluations are internal to the space."""


class Evaluation(TimeStampedModel):
    """The evaluation of a new structure or way of working after one year (seed 000 ch. 3.2)."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("space")
    )
    structure_name = models.CharField(_("what is evaluated"), max_length=255)
    criteria = models.TextField(_("criteria"), blank=True)
    responsible = models.CharField(
        _("responsible"), max_length=255, blank=True, help_text=_("For example: the secretariat with Tillväxtverket.")
    )
    responsible_contact = models.ForeignKey(
        "actors.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    questions = models.JSONField(_("questions"), default=default_evaluation_questions)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["space", "-due_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.structure_name

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

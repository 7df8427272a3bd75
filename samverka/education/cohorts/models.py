"""Cohort follow-up: how many of those who started an offering completed it, and what they did afterwards.

A *cohort* (kohort, årskull) is the people who started one offering of the catalogue in one term of one year
(``Cohort``: offering × start year × term, HT or VT). An upper-secondary (GY) cohort is a programme at a school
unit (the offering's education and provider) in a municipality × start year: it starts in the autumn only
and is followed up in Skolverket's establishment scheme, not SCB's YH follow-up. It counts applicants, admitted, started, those still
active after each year, those who completed with and without a degree and those who dropped out.

- ``CohortBreakdown``: the started and completed of a cohort split by sex and by age band; each split adds up
  to at most the cohort's counts.
- ``CohortOutcome``: what the cohort did at a fixed horizon (1, 3 or 5 years) in one official scheme —
  Skolverket's establishment status after upper secondary, or SCB's follow-up of YH (main occupation work
  and how well the work matches the education) — with its figures as ``CohortOutcomeFigure`` rows (category
  → count). Local figures (the provider's report, an own survey) and official ones (SCB, Skolverket, MYH) of
  the same horizon sit side by side: an outcome is unique per cohort × horizon × scheme × source.

Every cohort and outcome carries its provenance (``Provenance``): source, method (register or survey, with
the response rate of a survey), provisional or final, a quality flag and a comment.

Rows are for the space's insiders. Everything that leaves the insiders' pages (exports, the API) is read
through ``selectors.follow_up_table``, which masks every cell below the space's k.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.spaces.visibility import insider_rows

#: The catalogue's school type of upper secondary school (``catalogue.SchoolType.GY``).
UPPER_SECONDARY = "GY"


class Term(models.TextChoices):
    AUTUMN = "HT", _("Autumn term (HT)")
    SPRING = "VT", _("Spring term (VT)")


class Source(models.TextChoices):
    PROVIDER = "provider", _("Provider's report")
    SCB = "scb", _("Statistics Sweden (SCB)")
    SKOLVERKET = "skolverket", _("Skolverket")
    MYH = "myh", _("Swedish National Agency for Higher Vocational Education (MYH)")
    SURVEY = "survey", _("Own survey")

    @classmethod
    def official(cls) -> frozenset[str]:
        return frozenset({cls.SCB, cls.SKOLVERKET, cls.MYH})


class Method(models.TextChoices):
    REGISTER = "register", _("Register")
    SURVEY = "survey", _("Survey")


class Status(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class Quality(models.TextChoices):
    OK = "ok", _("Good")
    UNCERTAIN = "uncertain", _("Uncertain")
    POOR = "poor", _("Poor")


class Group(models.TextChoices):
    """The groups of a breakdown: by sex, or by age band at the start."""

    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    AGE_19 = "age_-19", _("19 or younger")
    AGE_20_24 = "age_20-24", _("20–24 years")
    AGE_25_34 = "age_25-34", _("25–34 years")
    AGE_35_44 = "age_35-44", _("35–44 years")
    AGE_45 = "age_45-", _("45 or older")


SEX_GROUPS = (Group.WOMEN, Group.MEN)
AGE_GROUPS = (Group.AGE_19, Group.AGE_20_24, Group.AGE_25_34, Group.AGE_35_44, Group.AGE_45)


class Horizon(models.IntegerChoices):
    ONE = 1, _("1 year")
    THREE = 3, _("3 years")
    FIVE = 5, _("5 years")


class Scheme(models.TextChoices):
    ESTABLISHMENT = "establishment", _("Establishment after upper secondary (Skolverket)")
    YH_FOLLOW_UP = "yh_follow_up", _("Follow-up of YH graduates (SCB)")


class Category(models.TextChoices):
    """The official categories: Skolverket's establishment status and SCB's YH follow-up."""

    ESTABLISHED = "established", _("Established")
    UNCERTAIN = "uncertain", _("Uncertain establishment")
    WEAK = "weak", _("Weak position")
    HIGHER_EDUCATION = "higher_education", _("Studies in higher education")
    OTHER_STUDIES = "other_studies", _("Other studies")
    NEITHER = "neither", _("Neither work nor studies")
    WORKING = "working", _("Main occupation: work")
    MATCH_FULLY = "match_fully", _("Work matches the education: fully")
    MATCH_MOSTLY = "match_mostly", _("Work matches the education: mostly")
    MATCH_PARTLY = "match_partly", _("Work matches the education: partly")
    MATCH_NOT = "match_not", _("Work matches the education: not at all")


#: The categories of each scheme, in the order of the forms and tables.
SCHEME_CATEGORIES: dict[str, tuple[str, ...]] = {
    Scheme.ESTABLISHMENT: (
        Category.ESTABLISHED,
        Category.UNCERTAIN,
        Category.WEAK,
        Category.HIGHER_EDUCATION,
        Category.OTHER_STUDIES,
        Category.NEITHER,
    ),
    Scheme.YH_FOLLOW_UP: (
        Category.WORKING,
        Category.MATCH_FULLY,
        Category.MATCH_MOSTLY,
        Category.MATCH_PARTLY,
        Category.MATCH_NOT,
    ),
}
#: SCB's match categories split those who work: together at most ``working``.
MATCH_CATEGORIES = (Category.MATCH_FULLY, Category.MATCH_MOSTLY, Category.MATCH_PARTLY, Category.MATCH_NOT)

#: The count columns of a cohort, in the order of the form, the Excel template and the detail page.
COUNT_FIELDS = (
    "applicants",
    "admitted",
    "started",
    "active_year_1",
    "active_year_2",
    "active_year_3",
    "completed_with_degree",
    "completed_without_degree",
    "dropped_out",
)
#: The provenance columns of a cohort or an outcome.
PROVENANCE_FIELDS = ("source", "method", "response_rate", "status", "quality", "quality_comment")


class Provenance(models.Model):
    """Where a number comes from and how good it is."""

    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.PROVIDER)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.REGISTER)
    response_rate = models.PositiveSmallIntegerField(
        _("response rate (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Required for a survey: the share who answered, 0–100."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROVISIONAL)
    quality = models.CharField(_("quality"), max_length=10, choices=Quality.choices, default=Quality.OK)
    quality_comment = models.TextField(_("comment on the quality"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_official(self) -> bool:
        return self.source in Source.official()


class CohortQuerySet(RestrictedQuerySet["Cohort"]):
    """The rows are for the space's insiders; what leaves them goes through ``selectors.follow_up_table``."""

    def restriction(self, user: Any, action: str) -> Q:
        return insider_rows(user)


def _count(label: Any, *, null: bool = False) -> models.PositiveIntegerField:
    if null:
        return models.PositiveIntegerField(label, null=True, blank=True)
    return models.PositiveIntegerField(label, default=0)


class Cohort(Provenance, TimeStampedModel):
    """Those who started one offering in one term of one year, and how far they came."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    offering = models.ForeignKey(
        "catalogue.Offering", on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("offering")
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    term = models.CharField(_("term"), max_length=2, choices=Term.choices)
    applicants = _count(_("applicants"), null=True)
    admitted = _count(_("admitted"), null=True)
    started = _count(_("started"))
    active_year_1 = _count(_("active after year 1"), null=True)
    active_year_2 = _count(_("active after year 2"), null=True)
    active_year_3 = _count(_("active after year 3"), null=True)
    completed_with_degree = _count(_("completed with a degree"))
    completed_without_degree = _count(_("completed without a degree"))
    dropped_out = _count(_("dropped out"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_year", "term", "pk"]
        indexes = [models.Index(fields=["space", "start_year", "term", "id"], name="cohort_space_year")]
        constraints = [
            models.UniqueConstraint(fields=["offering", "start_year", "term"], name="cohort_offering_term_unique"),
            models.CheckConstraint(
                condition=Q(
                    started__gte=models.F("completed_with_degree")
                    + models.F("completed_without_degree")
                    + models.F("dropped_out")
                ),
                name="cohort_left_le_started",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offering} {self.term} {self.start_year}"

    def get_absolute_url(self) -> str:
        return reverse("cohorts:cohort-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    @property
    def is_upper_secondary(self) -> bool:
        """An upper-secondary (GY) cohort: programme × school unit (the offering's provider) × municipality ×
        start year, autumn intake only, followed up in Skolverket's establishment scheme."""
        return self.offering.education.school_type == UPPER_SECONDARY

    @property
    def programme_code(self) -> str:
        """The national programme of a GY cohort: the first two letters of the study-path code."""
        return (self.offering.education.code or "")[:2].upper()

    @property
    def completed(self) -> int:
        return self.completed_with_degree + self.completed_without_degree

    @property
    def left(self) -> int:
        """Those who have left the education: completed (with or without a degree) or dropped out."""
        return self.completed + self.dropped_out

    @property
    def outcome_base(self) -> int:
        """What the outcomes of one horizon add up to at most: those who left, or those who started."""
        return self.left or self.started


class CohortBreakdown(models.Model):
    """The started and completed of one group (a sex or an age band) of a cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="breakdowns", verbose_name=_("cohort"))
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    started = models.PositiveIntegerField(_("started"), default=0)
    completed = models.PositiveIntegerField(_("completed"), default=0)

    class Meta:
        verbose_name = _("breakdown of a cohort")
        verbose_name_plural = _("breakdowns of cohorts")
        ordering = ["cohort", "group"]
        constraints = [models.UniqueConstraint(fields=["cohort", "group"], name="cohort_breakdown_group_unique")]

    def __str__(self) -> str:
        return f"{self.cohort_id} {self.group}"

    @property
    def space_id(self) -> int:
        return self.cohort.space_id


class CohortOutcome(Provenance, TimeStampedModel):
    """What a cohort did at one horizon in one official scheme, by one source."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("cohort"))
    horizon = models.PositiveSmallIntegerField(_("years after"), choices=Horizon.choices)
    scheme = models.CharField(_("scheme"), max_length=14, choices=Scheme.choices)

    class Meta:
        verbose_name = _("outcome of a cohort")
        verbose_name_plural = _("outcomes of cohorts")
        ordering = ["cohort", "horizon", "scheme", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "horizon", "scheme", "source"], name="cohort_outcome_horizon_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id} +{self.horizon} {self.scheme} {self.source}"

    @property
    def space_id(self) -> int:
        return self.cohort.space_id

    def counts(self) -> dict[str, int]:
        return {figure.category: figure.count for figure in self.figures.all()}


class CohortOutcomeFigure(models.Model):
    """One category's count in an outcome."""

    outcome = models.ForeignKey(
        CohortOutcome, on_delete=models.CASCADE, related_name="figures", verbose_name=_("outcome")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("figure of an outcome")
        verbose_name_plural = _("figures of outcomes")
        ordering = ["outcome", "category"]
        constraints = [models.UniqueConstraint(fields=["outcome", "category"], name="cohort_outcome_category_unique")]

    def __str__(self) -> str:
        return f"{self.category}: {self.count}"

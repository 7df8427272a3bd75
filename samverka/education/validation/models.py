"""Validation: where a person can have their competence validated, and how many were validated.

*Validation* is "a structured mapping, assessment, documentation and recognition of a person's knowledge
and competence, however acquired" (seed 003, Dala Valideringscentrum). The word means different things to
different actors (seed 002 ~1543), so an offer says which kind it is (``OfferKind``): industry validation
against an industry model (Vård- och omsorgscollege, Teknikcollege, Transportföretagen), within municipal
adult education against a course, against a YH course, credit for prior learning in higher education, an
assignment from Arbetsförmedlingen, or other.

- ``ValidationOffer``: one offer (what, against which model or course, which occupations, where, for what
  cost, whom to ask). Published offers are public ("Where can I validate X?"); the rest are for the
  space's insiders and the municipal editors of the offer's municipality.
- ``ValidationOutcome``: **aggregated** figures for one period × occupation/industry model × provider ×
  municipality: started and completed by sex, the step of the process the participants reached, the
  results and the follow-up. Insiders read the rows; the public and every export only get them through
  ``selectors.outcome_table``, which masks each cell below the space's k (small-number suppression).
- ``ValidationSettings``: per space, the k of the suppression and whether person-level records are kept.
- ``ValidationParticipant``: a **pseudonymous** person-level record (no name, no personal identity number),
  only where the space has turned them on, each deleted at ``delete_after`` (the retention rule,
  ``services.participants_purge_expired``, run daily by ``manage.py purge_validation_records``).

The process steps: the seed's definition has four steps (mapping → assessment → documentation →
recognition); the "five steps" regions mention (Gävleborg, seed 002 ~5969) are Valideringsdelegationen's
five steps for building a *regional structure*, not the steps a person goes through, so a participant's
step is one of the four.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import NOTHING, RestrictedQuerySet
from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.visibility import insider_rows, rows_of_spaces_with_role

#: The default k of the small-number suppression: a public or exported cell below it is masked.
DEFAULT_SUPPRESSION_K = 5


class OfferKind(models.TextChoices):
    INDUSTRY = "industry", _("Industry validation against an industry model")
    KOMVUX = "komvux", _("Within municipal adult education, against a course")
    YH = "yh", _("Against a higher vocational education (YH) course")
    HIGHER_EDUCATION = "higher_education", _("Higher education: credit for prior learning")
    EMPLOYMENT_SERVICE = "employment_service", _("Commissioned by Arbetsförmedlingen")
    OTHER = "other", _("Other validation")


class Step(models.TextChoices):
    """The steps of a person's validation (seed 003: mapping, assessment, documentation, recognition)."""

    MAPPING = "mapping", _("Mapping")
    ASSESSMENT = "assessment", _("Assessment")
    DOCUMENTATION = "documentation", _("Documentation")
    RECOGNITION = "recognition", _("Recognition")


class Result(models.TextChoices):
    MAPPING_STATEMENT = "mapping_statement", _("Mapping statement")
    COMPETENCE_CERTIFICATE = "competence_certificate", _("Competence certificate")
    GRADE = "grade", _("Grade")
    PROFESSIONAL_CERTIFICATE = "professional_certificate", _("Professional certificate")
    PARTIAL = "partial", _("Partial, with complementary education")


class FollowUp(models.TextChoices):
    WORK = "work", _("Work")
    EDUCATION = "education", _("Further education")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Sex(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")


# --- offers -------------------------------------------------------------------------------------------


def _editor_offer_rows(user: Any) -> Q:
    """Offers of the municipalities ``user`` edits as a municipal editor (published or not)."""
    from samverka.education.catalogue.permissions import editor_municipalities

    condition = NOTHING
    for space_id, codes in editor_municipalities(user).items():
        condition |= Q(space_id=space_id, municipality_id__in=sorted(codes))
    return condition


class ValidationOfferQuerySet(RestrictedQuerySet["ValidationOffer"]):
    """Published offers for everyone; every offer of a space for its insiders; a municipality's offers for its
    municipal editors."""

    def restriction(self, user: Any, action: str) -> Q:
        return Q(is_published=True) | insider_rows(user) | _editor_offer_rows(user)

    def published(self) -> "ValidationOfferQuerySet":
        return self.filter(is_published=True)


class ValidationOffer(TimeStampedModel):
    """Where and how a person can have their competence validated."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="validation_offers", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of validation"), max_length=20, choices=OfferKind.choices)
    description = models.TextField(_("description"), blank=True)
    industry_model_owner = models.CharField(
        _("owner of the industry model"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Vård- och omsorgscollege, Teknikcollege, Transportföretagen."),
    )
    industry_model = models.CharField(_("industry model or course validated against"), max_length=200, blank=True)
    #: SUN 2020 education field (three-digit inriktning), as in ``classifications``.
    sun_field = models.CharField(_("SUN 2020 field"), max_length=4, blank=True)
    offerings = models.ManyToManyField(
        "catalogue.Offering", blank=True, related_name="validation_offers", verbose_name=_("linked offerings")
    )
    educations = models.ManyToManyField(
        "catalogue.Education", blank=True, related_name="validation_offers", verbose_name=_("linked educations")
    )
    provider = models.ForeignKey(
        "catalogue.Provider",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="validation_offers",
        verbose_name=_("provider"),
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="validation_offers",
        verbose_name=_("organisation"),
        help_text=_("Who validates, when it is not an education provider of the catalogue."),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("The languages the validation can be done in.")
    )
    cost = models.CharField(_("cost"), max_length=200, blank=True, help_text=_("E.g. 'Free of charge'."))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public validation search.")
    )
    #: Lower-case title, model, owner, provider, municipality and occupation names, for the free-text search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = ValidationOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("validation offer")
        verbose_name_plural = _("validation offers")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["is_published", "municipality"], name="validation_offer_pub_muni")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("validation:offer-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("validation:public-offer", kwargs={"pk": self.pk})

    @property
    def ssyk_codes(self) -> list[str]:
        return [row.ssyk_code for row in self.occupations.all()]


class ValidationOfferOccupation(models.Model):
    """An occupation (SSYK 2012, four digits) a validation offer validates against."""

    offer = models.ForeignKey(
        ValidationOffer, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("validation offer")
    )
    ssyk_code = models.CharField(_("occupation (SSYK 2012)"), max_length=4, db_index=True)

    class Meta:
        verbose_name = _("occupation of a validation offer")
        verbose_name_plural = _("occupations of validation offers")
        ordering = ["ssyk_code"]
        constraints = [models.UniqueConstraint(fields=["offer", "ssyk_code"], name="validation_offer_ssyk_unique")]

    def __str__(self) -> str:
        return self.ssyk_code


# --- outcomes -----------------------------------------------------------------------------------------

#: The count columns of an outcome row, in the order of the form, the Excel template and the tables.
STARTED = ("started_women", "started_men")
COMPLETED = ("completed_women", "completed_men")
STEPS = tuple(f"reached_{step}" for step in Step.values)
RESULTS = tuple(f"result_{result}" for result in Result.values)
FOLLOW_UPS = tuple(f"followup_{value}" for value in FollowUp.values)
COUNT_FIELDS = (*STARTED, *COMPLETED, *STEPS, *RESULTS, *FOLLOW_UPS)


def _count(label: Any) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, default=0)


class ValidationOutcomeQuerySet(RestrictedQuerySet["ValidationOutcome"]):
    """The rows are for the space's insiders; the public gets them only through ``selectors.outcome_table``
    (aggregated and suppressed)."""

    def restriction(self, user: Any, action: str) -> Q:
        return insider_rows(user)


class ValidationOutcome(TimeStampedModel):
    """Aggregated figures for one period × occupation/industry model × provider × municipality."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="validation_outcomes", verbose_name=_("space")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    offer = models.ForeignKey(
        ValidationOffer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("validation offer"),
    )
    ssyk_code = models.CharField(_("occupation (SSYK 2012)"), max_length=4, blank=True, db_index=True)
    industry_model = models.CharField(_("industry model"), max_length=200, blank=True)
    provider = models.ForeignKey(
        "catalogue.Provider",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="validation_outcomes",
        verbose_name=_("provider"),
    )
    provider_name = models.CharField(
        _("provider"), max_length=300, blank=True, help_text=_("Who carried out the validations.")
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    started_women = _count(_("started, women"))
    started_men = _count(_("started, men"))
    completed_women = _count(_("completed, women"))
    completed_men = _count(_("completed, men"))
    reached_mapping = _count(_("furthest step: mapping"))
    reached_assessment = _count(_("furthest step: assessment"))
    reached_documentation = _count(_("furthest step: documentation"))
    reached_recognition = _count(_("furthest step: recognition"))
    result_mapping_statement = _count(_("result: mapping statement"))
    result_competence_certificate = _count(_("result: competence certificate"))
    result_grade = _count(_("result: grade"))
    result_professional_certificate = _count(_("result: professional certificate"))
    result_partial = _count(_("result: partial, with complementary education"))
    followup_work = _count(_("follow-up: work"))
    followup_education = _count(_("follow-up: further education"))
    followup_other = _count(_("follow-up: other"))
    followup_unknown = _count(_("follow-up: unknown"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ValidationOutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("validation outcome")
        verbose_name_plural = _("validation outcomes")
        ordering = ["-year", "ssyk_code", "industry_model", "provider_name", "municipality_id", "pk"]
        indexes = [models.Index(fields=["space", "year"], name="validation_outcome_space_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_women__lte=models.F("started_women"))
                & Q(completed_men__lte=models.F("started_men")),
                name="validation_outcome_completed_le_started",
            )
        ]

    def __str__(self) -> str:
        what = self.ssyk_code or self.industry_model or str(self.offer or "")
        return f"{self.year} {what} {self.provider_name} {self.municipality_id or ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("validation:outcome-edit", kwargs={"space": self.space.slug, "pk": self.pk})

    @property
    def started(self) -> int:
        return self.started_women + self.started_men

    @property
    def completed(self) -> int:
        return self.completed_women + self.completed_men

    def key(self) -> tuple[Any, ...]:
        """What identifies the row in its space (an upload replaces the row with the same key)."""
        return (self.year, self.ssyk_code, self.industry_model, self.provider_name, self.municipality_id)


class ValidationSettings(TimeStampedModel):
    """A space's choices for validation data: the suppression's k and person-level records."""

    space = models.OneToOneField(
        "spaces.Space", on_delete=models.CASCADE, related_name="validation_settings", verbose_name=_("space")
    )
    suppression_k = models.PositiveSmallIntegerField(
        _("smallest number shown"),
        default=DEFAULT_SUPPRESSION_K,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Every public or exported figure below this number is masked."),
    )
    person_records_enabled = models.BooleanField(
        _("keep pseudonymous person-level records"),
        default=False,
        help_text=_("Without this, only aggregated figures are kept."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep person-level records for (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        verbose_name = _("validation settings")
        verbose_name_plural = _("validation settings")

    def __str__(self) -> str:
        return str(self.space)


#: Who reads and writes person-level records: those who run the space and its analysts.
PERSON_RECORD_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.SECRETARIAT, SpaceRole.ANALYST})


class ValidationParticipantQuerySet(RestrictedQuerySet["ValidationParticipant"]):
    def restriction(self, user: Any, action: str) -> Q:
        return rows_of_spaces_with_role(user, PERSON_RECORD_ROLES)


class ValidationParticipant(TimeStampedModel):
    """A pseudonymous person-level record: a random code, never a name or a personal identity number."""

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("space"))
    pseudonym = models.CharField(_("pseudonym"), max_length=12, editable=False)
    offer = models.ForeignKey(
        ValidationOffer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("validation offer"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    step_reached = models.CharField(_("furthest step reached"), max_length=20, choices=Step.choices)
    completed = models.BooleanField(_("completed"), default=False)
    result = models.CharField(_("result"), max_length=30, choices=Result.choices, blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=10, choices=FollowUp.choices, default=FollowUp.UNKNOWN)
    #: The retention rule: the record is deleted on this day (``participants_purge_expired``).
    delete_after = models.DateField(_("deleted after"), db_index=True)

    objects = ValidationParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("pseudonymous participant record")
        verbose_name_plural = _("pseudonymous participant records")
        ordering = ["-year", "pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["space", "pseudonym"], name="validation_participant_pseudonym_unique")
        ]

    def __str__(self) -> str:
        return self.pseudonym

"""The actor register (organisations and their contacts) and the landscape map.

The register is shared by all spaces; each space publishes its own landscape
map as numbered revisions, and anyone may suggest corrections to it.
"""

import re
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.validators import validate_org_number
from samverka.platform.core.models import County, Municipality, TimeStampedModel
from samverka.platform.core.querysets import NOTHING, RestrictedQuerySet
from samverka.platform.spaces.visibility import INSIDER_ROLES, space_ids_with_role


class OrganisationType(models.TextChoices):
    AGENCY = "agency", _("Government agency")
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Municipality")
    EMPLOYER = "employer", _("Employer")
    EDUCATION_PROVIDER = "education_provider", _("Education provider")
    INDUSTRY_ORGANISATION = "industry_organisation", _("Industry organisation")
    UNION = "union", _("Trade union")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    NETWORK = "network", _("Network")
    OTHER = "other", _("Other")


class GeographicLevel(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class SystemRole(models.TextChoices):
    """The three roles that structure the regional system (seed 004, ch. 6.2)."""

    EMPLOYS = "employs", _("Employs")
    EDUCATES = "educates", _("Educates")
    FOCUS_GROUPS = "focus_groups", _("Focuses on certain groups")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other / non-binary")


_LEGAL_SUFFIXES = re.compile(r"\b(ab|aktiebolag|hb|kb|ek för|ekonomisk förening|ideell förening)\b")


def normalise_name(name: str) -> str:
    """Lower-case, accents kept, punctuation and legal-form words removed: for duplicate checks."""
    text = unicodedata.normalize("NFC", name).lower()
    text = _LEGAL_SUFFIXES.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class OrganisationQuerySet(RestrictedQuerySet["Organisation"]):
    def restriction(self, user: Any, action: str) -> Q | None:
        """Editors of the register see all of it; everyone else the organisations on a published map.

        This limits the set only; ``actors.selectors`` give the others the published values too.
        """
        if user is not None and user.has_perm("actors.view_live_register"):
            return None
        return Q(pk__in=PublishedOrganisation.objects.values("organisation_id"))

    def with_related(self) -> "OrganisationQuerySet":
        return self.select_related("county", "municipality")


class Organisation(TimeStampedModel):
    """An actor around competence supply: agency, municipality, employer, school, union…"""

    name = models.CharField(_("name"), max_length=255)
    normalised_name = models.CharField(max_length=255, editable=False, db_index=True)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Ten digits, NNNNNN-NNNN."),
    )
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    level = models.CharField(_("geographic level"), max_length=10, choices=GeographicLevel.choices)
    employs = models.BooleanField(_("employs"), default=False)
    educates = models.BooleanField(_("educates"), default=False)
    focuses_on_groups = models.BooleanField(_("focuses on certain groups"), default=False)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("county")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["type", "level"], name="org_type_level"),
            models.Index(fields=["county", "type"], name="org_county_type"),
            models.Index(fields=["municipality", "type"], name="org_municipality_type"),
            models.Index(fields=["name"], name="org_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"], condition=~Q(org_number=""), name="unique_org_number_when_given"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:organisation-detail", kwargs={"pk": self.pk})

    @property
    def system_roles(self) -> list[str]:
        pairs = [
            (self.employs, SystemRole.EMPLOYS),
            (self.educates, SystemRole.EDUCATES),
            (self.focuses_on_groups, SystemRole.FOCUS_GROUPS),
        ]
        return [role.label for flag, role in pairs if flag]

    def clean(self) -> None:
        if self.municipality_id and self.county_id and self.municipality.county_id != self.county_id:
            raise ValidationError({"municipality": _("The municipality does not lie in the chosen county.")})
        if self.municipality_id and not self.county_id:
            self.county_id = self.municipality.county_id

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalised_name = normalise_name(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ContactQuerySet(RestrictedQuerySet["Contact"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Contacts are personal data: the insiders of some space see the register's people (actors.view_contact)."""
        return Q() if space_ids_with_role(user, INSIDER_ROLES) else NOTHING


class Contact(TimeStampedModel):
    """A person at an organisation. Keep personal data minimal: name, function, e-mail."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True, help_text=_("e.g. HR manager, principal"))
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(_("gender (self-reported, optional)"), max_length=10, choices=Gender.choices, blank=True)
    born_abroad = models.BooleanField(_("born abroad (self-reported, optional)"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact",
        verbose_name=_("user account"),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["organisation", "name"], name="contact_org_name"),
            # The API's keyset pages of contacts (ordered by name, id) at any depth.
            models.Index(fields=["name", "id"], name="contact_name_id"),
        ]

    def __str__(self) -> str:
        return self.name


class LandscapeRevision(models.Model):
    """A published, numbered version of a space's landscape map (seed 004, ch. 5.1)."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="landscape_revisions", verbose_name=_("space")
    )
    number = models.PositiveIntegerField(_("revision"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    summary = models.TextField(_("summary of changes"))
    snapshot = models.JSONField(_("snapshot"), help_text=_("The organisations on the map when it was published."))
    organisation_count = models.PositiveIntegerField(_("organisations"))

    class Meta:
        ordering = ["space", "-number"]
        verbose_name = _("landscape map revision")
        verbose_name_plural = _("landscape map revisions")
        constraints = [models.UniqueConstraint(fields=["space", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.space} rev. {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("actors:revision-detail", kwargs={"space": self.space.slug, "number": self.number})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class PublishedOrganisationQuerySet(models.QuerySet["PublishedOrganisation"]):
    def as_organisations(self) -> "PublishedOrganisationQuerySet":
        """Iterate as ``Organisation`` objects carrying the published values (pages, API and exports
        read them like the register's own rows; they are never saved)."""
        clone = self._chain()  # type: ignore[attr-defined]
        clone._iterable_class = _AsOrganisations
        return clone  # type: ignore[no-any-return]

    def with_related(self) -> "PublishedOrganisationQuerySet":
        return self.select_related("county", "municipality")


class PublishedOrganisation(models.Model):
    """An organisation as the latest published revision of a space's landscape map shows it.

    Written by ``services.landscape_publish`` from the same read as the revision's snapshot and
    replaced by the next revision, so the public map, lists, exports and API read exactly what
    was published, with the database's indexes, while the live register keeps changing.
    """

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(LandscapeRevision, on_delete=models.CASCADE, related_name="published_organisations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="published_versions")
    name = models.CharField(_("name"), max_length=255)
    normalised_name = models.CharField(max_length=255)
    org_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    level = models.CharField(_("geographic level"), max_length=10, choices=GeographicLevel.choices)
    employs = models.BooleanField(_("employs"), default=False)
    educates = models.BooleanField(_("educates"), default=False)
    focuses_on_groups = models.BooleanField(_("focuses on certain groups"), default=False)
    county = models.ForeignKey(County, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    is_latest = models.BooleanField(
        _("latest publication"),
        default=True,
        help_text=_("The organisation's newest copy on any published map: what the public register shows of it."),
    )

    objects = PublishedOrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["space", "name"]
        verbose_name = _("published organisation")
        verbose_name_plural = _("published organisations")
        constraints = [models.UniqueConstraint(fields=["space", "organisation"], name="unique_published_organisation")]
        indexes = [
            models.Index(fields=["space", "type", "level"], name="pub_org_space_type_level"),
            models.Index(fields=["space", "name"], name="pub_org_space_name"),
            models.Index(fields=["organisation", "id"], name="pub_org_latest"),
            models.Index(fields=["is_latest", "name"], name="pub_org_latest_name"),
            models.Index(fields=["name"], name="pub_org_name"),
            models.Index(fields=["normalised_name"], name="pub_org_normalised_name"),
        ]

    def __str__(self) -> str:
        return self.name

    #: The fields copied from the register when a revision is published.
    COPIED = (
        "name",
        "normalised_name",
        "org_number",
        "type",
        "level",
        "employs",
        "educates",
        "focuses_on_groups",
        "county_id",
        "municipality_id",
        "website",
        "description",
        "is_active",
        "created_at",
        "updated_at",
    )

    def as_organisation(self) -> Organisation:
        """An unsaved ``Organisation`` with the published values and the organisation's id."""
        organisation = Organisation(pk=self.organisation_id, **{name: getattr(self, name) for name in self.COPIED})
        if "county" in self._state.fields_cache:
            organisation.county = self.county
        if "municipality" in self._state.fields_cache:
            organisation.municipality = self.municipality
        organisation._state.adding = False
        organisation._state.db = self._state.db
        return organisation


class _AsOrganisations(models.query.ModelIterable):
    def __iter__(self) -> Any:
        for row in super().__iter__():
            yield row.as_organisation()


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class CorrectionSuggestion(TimeStampedModel):
    """Anyone's suggestion to correct a space's landscape map; the secretariat decides."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, related_name="correction_suggestions", verbose_name=_("space")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="correction_suggestions",
        verbose_name=_("organisation concerned"),
    )
    message = models.TextField(_("suggested correction"), max_length=4000)
    submitter_name = models.CharField(_("your name"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("your e-mail"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    response = models.TextField(_("response"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    changes = models.JSONField(
        _("changes made"),
        default=list,
        blank=True,
        help_text=_("What accepting the suggestion changed in the register: field, value before, value after."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("correction suggestion")
        verbose_name_plural = _("correction suggestions")
        indexes = [models.Index(fields=["space", "status"], name="suggestion_space_status")]

    def __str__(self) -> str:
        return self.message[:60]

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


def contact_ids_of(user: Any) -> list[int]:
    """The ids of the contacts linked to ``user`` (read once per request, cached on the user object).

    Filtering with a literal ``contact_id IN (…)`` lets the database use the foreign-key index,
    where a join to contacts inside an OR makes it scan every row.
    """
    if user is None or not user.is_authenticated:
        return []
    cached: list[int] | None = getattr(user, "_samverka_contact_ids", None)
    if cached is None:
        cached = list(Contact.objects.filter(user=user).values_list("pk", flat=True))
        user._samverka_contact_ids = cached
    return cached

"""The region's education catalogue: provider → education → offering, as Skolverket's education database does it.

Susa-navet and the EMIL standard (SS 10700) split what is taught (an *education*, ``educationInfo``) from
when, where and how it is given (an *offering*, ``educationEvent``) and from who gives it (a *provider*,
``educationProvider``). The catalogue keeps that split. Rows come from two sources, each marked on the row:

- ``emil3``: imported from the EMIL3 API (``services.emil3``); the feed owns the feed's fields, re-import
  overwrites them, an item the feed removes is soft-deleted (``removed_at``), never deleted;
- ``local``: added by a space's managers or a municipal editor (``MunicipalEditor``) in their municipality.

What a person adds locally to an imported row (target occupations, a local note) is kept in separate
columns and rows (``OfferingOccupation`` / ``EducationOccupation`` with ``is_local``) the importer never
touches, so it survives every re-import. The feed's orderers and contractor of an offering are ``OfferingParty`` rows,
which the importer replaces with the offering (an education order suggests offerings by them).

The chain to orders and cohorts (the next capability): an offering may point to the education order behind
it (``Offering.order``, a question of kind "education order" in ``questions``); cohorts will point to the
offering they started from (a ``Cohort`` with a foreign key to ``Offering``), so "order → line decision →
offering → cohort → outcome" can be followed both ways.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.spaces.visibility import insider_rows


class Source(models.TextChoices):
    EMIL3 = "emil3", _("Skolverket's education database (EMIL3)")
    LOCAL = "local", _("Entered here")


class ResponsibleBodyType(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    REGION = "region", _("Region")
    STATE = "state", pgettext_lazy("responsible body", "State")
    PRIVATE = "private", _("Private")
    OTHER = "other", _("Other")


class SchoolType(models.TextChoices):
    """EMIL's school-type codes (``typeOfSchool``) and the local kinds EMIL lacks."""

    GY = "GY", _("Upper secondary school")
    GYAN = "GYAN", _("Upper secondary school, adapted")
    VUX = "VUX", _("Municipal adult education")
    VUXGR = "VUXGR", _("Municipal adult education, basic level")
    VUXGY = "VUXGY", _("Municipal adult education, upper secondary level")
    VUXSARGY = "VUXSARGY", _("Adapted adult education, upper secondary level")
    VUXSFI = "VUXSFI", _("Swedish for immigrants (SFI)")
    YH = "YH", _("Higher vocational education (YH)")
    FHS = "FHS", _("Folk high school")
    HS = "HS", _("University and university college")
    AUB = "AUB", _("Labour market training (Arbetsförmedlingen)")
    STF = "STF", _("Supplementary education")
    KU = "KU", _("Art and culture education")
    CONTRACT = "contract", _("Contract education")
    INDUSTRY = "industry", _("Industry course")
    OTHER = "other", _("Other")


#: School types that come from EMIL (the rest are local kinds).
EMIL_SCHOOL_TYPES = frozenset(
    {"GY", "GYAN", "VUX", "VUXGR", "VUXGY", "VUXSARGY", "VUXSFI", "YH", "FHS", "HS", "AUB", "STF", "KU"}
)


class CreditSystem(models.TextChoices):
    UPPER_SECONDARY = "gyp", _("Upper secondary credits")
    YH = "yhp", _("YH credits")
    HIGHER_EDUCATION = "hp", _("Higher education credits")
    WEEKS = "weeks", _("Weeks")
    HOURS = "hours", _("Hours")
    NONE = "", _("No credits")


class CatalogueQuerySet(RestrictedQuerySet[Any]):
    """Published rows the feed has not removed for everyone; every row of a space for its insiders."""

    def restriction(self, user: Any, action: str) -> Q:
        return Q(is_published=True, removed_at__isnull=True) | insider_rows(user)

    def current(self) -> "CatalogueQuerySet":
        return self.filter(removed_at__isnull=True)


class SourcedModel(TimeStampedModel):
    """A catalogue row with its provenance: where it came from, its id there, and when the source changed it."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.LOCAL)
    #: The row's id in its source (EMIL3's ``id``); empty for local rows.
    source_id = models.CharField(_("id in the source"), max_length=100, blank=True)
    #: When the source last changed the row (EMIL3's ``lastEdited``); local rows: when last saved here.
    source_updated_at = models.DateTimeField(_("last updated in the source"), null=True, blank=True)
    #: Set when the feed no longer has the row: hidden, never deleted.
    removed_at = models.DateTimeField(_("removed from the source"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public education search.")
    )
    #: A note kept locally beside an imported row; the importer never touches it.
    local_note = models.TextField(_("local note"), blank=True)

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, int]:
        """The space, so the space's audit log shows the row's changes."""
        return {"space_id": self.space_id}

    @property
    def is_imported(self) -> bool:
        return self.source != Source.LOCAL

    @property
    def last_updated(self) -> Any:
        return self.source_updated_at or self.updated_at


class Provider(SourcedModel):
    """An education provider (utbildningsanordnare), linked to the actor register by organisation number."""

    name = models.CharField(_("name"), max_length=300)
    org_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    organisation = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="education_providers",
        verbose_name=_("actor"),
    )
    responsible_body_type = models.CharField(
        _("responsible body"), max_length=10, choices=ResponsibleBodyType.choices, default=ResponsibleBodyType.OTHER
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("education provider")
        verbose_name_plural = _("education providers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "source", "source_id"],
                condition=~Q(source_id=""),
                name="catalogue_provider_unique_source_id",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:provider-detail", kwargs={"space": self.space.slug, "pk": self.pk})


class Education(SourcedModel):
    """What is taught (EMIL ``educationInfo``): the same education may be offered many times and places."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="educations", verbose_name=_("provider")
    )
    code = models.CharField(_("education code"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    school_type = models.CharField(_("school type"), max_length=10, choices=SchoolType.choices)
    #: SUN 2020 education field (inriktning) and level codes, as in ``classifications``.
    sun_field = models.CharField(_("SUN 2020 field"), max_length=4, blank=True, db_index=True)
    sun_level = models.CharField(_("SUN 2020 level"), max_length=3, blank=True)
    seqf_level = models.PositiveSmallIntegerField(
        _("qualification level (SeQF)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    credit_system = models.CharField(
        _("credit system"), max_length=10, choices=CreditSystem.choices, blank=True, default=CreditSystem.NONE
    )
    credits = models.DecimalField(_("credits"), max_digits=7, decimal_places=1, null=True, blank=True)
    extent = models.CharField(_("extent"), max_length=100, blank=True, help_text=_("E.g. '40 weeks'."))
    is_vocational = models.BooleanField(_("vocational"), default=False)
    leads_to_degree = models.BooleanField(_("leads to a degree"), default=False)
    csn_eligible = models.BooleanField(_("eligible for student aid (CSN)"), default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("educations")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "source", "source_id"],
                condition=~Q(source_id=""),
                name="catalogue_education_unique_source_id",
            )
        ]
        indexes = [models.Index(fields=["space", "school_type"], name="catalogue_edu_school_type")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:education-detail", kwargs={"space": self.space.slug, "pk": self.pk})


class EducationOccupation(models.Model):
    """A target occupation (SSYK 2012) of an education: primary or related; from the feed or added here."""

    education = models.ForeignKey(
        Education, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("education")
    )
    ssyk_code = models.CharField(_("occupation (SSYK 2012)"), max_length=4, db_index=True)
    is_primary = models.BooleanField(_("primary occupation"), default=True)
    #: Added here (survives re-import) rather than from the feed.
    is_local = models.BooleanField(_("added locally"), default=False)

    class Meta:
        verbose_name = _("target occupation")
        verbose_name_plural = _("target occupations")
        ordering = ["-is_primary", "ssyk_code"]
        constraints = [
            models.UniqueConstraint(fields=["education", "ssyk_code"], name="catalogue_education_occupation_unique")
        ]

    def __str__(self) -> str:
        return self.ssyk_code

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.education.space_id}


class OfferingQuerySet(CatalogueQuerySet):
    def open_to_public(self, today: date | None = None) -> "OfferingQuerySet":
        """Offerings the public search shows: published, not removed or cancelled, not yet over."""
        today = today or timezone.localdate()
        return self.filter(
            is_published=True,
            removed_at__isnull=True,
            is_cancelled=False,
            education__is_published=True,
            education__removed_at__isnull=True,
        ).exclude(hidden_after__lt=today)

    def open_for_application(self, today: date | None = None) -> "OfferingQuerySet":
        today = today or timezone.localdate()
        return self.filter(
            Q(continuous_admission=True)
            | (Q(application_opens__lte=today) | Q(application_opens__isnull=True, application_closes__isnull=False))
            & Q(application_closes__gte=today)
        )


class Offering(SourcedModel):
    """When, where and how an education is given (EMIL ``educationEvent``)."""

    education = models.ForeignKey(
        Education, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("education")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("provider")
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    #: The county of the municipality, kept on the row for the county filter of the public search.
    county_code = models.CharField(_("county code"), max_length=2, blank=True)
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    application_opens = models.DateField(_("application opens"), null=True, blank=True)
    application_closes = models.DateField(_("last application date"), null=True, blank=True)
    continuous_admission = models.BooleanField(_("continuous admission"), default=False)
    pace_percent = models.PositiveSmallIntegerField(
        _("study pace (%)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_distance = models.BooleanField(_("distance education"), default=False)
    onsite_sessions = models.PositiveSmallIntegerField(
        _("mandatory on-site sessions"), null=True, blank=True, help_text=_("For distance education.")
    )
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    fee_sek = models.PositiveIntegerField(_("fee (SEK)"), null=True, blank=True)
    fee_note = models.CharField(_("about the fee"), max_length=200, blank=True)
    language = models.CharField(_("language of instruction"), max_length=10, default="sv")
    is_apprenticeship = models.BooleanField(_("apprenticeship"), default=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    url = models.URLField(_("provider's page"), max_length=500, blank=True)
    #: The last day the public search shows the offering: its end, else its start, else none (never expires).
    hidden_after = models.DateField(_("shown until"), null=True, blank=True, db_index=True)
    #: Lower-case title, provider, locality and municipality, for the free-text search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    #: The education order behind the offering, when one led to it (orders → line decisions → offerings).
    order = models.ForeignKey(
        "questions.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offerings",
        verbose_name=_("education order"),
        limit_choices_to={"kind": "education_order"},
    )

    objects = OfferingQuerySet.as_manager()

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "source", "source_id"],
                condition=~Q(source_id=""),
                name="catalogue_offering_unique_source_id",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="catalogue_offering_ends_after_start",
            ),
        ]
        indexes = [
            # The public search's order (start, then id; PostgreSQL's ascending b-tree puts NULLs last, as the
            # search does), so a page of an unfiltered or loosely filtered search reads the index in order.
            models.Index(fields=["start_date", "id"], name="catalogue_off_start_id"),
            models.Index(fields=["county_code", "start_date"], name="catalogue_off_county_start"),
            models.Index(fields=["municipality", "start_date"], name="catalogue_off_muni_start"),
            models.Index(fields=["application_closes"], name="catalogue_off_app_closes"),
            models.Index(fields=["created_at"], name="catalogue_off_created"),
        ]

    def __str__(self) -> str:
        return f"{self.education.title} ({self.locality or self.municipality or ''})".strip()

    def get_absolute_url(self) -> str:
        return reverse("catalogue:offering-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("catalogue:public-offering", kwargs={"pk": self.pk})


class OfferingOccupation(models.Model):
    """A target occupation (SSYK 2012) added locally to an offering (e.g. to an imported one); kept on re-import."""

    offering = models.ForeignKey(
        Offering, on_delete=models.CASCADE, related_name="local_occupations", verbose_name=_("offering")
    )
    ssyk_code = models.CharField(_("occupation (SSYK 2012)"), max_length=4, db_index=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("local target occupation")
        verbose_name_plural = _("local target occupations")
        ordering = ["ssyk_code"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "ssyk_code"], name="catalogue_offering_occupation_unique")
        ]

    def __str__(self) -> str:
        return self.ssyk_code

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.offering.space_id}


class PartyRole(models.TextChoices):
    ORDERER = "orderer", _("Orderer")
    CONTRACTOR = "contractor", _("Contractor")


class OfferingParty(models.Model):
    """Who ordered an offering, or gives it on contract, as the EMIL3 feed names them (``orderers``,
    ``contractor``): kept so an education order can find the offerings its addressees or municipalities
    ordered. The feed owns the rows; each import of the offering replaces them."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="parties", verbose_name=_("offering"))
    role = models.CharField(_("role"), max_length=10, choices=PartyRole.choices)
    source_id = models.CharField(_("id in the source"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    org_number = models.CharField(_("organisation number"), max_length=11, blank=True, db_index=True)
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True, db_index=True)

    class Meta:
        verbose_name = _("orderer or contractor of an offering")
        verbose_name_plural = _("orderers and contractors of offerings")
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name or self.org_number or self.municipality_code or self.source_id}"


class MunicipalEditor(TimeStampedModel):
    """A person who publishes one municipality's offerings in a space (one editor per municipality, or more)."""

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("space"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipal_editorships",
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("municipal editor")
        verbose_name_plural = _("municipal editors")
        ordering = ["municipality__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["space", "user", "municipality"], name="catalogue_editor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One run of the EMIL3 importer for a space: progress, counts, and each rejected item named by id."""

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("space"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    #: ``updatedSince`` asked of the API (a delta run), or none (a full run).
    updated_since = models.DateTimeField(_("changes since"), null=True, blank=True)
    total = models.PositiveIntegerField(_("items in the feed"), default=0)
    done = models.PositiveIntegerField(_("items handled"), default=0)
    #: ``{"providers": {"created": n, "updated": n, "removed": n}, "educations": …, "offerings": …}``
    counts = models.JSONField(_("counts"), default=dict)
    #: ``[{"endpoint": "educationEvents", "id": "…", "message": "…"}]``: each item left out, and why.
    problems = models.JSONField(_("problems"), default=list)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.space} {self.started_at:%Y-%m-%d %H:%M}"


class ImportPage(models.Model):
    """One raw page of the EMIL3 API as received, kept for provenance and re-normalisation."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="pages", verbose_name=_("import run"))
    endpoint = models.CharField(_("endpoint"), max_length=40)
    page = models.PositiveIntegerField(_("page"))
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    body = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("received page")
        verbose_name_plural = _("received pages")
        ordering = ["run", "endpoint", "page"]
        constraints = [models.UniqueConstraint(fields=["run", "endpoint", "page"], name="catalogue_importpage_unique")]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.page}"

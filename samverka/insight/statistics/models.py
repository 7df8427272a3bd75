"""Statistical datasets, their imported versions and the observations in them.

A *dataset* is one statistical table a space follows over time (e.g. SCB's
TAB6471, or the region's own register extract). Every import creates a new
*version* with its provenance and the quality report; an analyst publishes a
version after reading the report. The numbers are *observations*: one row per
cell, with one column per known dimension (time, region, SSYK, SUN level and
field, SNI, sex, age band, born in Sweden or abroad) holding the source's own
category code, so that indicators can filter and aggregate in SQL on SQLite and
PostgreSQL alike. Dimensions the platform does not know are kept in ``other``
as ``code=value`` pairs joined by ``|`` in dimension order.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.spaces.visibility import insider_rows


class DatasetSource(models.TextChoices):
    PXWEB_V2 = "pxweb2", _("SCB PxWeb API v2")
    PXWEB_V1 = "pxweb1", _("PxWeb API v1 (JSON-stat 2)")
    CSV = "csv", _("CSV file")
    EXCEL = "excel", _("Excel file")
    SYNTHETIC = "synthetic", _("Synthetic (generated)")


class DatasetQuerySet(RestrictedQuerySet["Dataset"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Public datasets for everyone; every dataset of a space for its insiders and platform admins."""
        return Q(is_public=True) | insider_rows(user)


class Dataset(TimeStampedModel):
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="datasets", verbose_name=_("space")
    )
    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=DatasetSource.choices)
    table_id = models.CharField(_("table id"), max_length=60, blank=True, help_text=_("e.g. TAB6471"))
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated data for demonstration, not official statistics.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["space", "slug"], name="statistics_dataset_unique_slug")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("statistics:dataset-detail", kwargs={"space": self.space.slug, "slug": self.slug})

    def get_additional_data(self) -> dict[str, Any]:
        """For the audit log: the space the entry belongs to."""
        return {"space_id": self.space_id}

    def current_version(self) -> "DatasetVersion | None":
        """The latest published version (publishing supersedes nothing; the newest one counts)."""
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class DatasetVersionQuerySet(RestrictedQuerySet["DatasetVersion"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Versions whose numbers ``user`` may read: the published versions of public datasets for
        everyone, every version of the space's datasets for its insiders (so an analyst can compute on
        a draft before publishing it). Discarded versions are left out by the readers, not here."""
        return Q(dataset__is_public=True, status=VersionStatus.PUBLISHED) | insider_rows(user, "dataset__space")


class DatasetVersion(models.Model):
    """One import of a dataset: provenance, the quality report and, once read, publication."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    imported_at = models.DateTimeField(_("imported"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_url = models.CharField(_("source address"), max_length=500, blank=True)
    query = models.JSONField(_("query"), default=dict, blank=True)
    source_updated = models.CharField(_("updated at source"), max_length=40, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    cell_count = models.PositiveIntegerField(_("cells"), default=0)
    quality = models.JSONField(_("quality report"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Why the version was published although its quality report has errors (kept and shown with it).
    accepted_reason = models.TextField(_("reason the errors were accepted"), blank=True)
    #: The checks with errors that were accepted, e.g. ``["duplicates"]``.
    accepted_errors = models.JSONField(_("accepted errors"), default=list, blank=True)

    objects = DatasetVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dataset version")
        verbose_name_plural = _("dataset versions")
        ordering = ["dataset", "-number"]
        constraints = [models.UniqueConstraint(fields=["dataset", "number"], name="statistics_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "statistics:version-detail",
            kwargs={"space": self.dataset.space.slug, "slug": self.dataset.slug, "number": self.number},
        )

    def get_additional_data(self) -> dict[str, Any]:
        """For the audit log: the space the entry belongs to."""
        return {"space_id": self.dataset.space_id}

    def query_summary(self) -> list[tuple[str, str]]:
        """The import's query as label/text pairs a person can read (the stored JSON is for machines)."""
        query = self.query if isinstance(self.query, dict) else {}
        lines: list[tuple[str, str]] = []
        if query.get("table"):
            lines.append((str(_("SCB table")), str(query["table"])))
        for item in query.get("selection") or []:
            if not isinstance(item, dict):
                continue
            codes = [str(code) for code in item.get("valueCodes") or []]
            text = ", ".join(codes[:12]) + (f" … (+{len(codes) - 12})" if len(codes) > 12 else "")
            if item.get("codelist"):
                text += f" ({item['codelist']})"
            lines.append((str(item.get("variableCode", "")), text or "—"))
        mapping = query.get("mapping")
        if isinstance(mapping, dict):
            roles = dict(DimensionRole.choices)
            columns = "; ".join(f"{column} → {roles.get(role, role)}" for column, role in mapping.items())
            lines.append((str(_("Columns")), columns))
        if query.get("value_column"):
            lines.append((str(_("Value column")), str(query["value_column"])))
        if query.get("generator"):
            lines.append((str(_("Generated (synthetic)")), str(query["generator"])))
            if query.get("years"):
                lines.append((str(_("Years")), ", ".join(str(year) for year in query["years"])))
        return lines


class DimensionRole(models.TextChoices):
    """What a dimension of a table means, and so which observation column holds its codes."""

    TIME = "period", _("Time")
    REGION = "region", _("Region (county or municipality)")
    SSYK = "ssyk", _("Occupation (SSYK 2012)")
    SUN_LEVEL = "sun_level", _("Education level (SUN)")
    SUN_FIELD = "sun_field", _("Education field (SUN)")
    SNI = "sni", _("Industry (SNI 2007)")
    SEX = "sex", _("Sex")
    AGE = "age", _("Age band")
    BIRTH = "birth", _("Born in Sweden or abroad")
    MEASURE = "measure", _("Measure")
    OTHER = "other", _("Other")


class Dimension(models.Model):
    """A dimension of one version as the source described it, mapped to a role."""

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("code"), max_length=100)
    label = models.CharField(_("label"), max_length=300)
    role = models.CharField(_("role"), max_length=12, choices=DimensionRole.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    #: ``[[code, label], ...]`` in the source's order.
    categories = models.JSONField(_("categories"), default=list)
    #: The category that is the total of the others (SCB's "TotSa", "tot"), if any.
    total_code = models.CharField(_("total category"), max_length=60, blank=True)
    #: For the measure dimension: ``{code: unit}``.
    units = models.JSONField(_("units"), default=dict, blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="statistics_dimension_unique_code")]

    def __str__(self) -> str:
        return self.label


class RowIdField(models.BigAutoField):
    """A big auto field that on SQLite is the plain rowid, without ``AUTOINCREMENT``.

    With ``AUTOINCREMENT`` SQLite reads and writes its ``sqlite_sequence`` table, which has one
    unindexed row per table of the database, for every inserted row: a third of the time of
    storing a large import. Plain rowids are still unique and increasing; only the ids of the
    newest rows of a deleted version can come back, and nothing refers to an observation's id.
    PostgreSQL is unchanged (an identity column).
    """

    def db_type_suffix(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return None
        return super().db_type_suffix(connection)


class CellColumns(models.Model):
    """The version and one column per known dimension role, with the value: what an observation and a
    pre-summed row (``indicators.RollUp``) have in common, so that both are queried the same way."""

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE, related_name="+", db_index=False)
    measure = models.CharField(max_length=60, blank=True)
    period = models.CharField(max_length=12, blank=True)
    year = models.SmallIntegerField(null=True, blank=True)
    region = models.CharField(max_length=6, blank=True)
    ssyk = models.CharField(max_length=4, blank=True)
    sun_level = models.CharField(max_length=3, blank=True)
    sun_field = models.CharField(max_length=4, blank=True)
    sni = models.CharField(max_length=6, blank=True)
    sex = models.CharField(max_length=8, blank=True)
    age = models.CharField(max_length=16, blank=True)
    birth = models.CharField(max_length=16, blank=True)
    value = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True


class Observation(CellColumns):
    """One cell. Columns of dimensions a table does not have are empty strings."""

    id = RowIdField(primary_key=True)
    other = models.CharField(max_length=255, blank=True)
    #: JSON-stat status of the cell, e.g. ".." (not available) or "." (suppressed).
    status = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["version", "measure", "region", "period"], name="stat_obs_region"),
            models.Index(fields=["version", "measure", "ssyk", "region"], name="stat_obs_ssyk"),
            # The API's keyset pages of one version (ordered by id) at any depth.
            models.Index(fields=["version", "id"], name="stat_obs_version_id"),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.region} {self.ssyk} = {self.value}"


#: The observation column of each role (time is stored in ``period``; ``year`` is derived from it).
ROLE_COLUMNS = {role.value: role.value for role in DimensionRole if role != DimensionRole.OTHER}


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """An import running as a background task, with its progress for the page that follows it."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="import_jobs")
    #: ``pxweb`` or ``upload``
    kind = models.CharField(_("kind"), max_length=12)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    error = models.TextField(_("error"), blank=True)
    version = models.ForeignKey(DatasetVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.dataset} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

"""Charts, analyses composed of blocks, the occupations and industries a body covers, and data packs.

A *chart definition* says what to draw: either a query over the observations of
one dataset version (a measure, filters per dimension column, one dimension on
the x axis and optionally one series dimension, values summed) or an indicator
of the catalogue. An *analysis* is a page an analyst composes from ordered
blocks of text and charts or maps, with a summary that explains what it shows
and why it matters. A *data pack* gathers the charts and tables for an
industry forum's quarter theme into one PDF (and a zip of CSV files).
"""

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


class ChartKind(models.TextChoices):
    BAR = "bar", _("Bar chart")
    BARH = "barh", _("Horizontal bar chart")
    LINE = "line", _("Line chart")
    MAP_COUNTY = "map_county", _("Map by county")
    MAP_MUNICIPALITY = "map_municipality", _("Map by municipality")


MAP_KINDS = frozenset({ChartKind.MAP_COUNTY, ChartKind.MAP_MUNICIPALITY})


class ChartSource(models.TextChoices):
    OBSERVATIONS = "observations", _("Observations of a dataset version")
    INDICATOR = "indicator", _("Indicator")


class ChartDefinition(TimeStampedModel):
    """What one chart or map shows; drawn afresh from the data every time it is shown."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="chart_definitions", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ChartKind.choices, default=ChartKind.BAR)
    source = models.CharField(_("source"), max_length=20, choices=ChartSource.choices, default=ChartSource.OBSERVATIONS)
    version = models.ForeignKey(
        "statistics.DatasetVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dataset version"),
    )
    measure = models.CharField(_("measure"), max_length=60, blank=True)
    #: ``{column: [code, ...]}`` — only these categories of a dimension are counted.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    x_dimension = models.CharField(_("dimension on the x axis"), max_length=12, blank=True)
    series_dimension = models.CharField(_("series dimension"), max_length=12, blank=True)
    indicator_key = models.CharField(_("indicator"), max_length=80, blank=True)
    indicator_params = models.JSONField(_("indicator parameters"), default=dict, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("Leave empty to use the dataset's."))
    note = models.TextField(_("note"), blank=True, help_text=_("Source notes and caveats shown under the chart."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("chart")
        verbose_name_plural = _("charts")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        """For the audit log: the space the change belongs to."""
        return {"space_id": self.space_id}

    @property
    def is_map(self) -> bool:
        return self.kind in MAP_KINDS

    def get_absolute_url(self) -> str:
        return reverse("analyses:chart-detail", kwargs={"space": self.space.slug, "pk": self.pk})


class AnalysisStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AnalysisQuerySet(RestrictedQuerySet["Analysis"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Published public analyses for everyone; every analysis of a space for its insiders."""
        return Q(is_public=True, status=AnalysisStatus.PUBLISHED) | insider_rows(user)


class Analysis(TimeStampedModel):
    """A page of text and charts that explains what the numbers show and why it matters."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="analyses", verbose_name=_("space")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = RichTextField(
        _("summary"), help_text=_("What this analysis shows and why it matters, in a few sentences.")
    )
    status = models.CharField(_("status"), max_length=12, choices=AnalysisStatus.choices, default=AnalysisStatus.DRAFT)
    is_public = models.BooleanField(_("public"), default=False, help_text=_("Shown to everyone once published."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AnalysisQuerySet.as_manager()

    class Meta:
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        """For the audit log: the space the change belongs to."""
        return {"space_id": self.space_id}

    @property
    def is_published(self) -> bool:
        return self.status == AnalysisStatus.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("analyses:analysis-detail", kwargs={"space": self.space.slug, "pk": self.pk})


class BlockKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHART = "chart", _("Chart or map")


class AnalysisBlock(models.Model):
    """One part of an analysis, in order: a heading with text, or with a chart or map."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=BlockKind.choices)
    heading = models.CharField(
        _("heading"),
        max_length=200,
        help_text=_("The message of this part, e.g. 'One in four welders retires by 2031'."),
    )
    text = RichTextField(_("text"), blank=True)
    chart = models.ForeignKey(
        ChartDefinition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
        verbose_name=_("chart"),
    )

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["analysis", "position", "pk"]

    def __str__(self) -> str:
        return self.heading

    def get_additional_data(self) -> dict[str, int]:
        """For the audit log: the space the change belongs to."""
        return {"space_id": self.analysis.space_id}


class BodyCoverage(TimeStampedModel):
    """The occupations (SSYK 2012) and industries (SNI 2007) a body, e.g. an industry forum, covers."""

    body = models.OneToOneField("bodies.Body", on_delete=models.CASCADE, related_name="+", verbose_name=_("body"))
    ssyk_codes = models.JSONField(_("occupations (SSYK)"), default=list, blank=True)
    sni_codes = models.JSONField(_("industries (SNI)"), default=list, blank=True)

    class Meta:
        verbose_name = _("coverage of a body")
        verbose_name_plural = _("coverage of bodies")

    def __str__(self) -> str:
        return str(self.body)

    def get_additional_data(self) -> dict[str, int]:
        """For the audit log: the space the change belongs to."""
        return {"space_id": self.body.space_id}


class QuarterTheme(models.TextChoices):
    """The industry forums' themes of the year (seed 004, ch. 6.4.1)."""

    Q1 = "q1", _("Q1 Industry development")
    Q2 = "q2", _("Q2 Future needs")
    Q3 = "q3", _("Q3 Education outcomes")
    Q4 = "q4", _("Q4 Orders")


class DataPack(TimeStampedModel):
    """The charts and tables for one body's quarter theme, as a PDF, an Excel workbook and a zip of CSV files."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+", verbose_name=_("body"))
    theme = models.CharField(_("quarter theme"), max_length=2, choices=QuarterTheme.choices)
    versions = models.ManyToManyField("statistics.DatasetVersion", related_name="+", verbose_name=_("data"))
    pdf = models.FileField(_("PDF"), upload_to="analyses/packs/")
    csv_zip = models.FileField(_("CSV files"), upload_to="analyses/packs/")
    #: The tables, a sheet each; empty for packs made before workbooks were.
    workbook = models.FileField(_("Excel workbook"), upload_to="analyses/packs/", blank=True)
    table_count = models.PositiveSmallIntegerField(_("tables"), default=0)
    agenda_document_id = models.PositiveIntegerField(_("agenda document"), null=True, blank=True)
    meeting_title = models.CharField(_("attached to meeting"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("data pack")
        verbose_name_plural = _("data packs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.get_theme_display()}"

    def get_additional_data(self) -> dict[str, int]:
        """For the audit log: the space the change belongs to."""
        return {"space_id": self.space_id}


class PackJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")


class DataPackJob(models.Model):
    """A data pack being made in the background, with its progress for the page that follows it."""

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("space"))
    body = models.ForeignKey("bodies.Body", on_delete=models.CASCADE, related_name="+", verbose_name=_("body"))
    theme = models.CharField(_("quarter theme"), max_length=2, choices=QuarterTheme.choices)
    #: The ids of the chosen dataset versions, in the order chosen.
    version_ids = models.JSONField(_("data"), default=list)
    agenda_item_id = models.PositiveIntegerField(_("agenda item"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PackJobStatus.choices, default=PackJobStatus.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    #: What is being done now ("Tables of …", "The PDF", …), in the language of the page that started it.
    step = models.CharField(_("step"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    error = models.TextField(_("error"), blank=True)
    pack = models.ForeignKey(DataPack, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("data pack job")
        verbose_name_plural = _("data pack jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.get_theme_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("analyses:pack-job", kwargs={"space": self.space.slug, "pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (PackJobStatus.DONE, PackJobStatus.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

"""The yearly report to MYH: a template per year, one report per space and year, its figures (a snapshot
with source and vintage), the analyst's need entries, review comments and the corrections after submission."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.education.knowledgenodes.models import YhArea
from samverka.education.myhreports.sections import SHIPPED_SECTIONS, title_of
from samverka.platform.core.querysets import NOTHING, RestrictedQuerySet, rows_in
from samverka.platform.spaces.models import SpaceKind
from samverka.platform.spaces.visibility import INSIDER_ROLES, insider_rows, space_ids_with_role


class ReportTemplate(models.Model):
    """The fixed template of one year's report: its ordered sections. Frozen once a report used it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    sections = models.JSONField(_("sections"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    class Meta:
        verbose_name = _("MYH report template")
        verbose_name_plural = _("MYH report templates")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{_('MYH report template')} {self.year}"

    def section_list(self) -> list[tuple[str, str]]:
        """(key, title in the reader's language) in order."""
        return [(item["key"], title_of(item["key"], item.get("title", ""))) for item in self.sections]

    @staticmethod
    def shipped_sections() -> list[dict[str, str]]:
        return [{"key": key, "title": title} for key, title in SHIPPED_SECTIONS]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    DECIDED = "decided", _("Decided")
    REGISTERED = "registered", pgettext_lazy("report status", "Registered")
    SUBMITTED = "submitted", _("Submitted to MYH")


#: The one order of the steps; a step may only go to the next.
STATUS_ORDER = [
    ReportStatus.DRAFT,
    ReportStatus.REVIEW,
    ReportStatus.DECIDED,
    ReportStatus.REGISTERED,
    ReportStatus.SUBMITTED,
]


class MyhReportQuerySet(RestrictedQuerySet["MyhReport"]):
    def restriction(self, user: Any, action: str) -> Q:
        """The space's insiders see its reports; insiders of the national space see every submitted report.
        Nothing is public."""
        national = space_ids_with_role(user, INSIDER_ROLES)
        condition = insider_rows(user)
        if national and _has_national(national):
            condition |= Q(status=ReportStatus.SUBMITTED)
        return condition


def _has_national(space_ids: list[int]) -> bool:
    from samverka.platform.spaces.models import Space

    return Space.objects.filter(pk__in=space_ids, kind=SpaceKind.NATIONAL).exists()


class MyhReport(models.Model):
    """One region's (space's) yearly report to MYH. Its figures are a snapshot taken when the draft is
    generated, so later changes in the data do not change the report."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="myh_reports", verbose_name=_("space")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, related_name="reports", verbose_name=_("template")
    )
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    texts = models.JSONField(_("section texts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    generated_at = models.DateTimeField(_("draft generated"), null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    #: The report as registered in the space's registry (its number is ``registration_number``).
    registered_document = models.ForeignKey(
        "registry.RegisteredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered document"),
    )
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The report as submitted (texts, figures, needs); corrections never change it.
    submitted_snapshot = models.JSONField(_("submitted version"), default=dict, blank=True)

    objects = MyhReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("MYH report")
        verbose_name_plural = _("MYH reports")
        ordering = ["space", "-year"]
        constraints = [models.UniqueConstraint(fields=["space", "year"], name="myhreports_one_per_space_year")]

    def __str__(self) -> str:
        return f"{_('Yearly report to MYH')} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("myhreports:report-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.space_id}

    @property
    def is_frozen(self) -> bool:
        return self.status == ReportStatus.SUBMITTED

    @property
    def next_status(self) -> str | None:
        index = STATUS_ORDER.index(ReportStatus(self.status))
        return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None


class ReportChildQuerySet(RestrictedQuerySet[Any]):
    def restriction(self, user: Any, action: str) -> Q:
        return rows_in("report", MyhReport.objects.restrict(user)) if user is not None else NOTHING


class ReportFigure(models.Model):
    """One figure of a report's section, with where it came from and which vintage of the data."""

    report = models.ForeignKey(MyhReport, on_delete=models.CASCADE, related_name="figures", verbose_name=_("report"))
    section = models.CharField(_("section"), max_length=40)
    position = models.PositiveIntegerField(_("position"), default=0)
    #: A stable key for comparing the same figure between years (e.g. "population:0480").
    key = models.CharField(_("key"), max_length=120)
    label = models.CharField(_("label"), max_length=300)
    value = models.FloatField(_("value"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    source_name = models.CharField(_("source"), max_length=300)
    dataset_version = models.ForeignKey(
        "statistics.DatasetVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dataset version"),
    )
    vintage = models.CharField(_("vintage"), max_length=200, blank=True)
    fetched_at = models.DateTimeField(_("fetched"))

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")
        ordering = ["report", "section", "position"]
        indexes = [models.Index(fields=["report", "section", "position"], name="myhreports_figure_order")]

    def __str__(self) -> str:
        return self.label


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class NeedEntry(models.Model):
    """A competence need 3–5 years ahead, as the analyst states it: area, occupation, why and how sure."""

    report = models.ForeignKey(MyhReport, on_delete=models.CASCADE, related_name="needs", verbose_name=_("report"))
    yh_area = models.CharField(_("YH education area"), max_length=20, choices=YhArea.choices)
    ssyk = models.CharField(_("occupation (SSYK)"), max_length=4, blank=True)
    motivation = models.TextField(_("motivation"))
    evidence = models.TextField(_("evidence"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=8, choices=Confidence.choices)
    sources = models.TextField(_("sources"), blank=True)
    priority = models.PositiveSmallIntegerField(_("priority rank"), null=True, blank=True)

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("competence need")
        verbose_name_plural = _("competence needs")
        ordering = ["report", models.F("priority").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return f"{self.get_yh_area_display()} {self.ssyk}".strip()

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.report.space_id}


class ReportComment(models.Model):
    """A reviewer's comment on one section of a report."""

    report = models.ForeignKey(MyhReport, on_delete=models.CASCADE, related_name="comments", verbose_name=_("report"))
    section = models.CharField(_("section"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["report", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ReportCorrection(models.Model):
    """A logged change of a submitted (frozen) report: who, when, what and why. The submitted version is kept."""

    report = models.ForeignKey(
        MyhReport, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("report")
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("corrected by")
    )
    corrected_at = models.DateTimeField(_("corrected"), auto_now_add=True)
    section = models.CharField(_("section"), max_length=40)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"))
    reason = models.TextField(_("reason"))

    objects = ReportChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("report correction")
        verbose_name_plural = _("report corrections")
        ordering = ["report", "corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} — {self.section}"

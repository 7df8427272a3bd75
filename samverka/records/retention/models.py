"""Retention schedule, disposal runs and the disposal log (arkivlagen 1990:782).

Public records are preserved unless a disposal decision (gallringsbeslut) says otherwise. A space's
retention schedule (gallringsplan) has one rule per document type code (the code registered
documents carry in ``document_type``): preserve, or dispose after N years from the day the case
was closed under a cited decision (e.g. Riksarkivet's "RA-MS 2021:3" or the space's own).

A disposal run is proposed (its candidates are frozen as items), approved by another person and
executed in one transaction; each disposed document leaves a row in the disposal log, which is
never changed or deleted.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel


class RetentionAction(models.TextChoices):
    PRESERVE = "preserve", _("Preserve")
    DISPOSE = "dispose", _("Dispose of")


class RetentionRule(TimeStampedModel):
    """What happens to one type of document in a space: preserve, or dispose after N years."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="retention_rules", verbose_name=_("space")
    )
    code = models.SlugField(
        _("document type code"),
        max_length=60,
        help_text=_("The code registered documents carry, e.g. kallelse or inkommande-skrivelse."),
    )
    name = models.CharField(_("name"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=RetentionAction.choices)
    years = models.PositiveSmallIntegerField(
        _("years after closing"),
        null=True,
        blank=True,
        help_text=_("Dispose of this many years after the case was closed. Only for disposal."),
    )
    disposal_decision = models.CharField(
        _("disposal decision"),
        max_length=200,
        blank=True,
        help_text=_("The decision that allows the disposal, e.g. RA-MS 2021:3 or the space's own decision."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["space", "code"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [models.UniqueConstraint(fields=["space", "code"], name="retention_rule_code_per_space")]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.action == RetentionAction.DISPOSE:
            if self.years is None:
                errors["years"] = _("State after how many years the documents are disposed of.")
            elif self.years > 200:
                errors["years"] = _("At most 200 years.")
            if not self.disposal_decision.strip():
                errors["disposal_decision"] = _("Disposal needs a disposal decision to cite.")
        elif self.years is not None:
            errors["years"] = _("Documents that are preserved have no disposal time.")
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class RunStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    EXECUTED = "executed", _("Executed")
    CANCELLED = "cancelled", _("Cancelled")


class DisposalRun(models.Model):
    """One disposal (gallring): proposed, approved by another person, then executed at once."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="disposal_runs", verbose_name=_("space")
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.PROPOSED)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("executed by"),
    )
    executed_at = models.DateTimeField(_("executed"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("disposal run")
        verbose_name_plural = _("disposal runs")

    def __str__(self) -> str:
        return f"{self.pk}: {self.status}"

    def get_absolute_url(self) -> str:
        return reverse("retention:run-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    @property
    def label(self) -> str:
        return _("Disposal run %(number)s") % {"number": self.pk}

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class DisposalRunItem(models.Model):
    """A document the run will dispose of, with the rule and decision that applied when it was proposed."""

    run = models.ForeignKey(DisposalRun, on_delete=models.CASCADE, related_name="items", verbose_name=_("run"))
    document = models.ForeignKey(
        "registry.RegisteredDocument", on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    rule_code = models.CharField(_("rule"), max_length=60)
    disposal_decision = models.CharField(_("disposal decision"), max_length=200)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("disposal run item")
        verbose_name_plural = _("disposal run items")
        constraints = [models.UniqueConstraint(fields=["run", "document"], name="retention_item_once_per_run")]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.document_id}"


class DisposalLogEntry(models.Model):
    """What was disposed of, when, and under which decision. Kept forever: never changed nor deleted."""

    run = models.ForeignKey(
        DisposalRun, on_delete=models.PROTECT, related_name="log_entries", verbose_name=_("disposal run")
    )
    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="+", verbose_name=_("space"))
    document = models.ForeignKey(
        "registry.RegisteredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    document_reference = models.CharField(_("document"), max_length=60)
    case_reference = models.CharField(_("case"), max_length=40)
    what = models.TextField(_("what was disposed of"))
    rule_code = models.CharField(_("rule"), max_length=60)
    disposal_decision = models.CharField(_("disposal decision"), max_length=200)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("executed by"),
    )
    at = models.DateTimeField(_("disposed of"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("disposal log entry")
        verbose_name_plural = _("disposal log")

    def __str__(self) -> str:
        return f"{self.document_reference} ({self.disposal_decision})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("The disposal log cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("The disposal log cannot be deleted."))

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class ArchiveDelivery(models.Model):
    """An archive package made of closed cases and handed over: who, when, which cases and the package's
    SHA-256 (so the archive can check that what it received is what was made). Never changed nor deleted."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="archive_deliveries", verbose_name=_("space")
    )
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("delivered by")
    )
    delivered_at = models.DateTimeField(_("delivered"))
    identification = models.CharField(_("package identification"), max_length=120)
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 of the package"), max_length=64)
    case_count = models.PositiveIntegerField(_("cases"))
    file_count = models.PositiveIntegerField(_("files"))

    class Meta:
        ordering = ["-delivered_at", "-pk"]
        verbose_name = _("archive delivery")
        verbose_name_plural = _("archive deliveries")

    def __str__(self) -> str:
        return self.identification

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A delivery to the archive cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("retention:delivery-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("A delivery to the archive cannot be deleted."))

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class ArchiveDeliveryCase(models.Model):
    """A case that went to the archive in a delivery (with its number as it was then)."""

    delivery = models.ForeignKey(
        ArchiveDelivery, on_delete=models.PROTECT, related_name="cases", verbose_name=_("delivery")
    )
    case = models.ForeignKey(
        "registry.Case", on_delete=models.PROTECT, related_name="archive_deliveries", verbose_name=_("case")
    )
    case_reference = models.CharField(_("case"), max_length=40)

    class Meta:
        ordering = ["delivery", "pk"]
        verbose_name = _("delivered case")
        verbose_name_plural = _("delivered cases")
        constraints = [models.UniqueConstraint(fields=["delivery", "case"], name="retention_case_once_per_delivery")]

    def __str__(self) -> str:
        return self.case_reference

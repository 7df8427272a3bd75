"""Saved outlook scenarios: the assumptions of a supply–demand projection for one occupation × region.

The numbers are not stored: the projection is computed from the dataset version and the
assumptions each time (see :mod:`samverka.insight.indicators.outlook`), so a scenario always shows what
its assumptions give and every assumption stays editable.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.insight.statistics.models import CellColumns
from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.spaces.visibility import insider_rows


class InflowMode(models.TextChoices):
    NUMBER = "number", _("A number of people per year")
    RATE = "rate", _("A share of today's employed per year")


class DemandMode(models.TextChoices):
    TREND = "trend", _("The trend in the data")
    GROWTH = "growth", _("A growth rate I set")


class ScenarioQuerySet(RestrictedQuerySet["Scenario"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Scenarios are working material: the space's insiders and platform admins see them."""
        return insider_rows(user)


class Scenario(TimeStampedModel):
    """The assumptions of one outlook for an occupation × region over 10 years."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, related_name="outlook_scenarios", verbose_name=_("space")
    )
    version = models.ForeignKey(
        "statistics.DatasetVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dataset version"),
        help_text=_("Employed by age band (measure “employed”), for today's number and the trend."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ssyk = models.CharField(
        _("occupation (SSYK code)"), max_length=4, blank=True, help_text=_("Empty: all occupations.")
    )
    region = models.CharField(_("region code"), max_length=6, blank=True, help_text=_("Empty: the whole table."))
    base_year = models.CharField(
        _("base year"), max_length=12, blank=True, help_text=_("Empty: the latest year of the dataset.")
    )
    retirement_age = models.PositiveSmallIntegerField(
        _("retirement age"), default=65, validators=[MinValueValidator(55), MaxValueValidator(75)]
    )
    older_exit_rate = models.FloatField(
        _("yearly exit rate above the retirement age (%)"),
        default=25.0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Share of those already past the retirement age today who leave each year."),
    )
    exit_rates = models.JSONField(
        _("other yearly exit rates by age band (%)"),
        default=dict,
        blank=True,
        help_text=_('e.g. {"55-59": 2} for early retirement or leaving the occupation.'),
    )
    inflow_mode = models.CharField(_("inflow"), max_length=8, choices=InflowMode.choices, default=InflowMode.NUMBER)
    inflow_number = models.FloatField(
        _("newly trained entering per year"), default=0, validators=[MinValueValidator(0)]
    )
    inflow_rate = models.FloatField(
        # xgettext:no-python-format
        _("inflow per year (% of today's employed)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    demand_mode = models.CharField(
        _("demand scenario"), max_length=8, choices=DemandMode.choices, default=DemandMode.TREND
    )
    growth_rate = models.FloatField(
        _("demand growth per year (%)"), default=0, validators=[MinValueValidator(-50), MaxValueValidator(50)]
    )
    growth_uncertainty = models.FloatField(
        _("uncertainty of the growth (± percentage points)"),
        default=1.0,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )
    inflow_uncertainty = models.FloatField(
        _("uncertainty of the inflow (± %)"), default=25.0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("outlook scenario")
        verbose_name_plural = _("outlook scenarios")
        ordering = ["-updated_at"]

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:scenario-detail", kwargs={"space": self.space.slug, "pk": self.pk})


class RollUp(CellColumns):
    """A version's observations summed over all occupations (``ssyk="*"``) or all regions (``region="*"``).

    Built once per version by :func:`samverka.insight.indicators.rollups.build` with one ``INSERT … SELECT …
    GROUP BY`` (a version's numbers never change), so that an indicator over every occupation or
    every region reads a few thousand pre-summed rows instead of millions of cells. Only used for a
    dimension without a total category whose codes are all of one level (otherwise the total row or
    the coarsest level is read from the observations themselves).
    """

    id = models.BigAutoField(primary_key=True)

    class Meta:
        indexes = [
            models.Index(fields=["version", "ssyk", "measure", "region", "period"], name="ind_rollup_ssyk"),
            models.Index(fields=["version", "region", "measure", "ssyk", "period"], name="ind_rollup_region"),
        ]


class RollUpState(models.Model):
    """That a version's roll-ups are built (created in the same transaction as the rows)."""

    version = models.OneToOneField(
        "statistics.DatasetVersion", on_delete=models.CASCADE, related_name="indicator_rollup", primary_key=True
    )
    built_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)

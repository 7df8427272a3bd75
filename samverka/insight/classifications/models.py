"""Swedish statistical classifications: SSYK 2012, SUN 2020/2000 and SNI 2007.

The items are loaded from the CSV files in ``classifications/data`` (see
``data/SOURCES.md``) by a data migration. Names are SCB's Swedish names; no
openly licensed English names exist. Counties and municipalities are not here:
they live in ``samverka.platform.core.models`` (County, Municipality).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    SSYK2012 = "ssyk2012", _("Occupations (SSYK 2012)")
    SUN2020_LEVEL = "sun2020_level", _("Education level (SUN 2020)")
    SUN2020_FIELD = "sun2020_field", _("Education field (SUN 2020)")
    SUN2000_LEVEL = "sun2000_level", _("Education level (SUN 2000)")
    SUN2000_FIELD = "sun2000_field", _("Education field (SUN 2000)")
    SNI2007 = "sni2007", _("Industries (SNI 2007)")


class ClassificationItem(models.Model):
    """One code of a classification at one level, with its Swedish name and its parent's code."""

    scheme = models.CharField(_("classification"), max_length=20, choices=Scheme.choices)
    level = models.PositiveSmallIntegerField(_("level"))
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=300)
    parent_code = models.CharField(_("parent code"), max_length=10, blank=True)
    #: The order of the source file (parents come before their children).
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("classification item")
        verbose_name_plural = _("classification items")
        ordering = ["scheme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="classifications_item_unique_code"),
        ]
        indexes = [
            models.Index(fields=["scheme", "level"], name="class_item_level"),
            models.Index(fields=["scheme", "parent_code"], name="class_item_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("classifications:item", kwargs={"scheme": self.scheme, "code": self.code})


class SunVersion(models.TextChoices):
    SUN2020 = "2020", _("SUN 2020")
    SUN2000 = "2000", _("SUN 2000")


class SunOldLevel(models.Model):
    """SCB's older 7-step education level (1–7) and the two-digit SUN levels it covers."""

    version = models.CharField(_("SUN version"), max_length=4, choices=SunVersion.choices)
    code = models.CharField(_("code"), max_length=1)
    name = models.CharField(_("name"), max_length=200)
    #: Two-digit SUN level codes, e.g. ``["41", "52"]`` for old level 5.
    level_codes = models.JSONField(_("SUN levels"), default=list)

    class Meta:
        verbose_name = _("old SUN level")
        verbose_name_plural = _("old SUN levels")
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="classifications_oldlevel_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

"""Annual wheels (årshjul): templates of a year's meetings, a body's adoption of one, and the
meetings each adoption generated."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class WheelTemplate(models.Model):
    """A pattern of meetings over a year. Shipped templates are written from ``registry.py``
    (their texts are English source strings, translated when shown); a space may have its own."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    shipped = models.BooleanField(_("shipped with Samverka"), default=False)
    space = models.ForeignKey(
        "spaces.Space",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="wheel_templates",
        verbose_name=_("space"),
        help_text=_("Empty for the templates shipped with Samverka."),
    )

    class Meta:
        ordering = ["-shipped", "name", "pk"]
        verbose_name = _("annual-wheel template")
        verbose_name_plural = _("annual-wheel templates")
        constraints = [
            models.CheckConstraint(
                condition=Q(shipped=True, space__isnull=True) | Q(shipped=False, space__isnull=False),
                name="wheel_template_shipped_or_of_a_space",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def _text(self, value: str) -> str:
        return gettext(value) if self.shipped and value else value

    @property
    def display_name(self) -> str:
        return self._text(self.name)

    @property
    def display_description(self) -> str:
        return self._text(self.description)


class WheelSlot(models.Model):
    """One recurring meeting of a template: when in the year, at what time, and its themed agenda.

    Either ``months`` (one meeting in each listed month, on the ``week_of_month``-th
    ``weekday``; -1 is the last) or ``interval_weeks`` (a series every N weeks from the first
    ``weekday`` on or after ``start_month``/``start_day``). A ``space_wide`` slot gives one meeting
    per space and year however many bodies adopt the template (the industry forums' shared
    future seminar): the first adopting body hosts it, later adoptions link to it.
    """

    template = models.ForeignKey(
        WheelTemplate, on_delete=models.CASCADE, related_name="slots", verbose_name=_("template")
    )
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=255)
    months = models.JSONField(_("months"), default=list, blank=True)
    week_of_month = models.SmallIntegerField(_("week of the month"), default=2)
    weekday = models.PositiveSmallIntegerField(_("weekday"), default=1, help_text=_("0 is Monday."))
    interval_weeks = models.PositiveSmallIntegerField(_("every N weeks"), null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(_("series starts (month)"), default=1)
    start_day = models.PositiveSmallIntegerField(_("series starts (day)"), default=1)
    time_of_day = models.TimeField(_("time of day"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    agenda = models.JSONField(_("themed agenda items"), default=list, blank=True)
    space_wide = models.BooleanField(_("one meeting for the whole space"), default=False)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["template", "position", "pk"]
        verbose_name = _("annual-wheel slot")
        verbose_name_plural = _("annual-wheel slots")
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="wheel_slot_key_per_template"),
            models.CheckConstraint(
                condition=Q(week_of_month__gte=-1, week_of_month__lte=5) & ~Q(week_of_month=0),
                name="wheel_slot_week_of_month_range",
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="wheel_slot_weekday_range"),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return gettext(self.title) if self.template.shipped else self.title

    def display_agenda(self) -> list[dict[str, str]]:
        """The themed agenda items, translated for a shipped template."""
        shipped = self.template.shipped
        return [
            {
                "title": gettext(item["title"]) if shipped else item["title"],
                "kind": item.get("kind", "discussion"),
                "description": (gettext(item["description"]) if shipped else item["description"])
                if item.get("description")
                else "",
            }
            for item in self.agenda
        ]


class Adoption(models.Model):
    """A body runs a year on a template: the meetings were generated from it."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="wheel_adoptions", verbose_name=_("body")
    )
    template = models.ForeignKey(
        WheelTemplate, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("template")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    time_of_day = models.TimeField(
        _("time of day"), null=True, blank=True, help_text=_("Empty: each meeting's usual time in the template.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    adopted_at = models.DateTimeField(_("adopted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last generated"), auto_now=True)

    class Meta:
        ordering = ["-year", "body", "pk"]
        verbose_name = _("annual-wheel adoption")
        verbose_name_plural = _("annual-wheel adoptions")
        constraints = [
            models.UniqueConstraint(fields=["body", "template", "year"], name="one_adoption_per_body_template_year")
        ]

    def __str__(self) -> str:
        return f"{self.template} {self.year}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.body.space_id}


class MoveReason(models.TextChoices):
    NONE = "", _("Not moved")
    WEEKEND = "weekend", _("weekend")
    HOLIDAY = "holiday", _("public holiday")
    SUMMER_BREAK = "summer_break", _("summer break")


class GeneratedMeeting(models.Model):
    """The link between an adoption's slot and the meeting generated for it.

    ``planned_*`` and ``meeting_sequence``/``meeting_updated_at`` are what the
    wheel last wrote; a meeting that differs from them was changed by hand (or
    invited, held or cancelled) and is never moved by the wheel again. A
    ``shared`` link points at a space-wide meeting hosted by another body.
    """

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="generated", verbose_name=_("adoption")
    )
    slot = models.ForeignKey(WheelSlot, on_delete=models.PROTECT, related_name="+", verbose_name=_("slot"))
    occurrence = models.PositiveSmallIntegerField(_("occurrence"), default=0)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wheel_links",
        verbose_name=_("meeting"),
    )
    shared = models.BooleanField(_("hosted by another body"), default=False)
    planned_start = models.DateTimeField(_("planned start"))
    planned_end = models.DateTimeField(_("planned end"))
    planned_title = models.CharField(_("planned title"), max_length=255)
    original_date = models.DateField(_("date before moving"), null=True, blank=True)
    move_reason = models.CharField(_("moved because of"), max_length=20, choices=MoveReason.choices, blank=True)
    meeting_sequence = models.PositiveIntegerField(default=0, editable=False)
    meeting_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    generated_at = models.DateTimeField(_("generated"), auto_now=True)

    class Meta:
        ordering = ["planned_start", "pk"]
        verbose_name = _("generated meeting")
        verbose_name_plural = _("generated meetings")
        constraints = [
            models.UniqueConstraint(fields=["adoption", "slot", "occurrence"], name="one_meeting_per_occurrence")
        ]

    def __str__(self) -> str:
        return self.planned_title

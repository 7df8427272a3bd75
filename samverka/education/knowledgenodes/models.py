"""Knowledge nodes: a municipality that takes responsibility for one area on behalf of the whole region.

"Alla kommuner kan inte vara experter på allt" (``003`` ~200): the municipalities of a region share the
areas between them, so one of them (the *node-responsible municipality*) gathers the expertise, the
industry contacts and the validation and education of an area — a SUN 2020 education field, one of the
YH agency's education areas, or an industry (an SNI 2007 section). A node holds for a period
(``valid_from``/``valid_to``), names its contacts (people in the actor register and/or a free text the
public may read), the industry actors it works with, and what it offers.

A published node is public (the space's public node page, the API); every node of a space is for its
insiders. The people in ``contacts`` are personal data and are shown to insiders only, as the actor
register does; the public reads ``contact_text``.
"""

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.spaces.visibility import insider_rows


class AreaKind(models.TextChoices):
    SUN_FIELD = "sun_field", _("Education field (SUN 2020)")
    YH_AREA = "yh_area", _("YH education area")
    INDUSTRY = "industry", _("Industry (SNI 2007)")


class YhArea(models.TextChoices):
    """The education areas (utbildningsområden) the Swedish National Agency for Higher Vocational Education uses."""

    DATA_IT = "data-it", _("Data/IT")
    BUSINESS = "ekonomi", _("Economics, administration and sales")
    WELLNESS = "friskvard", _("Health and body care")
    HOSPITALITY = "hotell", _("Hotel, restaurant and tourism")
    HEALTH = "halsa", _("Health care and social work")
    JOURNALISM = "journalistik", _("Journalism and information")
    LAW = "juridik", _("Law")
    CULTURE = "kultur", _("Culture, media and design")
    AGRICULTURE = "lantbruk", _("Agriculture, animal care, horticulture, forestry and fishing")
    PEDAGOGY = "pedagogik", _("Pedagogy and teaching")
    CONSTRUCTION = "samhallsbyggnad", _("Community building and construction")
    SECURITY = "sakerhet", _("Security services")
    TECHNOLOGY = "teknik", _("Technology and manufacturing")
    TRANSPORT = "transport", _("Transport services")


class KnowledgeNodeQuerySet(RestrictedQuerySet["KnowledgeNode"]):
    """Published nodes for everyone; every node of a space for its insiders."""

    def restriction(self, user: Any, action: str) -> Q:
        return Q(is_published=True) | insider_rows(user)

    def current(self, today: date | None = None) -> "KnowledgeNodeQuerySet":
        """Nodes that hold today (started, not yet ended)."""
        today = today or timezone.localdate()
        return self.filter(Q(valid_from__lte=today), Q(valid_to__isnull=True) | Q(valid_to__gte=today))


class KnowledgeNode(TimeStampedModel):
    """A node-responsible municipality × an area, for a period, with contacts, industry actors and an offer."""

    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="+", verbose_name=_("space"))
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("node-responsible municipality"),
    )
    area_kind = models.CharField(_("kind of area"), max_length=10, choices=AreaKind.choices)
    #: A SUN 2020 field code (1–3 digits), a ``YhArea`` key or an SNI 2007 section letter, by ``area_kind``.
    area_code = models.CharField(_("area"), max_length=20)
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("E.g. 'Industry and technology'. Empty: the area's name.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty: until further notice."))
    offers = models.TextField(
        _("what the node offers"),
        blank=True,
        help_text=_("E.g. validation against the industry model, guidance for the other municipalities, courses."),
    )
    contact_text = models.TextField(
        _("contact (public)"), blank=True, help_text=_("Shown on the public page: a function, e-mail or phone.")
    )
    contacts = models.ManyToManyField(
        "actors.Contact", blank=True, related_name="knowledge_nodes", verbose_name=_("contact persons")
    )
    industry_actors = models.ManyToManyField(
        "actors.Organisation", blank=True, related_name="knowledge_nodes", verbose_name=_("industry actors")
    )
    url = models.URLField(_("web page"), max_length=500, blank=True)
    is_published = models.BooleanField(_("published"), default=False, help_text=_("Shown on the public node page."))

    objects = KnowledgeNodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge node")
        verbose_name_plural = _("knowledge nodes")
        ordering = ["municipality__name", "area_kind", "area_code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="knowledgenodes_node_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["space", "area_kind", "area_code"], name="knowledgenode_area")]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.municipality}"

    @property
    def area_name(self) -> str:
        """The area's own name: the YH area's label here; SUN and SNI names come from ``selectors.area_names``."""
        names: dict[str, str] = getattr(self, "_area_names", {})
        if self.area_kind == AreaKind.YH_AREA:
            return str(dict(YhArea.choices).get(self.area_code, self.area_code))
        return names.get(self.area_code, self.area_code)

    @property
    def display_name(self) -> str:
        return self.name or self.area_name

    def is_current(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.valid_from <= today and (self.valid_to is None or self.valid_to >= today)

    def get_absolute_url(self) -> str:
        return reverse("knowledgenodes:node-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

"""The glossary: the words of education and validation, and what each actor means by them.

"Validering" means one thing to Skolverket, another to an industry that validates against its own
model and a third to a region building a structure (``002`` ~1543: "validering som begrepp är otydligt
och kan betyda olika saker för olika aktörer"). So a ``Term`` has one or more ``Definition`` rows, each
naming whose definition it is (the ``source``, e.g. "Myndigheten för yrkeshögskolan") and, where
there is one, where it is published. Terms are grouped by ``Topic`` so a form about validation can show
the validation terms beside it (``{% glossary_terms "validation" %}``).

The glossary is platform-wide and wholly public: every space uses the same words, so there are no
space-specific terms and no visibility rule. Terms are shipped by data migrations and kept by platform
admins (the admin site, through ``services``).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import TimeStampedModel


def _in_language(swedish: str, english: str) -> str:
    """The Swedish text on a Swedish page, the English one on an English page (Swedish when none)."""
    language = (get_language() or "sv")[:2]
    return english if language == "en" and english else swedish


class Topic(models.Model):
    """A group of terms shown together (education, validation, knowledge nodes, classifications)."""

    slug = models.SlugField(_("key"), max_length=40, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("glossary topic")
        verbose_name_plural = _("glossary topics")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.name_sv, self.name_en)


class Term(TimeStampedModel):
    """A word (in Swedish, with its English equivalent) and its definitions by actor."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    term_sv = models.CharField(_("term (Swedish)"), max_length=120)
    term_en = models.CharField(_("term (English)"), max_length=120, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    topics = models.ManyToManyField(Topic, related_name="terms", blank=True, verbose_name=_("topics"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["term_sv", "pk"]

    def __str__(self) -> str:
        return self.term

    @property
    def term(self) -> str:
        return _in_language(self.term_sv, self.term_en)

    @property
    def other_language_term(self) -> str:
        """The term in the other language, shown beside it (e.g. "validering" on an English page)."""
        other = self.term_sv if self.term == self.term_en else self.term_en
        return "" if other == self.term else other

    def get_absolute_url(self) -> str:
        return reverse("glossary:term-list") + f"#{self.slug}"


class Definition(models.Model):
    """What one actor means by a term: the text, whose definition it is and where it is published."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="definitions", verbose_name=_("term"))
    text_sv = models.TextField(_("definition (Swedish)"))
    text_en = models.TextField(_("definition (English)"), blank=True)
    source = models.CharField(
        _("whose definition"),
        max_length=200,
        help_text=_("The actor or document the definition comes from, e.g. 'Skolverket' or 'Samverka'."),
    )
    source_url = models.URLField(_("published at"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")
        ordering = ["term", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.term_id}: {self.source}"

    @property
    def text(self) -> str:
        return _in_language(self.text_sv, self.text_en)

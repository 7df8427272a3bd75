"""Collaboration spaces: the national collaboration and the regional platforms."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.models import County, TimeStampedModel


class SpaceKind(models.TextChoices):
    NATIONAL = "national", _("National collaboration")
    REGIONAL = "regional", _("Regional competence platform")


class SpaceRole(models.TextChoices):
    """A person's role in a space, from most to least powerful."""

    ADMIN = "admin", _("Space administrator")
    SECRETARIAT = "secretariat", _("Secretariat / coordinator")
    REGISTRAR = "registrar", _("Registrar")
    ANALYST = "analyst", _("Analyst")
    MEMBER = "member", _("Member")
    GUEST = "guest", _("External guest")


#: Roles that must use two-factor authentication.
MFA_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.REGISTRAR})
#: Roles that run the space's register and structure.
MANAGING_ROLES = frozenset({SpaceRole.ADMIN, SpaceRole.SECRETARIAT})


class Space(TimeStampedModel):
    """One collaboration hosted by the installation, with its own members and private content."""

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SpaceKind.choices)
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spaces",
        verbose_name=_("county"),
        help_text=_("The county a regional platform serves."),
    )
    description = models.TextField(_("description"), blank=True)
    owner_name = models.CharField(
        _("responsible organisation"), max_length=200, blank=True, help_text=_("e.g. Region Sörmland")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="national") | models.Q(county__isnull=False),
                name="regional_space_has_county",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("spaces:detail", kwargs={"space": self.slug})

    def get_additional_data(self) -> dict[str, int]:
        """Stored with every audit row, so the space's log can find it."""
        return {"space_id": self.pk}


class SpaceMembership(TimeStampedModel):
    """A user's role in one space. A user can belong to several spaces."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("space"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=SpaceRole.choices, default=SpaceRole.MEMBER)

    class Meta:
        ordering = ["space", "user"]
        verbose_name = _("space membership")
        verbose_name_plural = _("space memberships")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="one_role_per_user_and_space")]

    def __str__(self) -> str:
        return f"{self.user} — {self.space} ({self.get_role_display()})"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

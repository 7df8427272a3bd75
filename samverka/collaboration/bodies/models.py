"""Forums, councils, groups and projects of a space, and who sits in them."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Contact, Organisation
from samverka.platform.core.models import TimeStampedModel
from samverka.platform.core.querysets import RestrictedQuerySet, rows_in
from samverka.platform.spaces.visibility import insider_rows


class BodyKind(models.TextChoices):
    GD_GROUP = "gd_group", _("GD group (agency heads)")
    STEERING_GROUP = "steering_group", _("Steering group")
    PREPARATION_GROUP = "preparation_group", _("Preparation group")
    SECRETARIAT = "secretariat", _("Secretariat")
    WORKING_GROUP = "working_group", _("Working group")
    PROJECT = "project", _("Project")
    REFERENCE_GROUP = "reference_group", _("Reference group")
    DIALOGUE_GROUP = "dialogue_group", _("Dialogue group")
    TASK_FORCE = "task_force", _("Task force")
    NETWORK = "network", _("Network")
    INDUSTRY_FORUM = "industry_forum", _("Industry forum (branschforum)")
    EXECUTIVE_COMMITTEE = "executive_committee", _("Executive committee (arbetsutskott)")
    PROGRAMME_COUNCIL = "programme_council", _("Programme council (programråd)")
    COLLABORATION_COUNCIL = "collaboration_council", _("Collaboration council (samverkansråd)")
    LOCAL_COMPETENCE_WORKSHOP = "local_competence_workshop", _("Local competence workshop")
    LOCAL_COLLABORATION_GROUP = "local_collaboration_group", _("Local collaboration group")


class Area(models.TextChoices):
    """The three areas of the regional system (seed 004, ch. 6.2), plus national work."""

    EDUCATION_MATCHING = "education_matching", _("Education and matching")
    TRANSITION_GUIDANCE = "transition_guidance", _("Transition and guidance")
    PREPARATORY = "preparatory", _("Preparatory measures")
    NATIONAL = "national", _("National")


class BodyStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class BodyRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    PROCESS_LEADER = "process_leader", _("Process leader")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    ADJUNCT = "adjunct", _("Adjunct")
    EXTERNAL_GUEST = "external_guest", _("External guest")


#: Body roles that may run a body's own page and membership list.
BODY_LEADING_ROLES = frozenset({BodyRole.CHAIR, BodyRole.PROCESS_LEADER, BodyRole.SECRETARY})


class ParticipationModel(models.TextChoices):
    """How a region takes part in a national project (seed 000, ch. 2.1)."""

    CONTINUOUS = "continuous", _("Continuous participation")
    REFERENCE_GROUP = "reference_group", _("Reference group")
    ON_DEMAND = "on_demand", _("On demand (workshop, survey, input)")


class BodyQuerySet(RestrictedQuerySet["Body"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Public bodies for everyone; all of a space's bodies for its insiders;
        for an external guest also the bodies they sit in."""
        condition = Q(is_public=True) | insider_rows(user)
        if user is not None and user.is_authenticated:
            # Only a membership that has not ended opens a private body (the same rule as bodies.view_body).
            # A subquery, not a join: no DISTINCT over every body, and each branch of the OR can use an index.
            seats = Membership.objects.filter(contact__user=user).not_ended().values("body_id")
            condition |= Q(pk__in=seats)
        return condition


class Body(TimeStampedModel):
    """A forum, council, group or project in a space."""

    space = models.ForeignKey("spaces.Space", on_delete=models.PROTECT, related_name="bodies", verbose_name=_("space"))
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    mandate = models.TextField(_("mandate"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_bodies",
        verbose_name=_("owner organisation"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
        help_text=_("Questions escalate to this body, e.g. programme council → industry forum."),
    )
    status = models.CharField(_("status"), max_length=10, choices=BodyStatus.choices, default=BodyStatus.ACTIVE)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public website with its member organisations.")
    )
    closed_at = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closing_note = models.TextField(_("closing note"), blank=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["space", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        indexes = [
            models.Index(fields=["space", "kind"], name="body_space_kind"),
            models.Index(fields=["space", "status"], name="body_space_status"),
            models.Index(fields=["space", "name"], name="body_space_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="body_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="closed_body_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:body-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


class MembershipQuerySet(RestrictedQuerySet["Membership"]):
    def current(self, on: Any = None) -> "MembershipQuerySet":
        """Memberships running on ``on`` (default today): started and not ended."""
        day = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def restriction(self, user: Any, action: str) -> Q:
        """Memberships of the bodies ``user`` may see (whether the persons are shown is a separate
        rule, bodies.view_membership_people)."""
        return rows_in("body", Body.objects.restrict(user))

    def not_ended(self, on: Any = None) -> "MembershipQuerySet":
        """Memberships running on ``on`` or starting later (the person is, or is about to be, a member)."""
        day = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(TimeStampedModel):
    """A person, for an organisation, in a body, with a role and a period."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("body"))
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=BodyRole.choices, default=BodyRole.MEMBER)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    participation_model = models.CharField(
        _("participation model"),
        max_length=20,
        choices=ParticipationModel.choices,
        blank=True,
        help_text=_("For a region taking part in a national project."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "contact__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [
            models.Index(fields=["body", "role"], name="membership_body_role"),
            models.Index(fields=["organisation"], name="membership_org"),
            models.Index(fields=["contact"], name="membership_contact"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()}) — {self.body}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.body.space_id}

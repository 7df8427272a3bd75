"""Minutes (protokoll): a text per agenda item, in numbered versions, approved (justerat) by the
chair and the appointed adjuster. An approved version is locked; a correction is a new version
with a reason, approved again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.collaboration.actors.models import Contact
from samverka.collaboration.meetings.models.meetings import AgendaItem, Meeting
from samverka.platform.core.richtext import RichTextField


class MinutesVersion(models.Model):
    """One version of a meeting's minutes. Version 1 is the original; later ones are corrections."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes_versions", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("sent for approval"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_minutes_version_number")]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.approved_at is not None

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.meeting.body.space_id}


class Minutes(models.Model):
    """What was said and decided under one agenda item, in one version of the minutes."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="minutes")
    text = RichTextField(_("minutes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["version", "agenda_item__position", "agenda_item_id"]
        verbose_name = _("minutes of an agenda item")
        verbose_name_plural = _("minutes")
        constraints = [models.UniqueConstraint(fields=["version", "agenda_item"], name="one_text_per_item_and_version")]

    def __str__(self) -> str:
        return f"{self.agenda_item} ({self.version})"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.version.meeting.body.space_id}


class ApprovalRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    ADJUSTER = "adjuster", _("Adjuster")


class Approval(models.Model):
    """A signature under a version of the minutes: by the chair or by the adjuster."""

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="approvals")
    role = models.CharField(_("as"), max_length=10, choices=ApprovalRole.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    approved_at = models.DateTimeField(_("approved"))

    class Meta:
        ordering = ["version", "role"]
        verbose_name = _("approval of minutes")
        verbose_name_plural = _("approvals of minutes")
        constraints = [models.UniqueConstraint(fields=["version", "role"], name="one_approval_per_role")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.version.meeting.body.space_id}

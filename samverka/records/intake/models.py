"""One way in for external actors, and the public's requests for copies from the diary.

Everything that arrives from outside — through the public contact form, or (see the design in
docs) a functional mailbox read over IMAP — becomes an ``IncomingItem`` in the space's triage
queue. A registrar or the secretariat then registers it as an incoming document of a case,
hands it to a body, or rejects it with a reason. The sender always gets a receipt by e-mail.

A ``CopyRequest`` is a request for a copy of a registered document (begäran om utlämnande av
allmän handling), made from a row of the public diary; it is registered at once as a case of
type "request for official documents" with an incoming document.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.querysets import RestrictedQuerySet
from samverka.platform.core.uploads import random_storage_name
from samverka.platform.spaces.visibility import rows_of_spaces_with_role


class Channel(models.TextChoices):
    CONTACT_FORM = "contact_form", _("Contact form")
    EMAIL = "email", _("E-mail")


class ItemStatus(models.TextChoices):
    TRIAGE = "triage", _("Waiting for triage")
    ASSIGNED = "assigned", _("Assigned")
    REJECTED = "rejected", _("Rejected")


#: Roles of a space that triage incoming items (with platform admins).
TRIAGE_ROLES = frozenset({"admin", "secretariat", "registrar"})


class IncomingItemQuerySet(RestrictedQuerySet["IncomingItem"]):
    def restriction(self, user: Any, action: str) -> Q:
        """Incoming items carry personal data: only those who triage them see them."""
        return rows_of_spaces_with_role(user, TRIAGE_ROLES)


class IncomingItem(models.Model):
    """A message from outside waiting for (or done with) triage."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="incoming_items", verbose_name=_("space")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    sender_name = models.CharField(_("name"), max_length=200)
    sender_email = models.EmailField(_("e-mail"))
    sender_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("message"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.TRIAGE)
    case = models.ForeignKey(
        "registry.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_items",
        verbose_name=_("case"),
    )
    document = models.ForeignKey(
        "registry.RegisteredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_items",
        verbose_name=_("registered document"),
    )
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_items",
        verbose_name=_("body"),
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    receipt_sent_at = models.DateTimeField(_("receipt queued"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    message_id = models.CharField(
        _("message id"),
        max_length=255,
        blank=True,
        help_text=_("The e-mail's Message-ID, so a mailbox read twice does not create the item twice."),
    )

    objects = IncomingItemQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("incoming item")
        verbose_name_plural = _("incoming items")
        indexes = [models.Index(fields=["space", "status", "received_at"], name="intake_item_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "message_id"], condition=~Q(message_id=""), name="intake_item_message_once"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""), name="intake_item_rejected_with_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("intake:item-detail", kwargs={"space": self.space.slug, "pk": self.pk})

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}


def _attachment_path(instance: "IncomingAttachment", filename: str) -> str:
    # A random name: the sanitised original name is only shown, never used as a path.
    return random_storage_name(f"intake/{instance.item_id}", filename)


class IncomingAttachment(models.Model):
    """A file that came with an incoming item, checked by content, size and name."""

    item = models.ForeignKey(
        IncomingItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("incoming item")
    )
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = _("incoming attachment")
        verbose_name_plural = _("incoming attachments")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.item.space_id}


class CopyRequest(models.Model):
    """A request from the public for a copy of a registered document, registered as a case."""

    space = models.ForeignKey(
        "spaces.Space", on_delete=models.PROTECT, related_name="copy_requests", verbose_name=_("space")
    )
    document = models.ForeignKey(
        "registry.RegisteredDocument",
        on_delete=models.PROTECT,
        related_name="copy_requests",
        verbose_name=_("requested document"),
    )
    requester_name = models.CharField(_("name"), max_length=200)
    requester_email = models.EmailField(_("e-mail"))
    requester_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    case = models.ForeignKey(
        "registry.Case",
        on_delete=models.PROTECT,
        related_name="copy_requests",
        verbose_name=_("case"),
    )
    registered_document = models.ForeignKey(
        "registry.RegisteredDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("the request as registered"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    receipt_sent_at = models.DateTimeField(_("receipt queued"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("copy request")
        verbose_name_plural = _("copy requests")

    def __str__(self) -> str:
        return f"{self.requester_name}: {self.document_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"space_id": self.space_id}

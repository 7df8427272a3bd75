"""The persisted e-mail outbox: every outgoing message is a row here first.

Other apps never send mail themselves; they call
``notifications.services.enqueue_email(s)`` inside their own transaction, and a
task worker (``send_outbox_task`` / ``manage.py send_outbox``) delivers the rows
after commit. A message is therefore either still queued or sent; a rolled-back
transaction leaves no message behind.

The outbox is not registered with the audit log (``core/audit.py``): it is a
log itself (who was mailed what and when, with status and errors), and copying
every body into the audit trail would double the storage for nothing.
"""

import base64
import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverka.platform.core.querysets import RestrictedQuerySet


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


def message_id_for(key: str) -> str:
    """The stable RFC 5322 Message-ID of the message with idempotency ``key``.

    Derived from the key alone, so a resend after a crash carries the same
    Message-ID and receiving servers and mail clients treat it as the same message.
    """
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{settings.ICS_UID_DOMAIN}>"


class OutboxMessageQuerySet(RestrictedQuerySet["OutboxMessage"]):
    def for_space(self, space: Any) -> "OutboxMessageQuerySet":
        return self.filter(space=space)

    def restriction(self, user: Any, action: str) -> Q:
        """Bodies carry personal answer and cancel links: the managers of the message's space (and
        platform admins) see it."""
        from samverka.platform.spaces.visibility import manager_rows

        return manager_rows(user)


class OutboxMessage(models.Model):
    """One e-mail to one recipient, waiting to be sent, sent, or given up on.

    ``attachments`` is a JSON list of ``{"name", "mimetype", "content_b64"}``;
    use ``attachment_files()`` to get ``(name, bytes, mimetype)`` tuples back.
    """

    space = models.ForeignKey(
        "spaces.Space",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("space"),
    )
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True, default="")
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True, default="")
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    claim_token = models.CharField(_("claimed by"), max_length=32, blank=True, default="", editable=False)
    last_error = models.TextField(_("last error"), blank=True, default="")
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due"),
            models.Index(fields=["space", "-created_at"], name="outbox_space_created"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.message_id:
            self.message_id = message_id_for(self.key)
        super().save(*args, **kwargs)

    def attachment_files(self) -> list[tuple[str, bytes, str]]:
        return [
            (item["name"], base64.b64decode(item["content_b64"]), item["mimetype"]) for item in self.attachments or []
        ]

    @property
    def attachment_names(self) -> list[str]:
        return [item["name"] for item in self.attachments or []]

    def get_additional_data(self) -> dict[str, Any]:
        return {"space_id": self.space_id}

"""E-mail intake: a functional mailbox (e.g. diariet@…) read over IMAP into the triage queue.

Each unread message becomes an ``IncomingItem`` with channel "email", exactly as if it had come
through the contact form: the same checks on the sender and on every attachment, the same
triage, the same receipt. The Message-ID is kept, so reading the mailbox twice never creates an
item twice. Automatic mail (auto-replies, bounces, lists) is skipped so receipts never loop.
An attachment the upload checks refuse (or more than five) does not lose the message: it is taken
in without files and the text says which were left out (they stay in the mailbox).

Configuration (settings, one entry per space slug)::

    INTAKE_MAILBOXES = {
        "msv": {"host": "imap.example.se", "port": 993, "user": "diariet@msv.example",
                "password": env("INTAKE_MSV_IMAP_PASSWORD"), "folder": "INBOX", "ssl": True},
    }

Run ``manage.py read_intake_mailbox`` every few minutes (cron or systemd timer).
"""

import html
import imaplib
import logging
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from samverka.platform.spaces.models import Space
from samverka.records.intake.models import Channel, IncomingItem
from samverka.records.intake.services import contact_receive

logger = logging.getLogger(__name__)

_AUTOMATIC_SENDERS = ("mailer-daemon", "postmaster", "no-reply", "noreply")


@dataclass
class ReadResult:
    created: int = 0
    skipped: int = 0
    failed: int = 0


def is_automatic(message: EmailMessage) -> bool:
    """Auto-replies, bounces and list mail get no item and no receipt (RFC 3834)."""
    if (message.get("Auto-Submitted") or "no").strip().lower() != "no":
        return True
    if (message.get("Precedence") or "").strip().lower() in {"bulk", "junk", "list", "auto_reply"}:
        return True
    if message.get("List-Id") or message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    _name, address = parseaddr(str(message.get("From") or ""))
    return not address or address.split("@", 1)[0].lower() in _AUTOMATIC_SENDERS


def _text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = str(body.get_content())
    if body.get_content_type() == "text/html":
        content = html.unescape(nh3.clean(content, tags=set()))
    return content.strip()


def _uploads_of(message: EmailMessage) -> list[SimpleUploadedFile]:
    uploads = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            uploads.append(SimpleUploadedFile(part.get_filename() or "bilaga", payload))
    return uploads


def item_from_email(*, space: Space, raw: bytes) -> IncomingItem | None:
    """Take one e-mail (RFC 5322 bytes) into the space's triage queue; None when skipped.

    Raises ValidationError when the message cannot be taken in at all (e.g. no valid sender)."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    if is_automatic(message):
        return None
    message_id = str(message.get("Message-ID") or "").strip()[:255]
    if message_id and IncomingItem.objects.filter(space=space, message_id=message_id).exists():
        return None
    name, address = parseaddr(str(message.get("From") or ""))
    name = name or address
    subject = str(message.get("Subject") or "").strip()[:255] or _("(no subject)")
    text = _text_of(message) or _("(no text)")
    uploads = _uploads_of(message)
    try:
        return contact_receive(
            space=space,
            name=name,
            email=address,
            subject=subject,
            text=text,
            uploads=uploads,
            channel=Channel.EMAIL,
            message_id=message_id,
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict") or set(error.message_dict) != {"attachments"}:
            raise
    # An attachment was refused (or more than MAX_ATTACHMENTS came): take the message in
    # without files, and say so; the files stay in the mailbox.
    text += "\n\n" + _("Attachments not taken in (they stay in the mailbox): %(names)s") % {
        "names": ", ".join(str(upload.name) for upload in uploads)
    }
    return contact_receive(
        space=space, name=name, email=address, subject=subject, text=text, channel=Channel.EMAIL, message_id=message_id
    )


def read_mailbox(*, space: Space, config: dict[str, Any]) -> ReadResult:
    """Read the unread messages of one mailbox into the space's queue and mark them read."""
    result = ReadResult()
    port = int(config.get("port") or (993 if config.get("ssl", True) else 143))
    client: Any = (imaplib.IMAP4_SSL if config.get("ssl", True) else imaplib.IMAP4)(config["host"], port)
    try:
        client.login(config["user"], config["password"])
        client.select(config.get("folder") or "INBOX")
        _status, data = client.uid("search", None, "UNSEEN")
        for uid in (data[0] or b"").split():
            _status, fetched = client.uid("fetch", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
            try:
                item = item_from_email(space=space, raw=raw)
            except ValidationError as error:
                # Left in the mailbox (marked read) for a person to handle.
                logger.warning("Mail %s in %s not taken in: %s", uid, space.slug, error.messages)
                result.failed += 1
            else:
                if item is None:
                    result.skipped += 1
                else:
                    result.created += 1
            client.uid("store", uid, "+FLAGS", "(\\Seen)")
    finally:
        try:
            client.logout()
        except Exception:  # the connection may already be gone
            logger.debug("IMAP logout failed", exc_info=True)
    return result

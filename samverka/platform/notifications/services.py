"""Every write about the e-mail outbox: queueing, sending, retrying.

Queueing
    ``enqueue_email`` / ``enqueue_emails`` are called by other apps inside their
    own transaction. They only write rows; a send task is scheduled with
    ``transaction.on_commit``, so nothing is sent for a rolled-back transaction
    and nothing is lost when the task backend is down (the rows stay pending and
    ``manage.py send_outbox`` or the next task run picks them up). The
    idempotency ``key`` is unique: queueing the same key twice returns the
    existing message and sends nothing new.

Sending (``send_pending``)
    A worker first *claims* due messages with one guarded UPDATE
    (``status=pending -> sending``, stamped with a random claim token), then
    reads back only the rows carrying its token. Two workers running at the same
    time therefore never get the same message. Each claimed message is sent over
    SMTP and marked ``sent``. On an error the attempt is counted, the message
    goes back to ``pending`` with an exponential back-off, and after
    ``settings.OUTBOX_MAX_ATTEMPTS`` (default 5) it becomes ``failed`` with the
    last error kept for the outbox page, where an administrator can retry it.

Crash safety, honestly
    A worker that dies after claiming leaves messages in ``sending``. They are
    returned to ``pending`` once they have been ``sending`` for longer than
    ``settings.OUTBOX_STUCK_MINUTES`` (default 15), so every message ends up
    either sent or still queued — never silently dropped. The one window we
    cannot close is a crash *after* the SMTP server accepted a message but
    *before* we recorded it as sent: that message is sent again (delivery is
    at-least-once, not exactly-once). Because the Message-ID is derived from the
    idempotency key, the resend carries the same Message-ID, and receiving
    servers and mail clients that de-duplicate by Message-ID show it once; ICS
    attachments carry stable UIDs too, so calendars update rather than duplicate.
"""

import base64
import contextlib
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.notifications.models import OutboxMessage, OutboxStatus, message_id_for
from samverka.platform.spaces.models import Space

logger = logging.getLogger(__name__)

#: How many rows one bulk INSERT writes.
BULK_BATCH = 500


@dataclass(frozen=True)
class EmailSpec:
    """What to send to one recipient; ``key`` makes queueing idempotent."""

    to: str  # one address per message
    subject: str
    body: str  # plain text
    key: str  # idempotency key, e.g. f"meeting-invitation:{invitation.pk}:{meeting.sequence}"
    html_body: str = ""
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, mimetype)
    reply_to: str = ""


def _max_attempts() -> int:
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 5))


def _stuck_after() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "OUTBOX_STUCK_MINUTES", 15)))


def _backoff(attempts: int) -> timedelta:
    """Delay before attempt ``attempts + 1``: base * 2^(attempts-1), capped at six hours."""
    base = int(getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def _message_from_spec(spec: EmailSpec, space: Space | None) -> OutboxMessage:
    if not spec.key:
        raise ValueError("EmailSpec.key must not be empty")
    return OutboxMessage(
        space=space,
        to=spec.to,
        subject=" ".join(spec.subject.split())[:998],  # no header injection via newlines
        body=spec.body,
        html_body=spec.html_body,
        reply_to=spec.reply_to,
        attachments=[
            {"name": name, "mimetype": mimetype, "content_b64": base64.b64encode(content).decode("ascii")}
            for name, content, mimetype in spec.attachments
        ],
        key=spec.key,
        message_id=message_id_for(spec.key),
        status=OutboxStatus.PENDING,
    )


def _schedule_send() -> None:
    """Run the send task once the caller's transaction has committed."""

    def enqueue() -> None:
        from samverka.platform.notifications.tasks import send_outbox_task

        try:
            send_outbox_task.enqueue()
        except Exception:  # the rows are safe; the worker command will send them
            logger.exception("Could not enqueue the outbox task; messages stay pending")

    transaction.on_commit(enqueue)


def enqueue_email(spec: EmailSpec, *, space: Space | None = None) -> OutboxMessage:
    """Queue one message; the same ``key`` twice returns the existing message."""
    with transaction.atomic():
        existing = OutboxMessage.objects.filter(key=spec.key).first()
        if existing is not None:
            return existing
        message = _message_from_spec(spec, space)
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            # Lost a race with another transaction queueing the same key.
            existing = OutboxMessage.objects.filter(key=spec.key).first()
            if existing is None:
                raise
            return existing
    _schedule_send()
    return message


def enqueue_emails(specs: Iterable[EmailSpec], *, space: Space | None = None) -> int:
    """Queue many messages in a few queries; returns how many were newly queued.

    Keys already in the outbox (or repeated within ``specs``) are skipped.
    """
    unique: dict[str, EmailSpec] = {}
    for spec in specs:
        unique.setdefault(spec.key, spec)
    if not unique:
        return 0
    with transaction.atomic():
        keys = list(unique)
        existing: set[str] = set()
        for start in range(0, len(keys), BULK_BATCH):
            existing.update(
                OutboxMessage.objects.filter(key__in=keys[start : start + BULK_BATCH]).values_list("key", flat=True)
            )
        new = [_message_from_spec(spec, space) for key, spec in unique.items() if key not in existing]
        # ignore_conflicts: a concurrent transaction may have queued one of these keys meanwhile.
        OutboxMessage.objects.bulk_create(new, batch_size=BULK_BATCH, ignore_conflicts=True)
    if new:
        _schedule_send()
    return len(new)


# --- sending ---------------------------------------------------------------------


def recover_stuck(*, now: Any = None) -> int:
    """Return messages left in ``sending`` by a crashed worker to ``pending``."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=now - _stuck_after()).update(
        status=OutboxStatus.PENDING, claim_token="", next_attempt_at=None
    )


def claim_due(*, limit: int = 100, now: Any = None) -> list[OutboxMessage]:
    """Atomically take up to ``limit`` due messages for this worker.

    The guarded UPDATE (``... WHERE status='pending'``) makes the claim exclusive:
    of two workers racing for a row only one UPDATE matches it, and each worker
    reads back only the rows stamped with its own token.
    """
    now = now or timezone.now()
    due = (
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return claim_ids(list(due), now=now)


def claim_ids(ids: Sequence[int], *, now: Any = None) -> list[OutboxMessage]:
    """Claim those of ``ids`` that are still pending; returns the claimed messages."""
    if not ids:
        return []
    now = now or timezone.now()
    token = uuid.uuid4().hex
    OutboxMessage.objects.filter(pk__in=ids, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claim_token=token, claimed_at=now
    )
    return list(OutboxMessage.objects.filter(claim_token=token, status=OutboxStatus.SENDING).order_by("pk"))


def _build_email(message: OutboxMessage, connection: Any) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": message.message_id},
        connection=connection,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for name, content, mimetype in message.attachment_files():
        email.attach(name, content, mimetype)
    return email


def _mark_sent(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        attempts=message.attempts + 1,
        claim_token="",
        last_error="",
        next_attempt_at=None,
    )


def _mark_failed_attempt(message: OutboxMessage, error: str) -> tuple[str, Any]:
    attempts = message.attempts + 1
    now = timezone.now()
    if attempts >= _max_attempts():
        status, next_attempt = OutboxStatus.FAILED, None
    else:
        status, next_attempt = OutboxStatus.PENDING, now + _backoff(attempts)
    OutboxMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
        status=status, attempts=attempts, next_attempt_at=next_attempt, last_error=error[:2000], claim_token=""
    )
    return status, next_attempt


@dataclass(frozen=True)
class BatchResult:
    """What one run of the sender did."""

    claimed: int
    sent: int
    retry_at: Any = None  # earliest next attempt of a message that failed in this run


def _send_claimed(messages: Sequence[OutboxMessage]) -> BatchResult:
    """Send claimed messages over one connection."""
    # A mail server that never answers must not hold a worker (or, with the immediate
    # task backend, a request) forever.
    connection = get_connection(fail_silently=False, timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 30)
    sent = 0
    retry_at = None
    try:
        for message in messages:
            try:
                accepted = connection.send_messages([_build_email(message, connection)])
                if not accepted:
                    raise RuntimeError("The mail server accepted no recipient.")
            except Exception as exc:  # SMTP, socket and DNS errors all mean "try again later"
                status, next_attempt = _mark_failed_attempt(message, f"{type(exc).__name__}: {exc}")
                logger.warning("Outbox message %s not sent (%s): %s", message.pk, status, exc)
                if next_attempt is not None:
                    retry_at = min(retry_at or next_attempt, next_attempt)
                with contextlib.suppress(Exception):  # a broken connection may fail to close
                    connection.close()  # reopen cleanly for the next message
                continue
            _mark_sent(message)
            sent += 1
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return BatchResult(claimed=len(messages), sent=sent, retry_at=retry_at)


def send_batch(limit: int = 100) -> BatchResult:
    """Recover stuck messages, claim up to ``limit`` due ones and send them."""
    recover_stuck()
    messages = claim_due(limit=limit)
    if not messages:
        return BatchResult(claimed=0, sent=0)
    return _send_claimed(messages)


def send_pending(limit: int = 100) -> int:
    """Send up to ``limit`` due messages; returns how many were sent.

    Recovers messages stuck in ``sending`` first (see the module docstring).
    """
    return send_batch(limit=limit).sent


def outbox_retry(*, actor: User | None, message: OutboxMessage) -> OutboxMessage:
    """Put a failed message back in the queue with a fresh set of attempts."""
    from django.core.exceptions import ValidationError

    ensure(actor is None or actor.has_perm("notifications.retry_outboxmessage", message))
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.FAILED).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=None, claim_token=""
        )
        if not updated:
            raise ValidationError(_("Only a message that has failed can be retried."))
        message.refresh_from_db()
    _schedule_send()
    return message

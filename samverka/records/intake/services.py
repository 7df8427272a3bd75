"""Every write of the public way in: contact messages, copy requests and triage.

The public services (``contact_receive``, ``copy_request_register``) take no actor: anyone may
write to an authority. What protects them is validation, the upload checks and a per-address
limit counted in Django's cache. Triage needs ``intake.triage_incomingitem``; registering in the
registry goes through ``samverka.records.registry.services`` (which checks its own permissions).
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.bodies.models import Body
from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.core.uploads import check_upload, sha256_of
from samverka.platform.notifications.services import EmailSpec, enqueue_email
from samverka.platform.spaces.models import Space
from samverka.records.intake.models import Channel, CopyRequest, IncomingAttachment, IncomingItem, ItemStatus
from samverka.records.registry import services as registry
from samverka.records.registry.models import Case, CaseType, Direction, RegisteredDocument

__all__ = [
    "RateLimited",
    "contact_receive",
    "copy_request_register",
    "item_assign_body",
    "item_assign_case",
    "item_reject",
    "rate_limit_hit",
]

#: Default number of public messages (contact form + copy requests) one address may send per hour.
DEFAULT_PUBLIC_LIMIT = 10
MAX_ATTACHMENTS = 5


class RateLimited(Exception):
    """Too many public messages from one address within the hour."""


def _limit() -> int:
    return int(getattr(settings, "INTAKE_PUBLIC_LIMIT_PER_HOUR", DEFAULT_PUBLIC_LIMIT))


def rate_limit_hit(client_ip: str) -> None:
    """Count one public message from ``client_ip``; raise RateLimited past the hourly limit.

    The count lives in Django's cache (shared by the workers when the cache is shared)."""
    key = f"intake:public:{client_ip or 'unknown'}"
    if cache.add(key, 1, timeout=3600):
        return
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return
    if count > _limit():
        raise RateLimited


def _clean_sender(name: str, email: str, organisation: str) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    name = " ".join((name or "").split())
    email = (email or "").strip()
    organisation = " ".join((organisation or "").split())
    if not name:
        errors["name"] = _("Write your name.")
    elif len(name) > 200:
        errors["name"] = _("The name can be at most 200 characters.")
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Write an e-mail address like namn@example.se; the receipt is sent there.")
    if len(organisation) > 200:
        errors["organisation"] = _("The organisation can be at most 200 characters.")
    if errors:
        raise ValidationError(errors)
    return name, email, organisation


def _check_files(uploads: Sequence[File]) -> list[tuple[File, str, str]]:
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS}})
    checked = []
    for upload in uploads:
        try:
            name, kind = check_upload(upload)
        except ValidationError as error:
            messages = (
                error.message_dict.get("file", error.messages) if hasattr(error, "error_dict") else error.messages
            )
            raise ValidationError(
                {"attachments": [f"{getattr(upload, 'name', '')}: {message}" for message in messages]}
            ) from error
        checked.append((upload, name, kind.content_type))
    return checked


def _store(item: IncomingItem, upload: File, name: str, content_type: str, stored: list[tuple[Storage, str]]) -> None:
    attachment = IncomingAttachment(
        item=item, name=name[:150], content_type=content_type, size=upload.size, sha256=sha256_of(upload)
    )
    attachment.file.save(name, upload, save=False)
    # Remembered so the caller can delete the file again when the transaction rolls back.
    stored.append((attachment.file.storage, str(attachment.file.name)))
    attachment.save()


def _receipt_item(item: IncomingItem) -> EmailSpec:
    context = {"item": item, "space": item.space, "reference": f"IN-{item.pk}"}
    return EmailSpec(
        to=item.sender_email,
        subject=_("Receipt: we have received your message to %(space)s") % {"space": item.space.name},
        body=render_to_string("intake/email/contact_receipt.txt", context),
        key=f"intake-receipt:{item.pk}",
        reply_to=item.space.contact_email,
    )


def contact_receive(
    *,
    space: Space,
    name: str,
    email: str,
    subject: str,
    text: str,
    organisation: str = "",
    uploads: Sequence[File] = (),
    channel: str = Channel.CONTACT_FORM,
    message_id: str = "",
) -> IncomingItem:
    """Put a message from outside (``name`` and ``email`` of the sender, the ``subject`` and ``text``) in the
    space's triage queue and queue a receipt to the sender.

    Every file is checked (content, size, name) before anything is stored; on any error nothing
    is kept — no row, no file, no e-mail."""
    name, email, organisation = _clean_sender(name, email, organisation)
    subject = " ".join((subject or "").split())
    text = (text or "").strip()
    errors: dict[str, str] = {}
    if not subject:
        errors["subject"] = _("Write what your message is about.")
    elif len(subject) > 255:
        errors["subject"] = _("The subject can be at most 255 characters.")
    if not text:
        errors["text"] = _("Write your message.")
    if channel not in Channel.values:
        errors["channel"] = _("Unknown channel.")
    if errors:
        raise ValidationError(errors)
    checked = _check_files(list(uploads))
    stored: list[tuple[Storage, str]] = []
    try:
        with transaction.atomic():
            item = IncomingItem.objects.create(
                space=space,
                channel=channel,
                sender_name=name,
                sender_email=email,
                sender_organisation=organisation,
                subject=subject,
                text=text,
                message_id=message_id[:255],
            )
            for upload, file_name, content_type in checked:
                _store(item, upload, file_name, content_type, stored)
            enqueue_email(_receipt_item(item), space=space)
            item.receipt_sent_at = timezone.now()
            item.save(update_fields=["receipt_sent_at"])
    except BaseException:
        for storage, stored_name in stored:
            storage.delete(stored_name)
        raise
    return item


# --- copy requests -----------------------------------------------------------------------


def copy_request_register(
    *,
    space: Space,
    document: RegisteredDocument,
    name: str,
    email: str,
    organisation: str = "",
    message: str = "",
) -> CopyRequest:
    """Register a request for a copy of ``document`` as a new case of type "request for official
    documents" (in the series of the requested document's case) with the request as its incoming
    document, and queue a receipt with the case number to the requester."""
    if document.case.space_id != space.pk or document.is_voided or document.case.is_voided:
        raise ValidationError(_("That registration cannot be requested here."))
    name, email, organisation = _clean_sender(name, email, organisation)
    message = (message or "").strip()
    if len(message) > 5000:
        raise ValidationError({"message": _("The message can be at most 5,000 characters.")})
    today = timezone.localdate()
    with transaction.atomic():
        case = registry.case_register(
            actor=None,
            series=document.case.series,
            title=_("Request for a copy of %(reference)s") % {"reference": document.reference},
            case_type=CaseType.DOCUMENT_REQUEST,
            opened_on=today,
        )
        registered = registry.document_register(
            actor=None,
            case=case,
            direction=Direction.INCOMING,
            subject=_("Request for a copy of %(reference)s") % {"reference": document.reference},
            counterpart=f"{name}, {organisation}" if organisation else name,
            received_on=today,
        )
        request = CopyRequest.objects.create(
            space=space,
            document=document,
            requester_name=name,
            requester_email=email,
            requester_organisation=organisation,
            message=message,
            case=case,
            registered_document=registered,
        )
        context = {"request": request, "space": space, "case": case, "document": document}
        enqueue_email(
            EmailSpec(
                to=email,
                subject=_("Receipt: your request for a copy, case %(reference)s") % {"reference": case.reference},
                body=render_to_string("intake/email/copy_receipt.txt", context),
                key=f"intake-copy-receipt:{request.pk}",
                reply_to=space.contact_email,
            ),
            space=space,
        )
        request.receipt_sent_at = timezone.now()
        request.save(update_fields=["receipt_sent_at"])
    return request


# --- triage ------------------------------------------------------------------------------


def _waiting(item: IncomingItem) -> None:
    if item.status != ItemStatus.TRIAGE:
        raise ValidationError(_("This item has already been triaged."))


def _triaged(item: IncomingItem, actor: User, status: str) -> None:
    item.status = status
    item.triaged_by = actor
    item.triaged_at = timezone.now()


def item_assign_case(
    *, actor: User, item: IncomingItem, case: Case, marking: registry.Marking | None = None
) -> IncomingItem:
    """Register the item as an incoming document of ``case`` (with its attachments as files), marked
    secret at once when ``marking`` is given (``registry.services.document_register_and_mark``).

    The attachments are read, checked and hashed before the transaction opens, and their text is read
    by a task after it commits (``registry.services``): no write waits while a file is read."""
    ensure(actor.has_perm("intake.triage_incomingitem", item))
    _waiting(item)
    files: list[File] = []
    for attachment in item.attachments.all():
        with attachment.file.open("rb") as handle:
            files.append(ContentFile(handle.read(), name=attachment.name))
    checked = registry.files_check(files)
    with transaction.atomic():
        return _assign_case(actor=actor, item=item, case=case, files=checked, marking=marking)


def _assign_case(
    *, actor: User, item: IncomingItem, case: Case, files: list[registry.CheckedFile], marking: registry.Marking | None
) -> IncomingItem:
    item = IncomingItem.objects.select_for_update().get(pk=item.pk)
    _waiting(item)
    if case.space_id != item.space_id:
        raise ValidationError({"reference": _("Choose a case of this space.")})
    if case.is_voided:
        raise ValidationError({"reference": _("That case is voided; choose another.")})
    counterpart = item.sender_name
    if item.sender_organisation:
        counterpart = f"{item.sender_name}, {item.sender_organisation}"
    document = registry.document_register_and_mark(
        actor=actor,
        case=case,
        marking=marking,
        direction=Direction.INCOMING,
        subject=item.subject,
        counterpart=counterpart[:255],
        received_on=timezone.localdate(item.received_at),
        files=files,
    )
    item.case, item.document, item.body = case, document, None
    _triaged(item, actor, ItemStatus.ASSIGNED)
    item.save(update_fields=["case", "document", "body", "status", "triaged_by", "triaged_at"])
    return item


@transaction.atomic
def item_assign_body(*, actor: User, item: IncomingItem, body: Body) -> IncomingItem:
    """Hand the item to a body of the space (it is not registered in a case)."""
    ensure(actor.has_perm("intake.triage_incomingitem", item))
    item = IncomingItem.objects.select_for_update().get(pk=item.pk)
    _waiting(item)
    if body.space_id != item.space_id:
        raise ValidationError({"body": _("Choose a body of this space.")})
    item.body = body
    _triaged(item, actor, ItemStatus.ASSIGNED)
    item.save(update_fields=["body", "status", "triaged_by", "triaged_at"])
    return item


@transaction.atomic
def item_reject(*, actor: User, item: IncomingItem, reason: str) -> IncomingItem:
    """Reject the item (spam, not for this space, …) with a reason that is kept."""
    ensure(actor.has_perm("intake.triage_incomingitem", item))
    item = IncomingItem.objects.select_for_update().get(pk=item.pk)
    _waiting(item)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for rejecting the item.")})
    item.rejection_reason = reason
    _triaged(item, actor, ItemStatus.REJECTED)
    item.save(update_fields=["rejection_reason", "status", "triaged_by", "triaged_at"])
    return item

"""Stored files of registered documents: checking, storing, reading their text after commit, disposal."""

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.platform.accounts.models import User
from samverka.platform.core import textextract
from samverka.platform.core.uploads import check_upload, sha256_of
from samverka.records.registry.models import (
    Case,
    DocumentFile,
    EventKind,
    RegisteredDocument,
    TextState,
)
from samverka.records.registry.services.base import _allowed, _user, log_event

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed ``check_upload``, with its safe name, type and SHA-256 (see ``files_check``)."""

    upload: File
    name: str
    content_type: str
    sha256: str


def files_check(uploads: Iterable[File | CheckedFile]) -> list[CheckedFile]:
    """Check (size, type by content, zip bombs, encryption) and hash uploads.

    Call it before the registering transaction opens and pass the result as ``files``: then no write lock
    is held while a file is read. Uploads passed unchecked are checked inside the transaction instead."""
    checked = []
    for upload in uploads:
        if isinstance(upload, CheckedFile):
            checked.append(upload)
            continue
        name, kind = check_upload(upload)
        checked.append(CheckedFile(upload=upload, name=name, content_type=kind.content_type, sha256=sha256_of(upload)))
    return checked


def _store_file(
    document: RegisteredDocument, checked: CheckedFile, actor: User | None, written: list[str]
) -> DocumentFile:
    upload, name = checked.upload, checked.name
    version = (DocumentFile.objects.filter(document=document).aggregate(m=Max("version"))["m"] or 0) + 1
    readable = textextract.can_extract(checked.content_type)
    stored = DocumentFile(
        document=document,
        version=version,
        name=name,
        content_type=checked.content_type,
        size=upload.size,
        sha256=checked.sha256,
        uploaded_by=_user(actor),
        text="",
        text_state=TextState.PENDING if readable else TextState.NONE,
    )
    field = stored.file.field
    target = field.generate_filename(stored, name)
    storage = stored.file.storage
    try:
        saved = storage.save(target, upload, max_length=field.max_length)
    except OSError as error:  # e.g. a full disk: no partial file, and the transaction leaves no row
        if storage.exists(target):
            storage.delete(target)
        raise ValidationError(
            {
                "files": _(
                    "The file %(name)s could not be stored (the disk may be full), so nothing was registered. "
                    "Try again later or tell the administrator."
                )
                % {"name": name}
            }
        ) from error
    written.append(saved)
    stored.file.name = saved
    stored.save()
    if readable:
        _read_text_on_commit(stored.pk)
    return stored


def _read_text_on_commit(file_id: int) -> None:
    """Have the task worker read the file's text once the registration is committed."""
    from samverka.records.registry.tasks import read_file_text

    def enqueue() -> None:
        try:
            read_file_text.enqueue(file_id)
        except Exception:  # the file stays "pending"; manage.py rebuild_registry_search reads it
            logger.exception("Could not enqueue reading the text of registry file %s", file_id)

    transaction.on_commit(enqueue)


def file_text_read(*, file_id: int) -> str:
    """Read a stored file's text for search, then bring its case's search entries in step; the new state.

    Run by the task ``registry.tasks.read_file_text`` after the registering transaction committed (and by
    ``manage.py rebuild_registry_search`` for files left pending). The file is read with no transaction
    open, within ``core.textextract``'s limits (size, characters, time); only the short write of the text
    and the case's entries takes the write lock. Idempotent: a file already read, or disposed of
    meanwhile, is left as it is."""
    stored = DocumentFile.objects.filter(pk=file_id).first()
    if stored is None:
        return ""
    if stored.text_state != TextState.PENDING or stored.disposed_at is not None or not stored.file:
        return str(stored.text_state)
    try:
        with stored.file.open("rb") as handle:
            result = textextract.extract(handle, stored.content_type)
    except OSError as error:
        logger.warning("Could not open registry file %s to read its text: %s", file_id, error)
        result = textextract.Extraction("", complete=False, failed=True)
    state = TextState.FAILED if result.failed else TextState.DONE if result.complete else TextState.PARTIAL
    from samverka.records.registry import search

    with transaction.atomic():
        # An UPDATE, not save(): the text is for search only and does not belong in the audit trail.
        written = DocumentFile.objects.filter(
            pk=file_id, text_state=TextState.PENDING, disposed_at__isnull=True
        ).update(text=result.text.replace("\x00", ""), text_state=state)
        if written:
            search.reindex_case(Case.objects.get(documents__files=file_id))
    return str(state)


def _file_storage() -> Storage:
    """Where registered files are stored."""
    return DocumentFile.file.field.storage


def _delete_written(storage: Storage, written: list[str]) -> None:
    """Remove files stored by a write that then failed (its rows are rolled back)."""
    for name in written:
        with contextlib.suppress(OSError):
            storage.delete(name)


@transaction.atomic
def document_add_file(*, actor: User | None, document: RegisteredDocument, upload: File | CheckedFile) -> DocumentFile:
    """Add a file (a new version) to a registered document."""
    _allowed(actor, "registry.register", document.case)
    _allowed(actor, "registry.view_marked_document", document)
    locked = RegisteredDocument.objects.select_for_update().get(pk=document.pk)
    if locked.is_voided or locked.personal_data_removed_at is not None:
        raise ValidationError(_("The document is voided or disposed of; no files can be added."))
    [checked] = files_check([upload])
    written: list[str] = []
    try:
        stored = _store_file(locked, checked, actor, written)
    except BaseException:
        _delete_written(_file_storage(), written)
        raise
    log_event(
        case=document.case,
        kind=EventKind.FILE,
        text=f"{document.reference}: {checked.name} (v{stored.version})",
        data={"document": document.pk, "file": stored.pk, "sha256": stored.sha256},
        by=actor,
    )
    return stored


@transaction.atomic
def document_dispose(*, actor: User | None, document: RegisteredDocument, reference: str) -> None:
    """Dispose of a document (gallring) under ``reference`` (the decision or disposal run cited).

    Deletes the stored files (keeping their names and checksums), blanks the sender or recipient
    and logs the disposal on the case; the registration row stays."""
    _allowed(actor, "registry.change_case", document.case)
    locked = RegisteredDocument.objects.select_for_update().select_related("case").get(pk=document.pk)
    if locked.case.legal_hold:
        raise ValidationError(
            _("%(case)s is under legal hold; nothing in it may be disposed of.") % {"case": locked.case.reference}
        )
    if locked.personal_data_removed_at is not None:
        raise ValidationError(_("%(document)s has already been disposed of.") % {"document": locked.reference})
    now = timezone.now()
    removed = []
    for stored in DocumentFile.objects.filter(document=locked, disposed_at__isnull=True):
        if stored.file:
            # The file goes when the transaction commits, so a rollback leaves it in place.
            transaction.on_commit(_deleter(stored.file.storage, stored.file.name or ""))
        removed.append({"name": stored.name, "sha256": stored.sha256})
        stored.file = ""
        stored.text = ""  # the searchable text goes with the file
        stored.disposed_at = now
        stored.save(update_fields=["file", "text", "disposed_at"])
    locked.counterpart = ""
    locked.counterpart_organisation = None
    locked.personal_data_removed_at = now
    locked.save(update_fields=["counterpart", "counterpart_organisation", "personal_data_removed_at"])
    document.counterpart, document.counterpart_organisation = "", None
    document.personal_data_removed_at = now
    log_event(
        case=locked.case,
        kind=EventKind.DISPOSAL,
        text=_("%(document)s disposed of (%(reference)s)") % {"document": locked.reference, "reference": reference},
        data={"document": locked.pk, "reference": reference, "files": removed},
        by=actor,
    )


def _deleter(storage: Storage, name: str) -> Callable[[], None]:
    return lambda: storage.delete(name)

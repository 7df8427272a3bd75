"""Every write about registration: series, cases, documents, files, secrecy markings and disposal.

Workflow steps, dispatches, voiding and corrections are in ``samverka.records.registry.workflow``.
Each function is one transaction; when it refuses (PermissionDenied or ValidationError) nothing
has been written. ``actor=None`` means the system (the public web forms, the demo loader) and skips
the permission check.

Decisions recorded here:

* Case numbers run per series and year ("MSV 2027/0042"). The next number is taken from a
  CaseCounter row locked with SELECT … FOR UPDATE in the same transaction, so two registrars never
  get the same number; the unique constraint (series, year, number) is the last guard. Numbers are
  never reused: a voided case keeps its number.
* Documents are numbered within their case ("MSV 2027/0042-3"); the case row is locked while the
  next number is taken.
* A file is checked with ``check_upload`` (size, content, name) and hashed — by ``files_check``, which the
  views and intake call before the transaction opens, so no write lock waits for a file to be read — then
  stored under a random name with its SHA-256. A new file on the same document is a new version; old
  versions stay.
* A file's text is never read inside the registering transaction: the file is stored "pending" and a
  task, enqueued on commit, reads it within ``core.textextract``'s limits and then brings the case's search
  entries in step (``file_text_read``).
* Disposal (gallring) removes the stored files and the personal data of the registration (sender or
  recipient) but keeps the registration row, the file names and checksums; it is refused while the
  case is under legal hold.
"""

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.bodies.models import Body
from samverka.platform.accounts.models import User
from samverka.platform.core import textextract
from samverka.platform.core.permissions import ensure
from samverka.platform.core.uploads import check_upload, sha256_of
from samverka.platform.spaces.models import Space, SpaceRole
from samverka.records.registry.models import (
    AccessAction,
    Case,
    CaseCounter,
    CaseEvent,
    CaseType,
    Direction,
    DocumentAccessLog,
    DocumentFile,
    EventKind,
    RegisteredDocument,
    RegistrationSeries,
    SecrecyGrant,
    SecrecyGrantChange,
    SecrecyMarking,
    TextState,
)
from samverka.records.registry.secrecy import forget_grants, granted_roles

MAX_TITLE = 255
logger = logging.getLogger(__name__)


def _allowed(actor: User | None, perm: str, obj: Model) -> None:
    ensure(actor is None or actor.has_perm(perm, obj))


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def log_event(
    *, case: Case, kind: str, text: str = "", data: dict[str, Any] | None = None, by: User | None = None
) -> CaseEvent:
    """Log a change to a case. Every write to a case or its documents ends here, so this is also where
    the case's full-text search entries are brought in step, in the same transaction."""
    from samverka.records.registry import search

    event = CaseEvent.objects.create(case=case, kind=kind, text=text, data=data or {}, by=_user(by))
    search.reindex_case(case)
    return event


def _required_text(value: str, field: str, message: str, limit: int = MAX_TITLE) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)d characters.") % {"limit": limit}})
    return value


# --- series ---------------------------------------------------------------------


@transaction.atomic
def series_create(
    *, actor: User | None, space: Space, code: str, name: str, is_active: bool = True
) -> RegistrationSeries:
    _allowed(actor, "registry.manage_series", space)
    code = _required_text(code, "code", _("Give the series a code, e.g. MSV."), 20).upper()
    name = _required_text(name, "name", _("Give the series a name."), 200)
    if RegistrationSeries.objects.filter(space=space, code__iexact=code).exists():
        raise ValidationError({"code": _("The space already has a series with the code %(code)s.") % {"code": code}})
    return RegistrationSeries.objects.create(space=space, code=code, name=name, is_active=is_active)


@transaction.atomic
def series_update(*, actor: User | None, series: RegistrationSeries, name: str, is_active: bool) -> RegistrationSeries:
    """Rename or (de)activate a series; its code is part of every case number and never changes."""
    _allowed(actor, "registry.manage_series", series.space)
    series.name = _required_text(name, "name", _("Give the series a name."), 200)
    series.is_active = is_active
    series.save(update_fields=["name", "is_active"])
    return series


@transaction.atomic
def secrecy_grants_set(*, actor: User | None, space: Space, roles: list[str]) -> SecrecyGrantChange | None:
    """Replace the roles that may see marked documents of ``space``; the change as recorded (None when
    nothing changed).

    Only a space administrator (or a platform admin) may: a registrar alone could give itself back a
    grant that was taken away. The administrator always keeps the grant, since administrators read the
    space's audit log, which records the registrations' details. Every change is kept with who made it
    and the roles before and after (shown on the series page), besides the audit trail of the grants."""
    _allowed(actor, "registry.manage_secrecy_grants", space)
    person = _user(actor)
    if person is None:
        raise ValidationError(_("Who may see secrecy-marked documents is changed by a person."))
    wanted = set(roles)
    if not wanted <= set(SpaceRole.values):
        raise ValidationError({"roles": _("Choose among the space's roles.")})
    wanted.add(SpaceRole.ADMIN)
    before = sorted(granted_roles(space.pk))
    SecrecyGrant.objects.filter(space=space).exclude(role__in=wanted).delete()
    for role in sorted(wanted - set(SecrecyGrant.objects.filter(space=space).values_list("role", flat=True))):
        SecrecyGrant.objects.create(space=space, role=role)
    forget_grants(actor)
    if sorted(wanted) == before:
        return None
    return SecrecyGrantChange.objects.create(
        space=space, changed_by=person, roles_before=before, roles_after=sorted(wanted)
    )


# --- cases ----------------------------------------------------------------------


def next_case_number(*, series_id: int, year: int) -> int:
    """Take the next case number of a series and year (call inside a transaction)."""
    counter = CaseCounter.objects.select_for_update().filter(series_id=series_id, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = CaseCounter.objects.create(series_id=series_id, year=year, last=0)
        except IntegrityError:  # created by a concurrent transaction meanwhile
            counter = CaseCounter.objects.select_for_update().get(series_id=series_id, year=year)
        # Numbers given before the counter existed (imported cases) are never given again.
        highest = Case.objects.filter(series_id=series_id, year=year).aggregate(m=Max("number"))["m"] or 0
        if highest > counter.last:
            CaseCounter.objects.filter(pk=counter.pk).update(last=highest)
    CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return counter.last


def _check_case_links(
    space_id: int, body: Body | None, responsible: User | None, deadline: date | None, opened_on: date
) -> None:
    if body is not None and body.space_id != space_id:
        raise ValidationError({"body": _("The body belongs to another space.")})
    if deadline is not None and deadline < opened_on:
        raise ValidationError({"deadline": _("The deadline cannot be before the case was opened.")})


@transaction.atomic
def case_register(
    *,
    actor: User | None,
    series: RegistrationSeries,
    title: str,
    case_type: str,
    public_title: str = "",
    body: Body | None = None,
    responsible: User | None = None,
    deadline: date | None = None,
    opened_on: date | None = None,
) -> Case:
    """Register a new case in ``series`` and give it the next number of the series and year."""
    _allowed(actor, "registry.register", series.space)
    if not series.is_active:
        raise ValidationError({"series": _("The series %(code)s is closed for new cases.") % {"code": series.code}})
    title = _required_text(title, "title", _("Give the case a title."))
    public_title = (public_title or "").strip()
    if len(public_title) > MAX_TITLE:
        raise ValidationError({"public_title": _("At most %(limit)d characters.") % {"limit": MAX_TITLE}})
    if case_type not in CaseType.values:
        raise ValidationError({"case_type": _("Choose a case type.")})
    opened_on = opened_on or timezone.localdate()
    _check_case_links(series.space_id, body, responsible, deadline, opened_on)
    number = next_case_number(series_id=series.pk, year=opened_on.year)
    case = Case.objects.create(
        series=series,
        space_id=series.space_id,
        year=opened_on.year,
        number=number,
        title=title,
        public_title=public_title,
        case_type=case_type,
        body=body,
        responsible=responsible,
        deadline=deadline,
        opened_on=opened_on,
        created_by=_user(actor),
    )
    case.series = series
    log_event(case=case, kind=EventKind.REGISTERED, text=case.reference, by=actor)
    return case


def similar_cases(*, series: RegistrationSeries, title: str, limit: int = 5) -> list[Case]:
    """Open cases of the series' space with the same title (a warning against registering twice)."""
    title = (title or "").strip()
    if not title:
        return []
    return list(
        Case.objects.filter(space_id=series.space_id, title__iexact=title, is_voided=False)
        .select_related("series")
        .order_by("-year", "-number")[:limit]
    )


# --- documents ------------------------------------------------------------------


def check_document_type(space_id: int, value: str, *, current: str = "") -> str:
    """``value`` when it is a document type of the space's retention schedule (or empty, or the document's
    ``current`` type, which a correction may keep after its rule was removed); else a ValidationError."""
    from samverka.records.registry.selectors import document_types

    value = (value or "").strip()
    if not value or value == current:
        return value
    if value not in document_types(space_id):
        raise ValidationError(
            {
                "document_type": _(
                    "“%(value)s” is not a document type of the space's retention schedule. Choose a type from "
                    "the list, or ask the archive keeper to add it to the schedule."
                )
                % {"value": value[:60]}
            }
        )
    return value


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


def _check_document_dates(received_on: object, created_on: object, dispatched_on: object) -> None:
    today = timezone.localdate()
    for field, value in (("received_on", received_on), ("created_on", created_on), ("dispatched_on", dispatched_on)):
        if value is not None and not isinstance(value, date):
            raise ValidationError({field: _("Enter a valid date.")})
        if value is not None and value > today:
            raise ValidationError({field: _("The date cannot be in the future.")})


@transaction.atomic
def document_register(
    *,
    actor: User | None,
    case: Case,
    direction: str,
    subject: str,
    counterpart: str = "",
    counterpart_organisation: Organisation | None = None,
    received_on: date | None = None,
    created_on: date | None = None,
    dispatched_on: date | None = None,
    document_type: str = "",
    files: Iterable[File | CheckedFile] = (),
) -> RegisteredDocument:
    """Register a document in ``case`` with the next number of the case, and store its files."""
    _allowed(actor, "registry.register", case)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.is_voided:
        raise ValidationError(_("The case is voided; register the document in another case."))
    if direction not in Direction.values:
        raise ValidationError({"direction": _("Choose incoming, outgoing or internal.")})
    subject = _required_text(subject, "subject", _("Say what the document concerns."))
    counterpart = (counterpart or "").strip()[:MAX_TITLE]
    # Without a date, an incoming document was received today and any other one drawn up today.
    if direction == Direction.INCOMING and received_on is None:
        received_on = timezone.localdate()
    elif direction != Direction.INCOMING and created_on is None and dispatched_on is None:
        created_on = timezone.localdate()
    _check_document_dates(received_on, created_on, dispatched_on)
    document_type = check_document_type(locked.space_id, document_type)
    checked = files_check(files)
    number = (RegisteredDocument.objects.filter(case=locked).aggregate(m=Max("number"))["m"] or 0) + 1
    document = RegisteredDocument.objects.create(
        case=locked,
        number=number,
        direction=direction,
        subject=subject,
        counterpart=counterpart,
        counterpart_organisation=counterpart_organisation,
        received_on=received_on,
        created_on=created_on,
        dispatched_on=dispatched_on,
        document_type=document_type,
        registered_by=_user(actor),
    )
    document.case = case
    written: list[str] = []
    try:
        for checked_file in checked:
            _store_file(document, checked_file, actor, written)
        log_event(
            case=locked,
            kind=EventKind.DOCUMENT,
            text=document.reference,
            data={"document": document.pk, "direction": direction, "files": len(checked)},
            by=actor,
        )
    except BaseException:
        _delete_written(_file_storage(), written)
        raise
    return document


@dataclass(frozen=True)
class Marking:
    """A secrecy marking to make as a document is registered (see ``document_register_and_mark``)."""

    provision: str
    authority: str
    masks_counterpart: bool = True
    masks_subject: bool = False
    marked_on: date | None = None


@transaction.atomic
def document_register_and_mark(
    *,
    actor: User | None,
    case: Case,
    marking: Marking | None,
    direction: str,
    subject: str,
    counterpart: str = "",
    counterpart_organisation: Organisation | None = None,
    received_on: date | None = None,
    created_on: date | None = None,
    dispatched_on: date | None = None,
    document_type: str = "",
    files: Iterable[File | CheckedFile] = (),
) -> RegisteredDocument:
    """Register a document (as ``document_register``) and, with ``marking``, mark it secret in the same
    transaction: a document marked at registration is never, even for a moment, shown unmarked — not in the
    public diary, the search entries or the API.

    The registry's form and intake triage both register through this. The marking is checked before
    anything is written, so a bad provision leaves no registration, no number taken and no stored file."""
    if marking is not None:
        _check_marking(actor, provision=marking.provision, authority=marking.authority, marked_on=marking.marked_on)
    document = document_register(
        actor=actor,
        case=case,
        direction=direction,
        subject=subject,
        counterpart=counterpart,
        counterpart_organisation=counterpart_organisation,
        received_on=received_on,
        created_on=created_on,
        dispatched_on=dispatched_on,
        document_type=document_type,
        files=files,
    )
    if marking is not None:
        stored = [name for name in document.files.values_list("file", flat=True) if name]
        try:
            secrecy_mark(
                actor=actor,
                document=document,
                provision=marking.provision,
                authority=marking.authority,
                marked_on=marking.marked_on,
                masks_counterpart=marking.masks_counterpart,
                masks_subject=marking.masks_subject,
            )
        except BaseException:  # the registration rolls back with the marking; its files go too
            _delete_written(_file_storage(), stored)
            raise
    return document


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


# --- secrecy --------------------------------------------------------------------


def _check_marking(
    actor: User | None, *, provision: str, authority: str, marked_on: date | None
) -> tuple[User, str, str, date]:
    """A marking's who, provision, authority and date as they will be kept, or a ValidationError."""
    if actor is None:
        raise ValidationError(_("A secrecy marking must be made by a person."))
    provision = _required_text(provision, "provision", _("Cite the provision, e.g. OSL 21 kap. 7 §."), 120)
    authority = _required_text(authority, "authority", _("Name the authority that marks the document."), 200)
    marked_on = marked_on or timezone.localdate()
    if marked_on > timezone.localdate():
        raise ValidationError({"marked_on": _("The date cannot be in the future.")})
    return actor, provision, authority, marked_on


@transaction.atomic
def secrecy_mark(
    *,
    actor: User | None,
    document: RegisteredDocument,
    provision: str,
    authority: str,
    marked_on: date | None = None,
    masks_counterpart: bool = True,
    masks_subject: bool = False,
) -> SecrecyMarking:
    """Mark a document as secret (OSL 5 kap. 5 §): the provision, the date, the authority and who marked."""
    _allowed(actor, "registry.register", document.case)
    actor, provision, authority, marked_on = _check_marking(
        actor, provision=provision, authority=authority, marked_on=marked_on
    )
    marking, _created = SecrecyMarking.objects.update_or_create(
        document=document,
        defaults={
            "provision": provision,
            "authority": authority,
            "marked_on": marked_on,
            "marked_by": actor,
            "masks_counterpart": masks_counterpart,
            "masks_subject": masks_subject,
            "lifted_on": None,
            "lifted_by": None,
        },
    )
    document.secrecy = marking
    log_event(
        case=document.case,
        kind=EventKind.MARKING,
        text=_("%(document)s marked secret under %(provision)s")
        % {"document": document.reference, "provision": provision},
        data={"document": document.pk, "provision": provision, "authority": authority},
        by=actor,
    )
    return marking


@transaction.atomic
def secrecy_lift(*, actor: User | None, document: RegisteredDocument) -> None:
    """Lift a document's secrecy marking (the marking stays on record with the date it was lifted)."""
    _allowed(actor, "registry.register", document.case)
    _allowed(actor, "registry.view_marked_document", document)
    marking = SecrecyMarking.objects.select_for_update().filter(document=document, lifted_on__isnull=True).first()
    if marking is None:
        raise ValidationError(_("The document is not marked secret."))
    marking.lifted_on = timezone.localdate()
    marking.lifted_by = _user(actor)
    marking.save(update_fields=["lifted_on", "lifted_by"])
    document.secrecy = marking
    log_event(
        case=document.case,
        kind=EventKind.MARKING,
        text=_("Secrecy marking of %(document)s lifted") % {"document": document.reference},
        data={"document": document.pk, "lifted": True},
        by=actor,
    )


@transaction.atomic
def cases_delivered_to_archive(
    *, actor: User | None, cases: list[Case], package: str, sha256: str, delivery_id: int
) -> list[CaseEvent]:
    """Note in each case's history that it went to the archive in ``package`` (with the package's SHA-256).

    Called by the archive export once the package is made. The notes are written in one statement (an
    export may carry hundreds of cases); the delivery itself is the record, kept by ``retention`` with who,
    when, which cases and the checksum. Nothing searchable changes, so the search entries stay."""
    for case in cases:
        _allowed(actor, "registry.view_case", case)
    text = _("Delivered to the archive in %(package)s (SHA-256 %(sha256)s)") % {"package": package, "sha256": sha256}
    return CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            kind=EventKind.ARCHIVED,
            text=text,
            data={"delivery": delivery_id, "package": package, "sha256": sha256},
            by=_user(actor),
        )
        for case in cases
    )


def log_access(*, user: User | None, document: RegisteredDocument, action: str = AccessAction.VIEW) -> None:
    """Record that ``user`` opened or downloaded ``document``."""
    DocumentAccessLog.objects.create(document=document, user=_user(user), action=action)


def documents_delivered_logged(*, actor: User, documents: Iterable[RegisteredDocument]) -> list[DocumentAccessLog]:
    """Record in the access log that ``actor`` took ``documents``' stored files out in an archive package.

    Called by the archive export (``retention.archive``) in its delivery transaction; one statement for
    all the documents of a package. Documents whose files are all disposed of were not taken out."""
    return DocumentAccessLog.objects.bulk_create(
        DocumentAccessLog(document=document, user=_user(actor), action=AccessAction.DOWNLOAD)
        for document in documents
        if any(f.file and not f.disposed_at for f in document.files.all())
    )


@transaction.atomic
def case_legal_hold_set(*, actor: User | None, case: Case, on: bool, reason: str) -> Case:
    """Put a case under legal hold (gallringsstopp) or lift it, with the reason logged on the case.

    Nothing in a case under legal hold is disposed of (``document_dispose`` refuses), not even by a disposal
    run approved before the hold. The retention app's legal-hold pages call this through
    ``retention.services.legal_hold_set``, which checks that the actor keeps the space's archive."""
    _allowed(actor, "registry.change_case", case)
    reason = (reason or "").strip()[:2000]
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    locked = Case.objects.select_for_update().select_related("series").get(pk=case.pk)
    if locked.legal_hold == on:
        raise ValidationError(
            _("%(case)s is already under legal hold.") % {"case": locked.reference}
            if on
            else _("%(case)s is not under legal hold.") % {"case": locked.reference}
        )
    locked.legal_hold = on
    locked.save(update_fields=["legal_hold"])
    case.legal_hold = on
    log_event(
        case=locked,
        kind=EventKind.CORRECTION,
        text=(_("Legal hold: %(reason)s") if on else _("Legal hold lifted: %(reason)s")) % {"reason": reason},
        data={"legal_hold": [not on, on], "reason": reason},
        by=actor,
    )
    return locked

"""Every write about registration: series, cases, documents, secrecy markings (stored files: ``services.files``).

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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.collaboration.actors.models import Organisation
from samverka.collaboration.bodies.models import Body
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space, SpaceRole
from samverka.records.registry.models import (
    AccessAction,
    Case,
    CaseCounter,
    CaseEvent,
    CaseType,
    Direction,
    DocumentAccessLog,
    EventKind,
    RegisteredDocument,
    RegistrationSeries,
    SecrecyGrant,
    SecrecyGrantChange,
    SecrecyMarking,
)
from samverka.records.registry.secrecy import forget_grants, granted_roles
from samverka.records.registry.services.base import MAX_TITLE, _allowed, _required_text, _user, log_event
from samverka.records.registry.services.files import (
    CheckedFile,
    _delete_written,
    _file_storage,
    _store_file,
    document_add_file,
    document_dispose,
    file_text_read,
    files_check,
)

__all__ = [
    "MAX_TITLE",
    "CheckedFile",
    "document_add_file",
    "document_dispose",
    "file_text_read",
    "files_check",
    "log_event",
]

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

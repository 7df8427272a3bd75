"""Archive export: closed cases of a space as an archive package (zip).

The package holds ``arkiv.xml`` (Samverka's own schema, modelled on Riksarkivet's FGS
Ärendehantering / ERMS, see schema/samverka-arende.xsd, which the package also carries), and
every stored file under ``filer/``.
Each file is read, its SHA-256 checked against the one recorded at registration and copied into
the package; the XML is validated against the schema before the package is offered. Anything
wrong (an open case, a file that is missing or altered, invalid XML) refuses the export with a
clear message and no package.

A package offered is a delivery: an ``ArchiveDelivery`` records who made it, when, which cases and the
package's SHA-256, and each case's history says it was delivered (``registry.services``).
"""

import hashlib
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

import xmlschema
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.platform.accounts.models import User
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space
from samverka.records.registry import secrecy
from samverka.records.registry import services as registry
from samverka.records.registry.models import Case, CaseStatus, DocumentFile, RegisteredDocument, SecrecyMarking
from samverka.records.retention import selectors
from samverka.records.retention.models import ArchiveDelivery, ArchiveDeliveryCase

NAMESPACE = "urn:samverka:arkiv:arende:1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "samverka-arende.xsd"
MAX_CASES = 500
_schema: xmlschema.XMLSchema | None = None


def schema() -> xmlschema.XMLSchema:
    global _schema
    if _schema is None:
        _schema = xmlschema.XMLSchema(str(SCHEMA_PATH))
    return _schema


@dataclass
class ArchivePackage:
    file: IO[bytes]
    filename: str
    case_count: int
    file_count: int
    delivery: ArchiveDelivery | None = None


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _add(parent: ET.Element, name: str, text: Any = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), attributes)
    if text is not None:
        element.text = text.isoformat() if isinstance(text, date | datetime) else str(text)
    return element


def _person(user: User | None) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def safe_part(text: str) -> str:
    """ASCII letters, digits, dot, dash and underscore only: safe as a path inside the package."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", ascii_text).strip("._")
    return cleaned[:80] or "fil"


def _restriction(parent: ET.Element, marking: SecrecyMarking, **attributes: str) -> None:
    element = _add(parent, "restriction", restrictionType="secrecy", **attributes)
    _add(element, "provision", marking.provision)
    _add(element, "date", marking.marked_on)
    _add(element, "authority", marking.authority)
    if marking.lifted_on:
        _add(element, "lifted", marking.lifted_on)


class _Builder:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.file_count = 0
        self.problems: list[str] = []

    def copy_file(self, stored: DocumentFile, path: str) -> None:
        digest = hashlib.sha256()
        try:
            with stored.file.open("rb") as source, self.archive.open(path, "w", force_zip64=True) as target:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    digest.update(chunk)
                    target.write(chunk)
        except (OSError, ValueError):
            self.problems.append(_("%(name)s: the stored file is missing") % {"name": stored.name})
            return
        if digest.hexdigest() != stored.sha256:
            self.problems.append(
                _("%(name)s: the file does not match its registered SHA-256 checksum") % {"name": stored.name}
            )
        self.file_count += 1

    def record(self, parent: ET.Element, case: Case, folder: str, document: RegisteredDocument) -> None:
        record = _add(parent, "record")
        _add(record, "identifier", f"{case.reference}-{document.number}")
        _add(record, "runningNumber", document.number)
        _add(record, "direction", document.direction)
        _add(record, "subject", document.subject)
        if document.document_type:
            _add(record, "documentType", document.document_type)
        if document.counterpart:
            agents = _add(record, "agents")
            role = "sender" if document.direction == "incoming" else "recipient"
            agent = _add(agents, "agent", role=role)
            _add(agent, "name", document.counterpart)
            if document.counterpart_organisation is not None:
                _add(agent, "organisation", document.counterpart_organisation.name)
        dates = _add(record, "dates")
        for name, value in (
            ("received", document.received_on),
            ("created", document.created_on),
            ("dispatched", document.dispatched_on),
        ):
            if value:
                _add(dates, name, value)
        _add(dates, "registered", document.registered_at)
        marking = secrecy.marking_of(document)
        if marking is not None:
            _restriction(record, marking)
        if document.is_voided:
            _add(record, "voided", document.voided_reason)
        if document.personal_data_removed_at:
            _add(record, "personalDataRemoved", document.personal_data_removed_at)
        files = _add(record, "files")
        for stored in document.files.all():
            element = _add(files, "file", version=str(stored.version))
            _add(element, "name", stored.name)
            _add(element, "mimeType", stored.content_type or "application/octet-stream")
            _add(element, "size", stored.size)
            _add(element, "checksum", stored.sha256, algorithm="SHA-256")
            if stored.disposed_at or not stored.file:
                _add(element, "disposed", stored.disposed_at or document.personal_data_removed_at or timezone.now())
                continue
            path = f"{folder}/{document.number}/v{stored.version}-{safe_part(stored.name)}"
            _add(element, "path", path)
            self.copy_file(stored, path)

    def aggregation(self, parent: ET.Element, case: Case) -> None:
        element = _add(parent, "aggregation", aggregationType="case")
        _add(element, "identifier", case.reference)
        _add(element, "series", case.series.name, code=case.series.code)
        _add(element, "title", case.title)
        _add(element, "publicTitle", case.shown_title)
        _add(element, "caseType", case.case_type)
        _add(element, "status", case.status)
        dates = _add(element, "dates")
        _add(dates, "opened", case.opened_on)
        _add(dates, "closed", case.closed_on)
        if case.deadline:
            _add(dates, "deadline", case.deadline)
        _add(dates, "registered", case.created_at)
        agents = _add(element, "agents")
        for role, name in (
            ("registrator", _person(case.created_by)),
            ("responsible", _person(case.responsible)),
            ("body", case.body.name if case.body else ""),
        ):
            if name:
                _add(_add(agents, "agent", role=role), "name", name)
        documents = list(case.documents.all())
        restrictions = _add(element, "restrictions")
        for document in documents:
            marking = secrecy.marking_of(document)
            if marking is not None:
                _restriction(restrictions, marking, record=f"{case.reference}-{document.number}")
        _add(element, "legalHold", "true" if case.legal_hold else "false")
        if case.is_voided:
            _add(element, "voided", case.voided_reason)
        if case.decision is not None:
            decision = _add(element, "decision")
            _add(decision, "title", case.decision.label)
            _add(decision, "date", case.decision.decided_on)
            _add(decision, "text", case.decision.text)
        actions = _add(element, "actions")
        for event in case.events.all():
            action = _add(actions, "action", actionType=event.kind)
            _add(action, "date", event.at)
            _add(action, "description", event.text)
            if event.by is not None:
                _add(action, "agent", _person(event.by))
        dispatches = _add(element, "dispatches")
        for dispatch in case.dispatches.all():
            item = _add(dispatches, "dispatch")
            _add(item, "recipient", dispatch.recipient)
            _add(item, "date", dispatch.sent_on)
            _add(item, "method", dispatch.method)
            if dispatch.document is not None:
                _add(item, "recordReference", f"{case.reference}-{dispatch.document.number}")
        records = _add(element, "records")
        folder = f"filer/{safe_part(case.series.code)}-{case.year}-{case.number:04d}"
        for document in documents:
            self.record(records, case, folder, document)


def bad_choice_message() -> str:
    return _("One of the chosen cases does not exist in this space.")


def validate(xml: bytes) -> list[str]:
    """The schema errors of an arkiv.xml (empty when it is valid)."""
    return [error.reason or str(error) for error in schema().iter_errors(xml.decode("utf-8"))]


def export_cases(*, actor: User, space: Space, case_ids: list[int]) -> ArchivePackage:
    """Build the archive package of the chosen closed cases of a space, or refuse with a ValidationError."""
    ensure(actor.has_perm("retention.export_archive", space))
    if not case_ids:
        raise ValidationError(_("Choose at least one closed case to export."))
    if len(case_ids) > MAX_CASES:
        raise ValidationError(_("At most %(count)d cases can be exported at once.") % {"count": MAX_CASES})
    cases = list(selectors.export_queryset(space, case_ids))
    if len(cases) != len(set(case_ids)):
        raise ValidationError(bad_choice_message())
    still_open = [case.reference for case in cases if case.status != CaseStatus.CLOSED]
    if still_open:
        raise ValidationError(
            _("Only closed cases can be exported to the archive. Still open: %(cases)s")
            % {"cases": ", ".join(still_open)}
        )
    for case in cases:
        for document in case.documents.all():
            ensure(actor.has_perm("registry.view_marked_document", document))

    now = timezone.now()
    root = ET.Element(_tag("archive"), {"schemaVersion": "1.0"})
    control = _add(root, "control")
    _add(control, "identification", f"{space.slug}-{now:%Y%m%dT%H%M%S}")
    _add(control, "created", now)
    creator = _add(control, "archiveCreator")
    _add(creator, "name", space.name)
    _add(creator, "identifier", space.slug)
    _add(control, "system", "Samverka")
    _add(control, "exportedBy", _person(actor))
    aggregations = _add(root, "aggregations")

    package = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    try:
        with zipfile.ZipFile(package, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            builder = _Builder(archive)
            for case in cases:
                builder.aggregation(aggregations, case)
            if builder.problems:
                raise ValidationError(
                    _("The archive package was not made: %(problems)s") % {"problems": "; ".join(builder.problems)}
                )
            ET.register_namespace("", NAMESPACE)
            xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
            errors = validate(xml)
            if errors:
                raise ValidationError(
                    _("The archive package does not follow the archive schema and was not made: %(error)s")
                    % {"error": errors[0]}
                )
            archive.writestr("arkiv.xml", xml)
            archive.writestr("schema/samverka-arende.xsd", SCHEMA_PATH.read_bytes())
    except BaseException:
        package.close()
        raise
    digest, size = _checksum(package)
    filename = f"arkiv-{space.slug}-{now:%Y%m%d-%H%M%S}.zip"
    try:
        with transaction.atomic():
            delivery = _record_delivery(
                actor=actor,
                space=space,
                cases=cases,
                at=now,
                identification=f"{space.slug}-{now:%Y%m%dT%H%M%S}",
                filename=filename,
                sha256=digest,
                size=size,
                file_count=builder.file_count,
            )
    except BaseException:
        package.close()
        raise
    return ArchivePackage(
        file=package,
        filename=filename,
        case_count=len(cases),
        file_count=builder.file_count,
        delivery=delivery,
    )


def _checksum(package: IO[bytes]) -> tuple[str, int]:
    """The SHA-256 and size of the package; the file is left at its start."""
    package.seek(0)
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: package.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    package.seek(0)
    return digest.hexdigest(), size


def _record_delivery(
    *,
    actor: User,
    space: Space,
    cases: list[Case],
    at: datetime,
    identification: str,
    filename: str,
    sha256: str,
    size: int,
    file_count: int,
) -> ArchiveDelivery:
    """The delivery log row with its cases, a note in each case's history and the access log of the files."""
    delivery = ArchiveDelivery.objects.create(
        space=space,
        delivered_by=actor,
        delivered_at=at,
        identification=identification,
        filename=filename,
        size=size,
        sha256=sha256,
        case_count=len(cases),
        file_count=file_count,
    )
    ArchiveDeliveryCase.objects.bulk_create(
        ArchiveDeliveryCase(delivery=delivery, case=case, case_reference=case.reference) for case in cases
    )
    registry.cases_delivered_to_archive(
        actor=actor, cases=cases, package=filename, sha256=sha256, delivery_id=delivery.pk
    )
    registry.documents_delivered_logged(
        actor=actor, documents=[document for case in cases for document in case.documents.all()]
    )
    return delivery

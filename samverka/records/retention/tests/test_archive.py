"""The archive package: a zip that opens, arkiv.xml valid against the schema, checksums that match the
files, secrecy restrictions present, open cases refused, and an invalid package never offered."""

import hashlib
import io
import zipfile
from datetime import date
from unittest import mock
from xml.etree import ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.records.registry.models import AccessAction, Dispatch, DocumentAccessLog, RegisteredDocument
from samverka.records.retention import archive
from samverka.records.retention.tests.factories import make_case, make_document, mark_secret
from samverka.testing.factories import make_space, make_user

pytestmark = pytest.mark.django_db
NS = {"a": archive.NAMESPACE}


@pytest.fixture
def closed_case():
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    registrar = make_user(role_in=space, role="registrar", full_name="Rut Registrator")
    case = make_case(space, registrar, title="Ansökan om medel", public_title="Ansökan")
    incoming = make_document(case, registrar, content=b"%PDF-1.4 ansokan", name="Ansökan från Åsa.pdf")
    secret = make_document(case, registrar, content=b"%PDF-1.4 hemligt", name="yttrande.pdf", subject="Yttrande")
    mark_secret(secret, registrar)
    Dispatch.objects.create(
        case=case,
        recipient="Regeringskansliet",
        sent_on=date(2020, 3, 1),
        method="email",
        document=incoming,
        by=registrar,
    )
    return space, registrar, case, incoming, secret


def open_package(package):
    data = package.file.read()
    package.file.close()
    return zipfile.ZipFile(io.BytesIO(data))


def test_package_opens_validates_and_checksums_match(closed_case):
    space, registrar, case, incoming, secret = closed_case
    package = archive.export_cases(actor=registrar, space=space, case_ids=[case.pk])
    zf = open_package(package)

    assert zf.testzip() is None
    assert zf.read("schema/samverka-arende.xsd") == archive.SCHEMA_PATH.read_bytes()
    xml = zf.read("arkiv.xml")
    assert archive.validate(xml) == []
    root = ET.fromstring(xml)
    aggregation = root.find("a:aggregations/a:aggregation", NS)
    assert aggregation.findtext("a:identifier", namespaces=NS) == case.reference
    assert aggregation.findtext("a:publicTitle", namespaces=NS) == "Ansökan"
    assert aggregation.findtext("a:dispatches/a:dispatch/a:recipient", namespaces=NS) == "Regeringskansliet"
    files = root.findall(".//a:file", NS)
    assert len(files) == 2 and package.file_count == 2
    for element in files:
        path = element.findtext("a:path", namespaces=NS)
        assert path.startswith("filer/") and ".." not in path
        assert hashlib.sha256(zf.read(path)).hexdigest() == element.findtext("a:checksum", namespaces=NS)
    assert zf.read(files[0].findtext("a:path", namespaces=NS)) == b"%PDF-1.4 ansokan"
    # every exported file counts as a download in the document access log
    assert DocumentAccessLog.objects.filter(user=registrar, action=AccessAction.DOWNLOAD).count() == 2


def test_a_marked_document_carries_its_restriction(closed_case):
    space, registrar, case, incoming, secret = closed_case
    zf = open_package(archive.export_cases(actor=registrar, space=space, case_ids=[case.pk]))
    root = ET.fromstring(zf.read("arkiv.xml"))
    records = root.findall(".//a:record", NS)
    marked = [r for r in records if r.findtext("a:identifier", namespaces=NS) == secret.reference][0]
    restriction = marked.find("a:restriction", NS)
    assert restriction.get("restrictionType") == "secrecy"
    assert restriction.findtext("a:provision", namespaces=NS) == "OSL 21 kap. 7 §"
    assert restriction.findtext("a:authority", namespaces=NS) == "Region Sörmland"
    case_level = root.find(".//a:aggregation/a:restrictions/a:restriction", NS)
    assert case_level.get("record") == secret.reference
    unmarked = [r for r in records if r.findtext("a:identifier", namespaces=NS) == incoming.reference][0]
    assert unmarked.find("a:restriction", NS) is None


def test_an_open_case_cannot_be_exported(closed_case):
    space, registrar, case, *_ = closed_case
    open_case = make_case(space, registrar, closed_on=None)
    with pytest.raises(ValidationError, match="Only closed cases") as raised:
        archive.export_cases(actor=registrar, space=space, case_ids=[case.pk, open_case.pk])
    assert open_case.reference in raised.value.messages[0]


def test_a_case_of_another_space_and_an_empty_choice_are_refused(closed_case):
    space, registrar, case, *_ = closed_case
    other = make_case(make_space(), registrar)
    with pytest.raises(ValidationError, match="does not exist"):
        archive.export_cases(actor=registrar, space=space, case_ids=[other.pk])
    with pytest.raises(ValidationError, match="at least one"):
        archive.export_cases(actor=registrar, space=space, case_ids=[])


def test_a_file_altered_in_storage_stops_the_export(closed_case):
    space, registrar, case, incoming, _ = closed_case
    stored = incoming.files.get()
    with open(stored.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 manipulerad")
    with pytest.raises(ValidationError, match="checksum"):
        archive.export_cases(actor=registrar, space=space, case_ids=[case.pk])


def test_invalid_xml_is_never_offered(closed_case):
    space, registrar, case, *_ = closed_case
    with mock.patch.object(archive, "NAMESPACE", "urn:fel"), pytest.raises(ValidationError, match="schema"):
        archive.export_cases(actor=registrar, space=space, case_ids=[case.pk])


def test_disposed_files_are_described_but_not_included(closed_case):
    space, registrar, case, incoming, _ = closed_case
    from samverka.records.registry.services import document_dispose

    document_dispose(actor=registrar, document=incoming, reference="RA-MS 2021:3")
    zf = open_package(archive.export_cases(actor=registrar, space=space, case_ids=[case.pk]))
    root = ET.fromstring(zf.read("arkiv.xml"))
    record = [
        r for r in root.findall(".//a:record", NS) if r.findtext("a:identifier", namespaces=NS) == incoming.reference
    ][0]
    assert record.find("a:files/a:file/a:disposed", NS) is not None
    assert record.find("a:files/a:file/a:path", NS) is None
    assert record.find("a:personalDataRemoved", NS) is not None
    assert len([n for n in zf.namelist() if n.startswith("filer/")]) == 1


def test_only_those_who_may_see_marked_documents_export_them(closed_case):
    space, _, case, *_ = closed_case
    from samverka.records.registry.models import SecrecyGrant

    SecrecyGrant.objects.create(space=space, role="admin")  # registrars no longer see marked documents
    registrar = make_user(role_in=space, role="registrar")
    with pytest.raises(PermissionDenied):
        archive.export_cases(actor=registrar, space=space, case_ids=[case.pk])
    with pytest.raises(PermissionDenied):
        archive.export_cases(actor=make_user(role_in=space, role="member"), space=space, case_ids=[case.pk])
    assert RegisteredDocument.objects.count() == 2

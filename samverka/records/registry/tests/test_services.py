import hashlib
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import services
from samverka.records.registry.models import CaseEvent, CaseType, Direction, DocumentFile, EventKind
from samverka.records.registry.selectors import MASK, closed_cases, public_registrations, public_row
from samverka.records.registry.testing import PDF_BYTES, make_case, make_document, make_series, pdf_upload


def test_case_numbers_run_per_series_and_year(space: Any, registrar: Any) -> None:
    msv = make_series(space=space, code="MSV")
    other = make_series(space=space, code="RS-KV")
    first = services.case_register(
        actor=registrar, series=msv, title="A", case_type=CaseType.INQUIRY, opened_on=date(2026, 2, 1)
    )
    second = services.case_register(
        actor=registrar, series=msv, title="B", case_type=CaseType.INQUIRY, opened_on=date(2026, 3, 1)
    )
    third = services.case_register(
        actor=registrar, series=other, title="C", case_type=CaseType.INQUIRY, opened_on=date(2026, 3, 1)
    )
    next_year = services.case_register(
        actor=registrar, series=msv, title="D", case_type=CaseType.INQUIRY, opened_on=date(2027, 1, 2)
    )
    assert [first.reference, second.reference, third.reference, next_year.reference] == [
        "MSV 2026/0001",
        "MSV 2026/0002",
        "RS-KV 2026/0001",
        "MSV 2027/0001",
    ]
    assert first.space == space
    assert CaseEvent.objects.filter(case=first, kind=EventKind.REGISTERED).count() == 1


def test_only_registering_roles_register(space: Any, make_role_user: Any, other_space: Any) -> None:
    series = make_series(space=space)
    for role in (SpaceRole.MEMBER, SpaceRole.ANALYST, SpaceRole.GUEST):
        with pytest.raises(PermissionDenied):
            services.case_register(
                actor=make_role_user(space, role), series=series, title="X", case_type=CaseType.OTHER
            )
    with pytest.raises(PermissionDenied):
        services.case_register(
            actor=make_role_user(other_space, SpaceRole.REGISTRAR), series=series, title="X", case_type="other"
        )
    for role in (SpaceRole.REGISTRAR, SpaceRole.SECRETARIAT, SpaceRole.ADMIN):
        services.case_register(actor=make_role_user(space, role), series=series, title="X", case_type="other")


def test_bad_case_input_is_refused_with_a_message(space: Any, registrar: Any) -> None:
    series = make_series(space=space)
    with pytest.raises(ValidationError) as error:
        services.case_register(actor=registrar, series=series, title="  ", case_type=CaseType.OTHER)
    assert "title" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.case_register(actor=registrar, series=series, title="X", case_type="nonsense")
    with pytest.raises(ValidationError) as error:
        services.case_register(
            actor=registrar,
            series=series,
            title="X",
            case_type="other",
            opened_on=date(2026, 5, 1),
            deadline=date(2026, 4, 1),
        )
    assert "deadline" in error.value.message_dict
    series.is_active = False
    series.save()
    with pytest.raises(ValidationError):
        services.case_register(actor=registrar, series=series, title="X", case_type="other")


def test_documents_numbered_within_case_with_file_checksum(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    first = services.document_register(
        actor=registrar,
        case=case,
        direction=Direction.INCOMING,
        subject="Uppdrag",
        counterpart="Regeringskansliet",
        received_on=date(2026, 3, 1),
        files=[pdf_upload("Uppdrag ../../etc.pdf")],
    )
    second = services.document_register(
        actor=registrar, case=case, direction=Direction.OUTGOING, subject="Svar", created_on=date(2026, 3, 5)
    )
    assert first.reference == f"{case.reference}-1"
    assert second.reference == f"{case.reference}-2"
    stored = DocumentFile.objects.get(document=first)
    assert stored.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert stored.version == 1 and stored.size == len(PDF_BYTES)
    stored_name = stored.file.name or ""
    assert "Uppdrag" not in stored_name and stored_name.startswith("registry/")
    added = services.document_add_file(actor=registrar, document=first, upload=pdf_upload("v2.pdf"))
    assert added.version == 2


def test_a_bad_file_registers_nothing(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    fake = SimpleUploadedFile("brev.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.document_register(
            actor=registrar, case=case, direction=Direction.INCOMING, subject="Brev", files=[fake]
        )
    assert not case.documents.exists()


def test_future_date_refused(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    with pytest.raises(ValidationError) as error:
        services.document_register(
            actor=registrar, case=case, direction="incoming", subject="Brev", received_on=date(2099, 1, 1)
        )
    assert "received_on" in error.value.message_dict


def test_dispose_removes_file_and_personal_data_but_keeps_row(
    space: Any, registrar: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case(space=space)
    document = make_document(case=case, files=[pdf_upload()])
    stored = document.files.get()
    path = stored.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.document_dispose(actor=registrar, document=document, reference="Gallringsbeslut 2026:1")
    document.refresh_from_db()
    stored.refresh_from_db()
    assert document.counterpart == "" and document.personal_data_removed_at is not None
    assert stored.disposed_at is not None and not stored.file
    assert stored.sha256 and stored.name == "skrivelse.pdf"
    import os

    assert not os.path.exists(path)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.DISPOSAL, data__reference="Gallringsbeslut 2026:1")
    with pytest.raises(ValidationError):
        services.document_dispose(actor=registrar, document=document, reference="again")


def test_dispose_refused_under_legal_hold(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    document = make_document(case=case)
    case.legal_hold = True
    case.save()
    document.refresh_from_db()
    with pytest.raises(ValidationError):
        services.document_dispose(actor=registrar, document=document, reference="X")
    document.refresh_from_db()
    assert document.counterpart == "Anna Andersson"


def test_public_row_masks_marked_fields(space: Any, registrar: Any) -> None:
    case = make_case(space=space, title="Intern titel", public_title="Kompetensfrågor")
    document = make_document(case=case, counterpart="Karin Svensson", subject="Sjukskrivning")
    row = public_row(document)
    assert row["counterpart"] == "Karin Svensson" and not row["is_marked"]
    assert row["case_title"] == "Kompetensfrågor"
    services.secrecy_mark(
        actor=registrar, document=document, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    row = public_row(document)
    assert row["is_marked"] and row["counterpart"] == MASK and row["subject"] == MASK
    assert row["reference"] == document.reference
    services.secrecy_lift(actor=registrar, document=document)
    assert public_row(document)["counterpart"] == "Karin Svensson"


def test_public_search_never_matches_masked_fields(space: Any, registrar: Any, other_space: Any) -> None:
    case = make_case(space=space, title="Hemlig intern titel", public_title="Ärende om samverkan")
    marked = make_document(case=case, counterpart="Karin Svensson", subject="Sjukskrivning")
    services.secrecy_mark(
        actor=registrar, document=marked, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    make_document(case=case, counterpart="Per Olsson", subject="Inbjudan")
    make_document(case=make_case(space=other_space), counterpart="Karin Svensson", subject="Sjukskrivning")
    assert list(public_registrations(space, query="Karin")) == []
    assert list(public_registrations(space, query="Sjukskrivning")) == []
    assert list(public_registrations(space, query="Hemlig")) == []
    assert public_registrations(space, query="Per Olsson").count() == 1
    assert public_registrations(space, query="samverkan").count() == 2
    assert public_registrations(space, query=case.reference).count() == 2
    assert list(public_registrations(space, query=f"{case.reference}-1")) == [marked]
    assert public_registrations(space).count() == 2


def test_the_diary_columns_follow_every_change_of_the_case(space: Any, registrar: Any) -> None:
    """The diary's copied columns (words, voided) follow corrections, markings, lifting and voiding, so its
    search keeps the masking rule after the registration too."""
    from samverka.records.registry import workflow

    case = make_case(space=space, title="Ansökan om medel")
    document = make_document(case=case, counterpart="Karin Svensson", subject="Sjukskrivning")
    other = make_document(case=case, subject="Inbjudan")
    assert list(public_registrations(space, query="ansökan medel")) == [other, document]
    assert list(public_registrations(space, query="sjukskriv")) == [document]  # the last word as a prefix
    # A public title given afterwards: the internal title no longer finds the case, the public one does.
    workflow.case_correct(actor=registrar, case=case, changes={"public_title": "Ärende om stöd"}, reason="Känsligt")
    assert list(public_registrations(space, query="ansökan")) == []
    assert public_registrations(space, query="stöd").count() == 2
    # A marking made after the registration hides the masked fields from the search; lifting it shows them.
    services.secrecy_mark(
        actor=registrar, document=document, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    assert list(public_registrations(space, query="Karin")) == []
    assert list(public_registrations(space, query="Sjukskrivning")) == []
    services.secrecy_lift(actor=registrar, document=document)
    assert list(public_registrations(space, query="Karin Svensson")) == [document]
    # Voiding a document, then the case, takes the registrations out of the diary.
    workflow.document_void(actor=registrar, document=other, reason="Fel ärende")
    assert list(public_registrations(space)) == [document]
    workflow.case_void(actor=registrar, case=case, reason="Registrerat av misstag")
    assert list(public_registrations(space)) == []


def test_a_diary_search_with_many_hits_finds_the_same(space: Any, monkeypatch: Any) -> None:
    """On SQLite a search with many hits walks the diary's index instead of sorting the hits: same rows."""
    from samverka.records.registry import diary

    case = make_case(space=space, title="Inbjudan till samverkan")
    documents = [make_document(case=case, subject=f"Handling {i}") for i in range(4)]
    few = list(public_registrations(space, query="samverkan"))
    monkeypatch.setattr(diary, "FEW_HITS", 1)
    assert list(public_registrations(space, query="samverkan")) == few == documents[::-1]
    assert list(public_registrations(space, query="finnsinte")) == []


def test_closed_cases(space: Any) -> None:
    case = make_case(space=space)
    make_case(space=space)
    case.status = "closed"
    case.closed_on = date(2026, 6, 1)
    case.save()
    assert list(closed_cases(space)) == [case]


def test_full_disk_leaves_no_row_and_no_partial_file(
    space: Any, registrar: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    import errno
    import os

    from django.core.files.storage import FileSystemStorage

    case = make_case(space=space)
    real_save = FileSystemStorage._save  # type: ignore[attr-defined]
    calls = {"n": 0}

    def save_then_fill_disk(self: Any, name: str, content: Any) -> str:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_save(self, name, content)  # the first file fits
        with open(self.path(name), "wb") as partial:  # the second is cut off by a full disk
            partial.write(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", save_then_fill_disk)
    with pytest.raises(ValidationError) as error:
        services.document_register(
            actor=registrar,
            case=case,
            direction="incoming",
            subject="Två bilagor",
            files=[pdf_upload("a.pdf"), pdf_upload("b.pdf")],
        )
    assert "disk" in str(error.value)
    assert not case.documents.exists() and not DocumentFile.objects.exists()
    leftovers = [f for _root, _dirs, files in os.walk(tmp_path) for f in files]
    assert leftovers == []

"""Full-text search in the registry: stemming, file contents, secrecy and permissions (both databases)."""

import io
import zipfile
from datetime import date
from typing import Any

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter
from weasyprint import HTML

from conftest import give_totp
from samverka.platform.spaces.models import SpaceRole
from samverka.records.registry import search, services, workflow
from samverka.records.registry.models import DocumentFile, RegisteredDocument, TextState
from samverka.records.registry.testing import make_case, make_document


@pytest.fixture
def member(space: Any, make_role_user: Any) -> Any:
    return make_role_user(space, SpaceRole.MEMBER)


def pdf_with(text: str, name: str = "Bilaga.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, HTML(string=f"<p>{text}</p>").write_pdf(), content_type="application/pdf")


def docx_with(text: str) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("Rapport.docx", buffer.getvalue())


def odt_with(text: str) -> SimpleUploadedFile:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:h>Rubrik</text:h><text:p>{text}</text:p></office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return SimpleUploadedFile("Protokoll.odt", buffer.getvalue())


def found(space: Any, user: Any, query: str) -> set[str]:
    """The numbers of what a search finds: case references and document references."""
    return {
        entry.document.reference if entry.document is not None else entry.case.reference
        for entry in search.search(space, user, query).entries
    }


def test_different_forms_of_a_word_meet_and_last_word_matches_as_prefix(space: Any, registrar: Any) -> None:
    case = make_case(space=space, title="Regeringsuppdrag om kompetensförsörjning")
    document = make_document(case=case, subject="Valideringen av yrkeskunskaper inom vården")
    assert found(space, registrar, "validering") == {document.reference}
    assert found(space, registrar, "yrkeskunskap vård") == {document.reference}
    assert case.reference in found(space, registrar, "kompetensförsörjningen")
    assert case.reference in found(space, registrar, "kompetensför")  # typed half-way
    assert found(space, registrar, "validering fordon") == set()  # every word must match


def test_case_number_finds_the_case_with_or_without_leading_zeros(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    assert case.reference in found(space, registrar, case.reference)
    assert case.reference in found(space, registrar, f"{case.year}/{case.number}")


def test_text_of_pdf_word_and_opendocument_files_is_searchable(
    space: Any, registrar: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case(space=space)
    with django_capture_on_commit_callbacks(execute=True):  # the text is read by a task after the commit
        pdf = make_document(case=case, subject="Bilaga", files=[pdf_with("Lärlingsutbildningar i Eskilstuna")])
        word = make_document(case=case, subject="Rapport", files=[docx_with("Omställningsstudiestödet används")])
        odt = make_document(case=case, subject="Protokoll", files=[odt_with("Yrkeshögskolans ansökningsomgång")])
    assert DocumentFile.objects.get(document=pdf).text.strip().startswith("Lärlingsutbildningar")
    assert found(space, registrar, "lärlingsutbildning eskilstuna") == {pdf.reference}
    assert found(space, registrar, "omställningsstudiestöd") == {word.reference}
    assert found(space, registrar, "yrkeshögskolan") == {odt.reference}


def test_a_new_file_version_and_a_correction_are_searchable_at_once(
    space: Any, registrar: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case(space=space)
    document = make_document(case=case, subject="Skrivelse")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_add_file(actor=registrar, document=document, upload=pdf_with("Branschråd för besöksnäring"))
    assert found(space, registrar, "besöksnäringen") == {document.reference}
    workflow.document_correct(actor=registrar, document=document, changes={"subject": "Yttrande"}, reason="Fel ord")
    assert found(space, registrar, "yttrandet") == {document.reference}
    assert found(space, registrar, "skrivelse") == set()


def test_marked_document_never_matches_through_what_the_marking_hides(
    space: Any, registrar: Any, member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case(space=space, title="Ansökan om medel")
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(
            case=case,
            subject="Hälsouppgifter om sökande",
            counterpart="Bertil Bengtsson",
            files=[pdf_with("Diagnosen framgår av intyget")],
        )
    services.secrecy_mark(
        actor=registrar, document=document, provision="OSL 21 kap. 1 §", authority="MSV", masks_subject=True
    )
    # The granted registrar finds it by every field and by the file's text …
    for query in ("hälsouppgifter", "Bengtsson", "diagnosen intyg"):
        assert found(space, registrar, query) == {document.reference}, query
    # … a member of the space without the grant by none of them, only by its number.
    for query in ("hälsouppgifter", "Bengtsson", "diagnosen intyg"):
        assert found(space, member, query) == set(), query
    assert document.reference in found(space, member, document.reference)
    # Lifting the marking opens the search too.
    services.secrecy_lift(actor=registrar, document=document)
    assert found(space, member, "diagnosen") == {document.reference}


def test_search_page_masks_rows_and_is_closed_to_other_spaces(
    space: Any, other_space: Any, registrar: Any, member: Any, make_role_user: Any
) -> None:
    case = make_case(space=space, title="Ansökan om medel")
    document = make_document(case=case, subject="Ansökan om projektmedel", counterpart="Cecilia Carlsson")
    services.secrecy_mark(actor=registrar, document=document, provision="OSL 21 kap. 7 §", authority="MSV")
    page_url = reverse("registry:search", kwargs={"space": space.slug})
    client = Client()
    client.force_login(member)
    page = client.get(page_url, {"q": "ansökan"}).content.decode()
    assert document.reference in page and "[sekretessmarkerad]" in page
    assert "Cecilia Carlsson</td>" not in page and "Carlsson" not in page.split("<table")[1]
    give_totp(registrar)
    client.force_login(registrar)
    assert "Cecilia Carlsson" in client.get(page_url, {"q": "carlsson"}).content.decode()
    outsider = make_role_user(other_space, SpaceRole.SECRETARIAT)
    client.force_login(outsider)
    assert client.get(page_url, {"q": "ansökan"}).status_code == 403
    client.logout()
    assert client.get(page_url, {"q": "ansökan"}).status_code == 302  # to the login page


def test_search_page_query_count_does_not_grow_with_hits(
    space: Any, registrar: Any, django_assert_max_num_queries: Any
) -> None:
    give_totp(registrar)
    client = Client()
    client.force_login(registrar)
    page_url = reverse("registry:search", kwargs={"space": space.slug})
    case = make_case(space=space)
    make_document(case=case, subject="Validering 1")
    client.get(page_url, {"q": "validering"})
    with django_assert_max_num_queries(12) as small:
        client.get(page_url, {"q": "validering"})
    for n in range(2, 12):
        make_document(case=make_case(space=space), subject=f"Validering {n}")
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(page_url, {"q": "validering"})
    assert response.content.decode().count("Validering ") >= 11
    assert len(large.captured_queries) == len(small.captured_queries)


def test_disposal_takes_the_file_text_out_of_the_search(
    space: Any, registrar: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case = make_case(space=space)
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(case=case, subject="Bilaga", files=[pdf_with("Personnummer och adress")])
    assert found(space, registrar, "personnummer") == {document.reference}
    services.document_dispose(actor=registrar, document=document, reference="RA-MS 2023:1")
    assert found(space, registrar, "personnummer") == set()
    assert DocumentFile.objects.get(document=document).text == ""


def test_rebuild_gives_the_same_entries(space: Any, registrar: Any, django_capture_on_commit_callbacks: Any) -> None:
    case = make_case(space=space)
    with django_capture_on_commit_callbacks(execute=True):
        make_document(case=case, subject="Valideringsdelegationen", files=[pdf_with("Branschvalidering")])
    before = found(space, registrar, "branschvalidering")
    assert search.rebuild(space=space) == 2
    assert found(space, registrar, "branschvalidering") == before != set()
    out = io.StringIO()
    call_command("rebuild_registry_search", stdout=out)
    assert out.getvalue().startswith("0 files read, 2 search entries")
    assert found(space, registrar, "branschvalidering") == before


def test_rebuild_reads_the_text_of_files_left_pending(space: Any, registrar: Any) -> None:
    """When the task never ran (worker down), the rebuild reads the file first."""
    case = make_case(space=space)
    document = make_document(case=case, subject="Skrivelse", files=[pdf_with("Yrkesvalidering i Strängnäs")])
    assert DocumentFile.objects.get(document=document).text_state == TextState.PENDING
    assert found(space, registrar, "strängnäs") == set()
    out = io.StringIO()
    call_command("rebuild_registry_search", stdout=out)
    assert out.getvalue().startswith("1 files read")
    assert DocumentFile.objects.get(document=document).text_state == TextState.DONE
    assert found(space, registrar, "strängnäs") == {document.reference}


def test_encrypted_pdf_is_refused_and_nothing_is_registered(space: Any, registrar: Any) -> None:
    case = make_case(space=space)
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("hemligt")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError, match="password-protected"):
        make_document(case=case, files=[SimpleUploadedFile("Skyddad.pdf", buffer.getvalue())])
    assert not RegisteredDocument.objects.filter(case=case).exists()
    assert not DocumentFile.objects.exists()


def test_a_search_with_too_many_hits_lists_the_newest_and_asks_for_more_words(
    space: Any, registrar: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(search, "MAX_HITS", 3)
    case = make_case(space=space, title="Remisser")
    documents = [make_document(case=case, subject=f"Remissvar {n}", received_on=date(2026, 3, n)) for n in range(1, 6)]
    assert found(space, registrar, "remissvar") == {d.reference for d in documents[2:]}  # the three newest
    give_totp(registrar)
    client = Client()
    client.force_login(registrar)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("registry:search", kwargs={"space": space.slug}), {"q": "remissvar"})
    assert "add words to narrow the search" in page.content.decode()

"""Agenda documents (size, type by content, extension) and sanitised rich text."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.collaboration.meetings.models import AgendaDocument, AgendaItem
from samverka.collaboration.meetings.tests.helpers import make_meeting
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path, client):
    settings.MEDIA_ROOT = str(tmp_path)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def world(space):
    body = make_body(space=space, is_public=False)
    meeting = make_meeting(body)
    item = AgendaItem.objects.get(meeting=meeting)
    return {
        "space": space,
        "meeting": meeting,
        "item": item,
        "secretariat": make_user(role_in=space, role="secretariat"),
    }


def upload(client, world, name, content):
    url = reverse(
        "meetings:agenda-document-create",
        kwargs={"space": world["space"].slug, "pk": world["meeting"].pk, "item": world["item"].pk},
    )
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_a_pdf_is_stored_under_a_random_name_and_downloaded_by_those_who_see_the_meeting(client, world, other_space):
    client.force_login(world["secretariat"])
    assert upload(client, world, "Underlag <mars>.pdf", PDF_BYTES).status_code == 302
    document = AgendaDocument.objects.get()
    assert document.name == "Underlag _mars_.pdf"
    assert "Underlag" not in document.file.name and document.file.name.endswith(".pdf")
    url = reverse(
        "meetings:agenda-document",
        kwargs={"space": world["space"].slug, "pk": world["meeting"].pk, "document": document.pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    client.force_login(make_user(role_in=other_space, role="secretariat"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)


def _docx() -> bytes:
    """A minimal DOCX with fixed timestamps, so that every xdist worker collects the same parameters."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<document/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\x00" * 10, "cannot be attached"),
        ("rapport.pdf", _docx(), "its name ends in"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "its name ends in"),
    ],
    ids=["exe", "docx-named-pdf", "png-named-txt"],
)
def test_wrong_types_and_mismatched_extensions_are_refused(client, world, name, content, message):
    client.force_login(world["secretariat"])
    response = upload(client, world, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AgendaDocument.objects.exists()


def test_a_too_large_file_is_refused(client, world, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(world["secretariat"])
    response = upload(client, world, "stor.pdf", PDF_BYTES + b"0" * 2000)
    assert response.status_code == 200
    assert "the largest file accepted is" in response.content.decode()
    assert not AgendaDocument.objects.exists()


XSS = [
    "<script>alert(1)</script>Text",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klicka</a>',
    '<a href="JaVaScRiPt:alert(1)">klicka</a>',
    '<p onclick="alert(1)">stycke</p>',
    "<svg onload=alert(1)></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="&#106;avascript:alert(1)">kodad</a>',
]


def test_agenda_descriptions_are_sanitised_when_saved_and_shown(client, world):
    client.force_login(world["secretariat"])
    url = reverse("meetings:agenda-item-create", kwargs={"space": world["space"].slug, "pk": world["meeting"].pk})
    response = client.post(url, {"title": "Farligt", "kind": "information", "description": "\n".join(XSS)})
    assert response.status_code == 302
    stored = AgendaItem.objects.get(title="Farligt").description.lower()
    page = client.get(world["meeting"].get_absolute_url()).content.decode().lower()
    for html in (stored, page):
        assert "<script>alert" not in html
        assert "javascript:" not in html
        assert "onerror" not in html and "onclick" not in html and "onload" not in html
    assert "klicka" in page and "stycke" in page

"""What happens to hostile or broken uploads: every channel that accepts files uses ``check_upload``."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from samverka.platform.core.uploads import DOCX, ODT, PDF, TEXT, check_upload, safe_name


def _pdf(*, password: str = "") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(body: bytes = b"<w:document/>") -> dict[str, bytes]:
    return {"[Content_Types].xml": b"<Types/>", "word/document.xml": body}


def _refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile(name, content))
    return caught.value


def test_ordinary_files_are_accepted_with_their_type():
    assert check_upload(SimpleUploadedFile("Beslut.pdf", _pdf()))[1] is PDF
    assert check_upload(SimpleUploadedFile("Rapport.docx", _zip(_docx())))[1] is DOCX
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"})
    assert check_upload(SimpleUploadedFile("Text.odt", odt))[1] is ODT


def test_password_protected_pdf_is_refused():
    error = _refusal("Hemlig.pdf", _pdf(password="hemligt"))
    assert "password-protected" in str(error)


def test_encrypted_zip_entry_and_encrypted_opendocument_are_refused():
    docx = bytearray(_zip(_docx(), compression=zipfile.ZIP_STORED))
    # Set the "encrypted" flag of every local and central header, as an encrypting zip tool does.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := docx.find(signature, start)) != -1:
            docx[start + offset] |= 0x1
            start += 4
    assert "password-protected" in str(_refusal("Rapport.docx", bytes(docx)))

    manifest = b'<manifest:file-entry><manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>'
    odt = _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": b"\x00" * 100,
        }
    )
    assert "password-protected" in str(_refusal("Text.odt", odt))


def test_old_or_password_protected_office_file_gets_its_own_message():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    message = str(_refusal("Rapport.docx", ole))
    assert "old Office format" in message and "password-protected" in message


def test_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = _zip({**_docx(), "word/media/padding.bin": b"\x00" * (60 * 1024 * 1024)})
    assert len(bomb) < 200 * 1024  # a few hundred kilobytes on disk …
    error = _refusal("Rapport.docx", bomb)  # … sixty megabytes unpacked
    assert "zip bomb" in str(error)


def test_many_entries_count_as_a_zip_bomb():
    entries = {f"word/part{i}.xml": b"<x/>" for i in range(5001)}
    assert "zip bomb" in str(_refusal("Rapport.docx", _zip({**_docx(), **entries})))


def test_svg_with_script_is_refused_and_renamed_svg_is_only_ever_text():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    error = _refusal("logga.svg", svg)
    assert "name ends in" in str(error)
    # Renamed to .txt it is stored as plain text: downloads carry text/plain, attachment and nosniff.
    name, kind = check_upload(SimpleUploadedFile("logga.txt", svg))
    assert kind is TEXT and kind.content_type.startswith("text/plain")


def test_path_traversal_and_control_characters_leave_the_name():
    assert safe_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_name("..\\..\\Windows\\evil.pdf") == "evil.pdf"
    assert safe_name("rap\x00port\n.pdf") == "rapport.pdf"
    name, _kind = check_upload(SimpleUploadedFile("../../../tmp/Beslut.pdf", _pdf()))
    assert "/" not in name and name == "Beslut.pdf"


def test_content_not_name_decides_the_type():
    html = b"<html><script>alert(1)</script></html>"
    assert "name ends in" in str(_refusal("rapport.pdf", html))
    assert "cannot be attached" in str(_refusal("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64))

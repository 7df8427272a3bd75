"""Reading a document's text for search is bounded in size, characters, time and memory (issue 12, item 15)."""

import io
import time
import tracemalloc
import zipfile

import docx
from weasyprint import HTML

from samverka.platform.core import textextract
from samverka.platform.core.uploads import DOCX, ODT, PDF, TEXT

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _zip(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _docx_of(body: bytes) -> io.BytesIO:
    document = b"<w:document " + _W.encode() + b"><w:body>" + body + b"</w:body></w:document>"
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": document})


def _large_ratio_docx(unpacked: int = 50 * 1024 * 1024) -> io.BytesIO:
    """A Word file of a few hundred kilobytes whose document.xml unpacks to ``unpacked`` bytes of text."""
    paragraph = "<w:p><w:r><w:t>Kompetensförsörjning och validering i Sörmland. </w:t></w:r></w:p>".encode()
    return _docx_of(paragraph * (unpacked // len(paragraph)))


def test_a_large_ratio_word_file_is_read_quickly_within_the_limits() -> None:
    bomb = _large_ratio_docx()
    assert len(bomb.getvalue()) < 2 * 1024 * 1024  # small on the wire …
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = textextract.extract(bomb, DOCX.content_type)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    # … and read up to the character limit, not unpacked whole: seconds and megabytes, not minutes and gigabytes.
    assert elapsed < 10, elapsed
    assert peak < 40 * 1024 * 1024, peak
    assert len(result.text) == textextract.MAX_CHARS
    assert result.text.startswith("Kompetensförsörjning och validering i Sörmland.")
    assert not result.complete and not result.failed
    assert bomb.tell() == 0  # the file is left at its start for whoever reads it next


def test_markup_without_text_is_read_only_up_to_the_byte_limit() -> None:
    bomb = _docx_of(b"<w:p/>" * (30 * 1024 * 1024 // 6))  # 30 MB of empty paragraphs
    started = time.monotonic()
    result = textextract.extract(bomb, DOCX.content_type, max_bytes=2 * 1024 * 1024)
    assert time.monotonic() - started < 5
    assert result.text == "" and not result.complete and not result.failed


def test_the_time_budget_stops_reading() -> None:
    result = textextract.extract(_large_ratio_docx(5 * 1024 * 1024), DOCX.content_type, max_chars=10**9, seconds=0)
    assert not result.complete
    assert len(result.text) < 1_000_000


def test_the_character_limit_holds_for_every_readable_type() -> None:
    text = "Yrkeshögskolan " * 2000
    files = {
        TEXT.content_type: io.BytesIO(text.encode()),
        DOCX.content_type: _docx_of(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()),
        ODT.content_type: _zip(
            {
                "content.xml": f"<office:document-content {_ODF}><text:p>{text}</text:p></office:document-content>".encode()
            }
        ),
        PDF.content_type: io.BytesIO(HTML(string=f"<p>{text}</p>").write_pdf()),
    }
    for content_type, handle in files.items():
        result = textextract.extract(handle, content_type, max_chars=100)
        assert len(result.text) == 100 and not result.complete, content_type
        assert result.text.lstrip().startswith("Yrkeshögskolan"), content_type


def test_ordinary_files_are_read_whole() -> None:
    word = docx.Document()
    word.add_paragraph("Omställningsstudiestödet används")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Lärlingar"
    table.cell(0, 1).text = "Eskilstuna"
    buffer = io.BytesIO()
    word.save(buffer)
    result = textextract.extract(buffer, DOCX.content_type)
    assert result.complete and result.text.split() == ["Omställningsstudiestödet", "används", "Lärlingar", "Eskilstuna"]
    odt = _zip(
        {
            "content.xml": (
                f"<office:document-content {_ODF}><office:body><office:text><text:h>Rubrik</text:h>"
                "<text:p>Yrkes<text:span>högskolan</text:span><text:s/>växer</text:p></office:text></office:body>"
                "</office:document-content>"
            ).encode()
        }
    )
    assert textextract.extract(odt, ODT.content_type).text == "Rubrik\nYrkeshögskolan växer\n"


def test_entities_and_damaged_files_give_no_text_and_never_raise() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<w:document " + _W.encode() + b"><w:body><w:p><w:r><w:t>&b;&b;&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    entity = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": laughs})
    assert textextract.extract(entity, DOCX.content_type) == textextract.Extraction("", complete=False, failed=True)
    broken = io.BytesIO(b"PK\x03\x04 not really a zip")
    assert textextract.extract(broken, DOCX.content_type).failed
    assert textextract.extract(io.BytesIO(b"%PDF-1.4 broken"), PDF.content_type).failed
    assert textextract.extract(io.BytesIO(b"\x89PNG"), "image/png") == textextract.Extraction("")

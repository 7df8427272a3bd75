"""The text of an uploaded document, for full-text search: PDF (pypdf), Word (.docx), OpenDocument text and
plain text. Extraction never fails an upload: a file whose text cannot be read is searchable by its
metadata only.

Reading is bounded, because a small file can unpack to a great deal (a 2 MB Word file may hold 190 MB of
XML under the zip-bomb ratio the upload check allows):

* Word and OpenDocument XML is streamed from the zip entry in chunks and parsed incrementally (expat,
  no DTDs or entities); at most ``MAX_XML_BYTES`` unpacked bytes are read, so memory stays flat.
* Reading stops after ``MAX_CHARS`` characters of text and (PDF) ``MAX_PAGES`` pages.
* A time budget (``settings.TEXT_EXTRACTION_SECONDS``, default ``DEFAULT_SECONDS``) is checked between
  chunks and pages.

A file cut short by a limit still gives the text read so far (``Extraction.complete`` is then False).
Callers run this outside any database transaction (the registry does it in a task after the commit),
so however long a file takes, no write waits for it.
"""

import logging
import time
import zipfile
from dataclasses import dataclass
from typing import IO, Any
from xml.parsers import expat

from django.conf import settings

from samverka.platform.core.uploads import DOCX, ODT, PDF, TEXT

logger = logging.getLogger(__name__)

#: Most pages of a PDF that are read.
MAX_PAGES = 300
#: Most characters of text kept of one file (roughly 250 pages).
MAX_CHARS = 500_000
#: Most unpacked bytes of XML read from a Word or OpenDocument file.
MAX_XML_BYTES = 16 * 1024 * 1024
#: Seconds one file may take when the settings do not say (``TEXT_EXTRACTION_SECONDS``).
DEFAULT_SECONDS = 20.0
_CHUNK = 64 * 1024

_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


@dataclass(frozen=True)
class Extraction:
    """The text read from a file; ``complete`` is False when a limit (size, characters, time) cut it short,
    ``failed`` when the file could not be read at all."""

    text: str
    complete: bool = True
    failed: bool = False


class _Limit(Exception):
    """A limit was reached: keep what was read so far."""


class _Reader:
    """Collects text up to a number of characters and before a deadline."""

    def __init__(self, max_chars: int, seconds: float) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.max_chars = max_chars
        self.deadline = time.monotonic() + seconds
        self.complete = True

    def add(self, text: str) -> None:
        if not text:
            return
        room = self.max_chars - self.size
        self.parts.append(text[:room])
        self.size += min(len(text), room)
        if self.size >= self.max_chars:
            raise _Limit

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Limit

    def text(self) -> str:
        return "".join(self.parts)


class _XmlText:
    """Text of paragraphs from a stream of XML (expat, namespaces resolved to "uri name").

    ``text_elements``: elements whose character data is text (Word: ``w:t``); ``None`` means all character
    data inside a paragraph (OpenDocument). A paragraph ends with a line break (empty ones add none);
    ``inline`` elements inside a paragraph stand for a character (tab, line break, space)."""

    def __init__(
        self,
        reader: _Reader,
        *,
        paragraphs: set[str],
        text_elements: set[str] | None,
        inline: dict[str, str],
    ) -> None:
        self.reader = reader
        self.paragraphs = paragraphs
        self.text_elements = text_elements
        self.inline = inline
        self.in_paragraph = 0
        self.in_text = 0
        self.line_open = False

    def start(self, name: str, attributes: Any) -> None:
        if name in self.paragraphs:
            self.in_paragraph += 1
        elif self.text_elements is not None and name in self.text_elements:
            self.in_text += 1
        elif self.in_paragraph and name in self.inline:
            self.reader.add(self.inline[name])

    def end(self, name: str) -> None:
        if name in self.paragraphs:
            self.in_paragraph -= 1
            if self.line_open:
                self.reader.add("\n")
                self.line_open = False
        elif self.text_elements is not None and name in self.text_elements:
            self.in_text -= 1

    def characters(self, content: str) -> None:
        if self.in_text or (self.text_elements is None and self.in_paragraph):
            self.reader.add(content)
            self.line_open = True


def _refuse_declarations(*args: Any) -> int:
    raise ValueError("DTDs and entities are not read")


def _stream_xml(handle: IO[bytes], entry: str, handler: _XmlText, reader: _Reader, max_bytes: int) -> None:
    """Feed one zip entry to ``handler`` in chunks, reading at most ``max_bytes`` unpacked bytes.

    No DTD, entity declaration or external reference is accepted (as in defusedxml)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.UnparsedEntityDeclHandler = _refuse_declarations
    parser.ExternalEntityRefHandler = _refuse_declarations
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.characters
    read = 0
    with zipfile.ZipFile(handle) as archive, archive.open(entry) as stream:
        while chunk := stream.read(min(_CHUNK, max_bytes - read)):
            read += len(chunk)
            parser.Parse(chunk, False)
            reader.check_time()
            if read >= max_bytes:
                raise _Limit
    parser.Parse(b"", True)


def _docx(handle: IO[bytes], reader: _Reader, max_bytes: int) -> None:
    handler = _XmlText(
        reader,
        paragraphs={f"{_WORD} p"},
        text_elements={f"{_WORD} t"},
        inline={f"{_WORD} tab": "\t", f"{_WORD} br": "\n", f"{_WORD} cr": "\n"},
    )
    _stream_xml(handle, "word/document.xml", handler, reader, max_bytes)


def _odt(handle: IO[bytes], reader: _Reader, max_bytes: int) -> None:
    handler = _XmlText(
        reader,
        paragraphs={f"{_ODF_TEXT} p", f"{_ODF_TEXT} h"},
        text_elements=None,
        inline={f"{_ODF_TEXT} s": " ", f"{_ODF_TEXT} tab": "\t", f"{_ODF_TEXT} line-break": "\n"},
    )
    _stream_xml(handle, "content.xml", handler, reader, max_bytes)


def _pdf(handle: IO[bytes], reader: _Reader, max_bytes: int) -> None:
    from pypdf import PdfReader

    document = PdfReader(handle, strict=False)
    for number, page in enumerate(document.pages):
        if number >= MAX_PAGES:
            raise _Limit
        reader.add((page.extract_text() or "") + "\n")
        reader.check_time()


def _plain(handle: IO[bytes], reader: _Reader, max_bytes: int) -> None:
    data = handle.read(reader.max_chars * 4 + 1)
    reader.add(data[: reader.max_chars * 4].decode("utf-8", "replace"))
    if len(data) > reader.max_chars * 4:
        raise _Limit


_EXTRACTORS = {
    PDF.content_type: _pdf,
    DOCX.content_type: _docx,
    ODT.content_type: _odt,
    TEXT.content_type: _plain,
}


def can_extract(content_type: str) -> bool:
    """Whether files of this type have text that is read for search."""
    return content_type in _EXTRACTORS


def time_budget() -> float:
    return float(getattr(settings, "TEXT_EXTRACTION_SECONDS", DEFAULT_SECONDS))


def extract(
    handle: IO[bytes],
    content_type: str,
    *,
    max_chars: int = MAX_CHARS,
    max_bytes: int = MAX_XML_BYTES,
    seconds: float | None = None,
) -> Extraction:
    """The file's text within the limits. Never raises for a damaged file: it gives ``failed``."""
    extractor = _EXTRACTORS.get(content_type)
    if extractor is None:
        return Extraction("")
    reader = _Reader(max_chars, time_budget() if seconds is None else seconds)
    try:
        handle.seek(0)
        extractor(handle, reader, max_bytes)
    except _Limit:
        reader.complete = False
    except Exception as error:  # noqa: BLE001 - a damaged file is still registered, only not searchable by content
        logger.warning("Could not extract the text of a %s file: %s", content_type, error)
        if not reader.size:
            return Extraction("", complete=False, failed=True)
        reader.complete = False
    finally:
        handle.seek(0)
    return Extraction(reader.text(), complete=reader.complete)


def extract_text(handle: IO[bytes], content_type: str) -> str:
    """The document's text (at most ``MAX_CHARS`` characters), or "" for other types and unreadable files."""
    return extract(handle, content_type).text

"""The text of an uploaded document, for full-text search: PDF (pypdf), Word (python-docx), OpenDocument
text and plain text. Extraction never fails an upload: a file whose text cannot be read is searchable by
its metadata only. The amount read is bounded (pages and characters), and the upload checks in
``core.uploads`` have already refused zip bombs and encrypted files.
"""

import logging
import zipfile
from typing import IO

from defusedxml import ElementTree

from samverka.core.uploads import DOCX, ODT, PDF, TEXT

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARS = 500_000
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _pdf(handle: IO[bytes]) -> str:
    from pypdf import PdfReader

    reader = PdfReader(handle, strict=False)
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx(handle: IO[bytes]) -> str:
    import docx

    document = docx.Document(handle)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _odt(handle: IO[bytes]) -> str:
    with zipfile.ZipFile(handle) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    # Paragraphs and headings are the text; everything inside them (spans, links) is joined.
    blocks = [el for el in root.iter() if el.tag in (f"{_ODF_TEXT}p", f"{_ODF_TEXT}h")]
    return "\n".join("".join(block.itertext()) for block in blocks)


def _plain(handle: IO[bytes]) -> str:
    return handle.read(MAX_CHARS * 4).decode("utf-8", "replace")


_EXTRACTORS = {
    PDF.content_type: _pdf,
    DOCX.content_type: _docx,
    ODT.content_type: _odt,
    TEXT.content_type: _plain,
}


def extract_text(handle: IO[bytes], content_type: str) -> str:
    """The document's text (at most ``MAX_CHARS`` characters), or "" for other types and unreadable files."""
    extractor = _EXTRACTORS.get(content_type)
    if extractor is None:
        return ""
    try:
        handle.seek(0)
        return extractor(handle)[:MAX_CHARS]
    except Exception as error:  # noqa: BLE001 - a damaged file is still registered, only not searchable by content
        logger.warning("Could not extract the text of a %s file: %s", content_type, error)
        return ""
    finally:
        handle.seek(0)

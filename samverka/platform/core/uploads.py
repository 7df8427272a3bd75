"""Checks on documents uploaded to the platform (agenda documents, event material): size, type by content, and a safe name.

The type is read from the file's first bytes (and, for zip containers, from
the entries that identify an Office Open XML or OpenDocument file), never
from the name or the browser's claim. The file name must carry the extension
of the type found, so ``report.pdf.exe`` or an HTML page renamed to ``.txt``
with binary content is refused. Files are stored under a random name; the
sanitised original name is only shown and used for downloads.
"""

import hashlib
import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: Default largest accepted upload (settings.MAX_UPLOAD_BYTES overrides it).
DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("PDF", "application/pdf", (".pdf",))
DOCX = FileType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = FileType("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
ODT = FileType("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileType("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ODP = FileType("OpenDocument presentation", "application/vnd.oasis.opendocument.presentation", (".odp",))
PNG = FileType("PNG", "image/png", (".png",))
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"))
TEXT = FileType("text", "text/plain; charset=utf-8", (".txt", ".csv", ".md"))

ACCEPTED_TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, TEXT)
_OOXML = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
_ODF = {ODT.content_type: ODT, ODS.content_type: ODS, ODP.content_type: ODP}
_UNSAFE = re.compile(r"[^\w .()\-]+", re.UNICODE)


def max_upload_bytes() -> int:
    return int(getattr(settings, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def accepted_extensions() -> str:
    return ", ".join(ext for kind in ACCEPTED_TYPES for ext in kind.extensions)


def safe_name(name: str) -> str:
    """The file name without directories, control characters or anything but letters, digits,
    spaces and ``. ( ) - _``; at most 120 characters, keeping the extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE.sub("_", base).strip(" .")
    base = re.sub(r"_{2,}", "_", base)
    stem, ext = os.path.splitext(base)
    stem = stem[: 120 - len(ext)].strip(" .") or "dokument"
    return f"{stem}{ext.lower()}"


#: A zip container (Office Open XML, OpenDocument) may unpack to at most this many bytes …
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: … and hold at most this many entries; more is treated as a zip bomb.
MAX_ZIP_ENTRIES = 5000
#: Compression ratio above which a large entry is treated as a zip bomb (text compresses ~10:1).
MAX_COMPRESSION_RATIO = 200
#: The first bytes of an OLE compound file: old Office formats and password-protected Office files.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"file": message}, code=code)


#: Most bytes read of a small descriptive entry (OpenDocument's mimetype and manifest); a manifest lists
#: the parts of the file and is a few kilobytes even for a file with hundreds of images.
MAX_MANIFEST_BYTES = 1024 * 1024


def _read_small(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """An entry's first ``limit`` unpacked bytes: a crafted container cannot make the check read more."""
    with archive.open(name) as entry:
        return entry.read(limit)


def _check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs and encrypted entries before anything in the container is read."""
    entries = archive.infolist()
    unpacked = sum(info.file_size for info in entries)
    bomb = len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNPACKED_BYTES
    bomb = bomb or any(
        info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        for info in entries
    )
    if bomb:
        raise _refuse(
            _(
                "The file unpacks to %(size)s in %(count)s parts, far more than its own size. It looks like a "
                "zip bomb and is refused."
            )
            % {"size": filesizeformat(unpacked), "count": len(entries)},
            "zip_bomb",
        )
    encrypted = any(info.flag_bits & 0x1 for info in entries)
    if not encrypted and "META-INF/manifest.xml" in archive.namelist():
        encrypted = b"encryption-data" in _read_small(archive, "META-INF/manifest.xml", MAX_MANIFEST_BYTES)
    if encrypted:
        raise _refuse(
            _("The file is password-protected (encrypted). Remove the password and upload it again."), "encrypted"
        )


def _zip_type(handle: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            _check_zip(archive)
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = _read_small(archive, "mimetype", 200).decode("ascii", "replace").strip()
                return _ODF.get(mimetype)
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML.items():
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def _check_pdf(handle: IO[bytes]) -> None:
    """Refuse a password-protected PDF: it can be neither read, searched nor archived.

    A PDF that pypdf cannot parse is let through (viewers are lenient and so are we); its trailer is
    then searched for an encryption dictionary instead."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        encrypted = PdfReader(handle, strict=False).is_encrypted
    except (PyPdfError, ValueError, OSError, KeyError, TypeError, AttributeError):
        handle.seek(0, os.SEEK_END)
        handle.seek(max(0, handle.tell() - 65536))
        encrypted = b"/Encrypt" in handle.read()
    finally:
        handle.seek(0)
    if encrypted:
        raise _refuse(
            _("The PDF is password-protected (encrypted). Remove the password and upload it again."), "encrypted"
        )


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the sample is fine
        if error.start < len(head) - 4:
            return False
    return True


def detect_type(handle: IO[bytes]) -> FileType | None:
    """The accepted type of the file's content, or ``None``."""
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    kind: FileType | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_type(handle)
    elif head and _is_text(head):
        kind = TEXT
    handle.seek(0)
    return kind


def check_upload(upload: Any) -> tuple[str, FileType]:
    """Validate an uploaded file; return its safe name and type, or raise ValidationError."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload.")})
    limit = max_upload_bytes()
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s; the largest file accepted is %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
            },
            code="too_large",
        )
    name = safe_name(getattr(upload, "name", "") or "")
    kind = detect_type(upload)
    if kind is None and _starts_with(upload, _OLE):
        raise _refuse(
            _(
                "The file is an old Office format (.doc, .xls, .ppt) or a password-protected Office file. "
                "Remove any password and save it as .docx, .xlsx, .pptx or PDF."
            ),
            "wrong_type",
        )
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "This kind of file cannot be attached. Accepted are PDF, Word, Excel, PowerPoint, "
                    "OpenDocument, PNG, JPEG and plain text (%(extensions)s)."
                )
                % {"extensions": accepted_extensions()}
            },
            code="wrong_type",
        )
    extension = os.path.splitext(name)[1].lower()
    if extension not in kind.extensions:
        raise ValidationError(
            {
                "file": _(
                    "The file's content is %(kind)s but its name ends in “%(extension)s”. "
                    "Give it the right extension (%(expected)s) and try again."
                )
                % {"kind": kind.label, "extension": extension or _("(none)"), "expected": ", ".join(kind.extensions)}
            },
            code="wrong_type",
        )
    if kind is PDF:
        _check_pdf(upload)
    return name, kind


def _starts_with(handle: IO[bytes], magic: bytes) -> bool:
    handle.seek(0)
    head = handle.read(len(magic))
    handle.seek(0)
    return head == magic


def random_storage_name(folder: str, filename: str) -> str:
    """Where an upload is stored: ``<folder>/<random hex>.<extension>``; the original name is only shown."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{folder}/{uuid.uuid4().hex}.{extension}"


def sha256_of(upload: Any) -> str:
    """The SHA-256 of an uploaded file, read in chunks; the file is left at its start."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


class UploadProblem(ValidationError):
    """A filled-in spreadsheet refused: ``problems`` lists (cell, message), e.g. ``("D7", "…")``; nothing was
    saved."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__([f"{cell}: {message}" for cell, message in problems])

"""Checks on uploaded statistics files before they are read: size, kind and a safe name."""

import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from samverka.platform.core.uploads import XLSX, detect_type, safe_name

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_upload_bytes() -> int:
    return int(getattr(settings, "STATISTICS_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


@dataclass
class CheckedUpload:
    name: str
    #: ``csv``, ``excel`` or ``jsonstat``
    kind: str
    content: bytes


def check_upload(upload: Any) -> CheckedUpload:
    """Refuse an empty, too large or unknown file; read it into memory once it is accepted."""
    if upload is None:
        raise ValidationError(_("Choose a file to upload."))
    size = getattr(upload, "size", 0) or 0
    limit = max_upload_bytes()
    if size == 0:
        raise ValidationError(_("The file is empty."))
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    name = safe_name(getattr(upload, "name", "") or "upload")
    extension = os.path.splitext(name)[1].lower()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(_OLE):
        raise ValidationError(_("Old Excel files (.xls) cannot be read. Save the file as .xlsx and upload it again."))
    if head.startswith(b"PK"):
        if detect_type(upload) != XLSX:  # also refuses zip bombs and encrypted files
            raise ValidationError(_("Only Excel workbooks (.xlsx) can be uploaded as spreadsheets."))
        kind = "excel"
    elif extension == ".json" or head.lstrip().startswith(b"{"):
        kind = "jsonstat"
    elif extension in (".csv", ".txt", ""):
        kind = "csv"
    else:
        raise ValidationError(_("Upload a CSV file, an Excel workbook (.xlsx) or a JSON-stat file (.json)."))
    upload.seek(0)
    return CheckedUpload(name=name, kind=kind, content=upload.read())

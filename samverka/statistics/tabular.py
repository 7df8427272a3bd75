"""CSV and Excel uploads: checks, a preview for the mapping step, and rows for storage.

A table has one row per cell: columns mapped to dimensions (each to a role, or to ``other``),
one value column and optionally a status column. What is refused, with the row and column named:

* a CSV file that is not UTF-8 (with or without BOM) — e.g. Windows-1252 from Excel's "CSV" —
  or UTF-16;
* a cell that reads as a spreadsheet formula (``=…``, ``@…``, ``+…``/``-…`` that is not a number),
  so that nothing stored can later run as a formula in someone's spreadsheet;
* Excel header cells that are merged, and Excel formulas (they are not evaluated);
* a value that is not a number (Swedish decimal comma and spaces between thousands are read);
* more rows than ``STATISTICS_MAX_UPLOAD_ROWS`` (1,000,000), checked before parsing.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samverka.statistics.jsonstat import MAX_STATUS_LENGTH, _total_code, year_of
from samverka.statistics.models import DimensionRole
from samverka.statistics.services import DimensionSpec

DEFAULT_MAX_ROWS = 1_000_000
PREVIEW_ROWS = 5
#: Status marks SCB and others write instead of a number.
STATUS_MARKS = frozenset({"..", ".", "-", "x", "X", ":", "…"})
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_SAFE_SIGNED = re.compile(r"^[+-][\d .,+-]*$")


def max_rows() -> int:
    return int(getattr(settings, "STATISTICS_MAX_UPLOAD_ROWS", DEFAULT_MAX_ROWS))


@dataclass
class Preview:
    columns: list[str]
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""


@dataclass
class Table:
    dimensions: list[DimensionSpec]
    rows: list[tuple]
    notes: list[str] = field(default_factory=list)


def _error(message: str, **params: Any) -> ValidationError:
    return ValidationError(message % params)


def column_name(index: int) -> str:
    """Excel's letters for a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def looks_like_formula(text: str) -> bool:
    if not text:
        return False
    first = text[0]
    if first in "=@\t\r":
        return True
    return first in "+-" and not _SAFE_SIGNED.match(text)


def parse_number(text: str) -> float | None:
    """A number in Swedish or English notation ("1 234,5", "1234.5", "−3"); None if it is not one."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "") if cleaned.rfind(",") > cleaned.rfind(".") else cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned)


# CSV --------------------------------------------------------------------------------------------


def decode_csv(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding found; only UTF-8 (with or without BOM) is accepted."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _error(_("The file is UTF-16. Save it as CSV UTF-8 and upload it again."))
    encoding = "utf-8-sig" if content.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return content.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        try:
            content.decode("cp1252")
            guess = _("It looks like Windows-1252 (Latin-1), which Excel writes for plain “CSV”.")
        except UnicodeDecodeError:
            guess = ""
        raise _error(
            _(
                "The file is not UTF-8: the bytes on line %(line)s cannot be read. %(guess)s Save it as “CSV UTF-8” and upload it again."
            ),
            line=line,
            guess=guess,
        ) from error


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    return delimiter if counts[delimiter] else ","


def _check_row_count(content: bytes) -> None:
    # Counted on the raw bytes before anything is parsed: a refused file costs almost nothing.
    lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    if lines - 1 > max_rows():
        raise _error(
            _("The file has %(rows)s rows; at most %(max)s rows can be imported at once. Nothing was stored."),
            rows=f"{lines - 1:,}".replace(",", " "),
            max=f"{max_rows():,}".replace(",", " "),
        )


def csv_rows(content: bytes) -> tuple[list[str], Iterator[list[str]], str, str]:
    _check_row_count(content)
    text, encoding = decode_csv(content)
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise _error(_("The file is empty.")) from None
    return [h.strip() for h in header], reader, encoding, delimiter


def preview_csv(content: bytes) -> Preview:
    header, reader, encoding, delimiter = csv_rows(content)
    _check_header(header, [f"{column_name(i)}1" for i in range(len(header))])
    rows = [row for _n, row in zip(range(PREVIEW_ROWS), reader, strict=False)]
    return Preview(header, rows, encoding, delimiter)


def read_csv(content: bytes, *, mapping: dict[str, str], value_column: str, status_column: str = "") -> Table:
    header, reader, _encoding, _delimiter = csv_rows(content)
    cells = [f"{column_name(i)}1" for i in range(len(header))]
    _check_header(header, cells)
    return build_table(header, reader, mapping=mapping, value_column=value_column, status_column=status_column)


# Excel ------------------------------------------------------------------------------------------


def _workbook(content: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise _error(_("The Excel file cannot be read: %(error)s"), error=str(error)[:200]) from error


def _merged_header(content: bytes) -> list[str]:
    """Merged ranges that touch the first row (read-only mode does not expose them, so read the sheet XML)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = sorted(n for n in archive.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
        if not sheets:
            return []
        with archive.open(sheets[0]) as handle:
            xml = handle.read(5_000_000).decode("utf-8", "replace")
    ranges = re.findall(r'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"', xml)
    return [f"{a}{r1}:{b}{r2}" for a, r1, b, r2 in ranges if int(r1) == 1]


def excel_rows(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    merged = _merged_header(content)
    if merged:
        raise _error(
            _("The header row has merged cells (%(cells)s). Unmerge them so that every column has its own name."),
            cells=", ".join(merged),
        )
    workbook = _workbook(content)
    sheet = workbook.worksheets[0]
    if (sheet.max_row or 0) - 1 > max_rows():
        raise _error(
            _("The sheet has %(rows)s rows; at most %(max)s rows can be imported at once. Nothing was stored."),
            rows=sheet.max_row - 1,
            max=max_rows(),
        )
    rows = sheet.iter_rows()
    try:
        first = next(rows)
    except StopIteration:
        raise _error(_("The sheet is empty.")) from None
    header = [_cell_text(cell) for cell in first]
    while header and not header[-1]:
        header.pop()

    def texts() -> Iterator[list[str]]:
        for row in rows:
            yield [_cell_text(cell) for cell in row[: len(header)]]

    return header, texts()


def _cell_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if getattr(cell, "data_type", "") == "f" or (isinstance(value, str) and value.startswith("=")):
        raise _error(
            _("Cell %(cell)s holds a formula (%(formula)s). Formulas are not evaluated; paste the values instead."),
            cell=getattr(cell, "coordinate", "?"),
            formula=str(value)[:40],
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def preview_excel(content: bytes) -> Preview:
    header, rows = excel_rows(content)
    _check_header(header, [f"{column_name(i)}1" for i in range(len(header))])
    return Preview(header, [row for _n, row in zip(range(PREVIEW_ROWS), rows, strict=False)])


def read_excel(content: bytes, *, mapping: dict[str, str], value_column: str, status_column: str = "") -> Table:
    header, rows = excel_rows(content)
    _check_header(header, [f"{column_name(i)}1" for i in range(len(header))])
    return build_table(header, rows, mapping=mapping, value_column=value_column, status_column=status_column)


# Both -------------------------------------------------------------------------------------------


def _check_header(header: list[str], cells: list[str]) -> None:
    seen: set[str] = set()
    for name, cell in zip(header, cells, strict=True):
        if not name:
            raise _error(_("The column in cell %(cell)s has no name."), cell=cell)
        if looks_like_formula(name):
            raise _error(_("Cell %(cell)s reads as a formula (%(text)s) and is refused."), cell=cell, text=name[:40])
        if name in seen:
            raise _error(_("Two columns are named %(name)s."), name=name)
        seen.add(name)


def build_table(
    header: list[str], rows: Iterable[list[str]], *, mapping: dict[str, str], value_column: str, status_column: str = ""
) -> Table:
    """Rows in ``ROW_COLUMNS`` order from the text rows of a CSV file or a sheet."""
    if value_column not in header:
        raise _error(_("Choose the column that holds the values."))
    dims = [(name, role) for name, role in mapping.items() if role]
    for name, _role in dims:
        if name not in header:
            raise _error(_("There is no column %(name)s."), name=name)
        if name in (value_column, status_column):
            raise _error(_("The column %(name)s cannot be both a dimension and the values."), name=name)
    if not dims:
        raise _error(_("Map at least one column to a dimension."))
    roles = [role for _name, role in dims]
    known = [r for r in roles if r != DimensionRole.OTHER]
    if len(known) != len(set(known)):
        raise _error(_("Two columns are mapped to the same dimension; map one of them to other."))
    positions = [header.index(name) for name, _role in dims]
    value_at = header.index(value_column)
    status_at = header.index(status_column) if status_column else -1
    from samverka.statistics.storage import ROW_COLUMNS

    slot = {role: ROW_COLUMNS.index(role) for role in known}
    other_dims = [(i, name) for i, (name, role) in enumerate(dims) if role == DimensionRole.OTHER]
    seen: list[dict[str, None]] = [{} for _ in dims]
    stored: list[tuple] = []
    limit = max_rows()
    template = ["", "", None, "", "", "", "", "", "", "", "", "", None, ""]
    for number, row in enumerate(rows, start=2):
        if not any(row):
            continue
        if number - 1 > limit:
            raise _error(_("The file has more than %(max)s rows. Nothing was stored."), max=limit)
        row = row + [""] * (len(header) - len(row))
        out = list(template)
        codes = []
        for d, position in enumerate(positions):
            code = row[position].strip()
            if looks_like_formula(code):
                raise _error(
                    _("Cell %(cell)s reads as a formula (%(text)s) and is refused."),
                    cell=f"{column_name(position)}{number}",
                    text=code[:40],
                )
            if not code:
                raise _error(_("Cell %(cell)s is empty."), cell=f"{column_name(position)}{number}")
            seen[d][code] = None
            codes.append(code)
        for d, (_name, role) in enumerate(dims):
            if role != DimensionRole.OTHER:
                out[slot[role]] = codes[d]
        if "period" in slot:
            out[2] = year_of(codes[roles.index("period")])
        if other_dims:
            out[11] = "|".join(f"{name}={codes[i]}" for i, name in other_dims)
        raw_value = row[value_at].strip()
        status = row[status_at].strip() if status_at >= 0 else ""
        value = parse_number(raw_value) if raw_value else None
        if value is None and raw_value:
            if raw_value in STATUS_MARKS:
                status = status or raw_value
            else:
                cell = f"{column_name(value_at)}{number}"
                if looks_like_formula(raw_value):
                    raise _error(
                        _("Cell %(cell)s reads as a formula (%(text)s) and is refused."), cell=cell, text=raw_value[:40]
                    )
                raise _error(_("Cell %(cell)s is not a number: %(text)s"), cell=cell, text=raw_value[:40])
        if len(status) > MAX_STATUS_LENGTH or looks_like_formula(status):
            raise _error(
                _("Cell %(cell)s is not a status mark: %(text)s"),
                cell=f"{column_name(status_at)}{number}",
                text=status[:40],
            )
        out[12] = value
        out[13] = status
        stored.append(tuple(out))
    if not stored:
        raise _error(_("The file has no rows of data."))
    dimensions = []
    for d, (name, role) in enumerate(dims):
        categories = [(code, code) for code in seen[d]]
        dimensions.append(
            DimensionSpec(
                code=name, label=name, role=role, categories=categories, total_code=_total_code(categories, {})
            )
        )
    return Table(dimensions=dimensions, rows=stored)

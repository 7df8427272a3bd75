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

from samverka.insight.statistics.jsonstat import MAX_STATUS_LENGTH, _total_code, year_of
from samverka.insight.statistics.models import DimensionRole
from samverka.insight.statistics.services import DimensionSpec

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
    #: The file's row number of each row of ``rows`` (the header is row 1).
    row_numbers: list[int] = field(default_factory=list)
    value_column: str = ""
    #: Problems found while reading, by quality check (``structure``, ``labels``), each with its rows.
    problems: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)

    def locator(self) -> "TableLocator":
        return TableLocator(self.header, self)


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
            cells = [_cell_text(cell) for cell in row]
            while len(cells) > len(header) and not cells[-1]:
                cells.pop()
            yield cells

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
    seen: dict[str, str] = {}
    for name, cell in zip(header, cells, strict=True):
        if not name:
            raise _error(_("The column in cell %(cell)s has no name."), cell=cell)
        if looks_like_formula(name):
            raise _error(_("Cell %(cell)s reads as a formula (%(text)s) and is refused."), cell=cell, text=name[:40])
        if name in seen:
            raise _error(
                _("Two columns are named %(name)s (cells %(first)s and %(second)s)."),
                name=name,
                first=seen[name],
                second=cell,
            )
        seen[name] = cell


#: Unresolved names listed in the refusal, at most.
MAX_LISTED = 20
#: Rows kept per written value (to name where a value that cannot be read is).
ROWS_PER_VALUE = 5
_CODE_LIKE = re.compile(r"^[0-9A-Za-z.+]+$")


class TableLocator:
    """Where the rows of a CSV file or a sheet came from: the file's row number of every stored row."""

    def __init__(self, header: list[str], table: "Table") -> None:
        from samverka.insight.statistics.storage import ROW_COLUMNS

        self.table = table
        self.columns = ROW_COLUMNS
        self.letters = {spec.role: column_name(header.index(spec.code)) for spec in table.dimensions}
        self.letters["value"] = column_name(header.index(table.value_column))

    def _cell(self, column: str, row: int) -> str:
        letter = self.letters.get(column)
        return f"{letter}{row}" if letter else ""

    def places(self, keys: list[dict[str, Any]], column: str) -> list[list[dict[str, Any]]]:
        groups: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = {}
        for index, key in enumerate(keys):
            names = tuple(sorted(key))
            groups.setdefault(names, {}).setdefault(tuple(_same(key[n]) for n in names), []).append(index)
        found: list[list[dict[str, Any]]] = [[] for _key in keys]
        for names, wanted in groups.items():
            positions = [self.columns.index(n) for n in names]
            for stored, number in zip(self.table.rows, self.table.row_numbers, strict=True):
                hit = wanted.get(tuple(_same(stored[p]) for p in positions))
                if hit is None:
                    continue
                for index in hit:
                    if len(found[index]) < 10:
                        found[index].append({"row": number, "cell": self._cell(column, number)})
        return found

    def code_places(self, column: str, code: str) -> list[dict[str, Any]]:
        position = self.columns.index(column)
        found = []
        for stored, number in zip(self.table.rows, self.table.row_numbers, strict=True):
            if stored[position] == code:
                found.append({"row": number, "cell": self._cell(column, number)})
                if len(found) >= 10:
                    break
        return found


def _same(value: Any) -> Any:
    """Codes compare as text; the year column as a number."""
    return "" if value is None else str(value)


def _match_names(
    dims: list[tuple[str, str]], positions: list[int], seen: list[dict[str, list[int]]]
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, Any]]]:
    """Per dimension ``{written value: code}`` and ``{code: reference name}`` from the reference geography
    and classifications, and the "code name" values whose name is another code's (with their rows).

    Unknown and ambiguous names refuse the file, each named with its column, rows and cells.
    """
    from samverka.insight.classifications import matching
    from samverka.insight.statistics.mapping import COLUMN_LENGTHS

    translations: list[dict[str, str]] = []
    names: list[dict[str, str]] = []
    contradictions: list[dict[str, Any]] = []
    refused: list[str] = []
    for (name, role), position, occurrences in zip(dims, positions, seen, strict=True):
        ref = matching.reference(role) if role in matching.ROLES else None
        if ref is None:
            translations.append({})
            names.append({})
            continue
        found = matching.resolve(role, occurrences, ref=ref) or {}
        limit = int(COLUMN_LENGTHS.get(role) or 6)
        codes: dict[str, str] = {}
        for value, match in found.items():
            rows = occurrences[value][:ROWS_PER_VALUE]
            cells = [f"{column_name(position)}{row}" for row in rows]
            if match.resolved:
                codes[value] = match.code
                if match.problem == "contradiction":
                    contradictions.append(
                        {
                            "dimension": name,
                            "role": role,
                            "kind": "contradiction",
                            "code": match.code,
                            "label": value,
                            "name": ref.name(match.code),
                            "named": " / ".join(str(n) for n in match.named),
                            "where": [{"row": row, "cell": cell} for row, cell in zip(rows, cells, strict=True)],
                        }
                    )
                continue
            if match.problem == "unknown" and _CODE_LIKE.match(value) and len(value) <= limit:
                codes[value] = value  # a code the reference lacks: stored, and named by the quality report
                continue
            more = "…" if len(occurrences[value]) > ROWS_PER_VALUE else ""
            refused.append(
                _("Column %(column)s, row %(rows)s (cell %(cells)s): %(problem)s")
                % {
                    "column": name,
                    "rows": ", ".join(map(str, rows)) + more,
                    "cells": ", ".join(cells) + more,
                    "problem": match.explain(str(DimensionRole(role).label).lower()),
                }
            )
        translations.append(codes)
        names.append({code: ref.name(code) for code in codes.values() if ref.name(code)})
    if refused:
        extra = len(refused) - MAX_LISTED
        messages = [_("Nothing was stored: some names cannot be matched to a code."), *refused[:MAX_LISTED]]
        if extra > 0:
            messages.append(_("… and %(n)s more.") % {"n": extra})
        raise ValidationError(messages)
    return translations, names, contradictions


def build_table(
    header: list[str], rows: Iterable[list[str]], *, mapping: dict[str, str], value_column: str, status_column: str = ""
) -> Table:
    """Rows in ``ROW_COLUMNS`` order from the text rows of a CSV file or a sheet.

    Region, occupation, education and industry columns may hold codes, names or SCB's "code name"
    (matched against the reference, see ``classifications.matching``). A row with more or fewer fields
    than the header is read by position and reported (``Table.problems``).
    """
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
    from samverka.insight.statistics.storage import ROW_COLUMNS

    slot = {role: ROW_COLUMNS.index(role) for role in known}
    other_dims = [(i, name) for i, (name, role) in enumerate(dims) if role == DimensionRole.OTHER]
    #: per dimension: written value -> the rows it is on (the first few)
    seen: list[dict[str, list[int]]] = [{} for _ in dims]
    stored: list[list[Any]] = []
    numbers: list[int] = []
    ragged: list[dict[str, Any]] = []
    limit = max_rows()
    width = len(header)
    template: list[Any] = ["", "", None, "", "", "", "", "", "", "", "", "", None, ""]
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number - 1 > limit:
            raise _error(_("The file has more than %(max)s rows. Nothing was stored."), max=limit)
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            extra = [cell.strip() for cell in row[width:] if cell.strip()]
            ragged.append(
                {
                    "kind": "extra",
                    "fields": len(row),
                    "expected": width,
                    "extra": "; ".join(extra)[:80],
                    "where": [{"row": number, "cell": f"{column_name(width)}{number}"}],
                }
            )
        elif len(row) < width:
            ragged.append(
                {"kind": "missing", "fields": len(row), "expected": width, "where": [{"row": number, "cell": ""}]}
            )
        row = row + [""] * (width - len(row))
        out = list(template)
        codes = []
        for d, position in enumerate(positions):
            code = " ".join(row[position].split())
            if looks_like_formula(code):
                raise _error(
                    _("Cell %(cell)s reads as a formula (%(text)s) and is refused."),
                    cell=f"{column_name(position)}{number}",
                    text=code[:40],
                )
            if not code:
                raise _error(_("Cell %(cell)s is empty."), cell=f"{column_name(position)}{number}")
            places = seen[d].setdefault(code, [])
            if len(places) < ROWS_PER_VALUE + 1:
                places.append(number)
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
        stored.append(out)
        numbers.append(number)
    if not stored:
        raise _error(_("The file has no rows of data."))
    translations, label_names, contradictions = _match_names(dims, positions, seen)
    for d, (_name, role) in enumerate(dims):
        codes_of = translations[d]
        if not codes_of or role == DimensionRole.OTHER or all(k == v for k, v in codes_of.items()):
            continue
        column = slot[role]
        for out in stored:
            out[column] = codes_of[out[column]]
    dimensions = []
    for d, (name, role) in enumerate(dims):
        codes_of = translations[d]
        categories: dict[str, str] = {}
        for written in seen[d]:
            code = codes_of.get(written, written)
            categories.setdefault(code, label_names[d].get(code, code))
        pairs = list(categories.items())
        total = "00" if role == DimensionRole.REGION and "00" in categories else _total_code(pairs, {})
        dimensions.append(DimensionSpec(code=name, label=name, role=role, categories=pairs, total_code=total))
    return Table(
        dimensions=dimensions,
        rows=[tuple(out) for out in stored],
        row_numbers=numbers,
        value_column=value_column,
        problems={"structure": ragged, "labels": contradictions},
        header=header,
    )

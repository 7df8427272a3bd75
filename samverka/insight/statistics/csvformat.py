"""CSV files as Swedish Excel reads them: UTF-8 with a BOM, semicolons, decimal comma.

Every CSV the statistics, indicator and analysis pages offer is written here, so that each one
opens the same way in a Swedish spreadsheet: numbers with a decimal comma and no thousands
separator (``1234,5``), whole numbers without decimals, and text that a spreadsheet would run
as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) prefixed with
an apostrophe (OWASP "CSV injection"). Negative numbers stay numbers (``-12,5``).
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITER = ";"


def neutralise(value: Any) -> Any:
    """Text that could run as a formula gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def number(value: float | int) -> str:
    """``1234.5`` → ``"1234,5"``; ``1340.0`` → ``"1340"``."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    return str(value)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return number(value)
    return str(neutralise(str(value)))


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """The rows as a Swedish CSV file (BOM, semicolons, CRLF, decimal comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

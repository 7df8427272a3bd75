"""What a valid exported file is: a checker per format (PDF, Excel, CSV, ICS, ZIP, GeoJSON, uploads) for
``test_exports.py``; each returns the problems found and the text read."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from collections.abc import Callable

import icalendar
import openpyxl
import pypdf

# --- what a valid file is -----------------------------------------------------------------------------

#: Words that must not appear in a Swedish file: untranslated English, Python's empty values, template debris.
LEFTOVERS = re.compile(
    r"\b(None|True|False|nan|NaN|persons?|null|undefined|"
    r"January|February|March|June|July|October|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\{\{|\{%|%\(|\[object "
)
#: A number written with a decimal point (Swedish CSVs use a decimal comma).
DECIMAL_POINT = re.compile(r"^-?\d[\d ]*\.\d+$")


def leftovers(text: str) -> list[str]:
    """Each leftover word once, with a little of the text around it (to find where it comes from)."""
    found: dict[str, str] = {}
    for match in LEFTOVERS.finditer(text):
        around = " ".join(text[max(0, match.start() - 40) : match.end() + 25].split())
        found.setdefault(match.group(0), f"{match.group(0)} in “…{around}…”")
    return sorted(found.values())


def check_pdf(data: bytes, *, rendered: bool = True) -> tuple[list[str], str]:
    if not data.startswith(b"%PDF"):
        return ["not a PDF (no %PDF header)"], ""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as error:  # noqa: BLE001 (any parse failure is the finding)
        return [f"PDF does not parse: {error!r}"], ""
    problems = []
    if not reader.pages:
        problems.append("PDF has no pages")
    if not text.strip():
        problems.append("PDF has no text")
    if rendered and (words := leftovers(text)):
        problems.append(f"PDF text has leftovers {words}")
    return problems, text


def check_xlsx(data: bytes) -> tuple[list[str], str]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception as error:  # noqa: BLE001
        return [f"workbook does not open: {error!r}"], ""
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    problems = []
    if not workbook.worksheets:
        problems.append("workbook has no sheets")
    if not cells:
        problems.append("workbook is empty")
    text = "\n".join(cells)
    if words := leftovers(text):
        problems.append(f"workbook cells have leftovers {words}")
    return problems, text


def check_csv(data: bytes) -> tuple[list[str], str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"CSV is not UTF-8: {error}"], ""
    text = text.removeprefix("\ufeff")
    problems = []
    if not text.strip():
        return ["CSV is empty"], text
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=";") if any(cell.strip() for cell in row)]
    wide = [row for row in rows if len(row) > 1]
    if not wide:
        problems.append(f"CSV has no semicolon-separated row (first line: {text.splitlines()[0][:80]!r})")
    elif len({len(row) for row in wide}) > 1:
        counts = sorted({len(row) for row in wide})
        odd = next(row for row in wide if len(row) != len(wide[0]))
        problems.append(f"CSV rows have different field counts {counts} (e.g. {odd[:6]})")
    points = sorted({cell.strip() for row in rows for cell in row if DECIMAL_POINT.match(cell.strip())})
    if points:
        problems.append(f"CSV numbers with a decimal point instead of a comma: {points[:5]}")
    if words := leftovers(text):
        problems.append(f"CSV has leftovers {words}")
    return problems, text


def check_ics(data: bytes) -> tuple[list[str], str]:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # noqa: BLE001
        return [f"calendar does not parse: {error!r}"], ""
    problems = []
    if calendar.name != "VCALENDAR":
        problems.append(f"not a VCALENDAR but {calendar.name}")
    for event in calendar.walk("VEVENT"):
        missing = [key for key in ("UID", "DTSTART", "SUMMARY") if key not in event]
        if missing:
            problems.append(f"event {event.get('SUMMARY')!s} lacks {missing}")
            break
    text = data.decode("utf-8", "replace")
    if words := leftovers(text.replace("TRUE", "").replace("FALSE", "")):
        problems.append(f"calendar has leftovers {words}")
    return problems, text


def check_zip(data: bytes) -> tuple[list[str], str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        broken = archive.testzip()
    except zipfile.BadZipFile as error:
        return [f"not a zip file: {error}"], ""
    if broken:
        return [f"zip member {broken} is corrupt"], ""
    names = archive.namelist()
    problems = [] if names else ["zip file is empty"]
    texts = []
    for name in names:
        checker = {".csv": check_csv, ".pdf": check_pdf, ".xlsx": check_xlsx}.get(name[name.rfind(".") :].lower())
        if checker is not None:
            found, text = checker(archive.read(name))
            problems += [f"{name}: {problem}" for problem in found]
            texts.append(text)
    return problems, "\n".join(texts)


def check_docx(data: bytes) -> tuple[list[str], str]:
    """A Word document opens with python-docx and reads Swedish."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001
        return [f"Word document does not open: {error!r}"], ""
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(texts)
    problems = [] if text.strip() else ["Word document has no text"]
    if words := leftovers(text):
        problems.append(f"Word document has leftovers {words}")
    return problems, text


def check_geojson(data: bytes) -> tuple[list[str], str]:
    try:
        parsed = json.loads(data)
    except ValueError as error:
        return [f"GeoJSON does not parse: {error}"], ""
    if parsed.get("type") != "FeatureCollection" or not parsed.get("features"):
        return ["GeoJSON is not a non-empty FeatureCollection"], ""
    return [], ""


def check_upload(data: bytes) -> tuple[list[str], str]:
    """A file a person uploaded comes back as it was stored (a PDF still parses)."""
    if not data:
        return ["the stored file came back empty"], ""
    if data.startswith(b"%PDF"):
        return check_pdf(data, rendered=False)
    return [], ""


def check_missing(data: bytes) -> tuple[list[str], str]:
    """The page offered the file but gave no way to get it (the reason is in the request's description)."""
    return ["no file"], ""


CHECKERS: dict[str, Callable[[bytes], tuple[list[str], str]]] = {
    "missing": check_missing,
    "pdf": check_pdf,
    "xlsx": check_xlsx,
    "csv": check_csv,
    "ics": check_ics,
    "zip": check_zip,
    "docx": check_docx,
    "geojson": check_geojson,
    "upload": check_upload,
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "ics": "text/calendar",
    "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "geojson": "application/geo+json",
}


def page_message(data: bytes) -> str:
    """The error an HTML page shows, to say why no file came."""
    page = data.decode("utf-8", "replace")
    found = re.search(r'class="[^"]*(?:error|errorlist)[^"]*"[^>]*>(.*?)</(?:p|div|li|span|ul)', page, re.S)
    if not found:
        return ""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())
    return f" saying {words[:200]!r}"

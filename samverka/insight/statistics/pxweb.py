"""A client of SCB's PxWeb API 2.0 (statistikdatabasen.scb.se/api/v2).

It lists and searches tables, reads a table's metadata and codelists, and fetches data as
JSON-stat 2. It reads the API's limits from ``/config``: a selection with more cells than
``maxDataCells`` is split along its largest dimension into several calls whose answers are
merged into one dataset; no more than ``maxCallsPerTimeWindow`` calls are made per
``timeWindow`` seconds; an HTTP 429 answer is retried after ``Retry-After`` seconds or an
exponentially growing pause.

HTTP goes through a *transport*: ``transport(method, url, body, headers) -> Response``. The
default uses ``urllib.request``; tests replay SCB's recorded answers.
"""

import json
import math
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_BASE_URL = "https://statistikdatabasen.scb.se/api/v2"
USER_AGENT = "Samverka statistics import (+https://github.com/)"
TIMEOUT = 60
MAX_RETRIES = 5


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError as error:
            raise ValidationError(_("SCB answered with something that is not JSON.")) from error


Transport = Callable[[str, str, bytes | None, dict[str, str]], Response]


def urllib_transport(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
    if not url.startswith(("https://", "http://")):
        raise ValidationError(_("Only web addresses can be fetched."))
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310 - checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return Response(answer.status, answer.read(), {k.lower(): v for k, v in answer.headers.items()})
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read(), {k.lower(): v for k, v in (error.headers or {}).items()})
    except (urllib.error.URLError, TimeoutError) as error:
        raise ValidationError(_("SCB could not be reached: %(error)s") % {"error": error}) from error


@dataclass
class Limits:
    max_cells: int = 150_000
    max_calls: int = 30
    time_window: float = 10.0


@dataclass
class Variable:
    code: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    elimination: bool = False
    codelists: list[dict[str, str]] = field(default_factory=list)
    #: How SCB shows the values: ``code``, ``value`` (the label) or ``code_value``.
    show: str = ""

    def value_label(self, code: str) -> str:
        """A value as SCB's own interface shows it (``"01 Stockholms län"``, ``"män"``, ``"2026M01"``)."""
        label = str(self.labels.get(code) or code)
        if self.show == "code" or label == code:
            return code
        if self.show == "value":
            return label
        return f"{code} {label}"


@dataclass
class TableMetadata:
    table_id: str
    label: str
    updated: str
    variables: list[Variable]
    raw: dict[str, Any]

    def variable(self, code: str) -> Variable:
        for variable in self.variables:
            if variable.code == code:
                return variable
        raise ValidationError(_("Table %(table)s has no variable %(var)s.") % {"table": self.table_id, "var": code})

    @property
    def cell_count(self) -> int:
        return math.prod(len(v.codes) for v in self.variables)

    @property
    def updated_at(self) -> datetime | None:
        """``updated`` as a time (None when SCB gave none or it cannot be read)."""
        from django.utils.dateparse import parse_datetime

        try:
            return parse_datetime(self.updated)
        except ValueError:
            return None

    @property
    def time_codes(self) -> list[str]:
        """The codes of the time variable(s), from JSON-stat's ``role.time``."""
        return list((self.raw.get("role") or {}).get("time") or [])

    @property
    def notes(self) -> list[str]:
        """The table's notes (JSON-stat ``note``) as text."""
        notes = self.raw.get("note") or []
        return [str(note).strip() for note in (notes if isinstance(notes, list) else [notes]) if str(note).strip()]


@dataclass
class TableSummary:
    """A table as SCB's table list and search describe it."""

    id: str
    label: str
    first_period: str
    last_period: str
    updated: datetime | None
    time_unit: str = ""
    subject: str = ""


@dataclass
class TablePage:
    """One page of SCB's table list or search."""

    tables: list[TableSummary]
    page: int
    pages: int
    total: int


def parse_tables(answer: Any) -> TablePage:
    """The tables and paging of an answer of ``/tables``."""
    from django.utils.dateparse import parse_datetime

    if not isinstance(answer, dict) or not isinstance(answer.get("tables"), list):
        raise ValidationError(_("SCB's list of tables could not be read."))
    tables = []
    for item in answer["tables"]:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        paths = item.get("paths") or [[]]
        first_path = paths[0] if paths and isinstance(paths[0], list) else []
        try:
            updated = parse_datetime(str(item.get("updated") or ""))
        except ValueError:
            updated = None
        tables.append(
            TableSummary(
                id=str(item["id"]),
                label=str(item.get("label") or ""),
                first_period=str(item.get("firstPeriod") or ""),
                last_period=str(item.get("lastPeriod") or ""),
                updated=updated,
                time_unit=str(item.get("timeUnit") or ""),
                subject=str(first_path[0].get("label") or "") if first_path and isinstance(first_path[0], dict) else "",
            )
        )
    page = answer.get("page") or {}
    return TablePage(
        tables=tables,
        page=int(page.get("pageNumber") or 1),
        pages=int(page.get("totalPages") or 1),
        total=int(page.get("totalElements") or len(tables)),
    )


@dataclass
class Estimate:
    """How many cells a selection has and in how many calls it is fetched."""

    cells: int
    calls: int
    max_cells: int


_EXPRESSION = re.compile(r"^(TOP|BOTTOM|FROM|TO|RANGE)\((.*)\)$", re.IGNORECASE)


def resolve(codes: list[str], expressions: list[str]) -> list[str]:
    """Concrete codes (in the table's order) for value codes with ``*``, ``?``, TOP(), BOTTOM(), FROM(), TO(), RANGE()."""
    chosen: set[str] = set()
    for expression in expressions:
        match = _EXPRESSION.match(expression.strip())
        if expression == "*":
            chosen.update(codes)
        elif match:
            name, arguments = match.group(1).upper(), [a.strip() for a in match.group(2).split(",")]
            chosen.update(_apply(name, arguments, codes, expression))
        elif "*" in expression or "?" in expression:
            pattern = re.compile("^" + re.escape(expression).replace(r"\*", ".*").replace(r"\?", ".") + "$")
            chosen.update(c for c in codes if pattern.match(c))
        elif expression in codes:
            chosen.add(expression)
        else:
            raise ValidationError(_("The value code %(code)s is not in the table.") % {"code": expression})
    return [c for c in codes if c in chosen]


def _position(codes: list[str], code: str, expression: str) -> int:
    if code not in codes:
        raise ValidationError(
            _("%(expression)s names the value %(code)s, which is not in the table.")
            % {"expression": expression, "code": code}
        )
    return codes.index(code)


def _apply(name: str, arguments: list[str], codes: list[str], expression: str) -> list[str]:
    if name in ("TOP", "BOTTOM"):
        try:
            count, offset = int(arguments[0]), int(arguments[1]) if len(arguments) > 1 else 0
        except ValueError:
            raise ValidationError(_("%(expression)s needs a number.") % {"expression": expression}) from None
        # TOP gives the latest (last) values, BOTTOM the first.
        ordered = list(reversed(codes)) if name == "TOP" else codes
        return ordered[offset : offset + count]
    if name == "FROM":
        return codes[_position(codes, arguments[0], expression) :]
    if name == "TO":
        return codes[: _position(codes, arguments[0], expression) + 1]
    if len(arguments) != 2:
        raise ValidationError(_("%(expression)s needs two values.") % {"expression": expression})
    start, end = _position(codes, arguments[0], expression), _position(codes, arguments[1], expression)
    return codes[start : end + 1]


def normalise_selection(selection: Any) -> list[dict[str, Any]]:
    """``[{variableCode, valueCodes, codelist?}]`` from that list, ``{"selection": [...]}`` or ``{code: [values]}``."""
    if isinstance(selection, dict) and "selection" in selection:
        selection = selection["selection"]
    if isinstance(selection, dict):
        selection = [{"variableCode": k, "valueCodes": v if isinstance(v, list) else [v]} for k, v in selection.items()]
    if not isinstance(selection, list):
        raise ValidationError(_("The selection must be a list of variables with value codes."))
    result = []
    for item in selection:
        if not isinstance(item, dict) or not isinstance(item.get("variableCode"), str):
            raise ValidationError(_("Every selection needs a variableCode."))
        values = item.get("valueCodes", [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValidationError(
                _("The value codes of %(var)s must be a list of text.") % {"var": item["variableCode"]}
            )
        entry = {"variableCode": item["variableCode"], "valueCodes": values}
        if item.get("codelist"):
            entry["codelist"] = str(item["codelist"])
        result.append(entry)
    return result


class PxWebClient:
    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: Transport | None = None,
        lang: str = "sv",
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        max_cells: int | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.transport = transport or urllib_transport
        self.lang = lang
        self.sleep = sleep
        self.clock = clock
        self._max_cells = max_cells
        self._limits: Limits | None = None
        self._calls: deque[float] = deque()
        self.calls_made = 0

    # HTTP -------------------------------------------------------------------------------------
    def url(self, path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        query.setdefault("lang", self.lang)
        quoted = urllib.parse.quote(path, safe="/")
        return f"{self.base_url}{quoted}?{urllib.parse.urlencode(query)}"

    def data_url(self, table_id: str) -> str:
        return self.url(f"/tables/{table_id}/data", outputFormat="json-stat2")

    def _throttle(self) -> None:
        if self._limits is None:  # the /config call itself counts once the limits are known
            self._calls.append(self.clock())
            return
        window, allowed = self._limits.time_window, max(1, self._limits.max_calls)
        now = self.clock()
        while self._calls and now - self._calls[0] >= window:
            self._calls.popleft()
        if len(self._calls) >= allowed:
            self.sleep(max(0.0, window - (now - self._calls[0])))
            self._calls.popleft()
        self._calls.append(self.clock())

    def request(self, method: str, url: str, payload: Any = None) -> Response:
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(MAX_RETRIES + 1):
            self._throttle()
            self.calls_made += 1
            response = self.transport(method, url, body, headers)
            if response.status != 429:
                break
            if attempt == MAX_RETRIES:
                raise ValidationError(_("SCB keeps answering that too many calls were made; try again later."))
            self.sleep(self._retry_after(response, attempt))
        if response.status >= 400:
            raise ValidationError(
                _("SCB answered %(status)s: %(message)s")
                % {"status": response.status, "message": response.body[:300].decode("utf-8", "replace")}
            )
        return response

    @staticmethod
    def _retry_after(response: Response, attempt: int) -> float:
        header = response.headers.get("retry-after", "")
        try:
            return min(120.0, max(0.0, float(header)))
        except ValueError:
            return float(2**attempt)

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", self.url(path, **params)).json()

    # API --------------------------------------------------------------------------------------
    def limits(self) -> Limits:
        if self._limits is None:
            config = self.get("/config")
            self._limits = Limits(
                max_cells=int(config.get("maxDataCells") or Limits.max_cells),
                max_calls=int(config.get("maxCallsPerTimeWindow") or Limits.max_calls),
                time_window=float(config.get("timeWindow") or Limits.time_window),
            )
        return self._limits

    @property
    def max_cells(self) -> int:
        return self._max_cells or self.limits().max_cells

    def search(self, query: str = "", *, past_days: int | None = None, page: int = 1, page_size: int = 20) -> dict:
        """``{"tables": [{id, label, updated, firstPeriod, lastPeriod, ...}], "page": {...}}``."""
        return self.get("/tables", query=query, pastDays=past_days, pageNumber=page, pageSize=page_size)

    def tables(self, query: str = "", *, past_days: int | None = None, page: int = 1, page_size: int = 20) -> TablePage:
        """A page of the table list (or of the tables matching ``query``), parsed."""
        return parse_tables(self.search(query, past_days=past_days, page=page, page_size=page_size))

    def metadata(self, table_id: str, codelists: dict[str, str] | None = None) -> TableMetadata:
        params = {f"codelist[{k}]": v for k, v in (codelists or {}).items()}
        raw = self.get(f"/tables/{table_id}/metadata", outputFormat="json-stat2", **params)
        return parse_metadata(table_id, raw)

    def codelist(self, codelist_id: str) -> dict[str, Any]:
        return self.get(f"/codelists/{codelist_id}")

    # Data -------------------------------------------------------------------------------------
    def plan(self, table_id: str, selection: Any) -> list[list[dict[str, Any]]]:
        """The calls (each a selection with concrete codes, at most ``max_cells`` cells) a selection needs."""
        resolved, _meta = self.resolve_selection(table_id, selection)
        return split(resolved, self.max_cells)

    def resolve_selection(self, table_id: str, selection: Any) -> tuple[list[dict[str, Any]], TableMetadata]:
        """The selection with concrete codes in the table's order (expressions applied), and the metadata."""
        wanted = normalise_selection(selection)
        codelists = {item["variableCode"]: item["codelist"] for item in wanted if item.get("codelist")}
        meta = self.metadata(table_id, codelists)
        return resolve_against(meta, wanted), meta

    def fetch_data(self, table_id: str, selection: Any, progress: Callable[[int, int], None] | None = None) -> dict:
        """The JSON-stat 2 dataset for a selection, fetched in as many calls as needed and merged."""
        resolved, _meta = self.resolve_selection(table_id, selection)
        total_calls = len(split(resolved, self.max_cells))
        url = self.data_url(table_id)
        done = [0]

        def fetch(part: list[dict[str, Any]]) -> dict:
            if cells(part) > self.max_cells:
                return merge([fetch(piece) for piece in split_once(part, self.max_cells)])
            answer = self.request("POST", url, {"selection": part}).json()
            done[0] += 1
            if progress is not None:
                progress(done[0], total_calls)
            return answer

        return fetch(resolved)


def resolve_against(meta: TableMetadata, selection: Any) -> list[dict[str, Any]]:
    """The selection with concrete codes in the table's order, resolved against metadata already read."""
    wanted = normalise_selection(selection)
    by_code = {item["variableCode"]: item for item in wanted}
    for code in by_code:
        meta.variable(code)  # names an unknown variable
    resolved: list[dict[str, Any]] = []
    for variable in meta.variables:
        item = by_code.get(variable.code)
        if item is None:
            if variable.elimination:
                continue
            raise ValidationError(_("Select values for %(var)s.") % {"var": variable.code})
        codes = resolve(variable.codes, item["valueCodes"] or ["*"])
        if not codes:
            raise ValidationError(_("The selection of %(var)s gives no values.") % {"var": variable.code})
        entry = {"variableCode": variable.code, "valueCodes": codes}
        if item.get("codelist"):
            entry["codelist"] = item["codelist"]
        resolved.append(entry)
    return resolved


def parse_metadata(table_id: str, raw: Any) -> TableMetadata:
    if not isinstance(raw, dict) or not isinstance(raw.get("dimension"), dict) or not isinstance(raw.get("id"), list):
        raise ValidationError(_("The metadata of %(table)s is not JSON-stat.") % {"table": table_id})
    variables = []
    for code in raw["id"]:
        dim = raw["dimension"].get(code) or {}
        category = dim.get("category") or {}
        index = category.get("index") or {}
        codes = list(index) if isinstance(index, list) else sorted(index, key=index.get)
        extension = dim.get("extension") or {}
        variables.append(
            Variable(
                code=code,
                label=str(dim.get("label") or code),
                codes=codes,
                labels=category.get("label") or {},
                elimination=bool(extension.get("elimination")),
                codelists=[
                    {"id": c.get("id", ""), "label": c.get("label", ""), "type": c.get("type", "")}
                    for c in extension.get("codelists") or []
                ],
                show=str(extension.get("show") or ""),
            )
        )
    px = (raw.get("extension") or {}).get("px") or {}
    return TableMetadata(
        table_id=str(px.get("tableid") or table_id),
        label=str(raw.get("label") or ""),
        updated=str(raw.get("updated") or ""),
        variables=variables,
        raw=raw,
    )


def cells(selection: list[dict[str, Any]]) -> int:
    return math.prod(len(item["valueCodes"]) for item in selection)


def estimate(resolved: list[dict[str, Any]], max_cells: int) -> Estimate:
    """Cells of a resolved selection and the number of calls :func:`split` makes of it."""
    return Estimate(cells=cells(resolved), calls=len(split(resolved, max_cells)), max_cells=max_cells)


def split_once(selection: list[dict[str, Any]], max_cells: int) -> list[list[dict[str, Any]]]:
    """Split a too large selection along its largest dimension (the parts may still be too large)."""
    position = max(range(len(selection)), key=lambda i: len(selection[i]["valueCodes"]))
    codes = selection[position]["valueCodes"]
    if len(codes) <= 1:
        raise ValidationError(_("The selection cannot be split to fit the API's limit of cells per call."))
    rest = cells(selection) // len(codes)
    per_call = max(1, max_cells // rest) if rest <= max_cells else 1
    parts = []
    for start in range(0, len(codes), per_call):
        part = [dict(item) for item in selection]
        part[position]["valueCodes"] = codes[start : start + per_call]
        parts.append(part)
    return parts


def split(selection: list[dict[str, Any]], max_cells: int) -> list[list[dict[str, Any]]]:
    """Every call a selection needs, each at most ``max_cells`` cells, in the order of the cube."""
    if cells(selection) <= max_cells:
        return [selection]
    return [leaf for part in split_once(selection, max_cells) for leaf in split(part, max_cells)]


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One JSON-stat 2 dataset from answers that differ in the categories of one dimension."""
    if len(parts) == 1:
        return parts[0]
    from samverka.insight.statistics import jsonstat

    parsed = [jsonstat.parse(part) for part in parts]
    ids = [d.code for d in parsed[0].dimensions]
    for other in parsed[1:]:
        if [d.code for d in other.dimensions] != ids:
            raise ValidationError(_("The answers of the split calls have different dimensions."))
    differing = [
        i for i in range(len(ids)) if any(p.dimensions[i].codes != parsed[0].dimensions[i].codes for p in parsed[1:])
    ]
    if len(differing) > 1:
        # Parts split along different dimensions: merge them pairwise in order of the split.
        raise ValidationError(_("The answers of the split calls cannot be merged."))
    axis = differing[0] if differing else 0
    before = math.prod(parsed[0].size[:axis])
    values: list[Any] = []
    statuses: list[str] = []
    blocks = [len(p.values) // before for p in parsed]
    for outer in range(before):
        for part, block in zip(parsed, blocks, strict=True):
            values.extend(part.values[outer * block : (outer + 1) * block])
            if isinstance(part.statuses, list):
                statuses.extend(part.statuses[outer * block : (outer + 1) * block])
            else:
                statuses.extend([part.statuses] * block)
    merged = json.loads(json.dumps(parts[0]))
    dimension = merged["dimension"][ids[axis]]
    categories = [c for p in parsed for c in p.dimensions[axis].categories]
    dimension["category"]["index"] = [c for c, _label in categories]
    dimension["category"]["label"] = dict(categories)
    merged["size"][axis] = len(categories)
    merged["value"] = values
    if any(statuses):
        merged["status"] = {str(i): s for i, s in enumerate(statuses) if s}
    else:
        merged.pop("status", None)
    return merged


def client_from_settings() -> PxWebClient:
    """A client for ``STATISTICS_PXWEB_BASE_URL``; ``STATISTICS_PXWEB_TRANSPORT`` (a dotted path to a
    class or function returning a transport) replaces HTTP, e.g. to replay recorded answers."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    base_url = getattr(settings, "STATISTICS_PXWEB_BASE_URL", DEFAULT_BASE_URL)
    transport_path = getattr(settings, "STATISTICS_PXWEB_TRANSPORT", "")
    transport = import_string(transport_path)() if transport_path else None
    return PxWebClient(base_url, transport=transport)

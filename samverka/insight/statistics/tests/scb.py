"""SCB's PxWeb API 2.0, replayed from the recorded answers in ``statistics/data/scb/`` (no network)."""

import json
import math
import urllib.parse
from itertools import product
from typing import Any

from samverka.insight.statistics.pxweb import PxWebClient, Response
from samverka.insight.statistics.tests.factories import FIXTURES

BASE = "https://statistikdatabasen.scb.se/api/v2"


def recorded(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def subset(dataset: dict[str, Any], wanted: dict[str, list[str]]) -> dict[str, Any]:
    """The part of a recorded JSON-stat answer that a selection asks for (what SCB would answer)."""
    ids, sizes = dataset["id"], dataset["size"]
    orders = []
    for code in ids:
        index = dataset["dimension"][code]["category"]["index"]
        orders.append(list(index) if isinstance(index, list) else sorted(index, key=index.get))
    chosen = [wanted.get(code, order) for code, order in zip(ids, orders, strict=True)]
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    values = []
    for combo in product(*[[order.index(c) for c in codes] for order, codes in zip(orders, chosen, strict=True)]):
        values.append(dataset["value"][sum(i * s for i, s in zip(combo, strides, strict=True))])
    answer = json.loads(json.dumps(dataset))
    for code, codes in zip(ids, chosen, strict=True):
        category = answer["dimension"][code]["category"]
        category["index"] = {c: i for i, c in enumerate(codes)}
        category["label"] = {c: category["label"][c] for c in codes}
    answer["size"] = [len(codes) for codes in chosen]
    answer["value"] = values
    return answer


class FakeScb:
    """A transport answering like SCB from the recordings; it keeps every request it got."""

    def __init__(self, *, too_many: int = 0, retry_after: str | None = "2") -> None:
        self.requests: list[tuple[str, str, Any]] = []
        self.times: list[float] = []
        self.clock: Any = None
        self.too_many = too_many
        self.retry_after = retry_after

    def __call__(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        parsed = urllib.parse.urlparse(url)
        path = urllib.parse.unquote(parsed.path.removeprefix("/api/v2"))
        params = dict(urllib.parse.parse_qsl(parsed.query))
        payload = json.loads(body) if body else None
        self.requests.append((method, path, payload))
        if self.clock is not None:
            self.times.append(self.clock())
        if self.too_many:
            self.too_many -= 1
            return Response(429, b"Too many requests", {"retry-after": self.retry_after} if self.retry_after else {})
        if path == "/config":
            return self.ok(recorded("config.json"))
        if path == "/tables":
            name = "tables_search_befolkning.json" if params.get("query") == "befolkning" else "tables.json"
            return self.ok(recorded(name))
        if path == "/tables/TAB6471/metadata":
            return self.ok(recorded("TAB6471_metadata.jsonstat2.json"))
        if path == "/codelists/agg_Ålder10årJ":
            return self.ok(recorded("codelist_agg_Alder10arJ.json"))
        if path == "/tables/TAB6471/data" and method == "POST":
            wanted = {item["variableCode"]: item["valueCodes"] for item in payload["selection"]}
            try:
                return self.ok(subset(recorded("TAB6471_data.jsonstat2.json"), wanted))
            except (ValueError, KeyError):
                return Response(400, b'{"title": "Bad request: not in the recorded answer"}')
        return Response(404, b'{"title": "Not found"}')

    @staticmethod
    def ok(data: Any) -> Response:
        return Response(200, json.dumps(data).encode(), {"content-type": "application/json"})

    @property
    def data_calls(self) -> list[Any]:
        return [payload for method, path, payload in self.requests if method == "POST"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def client(fake: FakeScb | None = None, **extra: Any) -> tuple[PxWebClient, FakeScb, FakeClock]:
    fake = fake or FakeScb()
    clock = FakeClock()
    fake.clock = clock
    return PxWebClient(BASE, transport=fake, sleep=clock.sleep, clock=clock, **extra), fake, clock

"""What the benchmark scripts share: timing a page with the Django test client.

Imported by the scripts after ``django.setup()``.
"""

import statistics
import time
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def percentile(timings: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted timings fall (nearest rank)."""
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(timings: list[float]) -> dict[str, float]:
    """Median and p95 of timings in ms."""
    return {"median": statistics.median(timings), "p95": percentile(timings, 0.95)}


def measure(client: Client, url: str, *, requests: int, warmup: int = 3) -> dict[str, Any]:
    """Median and p95 server time in ms and the query count; status when the page does not answer 200."""
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            return {"status": response.status_code}
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the next request resets the connection's query log
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {"status": 200, **summary(timings), "queries": queries}

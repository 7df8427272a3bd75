"""A bounded load generator: requests per second of one page against a server on loopback.

Threads with keep-alive ``http.client`` connections send GET requests for a
fixed duration and count the answers. Only loopback addresses are accepted,
and every run stops by itself after ``--duration`` seconds.

    python benchmarks/load.py --port 8123 --path /organisations/ --path /healthz/ [--concurrency 8] [--duration 10]
"""

import argparse
import http.client
import ipaddress
import json
import socket
import sys
import threading
import time
from typing import Any


def _loopback(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
    except (OSError, ValueError):
        return False


def run(host: str, port: int, path: str, *, concurrency: int, duration: float) -> dict[str, Any]:
    """Hammer ``path`` with ``concurrency`` threads for ``duration`` seconds; return the counts and latencies."""
    deadline = time.monotonic() + duration
    lock = threading.Lock()
    results: dict[str, Any] = {"ok": 0, "errors": 0, "statuses": {}, "latencies": []}

    def worker() -> None:
        ok = errors = 0
        statuses: dict[int, int] = {}
        latencies: list[float] = []
        connection = http.client.HTTPConnection(host, port, timeout=30)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1", "Connection": "keep-alive"})
                response = connection.getresponse()
                response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if response.status == 200:
                    ok += 1
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    errors += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = http.client.HTTPConnection(host, port, timeout=30)
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.close()
        with lock:
            results["ok"] += ok
            results["errors"] += errors
            results["latencies"] += latencies
            for status, count in statuses.items():
                results["statuses"][status] = results["statuses"].get(status, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 60)
    elapsed = time.monotonic() - started
    latencies = sorted(results.pop("latencies"))
    median = latencies[len(latencies) // 2] if latencies else 0.0
    return {
        "path": path,
        "seconds": round(elapsed, 2),
        "requests_ok": results["ok"],
        "errors": results["errors"],
        "statuses": results["statuses"],
        "rps": results["ok"] / elapsed if elapsed else 0.0,
        "median_ms": median,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", action="append", required=True, help="Measured one after the other.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--label", default="")
    parser.add_argument("--json", help="Append the results to this JSON-lines file.")
    args = parser.parse_args()
    if not _loopback(args.host):
        print(f"Refusing to load {args.host}: only loopback addresses are allowed.", file=sys.stderr)
        return 2
    if not 1 <= args.concurrency <= 64 or not 0 < args.duration <= 60:
        print("Concurrency must be 1–64 and duration at most 60 s.", file=sys.stderr)
        return 2
    measured = []
    for path in args.path:
        result = run(args.host, args.port, path, concurrency=args.concurrency, duration=args.duration)
        result["label"] = args.label
        measured.append(result)
        print(
            f"{args.label:10} {path:32} {result['rps']:8.1f} req/s  median {result['median_ms']:7.1f} ms  "
            f"({result['requests_ok']} ok, {result['errors']} errors in {result['seconds']} s, "
            f"{args.concurrency} concurrent)"
        )
    if len(measured) >= 2 and measured[1]["rps"]:
        ratio = measured[0]["rps"] / measured[1]["rps"]
        print(f"{args.label:10} {measured[0]['path']} runs at {ratio:.1%} of {measured[1]['path']}'s requests/s")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for result in measured:
                fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

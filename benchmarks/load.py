"""A bounded load generator: requests per second of pages against servers on loopback.

Threads with keep-alive ``http.client`` connections send GET requests for a
fixed duration and count the answers. Only loopback addresses are accepted,
and every run stops by itself after ``--duration`` seconds.

* ``--path P``: requests/s of P on ``--port`` (the real app).
* ``--pair P`` (with ``--minimal-port``): requests/s of P on the real app and on the minimal views
  (benchmarks/minimal_wsgi.py), one after the other, and the real page's share of the minimal
  view's requests/s (target ≥ 30 %).
* ``--memory-pid MASTER --mix P ...``: a gunicorn worker's resident memory (RSS, from psutil when
  installed, else /proc/<pid>/status VmRSS) after 250 and after 1,000 requests spread over the
  ``--mix`` pages (target: within 10 %); every worker of the master is read, the largest growth counts.

    python benchmarks/load.py --port 8123 --path /organisations/ --path /healthz/ [--concurrency 8] [--duration 10]
    python benchmarks/load.py --port 8123 --minimal-port 8124 --pair /organisations/ --pair /s/x/diary/
    python benchmarks/load.py --port 8123 --memory-pid 4711 --mix /organisations/ --mix /s/x/diary/
"""

import argparse
import http.client
import ipaddress
import json
import os
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


def run(host: str, port: int, path: str, *, concurrency: int, duration: float, warmup: int = 0) -> dict[str, Any]:
    """Hammer ``path`` with ``concurrency`` threads for ``duration`` seconds (after ``warmup`` requests
    per thread, not counted: every worker process has loaded the page once); the counts and latencies."""
    if warmup:
        send_mix(host, port, [path], warmup * concurrency, concurrency=concurrency)
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


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB."""
    try:
        import psutil  # noqa: PLC0415  (optional)

        return psutil.Process(pid).memory_info().rss // 1024
    except ImportError:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    """The worker processes of a gunicorn master."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def send_mix(host: str, port: int, paths: list[str], count: int, *, concurrency: int = 2) -> dict[int, int]:
    """Send ``count`` GET requests, cycling through ``paths``, over ``concurrency`` connections; the statuses."""
    lock = threading.Lock()
    todo = iter(range(count))
    statuses: dict[int, int] = {}

    def worker() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=60)
        while True:
            with lock:
                n = next(todo, None)
            if n is None:
                break
            try:
                connection.request("GET", paths[n % len(paths)], headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def memory(host: str, port: int, master: int, paths: list[str], label: str) -> list[dict[str, Any]]:
    """Worker RSS after 250 and after 1,000 mixed requests; one figure row (the largest growth)."""
    workers = children(master)
    if not workers:
        print(f"{label:10} no workers under pid {master}", file=sys.stderr)
        return []
    first = send_mix(host, port, paths, 250)
    after_250 = {pid: rss_kib(pid) for pid in workers}
    second = send_mix(host, port, paths, 750)
    after_1000 = {pid: rss_kib(pid) for pid in workers}
    statuses = {s: first.get(s, 0) + second.get(s, 0) for s in {*first, *second}}
    growth = {pid: (after_1000[pid] - after_250[pid]) / after_250[pid] * 100 for pid in workers}
    worst = max(growth, key=lambda pid: abs(growth[pid]))
    ok = abs(growth[worst]) <= 10
    for pid in workers:
        print(
            f"{label:10} worker {pid}: RSS {after_250[pid] / 1024:.1f} MiB after 250 requests, "
            f"{after_1000[pid] / 1024:.1f} MiB after 1,000 ({growth[pid]:+.1f} %)"
        )
    print(
        f"{label:10} memory: largest change {growth[worst]:+.1f} % (target within 10 %): {'✔' if ok else '✖'}  "
        f"(statuses {statuses}, {len(paths)} pages mixed)"
    )
    return [
        {
            "figure": "gunicorn worker RSS 250 → 1,000 requests",
            "label": label,
            "backend": label,
            "value": growth[worst],
            "unit": "%",
            "target": "within ±10 %",
            "ok": ok,
            "note": f"{after_250[worst] / 1024:.1f} → {after_1000[worst] / 1024:.1f} MiB (worker {worst})",
            "rss_250_kib": after_250,
            "rss_1000_kib": after_1000,
            "statuses": statuses,
        }
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", action="append", default=[], help="Measured one after the other.")
    parser.add_argument("--minimal-port", type=int, help="The minimal views (benchmarks/minimal_wsgi.py).")
    parser.add_argument("--pair", action="append", default=[], help="A page measured on both servers.")
    parser.add_argument("--share-target", type=float, default=30.0, help="Real page's req/s in %% of the minimal's.")
    parser.add_argument("--memory-pid", type=int, help="The gunicorn master whose workers' memory is read.")
    parser.add_argument("--mix", action="append", default=[], help="A page of the mixed requests for --memory-pid.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=int, default=2, help="Requests per thread before the timing.")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", help="Append the results to this JSON-lines file.")
    args = parser.parse_args()
    if not _loopback(args.host):
        print(f"Refusing to load {args.host}: only loopback addresses are allowed.", file=sys.stderr)
        return 2
    if not 1 <= args.concurrency <= 64 or not 0 < args.duration <= 60:
        print("Concurrency must be 1–64 and duration at most 60 s.", file=sys.stderr)
        return 2
    measured: list[dict[str, Any]] = []

    def measure(port: int, path: str, server: str) -> dict[str, Any]:
        result = run(args.host, port, path, concurrency=args.concurrency, duration=args.duration, warmup=args.warmup)
        result.update(label=args.label, backend=args.label, server=server)
        print(
            f"{args.label:10} {server:7} {path:40} {result['rps']:8.1f} req/s  median {result['median_ms']:7.1f} ms  "
            f"({result['requests_ok']} ok, {result['errors']} errors in {result['seconds']} s, "
            f"{args.concurrency} concurrent)"
        )
        return result

    for path in args.path:
        if path not in args.pair:  # a paired page is measured with its minimal view below
            measured.append(measure(args.port, path, "real"))
    if args.pair and not args.minimal_port:
        parser.error("--pair needs --minimal-port")
    for path in args.pair:
        real = measure(args.port, path, "real")
        minimal = measure(args.minimal_port, path, "minimal")
        minimal["path"] = f"{path} (minimal view)"
        share = real["rps"] / minimal["rps"] * 100 if minimal["rps"] and not real["errors"] else None
        ok = share is not None and share >= args.share_target
        shown = f"{share:.1f} %" if share is not None else "n/a (errors or no answers)"
        print(
            f"{args.label:10} {path}: real {real['rps']:.1f} req/s = {shown} of the minimal view's "
            f"{minimal['rps']:.1f} req/s (target ≥ {args.share_target:g} %): {'✔' if ok else '✖'}"
        )
        measured += [real, minimal]
        measured.append(
            {
                "figure": f"share of minimal view: {path}",
                "label": args.label,
                "backend": args.label,
                "value": share,
                "unit": "%",
                "target": f"≥ {args.share_target:g} %",
                "ok": ok,
                "note": f"{real['rps']:.1f} / {minimal['rps']:.1f} req/s",
            }
        )
    rps_of = {r["path"]: r["rps"] for r in measured if r.get("server") == "real"}
    if len(args.path) >= 2 and rps_of.get(args.path[0]) is not None and rps_of.get(args.path[1]):
        ratio = rps_of[args.path[0]] / rps_of[args.path[1]]
        print(f"{args.label:10} {args.path[0]} runs at {ratio:.1%} of {args.path[1]}'s requests/s")
    if args.memory_pid:
        measured += memory(args.host, args.port, args.memory_pid, args.mix or args.path or args.pair, args.label)
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for result in measured:
                fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

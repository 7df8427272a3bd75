"""The results of ``make bench``: JSON lines, and the figures, targets and ✔/✖ read from them.

Every benchmark script appends its rows to a JSON-lines file (``--json``). ``scripts/bench.sh`` runs
each script as a *step* writing into a file of its own, then merges it into
``var/bench/results-<time>.jsonl`` with this module (``merge``), adding to every row the run id, the
git commit, the scale of the data and the step's name, and one row for the step itself with its exit
code and duration. A script exits non-zero only when it crashed; a missed target is a ✖ in the
figures, never an exit code.

:func:`figures` turns the rows of a run into ``Figure`` rows (what, backend, value, unit, target,
met?): the summary table of ``make bench`` (``python benchmarks/results.py summary FILE``) and
``benchmarks/compare.py`` both read them. Rows a script writes as ``{"figure": ..., "value": ...,
"target": ..., "ok": ...}`` are taken as they are; the older row shapes of each script are read here.
Needs no Django.

    python benchmarks/results.py merge --step NAME --rc 0 --seconds 12 --scale 1.0 STEP_FILE RESULTS_FILE
    python benchmarks/results.py summary RESULTS_FILE     # exit 1 when a step crashed
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MET, MISSED = "✔", "✖"

#: Key pages' p95 on PostgreSQL at national scale (issue 20, must 4).
PAGE_P95_MS = 100.0
#: Ratio of server time from the smaller to the larger scale (issue 20, must 2).
GROWTH_MAX = 1.3


def mark(ok: bool | None) -> str:
    return "" if ok is None else (MET if ok else MISSED)


def figure_row(figure: str, backend: str, value: float, unit: str, target: str, ok: bool | None, **extra: Any) -> dict:
    """A row in the generic shape, for scripts that report a figure against a target."""
    return {"figure": figure, "backend": backend, "value": value, "unit": unit, "target": target, "ok": ok, **extra}


def read(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    continue  # a step killed while writing: keep the rest
    return rows


@dataclass
class Figure:
    name: str
    backend: str
    value: float | None
    unit: str
    target: str = ""
    ok: bool | None = None
    note: str = ""
    step: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.backend)

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        if self.unit == "%":
            return f"{self.value:.1f} %"
        if self.unit == "x":
            return f"x{self.value:.2f}"
        if abs(self.value) >= 1000:
            return f"{self.value:,.0f} {self.unit}".strip()
        return f"{self.value:.1f} {self.unit}".strip()


def _scale_label(row: dict[str, Any], scales: list[float]) -> str:
    """ " @0.3" on rows of the smaller data when the run measured more than one scale."""
    scale = row.get("scale")
    if scale is None or len(scales) < 2 or float(scale) == max(scales):
        return ""
    return f" @{scale}"


def _timed(name: str, backend: str, row: dict[str, Any], *, target_ms: float | None, pg_only: bool) -> list[Figure]:
    """p95 (and the query count) of a row measured with ``timing.measure``."""
    if row.get("status", 200) != 200:
        return [Figure(name, backend, None, "ms", note=f"HTTP {row.get('status') or 'no URL'}")]
    applies = target_ms is not None and (not pg_only or backend == "postgresql")
    target = f"p95 ≤ {target_ms:g} ms" if applies else ""
    ok = row["p95"] <= target_ms if applies else None
    note = f"median {row['median']:.1f} ms" + (f", {row['queries']} queries" if "queries" in row else "")
    return [Figure(name, backend, row["p95"], "ms", target, ok, note)]


def figures(rows: Iterable[dict[str, Any]]) -> list[Figure]:
    """Every measured figure of a run, with its target and whether it was met."""
    rows = list(rows)
    scales = sorted({float(r["scale"]) for r in rows if r.get("scale") is not None})
    out: list[Figure] = []
    for r in rows:
        backend = r.get("backend") or r.get("label") or ""
        at = _scale_label(r, scales)
        first = len(out)
        if "figure" in r:
            out.append(
                Figure(
                    r["figure"] + at,
                    backend,
                    r.get("value"),
                    r.get("unit", ""),
                    r.get("target", ""),
                    r.get("ok"),
                    r.get("note", ""),
                )
            )
        elif "step" in r and "rc" in r:
            continue
        elif "invitation" in r:
            out.append(
                Figure(
                    f"invitation to {r['invitation']} members: queued",
                    backend,
                    r["queue_s"],
                    "s",
                    "< 2 s",
                    r["queue_s"] < 2,
                    f"{r['queries']} queries",
                )
            )
            out.append(
                Figure(
                    f"invitation to {r['invitation']} members: sent",
                    backend,
                    r["send_s"],
                    "s",
                    f"all {r['invitation']} received",
                    r["received"] == r["invitation"] == r.get("queued", r["invitation"]),
                    f"{r['received']} received",
                )
            )
        elif "registering" in r:
            out += _timed("registering a document with a PDF", backend, r, target_ms=200, pg_only=False)
        elif "pdf_s" in r:
            out += _timed(f"{r['page']} ({r['user']})", backend, r, target_ms=150, pg_only=False)
            out.append(Figure("status round PDF", backend, r["pdf_s"], "s", "< 5 s", r["pdf_s"] < 5))
            out.append(Figure("status round Excel", backend, r["xlsx_s"], "s"))
        elif r.get("benchmark") == "catalogue_import":
            out.append(
                Figure(
                    "EMIL3 import",
                    backend,
                    r["import_offerings_per_s"],
                    "offerings/s",
                    f"≥ {r['target_offerings_per_s']:,}",
                    r["import_offerings_per_s"] >= r["target_offerings_per_s"],
                )
            )
            out.append(Figure("EMIL3 re-import", backend, r["reimport_offerings_per_s"], "offerings/s"))
        elif r.get("benchmark") == "statistics_import":
            out.append(
                Figure(
                    "JSON-stat import (parse+store)",
                    backend,
                    r["parse_store_cells_per_s"],
                    "cells/s",
                    f"≥ {r['target_cells_per_s']:,}",
                    r["parse_store_cells_per_s"] >= r["target_cells_per_s"],
                )
            )
            out.append(
                Figure(
                    "JSON-stat store 150,000 cells",
                    backend,
                    r["store_150k_s"],
                    "s",
                    f"< {r['target_store_s']:g} s",
                    r["store_150k_s"] < r["target_store_s"],
                )
            )
            if "import_with_quality_report_cells_per_s" in r:
                out.append(
                    Figure(
                        "JSON-stat whole import",
                        backend,
                        r["import_with_quality_report_cells_per_s"],
                        "cells/s",
                        f"≥ {r['target_cells_per_s']:,}",
                        r["import_with_quality_report_cells_per_s"] >= r["target_cells_per_s"],
                    )
                )
            else:
                out.append(Figure("JSON-stat whole import", backend, r["import_with_quality_report_s"], "s"))
        elif "catalogue_search" in r:
            out += _timed(
                f"education search {r['catalogue_search']} ({r['size']})",
                backend,
                r,
                target_ms=PAGE_P95_MS,
                pg_only=True,
            )
        elif "catalogue_coverage" in r:
            out += _timed(f"coverage matrix {r['catalogue_coverage']}", backend, r, target_ms=150, pg_only=False)
        elif "orders_bench" in r:
            out += _timed(f"{r['orders_bench']} ({r['size']})", backend, r, target_ms=150, pg_only=False)
        elif "myh_report" in r:
            out += _timed("MYH report draft", backend, r, target_ms=5000, pg_only=False)
        elif "indicator" in r:
            out += _timed(f"indicator: {r['indicator']}", backend, r, target_ms=300, pg_only=False)
        elif "page" in r:
            out += _timed(f"{r['page']} ({r.get('user', '')}){at}", backend, r, target_ms=PAGE_P95_MS, pg_only=True)
        elif "rps" in r:
            out.append(Figure(f"req/s {r['path']}", backend, r["rps"], "req/s", note=f"median {r['median_ms']:.1f} ms"))
        for f in out[first:]:
            f.step = r.get("step", "")
    out += growth(rows)
    # The same page measured by two steps (pages.py and registry.py both time the diary): name the step.
    seen: dict[tuple[str, str], int] = {}
    for f in out:
        seen[f.key] = seen.get(f.key, 0) + 1
    for f in out:
        if seen[f.key] > 1 and f.step:
            f.name = f"{f.name} [{f.step}]"
    return out


def growth(rows: list[dict[str, Any]]) -> list[Figure]:
    """Per key page (benchmarks/pages.py rows), the ratio of the median server time at the largest
    scale to that at the smallest: the page should not grow with the data (≤ 1.3)."""
    out = []
    paged = [r for r in rows if "page" in r and r.get("scale") is not None and r.get("step", "").startswith("pages")]
    scales = sorted({float(r["scale"]) for r in paged})
    if len(scales) < 2:
        return out
    small, large = scales[0], scales[-1]
    by_key: dict[tuple, dict[float, dict]] = {}
    for r in paged:
        by_key.setdefault((r["page"], r.get("user", ""), r["backend"]), {})[float(r["scale"])] = r
    for (page, user, backend), at in by_key.items():
        a, b = at.get(small), at.get(large)
        name = f"growth {small:g}→{large:g}: {page} ({user})"
        if not a or not b or a.get("status") != 200 or b.get("status") != 200:
            out.append(Figure(name, backend, None, "x", f"≤ {GROWTH_MAX}", None, "not measured at both scales"))
            continue
        ratio = b["median"] / a["median"] if a["median"] else None
        out.append(
            Figure(
                name,
                backend,
                ratio,
                "x",
                f"median ≤ x{GROWTH_MAX}",
                ratio is not None and ratio <= GROWTH_MAX,
                f"{a['median']:.1f} → {b['median']:.1f} ms",
            )
        )
    return out


def steps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if "step" in r and "rc" in r and "page" not in r and "figure" not in r]


def print_summary(path: str | Path) -> int:
    rows = read(path)
    meta = next((r for r in rows if "run" in r), {})
    print(f"run {meta.get('run', '?')}, commit {meta.get('commit', '?')}, scales {meta.get('scales', '?')}")
    found = figures(rows)
    width = max([len(f.name) for f in found] + [20])
    print(f"{'figure':{width}} | {'backend':10} | {'value':>16} | {'target':20} |   | note")
    print("-" * (width + 80))
    for f in found:
        print(f"{f.name:{width}} | {f.backend:10} | {f.shown():>16} | {f.target:20} | {mark(f.ok):1} | {f.note}")
    judged = [f for f in found if f.ok is not None]
    print(
        f"{sum(1 for f in judged if f.ok)} of {len(judged)} targets met ({MET}), "
        f"{sum(1 for f in judged if not f.ok)} missed ({MISSED}); {len(found) - len(judged)} figures without a target"
    )
    crashed = [s for s in steps(rows) if s["rc"] != 0]
    print()
    print(f"{'step':45} | {'backend':10} | {'scale':>5} | {'seconds':>7} | exit")
    for s in steps(rows):
        print(
            f"{s['step']:45} | {s.get('backend', ''):10} | {s.get('scale', '')!s:>5} | {s.get('seconds', 0):7.0f} | "
            f"{s['rc']}{'  CRASHED' if s['rc'] else ''}"
        )
    if crashed:
        print(f"{len(crashed)} step(s) crashed: " + ", ".join(s["step"] for s in crashed))
    return 1 if crashed else 0


def merge(args: argparse.Namespace) -> int:
    """Append a step's rows to the run's file with the run's id, commit and scale, then the step's own row."""
    extra = {"run": args.run, "commit": args.commit, "step": args.step}
    if args.scale:
        extra["scale"] = float(args.scale)
    rows = read(args.step_file) if Path(args.step_file).exists() else []
    with open(args.results, "a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({**row, **{k: v for k, v in extra.items() if k not in row}}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({**extra, "backend": args.backend, "rc": args.rc, "seconds": args.seconds}) + "\n")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("merge")
    m.add_argument("--step", required=True)
    m.add_argument("--rc", type=int, required=True)
    m.add_argument("--seconds", type=float, default=0.0)
    m.add_argument("--scale", default="")
    m.add_argument("--backend", default="")
    m.add_argument("--run", default="")
    m.add_argument("--commit", default="")
    m.add_argument("step_file")
    m.add_argument("results")
    s = sub.add_parser("summary")
    s.add_argument("results")
    args = parser.parse_args()
    if args.command == "merge":
        return merge(args)
    return print_summary(args.results)


if __name__ == "__main__":
    sys.exit(main())

"""Two runs of ``make bench`` side by side: every figure of both, and the change in %.

Without arguments it compares the two newest ``var/bench/results-*.jsonl`` (older first); or give
two files. A figure measured in only one of the runs shows "–" for the other.

    python benchmarks/compare.py [OLDER.jsonl NEWER.jsonl]
"""

import argparse
import sys
from pathlib import Path

from results import figures, mark, read  # benchmarks/results.py

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="two results files, older first")
    args = parser.parse_args()
    if len(args.files) == 2:
        older, newer = (Path(f) for f in args.files)
    elif not args.files:
        found = sorted((ROOT / "var" / "bench").glob("results-*.jsonl"), key=lambda p: p.stat().st_mtime)
        if len(found) < 2:
            print("Need two runs of `make bench` in var/bench/ (or give two files).", file=sys.stderr)
            return 2
        older, newer = found[-2], found[-1]
    else:
        parser.error("give two files or none")
    runs = []
    for path in (older, newer):
        rows = read(path)
        meta = next((r for r in rows if "run" in r), {})
        runs.append(({f.key: f for f in figures(rows)}, meta))
        print(
            f"{'A' if len(runs) == 1 else 'B'}: {path.name}  run {meta.get('run', '?')}, "
            f"commit {meta.get('commit', '?')}, scales {meta.get('scales', meta.get('scale', '?'))}"
        )
    (a, _), (b, _) = runs
    keys = list(dict.fromkeys([*a, *b]))
    width = max([len(k[0]) for k in keys] + [20])
    print(f"{'figure':{width}} | {'backend':10} | {'A':>16} |   | {'B':>16} |   | {'change':>8}")
    print("-" * (width + 75))
    for key in keys:
        fa, fb = a.get(key), b.get(key)
        change = ""
        if fa and fb and fa.value and fb.value is not None:
            change = f"{(fb.value - fa.value) / fa.value:+.1%}"
        print(
            f"{key[0]:{width}} | {key[1]:10} | {fa.shown() if fa else '–':>16} | {mark(fa.ok) if fa else ' ':1} | "
            f"{fb.shown() if fb else '–':>16} | {mark(fb.ok) if fb else ' ':1} | {change:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score an engine on every gold set kg carries, side by side (micro P, R, F1 per set).

    python3 bench/gold_sets.py [--engine rules|parse] [--parser DIR] [--sets seed,dev3,...] [--misses SET]

The frozen held-out sets (heldout, heldout2) are scored only as a whole: never read their misses
to write rules (tests/data/heldout2/README.md).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kg import evaluate
from kg.pipeline.batch import build

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = {
    "seed": (["articles/hln-2016-09-05-obama-poetin-g20.txt"], ["gold/hln-2016-09-05-obama-poetin-g20.json"]),
    "shared": (["articles"], ["gold"]),
    "composed-nl": (["articles-nl"], ["gold-nl"]),
    "composed-en": (["articles-en"], ["gold-en"]),
    "dev2": (["dev2/articles"], ["dev2/gold"]),
    "dev3": (["dev3/articles"], ["dev3/gold"]),
    "dev4": (["dev4/articles"], ["dev4/gold"]),
    "dev5": (["dev5/articles"], ["dev5/gold"]),
    "heldout": (["heldout/articles"], ["heldout/gold"]),
    "heldout2": (["heldout2/articles"], ["heldout2/gold"]),
}
FROZEN = {"heldout", "heldout2"}


def run(name: str, engine: str, parser: str | None, misses: bool) -> tuple:
    articles, gold = SETS[name]
    if not all((DATA / g).exists() for g in gold):
        return None
    start = time.perf_counter()
    result = build([str(DATA / a) for a in articles], engine=engine, parser=parser)
    seconds = time.perf_counter() - start
    report = evaluate.score(evaluate.load_golds([DATA / g for g in gold]), result.records())
    if misses and name not in FROZEN:
        print(evaluate.format_report(report) if hasattr(evaluate, "format_report") else report)
    return report.precision, report.recall, report.f1, len(report.docs), seconds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", default="parse")
    ap.add_argument("--parser", default=None)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--misses", default="", help="print the misses and false events of these sets")
    args = ap.parse_args(argv)
    show = set(args.misses.split(",")) - FROZEN
    print(f"{'set':12} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6} {'s':>6}   engine {args.engine}")
    for name in args.sets.split(","):
        got = run(name, args.engine, args.parser, name in show)
        if got:
            p, r, f, n, sec = got
            print(f"{name:12} {n:>4} {p:6.3f} {r:6.3f} {f:6.3f} {sec:6.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

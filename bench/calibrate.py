"""Calibrate the parse engine's confidence: each pattern's precision on the development gold sets,
written to kg/data/patterns/calibration.toml, and a table of confidence levels against how often
events at that level are right, on the development sets and on the frozen held-out sets.

    python3 bench/calibrate.py [--write] [--parser nl=DIR,en=DIR]

An event is right when its dyad matches a gold entry (required or optional), wrong when it
matches none; the held-out sets are only counted in aggregate and never written to the file.
A pattern's confidence is its smoothed precision (right + 1) / (right + wrong + 2); patterns with no
event on the development sets keep their record's own `confidence`.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from kg import evaluate
from kg.evaluate import dyad
from kg.pipeline.batch import build

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_sets import DATA, FROZEN, SETS  # noqa: E402

TARGET = Path(__file__).resolve().parent.parent / "kg" / "data" / "patterns" / "calibration.toml"
DEV = ("shared", "composed-nl", "composed-en", "dev2", "dev3", "dev4", "dev5")
LEVELS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def judged(names, parser) -> list[tuple[dict, bool]]:
    """(event record, right?) for every event of the sets' articles that the scorer counts."""
    out = []
    for name in names:
        articles, gold = SETS[name]
        if not all((DATA / g).exists() for g in gold):
            continue
        records = build([str(DATA / a) for a in articles], engine="parse", parser=parser).records()
        golds = evaluate.load_golds([DATA / g for g in gold])
        report = evaluate.score(golds, records)
        good = {(d.doc, x) for d in report.docs for x in d.matched + d.optional}
        for rec in records:
            if rec.get("modality") in evaluate.UNCLAIMED:
                continue
            r = rec["recipient"]["id"] if rec["recipient"] else None
            out.append((rec, (rec["doc"], dyad(rec["actor"]["id"], rec["event"], r, rec["negated"])) in good))
    return out


def table(events) -> str:
    rows = []
    for lo in LEVELS:
        sel = [ok for rec, ok in events if rec.get("confidence", 0) >= lo]
        rows.append(f"| >= {lo:.1f} | {len(sel)} | {sum(sel) / len(sel):.3f} |" if sel else f"| >= {lo:.1f} | 0 | - |")
    return "| confidence | events | right |\n| --- | --- | --- |\n" + "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parser", default=None)
    ap.add_argument("--write", action="store_true", help="write kg/data/patterns/calibration.toml")
    args = ap.parse_args(argv)
    dev = judged(DEV, args.parser)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rec, ok in dev:
        counts[rec["pattern"]][0 if ok else 1] += 1
    if args.write:
        lines = ["# Each pattern's precision on the development gold sets (tests/data: shared gold,",
                 "# composed nl/en, dev2, dev3; never the held-out sets), smoothed as (right + 1) /",
                 "# (right + wrong + 2): the confidence its events start from. Made by",
                 "# `python3 bench/calibrate.py --write`; right / wrong counts in the comment.", "", "[confidence]"]
        for pid in sorted(counts):
            right, wrong = counts[pid]
            lines.append(f'"{pid}" = {(right + 1) / (right + wrong + 2):.2f}   # {right} / {wrong}')
        TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {TARGET}", file=sys.stderr)
        dev = judged(DEV, args.parser)
    print("Development sets\n" + table(dev))
    held = judged(sorted(FROZEN), args.parser)
    print("\nFrozen held-out sets (aggregate)\n" + table(held))
    return 0


if __name__ == "__main__":
    sys.exit(main())

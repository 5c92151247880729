"""Score the engines on kg's sentence suites (tests/data/suites): micro P, R, F1 per suite.

    python3 bench/suites.py [--engine parse,rules] [--suites constructions-en,...] [--misses SUITE]

Each line of a suite is `text || ACTOR CATEGORY RECIPIENT[ NEG]; ...` (one sentence or a short
paragraph, and every event it states); CONSULT, AGREE and COOPERATE are compared with their pair
sorted. A line is coded as one article dated 2016-09-05 and again dated 2023-06-01 (leaders'
dated roles), keeping the reading with more events. The frozen suites (frozen-en, frozen-nl) are
scored only as a whole: their misses are never printed (tests/data/suites/README.md).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kg.base.model import SYMMETRIC, Article
from kg.pipeline.batch import Pipeline
from kg.knowledge.gazetteer import load_gazetteer

SUITES = Path(__file__).resolve().parent.parent / "tests" / "data" / "suites"
FROZEN = {"frozen-en", "frozen-nl"}
DATES = (dt.date(2016, 9, 5), dt.date(2023, 6, 1))


def dyad(actor: str, event: str, recipient: str, negated: bool) -> tuple:
    if event in SYMMETRIC:
        actor, recipient = sorted((actor, recipient))
    return actor, event, recipient, negated


def read(path: Path) -> list[tuple[str, set]]:
    items = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "||" not in line:
            continue
        text, _, events = line.partition("||")
        want = set()
        for ev in filter(None, (e.strip() for e in events.split(";"))):
            parts = ev.split()
            want.add(dyad(parts[0], parts[1], parts[2], parts[-1] == "NEG"))
        items.append((text.strip(), want))
    return items


def coded(pipe: Pipeline, text: str, lang: str) -> set:
    runs = [pipe.extract(Article("suite", text, lang, d)) for d in DATES]
    return {dyad(e.actor.actor, e.event, e.recipient.actor, e.negated)
            for e in max(runs, key=len) if e.recipient is not None}


def score(pipe: Pipeline, name: str, misses: bool) -> tuple[int, int, int]:
    lang = name.rsplit("-", 1)[1]
    tp = fp = fn = 0
    for text, want in read(SUITES / f"{name}.txt"):
        got = coded(pipe, text, lang)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if misses and name not in FROZEN and got != want:
            print(f"  {text[:110]}\n    missed {sorted(want - got)} false {sorted(got - want)}")
    return tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", default="parse,rules")
    ap.add_argument("--suites", default="constructions-en,constructions-nl,frozen-en,frozen-nl")
    ap.add_argument("--misses", default="", help="print the misses of these (not frozen) suites")
    args = ap.parse_args(argv)
    gazetteer = load_gazetteer()
    print(f"{'suite':18} {'engine':7} {'items':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name in args.suites.split(","):
        for engine in args.engine.split(","):
            pipe = Pipeline(gazetteer, engine=engine)
            tp, fp, fn = score(pipe, name, name in args.misses.split(","))
            p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            n = len(read(SUITES / f"{name}.txt"))
            print(f"{name:18} {engine:7} {n:5} {p:6.3f} {r:6.3f} {f1:6.3f}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

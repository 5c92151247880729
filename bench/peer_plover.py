"""PLOVER's gold-standard sentences (153, English), coded by kg with its built-in gazetteer.

    python3 bench/peer_plover.py [--data tests/data/peer] [--json OUT.json] [--failures] [--engine parse]

Each record is one sentence with gold source and target actors (CAMEO code and sector) and one
PLOVER event type. Older names are renamed: FIGHT is ASSAULT, DISAPPROVE is ACCUSE, DEMAND is
REQUEST; INVESTIGATE has no category of its own today and its 3 records are left out. kg extracts
each sentence on its own (English, no date: a person stands for the actor of their latest office).

Known actors. A gold actor is known to kg when it maps to a kg actor id:
- its code is a kg actor id (ISO 3166-1 alpha-3 for states) or a CAMEO country code kg spells
  otherwise (JAP -> JPN); for the generic codes IGO and NGO, kg's recognizer finds one kg
  organisation in the gold actor's text ("U.N. Security Council" -> UN); and
- its sector, if any, is an organ of the state (GOV MIL COP SPY JUD LEG, kg/data/cameo.toml): the
  state's principals (GUIDELINES.md). Rebels, opposition, civilians, refugees, media, former
  leaders (ELI) and unknown sectors (***) are not the state, and kg has no actor for them.
A sentence is *in scope* when at least one gold source is known and, if the gold lists targets, at
least one target is known.

Figures, on the sentences in scope:
- category accuracy: kg codes at least one event of the gold category (not negated), between
  any actors;
- dyad accuracy: such an event has a known gold source as actor and a known gold target as
  recipient (none when the gold has no target; either order in AGREE, CONSULT, COOPERATE, where
  a second gold source may stand in for the target);
- among the sentences where kg codes anything, the share where one of its categories is right;
- category accuracy when kg's events with modality future, wanted or proposed also count as AGREE:
  PLOVER codes a stated intention ("will support", "offered to negotiate") as AGREE, where kg
  codes the act intended with its modality.
Coverage: sentences with any kg event, sentences in scope, with each side known.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.petrarch import cameo  # noqa: E402
from kg.knowledge.lexicon import builtin  # noqa: E402
from kg.base.model import SYMMETRIC, Article  # noqa: E402
from kg.pipeline.batch import Pipeline
from kg.knowledge.gazetteer import load_gazetteer  # noqa: E402
from kg.coding.recognize import Recognizer  # noqa: E402
from kg.read.segment import tokenize  # noqa: E402

DATA = ROOT / "tests" / "data" / "peer"
RENAMED = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST"}
CAMEO_SPELLING = {"JAP": "JPN"}          # CAMEO country codes that are not ISO alpha-3
GENERIC = ("IGO", "NGO")
INTENT = ("future", "wanted", "proposed")   # PLOVER codes a stated intention as AGREE


def known_id(actor: dict, gaz, recognizer) -> str | None:
    """The kg actor id of a gold actor, or None (the rule in the module's docstring)."""
    code, sector = actor.get("code"), (actor.get("sector") or "")[:3].upper()
    if not code or (sector and sector not in cameo.cameo().state):
        return None
    if code in GENERIC:
        found = {m.actor for m in recognizer.mentions(tokenize(actor.get("text") or "", "en"), None)[0]
                 if gaz.actors.get(m.actor) and gaz.actors[m.actor].type == "Organisation"}
        return found.pop() if len(found) == 1 else None
    code = CAMEO_SPELLING.get(code, code)
    return code if code in gaz.actors else None


def run(data: Path = DATA, engine: str = "parse", parser: str | None = None) -> dict:
    gaz = load_gazetteer()
    pipe = Pipeline(gaz, engine=engine, parser=parser)
    recognizer = Recognizer(gaz, builtin("en"))
    records = [json.loads(line) for line in (data / "plover_gsr_dev.jsonl").read_text().splitlines()]
    rows = []
    for n, rec in enumerate(records):
        gold = RENAMED.get(rec["code"], rec["code"])
        sources = [i for a in rec["source"] if (i := known_id(a, gaz, recognizer))]
        targets = [i for a in rec["target"] if (i := known_id(a, gaz, recognizer))]
        events = pipe.extract(Article(doc=f"s{n}", text=rec["text"], lang="en"))
        found = [(e.actor.actor, e.recipient.actor if e.recipient else None, e.event, e.negated, e.modality)
                 for e in events]
        row = {"id": rec["id"], "text": rec["text"], "gold": gold,
               "gold actors": [f"{a['code']}/{a['sector'] or '-'} {a['text']!r}" for a in rec["source"]],
               "gold targets": [f"{a['code']}/{a['sector'] or '-'} {a['text']!r}" for a in rec["target"]],
               "known sources": sources, "known targets": targets,
               "got": [f"{a} {ev} {r or '-'}" + (" (negated)" if neg else "") + (f" [{mod}]" if mod != "asserted" else "")
                       for a, r, ev, neg, mod in found]}
        row["in scope"] = gold != "INVESTIGATE" and bool(sources) and (bool(targets) or not rec["target"])
        positive = [(a, r, ev) for a, r, ev, neg, _ in found if not neg]
        row["category"] = any(ev == gold for _, _, ev in positive)
        row["category, intent as AGREE"] = row["category"] or gold == "AGREE" and any(
            not neg and mod in INTENT for _, _, _, neg, mod in found)
        row["dyad"] = any(ev == gold and _dyad(gold, a, r, sources, targets, bool(rec["target"]))
                          for a, r, ev in positive)
        rows.append(row)
    return _report(rows)


def _dyad(category: str, actor: str, recipient: str | None, sources: list, targets: list,
          has_target: bool) -> bool:
    if category in SYMMETRIC:
        sides = set(sources) | set(targets)
        if not has_target and len(sources) < 2:
            return actor in sides and recipient is None
        return actor in sides and recipient in sides and actor != recipient
    if not has_target:
        return actor in sources and recipient is None
    return actor in sources and recipient in targets


def _report(rows: list[dict]) -> dict:
    scope = [r for r in rows if r["in scope"]]
    spoke = [r for r in scope if r["got"]]
    per_category = Counter(r["gold"] for r in scope)
    right = Counter(r["gold"] for r in scope if r["category"])

    def share(k: int, n: int) -> float | None:
        return round(k / n, 3) if n else None

    return {
        "sentences": len(rows),
        "investigate (left out)": sum(r["gold"] == "INVESTIGATE" for r in rows),
        "with a kg event": sum(bool(r["got"]) for r in rows),
        "source known": sum(bool(r["known sources"]) for r in rows),
        "target known or none": sum(bool(r["known targets"]) or not r["gold targets"] for r in rows),
        "in scope": len(scope),
        "in scope with a kg event": len(spoke),
        "category accuracy": share(sum(r["category"] for r in scope), len(scope)),
        "dyad accuracy": share(sum(r["dyad"] for r in scope), len(scope)),
        "category right when kg codes something": share(sum(r["category"] for r in spoke), len(spoke)),
        "category accuracy, intent as AGREE": share(sum(r["category, intent as AGREE"] for r in scope), len(scope)),
        "per category (right/in scope)": {c: f"{right[c]}/{per_category[c]}" for c in sorted(per_category)},
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder with the peer files (default: tests/data/peer)")
    ap.add_argument("--json", type=Path, metavar="OUT.json", help="write the report, with every sentence, as JSON")
    ap.add_argument("--failures", action="store_true", help="list the sentences in scope kg got wrong")
    ap.add_argument("--engine", default="parse", help="rules or parse")
    ap.add_argument("--parser", default=None, help="with --engine parse: a spaCy pipeline instead of kg's")
    args = ap.parse_args(argv)
    rep = run(args.data, args.engine, args.parser)
    for key, value in rep.items():
        if key != "rows":
            print(f"{key:42} {value}")
    if args.failures:
        for r in rep["rows"]:
            if r["in scope"] and not r["dyad"]:
                print(f"\n{r['id']} [{'category right, actors wrong' if r['category'] else 'category wrong'}]"
                      f"\n  {r['text']}\n  gold {r['gold']}: {r['gold actors']} -> {r['gold targets']}"
                      f" (known {r['known sources']} -> {r['known targets']})\n  got  {r['got']}")
    if args.json:
        args.json.write_text(json.dumps(rep, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

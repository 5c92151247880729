"""PETRARCH2's validation records, coded by kg with PETRARCH2's own fictional dictionaries.

    python3 bench/peer_petrarch.py [--data tests/data/peer] [--json OUT.json] [--failures]

Steps: `kg gazetteer import` turns PETR.Validate.actors.txt and .agents.txt into a gazetteer file
(kg/petrarch/dictionaries.py); kg (the built-in gazetteer plus that file) extracts the events of each record's
sentence (English, the record's date); each record's expected event is compared with them.

A record expects one event: CAMEO source, target and event code. It is *scored* when
- its event code has a PLOVER category in PLOVER's CAMEO2PLOVER-2021 table (the code, or its
  three- or two-digit root: CAMEO 01x/02x, PETRARCH's test codes 9xx and 174K are not in it), and
- its source and target (the target may be empty) come from the dictionaries: the principal of
  the code (kg.petrarch.cameo.principal: ARNGOVFRM -> ARN) is a code of the actors file, or the code is
  such a code with agent sectors added (DNKMED, NGOARN). Records expecting PETRARCH's null or
  unknown-actor codes (---GOV, ###, "quoted new actors", XYZ) are not scored.
It *matches* when kg codes, in that sentence, an event that is not negated with the principal of
the source as actor, the principal of the target (or none) as recipient, and the record's PLOVER
category; in AGREE, CONSULT and COOPERATE the two sides may come in either order (as kg eval).
The figure is matched / scored; the report also counts the scored records where kg links the two
expected actors at all (an event between them, either way, any category). Records that expect no event are reported apart: how often kg
stays silent on them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.petrarch import cameo, dictionaries as petrarch  # noqa: E402
from kg.knowledge.gazetteer import Gazetteer  # noqa: E402
from kg.base.model import SYMMETRIC, Article  # noqa: E402
from kg.pipeline.batch import Pipeline  # noqa: E402

DATA = ROOT / "tests" / "data" / "peer"
AGENT_PREFIXES = ("NGO", "NGM")          # agent codes written before the actor code (NGO~)


def dictionary_codes(actors: Path) -> set[str]:
    """The principals of every code in an actors file, also of entries kg skips (LORIEN [ELR/GAL])."""
    codes = set()
    for line in actors.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("#", "<!")):
            continue
        for group in re.findall(r"\[\s*([^\s\]<>]+)", line.split("#", 1)[0]):
            codes |= {p for c in group.split("/") if (p := cameo.principal(c))}
    return codes


def from_dictionaries(code: str | None, known: set[str]) -> bool:
    if code is None:
        return True
    if not re.fullmatch(r"[A-Z0-9]+", code):
        return False
    while code[:3] in AGENT_PREFIXES and len(code) > 3:
        code = code[3:]
    if cameo.principal(code) in known:
        return True
    return any(code.startswith(k) and len(code) > len(k) and (len(code) - len(k)) % 3 == 0 for k in known)


def run(data: Path = DATA) -> dict:
    table = cameo.read_plover_table(data / "plover_CAMEO2PLOVER-2021.txt")
    actors, agents = data / "petrarch2_PETR.Validate.actors.txt", data / "petrarch2_PETR.Validate.agents.txt"
    imported = petrarch.import_dictionaries(actors, agents)
    with tempfile.TemporaryDirectory() as tmp:
        ttl = Path(tmp) / "petrarch-validate.ttl"
        petrarch.save(imported, ttl)
        pipe = Pipeline(Gazetteer.load([ttl]))
        known = dictionary_codes(actors)
        records = [json.loads(line) for line in (data / "petrarch2_unittest.jsonl").read_text().splitlines()]
        cache: dict[tuple[str, str], list] = {}
        rows = []
        for rec in records:
            date = rec["raw"]["sentence_attrs"].get("date") or ""
            key = (rec["text"], date)
            if key not in cache:
                day = dt.date(int(date[:4]), int(date[4:6]), int(date[6:8])) if len(date) == 8 else None
                art = Article(doc="r" + str(len(cache)), text=rec["text"], lang="en", date=day)
                cache[key] = [(e.actor.actor, e.recipient.actor if e.recipient else None, e.event, e.negated)
                              for e in pipe.extract(art)]
            rows.append(_row(rec, cache[key], table, known))
    return _report(rows, imported)


def _row(rec: dict, found: list, table: dict, known: set[str]) -> dict:
    got = [f"{a} {ev} {r or '-'}" + (" (negated)" if neg else "") for a, r, ev, neg in found]
    row = {"id": rec["id"], "text": rec["text"], "expected": None, "got": got, "status": None}
    if rec["raw"].get("noevents") or rec["code"] is None:
        row["status"] = "silent" if not found else "spoke"
        return row
    src, tgt = rec["source"], rec["target"]
    category = cameo.plover_category(rec["code"], table)
    row["expected"] = f"{src} {rec['code']} {tgt or '-'}"
    if category is None:
        row["status"] = "no PLOVER category"
        return row
    if not (from_dictionaries(src, known) and from_dictionaries(tgt, known)):
        row["status"] = "actor not from the dictionaries"
        return row
    want_a, want_r = cameo.principal(src), tgt and cameo.principal(tgt)
    row["expected"] = f"{want_a} {category} {want_r or '-'}  (CAMEO {src} {rec['code']} {tgt or '-'})"
    pairs = {(want_a, want_r)} | ({(want_r, want_a)} if category in SYMMETRIC else set())
    events = [(a, r, ev) for a, r, ev, neg in found if not neg]
    row["actors match"] = any((a, r) in pairs or (a, r) == (want_r, want_a) for a, r, _ in events)
    if any((a, r) in pairs and ev == category for a, r, ev in events):
        row["status"] = "match"
    elif not found:
        row["status"] = "no event"
    elif not any(ev == category for _, _, ev in events):
        row["status"] = "other category"
    else:
        row["status"] = "right category, other actors"
    return row


def _report(rows: list[dict], imported) -> dict:
    status = Counter(r["status"] for r in rows)
    scored = sum(v for k, v in status.items() if k in ("match", "no event", "other category",
                                                        "right category, other actors"))
    silent = status["silent"] + status["spoke"]
    return {
        "records": len(rows), "scored": scored, "matched": status["match"],
        "share": round(status["match"] / scored, 3) if scored else None,
        "actors matched": sum(1 for r in rows if r.get("actors match")),
        "status": dict(sorted(status.items())),
        "no-event records": silent, "kg silent on them": status["silent"],
        "import": {"actors": imported.actors, "persons": imported.persons,
                   "agent nouns": imported.agent_nouns, "warnings": imported.summary()},
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="folder with the peer files (default: tests/data/peer)")
    ap.add_argument("--json", type=Path, metavar="OUT.json", help="write the report, with every record, as JSON")
    ap.add_argument("--failures", action="store_true", help="list every scored record kg did not match")
    args = ap.parse_args(argv)
    rep = run(args.data)
    print(f"PETRARCH2 validation records: {rep['records']}; scored {rep['scored']}; "
          f"matched {rep['matched']} = {rep['share']:.3f} (source, target and PLOVER category)")
    print(f"  scored records where kg links the two actors (either way, any category): {rep['actors matched']}")
    for k, v in rep["status"].items():
        print(f"  {k:32} {v}")
    print(f"records with no event: {rep['no-event records']}, kg silent on {rep['kg silent on them']}")
    print(f"import: {rep['import']['actors']} actors, {rep['import']['persons']} persons, "
          f"{rep['import']['agent nouns']} agent nouns")
    if args.failures:
        for r in rep["rows"]:
            if r["status"] in ("no event", "other category", "right category, other actors"):
                print(f"\n{r['id']} [{r['status']}]\n  {r['text']}\n  expected {r['expected']}\n  got      {r['got']}")
    if args.json:
        args.json.write_text(json.dumps(rep, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

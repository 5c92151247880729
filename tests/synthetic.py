"""A synthetic event list of any size, the same for the same arguments (tests and bench/).

Actors fall into `blocs` camps: events inside a camp are mostly cooperative, between camps
mostly hostile, with a few negated and undated ones, over two years, in 40 fake articles. About
three ties per actor, a few hubs with many; busy ties carry most events.
"""
from __future__ import annotations

import datetime as dt
import random

from kg.base.model import CATEGORIES

TYPES = ("State", "ArmedGroup", "Organisation")
FRIENDLY = [c for c in CATEGORIES if c in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST")]
HOSTILE = [c for c in CATEGORIES if c in ("ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT")]


def events(actors: int = 300, count: int = 5000, *, blocs: int = 6, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    people = [{"id": f"A{i:03d}", "label": f"Actor {i:03d}", "code": f"A{i:03d}",
               "type": TYPES[i % 3], "wikidata": f"Q{1000 + i}" if i % 4 else None,
               "mention": f"actor {i}"} for i in range(actors)]
    camp = {a["id"]: i % blocs for i, a in enumerate(people)}
    # ties first, as in news: a few hubs with many partners, most actors with two or three;
    # then the events fall on the ties, the busy ones more often
    hub = [8 if i < actors // 20 else 1 for i in range(actors)]
    pairs = []
    members = [[p for p in people if camp[p["id"]] == c] for c in range(blocs)]
    for a in people:
        for b in rng.choices(people, weights=hub, k=3):
            if rng.random() < 0.6:       # most partners from the same camp
                b = rng.choice(members[camp[a["id"]]])
            if b["id"] != a["id"]:
                pairs.append((a, b) if rng.random() < 0.5 else (b, a))
    busy = [rng.paretovariate(1.2) for _ in pairs]
    start = dt.date(2016, 1, 1)
    out = []
    for n in range(count):
        a, b = rng.choices(pairs, weights=busy, k=1)[0]
        same = camp[a["id"]] == camp[b["id"]]
        kind = rng.choice(FRIENDLY if same == (rng.random() < 0.85) else HOSTILE)
        doc = f"synthetic-{n % 40:02d}"
        day = None if n % 97 == 0 else (start + dt.timedelta(days=rng.randrange(730))).isoformat()
        out.append({
            "id": f"https://w3id.org/kgnews/event/{doc}/{n}", "doc": doc, "sentence": n // 40,
            "start": 0, "end": 60, "event": kind, "negated": n % 23 == 0, "modality": "asserted",
            "text": f"Sentence {n}: {a['label']} and {b['label']} ({kind.lower()}).", "cue": "cue",
            "actor": dict(a), "recipient": dict(b), "agent": None, "issue": None, "date": day,
            "place": None})
    return out

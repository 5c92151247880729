"""The actor network: who acts on whom, how often, and how cooperatively (networkx).

Input is events as dicts, one per event, in the schema of `output/events.jsonl`.
Nodes are actor ids; an edge is an ordered pair actor -> recipient for the events that have a
recipient. Events without a recipient count towards their actor's node only.

>>> e = {"id": "e1", "doc": "d", "sentence": 0, "start": 0, "end": 9, "text": "A hits B.",
...      "event": "ASSAULT", "negated": False, "modality": "asserted", "date": "2016-09-05",
...      "actor": {"id": "A", "label": "A", "code": "A", "type": "State", "wikidata": None},
...      "recipient": {"id": "B", "label": "B", "code": "B", "type": "State", "wikidata": None}}
>>> g = build([e])
>>> g.edges["A", "B"]["score"], g.edges["A", "B"]["counts"]
(-10.0, {'ASSAULT': 1})
"""
from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from datetime import date

import networkx as nx

from kg.errors import KgError
from kg.model import CATEGORIES
from kg.vocab import WEIGHT

#: Node attributes copied from an event's actor or recipient dict.
ACTOR_FIELDS = ("label", "type", "code", "wikidata")


def build(events: Iterable[dict], *, min_count: int = 1, categories: Iterable[str] | None = None,
          actors: Iterable[str] | None = None, start: str | date | None = None,
          end: str | date | None = None) -> nx.DiGraph:
    """The actor network of `events`, after the filters.

    - `categories`: keep only events of these PLOVER categories.
    - `actors`: keep only events with one of these actor ids at either end.
    - `start`/`end`: keep only dated events in this range (inclusive, ISO dates); when a range is
      given, undated events are left out.
    - `min_count`: a tie needs at least this many events; an actor left without ties stays
      only with this many events that have no recipient.

    Node attributes: `label`, `type`, `code`, `wikidata`, `events` (events the actor takes part
    in, as actor or recipient), `ties` (distinct partners). Edge attributes: `events` (the event
    dicts, sorted by date, doc, sentence, offset, id), `count`, `counts` ({category: n} over the
    events that are not negated), `negated` (how many are), `score` (mean cooperation/conflict
    weight of the events not negated, 0.0 when there are none), `first`/`last` (dates or None).
    """
    if min_count < 1:
        raise KgError(f"min_count must be 1 or more, not {min_count}", "Pass --min-count 1 or higher")
    wanted = _categories(categories)
    who = set(actors) if actors is not None else None
    lo, hi = _iso(start, "start"), _iso(end, "end")
    kept = []
    for event in events:
        _check(event)
        actor, recipient = event["actor"]["id"], (event.get("recipient") or {}).get("id")
        if wanted is not None and event["event"] not in wanted:
            continue
        if who is not None and actor not in who and recipient not in who:
            continue
        if lo or hi:
            when = event.get("date")
            if not when or (lo and when < lo) or (hi and when > hi):
                continue
        kept.append(event)
    kept.sort(key=_order)

    ties: dict[tuple[str, str], list[dict]] = {}
    for event in kept:
        if event.get("recipient"):
            ties.setdefault((event["actor"]["id"], event["recipient"]["id"]), []).append(event)
    ties = {pair: found for pair, found in ties.items() if len(found) >= min_count}

    g = nx.DiGraph()
    involved = Counter()
    info: dict[str, dict] = {}
    for event in kept:
        ends = [event["actor"]] + ([event["recipient"]] if event.get("recipient") else [])
        pair = (event["actor"]["id"], ends[-1]["id"])
        if len(ends) == 2 and pair not in ties:
            continue
        for party in {a["id"]: a for a in ends}.values():
            involved[party["id"]] += 1
            info.setdefault(party["id"], party)
    tied = {a for pair in ties for a in pair}
    for actor_id in sorted(info):
        if actor_id in tied or involved[actor_id] >= min_count:
            g.add_node(actor_id, **{f: info[actor_id].get(f) for f in ACTOR_FIELDS},
                       events=involved[actor_id])
    for (source, target) in sorted(ties):
        found = ties[(source, target)]
        g.add_edge(source, target, **_tie(found))
    undirected = g.to_undirected(as_view=True)
    for node in g.nodes:
        g.nodes[node]["ties"] = sum(1 for other in undirected.neighbors(node) if other != node)
    return g


def centrality(g: nx.DiGraph) -> dict[str, float]:
    """Weighted degree centrality on the undirected view: the events on an actor's ties (both
    directions, a self-tie once), divided by the largest such sum, so the most central actor
    has 1.0. All 0.0 when the graph has no ties.

    >>> g = nx.DiGraph([("A", "B", {"count": 3}), ("B", "A", {"count": 1}), ("B", "C", {"count": 2})])
    >>> centrality(g)
    {'A': 0.6667, 'B': 1.0, 'C': 0.3333}
    """
    weighted = {node: 0 for node in g.nodes}
    for source, target, data in g.edges(data=True):
        weighted[source] += data.get("count", len(data.get("events", ())) or 1)
        if target != source:
            weighted[target] += data.get("count", len(data.get("events", ())) or 1)
    top = max(weighted.values(), default=0)
    return {node: round(weighted[node] / top, 4) if top else 0.0 for node in sorted(weighted)}


def _tie(found: list[dict]) -> dict:
    """The attributes of one tie from its events (already sorted)."""
    positive = [e for e in found if not e.get("negated")]
    dates = sorted(e["date"] for e in found if e.get("date"))
    counts = Counter(e["event"] for e in positive)
    return {
        "events": found,
        "count": len(found),
        "counts": {c: counts[c] for c in CATEGORIES if counts[c]},
        "negated": len(found) - len(positive),
        "score": round(sum(WEIGHT[e["event"]] for e in positive) / len(positive), 4)
        if positive else 0.0,
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }


def _order(event: dict) -> tuple:
    return (event.get("date") or "", event.get("doc") or "", event.get("sentence") or 0,
            event.get("start") or 0, event.get("id") or "", event["event"])


def _check(event: dict) -> None:
    """Fail on an event the network cannot use, naming it."""
    name = event.get("id", repr(event)[:80]) if isinstance(event, dict) else repr(event)[:80]
    if not isinstance(event, dict) or not isinstance(event.get("actor"), dict) \
            or "id" not in event["actor"]:
        raise KgError(f"Event {name} has no actor id", "Pass events in the schema of events.jsonl")
    if event.get("event") not in WEIGHT:
        raise KgError(f"Event {name} has unknown category {event.get('event')!r}",
                      _suggest(str(event.get("event"))))
    recipient = event.get("recipient")
    if recipient is not None and (not isinstance(recipient, dict) or "id" not in recipient):
        raise KgError(f"Event {name} has a recipient without id", "Give the recipient an id or null")


def _categories(categories: Iterable[str] | None) -> set[str] | None:
    if categories is None:
        return None
    chosen = {c.upper() for c in categories}
    for category in sorted(chosen):
        if category not in WEIGHT:
            raise KgError(f"Unknown category {category!r}", _suggest(category))
    return chosen


def _suggest(word: str) -> str:
    close = difflib.get_close_matches(word.upper(), CATEGORIES, n=1)
    if close:
        return f"Did you mean {close[0]}?"
    return "Use one of " + ", ".join(CATEGORIES)


def _iso(value: str | date | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise KgError(f"Bad {name} date {value!r}", "Write dates as YYYY-MM-DD") from None

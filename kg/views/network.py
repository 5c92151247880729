"""The actor network: who acts on whom, how often, and how cooperatively (networkx).

Input is events as dicts, one per event, in the schema of `output/events.jsonl` (read from a
graph with `events_from_store`). Nodes are actor ids; an edge is an ordered pair actor ->
recipient for the events that have a recipient. Events without a recipient count towards their
actor's node only. Every command draws its network through `build` with the same `Filters`.

>>> e = {"id": "e1", "doc": "d", "sentence": 0, "start": 0, "end": 9, "text": "A hits B.",
...      "event": "ASSAULT", "negated": False, "modality": "asserted", "date": "2016-09-05",
...      "actor": {"id": "A", "label": "A", "code": "A", "type": "State", "wikidata": None},
...      "recipient": {"id": "B", "label": "B", "code": "B", "type": "State", "wikidata": None}}
>>> g = build([e])
>>> g.edges["A", "B"]["score"], g.edges["A", "B"]["counts"], g.nodes["A"]["country"]
(-10.0, {'ASSAULT': 1}, 'A')
"""
from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import unquote

import networkx as nx

from kg.base.errors import KgError
from kg.base.model import CATEGORIES
from kg.base.vocab import WEIGHT
from kg.knowledge.contexts import context_ids
from kg.knowledge.gazetteer import load_gazetteer
from kg.rdf.readback import events_from_store  # noqa: F401 - kg.network.events_from_store, as before
from kg.sparql.params import unknown_actor

#: Node attributes copied from an event's actor or recipient dict.
ACTOR_FIELDS = ("label", "type", "code", "wikidata")


@dataclass(frozen=True)
class Filters:
    """What every command keeps of the events: a date range (inclusive ISO dates), categories,
    actors (at either end), and the events a tie needs. Empty means no filter."""

    start: str | None = None
    end: str | None = None
    categories: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_count: int = 1
    min_confidence: float = 0.0
    contexts: tuple[str, ...] = ()
    min_articles: int = 1

    def options(self) -> dict:
        """Keyword arguments for `build` and `select`."""
        return {"start": self.start, "end": self.end, "categories": self.categories or None,
                "actors": self.actors or None, "min_count": self.min_count,
                "min_confidence": self.min_confidence, "contexts": self.contexts or None,
                "min_articles": self.min_articles}

    def graph(self, events: Iterable[dict]) -> nx.DiGraph:
        return build(events, **self.options())

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        """The filters in words ("" when there are none)."""
        parts = []
        if self.start or self.end:
            parts.append(f"dates {self.start or '…'} to {self.end or '…'}")
        if self.categories:
            parts.append("categories " + ", ".join(self.categories))
        if self.actors:
            parts.append("actors " + ", ".join(self.actors))
        if self.min_count > 1:
            parts.append(f"ties of {self.min_count}+ events")
        if self.min_confidence > 0:
            parts.append(f"confidence {self.min_confidence:g}+")
        if self.contexts:
            parts.append("about " + ", ".join(self.contexts))
        if self.min_articles > 1:
            parts.append(f"ties told by {self.min_articles}+ articles")
        return "; ".join(parts)


def build(events: Iterable[dict], *, min_count: int = 1, categories: Iterable[str] | None = None,
          actors: Iterable[str] | None = None, start: str | date | None = None,
          end: str | date | None = None, min_confidence: float = 0.0,
          contexts: Iterable[str] | None = None, min_articles: int = 1) -> nx.DiGraph:
    """The actor network of `events`, after the filters.

    - `categories`: keep only events of these PLOVER categories.
    - `actors`: keep only events with one of these actor ids at either end.
    - `start`/`end`: keep only dated events in this range (inclusive, ISO dates); when a range is
      given, undated events are left out.
    - `min_count`: a tie needs at least this many events; an actor left without ties stays
      only with this many events that have no recipient.
    - `min_confidence`: keep only events whose `confidence` is at least this (events without
      one, from the rules engine, are then left out).
    - `contexts`: keep only events about one of these contexts (ontologies/contexts.ttl:
      "ceasefire", "military", ...).
    - `min_articles`: a tie needs events from at least this many distinct articles (evidence
      strength; 1 keeps findings of a single sentence).

    Node attributes: `label`, `type`, `code`, `wikidata`, `country` (the actor itself for a
    state, else its kg:country), `events` (events the actor takes part in, as actor or
    recipient), `ties` (distinct partners). Edge attributes: `events` (the event dicts, sorted
    by date, doc, sentence, offset, id), `count`, `counts` ({category: n} over the events that
    are not negated), `negated` (how many are), `score` (mean cooperation/conflict weight of the
    events not negated, 0.0 when there are none), `weight` (their sum), `first`/`last` (dates).
    """
    _, ties, parties = _filter(events, min_count, categories, actors, start, end, min_confidence, contexts,
                               min_articles)
    g = nx.DiGraph()
    for actor_id in sorted(parties):
        info, involved = parties[actor_id]
        g.add_node(actor_id, **{f: info.get(f) for f in ACTOR_FIELDS}, country=_country(info),
                   events=involved)
    for (source, target) in sorted(ties):
        g.add_edge(source, target, **_tie(ties[(source, target)]))
    undirected = g.to_undirected(as_view=True)
    for node in g.nodes:
        g.nodes[node]["ties"] = sum(1 for other in undirected.neighbors(node) if other != node)
    return g


def select(events: Iterable[dict], *, min_count: int = 1, categories: Iterable[str] | None = None,
           actors: Iterable[str] | None = None, start: str | date | None = None,
           end: str | date | None = None, min_confidence: float = 0.0,
           contexts: Iterable[str] | None = None, min_articles: int = 1) -> list[dict]:
    """The events the network `build` draws with the same filters, in order of date, doc and
    sentence: those on the ties it keeps and those without recipient of the actors it keeps."""
    return _filter(events, min_count, categories, actors, start, end, min_confidence, contexts, min_articles)[0]



# --- filtering ---------------------------------------------------------------------------------

def _filter(events, min_count, categories, actors, start, end, min_confidence=0.0, contexts=None,
            min_articles=1):
    """(events kept, {(actor, recipient): events}, {actor id: (actor dict, events)})."""
    if min_count < 1:
        raise KgError(f"min_count must be 1 or more, not {min_count}", "Pass --min-count 1 or higher")
    if min_articles < 1:
        raise KgError(f"min_articles must be 1 or more, not {min_articles}", "Pass --min-articles 1 or higher")
    if not 0.0 <= min_confidence <= 1.0:
        raise KgError(f"min_confidence must be between 0 and 1, not {min_confidence}",
                      "Pass --min-confidence 0.8, say")
    events = list(events)
    for event in events:
        _check(event)
    wanted = _categories(categories)
    about = _contexts(contexts)
    who = _actors(actors, events)
    lo, hi = _iso(start, "start"), _iso(end, "end")
    filtering = wanted is not None or who is not None or min_confidence > 0 or about is not None or lo or hi
    kept = []
    for event in (events if filtering else ()):
        actor, recipient = event["actor"]["id"], (event.get("recipient") or {}).get("id")
        if wanted is not None and event["event"] not in wanted:
            continue
        if who is not None and actor not in who and recipient not in who:
            continue
        if min_confidence > 0 and (event.get("confidence") or 0.0) < min_confidence:
            continue
        if about is not None and not about & set(event.get("contexts") or ()):
            continue
        if lo or hi:
            when = event.get("date")
            if not when or (lo and when < lo) or (hi and when > hi):
                continue
        kept.append(event)
    kept = sorted(kept if filtering else events, key=event_order)

    ties: dict[tuple[str, str], list[dict]] = {}
    for event in kept:
        if event.get("recipient"):
            ties.setdefault((event["actor"]["id"], event["recipient"]["id"]), []).append(event)
    if min_count > 1 or min_articles > 1:
        ties = {pair: found for pair, found in ties.items()
                if len(found) >= min_count and len({e.get("doc") for e in found}) >= min_articles}

    involved: Counter = Counter()
    info: dict[str, dict] = {}
    used = []
    for event in kept:
        actor, recipient = event["actor"], event.get("recipient")
        if recipient and (actor["id"], recipient["id"]) not in ties:
            continue
        used.append(event)
        involved[actor["id"]] += 1
        info.setdefault(actor["id"], actor)
        if recipient and recipient["id"] != actor["id"]:
            involved[recipient["id"]] += 1
            info.setdefault(recipient["id"], recipient)
    tied = {a for pair in ties for a in pair}
    parties = {a: (info[a], involved[a]) for a in info if a in tied or involved[a] >= min_count}
    used = [e for e in used if e.get("recipient") or e["actor"]["id"] in parties]
    return used, ties, parties


def _tie(found: list[dict]) -> dict:
    """The attributes of one tie from its events (already sorted)."""
    positive = [e for e in found if not e.get("negated")]
    dates = [e["date"] for e in found if e.get("date")]          # in date order already
    counts = Counter(e["event"] for e in positive)
    failed = Counter(e["event"] for e in found if e.get("negated"))
    weight = sum(WEIGHT[e["event"]] for e in positive)
    return {
        "events": found,
        "count": len(found),
        "counts": {c: counts[c] for c in CATEGORIES if counts[c]},
        "negated_counts": {c: failed[c] for c in CATEGORIES if failed[c]},   # "failed to agree"
        "negated": len(found) - len(positive),
        "score": round(weight / len(positive), 4) if positive else 0.0,
        "weight": weight,
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "articles": len({e.get("doc") for e in found}),                       # evidence strength:
        "sentences": len({(e.get("doc"), e.get("sentence")) for e in found}),  # distinct sources
    }


def event_order(event: dict) -> tuple:
    try:                    # every key there, as in events.jsonl and the store: the quick way
        return (event["date"] or "", event["doc"] or "", event["sentence"] or 0, event["start"] or 0,
                event["id"] or "", event["event"])
    except KeyError:
        return (event.get("date") or "", event.get("doc") or "", event.get("sentence") or 0,
                event.get("start") or 0, event.get("id") or "", event["event"])


def _local(iri: str, namespace: str) -> str:
    return unquote(iri[len(namespace):]) if iri.startswith(namespace) else iri


def _country(actor: dict) -> str | None:
    """An actor's country: its own `country`, itself for a state, else the built-in gazetteer's
    (an actor dict that has the key with None, as a store's tables give, has none)."""
    if actor.get("country"):
        return actor["country"]
    if actor.get("type") == "State":
        return actor["id"]
    if "country" in actor:
        return None
    return _gazetteer_countries().get(actor["id"])


@lru_cache(maxsize=1)
def _gazetteer_countries() -> dict[str, str]:
    """actor id -> the id of its country, from the built-in gazetteer (kg:country)."""
    return {a.id: a.country for a in load_gazetteer().actors.values() if a.country}


def _check(event: dict) -> None:
    """Fail on an event the network cannot use, naming it."""
    try:                    # the usual case first, quickly
        if event["actor"]["id"] is not None and event["event"] in WEIGHT \
                and (event.get("recipient") is None or "id" in event["recipient"]):
            return
    except (KeyError, TypeError, AttributeError):
        pass
    def name() -> str:
        return event.get("id", repr(event)[:80]) if isinstance(event, dict) else repr(event)[:80]
    if not isinstance(event, dict) or not isinstance(event.get("actor"), dict) \
            or "id" not in event["actor"]:
        raise KgError(f"Event {name()} has no actor id", "Pass events in the schema of events.jsonl")
    if event.get("event") not in WEIGHT:
        raise KgError(f"Event {name()} has unknown category {event.get('event')!r}",
                      _suggest(str(event.get("event"))))
    recipient = event.get("recipient")
    if recipient is not None and (not isinstance(recipient, dict) or "id" not in recipient):
        raise KgError(f"Event {name()} has a recipient without id", "Give the recipient an id or null")


def _categories(categories: Iterable[str] | None) -> set[str] | None:
    if categories is None:
        return None
    chosen = {c.strip().upper() for c in categories}
    for category in sorted(chosen):
        if category not in WEIGHT:
            raise KgError(f"Unknown category {category!r}", _suggest(category))
    return chosen


def _contexts(contexts: Iterable[str] | None) -> set[str] | None:
    if contexts is None:
        return None
    chosen = {c.strip().lower() for c in contexts}
    known = set(context_ids())
    for context in sorted(chosen - known):
        close = difflib.get_close_matches(context, sorted(known), n=1)
        raise KgError(f"Unknown context {context!r}",
                      f"Did you mean {close[0]}?" if close else "Use one of " + ", ".join(context_ids()))
    return chosen


def _actors(actors: Iterable[str] | None, events: list[dict]) -> set[str] | None:
    """The actor ids asked for, each one the events name (matched case-insensitively)."""
    if actors is None:
        return None
    known = sorted({e["actor"]["id"] for e in events}
                   | {e["recipient"]["id"] for e in events if e.get("recipient")})
    folded = {k.casefold(): k for k in known}
    chosen = set()
    for name in actors:
        name = name.strip()
        if name in known or name.casefold() in folded:
            chosen.add(name if name in known else folded[name.casefold()])
            continue
        raise unknown_actor(name, known)
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

"""Who stands where: central actors, strongest ties, blocs, structural balance, change over time.

Every function takes the network of `kg.views.network.build` (`changes` takes the events, to cut them
in two periods) and returns records: lists of dicts of plain values, so `pandas.DataFrame(rows)`
works and `json.dumps` too. `kg show` prints them as tables (`kg.views.report`).

Relations are the undirected view of the ties: for two distinct actors, the events either way.
Their net score is the mean weight (`kg.base.vocab.WEIGHT`, Goldstein-like, -10..+10) of the events
not negated; a relation is cooperative at +0.5 or more, hostile at -0.5 or less, else neutral.

>>> def ev(a, b, kind):
...     return {"id": f"{a}{b}", "event": kind, "negated": False, "date": "2016-09-05",
...             "actor": {"id": a, "type": "State"}, "recipient": {"id": b, "type": "State"}}
>>> from kg.views.network import build
>>> g = build([ev("A", "B", "SUPPORT"), ev("B", "C", "AID"), ev("A", "C", "ASSAULT")])
>>> [(t["actors"], t["signs"]) for t in balance(g)]
[(['A', 'B', 'C'], '+ - +')]
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from collections.abc import Iterable

import networkx as nx

from kg.base.errors import KgError
from kg.base.vocab import WEIGHT
from kg.views.measures import centrality, stance
from kg.views.network import Filters, event_order

SIGN = {"cooperative": 1, "hostile": -1, "neutral": 0}
#: Up to this many actors betweenness is exact; above, it is estimated from SAMPLED_SOURCES actors
#: (the same ones every time): at 1,000 actors and 50,000 events 500 sources took 4.8 s, 200 take 2 s.
#: Betweenness is exact while actors x relations stay within this (a search from each actor);
#: beyond, it is estimated from enough source actors for that much work, SAMPLED_SOURCES or more.
BETWEENNESS_WORK = 200_000
SAMPLED_SOURCES = 100


def relations(g: nx.DiGraph) -> nx.Graph:
    """The undirected, signed view of `g`: one edge per pair of distinct actors with events
    either way. Edge attributes: `events` (both directions, in date order), `count`, `negated`,
    `weight` (sum of the weights of the events not negated), `score` (their mean, 0.0 if none),
    `sign` (+1 cooperative, -1 hostile, 0 neutral). Self-ties are left out. Made once per network
    (the views of one report share it; a network is not changed after `build`)."""
    if g not in _RELATIONS:
        _RELATIONS[g] = _relations(g)
    return _RELATIONS[g]


_RELATIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _relations(g: nx.DiGraph) -> nx.Graph:
    pairs: dict[tuple[str, str], list[list[dict]]] = {}
    for source, target, data in g.edges(data=True):
        if source != target:
            pairs.setdefault(tuple(sorted((source, target))), []).append(data.get("events", []))
    r = nx.Graph()
    r.add_nodes_from(sorted(g.nodes))
    for (a, b) in sorted(pairs):
        ways = pairs[(a, b)]        # each direction's events are in order already
        found = sorted(ways[0] + ways[1], key=event_order) if len(ways) > 1 else list(ways[0])
        asserted = [e for e in found if not e.get("negated")]
        weight = sum(WEIGHT[e["event"]] for e in asserted)
        score = round(weight / len(asserted), 4) if asserted else 0.0
        r.add_edge(a, b, events=found, count=len(found), negated=len(found) - len(asserted),
                   weight=weight, score=score, sign=SIGN[stance(score)])
    return r


def central(g: nx.DiGraph, top: int | None = None) -> list[dict]:
    """Actors by centrality (events on their ties, 1.0 for the most; `kg.views.network.centrality`),
    then betweenness on the undirected network (how often an actor lies on the shortest path
    between two others; estimated from a fixed sample of source actors when the network is
    too big to search from each: see BETWEENNESS_WORK), with
    their counts of cooperative and hostile relations."""
    weighted = centrality(g)
    r = relations(g)
    sources = min(r.number_of_nodes(), max(SAMPLED_SOURCES, BETWEENNESS_WORK // max(1, r.number_of_edges())))
    if r.number_of_nodes() <= 2:
        between = {n: 0.0 for n in r}
    elif sources >= r.number_of_nodes():
        between = nx.betweenness_centrality(r)
    else:           # estimated from `sources` source actors, the same ones every time
        between = nx.betweenness_centrality(r, k=sources, seed=7)
    rows = []
    for node, data in g.nodes(data=True):
        signs = [r.edges[node, other]["sign"] for other in r.neighbors(node)]
        rows.append({"actor": node, "label": data.get("label") or node, "type": data.get("type"),
                     "country": data.get("country"), "wikidata": data.get("wikidata"),
                     "centrality": weighted[node], "betweenness": round(between.get(node, 0.0), 4),
                     "events": data.get("events", 0), "ties": data.get("ties", 0),
                     "cooperative": signs.count(1), "hostile": signs.count(-1)})
    rows.sort(key=lambda row: (-row["centrality"], -row["betweenness"], row["actor"]))
    return _ranked(rows[:top] if top else rows)


def ties(g: nx.DiGraph, top: int | None = 10) -> list[dict]:
    """The strongest cooperative ties (told by most articles, then the largest sum of weights),
    then the strongest hostile ones (most articles, then the most negative sum), `top` of each,
    each with its evidence strength (articles, sentences, in words: "1 sentence" for a finding
    from one sentence); ties of each direction apart (who acts on whom). Then,
    as stance "failed", the ties with acts that failed or were refused ("consulted, but failed
    to agree": CONSULT 1, not AGREE 1), most such acts first, whatever their score."""
    rows: dict[str, list[dict]] = {"cooperative": [], "hostile": [], "failed": []}
    for source, target, data in g.edges(data=True):
        kind = stance(data.get("score", 0.0))
        row = {
            "stance": kind, "source": source, "source_label": _label(g, source),
            "target": target, "target_label": _label(g, target), "weight": data["weight"],
            "score": data["score"], "events": data["count"], "negated": data["negated"],
            "categories": ", ".join([f"{c} {n}" for c, n in data["counts"].items()]
                                    + [f"not {c} {n}" for c, n in data.get("negated_counts", {}).items()]),
            "first": data["first"], "last": data["last"],
            "articles": data.get("articles", 0), "sentences": data.get("sentences", 0),
            "evidence": strength(data.get("articles", 0), data.get("sentences", 0))}
        if kind != "neutral":
            rows[kind].append(row)
        if data["negated"]:
            rows["failed"].append(dict(row, stance="failed"))
    out = []
    for kind, key in (("cooperative", lambda r: (-r["articles"], -r["weight"], -r["events"], r["source"], r["target"])),
                      ("hostile", lambda r: (-r["articles"], r["weight"], -r["events"], r["source"], r["target"])),
                      ("failed", lambda r: (-r["negated"], -r["events"], r["source"], r["target"]))):
        found = sorted(rows[kind], key=key)
        out += _ranked(found[:top] if top else found)
    return out


def blocs(g: nx.DiGraph) -> list[dict]:
    """Communities of the cooperative network (relations with a net score of +0.5 or more,
    weighted by that score, so that many talks do not outweigh one act of support), found by
    networkx's greedy modularity (deterministic: no seed). Every actor is in one bloc; one
    without cooperative relations is a bloc of its own. Largest first."""
    r = relations(g)
    cooperative = nx.Graph()
    cooperative.add_nodes_from(sorted(r.nodes))
    cooperative.add_edges_from((a, b, {"weight": d["score"]}) for a, b, d in r.edges(data=True)
                               if d["sign"] > 0)
    if cooperative.number_of_edges():
        found = nx.community.greedy_modularity_communities(cooperative, weight="weight")
    else:
        found = [{node} for node in cooperative]
    groups = sorted((sorted(group) for group in found), key=lambda m: (-len(m), m))
    rows = []
    for number, members in enumerate(groups, start=1):
        inside = r.subgraph(members).edges(data=True)
        rows.append({"bloc": number, "size": len(members), "members": members,
                     "labels": [_label(g, m) for m in members],
                     "cooperation": sum(d["weight"] for _, _, d in inside if d["sign"] > 0),
                     "hostility_inside": sum(d["weight"] for _, _, d in inside if d["sign"] < 0)})
    return rows


def hostility(g: nx.DiGraph, found: list[dict] | None = None) -> list[dict]:
    """For each two blocs with a hostile relation between them: the summed weight of their
    hostile and of their cooperative relations, and the hostile relations themselves. Most
    hostile first."""
    found = blocs(g) if found is None else found
    bloc_of = {member: row["bloc"] for row in found for member in row["members"]}
    between: dict[tuple[int, int], list] = {}
    for a, b, d in relations(g).edges(data=True):
        x, y = sorted((bloc_of[a], bloc_of[b]))
        if x != y:
            between.setdefault((x, y), []).append((a, b, d))
    rows = []
    for (x, y), found_relations in between.items():
        hostile = [(a, b, d) for a, b, d in found_relations if d["sign"] < 0]
        if not hostile:
            continue
        rows.append({"a": x, "b": y, "hostile": sum(d["weight"] for _, _, d in hostile),
                     "cooperative": sum(d["weight"] for _, _, d in found_relations if d["sign"] > 0),
                     "events": sum(d["count"] for _, _, d in hostile),
                     "relations": [f"{a}\u2013{b} {d['score']:+.1f}" for a, b, d in hostile]})
    return sorted(rows, key=lambda row: (row["hostile"], row["a"], row["b"]))


def triads(g: nx.DiGraph, top: int | None = None) -> list[dict]:
    """The closed triads of signed relations (three actors, each two with a cooperative or
    hostile relation), balanced or not, with the evidence behind their three edges. Balanced: the
    product of the signs is positive (friends of friends are friends; enemies of enemies too).
    Unbalanced ones first (two friends of a third hostile to each other, then three enemies), each
    kind by the evidence of its weakest edge (most sentences first), then balanced ones. `top`:
    only the best-evidenced `top` of each of the three kinds, found without listing every triad
    (a dense network of 200 actors has over a million): edges are taken strongest first, and a
    triad is met when its weakest edge is; `triad_counts` counts them all."""
    signed = _signed(g)
    need = None
    if top is not None:
        counts = triad_counts(g)
        need = {(False, False): min(top, counts["unbalanced"] - counts["all_hostile"]),
                (False, True): min(top, counts["all_hostile"]), (True, False): min(top, counts["balanced"])}
    found: dict[tuple[bool, bool], list[tuple]] = {(False, False): [], (False, True): [], (True, False): []}
    near: dict[str, set[str]] = {}
    for (a, b), (sign, sources) in sorted(signed.items(), key=lambda item: (-item[1][1][1], -item[1][1][0], item[0])):
        if need is not None and all(need[kind] == 0 or (len(rows) >= need[kind] and sources[1] < -rows[need[kind] - 1][0])
                                    for kind, rows in found.items()):
            break                   # no triad still to meet can enter any of the three lists
        touched = set()
        for c in near.get(a, set()) & near.get(b, set()):
            x, y, z = sorted((a, b, c))
            signs = [signed[(x, y)][0], signed[(x, z)][0], signed[(y, z)][0]]
            kind = (signs[0] * signs[1] * signs[2] > 0, signs.count(-1) == 3)
            found[kind].append((-sources[1], [x, y, z], signs, sources))
            touched.add(kind)
            if need is not None and len(found[kind]) > max(need[kind], 1) * 4:    # keep the best
                found[kind].sort(key=lambda row: (row[0], row[1]))
                del found[kind][max(need[kind], 1) * 2:]
        if need is not None:
            for kind in touched:
                found[kind].sort(key=lambda row: (row[0], row[1]))
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)
    rows = []
    for kind in ((False, False), (False, True), (True, False)):
        chosen = sorted(found[kind], key=lambda row: (row[0], row[1]))
        rows += [_triad(g, actors, signs, sources)
                 for _, actors, signs, sources in (chosen[:need[kind]] if need is not None else chosen)]
    return rows


def _signed(g: nx.DiGraph) -> dict[tuple[str, str], tuple[int, tuple[int, int]]]:
    """(a, b) with a < b -> (sign, (articles, sentences)) of each signed relation (made once per
    network, as `relations`)."""
    if g not in _SIGNED:
        _SIGNED[g] = {tuple(sorted((a, b))): (d["sign"], _sources(d["events"]))
                      for a, b, d in relations(g).edges(data=True) if d["sign"]}
    return _SIGNED[g]


_SIGNED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def triad_counts(g: nx.DiGraph) -> dict[str, int]:
    """How many closed triads there are of each kind: `closed`, `balanced`, `unbalanced` and
    `all_hostile` (the unbalanced "- - -"), counted edge by edge with set intersections."""
    pos: dict[str, set[str]] = {}
    neg: dict[str, set[str]] = {}
    for (a, b), (sign, _) in _signed(g).items():
        side = pos if sign > 0 else neg
        side.setdefault(a, set()).add(b)
        side.setdefault(b, set()).add(a)
    by_negatives = [0, 0, 0, 0]           # triads by how many of their edges are hostile, x3
    empty: set[str] = set()
    for side, minus in ((pos, 0), (neg, 1)):
        for a, others in side.items():
            for b in others:
                if a < b:
                    pa, pb, na, nb = pos.get(a, empty), pos.get(b, empty), neg.get(a, empty), neg.get(b, empty)
                    by_negatives[minus] += len(pa & pb)
                    by_negatives[minus + 1] += len(pa & nb) + len(na & pb)
                    by_negatives[minus + 2] += len(na & nb)
    n0, n1, n2, n3 = (count // 3 for count in by_negatives)
    return {"closed": n0 + n1 + n2 + n3, "balanced": n0 + n2, "unbalanced": n1 + n3, "all_hostile": n3}


def _triad(g: nx.DiGraph, actors: list[str], signs: list[int], weakest: tuple[int, int]) -> dict:
    a, b, c = actors
    edges = [(a, b), (a, c), (b, c)]
    r = relations(g)
    return {
        "actors": [a, b, c], "labels": [_label(g, n) for n in (a, b, c)],
        "articles": weakest[0], "sentences": weakest[1], "evidence": strength(*weakest),
        "signs": " ".join("+" if s > 0 else "-" for s in signs),
        "balanced": signs[0] * signs[1] * signs[2] > 0,
        "reading": _reading(g, edges, signs),
        "edges": [{"a": x, "b": y, "sign": "+" if s > 0 else "-", "score": r.edges[x, y]["score"],
                   "evidence": [evidence(e) for e in r.edges[x, y]["events"]]}
                  for (x, y), s in zip(edges, signs)]}


def strength(articles: int, sentences: int) -> str:
    """Evidence strength in words: "1 sentence" (a finding from one sentence, to be read with
    care), "3 sentences of 1 article", "5 sentences of 3 articles"."""
    if sentences <= 1:
        return "1 sentence"
    return f"{sentences} sentences of {articles} article{'s' if articles != 1 else ''}"


def _sources(events: list[dict]) -> tuple[int, int]:
    """(distinct articles, distinct sentences) behind some events."""
    return len({e.get("doc") for e in events}), len({(e.get("doc"), e.get("sentence")) for e in events})


def balance(g: nx.DiGraph) -> list[dict]:
    """The closed triads that break structural balance: two friends of a third are hostile to
    each other (+ + -), or all three are hostile to each other (- - -). See `triads`."""
    return [row for row in triads(g) if not row["balanced"]]


def changes(events: Iterable[dict], split: str | dt.date, filters: Filters = Filters()) -> list[dict]:
    """Relations whose net sign flipped between the events before `split` and those from
    `split` on (dated events only; the filters apply to both periods). Biggest swing first."""
    try:
        day = split if isinstance(split, dt.date) else dt.date.fromisoformat(split)
    except (TypeError, ValueError):
        raise KgError(f"Bad split date {split!r}", "Write it as YYYY-MM-DD, e.g. --split 2017-01-01") from None
    events = list(events)
    last = (day - dt.timedelta(days=1)).isoformat()
    end = min(filter(None, (filters.end, last)))
    start = max(filter(None, (filters.start, day.isoformat())))
    first = dataclasses.replace(filters, end=end).graph(events)
    second = dataclasses.replace(filters, start=start).graph(events)
    before, after = relations(first), relations(second)
    labels = {**dict(first.nodes(data="label")), **dict(second.nodes(data="label"))}
    rows = []
    for a, b, now in after.edges(data=True):
        if not before.has_edge(a, b):
            continue
        then = before.edges[a, b]
        if then["sign"] and now["sign"] and then["sign"] != now["sign"]:
            rows.append({
                "a": a, "b": b, "a_label": labels.get(a) or a, "b_label": labels.get(b) or b,
                "before": then["score"], "after": now["score"],
                "change": f"{stance(then['score'])} \u2192 {stance(now['score'])}",
                "before_events": then["count"], "after_events": now["count"],
                "evidence_before": [evidence(e) for e in then["events"]],
                "evidence_after": [evidence(e) for e in now["events"]]})
    return sorted(rows, key=lambda row: (-abs(row["after"] - row["before"]), row["a"], row["b"]))


VIEWS = ("central", "ties", "blocs", "balance", "changes", "all")


def report(events: Iterable[dict], what: str = "all", *, filters: Filters = Filters(),
           split: str | dt.date | None = None, top: int | None = 10) -> dict:
    """What `kg show WHAT` prints, as one dict: `summary` (actors, ties, events, filters) and the
    sections asked for: `central`, `ties`, `blocs` and `hostility`, `triads` (balanced or not;
    `balance` shows these), `changes` (needs `split`; left out of "all" without one)."""
    if what not in VIEWS:
        close = [v for v in VIEWS if v.startswith(what[:3])]
        raise KgError(f"Unknown view {what!r}", (f"Did you mean {close[0]}? " if close else "")
                      + "Use one of: " + ", ".join(VIEWS))
    if what == "changes" and split is None:
        raise KgError("kg show changes needs a date to split the events at",
                      "Give --split YYYY-MM-DD (before it, and from it on)")
    events = list(events)
    g = filters.graph(events)
    out: dict = {"summary": {"actors": g.number_of_nodes(), "ties": g.number_of_edges(),
                             "events": sum(d["count"] for _, _, d in g.edges(data=True)),
                             "filters": filters.describe(), "split": _iso(split)}}
    if what in ("central", "all"):
        out["central"] = central(g, top)
    if what in ("ties", "all"):
        out["ties"] = ties(g, top)
    if what in ("blocs", "all"):
        out["blocs"] = blocs(g)
        out["hostility"] = hostility(g, out["blocs"])
    if what in ("balance", "all"):
        out["triads"] = triads(g, top)
        out["summary"]["triads"] = triad_counts(g)
    if what == "changes" or (what == "all" and split is not None):
        out["changes"] = changes(events, split, filters)
    return out


def _iso(day: str | dt.date | None) -> str | None:
    return day.isoformat() if isinstance(day, dt.date) else day


def evidence(event: dict) -> dict:
    """One event as evidence: when, who did what to whom, and the sentence it was read from."""
    return {"date": event.get("date"), "doc": event.get("doc"), "sentence": event.get("sentence"),
            "source": event["actor"]["id"], "target": (event.get("recipient") or {}).get("id"),
            "event": event["event"], "negated": bool(event.get("negated")),
            "modality": event.get("modality", "asserted"), "text": event.get("text")}


def _reading(g: nx.DiGraph, edges: list[tuple[str, str]], signs: list[int]) -> str:
    names = {n: _label(g, n) for edge in edges for n in edge}
    if signs.count(-1) == 0:
        a, b, c = (names[n] for n in (edges[0][0], edges[0][1], edges[2][1]))
        return f"{a}, {b} and {c} are all on cooperative terms"
    if signs.count(-1) == 3:
        a, b, c = (names[n] for n in (edges[0][0], edges[0][1], edges[2][1]))
        return f"{a}, {b} and {c} are all hostile to each other: the enemy of my enemy is not a friend"
    odd = signs.index(-1) if signs.count(-1) == 1 else signs.index(1)
    x, y = edges[odd]
    z = next(n for edge in edges for n in edge if n not in (x, y))
    if signs.count(-1) == 1:
        return (f"{names[x]} and {names[y]} are hostile to each other, though both are on "
                f"cooperative terms with {names[z]}")
    return f"{names[x]} and {names[y]} cooperate against a common enemy, {names[z]}"


def _label(g: nx.DiGraph, node: str) -> str:
    return g.nodes[node].get("label") or node if node in g else node


def _ranked(rows: list[dict]) -> list[dict]:
    return [{"rank": i, **row} for i, row in enumerate(rows, start=1)]

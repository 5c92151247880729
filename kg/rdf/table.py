"""The compact event table of one article, kept in the store's meta graph beside its graph.

`kg show` on a store of 100,000 events cannot read them back out of the graphs in seconds (the
on-disk store gives some 80,000 quads a second to Python; a SPARQL query over the events took 21 s
for 138,000 of them). So each article also keeps its events as one small JSON text: a row per event
with the ids and values the network and its findings are made of, and its sentences' text once
each. `events(...)` turns the rows back into the dicts of `kg.rdf.readback.events_from_store`,
with the actors described as the actors graph describes them now; only the actors' mentions
(what the text called them) are left out (None).

A store changed by a SPARQL update (`kg query --allow-update`) is read from its graphs instead
(`edited`), so what an update did shows. `read_events(store)` is what `kg show` reads.

>>> text = encode([{"id": "https://w3id.org/kgnews/event/d/0", "doc": "d", "sentence": 2, "start": 5,
...     "text": "A hit B.", "event": "ASSAULT", "negated": False, "modality": "asserted",
...     "actor": {"id": "A"}, "recipient": {"id": "B"}, "date": None, "contexts": [], "confidence": 0.8}])
>>> text
'{"e":[[0,"ASSAULT","A","B",0,"asserted",null,2,5,0.8,[],null,null]],"s":{"2":"A hit B."}}'
>>> [(e["id"], e["event"], e["recipient"]["id"], e["text"]) for e in decode(text, "d", lambda a: {"id": a})]
[('https://w3id.org/kgnews/event/d/0', 'ASSAULT', 'B', 'A hit B.')]
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from kg.base.vocab import DOC, EVENT, META
from kg.rdf import graph, readback
from kg.rdf.graph import iri_part
from kg.rdf.merge import MERGED_GRAPH, add_occurrences
from kg.rdf.store import ACTORS, META_GRAPH, ONTOLOGY, KgStore, doc_subjects, to_quads

STORE_NODE = ox.NamedNode(str(META.store))   # the store itself, in the meta graph
EDITED = ox.NamedNode(str(META.edited))
TABLE, LINES = ox.NamedNode(str(META.table)), ox.NamedNode(str(META.events))
PENDING = ox.NamedNode(str(META.pending))


def encode(records: Iterable[dict]) -> str:
    """One article's events.jsonl records as its table (same order)."""
    rows, sentences = [], {}
    for rec in records:
        n = int(str(rec["id"]).rsplit("/", 1)[-1])
        rows.append([n, rec["event"], rec["actor"]["id"], (rec.get("recipient") or {}).get("id"),
                     1 if rec.get("negated") else 0, rec.get("modality") or "asserted", rec.get("date"),
                     rec.get("sentence"), rec.get("start"), rec.get("confidence"), list(rec.get("contexts") or ()),
                     rec.get("issue"), _place(rec.get("place"))])
        sentences[str(rec.get("sentence"))] = rec.get("text")
    return json.dumps({"e": rows, "s": sentences}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def decode(text: str, doc: str, actor: Callable[[str], dict], part: str | None = None) -> list[dict]:
    """The events of one article's table, as event dicts; `actor(id)` gives an actor's dict
    (the same dict for every event of that actor); `part`: the doc id as in IRIs, if known."""
    table = json.loads(text)
    sentences, prefix = table["s"], f"{EVENT}{part if part is not None else iri_part(doc)}/"
    return [{"id": f"{prefix}{n}", "doc": doc, "sentence": sentence, "start": start,
             "text": sentences.get(str(sentence)), "event": event, "negated": negated == 1,
             "modality": modality, "actor": actor(who), "recipient": actor(whom) if whom else None,
             "date": date, "confidence": confidence, "contexts": contexts, "issue": issue, "place": place}
            for n, event, who, whom, negated, modality, date, sentence, start, confidence, contexts, issue, place
            in (row if len(row) == 13 else [*row, None] for row in table["e"])]


def _place(place) -> str | None:
    """A record's place as its id."""
    return place.get("id") if isinstance(place, dict) else place




def read_events(store: KgStore) -> list[dict]:
    """The events of a store as `kg.rdf.readback.events_from_store` reads them from the graphs
    (but for the actors' mentions), from the articles' tables: seconds for 100,000 events where
    reading the graphs takes minutes. From the graphs when a SPARQL update changed the store
    (`edited`); an article stored by an older kg, without a table, from its events.jsonl lines."""
    if edited(store):
        return readback.events_from_store(store.ox)
    described: dict[str, dict] = {}

    def actor(a: str) -> dict:             # each actor described once, as the graph has it now
        if a not in described:
            iri = str(graph.actor_iri(a))
            described[a] = {"country": None, **(readback.actors(store.ox, [iri]).get(iri) or {
                "id": a, "label": a, "code": a, "type": None, "wikidata": None, "mention": None})}
        return described[a]
    return _events(store, actor)


def _events(store: KgStore, actor: Callable[[str], dict]) -> list[dict]:
    """Every article's table decoded, in order of doc id (a table made from the events.jsonl lines
    of an article stored by an older kg)."""
    docs = doc_subjects(store.ox)
    tables = {q.subject: q.object.value for q in store.ox.quads_for_pattern(None, TABLE, None, META_GRAPH)}
    if len(tables) < len(docs):
        for q in store.ox.quads_for_pattern(None, LINES, None, META_GRAPH):
            if q.subject not in tables:
                tables[q.subject] = encode(json.loads(line) for line in q.object.value.splitlines())
    out: list[dict] = []
    skip = len(str(DOC))                   # an article node's IRI ends with its doc id as in IRIs
    for doc, subject in sorted((doc, subject) for subject, doc in docs.items() if subject in tables):
        out += decode(tables[subject], doc, actor, subject.value[skip:])
    return out


def pending(store: KgStore, what: str) -> bool:
    """Whether a build began changing the articles and has not yet brought `what` ("actors",
    "merged") up to them (it was interrupted): the next one must recompute it whole."""
    return any(True for _ in store.ox.quads_for_pattern(STORE_NODE, PENDING, ox.Literal(what), META_GRAPH))


def set_pending(store: KgStore, what: str, on: bool) -> None:
    """Record that `what` is (or is no more) behind the articles."""
    quad = ox.Quad(STORE_NODE, PENDING, ox.Literal(what), META_GRAPH)
    with store.writing("nothing else changed"):
        store.ox.add(quad) if on else store.ox.remove(quad)


def edited(store: KgStore) -> bool:
    """Whether a SPARQL update (`kg query --allow-update`) has changed the store since its
    articles were last all extracted (`kg build --force`): its tables may then be out of date."""
    return any(True for _ in store.ox.quads_for_pattern(STORE_NODE, EDITED, None, META_GRAPH))


def mark_edited(store: KgStore, changed: bool = True) -> None:
    """Record (or clear) that a SPARQL update changed the store."""
    with store.writing("nothing else changed"):
        for q in list(store.ox.quads_for_pattern(STORE_NODE, EDITED, None, META_GRAPH)):
            store.ox.remove(q)
        if changed:
            store.ox.add(ox.Quad(STORE_NODE, EDITED, ox.Literal("true"), META_GRAPH))


def own_graphs_only(store: KgStore) -> bool:
    """Whether every named graph is kg's own: an article's, the actors', the ontology, the
    merged occurrences or the meta graph (none a user's update made)."""
    docs = {str(graph.doc_iri(doc)) for doc in doc_subjects(store.ox).values()}
    own = {ACTORS, ONTOLOGY, META_GRAPH, ox.NamedNode(str(MERGED_GRAPH))}
    return all(g in own or g.value in docs for g in store.ox.named_graphs())


def refresh_merged(store: KgStore) -> None:
    """Recompute the occurrences told by several articles (kg.rdf.merge) into the merged graph,
    from the articles' tables (what they need of each event: its ends, category, negation, place,
    date, article and IRI)."""
    events = _events(store, _bare)
    ds = graph.new_dataset()
    add_occurrences(ds, events)
    name = ox.NamedNode(str(MERGED_GRAPH))
    with store.writing("every article is whole; the merged graph is rewritten by the next build"):
        store.ox.remove_graph(name) if store.ox.contains_named_graph(name) else None
        store.ox.extend(list(to_quads(ds)))
    set_pending(store, "merged", False)


def _bare(actor_id: str) -> dict:
    return {"id": actor_id}

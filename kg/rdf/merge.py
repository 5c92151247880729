"""One real-world event told by several articles becomes one occurrence with several reports.

Events of different articles are the same occurrence when they have the same actor, category,
recipient, negation and place (or no place), and dates within `WINDOW` days of the first of them.
The occurrence (`kg:Occurrence`, in the graph `https://w3id.org/kgnews/graph/merged`) links each
article's event with `kg:report`; every report keeps its own sentence and evidence. Events told by
one article only are not occurrences. Identifiers hash the reports, so the same input gives the
same graph.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, XSD, Dataset, Literal, URIRef

from kg.base.vocab import BASE, EVENT, KG, PLACE, PLOVER, SEM
from kg.rdf.graph import actor_iri, iri_part

MERGED_GRAPH = URIRef(BASE + "graph/merged")
WINDOW = 3          # days


@dataclass(frozen=True)
class Occurrence:
    id: str                      # event IRI of the occurrence
    event: str
    actor: str
    recipient: str | None
    negated: bool
    place: str | None
    date: str | None             # the earliest report's date
    reports: tuple[str, ...]     # event IRIs of the articles' events
    docs: tuple[str, ...]


def occurrences(records: Iterable[dict], window: int = WINDOW) -> list[Occurrence]:
    """The occurrences told by two or more articles, from events.jsonl records (with ids)."""
    groups: dict[tuple, list[tuple[str, str, str]]] = {}   # key -> (date, doc, id): all it needs
    for r in records:
        if not r.get("id") or not r.get("recipient"):
            continue
        place = (r.get("place") or {}).get("id") if isinstance(r.get("place"), dict) else r.get("place")
        key = (r["actor"]["id"], r["event"], r["recipient"]["id"], bool(r["negated"]), place)
        groups.setdefault(key, []).append((r.get("date") or "", sys.intern(r["doc"]), r["id"]))
    out = []
    for key, found in sorted(groups.items(), key=lambda kv: tuple("" if x is None else str(x) for x in kv[0])):
        found.sort()
        cluster: list[tuple[str, str, str]] = []
        for r in found + [None]:
            if r is not None and cluster and _near(cluster[0][0] or None, r[0] or None, window):
                cluster.append(r)
                continue
            docs = tuple(sorted({c[1] for c in cluster}))
            if len(docs) > 1:
                reports = tuple(sorted(c[2] for c in cluster))
                digest = hashlib.sha1("\n".join(reports).encode("utf-8")).hexdigest()[:16]
                actor, event, recipient, negated, place = key
                out.append(Occurrence(str(EVENT[f"merged/{digest}"]), event, actor, recipient, negated, place,
                                      cluster[0][0] or None, reports, docs))
            cluster = [r] if r is not None else []
    return out


def _near(first: str | None, other: str | None, window: int) -> bool:
    if first is None or other is None:
        return first == other
    return abs((dt.date.fromisoformat(other) - dt.date.fromisoformat(first)).days) <= window


def add_occurrences(ds: Dataset, records: Iterable[dict]) -> list[Occurrence]:
    """Write the occurrences into the merged graph of `ds` (replacing what was there)."""
    g = ds.graph(MERGED_GRAPH)
    g.remove((None, None, None))
    found = occurrences(records)
    for o in found:
        e = URIRef(o.id)
        g.add((e, RDF.type, KG.Occurrence))
        g.add((e, RDF.type, SEM.Event))
        g.add((e, SEM.eventType, PLOVER[o.event]))
        g.add((e, KG.actor, actor_iri(o.actor)))
        g.add((e, KG.recipient, actor_iri(o.recipient)))
        g.add((e, SEM.hasActor, actor_iri(o.actor)))
        g.add((e, SEM.hasActor, actor_iri(o.recipient)))
        g.add((e, KG.negated, Literal(o.negated)))
        if o.date:
            g.add((e, SEM.hasTimeStamp, Literal(o.date, datatype=XSD.date)))
        if o.place:
            g.add((e, SEM.hasPlace, PLACE[iri_part(o.place)]))
        for report in o.reports:
            g.add((e, KG.report, URIRef(report)))
    return found

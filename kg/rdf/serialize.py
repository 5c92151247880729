"""RDF files from a store: its named graphs in order of IRI, each graph's quads sorted, and the
union of the graphs with each triple once, so the same store gives the same bytes."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

import pyoxigraph as ox

from kg.base.vocab import DOC, EVENT


def graphs_of(store: ox.Store, skip: Collection[ox.NamedNode] = ()) -> Iterator[tuple[str, Iterable[ox.Quad]]]:
    """(graph IRI, its quads) for the named graphs of a pyoxigraph store, in order of IRI."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g not in skip)
    for name in names:
        yield name, store.quads_for_pattern(None, None, None, ox.NamedNode(name))


def sorted_quads(graphs: Iterator[tuple[str, Iterable[ox.Quad]]]) -> Iterator[ox.Quad]:
    """Each graph's quads sorted, graph after graph (the order `graphs` gives)."""
    for _, quads in graphs:
        yield from sorted(quads, key=str)


def union_triples(graphs: Iterator[tuple[str, Iterable[ox.Quad]]]) -> Iterator[ox.Triple]:
    """The triples of all the graphs, each once, in the order of `sorted_quads`.

    A triple about an article's own nodes (the article and its sentences, whose IRIs start with
    its graph IRI, and its events) is in no other graph, so only the others (stances, places, actors) are
    remembered to drop repeats: memory grows with those, not with the archive."""
    seen: set[str] = set()
    for name, quads in graphs:
        own = _own_prefixes(name)
        for quad in sorted(quads, key=str):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if own and isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(own):
                yield triple
                continue
            key = str(triple)
            if key not in seen:
                seen.add(key)
                yield triple


def _own_prefixes(graph_iri: str) -> tuple[str, ...]:
    """IRI prefixes of the nodes only this article graph describes (none for other graphs)."""
    if not graph_iri.startswith(str(DOC)):
        return ()
    doc = graph_iri[len(str(DOC)):]
    return (graph_iri, f"{EVENT}{doc}/") if doc else ()

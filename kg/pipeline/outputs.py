"""The files of `output/`: events.jsonl, graph.ttl, graph.trig and graph.html, written as one set.

The RDF files are written by pyoxigraph's serialisers as a stream, graph by graph in order of
graph IRI and each graph's triples sorted, so the same store gives the same bytes and memory
stays bounded by the largest graph (a 10,000-article store: 26 s and 0.27 GB here, where going
through an rdflib Dataset took 3 minutes and 3.5 GB; the 100,000-article build of BENCHMARKS.md
stays under 0.6 GB with its files). graph.ttl is the union of the graphs: a triple told by
several articles (a stance, a place) is written once. `write_file` writes one file the same way.

graph.html draws every event on one page; beyond `PAGE_LIMIT` events a browser cannot lay that
out, so the page is left out (and an older one removed, to keep the set consistent) with a note
saying how to draw a part of the graph (`kg export -f html` with filters).

The files of a store are written with the state they show (`store_state`, in STATE beside them):
a build that changed nothing leaves current files alone. A store of more than FILES_LIMIT
articles is read where it is (`kg query`, `kg show`, `kg export`): rewriting every file from it
costs time in proportion to the whole archive, so a build adding ten articles to it would pay for
thirty thousand. Its build removes the files that no longer show it, with a note, and writes them
when asked (`kg build --files`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.base.files import _write_records, write_together
from kg.base.vocab import PREFIXES
from kg.rdf.serialize import sorted_quads, union_triples
from kg.rdf.store import KgStore
from kg.views import network, page

PAGE_LIMIT = 20_000         # events beyond which graph.html is not drawn (kg export -f html draws parts)
FILES_LIMIT = 2_000         # articles beyond which a build into a store writes the files on demand only
FILES = ("events.jsonl", "graph.ttl", "graph.trig")
STATE = "kg-state.txt"      # the store state the files were written from (`store_state`)
Graphs = Callable[[], Iterator[tuple[str, Iterable[ox.Quad]]]]   # (graph IRI, its quads), by IRI
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def write_files(graphs: Graphs, records: Callable[[], Iterable[dict]], docs: Sequence[str], out: str | Path,
                *, html: bool = True, notes: list[str] | None = None, state: str | None = None) -> dict[str, Path]:
    """events.jsonl (from `records()`), graph.ttl and graph.trig (from `graphs()`), and graph.html
    when asked for and the events are at most PAGE_LIMIT; a note for `notes` when they are more.
    `state`: what store state the files show (`store_state`), kept beside them in STATE."""

    out = Path(out)
    files: dict[str, tuple[str, Callable[[BinaryIO], None]]] = {
        "events": ("events.jsonl", lambda f: _write_records(records(), f)),
        "turtle": ("graph.ttl", lambda f: ox.serialize(union_triples(graphs()), f, ox.RdfFormat.TURTLE,
                                                       prefixes=_PREFIXES)),
        "trig": ("graph.trig", lambda f: ox.serialize(sorted_quads(graphs()), f, ox.RdfFormat.TRIG,
                                                      prefixes=_PREFIXES)),
    }
    drop = [] if state is not None else [STATE]
    if state is not None:
        files["state"] = (STATE, (state + "\n").encode())
    if html:
        first = list(islice(records(), PAGE_LIMIT + 1))
        if len(first) <= PAGE_LIMIT:
            title = "kg: " + ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "")
            data = page.render(network.build(first), title=title).encode("utf-8")
            files["html"] = ("graph.html", lambda f: f.write(data))
        else:
            drop.append("graph.html")
            if notes is not None:
                notes.append(f"graph.html not written: the store holds more than {PAGE_LIMIT:,} events, too "
                             "many for one page; draw a part with `kg export -f html -o part.html` and "
                             "--actor, --category, --from/--to or --min-count")
    return write_together(out, files, drop=drop)


def write_store(store: KgStore, out: str | Path, *, html: bool = True,
                notes: list[str] | None = None, state: str | None = None) -> dict[str, Path]:
    """events.jsonl, graph.ttl, graph.trig and graph.html of everything in the store."""
    return write_files(store.graphs, store.records, store.docs(), out, html=html, notes=notes, state=state)


def store_state(store: KgStore, html: bool, hashes: dict[str, str] | None = None) -> str:
    """A digest of what the files of a store show: the store, its articles and their content
    hashes (`store.hashes()`, if not given), and whether the page is drawn. Files written with the
    same state are current."""
    h = hashlib.sha256(f"{store.path.resolve()}\0{html}\0".encode())
    for doc, digest in sorted((store.hashes() if hashes is None else hashes).items()):
        h.update(f"{doc}\0{digest}\n".encode())
    return h.hexdigest()


def current(out: str | Path, state: str) -> bool:
    """Whether the files in `out` were written from this store state (and are all there)."""
    folder = Path(out)
    try:
        written = (folder / STATE).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return written == state and all((folder / name).is_file() for name in FILES)


def drop_files(out: str | Path) -> list[str]:
    """Remove the files of a build from `out` (they no longer show the store); their names."""
    gone = []
    for name in (*FILES, "graph.html", STATE):
        path = Path(out) / name
        if path.is_file():
            path.unlink()
            gone.append(name)
    return [name for name in gone if name != STATE]

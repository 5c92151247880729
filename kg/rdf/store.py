"""The persistent store: an on-disk Oxigraph database that `kg build` adds articles to.

Layout (`<out>/store`, one folder): one named graph per article (its doc IRI) with its events,
sentences and derived stance triples; `graph/actors` describing the actors and persons the
articles use; `graph/ontology` holding `ontologies/kg.ttl` and `plover.ttl`; `graph/meta` with
the bookkeeping per article (content hash, its events.jsonl lines, the kg that built it), which
exports and `graph.trig` leave out.

Whole articles only: an article's graph and its meta entry are written in one transaction
(`pyoxigraph.Store.extend`); replacing an article first drops its meta entry and its graph, so an
interrupted build leaves it either complete with its hash or absent (and rebuilt next time).

One writer: Oxigraph locks the folder. A second kg process opening it gets KgError("store is in
use by another kg process ..."): kg fails fast rather than waiting.

>>> import tempfile
>>> with KgStore(tempfile.mkdtemp()) as store:
...     store.docs()
[]
"""
from __future__ import annotations

import difflib
import errno
import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.base.errors import KgError, from_os_error
from kg.base.files import write_file
from kg.base.vocab import ACTOR, KG, META, PERSON, PREFIXES
from kg.knowledge.gazetteer import Gazetteer
from kg.rdf import formats, graph
from kg.rdf.serialize import graphs_of

ACTORS = ox.NamedNode(str(graph.ACTORS_GRAPH))
ONTOLOGY = ox.NamedNode(str(graph.ONTOLOGY_GRAPH))
ONTOLOGY_FILES = ("kg.ttl", "plover.ttl", "contexts.ttl")   # the graph/ontology of every store
META_GRAPH = ox.NamedNode(str(graph.META_GRAPH))
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PART = 50_000           # quads per transaction when one article has more (KgStore.put)


def store_path(out: str | Path) -> Path:
    """The default store of an output folder: `<out>/store`."""
    return Path(out) / "store"


class KgStore:
    """kg's view of a pyoxigraph `Store(path)`; `.ox` is the pyoxigraph store itself."""

    def __init__(self, path: str | Path, *, must_exist: bool = False, read_only: bool = False) -> None:
        """`read_only`: for commands that only read (queries, show, export, validate): a store the
        system will not let kg write (read-only media, permissions) is then opened read-only
        instead of refused. A writable store is still opened as a writer, holding the lock: a
        RocksDB read-only instance beside a writer can meet files the writer's compaction removed."""
        self.path, self.read_only = Path(path), False
        if must_exist and not self.path.is_dir():
            raise KgError(f"{self.path}: no store", "Run `kg build ARTICLE...` first or give --store DIR")
        if self.path.exists() and not self.path.is_dir():
            raise KgError(f"{self.path}: is a file, not a store folder", "Give a folder with --store")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.ox = ox.Store(str(self.path))
        except (OSError, RuntimeError) as error:      # RocksDB's corruption comes as RuntimeError
            if not (read_only and _unwritable(error)):
                raise _open_error(self.path, error) from None
            try:
                self.ox, self.read_only = ox.Store.read_only(str(self.path)), True
            except (OSError, RuntimeError) as again:
                raise _open_error(self.path, again) from None

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, kind, *exc) -> None:
        self.close(quiet=kind is not None)

    def close(self, *, quiet: bool = False) -> None:
        """Flush and close; `quiet`: a failing flush says nothing (an error is on its way already)."""
        if getattr(self, "ox", None) is not None:
            try:
                if not self.read_only:
                    with self.writing("the articles written before stay whole"):
                        self.ox.flush()
            except KgError:
                if not quiet:
                    raise
            finally:
                del self.ox
                self.ox = None
                if not self.read_only:
                    _drop_old_logs(self.path)

    def in_memory(self) -> ox.Store:
        """A copy of the whole store in a pyoxigraph in-memory Store. Making it reads every quad
        (about 9 s per million here); queries on it then run 3 to 6 times faster than on disk
        (BENCHMARKS.md): worth it for heavy queries or many of them on a big store."""
        copy = ox.Store()
        copy.extend(self.ox.quads_for_pattern(None, None, None, None))
        return copy

    # -- articles -------------------------------------------------------------------------------
    def hashes(self) -> dict[str, str]:
        """doc id -> content hash of every article in the store."""
        return {doc: digest for doc, (digest,) in self._meta(META.hash).items() if digest is not None}

    def entries(self) -> dict[str, tuple[str, str | None, str | None, str | None]]:
        """doc id -> (content hash, source, text hash, file stamp), in one pass over the meta graph
        (what `hashes`, `identities` and `stamps` give)."""
        return {doc: (v[0], v[1], v[2], v[3]) for doc, v in
                self._meta(META.hash, META.source, META.textHash, META.stamp).items() if v[0] is not None}

    def identities(self) -> dict[str, tuple[str | None, str | None]]:
        """doc id -> (where it was read from, the SHA-256 of its text); (None, None) for an article
        stored by a kg that did not record them."""
        return {doc: (source, digest) for doc, (source, digest) in self._meta(META.source, META.textHash).items()}

    def _meta(self, *props) -> dict[str, list[str | None]]:
        """doc id -> the value of each of `props` in its meta entry (None where it has none)."""
        docs = doc_subjects(self.ox)
        found: dict[str, list[str | None]] = {doc: [None] * len(props) for doc in docs.values()}
        for n, prop in enumerate(props):
            for q in self.ox.quads_for_pattern(None, _node(prop), None, META_GRAPH):
                if (doc := docs.get(q.subject)) is not None:
                    found[doc][n] = q.object.value
        return found

    def docs(self) -> list[str]:
        return sorted(self.hashes())

    def stamps(self) -> dict[str, tuple[str, str]]:
        """source path -> (the stamp of the file when it was last read, the doc id it gave), for
        the sources that gave one article (kg.pipeline.incremental recognises an unchanged file
        by its stamp without reading it)."""
        return stamps_of({doc: (None, source, None, stamp) for doc, (source, stamp)
                          in self._meta(META.source, META.stamp).items()})

    def set_stamps(self, stamps: dict[str, str]) -> None:
        """Record the stamp of stored articles' files (doc id -> stamp), replacing the old one."""
        prop = _node(META.stamp)
        with self.writing("the articles stay whole; their files are read again by the next build"):
            for doc, stamp in sorted(stamps.items()):
                d = _node(graph.doc_iri(doc))
                for q in list(self.ox.quads_for_pattern(d, prop, None, META_GRAPH)):
                    self.ox.remove(q)
                self.ox.add(ox.Quad(d, prop, ox.Literal(stamp), META_GRAPH))

    def put(self, articles: Sequence[tuple[str, Sequence[ox.Quad]]]) -> None:
        """Add or replace whole articles: (doc id, its quads including its meta quads).

        Old graphs and meta entries go first; the new ones are added in one transaction. An article
        of more than PART quads (thousands of events) is written in parts of that many, its meta
        entry last: one transaction of a million quads holds gigabytes of memory. Until its last
        part is in, the store does not count it as built (no hash, no events.jsonl lines): a build
        killed half-way leaves a graph the next build replaces."""
        with self.writing("the articles written before these stay whole"):
            for doc, _ in articles:
                self._drop(doc)
            self.ox.extend(q for _, quads in articles if len(quads) <= PART for q in quads)
            self.ox.flush()   # else RocksDB's memtables grow with the archive (~115 MB per 1,000 articles)
            for _, quads in articles:
                if len(quads) > PART:
                    for start in range(0, len(quads), PART):      # the meta quads come last
                        self.ox.extend(quads[start:start + PART])
                        self.ox.flush()

    @contextmanager
    def writing(self, kept: str) -> Iterator[None]:
        """Turn a write the system refuses (disk full, read-only) into a KgError naming the store."""
        try:
            yield
        except OSError as error:
            raise from_os_error(error, str(self.path), kept) from None

    def remove(self, docs: Iterable[str]) -> list[str]:
        """Take articles out (their graphs and meta entries). KgError for an unknown doc id."""
        known = self.hashes()
        docs = list(dict.fromkeys(docs))
        for doc in docs:
            if doc not in known:
                close = difflib.get_close_matches(doc, list(known), 1)
                listing = ", ".join(sorted(known)[:5]) + (" ..." if len(known) > 5 else "")
                raise KgError(f"{self.path}: no article '{doc}' in the store",
                              f"Did you mean '{close[0]}'?" if close else
                              f"It holds: {listing}" if known else "The store is empty")
        for doc in docs:
            self._drop(doc)
        return docs

    def _drop(self, doc: str) -> None:
        d = _node(graph.doc_iri(doc))
        for q in list(self.ox.quads_for_pattern(d, None, None, META_GRAPH)):
            self.ox.remove(q)
        if self.ox.contains_named_graph(d):
            self.ox.remove_graph(d)

    def records(self) -> Iterator[dict]:
        """The events.jsonl records of every article, in order of doc id then event; read one
        article at a time, so memory does not grow with the archive."""
        events = _node(META.events)
        for subject, _doc in sorted(doc_subjects(self.ox).items(), key=lambda item: item[1]):
            for q in self.ox.quads_for_pattern(subject, events, None, META_GRAPH):
                for line in q.object.value.splitlines():
                    yield json.loads(line)

    # -- actors and ontology --------------------------------------------------------------------
    def used_actors(self) -> tuple[set[str], set[str]]:
        """Actor ids the article graphs refer to, and person ids their mentions name."""
        actors, persons = set(), set()
        for prop, ns, found in ((KG.actor, ACTOR, actors), (KG.recipient, ACTOR, actors),
                                (META.person, PERSON, persons)):
            for q in self.ox.quads_for_pattern(None, _node(prop), None, None):
                if q.graph_name != ACTORS and str(q.object.value).startswith(str(ns)):
                    found.add(_unquote(q.object.value[len(str(ns)):]))
        return actors, persons

    def refresh_actors(self, gazetteer: Gazetteer) -> None:
        """Recompute the actors graph from what the articles use: described by `gazetteer`; an
        actor it does not know (added by an earlier --gazetteer) keeps its stored description."""
        actor_ids, person_ids = self.used_actors()
        known_a = {a for a in actor_ids if a in gazetteer.actors}
        known_p = {p for p in person_ids if p in gazetteer.persons}
        ds = graph.new_dataset()
        graph.add_actors(ds, gazetteer, known_a, known_p)
        quads = list(to_quads(ds))
        keep = {_node(graph.actor_iri(a)) for a in actor_ids - known_a}
        keep |= {_node(graph.PERSON[graph.iri_part(p)]) for p in person_ids - known_p}
        quads += [q for q in self.ox.quads_for_pattern(None, None, None, ACTORS) if q.subject in keep]
        self.ox.remove_graph(ACTORS) if self.ox.contains_named_graph(ACTORS) else None
        self.ox.extend(quads)

    def describe_actors(self, gazetteer: Gazetteer, actor_ids: Iterable[str], person_ids: Iterable[str]) -> None:
        """Add to the actors graph the actors and persons new articles use that it does not
        describe yet (what `refresh_actors` would add for them: each is described on its own)."""
        def new(iris: dict) -> set[str]:
            return {x for x, iri in iris.items() if not any(True for _ in self.ox.quads_for_pattern(
                _node(iri), None, None, ACTORS))}
        actors = new({a: graph.actor_iri(a) for a in set(actor_ids) if a in gazetteer.actors})
        persons = new({p: graph.PERSON[graph.iri_part(p)] for p in set(person_ids) if p in gazetteer.persons})
        if actors or persons:
            ds = graph.new_dataset()
            graph.add_actors(ds, gazetteer, actors, persons)
            self.ox.extend(list(to_quads(ds)))

    def load_ontology(self) -> None:
        """(Re)load ontologies/kg.ttl, plover.ttl and contexts.ttl into graph/ontology."""
        quads, labels = [], {}

        def stable(term):   # blank nodes get labels in order of appearance: same file, same bytes
            if isinstance(term, ox.BlankNode):
                return labels.setdefault(term, ox.BlankNode(f"ontology{len(labels) + 1}"))
            return term

        for name in ONTOLOGY_FILES:
            data = _ontologies().joinpath(name).read_bytes()
            quads += [ox.Quad(stable(t.subject), t.predicate, stable(t.object), ONTOLOGY)
                      for t in ox.parse(data, format=ox.RdfFormat.TURTLE)]
        if self.ox.contains_named_graph(ONTOLOGY):
            self.ox.remove_graph(ONTOLOGY)
        self.ox.extend(quads)

    # -- reading out ----------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        """The article graphs and the actors graph as an rdflib Dataset (what graph.trig holds)."""
        ds = graph.new_dataset()
        for name in self.ox.named_graphs():
            if name in (META_GRAPH, ONTOLOGY) or not isinstance(name, ox.NamedNode):
                continue
            g = ds.graph(URIRef(name.value))
            for q in self.ox.quads_for_pattern(None, None, None, name):
                g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return ds

    def graphs(self) -> Iterator[tuple[str, Iterable[ox.Quad]]]:
        """(graph IRI, its quads) of the articles, actors and merged occurrences: not the meta graph
        or the ontology, as the files of `output/` hold them."""
        return graphs_of(self.ox, skip=(META_GRAPH, ONTOLOGY))


def export_rdf(store: KgStore, fmt: str, out: str | Path | BinaryIO | None = None) -> bytes | None:
    """Write the store (articles, actors, ontology; not the meta graph) as ttl, nt, nq, trig or
    jsonld to `out` (a path or a binary file; None returns bytes). Triple formats get the union of
    the graphs, each triple once. Sorted, so the same store gives the same bytes."""
    form = formats.by_name(fmt)
    meta = str(graph.META_GRAPH)
    if form.graphs:
        answer = store.ox.query(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{meta}>) }} "
                                "ORDER BY ?g ?s ?p ?o")
        items = (ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in answer)
    else:
        answer = store.ox.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                f"FILTER(?g != <{meta}>) }} ORDER BY ?s ?p ?o")
        items = (ox.Triple(s["s"], s["p"], s["o"]) for s in answer)
    prefixes = None if fmt in ("nt", "nq") else {p: str(ns) for p, ns in PREFIXES.items()}
    if isinstance(out, (str, Path)):
        write_file(out, lambda f: ox.serialize(items, f, form.ox, prefixes=prefixes))
        return None
    return ox.serialize(items, out, form.ox, prefixes=prefixes)


def meta_quads(doc: str, digest: str, events_jsonl: str, built_with: str,
               person_ids: Iterable[str] = (), source: str | None = None,
               text_hash: str | None = None, stamp: str | None = None,
               table: str | None = None) -> list[ox.Quad]:
    """The meta graph entry of one article (graph.add_meta), as pyoxigraph quads."""
    sink = QuadSink()
    graph.add_meta(sink, doc, digest, events_jsonl, built_with, person_ids, source, text_hash, stamp, table)
    return sink.quads


class QuadSink:
    """Stands in for an rdflib Dataset where graph.py writes one article: collects its triples
    straight as pyoxigraph quads (an rdflib Dataset per article costs more than extraction)."""

    def __init__(self) -> None:
        self.quads: list[ox.Quad] = []
        self._graph = None

    def graph(self, identifier: object) -> QuadSink:
        self._graph = ox.NamedNode(str(identifier))
        return self

    def remove(self, triple: tuple) -> None:   # a new sink holds nothing to remove
        pass

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), self._graph))


def to_quads(ds: Dataset) -> Iterator[ox.Quad]:
    """The quads of an rdflib Dataset as pyoxigraph quads (no default-graph triples)."""
    for s, p, o, g in ds.quads((None, None, None, None)):
        if g is None or isinstance(g, BNode) or str(g).startswith("urn:x-rdflib:"):
            continue
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))


def to_ox(term: URIRef | Literal | BNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def destroy(path: str | Path) -> None:
    """Delete a store folder (for `kg build --fresh`)."""
    if Path(path).is_dir():
        shutil.rmtree(path)


def _unwritable(error: Exception) -> bool:
    """Whether opening failed because the system will not let kg write there."""
    text = str(error)
    return getattr(error, "errno", None) in (errno.EROFS, errno.EACCES, errno.EPERM) \
        or "Read-only file system" in text or "Permission denied" in text


def _open_error(path: Path, error: Exception) -> KgError:
    """What went wrong opening a store, and what to do: wait, write elsewhere, or rebuild."""
    text, number = str(error), getattr(error, "errno", None)
    if "lock" in text.lower():
        return KgError(f"{path}: store is in use by another kg process (a build, remove or query running "
                       "now)", "Wait for it to finish and run again")
    if _unwritable(error):
        return KgError(f"{path}: the store cannot be written ({text})",
                       "kg build, kg remove and updates write the store: copy it to a writable disk or give "
                       "another --store (kg query, show and export read it as it is)")
    if number in (errno.ENOSPC, errno.EDQUOT) or "No space left" in text:
        return KgError(f"{path}: cannot open the store, the disk is full ({text})",
                       "Free space on that disk, or give another --store")
    return KgError(f"{path}: cannot open the store, it is damaged ({text})",
                   "Rebuild it from the articles: kg build ARTICLES --store NEW_DIR (or move this folder away "
                   "and build again)")


def _drop_old_logs(path: Path, keep: int = 1) -> None:
    """Remove RocksDB's old info logs (`LOG.old.<time>`, one per opening, ~140 KB each) but the
    newest `keep`: they are diagnostics only, and else a store grows with every command."""
    try:
        old = sorted(path.glob("LOG.old.*"), key=lambda p: p.name)
        for log in old[:-keep] if keep else old:
            log.unlink(missing_ok=True)
    except OSError:
        pass


def stamps_of(entries: dict[str, tuple]) -> dict[str, tuple[str, str]]:
    """source path -> (stamp, doc id) from `KgStore.entries`, for the sources of one article."""
    by_source: dict[str, list[tuple[str, str]]] = {}
    for doc, (_, source, _, stamp) in entries.items():
        if source is not None and stamp is not None:
            by_source.setdefault(source, []).append((stamp, doc))
    return {source: pairs[0] for source, pairs in by_source.items() if len(pairs) == 1}


def _node(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def doc_subjects(store: ox.Store) -> dict:
    """The meta graph's article nodes -> their doc ids."""
    return {q.subject: q.object.value for q in store.quads_for_pattern(None, _node(META.doc), None, META_GRAPH)}


def _unquote(part: str) -> str:
    from urllib.parse import unquote
    return unquote(part)


def _ontologies():
    try:
        return resources.files("kg.ontologies")
    except ModuleNotFoundError:  # a source checkout that is not installed
        return Path(__file__).resolve().parents[2] / "ontologies"

"""The one module that writes triples: articles, sentences, events and actors as RDF.

Each article's triples go to a named graph of their own (its doc IRI); the actors, persons and
places the events use go to the `actors` graph. Event IRIs are `event:<doc>/<n>`, numbered in
order of sentence and position, so the same input gives the same graph. No blank nodes.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from rdflib import OWL, RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS  # noqa: F401 (used by tests)

from kg.base.model import Article, Event
from kg.base.vocab import (
    ACTOR,
    BASE,
    CONTEXT,
    DOC,
    EVENT,
    KG,
    META,
    PERSON,
    PLACE,
    PLOVER,
    PREFIXES,
    PROV,
    SEM,
    STANCE,
    WD,
)
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.places import Places

ACTORS_GRAPH = URIRef(BASE + "graph/actors")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")   # ontologies/kg.ttl and plover.ttl, in the store
META_GRAPH = URIRef(BASE + "graph/meta")           # the store's bookkeeping: hash and events per article


#: Non-ASCII characters of the Basic Multilingual Plane that Turtle allows in a prefixed name
#: (PN_CHARS) and RFC 3987 in an IRI (ucschar); above it, every plane but its last two code points
#: and the tags and variation selectors of U+E0000-E0FFF.
_NAME_RANGES = ((0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x37D), (0x37F, 0x1FFF), (0x203F, 0x2040),
                (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF))


def _kept(c: str) -> bool:
    if c.isascii():
        return c.isalnum() or c in "-._~"
    if unicodedata.category(c)[0] not in "LMN":
        return False
    o = ord(c)
    if o > 0xFFFF:
        return (o & 0xFFFF) <= 0xFFFD and not 0xE0000 <= o <= 0xE0FFF
    return any(lo <= o <= hi for lo, hi in _NAME_RANGES)


def iri_part(text: str) -> str:
    """A stable IRI segment for any string: ASCII letters, digits and ``-._~`` kept, and letters,
    marks and digits of other scripts too (``Ρωσία``: IRIs and Turtle names allow them); anything
    else (spaces, ``/``, ``%``, ``#``, quotes, controls) percent-encoded as UTF-8, so
    ``urllib.parse.unquote`` gives the string back and the same string gives the same IRI.

    >>> iri_part("Ρωσία"), iri_part("A/B c%"), iri_part("<script>")
    ('Ρωσία', 'A%2FB%20c%25', '%3Cscript%3E')
    """
    return "".join(c if _kept(c) else quote(c.encode("utf-8", "surrogatepass"), safe="") for c in text)


def doc_iri(doc: str) -> URIRef:
    return DOC[iri_part(doc)]


def sentence_iri(doc: str, index: int) -> URIRef:
    return URIRef(f"{doc_iri(doc)}/s{index}")


def event_iri(doc: str, n: int) -> URIRef:
    return EVENT[f"{iri_part(doc)}/{n}"]


def actor_iri(actor_id: str) -> URIRef:
    return ACTOR[iri_part(actor_id)]


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def add_article(ds: Dataset, article: Article, events: list[Event], places: Places | None = None) -> Graph:
    """Write one article and its events into its named graph (replacing what was there)."""
    g = ds.graph(doc_iri(article.doc))
    g.remove((None, None, None))
    d = doc_iri(article.doc)
    g.add((d, RDF.type, KG.Article))
    g.add((d, RDF.type, PROV.Entity))
    g.add((d, DCTERMS.identifier, Literal(article.doc)))
    g.add((d, DCTERMS.language, Literal(article.lang)))
    if article.title:
        g.add((d, DCTERMS.title, Literal(article.title)))
    if article.date:
        g.add((d, DCTERMS.date, Literal(article.date.isoformat(), datatype=XSD.date)))
    for source in article.sources:
        g.add((d, DCTERMS.source, Literal(source)))
    sentences = set()
    for n, ev in enumerate(events):
        e = event_iri(article.doc, n)
        s = sentence_iri(article.doc, ev.sentence)
        if ev.sentence not in sentences:
            sentences.add(ev.sentence)
            g.add((s, RDF.type, KG.Sentence))
            g.add((s, KG.inArticle, d))
            g.add((s, KG.index, Literal(ev.sentence)))
            g.add((s, KG.start, Literal(ev.start)))
            g.add((s, KG.end, Literal(ev.end)))
            g.add((s, KG.text, Literal(ev.text)))
        g.add((e, RDF.type, SEM.Event))
        g.add((e, RDF.type, KG.Event))
        g.add((e, SEM.eventType, PLOVER[ev.event]))
        g.add((e, KG.actor, actor_iri(ev.actor.actor)))
        g.add((e, SEM.hasActor, actor_iri(ev.actor.actor)))
        g.add((e, KG.actorMention, Literal(ev.actor.text)))
        if ev.actor.person:
            g.add((e, KG.agent, PERSON[iri_part(ev.actor.person)]))
        if ev.recipient:
            g.add((e, KG.recipient, actor_iri(ev.recipient.actor)))
            g.add((e, SEM.hasActor, actor_iri(ev.recipient.actor)))
            g.add((e, KG.recipientMention, Literal(ev.recipient.text)))
            if not ev.negated:
                g.add((actor_iri(ev.actor.actor), STANCE[ev.event], actor_iri(ev.recipient.actor)))
        g.add((e, KG.negated, Literal(ev.negated)))
        g.add((e, KG.modality, KG[ev.modality]))
        g.add((e, KG.cue, Literal(ev.cue)))
        if ev.pattern is not None:
            g.add((e, KG.pattern, Literal(ev.pattern)))
            g.add((e, KG.confidence, Literal(_decimal(ev.confidence), datatype=XSD.decimal)))
        if ev.issue:
            g.add((e, KG.issue, Literal(ev.issue)))
        for c in ev.contexts:
            g.add((e, KG.context, CONTEXT[c]))
        if ev.date:
            g.add((e, SEM.hasTimeStamp, Literal(ev.date.isoformat(), datatype=XSD.date)))
        if ev.place:
            g.add((e, SEM.hasPlace, PLACE[iri_part(ev.place)]))
        g.add((e, KG.sentence, s))
        g.add((e, PROV.wasDerivedFrom, s))
    if places is not None:                        # the places its events happened at, described
        for pid in sorted({ev.place for ev in events if ev.place}):
            _describe_place(g, places.describe(pid))
    return g


def _describe_place(g: Graph, place) -> None:
    p = PLACE[iri_part(place.id)]
    g.add((p, RDF.type, KG.Place))
    g.add((p, RDF.type, SEM.Place))
    for lang, label in sorted((place.labels or {"en": place.label}).items()):
        g.add((p, SKOS.prefLabel, Literal(label, lang=lang)))
    if place.wikidata:
        g.add((p, OWL.sameAs, WD[place.wikidata]))
    if place.country:
        g.add((p, KG.country, actor_iri(place.country)))


def add_actors(ds: Dataset, gazetteer: Gazetteer, actor_ids: Iterable[str], person_ids: Iterable[str]) -> Graph:
    """Describe the actors and persons the events use (labels, type, code, Wikidata)."""
    g = ds.graph(ACTORS_GRAPH)
    for aid in sorted(set(actor_ids)):
        actor = gazetteer.actors[aid]
        a = actor_iri(aid)
        g.add((a, RDF.type, KG[actor.type]))
        for lang, label in sorted(actor.labels.items()):
            g.add((a, SKOS.prefLabel, Literal(label, lang=lang)))
        if not actor.labels:
            g.add((a, SKOS.prefLabel, Literal(actor.label, lang="en")))
        g.add((a, SKOS.notation, Literal(actor.code)))
        g.add((a, KG.code, Literal(actor.code)))
        if actor.wikidata:
            g.add((a, OWL.sameAs, WD[actor.wikidata]))
        if getattr(actor, "country", None) and actor.country != aid:
            g.add((a, KG.country, actor_iri(actor.country)))
    for pid in sorted(set(person_ids)):
        person = gazetteer.persons[pid]
        p = PERSON[iri_part(pid)]
        g.add((p, RDF.type, KG.Person))
        g.add((p, SKOS.prefLabel, Literal(person.label, lang="en")))
        if person.wikidata:
            g.add((p, OWL.sameAs, WD[person.wikidata]))
    return g


def add_meta(ds: Dataset, doc: str, digest: str, events_jsonl: str, built_with: str,
             person_ids: Iterable[str] = (), source: str | None = None,
             text_hash: str | None = None, stamp: str | None = None, table: str | None = None) -> Graph:
    """The store's bookkeeping for one article: its content hash, its events.jsonl lines, the kg
    that built it, the persons its mentions name (for the actors graph), where it was read from
    and the hash of its text (its identity, kg.pipeline.incremental), and the stamp of its file
    (size, modification time and the build's options: an unchanged file is not read again), and
    its events as a compact table (kg.rdf.table, for `kg show`). Lives in META_GRAPH, which
    exports leave out."""
    g = ds.graph(META_GRAPH)
    d = doc_iri(doc)
    for pid in sorted(set(person_ids)):
        g.add((d, META.person, PERSON[iri_part(pid)]))
    g.add((d, META.doc, Literal(doc)))
    g.add((d, META.hash, Literal(digest)))
    g.add((d, META.events, Literal(events_jsonl)))
    g.add((d, META.builtWith, Literal(built_with)))
    if source is not None:
        g.add((d, META.source, Literal(source)))
    if text_hash is not None:
        g.add((d, META.textHash, Literal(text_hash)))
    if stamp is not None:
        g.add((d, META.stamp, Literal(stamp)))
    if table is not None:
        g.add((d, META.table, Literal(table)))
    return g


def union(ds: Dataset) -> Graph:
    """All triples of all graphs in one graph, with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g


def _decimal(x: float) -> str:
    """The canonical xsd:decimal form of a two-place number ("0.8", "1.0", "0.75"), as the stores
    and parsers write it back, so that a graph read back from a file equals the one built."""
    text = f"{x:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text

"""The one module that writes triples: articles, sentences, events and actors as RDF.

Each article's triples go to a named graph of their own (its doc IRI); the actors, persons and
places the events use go to the `actors` graph. Event IRIs are `event:<doc>/<n>`, numbered in
order of sentence and position, so the same input gives the same graph. No blank nodes.
"""
from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from rdflib import OWL, RDF, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS  # noqa: F401 (used by tests)

from .model import Article, Event
from .vocab import ACTOR, BASE, DOC, EVENT, KG, PERSON, PLOVER, PREFIXES, PROV, SEM, STANCE, WD

ACTORS_GRAPH = URIRef(BASE + "graph/actors")


def iri_part(text: str) -> str:
    """A stable IRI segment for any string: unreserved characters kept, the rest percent-encoded."""
    return quote(text, safe="-._~")


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


def add_article(ds: Dataset, article: Article, events: list[Event]) -> Graph:
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
        if ev.issue:
            g.add((e, KG.issue, Literal(ev.issue)))
        if ev.date:
            g.add((e, SEM.hasTimeStamp, Literal(ev.date.isoformat(), datatype=XSD.date)))
        g.add((e, KG.sentence, s))
        g.add((e, PROV.wasDerivedFrom, s))
    return g


def add_actors(ds: Dataset, gazetteer, actor_ids: Iterable[str], person_ids: Iterable[str]) -> Graph:
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
    for pid in sorted(set(person_ids)):
        person = gazetteer.persons[pid]
        p = PERSON[iri_part(pid)]
        g.add((p, RDF.type, KG.Person))
        g.add((p, SKOS.prefLabel, Literal(person.label, lang="en")))
        if person.wikidata:
            g.add((p, OWL.sameAs, WD[person.wikidata]))
    return g


def union(ds: Dataset) -> Graph:
    """All triples of all graphs in one graph, with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for quad in ds.quads((None, None, None, None)):
        g.add(quad[:3])
    return g

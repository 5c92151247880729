"""Property-based tests (hypothesis) on the reader, the extractor and the RDF writer.

- the reader: any bytes and any text give an Article or a KgError, never another exception, and
  the Article's text is where its offset says;
- the extractor: any text gives events (or none) whose evidence is the text at their offsets;
- the RDF writer: any text, in sentences, mentions, titles and labels, gives Turtle, TriG and
  N-Triples that rdflib and pyoxigraph both parse back to the same triples.

The examples are fixed (derandomize) so CI sees the same cases every run; set KG_FUZZ_EXAMPLES to
explore more, with fresh random cases: `KG_FUZZ_EXAMPLES=5000 python3 -m pytest tests/cli/test_fuzz.py`.
"""
from __future__ import annotations

import datetime as dt
import os
from functools import cache

import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef

from kg.read import article
from kg.rdf import graph
from kg.pipeline import batch as pipeline
from kg.rdf import serialize
from kg.base.errors import KgError
from kg.base.model import CATEGORIES, MODALITIES, Event, Mention
from kg.rdf.store import to_quads
from kg.base.vocab import PREFIXES

EXPLORE = int(os.environ.get("KG_FUZZ_EXAMPLES", "0"))


def fuzz(examples: int) -> settings:
    """`examples` fixed cases (about 0.1 s each at most), or KG_FUZZ_EXAMPLES random ones."""
    return settings(max_examples=EXPLORE or examples, deadline=None, derandomize=not EXPLORE,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Words that make the extractor work: actors, cues, negation, modality, clause words.
WORDS = ["The United States", "Turkey", "Russia", "the Syrian rebels", "the YPG", "Assad", "Obama",
         "De Amerikanen", "Turkse troepen", "de rebellen", "supported", "attacked", "steunen",
         "bombarderen", "did not", "niet", "will", "zou", "said", "zei", "and", "en", "who", "die",
         "against", "tegen", "with", "met", "IS-strijders", "Turkish-backed rebels", ",", ".", "?",
         "\n", "\n\n", "\"", "'", "(", ")", "<script>", "&amp;", "\\", "…", "Ρωσία", "中国"]
news = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), news)


@cache
def _languages() -> article.Languages:
    return article.load_languages()


@cache
def _pipeline() -> pipeline.Pipeline:
    return pipeline.Pipeline(pipeline.load_gazetteer())


def _read(text: str, **options) -> article.Article:
    return article.read_text(text, doc="fuzz", languages=_languages(), **options)


def _normalised(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# --- the reader ------------------------------------------------------------------------------

@fuzz(300)
@given(st.binary(max_size=400))
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\xef\xbb\xbf")
def test_any_bytes_decode_or_fail_cleanly(data):
    try:
        text = article.decode(data, "fuzz.txt")
    except KgError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    assert isinstance(text, str)


@fuzz(150)
@given(any_text, st.sampled_from([None, "en", "nl"]))
@example("lang: en\ndate: 2016-02-30\n\nx", None)
@example("title: \n\n\n", "en")
@example("\ufeff\r\n\r\nThe United States supported Turkey.\r", None)
@example("5/09/16 - 16u59 Bron: Belga\n\n", "nl")
def test_any_text_reads_or_fails_cleanly(text, lang):
    try:
        a = _read(text, lang=lang)
    except KgError as error:
        assert str(error).startswith(("fuzz: ", "lang option: ")), str(error)
        return
    assert a.text and a.text == _normalised(text)[a.offset:a.offset + len(a.text)]
    assert a.lang in ("en", "nl") and (lang is None or a.lang == lang)


# --- the extractor ---------------------------------------------------------------------------

@fuzz(80)
@given(any_text, st.sampled_from(["en", "nl"]))
@example("The United States supported the Syrian rebels.", "en")
@example("De Amerikanen steunen de rebellen niet.", "nl")
def test_any_text_extracts_without_crashing(text, lang):
    try:
        a = _read(f"lang: {lang}\n\n{text}")
    except KgError:
        return
    for e in _pipeline().extract(a):
        assert e.event in CATEGORIES and e.modality in MODALITIES
        assert 0 <= e.start < e.end <= len(a.text) and a.text[e.start:e.end] == e.text
        assert e.actor.actor and (e.recipient is None or e.recipient.actor)


# --- the RDF writer ----------------------------------------------------------------------------

def _mention(actor: str, text: str) -> Mention:
    return Mention(actor=actor, text=text, start=0, end=max(1, len(text)))


@st.composite
def articles_with_events(draw):
    text = draw(st.text(min_size=1, max_size=200))
    doc = draw(st.from_regex(r"[\w.~-]{1,20}", fullmatch=True))
    events = []
    for n in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        events.append(Event(
            doc=doc, sentence=n, start=start, end=end, text=text[start:end],
            event=draw(st.sampled_from(CATEGORIES)), actor=_mention("USA", draw(st.text(max_size=30))),
            recipient=draw(st.one_of(st.none(), st.just(_mention("SYRREB", draw(st.text(max_size=30)))))),
            negated=draw(st.booleans()), modality=draw(st.sampled_from(MODALITIES)),
            cue=draw(st.text(min_size=1, max_size=20)), date=dt.date(2016, 9, 5)))
    art = article.Article(doc=doc, text=text, lang="en", title=draw(st.one_of(st.none(), st.text(max_size=80))),
                          sources=tuple(draw(st.lists(st.text(max_size=20), max_size=2))), date=dt.date(2016, 9, 5))
    return art, events


@fuzz(50)
@given(articles_with_events())
def test_any_text_gives_rdf_that_parses_back_to_the_same_graph(case):
    art, events = case
    ds = graph.new_dataset()
    graph.add_article(ds, art, events)
    want = {tuple(t) for t in graph.union(ds)}
    store = ox.Store()
    store.extend(to_quads(ds))
    turtle = ox.serialize(serialize.union_triples(serialize.graphs_of(store)), format=ox.RdfFormat.TURTLE,
                          prefixes={p: str(ns) for p, ns in PREFIXES.items()}).decode("utf-8")
    trig = ox.serialize(serialize.sorted_quads(serialize.graphs_of(store)), format=ox.RdfFormat.TRIG,
                        prefixes={p: str(ns) for p, ns in PREFIXES.items()}).decode("utf-8")
    nt = graph.union(ds).serialize(format="nt")
    assert {tuple(t) for t in Graph().parse(data=turtle, format="turtle")} == want
    assert {tuple(t) for t in Graph().parse(data=nt, format="nt")} == want
    back = Dataset()
    back.parse(data=trig, format="trig")
    assert {q[:3] for q in back.quads((None, None, None, None))} == want
    for data, fmt in ((turtle, ox.RdfFormat.TURTLE), (trig, ox.RdfFormat.TRIG), (nt, ox.RdfFormat.N_TRIPLES)):
        assert {_from_ox(q) for q in ox.parse(data, format=fmt)} == want, fmt


def _from_ox(q) -> tuple:
    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if t.language:
            return Literal(t.value, lang=t.language)
        dtype = t.datatype.value
        return Literal(t.value, datatype=None if dtype.endswith("#string") else URIRef(dtype))
    return term(q.subject), term(q.predicate), term(q.object)


@fuzz(150)
@given(st.text(min_size=1, max_size=40))
def test_any_name_gives_an_iri_that_round_trips(name):
    iri = graph.actor_iri(name)
    ox.NamedNode(str(iri))
    from urllib.parse import unquote
    assert unquote(str(iri).rsplit("/", 1)[1]) == name
    g = Graph()
    g.bind("actor", "https://w3id.org/kgnews/actor/")
    g.add((iri, URIRef("https://w3id.org/kgnews/ontology#code"), Literal(name)))
    text = g.serialize(format="longturtle")
    assert set(Graph().parse(data=text, format="turtle")) == set(g)
    assert [q.subject.value for q in ox.parse(text, format=ox.RdfFormat.TURTLE)] == [str(iri)]

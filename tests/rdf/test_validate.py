"""kg validate: every build passes kg's SHACL shapes, and the shapes catch broken graphs.

The mutation table breaks one node per row, each row a different event, sentence or article of the
test corpus's graph, and checks that the report names that node with that shape's message.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

import kg
from kg.rdf import graph as rdf
from kg.rdf import validate
from kg.cli.app import main
from kg.base.vocab import ACTOR, KG, PLOVER, SEM

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
SEED = ARTICLES / "hln-2016-09-05-obama-poetin-g20.txt"
MAYBE = URIRef(str(KG._NS) + "maybe")     # not a modality (KG itself refuses unknown terms)


@pytest.fixture(scope="module")
def corpus():
    return kg.build([ARTICLES])


@pytest.fixture(scope="module")
def union(corpus) -> Graph:
    return rdf.union(corpus.dataset)


def test_the_corpus_build_conforms(corpus):
    report = validate.validate(corpus.dataset)
    assert report.conforms, validate.format_report(report)
    assert report.triples > 1000


@pytest.mark.parametrize("name", ["graph.trig", "graph.ttl"])
def test_kg_validate_passes_every_output_file(corpus, tmp_path, capsys, name):
    kg.write_outputs(corpus, tmp_path, html=False)
    assert main(["validate", str(tmp_path / name)]) == 0
    assert "conform to the shapes" in capsys.readouterr().out


def test_kg_validate_checks_the_store(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q"]) == 0
    assert main(["validate", "--store", str(out / "store"), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] and report["triples"] > 300


# --- mutations ---------------------------------------------------------------------------

class Picker:
    """Hands out distinct events (and their sentences and articles) to the mutations."""

    def __init__(self, g: Graph):
        self.g = g
        self.used: set = set()
        triples = Counter(self._stance_key(e) for e in g.subjects(RDF.type, KG.Event))
        self.unique = {k for k, n in triples.items() if n == 1}

    def _stance_key(self, e):
        return (self.g.value(e, KG.actor), self.g.value(e, SEM.eventType), self.g.value(e, KG.recipient),
                self.g.value(e, KG.negated))

    def event(self, *, recipient=False, unique=False, negated=False):
        for e in sorted(self.g.subjects(RDF.type, KG.Event)):
            sentence = self.g.value(e, KG.sentence)
            if e in self.used or sentence in self.used:
                continue
            if recipient and self.g.value(e, KG.recipient) is None:
                continue
            if bool(self.g.value(e, KG.negated).toPython()) != negated and (recipient or unique):
                continue
            if unique and self._stance_key(e) not in self.unique:
                continue
            self.used |= {e, sentence}
            return e
        raise AssertionError("the corpus has too few events for the mutations")

    def sentence(self):
        return self.g.value(self.event(), KG.sentence)

    def article(self):
        for a in sorted(self.g.subjects(RDF.type, KG.Article)):
            if a not in self.used:
                self.used.add(a)
                return a
        raise AssertionError("the corpus has too few articles for the mutations")


def _other(g, e):
    """An actor the event does not have yet (Russia, or the US when Russia is its actor)."""
    return ACTOR.USA if (e, KG.actor, ACTOR.RUS) in g else ACTOR.RUS


def _set(g, s, p, o):
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))


def _stance(g, e):
    category = str(g.value(e, SEM.eventType)).rsplit("/", 1)[1]
    return g.value(e, KG.actor), kg.base.vocab.STANCE[category], g.value(e, KG.recipient)


#: (case, mutation(graph, picker) -> the node that must be reported, message fragment)
MUTATIONS = [
    ("event without category", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, SEM.eventType, None)),
     "exactly one sem:eventType"),
    ("event with two categories", lambda g, p: _do(g, p.event(), lambda e: g.add((e, SEM.eventType, PLOVER.AID))),
     "exactly one sem:eventType"),
    ("category outside the scheme", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, SEM.eventType, PLOVER.FIGHT)),
     "a category of the PLOVER scheme"),
    ("a top concept as category", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, SEM.eventType, PLOVER.conflict)),
     "a category of the PLOVER scheme"),
    ("event without actor", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, KG.actor, None)),
     "exactly one kg:actor"),
    ("event with two actors", lambda g, p: _do(g, p.event(), lambda e: (g.add((e, KG.actor, _other(g, e))),
                                                                      g.add((e, SEM.hasActor, _other(g, e))))),
     "exactly one kg:actor"),
    ("actor not described", lambda g, p: _do(g, p.event(), lambda e: (_set(g, e, KG.actor, ACTOR.NOBODY),
                                                                     g.add((e, SEM.hasActor, ACTOR.NOBODY)))),
     "described in the actors graph"),
    ("two recipients", lambda g, p: _do(g, p.event(recipient=True), lambda e: (
        g.add((e, KG.recipient, ACTOR.NLD)), g.add((e, SEM.hasActor, ACTOR.NLD)))),
     "at most one kg:recipient"),
    ("negated as a string", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, KG.negated, Literal("false"))),
     "kg:negated, true or false"),
    ("negated missing", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, KG.negated, None)),
     "kg:negated, true or false"),
    ("modality not one of the six", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, KG.modality, MAYBE)),
     "one of the six"),
    ("two modalities", lambda g, p: _do(g, p.event(), lambda e: g.add((e, KG.modality, KG.hypothetical
                                                                       if (e, KG.modality, KG.future) in g
                                                                       else KG.future))),
     "one of the six"),
    ("no cue", lambda g, p: _do(g, p.event(), lambda e: _set(g, e, KG.cue, None)), "kg:cue"),
    ("timestamp not a date", lambda g, p: _do(g, p.event(), lambda e: _set(
        g, e, SEM.hasTimeStamp, Literal("5 September 2016"))), "sem:hasTimeStamp, an xsd:date"),
    ("no sentence", lambda g, p: _do(g, p.event(), lambda e: (_set(g, e, KG.sentence, None),
                                                             _set(g, e, PROV.wasDerivedFrom, None))),
     "exactly one kg:sentence"),
    ("derived from something else", lambda g, p: _do(g, p.event(), lambda e: g.add(
        (e, PROV.wasDerivedFrom, URIRef("https://example.org/elsewhere")))), "prov:wasDerivedFrom"),
    ("extra sem:hasActor", lambda g, p: _do(g, p.event(), lambda e: g.add((e, SEM.hasActor, ACTOR.FRA))),
     "sem:hasActor values are its kg:actor and kg:recipient"),
    ("stance triple missing", lambda g, p: _do(g, p.event(recipient=True, unique=True),
                                               lambda e: g.remove(_stance(g, e))),
     "has its direct stance triple"),
    ("negated event keeps its stance", lambda g, p: _stance_of_negated(g, p.event(recipient=True, unique=True)),
     "needs an event of its category, not negated"),
    ("stance without any event", lambda g, p: _returning(ACTOR.USA, g.add((ACTOR.USA, KG.assaults, ACTOR.NLD))),
     "needs an event of its category"),
    ("sentence without text", lambda g, p: _do(g, p.sentence(), lambda s: _set(g, s, KG.text, None)),
     "exactly one kg:text"),
    ("start after end", lambda g, p: _do(g, p.sentence(), lambda s: _set(g, s, KG.start, Literal(
        g.value(s, KG.end).toPython() + 1))), "below its kg:end"),
    ("negative start", lambda g, p: _do(g, p.sentence(), lambda s: _set(g, s, KG.start, Literal(-1))),
     "an integer >= 0"),
    ("offset as a string", lambda g, p: _do(g, p.sentence(), lambda s: _set(g, s, KG.end, Literal("12"))),
     "exactly one kg:end, an integer"),
    ("sentence in no article", lambda g, p: _do(g, p.sentence(), lambda s: _set(g, s, KG.inArticle, None)),
     "in exactly one kg:Article"),
    ("article without doc id", lambda g, p: _do(g, p.article(), lambda a: _set(g, a, DCTERMS.identifier, None)),
     "dcterms:identifier"),
    ("language not a code", lambda g, p: _do(g, p.article(), lambda a: _set(g, a, DCTERMS.language,
                                                                          Literal("English"))),
     "a language code"),
    ("two dates", lambda g, p: _do(g, p.article(), lambda a: g.add((a, DCTERMS.date, Literal(
        "1999-01-01", datatype=XSD.date)))), "at most one dcterms:date"),
    ("actor without its code", lambda g, p: _returning(ACTOR.SYRREB, _set(g, ACTOR.SYRREB, KG.code, None)),
     None),     # reported on the events naming it (kg:actor / kg:recipient: "described in the actors graph")
]


def _do(g, node, change):
    change(node)
    return node


def _returning(node, _):
    return node


def _stance_of_negated(g, e):
    g.add(_stance(g, e))          # the stance stays while the event becomes negated
    _set(g, e, KG.negated, Literal(True))
    return g.value(e, KG.actor)


@pytest.fixture(scope="module")
def broken(union):
    g = Graph()
    for t in union:
        g.add(t)
    picker = Picker(g)
    nodes = [mutate(g, picker) for _, mutate, _ in MUTATIONS]
    return nodes, validate.validate(g)


@pytest.mark.parametrize("index", range(len(MUTATIONS)), ids=[m[0] for m in MUTATIONS])
def test_the_shapes_catch_each_mutation(broken, index):
    nodes, report = broken
    case, _, message = MUTATIONS[index]
    assert not report.conforms
    if message is None:       # the actor's own shape is not a target: the events naming it are reported
        hits = [v for v in report.violations if v.value == str(nodes[index]) and v.path in (str(KG.actor), str(KG.recipient))]
        assert hits and all("described in the actors graph" in v.message for v in hits), case
        return
    hits = [v for v in report.violations if v.focus == str(nodes[index]) and message in v.message]
    assert hits, f"{case}: nothing about {nodes[index]} says {message!r}:\n" + validate.format_report(report)


def test_an_unbroken_node_is_not_reported(broken, union):
    nodes, report = broken
    reported = {v.focus for v in report.violations}
    clean = [e for e in union.subjects(RDF.type, KG.Event) if e not in nodes and str(e) not in reported]
    assert clean, "every event was reported: the shapes flag more than the mutations"


def test_kg_and_pyshacl_alone_give_the_same_report(tmp_path):
    """kg runs the sh:sparql constraints itself (once per shape); pySHACL alone must agree."""
    g = rdf.union(kg.build([SEED]).dataset)
    picker = Picker(g)
    for index in (0, 8, 16, 17, 18, 19, 20, 21):
        MUTATIONS[index][1](g, picker)
    ours = {(v.focus, v.path, v.value, v.message) for v in validate.validate(g).violations}
    theirs = {(v.focus, v.path, v.value, v.message) for v in validate.validate_with_pyshacl(g)}
    assert ours == theirs and len(ours) >= 8


def test_cli_reports_violations_and_exits_1(tmp_path, capsys):
    g = rdf.union(kg.build([SEED]).dataset)
    e = sorted(g.subjects(RDF.type, KG.Event))[0]
    _set(g, e, KG.modality, MAYBE)
    path = tmp_path / "broken.ttl"
    g.serialize(path, format="turtle")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"event:{str(e).rsplit('/event/', 1)[1]} kg:modality: An event has exactly one kg:modality, " \
           "one of the six. (value 'kg:maybe')" in captured.out
    assert captured.err.startswith(f"Error: {path}: 1 violation(s) of kg's shapes.")


@pytest.mark.parametrize("content, message", [
    ("@prefix x: <http://x/> .\nx:a x:b", "not valid turtle"),
    ("", None),
])
def test_cli_names_a_bad_graph_file(tmp_path, capsys, content, message):
    path = tmp_path / "g.ttl"
    path.write_text(content)
    code = main(["validate", str(path)])
    if message is None:       # an empty graph has nothing to break a shape
        assert code == 0
    else:
        assert code == 1 and capsys.readouterr().err.startswith(f"Error: {path}: {message}")

"""The files of output/: streamed RDF that parses back to the store, each union triple once,
the same bytes whatever the order articles came in, and no page beyond PAGE_LIMIT events."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.pipeline.incremental
import kg.pipeline.outputs
from kg.cli.app import main
from kg.rdf.store import META_GRAPH, ONTOLOGY, KgStore

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
SEED = ARTICLES / "hln-2016-09-05-obama-poetin-g20.txt"
RAQQA = ARTICLES / "en_fakes-reuters-raqqa-sdf-turkey.txt"
JARABLUS = ARTICLES / "en_fakes-alalam-turkey-ypg-jarablus.txt"
FILES = ("events.jsonl", "graph.ttl", "graph.trig", "graph.html")


@pytest.fixture(autouse=True)
def pinned_fingerprint(monkeypatch):
    monkeypatch.setattr(kg.pipeline.incremental, "fingerprint", lambda gazetteer=(), lexicons=(), engine="rules", parser=None: "pinned")


def build(out: Path, *paths: Path, extra=()) -> int:
    return main(["build", *map(str, paths), "-o", str(out), "-q", *extra])


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("three")
    assert main(["build", str(SEED), str(RAQQA), str(JARABLUS), "-o", str(out), "-q"]) == 0
    return out


def test_trig_holds_exactly_the_store_graphs(three):
    written = {(q.subject, q.predicate, q.object, q.graph_name)
               for q in ox.parse(path=three / "graph.trig", format=ox.RdfFormat.TRIG)}
    with KgStore(three / "store") as st:
        stored = {(q.subject, q.predicate, q.object, q.graph_name) for q in st.ox
                  if q.graph_name not in (META_GRAPH, ONTOLOGY) and isinstance(q.graph_name, ox.NamedNode)}
    assert written == stored
    assert len({g for *_, g in written}) == 3 + 1           # the articles and the actors graph


def test_turtle_is_the_union_with_each_triple_once(three):
    text = (three / "graph.ttl").read_bytes()
    triples = list(ox.parse(text, format=ox.RdfFormat.TURTLE))
    trig = {(q.subject, q.predicate, q.object) for q in ox.parse(path=three / "graph.trig", format=ox.RdfFormat.TRIG)}
    assert {(t.subject, t.predicate, t.object) for t in triples} == trig
    assert len(triples) == len(trig)                          # no triple written twice
    # a stance told by two of the articles (Turkey assaults the YPG) is one triple
    tur_ypg = (ox.NamedNode("https://w3id.org/kgnews/actor/TUR"),
               ox.NamedNode("https://w3id.org/kgnews/ontology#assaults"),
               ox.NamedNode("https://w3id.org/kgnews/actor/YPG"))
    with KgStore(three / "store") as st:
        assert len(list(st.ox.quads_for_pattern(*tur_ypg, None))) >= 2
    assert sum(1 for t in triples if (t.subject, t.predicate, t.object) == tur_ypg) == 1


def test_same_bytes_whatever_order_the_articles_came_in(three, tmp_path):
    one_by_one = tmp_path / "one-by-one"
    for path in (JARABLUS, SEED, RAQQA):
        assert build(one_by_one, path) == 0
    for name in FILES:
        assert (one_by_one / name).read_bytes() == (three / name).read_bytes(), name


def test_no_store_build_writes_the_same_rdf(three, tmp_path):
    assert build(tmp_path, SEED, RAQQA, JARABLUS, extra=["--no-store"]) == 0
    for name in ("graph.ttl", "graph.trig", "events.jsonl"):
        assert (tmp_path / name).read_bytes() == (three / name).read_bytes(), name


def test_beyond_the_page_limit_no_page_and_a_note(tmp_path, monkeypatch, capsys):
    assert build(tmp_path, SEED) == 0
    assert (tmp_path / "graph.html").is_file()
    events = len((tmp_path / "events.jsonl").read_text("utf-8").splitlines())
    monkeypatch.setattr(kg.pipeline.outputs, "PAGE_LIMIT", events)       # the seed alone still fits
    assert main(["build", str(RAQQA), "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert f"Note: graph.html not written: the store holds more than {events:,} events" in err
    assert "kg export -f html -o part.html" in err
    assert not (tmp_path / "graph.html").exists()               # the old page went with the set
    lines = (tmp_path / "events.jsonl").read_text("utf-8").splitlines()
    assert len(lines) > events and {json.loads(line)["doc"] for line in lines} == {SEED.stem, RAQQA.stem}
    assert main(["export", "-f", "html", "--store", str(tmp_path / "store"), "--actor", "TUR",
                 "-o", str(tmp_path / "part.html")]) == 0       # the way out the note names
    assert "Turkey" in (tmp_path / "part.html").read_text("utf-8")


def test_at_the_page_limit_the_page_is_drawn(tmp_path, monkeypatch):
    assert build(tmp_path / "a", SEED) == 0
    events = len((tmp_path / "a" / "events.jsonl").read_text("utf-8").splitlines())
    monkeypatch.setattr(kg.pipeline.outputs, "PAGE_LIMIT", events)
    assert build(tmp_path / "b", SEED) == 0
    assert (tmp_path / "b" / "graph.html").read_bytes() == (tmp_path / "a" / "graph.html").read_bytes()

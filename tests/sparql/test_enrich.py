"""kg enrich against a local Oxigraph server holding a Wikidata-shaped fixture (never the internet)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.sparql.enrich
import kg.pipeline.incremental
from kg.cli.app import main
from kg.sparql.enrich import ENRICHMENT, enrich, wikidata_items
from kg.sparql.endpoint import Endpoint
from kg.base.errors import KgError
from kg.pipeline.incremental import build_into
from kg.rdf.store import KgStore
from servers import oxigraph_binary, oxigraph_server

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wikidata-mini.ttl"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    """An Oxigraph server with wikidata-mini.ttl in its default graph, as Wikidata's endpoint has."""
    location = tmp_path_factory.mktemp("wikidata")
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(FIXTURE)],
                   check=True, capture_output=True)
    with oxigraph_server(location) as base:
        yield base + "/query"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.pipeline.incremental, "fingerprint", lambda gazetteer=(), lexicons=(), engine="rules", parser=None: "pinned")
    path = tmp_path / "out" / "store"
    build_into(path, [SEED])
    return path


def enrichment(path: Path, subject: str, predicate: str) -> set[str]:
    with KgStore(path) as st:
        return {str(q.object) for q in st.ox.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate),
                                                                None, ENRICHMENT)}


def test_the_seed_asks_about_its_actors_and_persons(store):
    with KgStore(store) as st:
        items = wikidata_items(st)
    assert {"Q76", "Q7747", "Q30", "Q159"} <= set(items) and "Q142" not in items


@pytest.mark.parametrize("subject,predicate,expected", [
    (WD + "Q76", "http://www.w3.org/2000/01/rdf-schema#label",
     {'"Barack Obama"@en', '"Barack Obama"@nl', '"Барак Обама"@ru', '"باراك أوباما"@ar'}),   # not @ja
    (WD + "Q76", "http://www.wikidata.org/prop/P39",
     {"<http://www.wikidata.org/entity/statement/Q76-president>",
      "<http://www.wikidata.org/entity/statement/Q76-senator>"}),
    (WD + "statement/Q76-president", "http://www.wikidata.org/prop/qualifier/P580",
     {'"2009-01-20T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'}),
    (WD + "statement/Q76-president", "http://www.wikidata.org/prop/qualifier/P582",
     {'"2017-01-20T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'}),
    (WD + "statement/Q7747-president", "http://www.wikidata.org/prop/qualifier/P582", set()),  # in office
    (WD + "statement/Q7747-president", "http://www.wikidata.org/prop/statement/P39", {"<" + WD + "Q218295>"}),
    (WD + "Q30", "http://www.wikidata.org/prop/direct/P17", {"<" + WD + "Q30>"}),
    (WD + "Q142", "http://www.w3.org/2000/01/rdf-schema#label", set()),                         # not asked
])
def test_enrich_stores_wikidata_facts(wikidata, store, subject, predicate, expected):
    with KgStore(store) as st:
        enrich(st, Endpoint(wikidata), languages=("en", "nl", "ru", "ar"), batch=2)
    assert enrichment(store, subject, predicate) == expected


def test_enrich_runs_from_the_cli_and_replaces_its_graph(wikidata, store, capsys):
    args = ["enrich", "--store", str(store), "--endpoint", wikidata, "--lang", "en,nl"]
    assert main(args) == 0
    first = capsys.readouterr().err
    assert main(args) == 0
    assert capsys.readouterr().err == first          # the same counts: replaced, not added twice
    assert "label(s), 3 office(s), 2 country link(s)" in first
    with KgStore(store) as st:
        labels = [q for q in st.ox.quads_for_pattern(ox.NamedNode(WD + "Q76"), None, None, ENRICHMENT)]
    assert len(labels) == len(set(labels))
    assert main(["query", "--store", str(store), "actors", "-f", "csv"]) == 0   # the store still queries


@pytest.mark.parametrize("langs,message", [("en,x y", "'x y' is not a language tag")])
def test_bad_language_tags_fail(store, langs, message):
    with KgStore(store) as st, pytest.raises(KgError, match=message):
        enrich(st, Endpoint("http://127.0.0.1:9/query"), languages=langs.split(","))


def test_the_default_endpoint_is_wikidata_and_only_used_when_asked():
    assert kg.sparql.enrich.WIKIDATA == "https://query.wikidata.org/sparql"

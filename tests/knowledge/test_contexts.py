"""Event contexts (what an event is about): the word files, the scheme, sentences in both
languages, the seed's events, the RDF and the filters (issue 14)."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.base.errors import KgError
from kg.base.vocab import CONTEXT, KG
from kg.cli.app import main
from kg.knowledge import contexts
from kg.rdf.readback import events_from_store
from kg.read.segment import tokenize
from kg.sparql.query import open_store
from kg.views.network import build

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"
SCHEME = ROOT / "ontologies" / "contexts.ttl"


def test_the_word_files_and_the_scheme_name_the_same_contexts():
    store = ox.Store()
    store.load(path=SCHEME, format=ox.RdfFormat.TURTLE)
    concepts = {r["c"].value[len(str(CONTEXT)):] for r in store.query(
        "SELECT ?c WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme> ?s }")}
    assert concepts == set(contexts.context_ids())
    for lang in ("en", "nl"):
        assert set(contexts.load(lang).ids) == concepts, lang      # every context has words in both


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Russia and Turkey agreed a ceasefire in Idlib.", ("ceasefire",)),
    ("nl", "Rusland en Turkije spraken een staakt-het-vuren af in Idlib.", ("ceasefire",)),
    ("nl", "De vredesbesprekingen in Genève liepen vast.", ("ceasefire",)),         # a compound's stem
    ("en", "The US accused Syria of using chemical weapons.", ("cbrn",)),
    ("nl", "De VS beschuldigden Syrië van het gebruik van chemische wapens.", ("cbrn",)),
    ("en", "Hungary closed its border to refugees.", ("refugees", "territory")),
    ("en", "The EU imposed new sanctions on Iran's oil exports.", ("economic", "resources")),
    ("en", "The two leaders met in Paris.", ()),
])
def test_sentences_name_their_contexts(lang, text, want):
    assert contexts.load(lang).find(tokenize(text, lang)) == want


def test_a_bad_context_file_is_an_error_naming_it():
    with pytest.raises(KgError, match=r"x.toml: \[military\] cannot be read"):
        contexts.parse('[military]\nwords = "troops"\n', "x.toml", "en")
    with pytest.raises(KgError, match="not valid TOML"):
        contexts.parse("[military\n", "x.toml", "en")


def test_the_seed_failed_agreement_is_about_the_ceasefire(tmp_path):
    result = kg.build([SEED])
    [failed] = [e for e in result.events if e.event == "AGREE" and e.negated]
    assert (failed.actor.actor, failed.recipient.actor) == ("USA", "RUS")
    assert failed.issue == "ceasefire" and failed.contexts[0] == "ceasefire"
    kg.write_outputs(result, tmp_path, html=False)
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert all(r["contexts"][:1] == ([r["issue"]] if r["issue"] else []) for r in records)
    store = open_store([tmp_path / "graph.trig"])
    iri = next(r["id"] for r in records if r["event"] == "AGREE" and r["negated"])
    found = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(str(KG.context)), None)}
    assert found == {str(CONTEXT.ceasefire)}
    back = {r["id"]: r["contexts"] for r in events_from_store(store)}
    assert back == {r["id"]: r["contexts"] for r in records}       # read back in the same order


def test_the_context_filter_keeps_only_events_about_it(capsys, tmp_path):
    records = kg.build([SEED]).records()
    g = build(records, contexts=["ceasefire"])
    kept = [e for _, _, d in g.edges(data=True) for e in d["events"]]
    assert kept and all("ceasefire" in e["contexts"] for e in kept)
    with pytest.raises(KgError, match="Unknown context 'ceasfire'. Did you mean ceasefire"):
        build(records, contexts=["ceasfire"])
    kg.write_outputs(kg.build([SEED]), tmp_path, html=False)
    assert main(["query", "stances-on", str(tmp_path / "graph.trig"), "-p", "context=ceasefire", "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert any(r["category"] == "AGREE" and r["negated"] is True and r["source"].endswith("USA") for r in rows)

"""The peer benchmarks in bench/ run on the copies in tests/data/peer and add up; the PLOVER
benchmark's rule for a gold actor "known to kg" is checked as a table. (The figures themselves are
in the README; they move with the extractor, so no floor is asserted here.)"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plover():
    return _module("peer_plover")


def test_petrarch_benchmark_adds_up():
    rep = _module("peer_petrarch").run()
    assert rep["records"] == 386 == len(rep["rows"])
    excluded = rep["status"].get("no PLOVER category", 0) + rep["status"].get("actor not from the dictionaries", 0)
    assert rep["scored"] + excluded + rep["no-event records"] == rep["records"]
    assert rep["no-event records"] == 27 and rep["scored"] > 200
    assert 0 < rep["matched"] <= rep["actors matched"] <= rep["scored"]
    assert rep["share"] == round(rep["matched"] / rep["scored"], 3)


def test_plover_benchmark_adds_up(plover):
    rep = plover.run()
    assert rep["sentences"] == 153 and rep["investigate (left out)"] == 3
    assert 0 < rep["in scope"] <= min(rep["source known"], rep["target known or none"])
    assert 0 <= rep["dyad accuracy"] <= rep["category accuracy"] <= 1
    rows = [r for r in rep["rows"] if r["in scope"]]
    assert all(r["gold"] != "INVESTIGATE" and r["known sources"] for r in rows)


@pytest.mark.parametrize("actor, known", [
    ({"code": "USA", "sector": None, "text": "United States"}, "USA"),
    ({"code": "USA", "sector": "LEG", "text": "US Congress"}, "USA"),          # an organ of the state
    ({"code": "SRB", "sector": "MILsrp", "text": "Bosnian Serbs forces"}, "SRB"),
    ({"code": "JAP", "sector": None, "text": "Japan"}, "JPN"),                # CAMEO spelling
    ({"code": "IGO", "sector": "GOV", "text": "U.N. Security Council"}, "UN"),  # found in the text
    ({"code": "IGO", "sector": None, "text": "European Community"}, None),
    ({"code": "NGO", "sector": None, "text": "Amnesty International"}, "AMNESTY"),  # orgs-world.ttl
    ({"code": "NGO", "sector": None, "text": "Caritas Internationalis"}, None),       # not in the gazetteer
    ({"code": "SDN", "sector": "REB", "text": "Sudanese rebels"}, None),       # not the state
    ({"code": "KGZ", "sector": "ELI", "text": "Ousted President Askar Akayev"}, None),
    ({"code": "ISR", "sector": "***", "text": "Israel"}, None),
    ({"code": "ITL", "sector": None, "text": "Italy"}, None),                 # not a code kg knows
    ({"code": None, "sector": None, "text": "diplomatic"}, None),
])
def test_plover_known_actor_rule(plover, actor, known):
    from kg.knowledge.lexicon import builtin
    from kg.knowledge.gazetteer import load_gazetteer
    from kg.coding.recognize import Recognizer
    gaz = load_gazetteer()
    assert plover.known_id(actor, gaz, Recognizer(gaz, builtin("en"))) == known

"""kg.views.network: hand-made events -> exact nodes, ties, counts, scores, filters."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import kg
from kg.views import network
from kg.base.errors import KgError
from kg.views.network import Filters, build, events_from_store, select
from kg.views.measures import centrality
from kg.sparql.query import open_store
from kg.base.vocab import SEM

ACTORS = {
    "USA": ("United States", "State", "Q30"), "RUS": ("Russia", "State", "Q159"),
    "SYR": ("Syria", "State", "Q858"), "REB": ("Syrian rebels", "ArmedGroup", None),
    "UN": ("United Nations", "Organisation", "Q1065"),
}


def actor(code: str) -> dict:
    label, kind, wikidata = ACTORS[code]
    return {"id": code, "label": label, "code": code, "type": kind, "wikidata": wikidata,
            "mention": label}


def ev(n: int, source: str, target: str | None, category: str, date: str | None = None,
       negated: bool = False, modality: str = "asserted") -> dict:
    """One event in the events.jsonl schema: `n` numbers it (id, sentence, offsets)."""
    return {"id": f"https://w3id.org/kgnews/event/d/{n}", "doc": "d", "sentence": n,
            "start": 10 * n, "end": 10 * n + 9, "text": f"sentence {n}", "event": category,
            "negated": negated, "modality": modality, "cue": "cue",
            "actor": actor(source), "recipient": actor(target) if target else None,
            "agent": None, "issue": None, "date": date, "place": None}


EVENTS = [
    ev(1, "USA", "REB", "SUPPORT", "2016-09-05"),
    ev(2, "USA", "REB", "AID", "2016-09-01"),
    ev(3, "USA", "REB", "ASSAULT", "2016-09-07", negated=True),
    ev(4, "RUS", "REB", "ASSAULT", "2016-10-01"),
    ev(5, "RUS", "REB", "ASSAULT", None),
    ev(6, "RUS", "USA", "CONSULT", "2016-09-05"),
    ev(7, "USA", "RUS", "ACCUSE", "2016-09-06", modality="reported"),
    ev(8, "SYR", "UN", "REJECT", "2016-11-01", negated=True),
    ev(9, "UN", None, "REQUEST", "2016-11-02"),
    ev(10, "SYR", "REB", "COERCE", "2016-08-30"),
]


def ties(g) -> dict:
    return {(u, v): (d["count"], d["counts"], d["negated"], d["score"], d["first"], d["last"])
            for u, v, d in g.edges(data=True)}


def test_ties_counts_scores_dates():
    assert ties(build(EVENTS)) == {
        # (events, counts of events not negated, negated, score, first, last)
        ("RUS", "REB"): (2, {"ASSAULT": 2}, 0, -10.0, "2016-10-01", "2016-10-01"),
        ("RUS", "USA"): (1, {"CONSULT": 1}, 0, 2.0, "2016-09-05", "2016-09-05"),
        ("SYR", "REB"): (1, {"COERCE": 1}, 0, -8.0, "2016-08-30", "2016-08-30"),
        ("SYR", "UN"): (1, {}, 1, 0.0, "2016-11-01", "2016-11-01"),
        ("USA", "REB"): (3, {"SUPPORT": 1, "AID": 1}, 1, 5.5, "2016-09-01", "2016-09-07"),
        ("USA", "RUS"): (1, {"ACCUSE": 1}, 0, -2.0, "2016-09-06", "2016-09-06"),
    }


def test_nodes_carry_the_actor_and_its_counts():
    g = build(EVENTS)
    assert list(g.nodes) == ["REB", "RUS", "SYR", "UN", "USA"]
    assert {n: (d["label"], d["type"], d["code"], d["wikidata"], d["events"], d["ties"])
            for n, d in g.nodes(data=True)} == {
        "REB": ("Syrian rebels", "ArmedGroup", "REB", None, 6, 3),
        "RUS": ("Russia", "State", "RUS", "Q159", 4, 2),
        "SYR": ("Syria", "State", "SYR", "Q858", 2, 2),
        "UN": ("United Nations", "Organisation", "UN", "Q1065", 2, 1),   # one without recipient
        "USA": ("United States", "State", "USA", "Q30", 5, 2),
    }


def test_tie_events_are_sorted_by_date_then_place():
    listed = build(EVENTS).edges["USA", "REB"]["events"]
    assert [e["sentence"] for e in listed] == [2, 1, 3]
    assert [e["sentence"] for e in build(EVENTS).edges["RUS", "REB"]["events"]] == [5, 4]  # undated first


def test_order_of_input_does_not_matter():
    shuffled = EVENTS[:]
    random.Random(3).shuffle(shuffled)
    a, b = build(EVENTS), build(shuffled)
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


@pytest.mark.parametrize("options, edges, nodes", [
    ({"categories": ["assault"]}, {("RUS", "REB"), ("USA", "REB")}, {"RUS", "REB", "USA"}),
    ({"categories": ["SUPPORT", "CONSULT"]}, {("USA", "REB"), ("RUS", "USA")}, {"USA", "REB", "RUS"}),
    ({"actors": ["UN"]}, {("SYR", "UN")}, {"SYR", "UN"}),
    ({"actors": ["RUS", "SYR"]}, {("RUS", "REB"), ("RUS", "USA"), ("USA", "RUS"), ("SYR", "REB"),
                                  ("SYR", "UN")}, {"RUS", "REB", "USA", "SYR", "UN"}),
    ({"start": "2016-09-05", "end": "2016-09-06"}, {("USA", "REB"), ("RUS", "USA"), ("USA", "RUS")},
     {"USA", "REB", "RUS"}),
    ({"start": "2016-10-01"}, {("RUS", "REB"), ("SYR", "UN")}, {"RUS", "REB", "SYR", "UN"}),
    ({"min_count": 2}, {("USA", "REB"), ("RUS", "REB")}, {"USA", "REB", "RUS"}),
    ({"min_count": 3}, {("USA", "REB")}, {"USA", "REB"}),
    ({"actors": ["UN"], "min_count": 2}, set(), set()),     # UN's 1 event without recipient
    ({"actors": ["UN"], "categories": ["REQUEST"]}, set(), {"UN"}),
    ({"min_count": 5}, set(), set()),
    ({"categories": ["THREATEN"]}, set(), set()),
])
def test_filters(options, edges, nodes):
    g = build(EVENTS, **options)
    assert set(g.edges) == edges
    assert set(g.nodes) == nodes


def test_date_filter_applies_to_tie_attributes():
    d = build(EVENTS, end="2016-09-05").edges["USA", "REB"]
    assert (d["count"], d["counts"], d["score"], d["last"]) == (2, {"SUPPORT": 1, "AID": 1}, 5.5,
                                                                 "2016-09-05")


def test_self_tie_counts_once():
    g = build([ev(1, "SYR", "SYR", "ASSAULT")])
    assert list(g.edges) == [("SYR", "SYR")]
    assert (g.nodes["SYR"]["events"], g.nodes["SYR"]["ties"]) == (1, 0)
    assert centrality(g) == {"SYR": 1.0}


@pytest.mark.parametrize("edges, expected", [
    ([], {}),
    ([("A", "B", 3), ("B", "A", 1), ("B", "C", 2)], {"A": 0.6667, "B": 1.0, "C": 0.3333}),
    ([("A", "B", 1), ("C", "D", 1)], {"A": 1.0, "B": 1.0, "C": 1.0, "D": 1.0}),
])
def test_centrality(edges, expected):
    import networkx as nx
    g = nx.DiGraph()
    g.add_edges_from((u, v, {"count": n}) for u, v, n in edges)
    assert centrality(g) == expected


def test_centrality_of_a_built_graph():
    assert centrality(build(EVENTS)) == {"REB": 1.0, "RUS": 0.6667, "SYR": 0.3333, "UN": 0.1667,
                                         "USA": 0.8333}


def test_graph_without_ties_has_zero_centrality():
    assert centrality(build([ev(1, "UN", None, "REQUEST")])) == {"UN": 0.0}


@pytest.mark.parametrize("call, message", [
    (lambda: build(EVENTS, categories=["ASSUALT"]), "Unknown category 'ASSUALT'. Did you mean ASSAULT?"),
    (lambda: build(EVENTS, start="5 Sept 2016"), "Bad start date '5 Sept 2016'. Write dates as YYYY-MM-DD"),
    (lambda: build(EVENTS, min_count=0), "min_count must be 1 or more, not 0"),
    (lambda: build([dict(EVENTS[0], event="FIGHT")]), "unknown category 'FIGHT'"),
    (lambda: build([dict(EVENTS[0], actor=None)]), "has no actor id"),
    (lambda: build([dict(EVENTS[0], recipient={"label": "x"})]), "has a recipient without id"),
])
def test_bad_input_fails_loudly(call, message):
    with pytest.raises(KgError, match=None) as caught:
        call()
    assert message in str(caught.value)


# --- filters shared by every command, events read back from a graph ----------------------------

def test_filters_carry_the_options_of_build():
    f = Filters(start="2016-09-05", end="2016-09-06", categories=("SUPPORT", "CONSULT"),
                actors=("USA",), min_count=1)
    assert set(f.graph(EVENTS).edges) == set(build(EVENTS, **f.options()).edges) == {
        ("USA", "REB"), ("RUS", "USA")}
    assert f.describe() == "dates 2016-09-05 to 2016-09-06; categories SUPPORT, CONSULT; actors USA"
    assert (Filters().active, f.active, Filters().describe()) == (False, True, "")


@pytest.mark.parametrize("options, ids", [
    ({}, [5, 10, 2, 1, 6, 7, 3, 4, 8, 9]),                        # by date, the undated first
    ({"min_count": 2}, [5, 2, 1, 3, 4]),                           # ties of 2+ events only
    ({"categories": ["REQUEST"]}, [9]),                            # an event without recipient
    ({"actors": ["UN"], "min_count": 2}, []),                      # UN has one event of each kind
    ({"start": "2016-10-01"}, [4, 8, 9]),
])
def test_select_gives_the_events_of_the_network(options, ids):
    found = select(EVENTS, **options)
    assert [e["sentence"] for e in found] == ids
    g = build(EVENTS, **options)
    assert sum(d["count"] for _, _, d in g.edges(data=True)) == sum(1 for e in found if e["recipient"])


def test_actor_filter_matches_case_and_suggests():
    assert set(build(EVENTS, actors=["un"]).nodes) == {"SYR", "UN"}
    with pytest.raises(KgError, match="No events of actor 'USAA'. Did you mean USA?"):
        build(EVENTS, actors=["USAA"])


@pytest.mark.parametrize("actor, country", [
    ({"id": "TUR", "type": "State"}, "TUR"),                         # a state is its own country
    ({"id": "YPG", "type": "ArmedGroup"}, "SYR"),                    # kg:country in the gazetteer
    ({"id": "XYZ", "type": "ArmedGroup"}, None),                     # unknown
    ({"id": "XYZ", "type": "ArmedGroup", "country": "IRQ"}, "IRQ"),  # said by the graph
])
def test_node_country(actor, country):
    event = ev(1, "USA", "REB", "ASSAULT")
    event["recipient"] = dict(actor, label=actor["id"])
    assert build([event]).nodes[actor["id"]]["country"] == country


def test_tie_weight_is_the_sum_behind_the_score():
    d = build(EVENTS).edges["USA", "REB"]
    assert (d["weight"], d["score"]) == (11.0, 5.5)


DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    kg.write_outputs(kg.build([DATA / "articles"]), out, html=False)
    return out


def test_events_from_store_are_the_events_jsonl(built):
    """The same dicts, in the same order, from graph.trig as the build wrote in events.jsonl.
    An event's place is read from `sem:hasPlace place:<id>`; while kg.rdf.graph writes no places,
    the places of events.jsonl cannot come back and are compared as None."""
    import pyoxigraph as ox
    store = open_store([built / "graph.trig"])
    wanted = [json.loads(line) for line in (built / "events.jsonl").read_text().splitlines()]
    assert len(wanted) > 50
    if next(iter(store.quads_for_pattern(None, ox.NamedNode(str(SEM.hasPlace)), None)), None) is None:
        wanted = [dict(w, place=None) for w in wanted]
    assert events_from_store(store) == wanted
    assert events_from_store(open_store([built / "graph.ttl"])) == wanted     # one default graph


def test_events_from_store_of_an_empty_store():
    assert events_from_store(open_store([])) == []


"""kg.views.analysis and kg show: hand-made networks with known answers, then the seed and the test articles.

The seed article (one Dutch report of 5 Sept 2016) gives the US-rebels / Russia-Assad / Turkey
against YPG and IS structure and no unbalanced triad (its three closed triads are balanced); the
seven test articles together give unbalanced triads, each checked against the article text.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg
from kg.views import analysis, report
from kg.views.analysis import balance, blocs, central, changes, hostility, relations, ties, triads
from kg.cli.app import main
from kg.base.errors import KgError
from kg.views.network import Filters, build, events_from_store
from kg.sparql.query import open_store

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"


def e(a: str, b: str, category: str, date: str | None = "2016-01-01", *, negated: bool = False,
      n: list = [0]) -> dict:       # noqa: B006 - a counter for unique ids
    """One event between hand-made actors (all states, labelled by their id)."""
    n[0] += 1
    return {"id": f"e{n[0]}", "doc": "d", "sentence": n[0], "start": 0, "end": 1,
            "text": f"{a} {category.lower()} {b}.", "event": category, "negated": negated,
            "modality": "asserted", "date": date,
            "actor": {"id": a, "label": f"Actor {a}", "code": a, "type": "State", "wikidata": None},
            "recipient": {"id": b, "label": f"Actor {b}", "code": b, "type": "State", "wikidata": None}}


# --- hand-made networks --------------------------------------------------------------------------

def test_centrality_order_and_betweenness():
    # H is a hub: 3 events with A, 2 with B, 1 with C; A and B also share one; C only knows H
    g = build([e("H", "A", "AID")] * 3 + [e("H", "B", "SUPPORT")] * 2 + [e("C", "H", "CONSULT"),
                                                                         e("A", "B", "ASSAULT")])
    rows = central(g)
    assert [(r["rank"], r["actor"], r["centrality"], r["betweenness"]) for r in rows] == [
        (1, "H", 1.0, 0.6667), (2, "A", 0.6667, 0.0), (3, "B", 0.5, 0.0), (4, "C", 0.1667, 0.0)]
    assert [(r["cooperative"], r["hostile"]) for r in rows] == [(3, 0), (1, 1), (1, 1), (1, 0)]
    assert [r["actor"] for r in central(g, top=2)] == ["H", "A"]


def test_strongest_ties_by_summed_weight_each_kind_apart():
    g = build([e("A", "B", "SUPPORT")] * 3 + [e("A", "C", "AID"), e("B", "C", "CONSULT"),
              e("C", "A", "ASSAULT"), e("B", "A", "THREATEN"), e("B", "A", "THREATEN"),
              e("C", "B", "ACCUSE", negated=True), e("A", "D", "ASSAULT", negated=True)])
    assert [(r["stance"], r["rank"], r["source"], r["target"], r["weight"], r["score"])
            for r in ties(g)] == [
        ("cooperative", 1, "A", "B", 12.0, 4.0), ("cooperative", 2, "A", "C", 7.0, 7.0),
        ("cooperative", 3, "B", "C", 2.0, 2.0),
        ("hostile", 1, "B", "A", -12.0, -6.0), ("hostile", 2, "C", "A", -10.0, -10.0),
        ("failed", 1, "A", "D", 0.0, 0.0), ("failed", 2, "C", "B", 0.0, 0.0)]
    assert [r["source"] + r["target"] for r in ties(g, top=1)] == ["AB", "BA", "AD"]   # the neutral
    # ties (all events negated: C->B, A->D) are neither cooperative nor hostile, but failed acts
    failed = [r for r in ties(g) if r["stance"] == "failed"]
    assert [(r["negated"], r["categories"]) for r in failed] == [(1, "not ASSAULT 1"), (1, "not ACCUSE 1")]


def two_camps() -> list[dict]:
    """Camps {A, B, C} and {D, E, F}, cooperative inside; C assaults D, F threatens A; G alone."""
    inside = [e(x, y, "SUPPORT") for x, y in ("AB", "BC", "CA", "DE", "EF", "FD")]
    return inside + [e("C", "D", "ASSAULT"), e("F", "A", "THREATEN"), e("G", "A", "ACCUSE")]


def test_blocs_are_the_cooperative_camps():
    found = blocs(build(two_camps()))
    assert [(b["bloc"], b["members"], b["cooperation"], b["hostility_inside"]) for b in found] == [
        (1, ["A", "B", "C"], 12.0, 0), (2, ["D", "E", "F"], 12.0, 0), (3, ["G"], 0, 0)]
    assert found[0]["labels"] == ["Actor A", "Actor B", "Actor C"]


def test_hostility_between_blocs():
    g = build(two_camps())
    assert hostility(g) == [
        {"a": 1, "b": 2, "hostile": -16.0, "cooperative": 0, "events": 2,
         "relations": ["A\u2013F -6.0", "C\u2013D -10.0"]},
        {"a": 1, "b": 3, "hostile": -2.0, "cooperative": 0, "events": 1, "relations": ["A\u2013G -2.0"]}]


def test_blocs_without_cooperation_are_single_actors():
    assert [b["members"] for b in blocs(build([e("A", "B", "ASSAULT"), e("B", "C", "ASSAULT")]))] == [
        ["A"], ["B"], ["C"]]


def test_relations_join_both_directions_and_leave_negated_events_out():
    r = relations(build([e("A", "B", "SUPPORT"), e("B", "A", "ASSAULT"), e("B", "A", "AID", negated=True),
                         e("A", "A", "COERCE")]))
    assert list(r.edges) == [("A", "B")]                       # the self-tie is left out
    d = r.edges["A", "B"]
    assert (d["count"], d["negated"], d["weight"], d["score"], d["sign"]) == (3, 1, -6.0, -3.0, -1)


#: Three ties A-B, B-C, A-C (the last one written C->A: direction does not matter); each cell is
#: the categories of that tie's events, "!" marking a negated one.
TRIADS = [
    (("SUPPORT", "SUPPORT", "SUPPORT"), "+ + +", True, "are all on cooperative terms"),
    (("SUPPORT", "AID", "ASSAULT"), "+ - +", False, "Actor A and Actor C are hostile to each other, "
                                                   "though both are on cooperative terms with Actor B"),
    (("SUPPORT", "ASSAULT", "COERCE"), "+ - -", True, "Actor A and Actor B cooperate against a common "
                                                      "enemy, Actor C"),
    (("ASSAULT", "THREATEN", "COERCE"), "- - -", False, "the enemy of my enemy is not a friend"),
    (("SUPPORT", "SUPPORT", "SUPPORT ASSAULT"), "+ - +", False, "hostile to each other"),  # net -3
    (("SUPPORT", "SUPPORT", "!ASSAULT"), None, None, None),          # negated only: neutral
    (("AID", "SUPPORT", "ACCUSE CONSULT"), None, None, None),        # net 0: neutral
]


@pytest.mark.parametrize("cells, signs, balanced, reading", TRIADS)
def test_triads_and_balance(cells, signs, balanced, reading):
    events = []
    for (x, y), cell in zip(("AB", "BC", "CA"), cells):
        events += [e(x, y, c.lstrip("!"), negated=c.startswith("!")) for c in cell.split()]
    g = build(events)
    found = triads(g)
    if signs is None:
        assert found == [] and balance(g) == []
        return
    assert [(t["actors"], t["signs"], t["balanced"]) for t in found] == [(["A", "B", "C"], signs, balanced)]
    assert reading in found[0]["reading"]
    assert balance(g) == ([] if balanced else found)
    # the evidence behind each edge: its events, both directions, as sentences
    assert [(x["a"], x["b"], [ev["text"] for ev in x["evidence"]]) for x in found[0]["edges"]] == [
        ("A", "B", [f"A {c.lstrip('!').lower()} B." for c in cells[0].split()]),
        ("A", "C", [f"C {c.lstrip('!').lower()} A." for c in cells[2].split()]),
        ("B", "C", [f"B {c.lstrip('!').lower()} C." for c in cells[1].split()])]


def test_balance_lists_friends_at_war_before_three_enemies():
    # A, B friends of C but hostile to each other; D, E, F all hostile to each other
    g = build([e("A", "C", "AID"), e("B", "C", "AID"), e("A", "B", "ASSAULT"),
               e("D", "E", "ASSAULT"), e("E", "F", "ASSAULT"), e("F", "D", "ASSAULT")])
    assert [(t["actors"], t["signs"]) for t in balance(g)] == [(["A", "B", "C"], "- + +"),
                                                              (["D", "E", "F"], "- - -")]


FLIP_AB = ("A", "B", 4.0, -10.0, "cooperative \u2192 hostile")
FLIP_AC = ("A", "C", -10.0, 7.0, "hostile \u2192 cooperative")


@pytest.mark.parametrize("split, filters, expected", [
    ("2017-01-01", Filters(), [FLIP_AC, FLIP_AB]),                       # biggest swing first
    ("2017-06-15", Filters(), [("A", "C", -1.5, 7.0, "hostile \u2192 cooperative")]),
    ("2016-06-01", Filters(), []),                                       # nothing before
    ("2018-01-01", Filters(), []),                                       # nothing after
    ("2017-01-01", Filters(categories=("SUPPORT", "AID")), []),          # no hostility left
    ("2017-01-01", Filters(actors=("B",)), [FLIP_AB]),
    ("2017-01-01", Filters(end="2016-12-31"), []),
])
def test_changes_find_ties_that_flipped(split, filters, expected):
    events = [e("A", "B", "SUPPORT", "2016-09-01"), e("B", "A", "ASSAULT", "2017-03-01"),
              e("A", "C", "ASSAULT", "2016-10-01"), e("C", "A", "AID", "2017-06-01"),
              e("A", "C", "AID", "2017-08-01"), e("A", "B", "ASSAULT", None)]   # undated: left out
    found = changes(events, split, filters)
    assert [(r["a"], r["b"], r["before"], r["after"], r["change"]) for r in found] == expected


def test_changes_carry_the_evidence_of_both_periods():
    found = changes([e("A", "B", "SUPPORT", "2016-09-01"), e("B", "A", "ASSAULT", "2017-03-01")],
                    "2017-01-01")
    assert [x["text"] for x in found[0]["evidence_before"]] == ["A support B."]
    assert [x["text"] for x in found[0]["evidence_after"]] == ["B assault A."]
    assert (found[0]["a_label"], found[0]["b_label"]) == ("Actor A", "Actor B")


@pytest.mark.parametrize("call, message", [
    (lambda: changes([], "1 Jan 2017"), "Bad split date '1 Jan 2017'"),
    (lambda: analysis.report([], "centrl"), "Unknown view 'centrl'. Did you mean central?"),
    (lambda: analysis.report([], "changes"), "needs a date to split"),
    (lambda: analysis.report([e("A", "B", "AID")], "all", filters=Filters(actors=("X",))),
     "No events of actor 'X'"),
])
def test_bad_requests_fail_with_a_fix(call, message):
    with pytest.raises(KgError) as caught:
        call()
    assert message in str(caught.value)


def test_records_are_plain_data():
    """What notebooks get: lists of dicts of str, int, float, bool, None and lists of those."""
    found = analysis.report(two_camps() + [e("B", "A", "ASSAULT", "2017-02-01")], split="2017-01-01")
    assert set(found) == {"summary", "central", "ties", "blocs", "hostility", "triads", "changes"}
    assert json.loads(json.dumps(found)) == found

    def plain(value):
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, (str, int, float, bool))
    assert plain(found)



def test_terminal_text_has_no_control_characters():
    events = [e("A", "B", "AID")]
    events[0]["text"] = "Evil \x1b[31mred\x1b[0m\nsecond line"
    events[0]["actor"]["label"] = "Bad\x07label"
    text = report.format_report(analysis.report(events + [e("B", "C", "AID"), e("A", "C", "ASSAULT")],
                                                "balance"))
    assert "\x1b" not in text and "\x07" not in text
    assert "Evil  [31mred [0m second line"[:4] in text and "Bad label" in text


# --- the seed article and the test articles ------------------------------------------------------

@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    # The analysis is tested on fixed graphs: the surface-rule engine's output for the seed and
    # the shared articles, from which the figures below were worked out by hand. The engines'
    # extraction is tested on its own (test_extract, test_patterns, test_scores).
    out = tmp_path_factory.mktemp("seed")
    kg.write_outputs(kg.build([SEED], engine="rules"), out, html=False)
    return out


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("articles")
    kg.write_outputs(kg.build([DATA / "articles"], engine="rules"), out, html=False)
    return out


def graph_of(out: Path):
    return build(events_from_store(open_store([out / "graph.trig"])))


def test_seed_blocs_are_us_rebels_turkey_and_russia_assad(seed):
    g = graph_of(seed)
    assert [b["members"] for b in blocs(g)] == [["SYRREB", "TUR", "USA"], ["RUS", "SYR"], ["ISIL"], ["YPG"]]
    assert [(h["a"], h["b"], h["relations"]) for h in hostility(g)] == [
        (1, 3, ["ISIL\u2013SYRREB -10.0", "ISIL\u2013TUR -10.0"]),     # Turkey and its rebels vs IS
        (1, 4, ["TUR\u2013YPG -6.0"]),                                # Turkey vs the YPG
        (1, 2, ["SYR\u2013SYRREB -8.0"])]                             # Assad vs the rebels


def test_seed_ties(seed):
    found = {(t["stance"], t["source"], t["target"]) for t in ties(graph_of(seed), top=None)}
    assert {("cooperative", "USA", "SYRREB"), ("cooperative", "RUS", "SYR"),
            ("cooperative", "TUR", "SYRREB"), ("hostile", "TUR", "YPG"), ("hostile", "TUR", "ISIL"),
            ("hostile", "SYR", "SYRREB")} <= found
    assert ties(graph_of(seed))[0]["source"] == "USA"                 # three talks with Russia
    assert [t["source"] + ">" + t["target"] for t in ties(graph_of(seed)) if t["stance"] == "hostile"][0] \
        == "TUR>ISIL"


def test_seed_has_three_closed_triads_all_balanced(seed):
    found = triads(graph_of(seed))
    assert [(t["actors"], t["signs"], t["balanced"]) for t in found] == [
        (["ISIL", "SYRREB", "TUR"], "- - +", True),
        (["RUS", "TUR", "USA"], "+ + +", True),
        (["SYRREB", "TUR", "USA"], "+ + +", True)]


def test_unbalanced_triads_of_the_articles_are_real(articles):
    """Each edge of each unbalanced triad: its evidence joins the two actors, is the sentence at
    those offsets of the article, and its net weight has the edge's sign. (Which triads there are
    follows the extractor; Russia bombing the rebels the US backs while talking to the US is the
    one these articles are about.)"""
    from kg.base.vocab import WEIGHT
    texts = {p.stem: kg.read(p).text for p in (DATA / "articles").glob("*.txt")}
    events = events_from_store(open_store([articles / "graph.trig"]))
    found = balance(build(events))
    assert ("RUS", "SYRREB", "USA") in {tuple(t["actors"]) for t in found}
    for triad in found:
        signs = []
        for edge in triad["edges"]:
            asserted = [x for x in edge["evidence"] if not x["negated"]]
            assert asserted, edge
            for item in edge["evidence"]:
                assert {item["source"], item["target"]} == {edge["a"], edge["b"]}
                event = next(r for r in events if (r["doc"], r["sentence"], r["event"], r["actor"]["id"])
                             == (item["doc"], item["sentence"], item["event"], item["source"]))
                assert texts[item["doc"]][event["start"]:event["end"]] == item["text"]
            mean = sum(WEIGHT[x["event"]] for x in asserted) / len(asserted)
            assert (mean >= 0.5 and edge["sign"] == "+") or (mean <= -0.5 and edge["sign"] == "-"), edge
            signs.append(1 if edge["sign"] == "+" else -1)
        assert signs[0] * signs[1] * signs[2] < 0
        assert triad["signs"].split() == ["+" if x > 0 else "-" for x in signs]


def test_changes_in_the_articles_are_sign_flips_across_the_split(articles, capsys):
    events = events_from_store(open_store([articles / "graph.trig"]))
    for split in ("2016-09-01", "2017-01-01", "2019-01-01"):
        for row in changes(events, split):
            assert all(x["date"] < split for x in row["evidence_before"])
            assert all(x["date"] >= split for x in row["evidence_after"])
            assert (row["before"] > 0) != (row["after"] > 0)
    assert main(["show", "changes", "--split", "2017-01-01", str(articles / "graph.trig")]) == 0
    assert "Ties that changed sign: before 2017-01-01 and from 2017-01-01 on" in capsys.readouterr().out


def test_kg_show_on_the_seed(seed, capsys):
    assert main(["show", str(seed / "graph.trig")]) == 0
    out = capsys.readouterr().out
    for line in ("7 actors, 11 ties, 15 events", "Syrian rebels, Turkey, United States",
                 "Russia, Syria", "TUR\u2013YPG -6.0", "SYR\u2013SYRREB -8.0",
                 "3 closed triads of cooperative/hostile relations, 0 unbalanced",
                 "Changes over time: give --split"):
        assert line in out, line
    assert main(["show", "blocs", str(seed / "graph.trig"), "-f", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) == {"summary", "blocs", "hostility"}


def test_kg_show_balance_prints_the_evidence(articles, capsys):
    assert main(["show", "balance", str(articles / "graph.trig")]) == 0
    out = capsys.readouterr().out
    assert "Russia and Syrian rebels are hostile to each other, though both are on cooperative " \
           "terms with United States" in out
    assert "De Amerikanen steunen enkele Syrische rebellenbewegingen" in out    # USA-SYRREB evidence


@pytest.mark.parametrize("args, code, message", [
    (["show", "centrl", "x.trig"], 1, "Unknown view 'centrl'. Did you mean central?"),
    (["show", "changes", "{seed}"], 1, "needs a date to split"),
    (["show", "--split", "2019-13-01", "{seed}"], 2, "not a date"),
    (["show", "{seed}", "--category", "FIGHT"], 1, "Unknown category 'FIGHT'"),
    (["show", "{seed}", "--actor", "usaa"], 1, "No events of actor 'usaa'. Did you mean USA?"),
    (["show", "{seed}", "--top", "-1"], 1, "--top -1 is negative"),
    (["show", "nothing.trig"], 1, "nothing.trig: no such graph file"),
])
def test_kg_show_errors(seed, capsys, args, code, message):
    args = [a.replace("{seed}", str(seed / "graph.trig")) for a in args]
    if args[1] == "centrl":
        args[2] = str(seed / "graph.trig")
    with pytest.raises(SystemExit) if code == 2 else _nothing() as exited:
        assert main(args) == code
    if code == 2:
        assert exited.value.code == 2
    assert message in capsys.readouterr().err


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_kg_show_filters(seed, capsys):
    assert main(["show", "ties", str(seed / "graph.trig"), "--category", "assault,coerce",
                 "--actor", "TUR", "-f", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["summary"]["filters"] == "categories ASSAULT, COERCE; actors TUR"
    assert [(t["source"], t["target"], t["categories"]) for t in found["ties"]] == [
        ("TUR", "ISIL", "ASSAULT 2"), ("TUR", "YPG", "ASSAULT 1")]


def test_kg_show_ties_names_a_failed_act(tmp_path, capsys):
    """The seed with the default engine: Obama and Putin talked but failed to agree; the US-Russia
    tie says both, not plain cooperation (issue 14)."""
    kg.write_outputs(kg.build([SEED]), tmp_path, html=False)
    assert main(["show", "ties", str(tmp_path / "graph.trig"), "-f", "json"]) == 0
    ties_found = json.loads(capsys.readouterr().out)["ties"]
    us_ru = [t for t in ties_found if {t["source"], t["target"]} == {"USA", "RUS"}]
    assert [t["stance"] for t in us_ru] == ["cooperative", "failed"]      # talks, and a failed agreement
    assert all(t["negated"] == 1 and "not AGREE 1" in t["categories"] and "CONSULT" in t["categories"]
               for t in us_ru)
    assert main(["show", "ties", str(tmp_path / "graph.trig"), "--context", "ceasefire"]) == 0
    text = capsys.readouterr().out
    failed = text.split("Failed or refused acts")[1]
    assert "(filters: about ceasefire)" in text and "United States  Russia" in failed and "not AGREE 1" in failed


def test_evidence_strength_ranks_and_words_the_ties_and_min_articles_filters(capsys, tmp_path):
    """A tie told by two articles ranks above a heavier one read from a single sentence, which is
    worded as such; --min-articles 2 keeps only the first (issue 14)."""
    two = [dict(e("A", "B", "SUPPORT"), doc="d1"), dict(e("A", "B", "SUPPORT"), doc="d2")]
    one = [dict(e("A", "C", "AID"), doc="d3", sentence=0) for _ in range(3)]       # 3 events, 1 sentence
    rows = [r for r in ties(build(two + one)) if r["stance"] == "cooperative"]
    assert [(r["target"], r["weight"], r["articles"], r["sentences"], r["evidence"]) for r in rows] == [
        ("B", 8.0, 2, 2, "2 sentences of 2 articles"), ("C", 21.0, 1, 1, "1 sentence")]
    assert list(build(two + one, min_articles=2).edges) == [("A", "B")]
    assert Filters(min_articles=2).describe() == "ties told by 2+ articles"
    with pytest.raises(KgError, match="min_articles must be 1 or more"):
        build(two, min_articles=0)
    kg.write_outputs(kg.build([SEED]), tmp_path, html=False)
    assert main(["show", "ties", str(tmp_path / "graph.trig"), "--min-articles", "2"]) == 0
    out = capsys.readouterr().out
    assert "0 ties" in out.splitlines()[0] and "(filters: ties told by 2+ articles)" in out   # one article
    assert main(["show", "ties", str(tmp_path / "graph.trig")]) == 0
    assert "1 sentence" in capsys.readouterr().out


@pytest.mark.parametrize("actors, count, top", [(60, 3000, 5), (300, 5000, 10), (40, 400, 1)])
def test_the_top_triads_are_those_of_the_full_list(actors, count, top):
    """`triads(g, top)` finds the best-evidenced triads of each kind without listing them all:
    the same rows as the head of each kind in the full list, and counts that add up."""
    import synthetic
    from kg.views.analysis import triad_counts
    g = build(synthetic.events(actors, count))
    full = triads(g)
    kinds = [[t for t in full if not t["balanced"] and t["signs"] != "- - -"],
             [t for t in full if t["signs"] == "- - -"], [t for t in full if t["balanced"]]]
    assert sum(map(len, kinds)) == len(full) and kinds[0] and kinds[2]
    assert triads(g, top) == kinds[0][:top] + kinds[1][:top] + kinds[2][:top]
    assert triad_counts(g) == {"closed": len(full), "balanced": len(kinds[2]),
                               "unbalanced": len(kinds[0]) + len(kinds[1]), "all_hostile": len(kinds[1])}

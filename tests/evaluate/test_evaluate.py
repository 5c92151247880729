"""The scorer (kg.evaluate): tiny cases as a table, shared gold files, malformed gold, reports."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import kg.evaluate
from kg.base.errors import KgError
from kg.evaluate import Gold, GoldEntry, dyad, format_report, load_events, load_gold, load_golds, report_json, score

HERE = Path(__file__).resolve().parents[1]      # tests/
FIXTURES = HERE / "fixtures" / "eval"
SHARED_GOLD = next((p for p in (HERE / "data" / "gold", HERE.parent.parent / "shared" / "gold")
                    if p.is_dir()), None)


def entry(actor, event, recipient, negated=False, required=True, alts=()):
    return GoldEntry(actor, event, recipient, negated, required, tuple(alts), "evidence")


def opt(actor, event, recipient, negated=False, alts=()):
    return entry(actor, event, recipient, negated, required=False, alts=alts)


def events(*dyads, doc="d"):
    return [{"doc": doc, "actor": a, "event": e, "recipient": r, "negated": n}
            for a, e, r, n in dyads]


NO = False
NEG = True

# name, gold entries, extracted (actor, event, recipient, negated), expected (tp, fp, fn)
CASES = [
    ("exact match", [entry("USA", "SUPPORT", "SYRREB")],
     [("USA", "SUPPORT", "SYRREB", NO)], (1, 0, 0)),
    ("symmetric pair sorted on the extracted side", [entry("USA", "CONSULT", "RUS")],
     [("RUS", "CONSULT", "USA", NO)], (1, 0, 0)),
    ("symmetric pair sorted on the gold side", [entry("USA", "AGREE", "RUS")],
     [("RUS", "AGREE", "USA", NO), ("USA", "AGREE", "RUS", NO)], (1, 0, 0)),
    ("symmetric COOPERATE both ways is one dyad", [entry("TUR", "COOPERATE", "SYRREB")],
     [("SYRREB", "COOPERATE", "TUR", NO), ("TUR", "COOPERATE", "SYRREB", NO)], (1, 0, 0)),
    ("asymmetric wrong direction: FP + FN", [entry("USA", "SUPPORT", "SYRREB")],
     [("SYRREB", "SUPPORT", "USA", NO)], (0, 1, 1)),
    ("alternative accepted", [entry("SYR", "ASSAULT", "SYRREB", alts=[("COERCE", NO)])],
     [("SYR", "COERCE", "SYRREB", NO)], (1, 0, 0)),
    ("alternative with its own negation", [entry("USA", "AGREE", "RUS", NEG,
                                                 alts=[("REJECT", NO)])],
     [("USA", "REJECT", "RUS", NO)], (1, 0, 0)),
    ("alternative REJECT negated is not REJECT", [entry("USA", "AGREE", "RUS", NEG,
                                                        alts=[("REJECT", NO)])],
     [("USA", "REJECT", "RUS", NEG)], (0, 1, 1)),
    ("symmetric alternative sorted", [entry("TUR", "SUPPORT", "SYRREB", alts=[("COOPERATE", NO)])],
     [("SYRREB", "COOPERATE", "TUR", NO)], (1, 0, 0)),
    ("asymmetric alternative keeps its direction", [entry("USA", "AGREE", "RUS", NEG,
                                                          alts=[("REJECT", NO)])],
     [("RUS", "REJECT", "USA", NO)], (0, 1, 1)),
    ("negation mismatch: FP + FN", [entry("USA", "AGREE", "RUS", NEG)],
     [("USA", "AGREE", "RUS", NO)], (0, 1, 1)),
    ("negated extraction of a plain entry: FP + FN", [entry("TUR", "ASSAULT", "YPG")],
     [("TUR", "ASSAULT", "YPG", NEG)], (0, 1, 1)),
    ("optional matched: neither TP nor FP", [opt("USA", "ACCUSE", "SYR")],
     [("USA", "ACCUSE", "SYR", NO)], (0, 0, 0)),
    ("optional absent: no FN", [opt("USA", "ACCUSE", "SYR")], [], (0, 0, 0)),
    ("optional alternative matched", [opt("TUR", "SUPPORT", "SYRREB", alts=[("AID", NO)])],
     [("TUR", "AID", "SYRREB", NO)], (0, 0, 0)),
    ("duplicate extraction counted once", [entry("TUR", "ACCUSE", "YPG")],
     [("TUR", "ACCUSE", "YPG", NO)] * 3, (1, 0, 0)),
    ("duplicate false extraction counted once", [],
     [("TUR", "ACCUSE", "ISIL", NO)] * 2, (0, 1, 0)),
    ("recipient None matches None", [entry("USA", "REQUEST", None)],
     [("USA", "REQUEST", None, NO)], (1, 0, 0)),
    ("recipient None is not a recipient", [entry("USA", "REQUEST", None)],
     [("USA", "REQUEST", "RUS", NO)], (0, 1, 1)),
    ("a recipient is not None", [entry("USA", "REQUEST", "RUS")],
     [("USA", "REQUEST", None, NO)], (0, 1, 1)),
    ("optional entry with recipient None", [opt("USA", "REQUEST", None)],
     [("USA", "REQUEST", None, NO)], (0, 0, 0)),
    ("one entry matched by two dyads: one TP, no FP",
     [entry("TUR", "ASSAULT", "YPG", alts=[("COERCE", NO)])],
     [("TUR", "ASSAULT", "YPG", NO), ("TUR", "COERCE", "YPG", NO)], (1, 0, 0)),
    ("one dyad fitting two required entries counts once",
     [entry("TUR", "ASSAULT", "YPG", alts=[("COERCE", NO)]), entry("TUR", "COERCE", "YPG")],
     [("TUR", "COERCE", "YPG", NO)], (1, 0, 1)),
    ("maximum matching, not greedy",
     [entry("TUR", "COERCE", "YPG", alts=[("ASSAULT", NO)]), entry("TUR", "ASSAULT", "YPG")],
     [("TUR", "ASSAULT", "YPG", NO), ("TUR", "COERCE", "YPG", NO)], (2, 0, 0)),
    ("dyad fitting a required and an optional entry is a TP",
     [entry("TUR", "ASSAULT", "PKK", alts=[("COERCE", NO)]), opt("TUR", "COERCE", "PKK")],
     [("TUR", "COERCE", "PKK", NO)], (1, 0, 0)),
    ("nothing extracted", [entry("TUR", "ASSAULT", "YPG"), opt("USA", "ACCUSE", "SYR")], [],
     (0, 0, 1)),
    ("nothing at all", [], [], (0, 0, 0)),
    ("false positive only", [], [("TUR", "ACCUSE", "ISIL", NO)], (0, 1, 0)),
    ("mixed", [entry("USA", "CONSULT", "RUS"), entry("TUR", "ACCUSE", "YPG"),
               opt("USA", "ACCUSE", "SYR")],
     [("RUS", "CONSULT", "USA", NO), ("USA", "ACCUSE", "SYR", NO), ("YPG", "ACCUSE", "TUR", NO)],
     (1, 1, 1)),
]


@pytest.mark.parametrize("gold,extracted,expected", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_counts(gold, extracted, expected):
    report = score([Gold("d", "d.json", "en", None, None, tuple(gold))], events(*extracted))
    doc = report.docs[0]
    assert (doc.tp, doc.fp, doc.fn) == expected
    assert (report.tp, report.fp, report.fn) == expected
    assert len(doc.misses) == doc.fn and len(doc.false) == doc.fp
    # every distinct extracted dyad lands in exactly one list
    distinct = {dyad(*x) for x in extracted}
    assert len(doc.matched) + len(doc.optional) + len(doc.false) == len(distinct)


# tp, fp, fn -> precision, recall, f1 (P = 1 when nothing is claimed, R = 1 when nothing is due)
FIGURES = [
    ((1, 0, 0), (1.0, 1.0, 1.0)),
    ((0, 0, 0), (1.0, 1.0, 1.0)),
    ((0, 0, 2), (1.0, 0.0, 0.0)),
    ((0, 3, 0), (0.0, 1.0, 0.0)),
    ((0, 1, 1), (0.0, 0.0, 0.0)),
    ((1, 1, 2), (0.5, 1 / 3, 0.4)),
]


@pytest.mark.parametrize("counts,figures", FIGURES)
def test_figures(counts, figures):
    tp, fp, fn = counts
    gold = [entry("TUR", "ASSAULT", f"R{n}") for n in range(tp + fn)]
    extracted = [("TUR", "ASSAULT", f"R{n}", NO) for n in range(tp)]
    extracted += [("TUR", "ACCUSE", f"R{n}", NO) for n in range(fp)]
    doc = score([Gold("d", "d.json", "en", None, None, tuple(gold))], events(*extracted)).docs[0]
    assert (doc.tp, doc.fp, doc.fn) == counts
    assert (doc.precision, doc.recall, doc.f1) == pytest.approx(figures)


def test_micro_sums_counts_and_macro_averages_articles():
    golds = [Gold("a", "a.json", "en", None, None, (entry("USA", "CONSULT", "RUS"),)),
             Gold("b", "b.json", "en", None, None, (entry("TUR", "ASSAULT", "YPG"),
                                                   entry("TUR", "ACCUSE", "YPG"),
                                                   entry("SYR", "ASSAULT", "SYRREB")))]
    extracted = (events(("USA", "CONSULT", "RUS", NO), doc="a")
                 + events(("TUR", "ASSAULT", "YPG", NO), ("TUR", "ASSAULT", "ISIL", NO), doc="b"))
    report = score(golds, extracted)
    assert [(d.doc, d.tp, d.fp, d.fn) for d in report.docs] == [("a", 1, 0, 0), ("b", 1, 1, 2)]
    assert [d.f1 for d in report.docs] == pytest.approx([1.0, 0.4])
    assert (report.tp, report.fp, report.fn) == (2, 1, 2)
    assert (report.precision, report.recall, report.f1) == pytest.approx((2 / 3, 0.5, 4 / 7))
    assert report.macro_f1 == pytest.approx(0.7)


def test_events_without_gold_are_ignored_and_gold_without_events_misses_all():
    gold = Gold("a", "a.json", "en", None, None, (entry("USA", "CONSULT", "RUS"),
                                                  opt("USA", "ACCUSE", "SYR")))
    report = score([gold], events(("TUR", "ASSAULT", "YPG", NO), doc="other"))
    assert (report.tp, report.fp, report.fn, report.ignored) == (0, 0, 1, 1)
    assert report.docs[0].misses == [gold.entries[0]]


@pytest.mark.parametrize("actor,recipient", [
    ("USA", "RUS"), ({"id": "USA"}, {"id": "RUS", "label": "Russia"}), ({"id": "USA"}, "RUS")])
def test_ids_as_strings_or_dicts(actor, recipient):
    gold = Gold("a", "a.json", "en", None, None, (entry("USA", "SUPPORT", "RUS"),))
    event = {"doc": "a", "event": "SUPPORT", "negated": False, "actor": actor,
             "recipient": recipient}
    assert score([gold], [event]).tp == 1


@pytest.mark.parametrize("event,message", [
    ({"event": "ASSUALT"}, 'Did you mean "ASSAULT"'),
    ({"negated": "no"}, '"negated" is "no"'),
    ({"actor": None}, 'has no "actor"'),
    ({"actor": {"label": "Turkey"}}, '"actor" has no id'),
    ({"recipient": {"label": "YPG"}}, '"recipient" has no id'),
    ({"recipient": 7}, '"recipient" has no id'),
    ({"doc": None}, 'event 0 has no "doc"'),
])
def test_bad_events_raise(event, message):
    base = {"doc": "a", "event": "ASSAULT", "negated": False, "actor": "TUR", "recipient": "YPG"}
    with pytest.raises(KgError, match=message):
        score([], [{**base, **event}])


# ------------------------------------------------------------------ fixtures and shared gold

def test_fixture_report_is_golden():
    report = score(load_golds([FIXTURES / "gold"]), load_events(FIXTURES / "events.jsonl"))
    assert format_report(report) == (FIXTURES / "report.txt").read_text(encoding="utf-8")
    assert "\x1b" not in format_report(report)


def test_fixture_report_json():
    report = score(load_golds(FIXTURES / "gold"), load_events(FIXTURES / "events.jsonl"))
    data = json.loads(json.dumps(report_json(report)))
    assert data["micro"] == pytest.approx({"tp": 3, "fp": 2, "fn": 3, "precision": 0.6,
                                           "recall": 0.5, "f1": 6 / 11})
    alpha = data["docs"][0]
    assert alpha["doc"] == "alpha" and data["ignored"] == 1
    assert [(m["event"], m["negated"], m["alternatives"]) for m in alpha["misses"]] == [
        ("AGREE", True, [{"event": "REJECT", "negated": False}]), ("ACCUSE", False, [])]
    assert [(f["actor"], f["event"], f["recipient"]) for f in alpha["false"]] == [
        ("RUS", "AGREE", "USA"), ("TUR", "ACCUSE", "ISIL")]
    assert alpha["matched"][0] == {"actor": "RUS", "event": "CONSULT", "recipient": "USA",
                                   "negated": False,
                                   "sentence": "Obama and Putin talked for ninety minutes."}
    assert [o["event"] for o in alpha["optional"]] == ["COOPERATE", "REQUEST"]
    assert report_json(report) == report_json(score(load_golds(FIXTURES / "gold"),
                                                    load_events(FIXTURES / "events.jsonl")))


def test_terse_report_has_no_error_lines():
    report = score(load_golds(FIXTURES / "gold"), load_events(FIXTURES / "events.jsonl"))
    text = format_report(report, verbose=False)
    assert "micro (2 docs)" in text and "MISS" not in text and "FALSE" not in text


SHARED = sorted(SHARED_GOLD.glob("*.json")) if SHARED_GOLD else []


@pytest.mark.skipif(not SHARED, reason="no shared gold folder")
@pytest.mark.parametrize("path", SHARED, ids=[p.stem for p in SHARED])
def test_shared_gold_loads_and_scores_itself_perfectly(path):
    gold = load_gold(path)
    assert gold.doc == path.stem and gold.entries
    extracted = events(*[(e.actor, e.event, e.recipient, e.negated) for e in gold.entries],
                       doc=gold.doc)
    report = score([gold], extracted)
    required = sum(e.required for e in gold.entries)
    assert (report.tp, report.fp, report.fn) == (required, 0, 0)


@pytest.mark.skipif(not SHARED, reason="no shared gold folder")
def test_shared_gold_folder_skips_non_json():
    assert [g.doc for g in load_golds(SHARED_GOLD)] == [p.stem for p in SHARED]


# ------------------------------------------------------------------ malformed gold

def _drop(key):
    return lambda d: d["events"][1].pop(key)


def _set(*path_and_value):
    *path, value = path_and_value

    def change(d):
        target = d
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return change


# what is done to a copy of fixtures/eval/gold/alpha.json, and what the error must say
MALFORMED = [
    ("missing required", _drop("required"), r'events\[1\] has no field "required"'),
    ("missing recipient", _drop("recipient"), r'events\[1\] has no field "recipient"'),
    ("missing evidence", _drop("evidence"), r'events\[1\] has no field "evidence"'),
    ("missing doc", lambda d: d.pop("doc"), r'the file has no field "doc"'),
    ("missing events", lambda d: d.pop("events"), r'the file has no field "events"'),
    ("unknown category", _set("events", 2, "event", "ASSUALT"),
     r'events\[2\]\.event "ASSUALT" is not a PLOVER category\. Did you mean "ASSAULT"'),
    ("unknown alternative", _set("events", 2, "alternatives", 0, "event", "COERSE"),
     r'events\[2\]\.alternatives\[0\]\.event "COERSE".*Did you mean "COERCE"'),
    ("alternative without negated", lambda d: d["events"][2]["alternatives"][0].pop("negated"),
     r'events\[2\]\.alternatives\[0\] has no field "negated"'),
    ("negated as string", _set("events", 0, "negated", "false"),
     r'events\[0\]\.negated is "false", not true or false'),
    ("required as null", _set("events", 0, "required", None),
     r'events\[0\]\.required is null, not true or false'),
    ("misspelt field", lambda d: d["events"][0].update(requried=True),
     r'unknown field "events\[0\]\.requried"\. Did you mean "required"'),
    ("unknown top field", lambda d: d.update(evnts=[]), r'unknown field "evnts"'),
    ("code not in actors", _set("events", 0, "recipient", "RUSS"),
     r'events\[0\]\.recipient "RUSS" is not in the file\'s actors table\. Did you mean "RUS"'),
    ("bad date", _set("date", "5 Sept 2016"), r'date "5 Sept 2016" is not a date'),
    ("events not a list", _set("events", {}), r"events is \{\}, not a list"),
    ("entry not an object", _set("events", 0, "USA"), r'events\[0\] is "USA", not an object'),
    ("duplicate entry", lambda d: d["events"].append(
        {**d["events"][0], "actor": "RUS", "recipient": "USA"}),
     r"events\[6\] \(RUS CONSULT USA\) repeats events\[0\]"),
    ("empty object", lambda d: d.clear(), r'the file has no field "doc"'),
]


@pytest.mark.parametrize("change,message", [m[1:] for m in MALFORMED],
                         ids=[m[0] for m in MALFORMED])
def test_malformed_gold_names_file_and_field(tmp_path, change, message):
    data = copy.deepcopy(json.loads((FIXTURES / "gold" / "alpha.json").read_text()))
    change(data)
    path = tmp_path / "alpha.json"
    path.write_text(json.dumps(data, indent=1))
    with pytest.raises(KgError, match=message) as error:
        load_gold(path)
    assert str(error.value).startswith(str(path) + ": ")


@pytest.mark.parametrize("text,message", [
    ('{\n  "doc": "x",\n  "events": [,]\n}\n', r"broken.json: not valid JSON at line 3, column 14"),
    ('[1, 2]', r"broken.json: the file is \[1, 2\], not an object"),
    ('', r"broken.json: not valid JSON at line 1, column 1"),
])
def test_not_gold_json(tmp_path, text, message):
    path = tmp_path / "broken.json"
    path.write_text(text)
    with pytest.raises(KgError, match=message):
        load_gold(path)


@pytest.mark.parametrize("files,message", [
    ({}, "the folder holds no gold files"),
    ({"settings.json": '{"theme": "dark"}'}, 'settings.json: unknown field "theme"'),
    ({"a.json": '{"doc": "a", "language": "en", "events": []}',
      "b.json": '{"doc": "a", "language": "en", "events": []}'}, 'doc "a" has two gold files'),
])
def test_bad_gold_folders(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "GUIDELINES.md").write_text("# not gold, skipped")
    with pytest.raises(KgError, match=message):
        load_golds([tmp_path])


def test_missing_gold_path(tmp_path):
    with pytest.raises(KgError, match="no such file or folder"):
        load_golds([tmp_path / "nowhere"])



def test_bad_events_file_names_the_line(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"doc": "a"}\n\n{"doc": \n')
    with pytest.raises(KgError, match=r"events.jsonl: line 3, column 9"):
        load_events(path)


def test_hypothetical_events_are_not_claims():
    """`score` leaves out hypothetical events unless asked to score every event."""
    from kg import evaluate as ev
    gold = ev.Gold(doc="d", path="d.json", language="en", date=None, article=None, entries=(
        ev.GoldEntry(actor="USA", event="ASSAULT", recipient="SYR", negated=False, required=True,
                     alternatives=(), evidence="x"),))
    events = [{"doc": "d", "actor": "USA", "event": "ASSAULT", "recipient": "SYR", "negated": False,
               "modality": "asserted"},
              {"doc": "d", "actor": "UN", "event": "SUPPORT", "recipient": "RUS", "negated": False,
               "modality": "hypothetical"}]
    assert (ev.score([gold], events).tp, ev.score([gold], events).fp) == (1, 0)
    assert ev.score([gold], events, skip=()).fp == 1

"""Extraction scored against every gold set the project carries: floors under precision, recall and
F1 (micro over each set's articles), so that a rule that helps one sentence and hurts others shows.

The floors sit a little under the figures measured when they were set (README, "Extraction
quality"); raise them when the extractor gets better. The held-out set is scored only as a whole.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import evaluate
from kg.pipeline.batch import build

DATA = Path(__file__).resolve().parents[1] / "data"

# The surface-rule engine (`--engine rules`): set, articles, gold, (precision, recall, F1) floors
SETS = [
    ("seed", ["articles/hln-2016-09-05-obama-poetin-g20.txt"], ["gold/hln-2016-09-05-obama-poetin-g20.json"], (1.0, 1.0, 1.0)),
    ("shared gold", ["articles"], ["gold"], (0.95, 0.77, 0.85)),
    ("composed nl", ["articles-nl"], ["gold-nl"], (0.97, 0.88, 0.93)),
    ("composed en", ["articles-en"], ["gold-en"], (0.97, 0.85, 0.91)),
    ("dev2", ["dev2/articles"], ["dev2/gold"], (0.89, 0.63, 0.74)),
    ("dev3", ["dev3/articles"], ["dev3/gold"], (0.92, 0.45, 0.61)),
    ("held-out", ["heldout/articles"], ["heldout/gold"], (0.70, 0.42, 0.53)),
]


@pytest.mark.parametrize("name,articles,gold,floors", SETS, ids=[s[0] for s in SETS])
def test_scores_stay_above_their_floors(name, articles, gold, floors):
    result = build([str(DATA / a) for a in articles], engine="rules")
    report = evaluate.score(evaluate.load_golds([DATA / g for g in gold]), result.records())
    assert len(report.docs) == len(evaluate.load_golds([DATA / g for g in gold]))
    got = (report.precision, report.recall, report.f1)
    assert all(g >= f for g, f in zip(got, floors)), f"{name}: P R F1 {got} under {floors}"


PARSE_FLOORS = {   # (P, R, F1) a little under the measured: python3 bench/gold_sets.py --engine parse
    "seed": (1.0, 1.0, 1.0),
    "shared": (0.77, 0.60, 0.68),     # 0.792 / 0.627 / 0.700 on 8 Dec (session 14)
    "composed-nl": (0.94, 0.84, 0.89),
    "composed-en": (0.90, 0.80, 0.86),
    "dev2": (0.86, 0.59, 0.70),
    "dev3": (0.88, 0.56, 0.69),       # 0.901 / 0.582 / 0.707 on 8 Dec (session 14)
    "dev4": (0.71, 0.35, 0.47),      # first measured blind at 0fedc16: P 0.657, R 0.275, F1 0.388; 0.735 / 0.372 / 0.494 on 8 Dec (session 14)
    "dev5": (0.78, 0.47, 0.59),      # first measured blind at c6241ce: P 0.774, R 0.441, F1 0.562; 0.803 / 0.498 / 0.615 at the end of session 14
    "heldout": (0.74, 0.50, 0.60),   # P 0.818 -> 0.770, R 0.474 -> 0.495 on 7 Dec (evening)
    "heldout2": (0.68, 0.38, 0.49),   # 0.707 / 0.404 / 0.514 at the end of session 14
}

# The parse engine (kg.coding, the default) on the same sets, with floors a little under its own
# figures (README, "Extraction on a parse"); the rules engine goes once the parse engine passes
# the rules' floors above. The frozen held-out sets are scored as a whole, never read for rules.
PARSE_SETS = [
    ("seed", ["articles/hln-2016-09-05-obama-poetin-g20.txt"], ["gold/hln-2016-09-05-obama-poetin-g20.json"], PARSE_FLOORS["seed"]),
    ("shared gold", ["articles"], ["gold"], PARSE_FLOORS["shared"]),
    ("composed nl", ["articles-nl"], ["gold-nl"], PARSE_FLOORS["composed-nl"]),
    ("composed en", ["articles-en"], ["gold-en"], PARSE_FLOORS["composed-en"]),
    ("dev2", ["dev2/articles"], ["dev2/gold"], PARSE_FLOORS["dev2"]),
    ("dev3", ["dev3/articles"], ["dev3/gold"], PARSE_FLOORS["dev3"]),
    ("dev4", ["dev4/articles"], ["dev4/gold"], PARSE_FLOORS["dev4"]),
    ("dev5", ["dev5/articles"], ["dev5/gold"], PARSE_FLOORS["dev5"]),
    ("held-out", ["heldout/articles"], ["heldout/gold"], PARSE_FLOORS["heldout"]),
    ("held-out 2 (frozen)", ["heldout2/articles"], ["heldout2/gold"], PARSE_FLOORS["heldout2"]),
]


@pytest.mark.parametrize("name,articles,gold,floors", PARSE_SETS, ids=[s[0] for s in PARSE_SETS])
def test_parse_engine_scores_stay_above_their_floors(name, articles, gold, floors):
    result = build([str(DATA / a) for a in articles], engine="parse")
    report = evaluate.score(evaluate.load_golds([DATA / g for g in gold]), result.records())
    got = (report.precision, report.recall, report.f1)
    assert all(g >= f for g, f in zip(got, floors)), f"{name}: P R F1 {got} under {floors}"


# The sentence suites (tests/data/suites, bench/suites.py): written from PLOVER's definitions by
# annotators who had not read kg; the frozen ones are scored only as a whole. Parse engine floors
# a little under the measured (python3 bench/suites.py).
SUITE_FLOORS = {
    "constructions-en": (0.86, 0.79, 0.83),   # P 0.890 -> 0.880 on 7 Dec (evening): a call the suite does not list ("rejected Zelensky's call for a meeting with Putin"), sanctions eased (RETREAT by CAMEO 085)
    "constructions-nl": (0.91, 0.76, 0.83),
    "frozen-en": (0.85, 0.48, 0.61),
    "frozen-nl": (0.87, 0.52, 0.65),
}


@pytest.fixture(scope="module")
def suite_pipeline():
    from kg.pipeline.batch import Pipeline
    from kg.knowledge.gazetteer import load_gazetteer
    return Pipeline(load_gazetteer(), engine="parse")


@pytest.mark.parametrize("name", sorted(SUITE_FLOORS))
def test_parse_engine_suites_stay_above_their_floors(name, suite_pipeline):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from suites import score
    tp, fp, fn = score(suite_pipeline, name, misses=False)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    got = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    assert all(g >= f for g, f in zip(got, SUITE_FLOORS[name])), f"{name}: P R F1 {got} under {SUITE_FLOORS[name]}"

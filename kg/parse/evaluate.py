"""Score a parser on the evaluation treebanks of its language (never trained on):

    python -m kg.parse.evaluate nl --ud ../shared/ud [--parser DIR] [-f table|json]

Each gold sentence's text is parsed as kg parses (kg.parse.parser: pipeline, verb lemma lookup,
post-parse fixes) and compared with the treebank: UPOS accuracy, UAS, LAS, the F1 of the role
relations the coder reads, and verb lemma accuracy (a Dutch separable verb's lemma with the
particle the parse found: "riep ... op" -> "op_roepen", as the treebank writes it; "afhaken" and
"af_haken" count as the same lemma, as they do for the patterns).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.parse.corpora import resolve
from kg.parse.parser import Parser
from kg.parse.train import _basic_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROLES = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "compound:prt", "conj", "appos")


def gold_docs(files: Sequence[Path]) -> list[Doc]:
    from spacy.training.converters import conllu_to_docs

    for path in files:
        yield from conllu_to_docs(_basic_lines(path.read_text("utf-8")), n_sents=1, no_print=True)


def score(parser: Parser, files: Sequence[Path]) -> dict:
    from spacy.scorer import Scorer
    from spacy.training import Example

    golds = list(gold_docs(files))
    start = time.perf_counter()
    preds = list(parser.parse(g.text for g in golds))
    seconds = time.perf_counter() - start
    examples = [Example(p, g) for p, g in zip(preds, golds)]
    s = Scorer.score_deps(examples, "dep", getter=lambda t, attr: t.vocab.strings.as_string(getattr(t, attr)).lower(),
                          ignore_labels=("p", "punct"))
    pos = Scorer.score_token_attr(examples, "pos")
    per = s.get("dep_las_per_type", {})
    hit = total = 0
    for p, g in zip(preds, golds):
        if len(p) != len(g) or any(a.text != b.text for a, b in zip(p, g)):
            continue                     # verb lemmas only where the tokens agree
        for a, b in zip(p, g):
            if b.pos_ in ("VERB",):
                lemma = parser.grammar.key(a) if parser.grammar.particle_first else a.lemma_.lower()
                hit += lemma.replace("_", "") == b.lemma_.lower().replace("_", "")
                total += 1
    return {"sentences": len(golds), "sentences_per_second": round(len(golds) / seconds),
            "pos": round(100 * pos["pos_acc"], 1), "uas": round(100 * s["dep_uas"], 1),
            "las": round(100 * s["dep_las"], 1),
            "verb_lemma": round(100 * hit / total, 1) if total else None, "verbs": total,
            "roles": {r: round(100 * per[r]["f"], 1) for r in ROLES if r in per}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.parse.evaluate", description=__doc__.split("\n")[0])
    ap.add_argument("lang")
    ap.add_argument("--ud", type=Path, default=Path("../shared/ud"))
    ap.add_argument("--parser", default=None, help="a spaCy pipeline folder instead of kg's own")
    ap.add_argument("-f", "--format", choices=("table", "json"), default="table")
    args = ap.parse_args(argv)
    parser = Parser.load(args.lang, args.parser)
    results = {name: score(parser, files) for name, files in resolve(args.lang, args.ud).evals.items()}
    if args.format == "json":
        print(json.dumps(results, indent=2, sort_keys=True))
        return 0
    for name, r in results.items():
        roles = ", ".join(f"{k} {v}" for k, v in r["roles"].items())
        print(f"{args.lang} {name}: {r['sentences']} sentences, POS {r['pos']}, UAS {r['uas']}, "
              f"LAS {r['las']}, verb lemmas {r['verb_lemma']} ({r['verbs']} verbs), "
              f"{r['sentences_per_second']} sentences/s\n  roles F1: {roles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

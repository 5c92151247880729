"""End-to-end speed of the parse engine (segment, recognize, parse, code) on one core, and what
skipping sentences costs: a sentence that names no actor and holds no pronoun is not parsed.

    python3 bench/parse_speed.py [--parser nl=DIR,en=DIR]

Corpora: the Wikinews CSVs of ../shared/corpus (295 English articles on every subject) and the
conflict articles of tests/data (every article with gold). For the second, each gold event's
evidence (each part of it) is looked up among the sentences the engine skipped (an event counts
when all of its evidence lies there: events kg cannot reach, whose actors it does not recognise),
and the articles are coded again with every sentence parsed: the events that adds must be 0.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from kg.read import article as reader  # noqa: E402
from kg import evaluate  # noqa: E402
from kg.pipeline.batch import Pipeline
from kg.knowledge.gazetteer import load_gazetteer  # noqa: E402
from kg.read.segment import segment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_sets import DATA, SETS  # noqa: E402
from run import wikinews_articles  # noqa: E402


def timed(pipe: Pipeline, articles) -> dict:
    for lang in sorted({a.lang for a in articles}):
        pipe.extract(next(a for a in articles if a.lang == lang))      # load the parser first
    coders = [pipe.coder(lang) for lang in sorted({a.lang for a in articles})]
    before = [(c.parsed, c.skipped) for c in coders]
    start = time.perf_counter()
    events = sum(len(found) for found in pipe.extract_many(articles))
    seconds = time.perf_counter() - start
    parsed = sum(c.parsed - b[0] for c, b in zip(coders, before))
    skipped = sum(c.skipped - b[1] for c, b in zip(coders, before))
    sentences = parsed + skipped
    return {"articles": len(articles), "sentences": sentences, "parsed": parsed, "skipped": skipped,
            "events": events, "seconds": round(seconds, 2),
            "sentences_per_second": round(sentences / seconds)}


def lost_gold(pipe: Pipeline, articles, golds) -> int:
    """Gold events whose evidence lies only in sentences the engine did not parse."""
    by_doc = {g.doc: g for g in golds}
    lost = 0
    for art in articles:
        gold = by_doc.get(art.doc)
        if gold is None:
            continue
        ex = pipe.extractor(art.lang)
        coder = pipe.coder(art.lang)
        sents = segment(art, ex.lex.words["abbreviations"], ex.lex.lemmas)
        found = coder.recognition.article(sents, art.date, set(coder.home_states(sents)))
        kept = [s.text for s, f in zip(sents, found) if f.mentions or coder.refers(s)]
        skipped = [s.text for s, f in zip(sents, found) if not (f.mentions or coder.refers(s))]
        for entry in gold.entries:      # lost: every part of its evidence lies in skipped sentences
            parts = [p.strip(" .…") for p in (entry.evidence or "").split(" / ") if p.strip(" .…")]
            if parts and all(any(p in s for s in skipped) and not any(p in s for s in kept) for p in parts):
                lost += 1
    return lost


def lost_events(pipe: Pipeline, articles) -> int:
    """Events the engine finds when it parses every sentence but not when it skips: a sentence
    that names no actor and refers to none cannot hold an event it can code."""
    def dyads(found):
        return {(e.doc, e.sentence, e.event, e.actor.actor, e.recipient and e.recipient.actor, e.negated)
                for events in found for e in events}
    skipping = dyads(pipe.extract_many(articles))
    for lang in sorted({a.lang for a in articles}):
        pipe.coder(lang).parse_all = True
    everything = dyads(pipe.extract_many(articles))
    for lang in sorted({a.lang for a in articles}):
        pipe.coder(lang).parse_all = False
    return len(everything - skipping)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parser", default=None)
    args = ap.parse_args(argv)
    pipe = Pipeline(load_gazetteer(), engine="parse", parser=args.parser)
    out = {"wikinews": timed(pipe, wikinews_articles())}
    conflict, golds = [], []
    for name, (arts, gold) in SETS.items():
        if all((DATA / g).exists() for g in gold) and name != "seed":
            got, _ = reader.read_all([str(DATA / a) for a in arts])
            conflict += got
            golds += evaluate.load_golds([DATA / g for g in gold])
    out["conflict"] = timed(pipe, conflict)
    out["conflict"]["gold_events_in_skipped_sentences"] = lost_gold(pipe, conflict, golds)
    out["conflict"]["events_lost_by_skipping"] = lost_events(pipe, conflict)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

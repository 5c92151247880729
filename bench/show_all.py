"""`kg show all` on a store of 100,000 events (issue 14), run by hand; prints a Markdown table.

    python3 bench/show_all.py                         # 500 actors, 100,000 events
    python3 bench/show_all.py --store output/store    # also time a store you have

The store is written directly (no extraction): tests/synthetic.py's events (actors in blocs, a few
hubs, busy ties; about three ties per actor, as in news), 10 to an article, through the same
graph, meta and table writers as `kg build` (kg.rdf.graph.add_article, kg.rdf.store.meta_quads,
kg.rdf.table). Each timing is the command a user types (`kg show all --store DIR`) in a child
process, wall time, median of --repeat runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402

from kg.base.files import record_line  # noqa: E402
from kg.base.model import Article, Event, Mention  # noqa: E402
from kg.knowledge.gazetteer import load_gazetteer  # noqa: E402
from kg.pipeline.batch import event_record  # noqa: E402
from kg.rdf import graph, table  # noqa: E402
from kg.rdf.store import KgStore, QuadSink, meta_quads  # noqa: E402


def write_store(folder: Path, actors: int, count: int, per_article: int = 10) -> int:
    """A store of `count` synthetic events, `per_article` to an article; returns how many articles."""
    events = synthetic.events(actors, count)
    articles = 0
    with KgStore(folder) as st:
        batch = []
        for n, (_, group) in enumerate(groupby(enumerate(events), key=lambda item: item[0] // per_article)):
            doc, group = f"syn-{n:06d}", [e for _, e in group]
            day = next((dt.date.fromisoformat(e["date"]) for e in group if e["date"]), None)
            art = Article(doc=doc, text="x", lang="en", date=day, title=doc)
            found = [Event(doc, k, 0, 60, e["text"], e["event"], Mention(e["actor"]["id"], 0, 1, "a"),
                           Mention(e["recipient"]["id"], 2, 3, "b"), negated=e["negated"],
                           date=dt.date.fromisoformat(e["date"]) if e["date"] else None, confidence=0.8,
                           pattern="synthetic")
                     for k, e in enumerate(group)]
            sink = QuadSink()
            graph.add_article(sink, art, found)
            records = []
            for k, ev in enumerate(found):
                rec = event_record(ev, None)
                rec["id"] = str(graph.event_iri(doc, k))
                records.append(rec)
            lines = "".join(map(record_line, records))
            batch.append((doc, sink.quads + meta_quads(doc, f"h{n}", lines, "bench", (), None, None, None,
                                                       table.encode(records))))
            articles += 1
            if len(batch) == 500:
                st.put(batch)
                batch = []
        st.put(batch)
        st.refresh_actors(load_gazetteer())
        st.load_ontology()
        table.refresh_merged(st)
    return articles


def show_all(store: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "show", "all", "--store", str(store)], check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--actors", type=int, default=500)
    p.add_argument("--events", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--store", action="append", default=[], metavar="DIR", help="also time this store")
    p.add_argument("--keep", metavar="DIR", help="write the synthetic store to DIR and keep it (reused if there)")
    args = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "store"
        if not folder.exists():
            began = time.perf_counter()
            write_store(folder, args.actors, args.events)
            print(f"store written in {time.perf_counter() - began:.0f} s", file=sys.stderr)
        rows.append((f"synthetic: {args.actors} actors, {args.events:,} events, 10 to an article",
                     show_all(folder, args.repeat)))
    for store in args.store:
        rows.append((store, show_all(Path(store), args.repeat)))
    print("| store | kg show all (s) |")
    print("| --- | --- |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} |")


if __name__ == "__main__":
    main()

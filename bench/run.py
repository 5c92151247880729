"""Benchmarks for issue 4, run by hand; writes BENCHMARKS.md (and prints it).

    python3 bench/run.py                       # everything, about 15-20 minutes on 2 cores
    python3 bench/run.py --articles 2000 --triples 10000,100000 --cap 10   # a quick run

Parts: (1) extraction throughput on the Wikinews corpus (text to events, one core);
(2) a synthetic corpus of N articles (deterministic templates over gazetteer actors), its
extraction throughput, a build into the store with --jobs 2 (time, peak memory of the whole
process tree), interrupted by SIGKILL and resumed (articles counted: none lost or duplicated);
(3) each named query's median latency at 10k, 100k and 1M triples of synthetic events in kg's
schema: through kg (kg.sparql.query.run on the on-disk store, and on its copy in memory as
`kg query --memory` makes), the same SPARQL text (kg.sparql.query.prepare) directly in pyoxigraph on
each, and in rdflib's default in-memory store, capped.

Each part's figures are kept in bench/results.json; a part left out with --skip is reported
from there (with the date it was measured), so one part can be re-run alone.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.read import article as reader  # noqa: E402
from kg.rdf import graph
from kg.sparql import query  # noqa: E402
from kg.base.model import Event, Mention  # noqa: E402
from kg.pipeline.batch import Pipeline
from kg.knowledge.gazetteer import load_gazetteer  # noqa: E402
from kg.read.segment import segment  # noqa: E402
from kg.rdf.store import KgStore, QuadSink, to_quads  # noqa: E402
from kg.base.vocab import PREFIXES  # noqa: E402

WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
SAMPLE = {"actor": "USA", "a": "USA", "b": "RUS"}
RESULTS = ROOT / "bench" / "results.json"
COMMAND = " ".join(["python3 bench/run.py", *sys.argv[1:]])
csv.field_size_limit(10**8)


# -- 1. extraction -------------------------------------------------------------------------------
def wikinews_articles() -> list:
    articles = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for n, row in enumerate(csv.DictReader(f)):
                date = dt.date.fromisoformat(row["date"][:10]) if row.get("date") else None
                text = (row.get("title") or "") + "\n\n" + row["text"]
                articles.append(reader.read_text(text, doc=f"{path.stem}-{n}", lang="en", date=date))
    return articles


def extraction(articles: list) -> dict:
    pipe = Pipeline(load_gazetteer())
    pipe.extract(articles[0])                        # warm up (lexicons, caches)
    sentences = events = 0
    started = time.perf_counter()
    for art in articles:
        ex = pipe.extractor(art.lang)
        sents = segment(art, ex.lex.words["abbreviations"], ex.lex.lemmas)
        sentences += len(sents)
        events += len(ex.article(art, sents))
    seconds = time.perf_counter() - started
    return dict(articles=len(articles), sentences=sentences, events=events, seconds=seconds,
                articles_s=len(articles) / seconds, sentences_s=sentences / seconds)


# -- 2. synthetic corpus, build, interrupt and resume -----------------------------------------------
TEMPLATES = [
    "{A} attacked {B} forces near the border on {day}.",
    "{A} said it would support {B} in the talks.",
    "The government of {A} accused {B} of violating the ceasefire.",
    "{A} and {B} signed an agreement on trade.",
    "Officials from {A} met their counterparts from {B} in Geneva.",
    "{A} rejected the proposal made by {B}.",
    "{A} threatened {B} with sanctions.",
    "Talks between the delegations continued for a second day.",
    "Prices of food and fuel rose again in the capital.",
    "Observers said the situation remained tense.",
]


def synthetic_corpus(folder: Path, n: int, seed: int = 4) -> Path:
    """n English articles of 8 sentences from templates and gazetteer state names (deterministic)."""
    gaz = load_gazetteer()
    names = sorted(a.labels.get("en", a.label) for a in gaz.actors.values() if a.type == "State")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        lines = [f"date: {day.isoformat()}", "lang: en", "", f"Report {i}", ""]
        body = []
        for _ in range(8):
            a, b = rng.sample(names, 2)
            body.append(rng.choice(TEMPLATES).format(A=a, B=b, day=day.strftime("%A")))
        (sub / f"synthetic-{i:06d}.txt").write_text("\n".join(lines) + " ".join(body) + "\n", encoding="utf-8")
    return folder


def tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo += children.get(p, [])
    return total


def run_build(folder: Path, out: Path, jobs: int, kill_after: float | None = None) -> dict:
    """`kg build FOLDER -o OUT --jobs N` (the default: the store, then the output files rewritten
    from it); peak RSS of the process tree sampled every 0.2 s."""
    cmd = [sys.executable, "-m", "kg.cli.app", "build", str(folder), "-o", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        if kill_after is not None and time.perf_counter() - started > kill_after:
            os.killpg(proc.pid, signal.SIGKILL)       # the build and its workers, no clean-up
            proc.wait()
            break
        time.sleep(0.2)
    err = proc.stderr.read()
    return dict(seconds=time.perf_counter() - started, peak=peak, code=proc.returncode, stderr=err.strip())


def store_counts(store: Path) -> dict:
    with KgStore(store) as st:
        docs = st.docs()
        articles = len(list(st.ox.quads_for_pattern(None, ox.NamedNode(graph.RDF.type),
                                                    ox.NamedNode(str(graph.KG.Article)), None)))
        events = sum(1 for _ in st.records())
        per_graph = {}
        for q in st.ox.quads_for_pattern(None, ox.NamedNode(graph.RDF.type), ox.NamedNode(str(graph.KG.Event)), None):
            per_graph[q.graph_name.value] = per_graph.get(q.graph_name.value, 0) + 1
        per_meta = {}
        for rec in st.records():
            per_meta[str(graph.doc_iri(rec["doc"]))] = per_meta.get(str(graph.doc_iri(rec["doc"])), 0) + 1
        whole = sum(1 for d in docs if per_graph.get(str(graph.doc_iri(d)), 0) == per_meta.get(str(graph.doc_iri(d)), 0))
    return dict(docs=len(docs), distinct=len(set(docs)), article_nodes=articles, events=events, whole=whole)


# -- 3. query latency ----------------------------------------------------------------------------
def synthetic_quads(target: int, seed: int = 7) -> list:
    """Quads of synthetic events in kg's schema (graph.add_article), about `target` of them."""
    gaz = load_gazetteer()
    actors = sorted(gaz.actors)
    cats = ["SUPPORT", "AID", "AGREE", "CONSULT", "ACCUSE", "REJECT", "THREATEN", "ASSAULT", "COERCE"]
    rng = random.Random(seed)
    quads, n = [], 0
    while len(quads) < target:
        doc = f"syn-{n:06d}"
        day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        art = reader.Article(doc=doc, text="x", lang="en", date=day, title=f"Synthetic {n}")
        events = []
        for k in range(4):
            a, b = rng.sample(actors, 2)
            a = "USA" if rng.random() < 0.05 else a
            b = "RUS" if rng.random() < 0.05 else b
            events.append(Event(doc, k, k * 10, k * 10 + 9, f"sentence {k} of {doc}", rng.choice(cats),
                                Mention(a, 0, 1, a), Mention(b, 2, 3, b), negated=rng.random() < 0.1,
                                cue="cue", date=day))
        sink = QuadSink()
        graph.add_article(sink, art, events)
        quads += sink.quads
        n += 1
    ds = graph.new_dataset()
    graph.add_actors(ds, gaz, actors, [])
    return quads + list(to_quads(ds))


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def consume(answer) -> int:
    return sum(1 for _ in answer) if not isinstance(answer, ox.QueryBoolean) else 1


def _rdflib_worker(nq: str, tasks: list, conn) -> None:
    """Load the quads into rdflib's default Dataset, then run each (query, way) task, sending
    ((name, way), seconds) back. Way "bind": the query (its `#[param]` lines switched on as for kg)
    with the parameters bound rdflib's own way, `initBindings`; way "text": the very text kg sends
    (`kg.sparql.query.prepare`: the parameters in a VALUES block), which rdflib joins late."""
    import rdflib
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=nq, format="nquads")
    conn.send(("load", time.perf_counter() - t))
    head = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"
    for name, way in tasks:
        named = query.load_query(name)
        params = {p.name: SAMPLE[p.name] for p in named.params}
        init = {}
        if way == "bind":
            text = query.prepare(named, params, values=False)
            init = {k: rdflib.URIRef(str(query.term(v))[1:-1]) for k, v in params.items()}
        else:
            text = query.prepare(named, params)
        t = time.perf_counter()
        len(list(ds.query(head + text, initBindings=init)))
        conn.send(((name, way), time.perf_counter() - t))
    conn.close()


def rdflib_times(quads: list, tasks: list, cap: float, budget: float) -> dict:
    """Seconds per (query, way) task in rdflib's default store (one run each); 'dnf' past `cap`
    seconds (the worker is then killed and a new one loads the data for the tasks left)."""
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    results: dict = {}
    todo = list(tasks)
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    while todo and time.perf_counter() - started < budget:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_rdflib_worker, args=(nq, todo, child))
        proc.start()
        limit = max(cap, 300.0)                        # loading gets longer than a query
        while todo:
            if not parent.poll(limit):
                results[todo.pop(0)] = f"dnf>{cap:.0f}s"
                break
            task, seconds = parent.recv()
            if task == "load":
                results.setdefault("load", seconds)
                limit = cap
                continue
            results[todo.pop(0)] = seconds
        proc.kill()
        proc.join()
    for task in todo:
        results[task] = "not run (budget)"
    return results


def query_bench(size: int, cap: float, budget: float, repeat: int, workdir: Path) -> dict:
    quads = synthetic_quads(size)
    names = sorted(q.name for q in query.list_queries())
    disk = workdir / f"store-{size}"
    shutil.rmtree(disk, ignore_errors=True)
    t = time.perf_counter()
    with KgStore(disk) as st:
        st.ox.bulk_extend(quads)
    load_disk = time.perf_counter() - t
    rows = {}
    with KgStore(disk) as st:
        t = time.perf_counter()
        memory = st.in_memory()                         # what `kg query --memory` does
        load_mem = time.perf_counter() - t
        for name in names:
            named = query.load_query(name)
            params = {p.name: SAMPLE[p.name] for p in named.params}
            text = query.prepare(named, params)
            kg_s = timed(lambda: query.run(named, st.ox, params), repeat)
            direct = timed(lambda: consume(st.ox.query(text, use_default_graph_as_union=True,
                                                       prefixes=PREFIXES)), repeat)
            kg_mem = timed(lambda: query.run(named, memory, params), repeat)
            mem = timed(lambda: consume(memory.query(text, use_default_graph_as_union=True,
                                                     prefixes=PREFIXES)), repeat)
            rows[name] = dict(kg=kg_s, direct=direct, kg_memory=kg_mem, memory=mem)
    rdf = rdflib_times(quads, [(n, way) for way in ("bind", "text") for n in names], cap, budget)
    for name in names:
        rows[name]["rdflib"] = rdf.get((name, "bind"))
        rows[name]["rdflib_text"] = rdf.get((name, "text"))
    return dict(triples=len(quads), load_disk=load_disk, load_mem=load_mem, load_rdflib=rdf.get("load"),
                rows=rows)


# -- report --------------------------------------------------------------------------------------
def ms(value) -> str:
    return value if isinstance(value, str) or value is None else f"{value * 1000:,.1f}"


def acceptance(parts: dict) -> list[str]:
    """Issue 4's acceptance figures, computed from the parts."""
    out = ["## Against the acceptance of issue 4", ""]
    if "wikinews" in parts:
        w = parts["wikinews"]
        out.append(f"- Extraction, Wikinews, one core: {w['sentences_s']:,.0f} sentences/s "
                   f"({'met' if w['sentences_s'] >= 2000 else 'NOT met'}: 2,000; PETRARCH2 250).")
    if "synthetic" in parts:
        s = parts["synthetic"]
        peak = max(b["peak"] for _, b in s["builds"]) / 2**30
        out.append(f"- {s['n']:,}-article build: peak {peak:.2f} GB for the process tree "
                   f"({'met' if peak < 2 else 'NOT met'}: under 2 GB); killed and resumed: "
                   + ("none lost, none duplicated." if "none lost" in s["resume"] else "NOT consistent."))
    if "queries" in parts:
        top = max(parts["queries"]["sizes"], key=lambda q: q["triples"])
        rows = top["rows"]
        worst = max(r["kg"] / r["direct"] for r in rows.values())
        worst_mem = max(r["kg_memory"] / r["memory"] for r in rows.values())
        out.append(f"- Named queries at {top['triples']:,} triples through kg vs the same SPARQL straight in "
                   f"pyoxigraph: at most {worst:.2f}x on disk, {worst_mem:.2f}x in memory "
                   f"({'met' if max(worst, worst_mem) <= 1.5 else 'NOT met'}: within 1.5x).")
        for col, way in (("rdflib", "bound its own way (initBindings)"),
                         ("rdflib_text", "given kg's very text (VALUES block)")):
            finished = {n: r for n, r in rows.items() if isinstance(r.get(col), float)}
            dnf = sorted(n for n, r in rows.items() if isinstance(r.get(col), str))
            for key, label in (("kg", "on disk"), ("kg_memory", "in memory")):
                ratios = {n: r[col] / r[key] for n, r in finished.items()}
                short = sorted(n for n, x in ratios.items() if x < 50)
                out.append(f"- rdflib {way} / kg {label}, where rdflib finishes ({len(finished)} of {len(rows)}): "
                           + ", ".join(f"{n} {x:,.0f}x" for n, x in sorted(ratios.items()))
                           + (": 50x met for all." if not short else f": 50x NOT met for {', '.join(short)}."))
            if dnf:
                out.append(f"- rdflib {way} did not finish within the cap: {', '.join(dnf)}.")
        out += ["", "Reading the two rdflib columns. Given kg's very text (the parameters in a VALUES block), "
                "rdflib evaluates the patterns over the whole store and joins the values last: "
                "events-of-actor and evidence do not finish; stances and timeline, whose text starts from "
                "the actor's `sem:hasActor` triples, run about as fast as when bound. Given the parameters "
                "its own way (`initBindings`), rdflib starts from its in-memory indexes (Python dicts) and "
                "pays per row of the answer, as Oxigraph does: the selective queries start from one actor "
                "(events-of-actor, timeline, stances: the sample actor's 2,500 events, 5% of all) or a pair "
                "(evidence: 135 events), so there kg's margin is the cost of one row's dozen index lookups, "
                "not of a search. Timing events-of-actor with one pattern added at a time gave about 3 us per "
                "lookup in Oxigraph's memory store and 8 us on disk (RocksDB); rdflib takes about 1 ms per row "
                "of a dozen lookups (2.5 s for 2,475 rows), some 80 us a lookup: 25x in memory and 10x on "
                "disk at best for such a query, whatever its shape. Where "
                "a query aggregates or joins over the whole store (`actors`, `fights`, `supports`, "
                "`contradictions`) kg's margin is large either way."]
    return out + [""]


def report(parts: dict, args) -> str:
    out = ["# Benchmarks", "",
           f"Written by `{COMMAND}` on {dt.date.today().isoformat()}: "
           f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
           f"{platform.python_version()}, pyoxigraph {ox.__version__}. Figures of one run each; each part "
           "says when and by which command it was measured (bench/results.json keeps them).", ""]
    out += acceptance(parts)
    if "wikinews" in parts:
        w = parts["wikinews"]
        out += ["## Extraction, Wikinews corpus (one core, text to events)", "",
                f"Measured {w.get('date', '?')} by `{w.get('command', 'python3 bench/run.py')}`.", "",
                "| articles | sentences | events | seconds | articles/s | sentences/s |", "| --- | --- | --- | --- | --- | --- |",
                f"| {w['articles']:,} | {w['sentences']:,} | {w['events']:,} | {w['seconds']:.1f} | "
                f"{w['articles_s']:,.0f} | {w['sentences_s']:,.0f} |", "",
                "For comparison: PETRARCH2's published 250 sentences/s (after a separate parser run at "
                "about 0.7 stories/s). Acceptance: 2,000 sentences/s per core.", ""]
    if "synthetic" in parts:
        s = parts["synthetic"]
        out += [f"## Synthetic corpus: {s['n']:,} articles of 8 sentences", "",
                f"Measured {s.get('date', '?')} by `{s.get('command', 'python3 bench/run.py')}`.", "",
                f"Generated deterministically (seed 4) from {len(TEMPLATES)} templates over the gazetteer's "
                f"states in {s['generate']:.0f} s.", "",
                "| step | seconds | articles/s | peak memory (process tree) | result |", "| --- | --- | --- | --- | --- |",
                f"| extraction of {s['extract']['articles']:,} of them, one core, in process | "
                f"{s['extract']['seconds']:.1f} | {s['extract']['articles_s']:,.0f} | - | "
                f"{s['extract']['sentences_s']:,.0f} sentences/s |"]
        for label, b in s["builds"]:
            out.append(f"| {label} | {b['seconds']:.1f} | {b.get('rate', '-')} | {b['peak'] / 2**30:.2f} GB | "
                       f"{b.get('result', '')} |")
        out += ["", "Interrupted and resumed: " + s["resume"], ""]
    if "queries" in parts:
        q0 = parts["queries"]
        out += ["## Named queries: median latency in ms", "",
                f"Measured {q0.get('date', '?')} by `{q0.get('command', 'python3 bench/run.py')}`. Synthetic events in kg's schema (4 events per article graph). "
                "`kg` is `kg.sparql.query.run` on kg's on-disk store, `kg mem` the same on the store's copy in "
                "memory (`kg query --memory`, `KgStore.in_memory()`); `ox` and `ox mem` the same SPARQL text "
                "(`kg.sparql.query.prepare`: parameters in a VALUES block) straight in pyoxigraph on each; "
                "`rdflib` the same query in rdflib's default Dataset with the parameters as `initBindings`, "
                "rdflib's own way, which it runs faster than a VALUES block; `rdflib text` kg's very text "
                "(VALUES block) in rdflib (one run each, capped at "
                f"{q0.get('cap', 30):.0f} s per query). Medians of {q0.get('repeat', 5)} runs.", ""]
        for q in q0["sizes"]:
            out += [f"### {q['triples']:,} triples", "",
                    f"Load: on-disk store {q['load_disk']:.1f} s, its copy into memory {q['load_mem']:.1f} s, rdflib "
                    + (f"{q['load_rdflib']:.1f} s" if isinstance(q['load_rdflib'], float) else "did not load in time"), "",
                    "| query | kg | ox | kg / ox | kg mem | ox mem | kg mem / ox mem | rdflib | rdflib / kg | "
                    "rdflib / kg mem | rdflib text | rdflib text / kg | rdflib text / kg mem |",
                    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
            for name, r in q["rows"].items():
                line = (f"| {name} | {ms(r['kg'])} | {ms(r['direct'])} | {r['kg'] / r['direct']:.2f} | "
                        f"{ms(r['kg_memory'])} | {ms(r['memory'])} | {r['kg_memory'] / r['memory']:.2f} |")
                for col in ("rdflib", "rdflib_text"):
                    rd = r.get(col)
                    line += f" {ms(rd) if rd is not None else 'not measured'} | " + (
                        f"{rd / r['kg']:,.0f}x | {rd / r['kg_memory']:,.0f}x |" if isinstance(rd, float) else "- | - |")
                out.append(line)
            out.append("")
    return "\n".join(out) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=100_000, help="synthetic corpus size")
    p.add_argument("--triples", default="10000,100000,1000000")
    p.add_argument("--cap", type=float, default=30.0, help="seconds per rdflib query before giving up")
    p.add_argument("--budget", type=float, default=900.0, help="seconds for rdflib per size")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--kill-after", type=float, default=120.0, help="seconds before the build is killed")
    p.add_argument("--skip", default="", help="parts to skip: wikinews,synthetic,queries")
    p.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    args = p.parse_args()
    skip = set(args.skip.split(","))
    kept = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    parts: dict = {name: kept[name] for name in skip if name in kept}
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        if "wikinews" not in skip:
            parts["wikinews"] = dict(extraction(wikinews_articles()), date=dt.date.today().isoformat(), command=COMMAND)
            print("wikinews", parts["wikinews"], flush=True)
        if "synthetic" not in skip:
            t = time.perf_counter()
            corpus = synthetic_corpus(work / "corpus", args.articles)
            generate = time.perf_counter() - t
            sample = sorted(corpus.rglob("*.txt"))[: min(args.articles, 5000)]
            extract = extraction([reader.read(f) for f in sample])
            builds = []
            killed = run_build(corpus, work / "out", jobs=2, kill_after=args.kill_after)
            k = store_counts(work / "out" / "store")
            killed.update(result=f"killed (SIGKILL) after {args.kill_after:.0f} s: {k['docs']:,} whole articles stored")
            builds.append(("kg build (store and files), --jobs 2, killed", killed))
            resumed = run_build(corpus, work / "out", jobs=2)
            r = store_counts(work / "out" / "store")
            said = [line for line in resumed["stderr"].splitlines() if "articles unchanged" in line]
            notes = [line for line in resumed["stderr"].splitlines() if line.startswith("Note:")]
            resumed.update(result=said[-1].split(";")[0] if said else resumed["stderr"][-300:])
            files = {f.name: f.stat().st_size for f in sorted((work / "out").glob("*.*"))}
            with open(work / "out" / "events.jsonl", "rb") as f:
                lines = sum(1 for _ in f)
            builds.append(("the same build resumed", resumed))
            total = killed["seconds"] + resumed["seconds"]
            builds.append(("both together", dict(seconds=total, peak=max(killed["peak"], resumed["peak"]),
                                                 rate=f"{args.articles / total:,.0f}",
                                                 result=f"{r['docs']:,} articles, {r['events']:,} events")))
            ok = (r["docs"] == r["distinct"] == r["article_nodes"] == args.articles and r["whole"] == r["docs"]
                  and lines == r["events"])
            parts["synthetic"] = dict(n=args.articles, generate=generate, date=dt.date.today().isoformat(),
                                      command=COMMAND, extract=extract, builds=builds, resume=(
                f"after the kill the store held {k['docs']:,} articles (each whole: {k['whole']:,} with as many "
                f"events in their graph as in their events.jsonl lines); the resumed build said "
                f"'{resumed['result']}'. In the end: {r['docs']:,} articles, {r['distinct']:,} distinct doc ids, "
                f"{r['article_nodes']:,} kg:Article nodes, {r['whole']:,} whole, {r['events']:,} events "
                f"({lines:,} lines in events.jsonl): {'none lost, none duplicated' if ok else 'NOT CONSISTENT'}. "
                "Files written by the resumed build: "
                + ", ".join(f"{name} {size / 2**20:,.0f} MB" for name, size in files.items())
                + (". " + " ".join(notes) if notes else ".")))
            print("synthetic", parts["synthetic"], flush=True)
            shutil.rmtree(work / "corpus", ignore_errors=True)
        if "queries" not in skip:
            parts["queries"] = dict(date=dt.date.today().isoformat(), command=COMMAND, cap=args.cap, repeat=args.repeat, sizes=[])
            for size in [int(x) for x in args.triples.split(",") if x]:
                parts["queries"]["sizes"].append(query_bench(size, args.cap, args.budget, args.repeat, work))
                print("queries", size, parts["queries"]["sizes"][-1], flush=True)
        RESULTS.write_text(json.dumps(parts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        text = report(parts, args)
        Path(args.out).write_text(text, encoding="utf-8")
        print(text)
        print(f"peak RSS of bench/run.py itself: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The persistent store: incremental builds, replace and remove, whole articles after an
interruption, one writer, exports, queries on the store, --jobs, progress."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.pipeline.incremental
import kg.cli.progress
import kg.rdf.store
from kg.cli.app import main
from kg.base.errors import KgError
from kg.pipeline.incremental import build_into
from kg.sparql.query import list_queries, open_store, run
from kg.rdf.store import KgStore, export_rdf
from kg.rdf.table import edited, read_events

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLES = DATA / "articles"
SEED = ARTICLES / "hln-2016-09-05-obama-poetin-g20.txt"
SUPPORT = "De Amerikanen steunen enkele Syrische rebellenbewegingen"
SAMPLE = {"actor": "USA", "a": "USA", "b": "RUS", "context": "ceasefire"}
FINGERPRINT = kg.pipeline.incremental.fingerprint
ACTORS = "https://w3id.org/kgnews/graph/actors"


def copy_articles(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(ARTICLES.glob("*.txt")):
        if names is None or path.stem in names:
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def graph_quads(store_dir: Path, doc: str) -> set[str]:
    with KgStore(store_dir) as st:
        g = ox.NamedNode(f"https://w3id.org/kgnews/doc/{doc}")
        return {str(q) for q in st.ox.quads_for_pattern(None, None, None, g)}


def stance(store_dir: Path, s: str, p: str, o: str) -> int:
    with KgStore(store_dir) as st:
        return len(list(st.ox.quads_for_pattern(ox.NamedNode(f"https://w3id.org/kgnews/actor/{s}"),
                                                ox.NamedNode(f"https://w3id.org/kgnews/ontology#{p}"),
                                                ox.NamedNode(f"https://w3id.org/kgnews/actor/{o}"), None)))


@pytest.fixture(autouse=True)
def pinned_fingerprint(monkeypatch):
    """The build fingerprint hashes kg's own code and data: pinned here, so that an edit to kg
    while the tests run does not turn 'unchanged' into 'rebuilt'."""
    monkeypatch.setattr(kg.pipeline.incremental, "fingerprint", lambda gazetteer=(), lexicons=(), engine="rules", parser=None: f"pinned {list(gazetteer)} {list(lexicons)}")


def test_the_fingerprint_covers_code_data_and_extra_gazetteers(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text("# no actors\n")
    base = FINGERPRINT()
    assert base == FINGERPRINT() and len(base) == 64
    assert FINGERPRINT([extra]) != base


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The test articles built into a store, and the same articles built in memory."""
    root = tmp_path_factory.mktemp("store")
    assert main(["build", str(ARTICLES), "-o", str(root / "store-out"), "-q"]) == 0
    assert main(["build", str(ARTICLES), "-o", str(root / "memory-out"), "-q", "--no-store"]) == 0
    return root


@pytest.mark.parametrize("name", ["events.jsonl", "graph.ttl", "graph.trig", "graph.html"])
def test_files_from_the_store_are_the_bytes_of_an_in_memory_build(built, name):
    assert (built / "store-out" / name).read_bytes() == (built / "memory-out" / name).read_bytes()


def test_no_store_build_keeps_no_store(built):
    assert not (built / "memory-out" / "store").exists()
    assert (built / "store-out" / "store").is_dir()


@pytest.mark.parametrize("step,change,summary", [
    ("same articles again", None, "6 articles unchanged, 0 rebuilt, 0 added"),
    ("one more article", "add", "6 articles unchanged, 0 rebuilt, 1 added"),
    ("the seed edited", "edit", "6 articles unchanged, 1 rebuilt, 0 added"),
])
def test_build_reports_what_changed(tmp_path, capsys, step, change, summary):
    folder = copy_articles(tmp_path / "in", names={p.stem for p in ARTICLES.glob("*.txt")} - {SEED.stem}
                           if change == "add" else None)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    if change == "add":
        (folder / SEED.name).write_bytes(SEED.read_bytes())
    if change == "edit":
        (folder / SEED.name).write_text(SEED.read_text().replace(SUPPORT, "Het regende"))
    if change is None:
        folder.joinpath(SEED.name).unlink()   # 6 left, all unchanged
    capsys.readouterr()
    assert main(["build", str(folder), "-o", str(out)]) == 0, step
    assert capsys.readouterr().err.startswith(summary), step


def test_a_changed_article_replaces_its_graph_and_its_stances(tmp_path):
    folder = copy_articles(tmp_path / "in", names={SEED.stem})
    store = tmp_path / "out" / "store"
    build_into(store, [folder])
    assert stance(store, "USA", "supports", "SYRREB") == 1
    (folder / SEED.name).write_text(SEED.read_text().replace(SUPPORT, "Het regende"))
    assert build_into(store, [folder]).rebuilt == (SEED.stem,)
    fresh = tmp_path / "fresh" / "store"
    build_into(fresh, [folder])
    assert graph_quads(store, SEED.stem) == graph_quads(fresh, SEED.stem)  # no duplicates, nothing stale
    assert stance(store, "USA", "supports", "SYRREB") == 0


def test_an_unchanged_build_writes_nothing_to_the_store(tmp_path, monkeypatch):
    store = tmp_path / "store"
    build_into(store, [ARTICLES])
    monkeypatch.setattr(kg.pipeline.incremental, "extract_article", lambda task: pytest.fail("extracted again"))
    report = build_into(store, [ARTICLES])
    assert (report.added, report.rebuilt, len(report.unchanged), report.events) == ((), (), 7, 0)


def test_remove_takes_the_article_out_and_recomputes_the_actors(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(ARTICLES), "-o", str(out), "-q"]) == 0
    doc = "en_voa-kerry-ceasefire-near-2016"
    only_here = "https://w3id.org/kgnews/actor/SAU"          # an actor of this article's events only
    with KgStore(out / "store") as st:
        assert any(st.ox.quads_for_pattern(ox.NamedNode(only_here), None, None, ox.NamedNode(ACTORS)))
    assert main(["remove", doc, "-o", str(out)]) == 0
    assert capsys.readouterr().err.startswith("1 article(s) removed; the store")
    with KgStore(out / "store") as st:
        assert doc not in st.docs() and len(st.docs()) == 6
        assert not any(st.ox.quads_for_pattern(ox.NamedNode(only_here), None, None, ox.NamedNode(ACTORS)))
    assert graph_quads(out / "store", doc) == set()
    assert doc not in (out / "events.jsonl").read_text()
    assert doc not in (out / "graph.trig").read_text()


@pytest.mark.parametrize("args,message", [
    (["remove", "hln-2016-09-05-obama-poetin-g2O"], "Did you mean 'hln-2016-09-05-obama-poetin-g20'?"),
    (["remove", "nothing-like-it"], "no article 'nothing-like-it' in the store. It holds: en_fakes"),
])
def test_remove_of_an_unknown_doc_fails_and_changes_nothing(built, tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["build", str(ARTICLES), "-o", str(out), "-q"]) == 0
    before = (out / "graph.trig").read_bytes()
    assert main([*args, "-o", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert (out / "graph.trig").read_bytes() == before


def test_remove_without_a_store_says_how_to_make_one(tmp_path, capsys):
    assert main(["remove", "x", "-o", str(tmp_path / "none")]) == 1
    assert "no store. Run `kg build ARTICLE...` first" in capsys.readouterr().err


def test_a_second_writer_gets_a_clear_error(tmp_path, capsys):
    store = tmp_path / "out" / "store"
    build_into(store, [SEED])
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, pyoxigraph
        s = pyoxigraph.Store({str(store)!r})
        print("open", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert main(["build", str(SEED), "-o", str(tmp_path / "out")]) == 1
        err = capsys.readouterr().err
        assert "store is in use by another kg process" in err and "Wait for it to finish" in err
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert main(["build", str(SEED), "-o", str(tmp_path / "out"), "-q"]) == 0


def test_an_interrupted_build_leaves_whole_articles_and_resumes(tmp_path, monkeypatch):
    store = tmp_path / "store"
    put = KgStore.put
    calls = []

    def interrupted(self, articles):
        calls.append(len(articles))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return put(self, articles)

    monkeypatch.setattr(KgStore, "put", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_into(store, [ARTICLES], batch=2)
    monkeypatch.setattr(KgStore, "put", put)
    with KgStore(store) as st:
        first = st.docs()
    assert len(first) == 4
    fresh = tmp_path / "fresh"
    build_into(fresh, [ARTICLES])
    for doc in first:                              # each stored article is whole
        assert graph_quads(store, doc) == graph_quads(fresh, doc)
    report = build_into(store, [ARTICLES])
    assert (len(report.unchanged), len(report.added)) == (4, 3)
    with KgStore(store) as a, KgStore(fresh) as b:
        assert export_rdf(a, "nq") == export_rdf(b, "nq")


def test_jobs_give_the_same_store_and_files(tmp_path):
    """Both builds run as `python -m kg.cli.app` side by side (workers import kg afresh)."""
    for jobs in ("1", "2"):
        subprocess.run([sys.executable, "-m", "kg.cli.app", "build", str(ARTICLES), "-o", str(tmp_path / jobs),
                        "-q", "--jobs", jobs], check=True)
    for name in ("events.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "2" / name).read_bytes() == (tmp_path / "1" / name).read_bytes(), name
    with KgStore(tmp_path / "2" / "store") as a, KgStore(tmp_path / "1" / "store") as b:
        assert export_rdf(a, "nq") == export_rdf(b, "nq")


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_jobs_must_be_positive(tmp_path, capsys, jobs):
    assert main(["build", str(SEED), "-o", str(tmp_path), "--jobs", jobs]) == 1
    assert "Give --jobs 1 or more" in capsys.readouterr().err


@pytest.mark.parametrize("query", sorted(q.name for q in list_queries()))
def test_queries_on_the_store_equal_queries_on_graph_trig(built, query):
    params = {p.name: SAMPLE[p.name] for p in list_queries() if p.name == query for p in p.params}
    with KgStore(built / "store-out" / "store") as st:
        on_store = run(query, st.ox, params)
        in_memory = run(query, st.in_memory(), params)
    on_file = run(query, open_store([built / "store-out" / "graph.trig"]), params)
    assert (on_store.columns, on_store.rows) == (on_file.columns, on_file.rows)
    assert (in_memory.columns, in_memory.rows) == (on_store.columns, on_store.rows)


def test_kg_query_uses_the_store_by_default(built, capsys, monkeypatch):
    monkeypatch.chdir(built / "store-out" / "..")
    assert main(["query", "supports", "--store", str(built / "store-out" / "store"), "-f", "csv"]) == 0
    assert "SYRREB" in capsys.readouterr().out
    (built / "output").mkdir(exist_ok=True)
    (built / "output" / "store").symlink_to(built / "store-out" / "store")
    assert main(["query", "supports", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    assert "SYRREB" in out
    assert main(["query", "supports", "-f", "csv", "--memory"]) == 0
    assert capsys.readouterr().out == out
    assert main(["query", "supports", "--memory", "--allow-update"]) == 1
    assert "--memory and --allow-update do not go together" in capsys.readouterr().err


@pytest.mark.parametrize("fmt,graphs", [("ttl", False), ("nt", False), ("nq", True), ("trig", True),
                                        ("jsonld", True)])
def test_exports_parse_back_without_the_meta_graph(built, tmp_path, fmt, graphs):
    target = tmp_path / f"all.{fmt}"
    assert main(["export", "--store", str(built / "store-out" / "store"), "-o", str(target)]) == 0
    again = tmp_path / f"again.{fmt}"
    assert main(["export", "--store", str(built / "store-out" / "store"), "-f", fmt, "-o", str(again)]) == 0
    assert target.read_bytes() == again.read_bytes()
    parsed = list(ox.parse(path=str(target), format=kg.rdf.formats.by_name(fmt).ox))
    with KgStore(built / "store-out" / "store") as st:
        everything = list(st.ox.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                                      "FILTER(?g != <https://w3id.org/kgnews/graph/meta>) }"))
        distinct = {(s["s"], s["p"], s["o"]) for s in everything}
    assert len(parsed) == (len(everything) if graphs else len(distinct))
    text = target.read_bytes()
    assert b"graph/meta" not in text and b"kgnews/meta#" not in text
    if graphs:
        assert {str(q.graph_name) for q in parsed} >= {f"<{ACTORS}>", "<https://w3id.org/kgnews/graph/ontology>"}


def test_export_to_stdout_and_bad_format(built, capsys, tmp_path):
    with KgStore(built / "store-out" / "store") as st:
        expected = export_rdf(st, "nt")
    assert main(["export", "--store", str(built / "store-out" / "store"), "-o", str(tmp_path / "x.nt")]) == 0
    assert (tmp_path / "x.nt").read_bytes() == expected
    assert main(["export", "--store", str(built / "store-out" / "store"), "-o", str(tmp_path / "x.xls")]) == 1
    assert "Use -f with one of: ttl, nt, nq, trig, jsonld" in capsys.readouterr().err
    with pytest.raises(KgError, match="Unknown RDF format 'xml'"):
        export_rdf(None, "xml")


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("stream,enabled,shown", [
    (Terminal(), True, True),
    (Terminal(), False, False),       # --quiet
    (io.StringIO(), True, False),     # a pipe or a file
])
def test_progress_shows_on_a_terminal_only(stream, enabled, shown):
    bar = kg.cli.progress.Progress(4, stream=stream, enabled=enabled, interval=0)
    bar.advance(articles=2, events=5)
    bar.advance(articles=2, events=1)
    bar.close()
    text = stream.getvalue()
    assert bool(text) == shown
    if shown:           # tqdm's line: done/total, the rate, and the events as a postfix
        assert "2/4" in text and "4/4" in text and "6 events" in text and "articles/s" in text
        assert text.endswith("\n")


def _without_mentions(events: list[dict]) -> list[dict]:
    out = []
    for e in events:
        e = dict(e)
        for side in ("actor", "recipient"):
            if e.get(side):     # the tables know no mention; a "country" of None says there is none
                e[side] = {k: v for k, v in {**e[side], "mention": None}.items() if k != "country" or v}
        out.append({k: e.get(k) for k in ("id", "doc", "sentence", "start", "text", "event", "negated", "modality",
                                          "actor", "recipient", "date", "confidence", "contexts", "issue")})
    return out


def test_the_event_tables_give_the_events_of_the_graphs(built):
    """kg show reads a store's events from its compact tables: the same events (but for the
    actors' mentions) as reading them back out of the graphs, so the same findings."""
    from kg.rdf.readback import events_from_store
    from kg.views import analysis
    with KgStore(built / "store-out" / "store", read_only=True) as st:
        assert not edited(st)
        fast, slow = read_events(st), events_from_store(st.ox)
    assert len(fast) > 20
    assert _without_mentions(fast) == _without_mentions(slow)
    assert analysis.report(fast, split="2016-09-05") == analysis.report(slow, split="2016-09-05")


def test_an_update_makes_kg_show_read_the_graphs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--no-html"]) == 0
    store = ["--store", str(out / "store")]
    assert main(["show", "ties", *store, "-f", "json"]) == 0
    before = capsys.readouterr().out
    targets = lambda text: {t["target"] for t in json.loads(text)["ties"]}  # noqa: E731
    assert "SYRREB" in targets(before)
    rq = tmp_path / "drop.rq"
    rq.write_text("PREFIX kg: <https://w3id.org/kgnews/ontology#>\n"
                  "DELETE { GRAPH ?g { ?e ?p ?o } } WHERE { GRAPH ?g { ?e kg:recipient "
                  "<https://w3id.org/kgnews/actor/SYRREB> ; ?p ?o } }")
    assert main(["query", str(rq), *store, "--allow-update"]) == 0
    with KgStore(out / "store", read_only=True) as st:
        assert edited(st)
    capsys.readouterr()
    assert main(["show", "ties", *store, "-f", "json"]) == 0
    assert "SYRREB" not in targets(capsys.readouterr().out)    # the update shows
    assert main(["build", str(SEED), "-o", str(out), "-q", "--no-html", "--force"]) == 0
    with KgStore(out / "store", read_only=True) as st:
        assert not edited(st)                                   # all extracted again
    assert main(["show", "ties", *store, "-f", "json"]) == 0
    assert capsys.readouterr().out == before


def test_a_store_without_tables_is_read_from_its_records(tmp_path):
    from kg.base.vocab import META
    from kg.rdf.readback import events_from_store
    store = tmp_path / "store"
    build_into(store, [SEED])
    with KgStore(store) as st:
        for q in list(st.ox.quads_for_pattern(None, ox.NamedNode(str(META.table)), None, None)):
            st.ox.remove(q)
    with KgStore(store, read_only=True) as st:
        assert read_events(st) and _without_mentions(read_events(st)) == _without_mentions(events_from_store(st.ox))

"""kg.sparql.guard and kg query's limits: read-only unless --allow-update, no requests to other servers
unless --allow-remote (checked against a real local HTTP server that counts what it is asked),
a --timeout that stops the query, and syntax errors that point at the line and column."""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.sparql import guard, query
from kg.cli.app import main
from kg.base.errors import KgError

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"
DOC = "https://w3id.org/kgnews/doc/hln-2016-09-05-obama-poetin-g20"

FORMS = [
    ("SELECT * WHERE { ?s ?p ?o }", "query"),
    ("PREFIX x: <http://x/>\nBASE <http://b/>\nask { ?s x:p ?o }", "query"),
    ("# DELETE in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "query"),
    ("DESCRIBE <http://x>", "query"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "update"),
    ("PREFIX kg: <https://w3id.org/kgnews/ontology#>\ndelete where { ?s kg:negated ?o }", "update"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update"),
    ("LOAD <http://127.0.0.1:9/x.ttl>", "update"),
    ("CLEAR ALL", "update"), ("DROP GRAPH <http://g>", "update"), ("CREATE GRAPH <http://g>", "update"),
    ("ADD <http://a> TO <http://b>", "update"), ("MOVE DEFAULT TO <http://b>", "update"),
    ("COPY <http://a> TO <http://b>", "update"),
]


@pytest.mark.parametrize("text, kind", FORMS, ids=[t[:30] for t, _ in FORMS])
def test_form(text, kind):
    assert guard.form(text) == kind


#: (text, the refused reference as "KEYWORD <iri>", or None when the text is allowed)
REMOTE = [
    ("SELECT * WHERE { SERVICE <http://x.example/sparql> { ?s ?p ?o } }", "SERVICE <http://x.example/sparql>"),
    ("select * where { service silent <http://x.example/s> { ?s ?p ?o } }", "SERVICE <http://x.example/s>"),
    ("PREFIX e: <http://evil.example/>\nSELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
     "SERVICE <http://evil.example/sparql>"),
    ("BASE <http://evil.example/a/>\nSELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
     "SERVICE <http://evil.example/a/sparql>"),
    ("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }", "SERVICE ?where"),
    ("SELECT * FROM <http://evil.example/data.ttl> WHERE { ?s ?p ?o }", "FROM <http://evil.example/data.ttl>"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED <file:///etc/passwd>"),
    ("PREFIX d: <https://evil.example/>\nSELECT * FROM d:x WHERE { ?s ?p ?o }", "FROM <https://evil.example/x>"),
    # allowed: the keyword is data, a comment, a variable, part of a name, or FROM names a local graph
    ("SELECT * WHERE { ?s ?p \"SERVICE <http://x.example/>\" }", None),
    ("SELECT * WHERE { ?s ?p '''multi\nline SERVICE <http://x/> { }''' }", None),
    ("# SERVICE <http://x.example/sparql>\nSELECT * WHERE { ?s ?p ?o }", None),
    ("SELECT ?service ?load ?from WHERE { ?service ?load ?from }", None),
    ("PREFIX kg: <https://w3id.org/kgnews/ontology#>\nSELECT * WHERE { ?s kg:SERVICE ?o }", None),
    ("SELECT * WHERE { ?s <http://x.example/SERVICE> ?o }", None),
    (f"SELECT * FROM <{DOC}> WHERE {{ ?s ?p ?o }}", None),
    (f"SELECT * FROM NAMED <{DOC}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", None),
    ("SELECT * FROM <urn:x:local> WHERE { ?s ?p ?o }", None),
]


@pytest.mark.parametrize("text, refused", REMOTE, ids=[t[:40] for t, _ in REMOTE])
def test_remote_references_are_refused(text, refused):
    if refused is None:
        assert guard.check(text, graphs={DOC}) == "query"
    else:
        with pytest.raises(KgError, match="would make a request to another server") as error:
            guard.check(text, graphs={DOC})
        assert refused in str(error.value) and "--allow-remote" in str(error.value)
    assert guard.check(text, graphs={DOC}, allow_remote=True) == "query"


def test_the_shipped_queries_pass_the_guard():
    for named in query.list_queries():
        assert guard.check(named.text, prefixes=query.PREFIXES, path=named.path) == "query", named.name


def test_refusal_names_line_and_column():
    with pytest.raises(KgError, match=r"q\.rq, line 3, column 3: SERVICE"):
        guard.check("SELECT *\nWHERE {\n  SERVICE <http://x/> { ?s ?p ?o } }", path="q.rq")


# --- against a server that counts requests ----------------------------------------------------

class Counter(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).hits.append((self.command, self.path))
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def counter():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    Counter.hits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Counter.hits
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SEED), "-o", str(out), "-q", "--no-html", "--no-store"]) == 0
    return out / "graph.trig"


@pytest.mark.parametrize("template, flags", [
    ("SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}", []),
    ("LOAD <{base}/data.ttl> INTO GRAPH <https://w3id.org/kgnews/graph/user>", ["--allow-update"]),
    ("SELECT * FROM <{base}/data.ttl> WHERE {{ ?s ?p ?o }}", []),
])
def test_no_request_leaves_unless_allowed(graph_file, counter, tmp_path, capsys, template, flags):
    base, hits = counter
    rq = tmp_path / "q.rq"
    rq.write_text(template.format(base=base))
    assert main(["query", str(rq), str(graph_file), *flags]) == 1
    assert "would make a request to another server" in capsys.readouterr().err
    assert hits == []
    if "FROM" not in template:      # allowed, pyoxigraph does ask (and gets a 500)
        assert main(["query", str(rq), str(graph_file), *flags, "--allow-remote"]) == 1
        assert len(hits) >= 1 and "500" in capsys.readouterr().err


# --- updates ------------------------------------------------------------------------------

def test_updates_need_allow_update_and_then_change_the_store(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--no-html"]) == 0
    count = tmp_path / "count.rq"
    count.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/kgnews/ontology#Event> }")
    drop = tmp_path / "drop.rq"
    drop.write_text(f"DROP GRAPH <{DOC}>")
    store = ["--store", str(out / "store")]
    assert main(["query", str(count), *store, "-f", "csv"]) == 0
    events = capsys.readouterr().out
    assert events.startswith("n\n") and int(events.split()[1]) > 0
    assert main(["query", str(drop), *store]) == 1
    assert "is an update" in capsys.readouterr().err
    assert main(["query", str(count), *store, "-f", "csv"]) == 0
    assert capsys.readouterr().out == events
    assert main(["query", str(drop), *store, "--allow-update"]) == 0
    capsys.readouterr()
    assert main(["query", str(count), *store, "-f", "csv"]) == 0
    assert capsys.readouterr().out == "n\n0\n"


#: (update, how it uses the default graph: None when it names its graphs) -- issue 12
KG_PREFIX = "PREFIX kg: <https://w3id.org/kgnews/ontology#>\n"
DEFAULT_GRAPH = [
    ("DELETE WHERE { ?s kg:supports ?o }", "reads"),
    ("INSERT DATA { <urn:a> kg:supports <urn:b> }", "writes into"),
    ("DELETE DATA { <urn:a> kg:supports <urn:b> }", "deletes from"),
    ("DELETE { ?s kg:supports ?o } WHERE { GRAPH ?g { ?s kg:supports ?o } }", "deletes from"),
    ("INSERT { GRAPH <urn:x> { ?s kg:supports ?o } } WHERE { ?s kg:supports ?o }", "reads"),
    ("INSERT { GRAPH <urn:x> { ?s kg:supports ?o } } WHERE { OPTIONAL { ?s kg:supports ?o } }", "reads"),
    ("CLEAR DEFAULT", "clears"),
    ("LOAD <http://127.0.0.1:1/x.ttl>", "loads into"),
    ("LOAD SILENT <http://127.0.0.1:1/x.ttl> INTO GRAPH <https://w3id.org/kgnews/graph/user>", None),
    ("DELETE WHERE { GRAPH ?g { ?s kg:supports ?o } }", None),
    ("DELETE { GRAPH ?g { ?s kg:supports ?o } } WHERE { GRAPH ?g { ?s kg:supports ?o } }", None),
    ("WITH <urn:g> DELETE { ?s kg:supports ?o } WHERE { ?s kg:supports ?o }", None),
    ("INSERT DATA { GRAPH <https://w3id.org/kgnews/graph/user> { <urn:a> kg:supports <urn:b> } }", None),
    ("DROP GRAPH <urn:g>", None), ("CLEAR ALL", None), ("INSERT DATA { <a:b> <a:c> }", None),   # (a syntax error)
]


@pytest.mark.parametrize("text, use", DEFAULT_GRAPH, ids=[t[:40] for t, _ in DEFAULT_GRAPH])
def test_updates_that_use_the_default_graph_are_known(text, use):
    assert guard.default_graph_use(KG_PREFIX + text) == use
    assert guard.default_graph_use(text, {"kg": "https://w3id.org/kgnews/ontology#"}) == use


def test_updates_act_on_the_graphs_queries_read_or_are_refused_naming_them(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--no-html"]) == 0
    store = ["--store", str(out / "store")]
    rq = tmp_path / "u.rq"
    rq.write_text(KG_PREFIX + "DELETE WHERE { ?s kg:supports ?o }")
    assert main(["query", str(rq), *store, "--allow-update"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {rq}: the update reads the default graph, where kg keeps nothing") \
        and "GRAPH ?g" in err and "https://w3id.org/kgnews/graph/user" in err, err
    rq.write_text("LOAD <http://127.0.0.1:1/x.ttl>")                 # refused before any request
    assert main(["query", str(rq), *store, "--allow-update", "--allow-remote"]) == 1
    err = capsys.readouterr().err
    assert "the update loads into the default graph" in err and "INTO GRAPH" in err, err
    count = tmp_path / "count.rq"
    count.write_text(KG_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?s kg:supports ?o }")
    assert main(["query", str(count), *store, "-f", "json"]) == 0
    [[stances]] = [[row["n"] for row in json.loads(capsys.readouterr().out)]]
    assert stances > 0                                             # nothing deleted behind a "done"
    rq.write_text(KG_PREFIX + "DELETE WHERE { GRAPH ?g { ?s kg:supports ?o } }")
    _update_in_a_process(rq, store)
    assert main(["query", str(count), *store, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 0}]       # deleted where queries read
    assert main(["validate", *store]) == 1                         # the stances lost: kg validate says how to repair
    assert "rebuild it with `kg build ARTICLES --force`" in capsys.readouterr().err
    assert main(["build", str(SEED), "-o", str(out), "--force", "--no-html"]) == 0
    assert "0 articles unchanged, 1 rebuilt" in capsys.readouterr().err
    assert main(["validate", *store]) == 0
    capsys.readouterr()
    assert main(["query", str(count), *store, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": stances}]
    rq.write_text(KG_PREFIX + "INSERT DATA { GRAPH <https://w3id.org/kgnews/graph/user> { <urn:a> kg:supports <urn:b> } }")
    _update_in_a_process(rq, store)
    assert main(["export", "-f", "nq", *store]) == 0
    assert "<urn:a> <https://w3id.org/kgnews/ontology#supports> <urn:b> <https://w3id.org/kgnews/graph/user> ." \
        in capsys.readouterr().out                                  # what an update adds is exported


def _update_in_a_process(rq: Path, store: list[str]) -> None:
    """`kg query RQ --allow-update` in a process of its own: in this one, a store an update wrote
    was seen to stay locked a moment after kg let go of it (RocksDB's background work), which a
    kg command, a process of its own, never meets."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-m", "kg", "query", str(rq), *store, "--allow-update"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "update\n------\ndone\n"), done.stderr


# --- timeouts -----------------------------------------------------------------------------

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"


@pytest.fixture(scope="module")
def big_store():
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(i))
                 for i in range(2000))
    return store


@pytest.mark.parametrize("seconds", [0.3, 1.0])
def test_timeout_stops_a_runaway_query(big_store, seconds):
    before = _children()
    started = time.monotonic()
    with pytest.raises(KgError, match=rf"was stopped after {seconds:g} s \(--timeout\)"):
        query.run(HEAVY, big_store, timeout=seconds)
    took = time.monotonic() - started
    assert seconds <= took < seconds + 2
    assert _children() <= before                  # the worker is gone: not running, no zombie


def _children() -> set[int]:
    """This process's child processes (Linux /proc), zombies included."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


def test_timeout_gives_the_same_answer_when_there_is_time(big_store):
    text = "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(?o < 5) } ORDER BY ?o"
    assert query.run(text, big_store, timeout=30) == query.run(text, big_store)


def test_errors_inside_the_worker_come_back(big_store):
    with pytest.raises(KgError, match=r"line 1, column 18: SPARQL syntax error: unexpected '\?'"):
        query.run("SELECT * WHERE { ?s ?p }", big_store, timeout=5)


def test_cli_timeout(graph_file, tmp_path, capsys):
    rq = tmp_path / "heavy.rq"
    rq.write_text(HEAVY)
    assert main(["query", str(rq), str(graph_file), "--timeout", "0.5"]) == 1
    assert capsys.readouterr().err.startswith("Error: query heavy was stopped after 0.5 s (--timeout).")
    assert main(["query", "actors", str(graph_file), "--timeout", "0"]) == 1
    assert "not a positive number of seconds" in capsys.readouterr().err


# --- syntax errors ------------------------------------------------------------------------

#: (query, line, column, what is said there): the place is where the query stops parsing
SYNTAX = [
    ("SELECT ?x WHERE {\n  ?x ?y ?z ) .\n}\n", 2, 12, "unexpected ')'"),
    ("# title: t\nSELECT * WHERE { ?s ?p }\n", 2, 18, "unexpected '?'"),
    ("SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?o = ) }", 3, 2, "unexpected 'FILTER'"),
    ("SELEC * WHERE { ?s ?p ?o }", 1, 1, "unexpected 'SELEC'"),
    ("PREFIX x: <http://x/>\nSELECT * WHERE { ?s ?p ?o }}", 2, 28, "unexpected '}'"),
    ("SELECT ?x WHERE { ?x ?y ?z ", 1, 28, "unexpected end of the query"),
    ("INSERT DATA { <a:b> <a:c> }", 1, 27, "expected one of"),    # the engine's place and words
]


@pytest.mark.parametrize("text, line, column, shown", SYNTAX, ids=[str(i) for i in range(len(SYNTAX))])
def test_syntax_errors_point_at_line_and_column(graph_file, tmp_path, capsys, text, line, column, shown):
    rq = tmp_path / "broken.rq"
    rq.write_text(text)
    assert main(["query", str(rq), str(graph_file), "--allow-update"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {rq}, line {line}, column {column}: SPARQL syntax error: {shown}"), err
    source = text.split("\n")[line - 1]
    assert f"\n    {source}\n    {' ' * (column - 1)}^. Fix the query at that place" in err


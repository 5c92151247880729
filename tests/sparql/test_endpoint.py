"""Pushing to and querying a real SPARQL 1.1 server (Oxigraph's, on 127.0.0.1), plus retries,
auth headers and timeouts against a small recording HTTP server."""
from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

import kg.sparql.endpoint
import kg.pipeline.incremental
from kg.sparql import query
from kg.cli.app import main
from kg.sparql.endpoint import Endpoint, push, run, with_values
from kg.base.errors import KgError
from kg.pipeline.incremental import build_into
from kg.rdf.store import KgStore
from servers import free_port, oxigraph_server

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLES = DATA / "articles"
SEED = ARTICLES / "hln-2016-09-05-obama-poetin-g20.txt"
SAMPLE = {"actor": "USA", "a": "USA", "b": "RUS", "context": "ceasefire"}
INJECTION = 'x" } DROP ALL #'


@pytest.fixture(autouse=True)
def pinned_fingerprint(monkeypatch):
    """Pinned, so an edit to kg's code while the tests run does not rebuild every article."""
    monkeypatch.setattr(kg.pipeline.incremental, "fingerprint", lambda gazetteer=(), lexicons=(), engine="rules", parser=None: "pinned")




@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """`oxigraph serve` on a free port with a temp dir; the default graph is the union of graphs."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), union=True) as base:
        yield base


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("kg") / "store"
    # the rules engine's reading of the articles: every named query finds something in it (the
    # parse engine's finds no contradiction there), so the server and the store are compared on rows
    build_into(store, [ARTICLES], engine="rules")
    return store


def endpoint_of(base: str, mode: str) -> Endpoint:
    return Endpoint(base + "/query", update=base + "/update",
                    graph_store=base + "/store" if mode == "gsp" else None, retries=0)


def count(base: str) -> int:
    return int(_select(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"])


def _select(base: str, text: str) -> list[dict]:
    from SPARQLWrapper import JSON, SPARQLWrapper
    client = SPARQLWrapper(base + "/query")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()["results"]["bindings"]


def local_count(store: Path) -> int:
    with KgStore(store) as st:
        return int(str(next(iter(st.ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                              "FILTER(?g != <https://w3id.org/kgnews/graph/meta>) }")))["n"].value))


@pytest.mark.parametrize("mode", ["gsp", "update", "gsp"])   # again: replacing, not adding
def test_push_sends_every_graph_once(server, seed_store, mode):
    with KgStore(seed_store) as st:
        assert push(st, endpoint_of(server, mode), batch=500) == 7 + 2   # articles, actors, ontology
    assert count(server) == local_count(seed_store)
    assert not _select(server, "SELECT * WHERE { GRAPH <https://w3id.org/kgnews/graph/meta> { ?s ?p ?o } } LIMIT 1")


@pytest.mark.parametrize("name", sorted(q.name for q in query.list_queries()))
def test_named_queries_on_the_server_equal_the_embedded_store(server, seed_store, name):
    with KgStore(seed_store) as st:
        push(st, endpoint_of(server, "gsp"))
        named = query.load_query(name)
        params = {p.name: SAMPLE[p.name] for p in named.params}
        local = query.run(named, st.ox, params)
    remote = run(named, endpoint_of(server, "gsp"), params)
    assert (remote.columns, remote.rows) == (local.columns, local.rows)
    assert local.rows, f"{name} finds nothing on the test articles: a weak comparison"


def test_an_unknown_actor_parameter_is_an_error_on_the_server_too(server, seed_store, capsys):
    with KgStore(seed_store) as st:
        push(st, endpoint_of(server, "gsp"))
    url = ["--endpoint", server + "/query"]
    assert main(["query", "evidence", *url, "--param", "a=USAA", "--param", "b=RUS"]) == 1
    err = capsys.readouterr().err
    assert "No events of actor 'USAA'" in err and "Did you mean USA?" in err, err
    assert main(["query", "evidence", *url, "--param", "a=USA", "--param", "b=RUS", "-f", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") > 1                  # a known actor: rows as before


def test_a_value_is_a_term_not_query_text(server, seed_store):
    with KgStore(seed_store) as st:
        push(st, endpoint_of(server, "gsp"))
    before = count(server)
    result = run("evidence", endpoint_of(server, "gsp"), {"a": "USA", "b": INJECTION})
    assert result.rows == []
    assert count(server) == before


@pytest.mark.parametrize("params,expected", [
    ({"a": "USA"}, '(?a) { (<https://w3id.org/kgnews/actor/USA>) }'),
    ({"a": INJECTION}, '(?a) { ("x\\" } DROP ALL #") }'),
    ({"a": "2016-09-05", "b": "line\nbreak"},
     '(?a ?b) { ("2016-09-05"^^<http://www.w3.org/2001/XMLSchema#date> "line\\nbreak") }'),
    ({"a": ""}, None),
])
def test_values_block_renders_terms(params, expected):
    text = "# WHERE { in a comment\nSELECT ?a ?b WHERE {\n ?a ?p ?b }"
    bound = with_values(text, params)
    if expected is None:
        assert bound == text
    else:
        assert bound.startswith("# WHERE { in a comment\nSELECT ?a ?b WHERE { VALUES " + expected)


@pytest.mark.parametrize("text, message", [
    ("DELETE WHERE { ?s ?p ?o }", "is an update"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE <http://127.0.0.1:9/sparql> would make a request"),
    ("SELECT * FROM <http://127.0.0.1:9/g.ttl> WHERE { ?s ?p ?o }", "FROM <http://127.0.0.1:9/g.ttl> would make a request"),
])
def test_the_guard_stands_before_the_server_too(server, seed_store, tmp_path, text, message):
    path = tmp_path / "q.rq"
    path.write_text(text + "\n")
    before = count(server)
    with pytest.raises(KgError, match=message):
        run(str(path), endpoint_of(server, "gsp"))
    assert count(server) == before


def test_build_pushes_only_new_and_changed_articles(server, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    args = ["--endpoint", server + "/query", "--graph-store", server + "/store"]
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), *args]) == 0
    assert "3 graph(s) pushed" in capsys.readouterr().err
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), *args]) == 0
    assert "2 graph(s) pushed" in capsys.readouterr().err          # actors and ontology only
    assert main(["query", "supports", *args, "-f", "csv"]) == 0
    assert "SYRREB" in capsys.readouterr().out


def test_remove_drops_the_graph_on_the_server(server, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "only-here.txt").write_bytes(SEED.read_bytes())
    args = ["--endpoint", server + "/query", "--update-endpoint", server + "/update"]
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "-q", *args]) == 0
    ask = "SELECT * WHERE { GRAPH <https://w3id.org/kgnews/doc/only-here> { ?s ?p ?o } } LIMIT 1"
    assert _select(server, ask)
    assert main(["remove", "only-here", "-o", str(tmp_path / "out"), "-q", *args]) == 0
    assert not _select(server, ask)


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers 503 to the first `failures` requests, then 204 (or sleeps `delay` seconds)."""

    seen: list = []
    failures = 0
    delay = 0.0

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append((self.command, self.path, self.headers.get("Authorization"),
                                self.headers.get("Content-Type")))
        if type(self).delay:
            time.sleep(type(self).delay)
        if len(type(self).seen) <= type(self).failures:
            self.send_response(503)
        else:
            self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.seen, Recorder.failures, Recorder.delay = [], 0, 0.0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("auth,header", [
    (dict(token="s3cret"), "Bearer s3cret"),
    (dict(user="kg", password="pw"), "Basic a2c6cHc="),
    ({}, None),
])
def test_auth_headers_and_retries_with_backoff(recorder, auth, header):
    base, handler = recorder
    handler.failures = 2
    ep = Endpoint(base + "/sparql", graph_store=base + "/rdf-graphs", retries=2, backoff=0.05, **auth)
    started = time.monotonic()
    kg.sparql.endpoint.update(ep, "CLEAR ALL")
    assert time.monotonic() - started >= 0.05 + 0.1          # waited 0.05 s, then 0.1 s
    assert [s[2] for s in handler.seen] == [header] * 3
    assert handler.seen[-1][0] == "POST" and handler.seen[-1][3] == "application/sparql-update"


def test_gsp_put_names_the_graph(recorder, seed_store):
    base, handler = recorder
    with KgStore(seed_store) as st:
        push(st, Endpoint(base + "/q", graph_store=base + "/rdf-graphs/service", retries=0), [SEED.stem])
    assert [(m, ct) for m, _, _, ct in handler.seen] == [("PUT", "application/n-triples")] * 3
    assert [path for _, path, _, _ in handler.seen] == [
        "/rdf-graphs/service?graph=https%3A%2F%2Fw3id.org%2Fkgnews%2Fdoc%2F" + SEED.stem,
        "/rdf-graphs/service?graph=https%3A%2F%2Fw3id.org%2Fkgnews%2Fgraph%2Factors",
        "/rdf-graphs/service?graph=https%3A%2F%2Fw3id.org%2Fkgnews%2Fgraph%2Fontology"]


@pytest.mark.parametrize("failures,delay,message", [
    (10, 0.0, "no answer after 2 attempt(s)"),
    (0, 1.5, "no answer after 2 attempt(s) (timed out)"),
])
def test_a_server_that_keeps_failing_gives_a_clear_error(recorder, failures, delay, message):
    base, handler = recorder
    handler.failures, handler.delay = failures, delay
    with pytest.raises(KgError, match=message.replace("(", r"\(").replace(")", r"\)")):
        kg.sparql.endpoint.update(Endpoint(base + "/sparql", timeout=0.5, retries=1, backoff=0.01), "CLEAR ALL")


def test_a_refused_connection_names_the_url(capsys):
    url = f"http://127.0.0.1:{free_port()}/query"
    assert main(["query", "supports", "--endpoint", url, "--retries", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: query {url}: no answer after 1 attempt(s)") and "Check that the server runs" in err


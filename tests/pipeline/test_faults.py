"""Failing servers and crashes, on purpose: a real Oxigraph server killed in the middle of a push,
a server that is down, a `kg build` killed with SIGKILL at several points. After each: what was
written is whole, nothing is half there, and running the same command again completes exactly
what is missing, giving what an uninterrupted run gives.

The harness: `Oxigraph` runs `oxigraph serve` on 127.0.0.1 (free port, temp dir) and can be killed
and restarted on the same port and data; `Proxy` sits between kg and it, forwards requests, and
kills the server when its `fault` says so: before a request, or half-way through its body.
"""
from __future__ import annotations

import http.client
import http.server
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.pipeline.incremental
from kg.cli.app import main
from kg.rdf.store import KgStore, export_rdf
from servers import free_port, oxigraph_binary

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLES = DATA / "articles"
DOCS = sorted(p.stem for p in ARTICLES.glob("*.txt"))
FILES = ("events.jsonl", "graph.ttl", "graph.trig", "graph.html")


@pytest.fixture(autouse=True)
def pinned_fingerprint(monkeypatch):
    """Pinned, so an edit to kg's code while the tests run does not rebuild every article."""
    monkeypatch.setattr(kg.pipeline.incremental, "fingerprint", lambda gazetteer=(), lexicons=(), engine="rules", parser=None: "pinned")


class Oxigraph:
    """`oxigraph serve` on a fixed port and data folder, so it can be killed and started again."""

    def __init__(self, location: Path):
        found = oxigraph_binary()
        self.binary, self.location, self.port = found, location, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Oxigraph":
        self.proc = subprocess.Popen([self.binary, "serve", "--location", str(self.location), "--bind",
                                      f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        for _ in range(400):
            try:
                urllib.request.urlopen(self.base + "/query?query=ASK%7B%7D", timeout=1).read()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {self.proc.stderr.read().decode()}")
                time.sleep(0.025)
        pytest.fail("oxigraph serve did not answer in 10 s")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def graphs(self) -> dict[str, list]:
        """Every named graph on the server (see _by_graph)."""
        body = urllib.request.urlopen(urllib.request.Request(
            self.base + "/store", headers={"Accept": "application/n-quads"}), timeout=10).read()
        return _by_graph(ox.parse(body, format=ox.RdfFormat.N_QUADS))


class Proxy(http.server.ThreadingHTTPServer):
    """Forwards to the Oxigraph server; `fault(n, method, path)` -> None, "before" or "midway"
    decides, for the n-th request (from 1), whether to kill the server first or half-way through
    the request body. `log` holds (method, path, status) of every request."""

    def __init__(self, server: Oxigraph):
        self.server_ = server
        self.fault = lambda n, method, path: None
        self.log: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Forward)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _Forward(http.server.BaseHTTPRequestHandler):
    def _forward(self):
        proxy: Proxy = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with proxy.lock:
            n = len(proxy.log) + 1
            fault = proxy.fault(n, self.command, self.path)
            proxy.log.append((self.command, self.path, 0))
        status = 502
        try:
            if fault == "before":
                proxy.server_.kill()
            conn = http.client.HTTPConnection("127.0.0.1", proxy.server_.port, timeout=10)
            conn.putrequest(self.command, self.path, skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in ("host", "connection"):
                    conn.putheader(name, value)
            conn.endheaders()
            if fault == "midway":
                conn.send(body[:len(body) // 2])
                time.sleep(0.05)
                proxy.server_.kill()
                raise ConnectionError("killed half-way")
            conn.send(body)
            answer = conn.getresponse()
            status, data = answer.status, answer.read()
            self.send_response(status)
            for name, value in answer.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.send_response(502)
            self.send_header("Content-Length", "0")
            self.end_headers()
        with proxy.lock:
            proxy.log[n - 1] = (self.command, self.path, status)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args):
        pass


@pytest.fixture
def oxigraph(tmp_path):
    server = Oxigraph(tmp_path / "oxigraph").start()
    yield server
    server.kill()


@pytest.fixture
def proxy(oxigraph):
    p = Proxy(oxigraph)
    yield p
    p.shutdown()
    p.server_close()


def _by_graph(quads) -> dict[str, list]:
    """Named graph -> its triples as sorted N-Triples lines, blank nodes all written `_:b`
    (the ontology's lists get new blank node ids on the server)."""
    found: dict[str, list] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and not q.graph_name.value.endswith("/graph/meta"):
            terms = ["_:b" if isinstance(t, ox.BlankNode) else str(t) for t in (q.subject, q.predicate, q.object)]
            found.setdefault(q.graph_name.value, []).append(" ".join(terms))
    return {g: sorted(lines) for g, lines in found.items()}


def _local_graphs(store: Path) -> dict[str, list]:
    with KgStore(store) as st:
        return _by_graph(st.ox.quads_for_pattern(None, None, None, None))


def _doc_graph(doc: str) -> str:
    return f"https://w3id.org/kgnews/doc/{doc}"


# --- a server that dies in the middle of a push --------------------------------------------

#: (mode, request at which the server dies, how)
KILLS = [
    ("gsp", 3, "midway"),        # the third article graph is half-sent when the server dies
    ("gsp", 5, "before"),
    ("update", 1, "midway"),     # the one update request (every graph) is half-sent
]


@pytest.mark.parametrize("mode, at, how", KILLS, ids=[f"{m}-{a}-{h}" for m, a, h in KILLS])
def test_a_server_killed_mid_push_keeps_whole_graphs_and_a_rerun_sends_the_rest(
        tmp_path, capsys, oxigraph, proxy, mode, at, how):
    out = tmp_path / "out"
    args = ["build", str(ARTICLES), "-o", str(out), "-q", "--no-html", "--retries", "1", "--timeout", "2",
            "--endpoint", proxy.base + "/query",
            *(["--graph-store", proxy.base + "/store"] if mode == "gsp" else ["--update-endpoint", proxy.base + "/update"])]
    proxy.fault = lambda n, method, path: how if n == at else None
    assert main(args) == 1
    err = capsys.readouterr().err
    sent = at - 1 if mode == "gsp" else 0
    assert f"{sent} article graph(s) were sent and are on the server; {len(DOCS) - sent} were not" in err, err
    assert "Run the same command again" in err
    assert (out / "events.jsonl").is_file()           # the local build is complete all the same

    oxigraph.start()                                  # the server comes back with what it had
    local, remote = _local_graphs(out / "store"), oxigraph.graphs()
    for doc in DOCS:                                   # nothing half there: whole or absent
        assert remote.get(_doc_graph(doc), local[_doc_graph(doc)]) == local[_doc_graph(doc)], doc
    on_server = [doc for doc in DOCS if _doc_graph(doc) in remote]
    assert on_server == DOCS[:sent]

    proxy.fault = lambda n, method, path: None
    proxy.log.clear()
    assert main(args) == 0
    shared = [g for g in local if not g.startswith(_doc_graph(""))]   # actors, ontology, merged if any
    if mode == "gsp":                                  # exactly what was missing, plus the shared graphs
        put = sorted(path.split("graph=")[1] for method, path, _ in proxy.log if method == "PUT")
        assert len(put) == len(DOCS) - sent + len(shared)
    assert oxigraph.graphs() == _local_graphs(out / "store")
    proxy.log.clear()
    assert main(args) == 0                             # and then nothing is left to send
    if mode == "gsp":
        assert len([m for m, _, _ in proxy.log if m == "PUT"]) == len(shared)   # actors, ontology, merged


def test_a_server_that_is_down_gets_everything_once_it_is_up(tmp_path, capsys, oxigraph):
    out = tmp_path / "out"
    args = ["build", str(ARTICLES), "-o", str(out), "-q", "--no-html", "--retries", "2", "--timeout", "1",
            "--endpoint", oxigraph.base + "/query", "--graph-store", oxigraph.base + "/store"]
    oxigraph.kill()
    started = time.monotonic()
    assert main(args) == 1
    assert time.monotonic() - started >= 0.5 + 1.0       # backoff 0.5 s, then 1 s
    err = capsys.readouterr().err
    assert f"no answer after 3 attempt(s)" in err and f"0 article graph(s) were sent" in err
    oxigraph.start()
    assert main(args) == 0
    assert oxigraph.graphs() == _local_graphs(out / "store")


class Broken(http.server.BaseHTTPRequestHandler):
    """Answers every request with 500, or holds it `delay` seconds."""

    status, delay, seen = 500, 0.0, 0

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen += 1
        time.sleep(type(self).delay)
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("status, delay, message", [
    (500, 0.0, "no answer after 2 attempt(s) (Internal Server Error)"),
    (503, 0.0, "no answer after 2 attempt(s) (Service Unavailable)"),
    (204, 3.0, "no answer after 2 attempt(s) (timed out)"),
])
def test_a_failing_server_leaves_the_local_build_whole(tmp_path, capsys, status, delay, message):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    Broken.status, Broken.delay, Broken.seen = status, delay, 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        out = tmp_path / "out"
        assert main(["build", str(ARTICLES), "-o", str(out), "-q", "--no-html", "--retries", "1",
                     "--timeout", "1", "--endpoint", base + "/query", "--graph-store", base + "/store"]) == 1
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert message in err and f"0 article graph(s) were sent and are on the server; {len(DOCS)} were not" in err
    assert Broken.seen == 2
    with KgStore(out / "store") as st:
        assert st.docs() == DOCS


# --- kill -9 during a build ------------------------------------------------------------------

def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def _store_nq(out: Path) -> bytes:
    with KgStore(out / "store") as st:
        return export_rdf(st, "nq")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Inputs A (four articles) and B (all seven, one changed), and build A."""
    root = tmp_path_factory.mktemp("crash")
    a_in, b_in = root / "a", root / "b"
    a_in.mkdir()
    for path in sorted(ARTICLES.glob("*.txt"))[:4]:
        shutil.copy(path, a_in / path.name)
    shutil.copytree(ARTICLES, b_in)
    changed = b_in / f"{DOCS[0]}.txt"
    changed.write_text(changed.read_text("utf-8") + "\nRussia attacked the Syrian rebels.\n", "utf-8")
    _run_build(a_in, root / "A")
    return root, a_in, b_in


def _command(inputs: Path, out: Path) -> list[str]:
    """B's changed article comes from another folder than A's: --replace says that is meant (issue 12)."""
    return [sys.executable, "-m", "kg.cli.app", "build", str(inputs), "-o", str(out), "-q", "--replace"]


def _run_build(inputs: Path, out: Path) -> None:
    subprocess.run(_command(inputs, out), check=True)


def _kill_when(inputs: Path, out: Path, ready) -> bool:
    """Start a build and SIGKILL it as soon as `ready(out, elapsed)` says so; False when the
    build ended first."""
    proc = subprocess.Popen(_command(inputs, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while proc.poll() is None and not ready(out, time.monotonic() - started):
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=30) == -signal.SIGKILL


def _store_size(out: Path) -> int:
    total = 0
    for f in (out / "store").glob("*"):
        try:
            total += f.stat().st_size
        except OSError:             # RocksDB removed it meanwhile
            pass
    return total


def _store_changes():
    sizes = set()

    def changed(out: Path, t: float) -> bool:
        sizes.add(_store_size(out))
        return len(sizes) > 1
    return changed


#: when the build is killed: a maker of the condition watched
MOMENTS = {
    "reading and extracting": lambda: lambda out, t: t > 1.0,
    "opening and writing the store": _store_changes,
    "writing the files": lambda: lambda out, t: any(out.glob(".events.jsonl.*")) or any(out.glob(".graph.*")),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_kill_9_leaves_whole_files_and_whole_articles_and_a_rerun_finishes(two_builds, tmp_path, moment):
    root, _, b_in = two_builds
    uninterrupted, out = tmp_path / "B", tmp_path / "out"
    shutil.copytree(root / "A", uninterrupted)        # built here, not once per module: the same
    _run_build(b_in, uninterrupted)                    # kg code as the killed build, even mid-edit
    shutil.copytree(root / "A", out)
    assert _kill_when(b_in, out, MOMENTS[moment]()), "the build ended before it could be killed"
    before = {"A": _snapshot(root / "A"), "B": _snapshot(uninterrupted)}
    now = _snapshot(out)
    versions = {name: [v for v in before if before[v][name] == now[name]] for name in FILES}
    assert all(versions.values()), f"a file is torn: {versions}"
    assert len({tuple(v) for v in versions.values()}) == 1, f"the files come from different builds: {versions}"
    with KgStore(out / "store") as st:                 # the store opens, every article in it whole
        in_store = st.docs()
        mine = {doc: set(st.ox.quads_for_pattern(None, None, None, ox.NamedNode(_doc_graph(doc))))
                for doc in in_store}
    for ref in (root / "A", uninterrupted):
        with KgStore(ref / "store") as st:
            for doc in list(mine):
                if mine[doc] == set(st.ox.quads_for_pattern(None, None, None, ox.NamedNode(_doc_graph(doc)))):
                    del mine[doc]
    assert not mine, f"articles not whole in the store: {sorted(mine)}"
    _run_build(b_in, out)                               # the re-run finishes the job
    assert _snapshot(out) == before["B"]
    assert _store_nq(out) == _store_nq(uninterrupted)
    assert not [p.name for p in out.glob(".*")], "temporary files left behind"

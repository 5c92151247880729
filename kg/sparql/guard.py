"""What a SPARQL text may do before it runs, and how long it may run.

A query file is shared like code, and the store it runs on is the user's, so `kg query` runs a
text only as far as the caller allowed:

- **read-only**: an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH) is
  refused unless `allow_update`;
- **no requests**: `SERVICE` and `LOAD` make the engine fetch a URL (pyoxigraph does, from the
  embedded store), so they are refused unless `allow_remote`. `FROM <iri>` / `FROM NAMED <iri>`
  pick graphs of the store in pyoxigraph, but other engines (rdflib, Jena) fetch the IRI: a
  `FROM` naming a fetchable IRI (http, https, ftp, file) that is not a graph of the store is
  refused too unless `allow_remote`;
- **bounded time**: `within(seconds, call)` runs `call` in a forked worker process and kills it
  when the time is up (pyoxigraph has no query timeout, and a thread running a query cannot be
  stopped: the query releases the GIL and runs on).

Keywords are found by a tokenizer that knows SPARQL's strings, IRIs and comments: "SERVICE" in
a string, an IRI or a comment is no SERVICE, and a prefixed name is expanded with the query's
own `PREFIX` lines (and the defaults passed in) before its IRI is judged.

>>> check("SELECT * WHERE { ?s ?p 'SERVICE <http://x>' }  # SERVICE <http://y>")
'query'
>>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
kg.base.errors.KgError: <query>, line 1, column 18: SERVICE <http://example.org/sparql> would make a request to another server. Remove it, or pass --allow-remote if you trust this query
"""
from __future__ import annotations

import os
import pickle
import re
import select
import signal
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin

from kg.base.errors import KgError

T = TypeVar("T")

QUERY_FORMS = ("select", "construct", "ask", "describe")
UPDATE_FORMS = ("insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy", "with")
FETCHABLE = ("http:", "https:", "ftp:", "file:")

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:(?!\"\"\")[^\\]|\\.)*\"\"\"|'''(?:(?!''')[^\\]|\\.)*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
""", re.X | re.S)


@dataclass(frozen=True)
class Token:
    kind: str           # iri, var, pname, word, string, other (comments and space are dropped)
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Reference:
    """A place where the text names something an engine may fetch: SERVICE, LOAD or FROM."""

    keyword: str        # "SERVICE", "LOAD", "FROM", "FROM NAMED"
    target: str         # the IRI (prefixed names expanded), or "?var" for SERVICE ?var
    line: int
    column: int


def tokens(text: str) -> list[Token]:
    """The SPARQL tokens of `text`, without comments and white space, with 1-based positions."""
    out: list[Token] = []
    line, line_start = 1, 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("space", "comment"):
            out.append(Token(kind, m.group(), line, m.start() - line_start + 1))
        newlines = m.group().count("\n")
        if newlines:
            line += newlines
            line_start = m.start() + m.group().rindex("\n") + 1
    return out


def form(text: str) -> str:
    """"query" or "update": what the first keyword after the prologue (BASE, PREFIX) says."""
    toks = tokens(text)
    i = 0
    while i < len(toks):
        word = toks[i].text.lower() if toks[i].kind == "word" else None
        if word == "base":
            i += 2
        elif word == "prefix":
            i += 3
        elif word in QUERY_FORMS:
            return "query"
        elif word in UPDATE_FORMS:
            return "update"
        else:
            break
    return "query"      # not a form we know: the engine's parser will say what is wrong


def references(text: str, prefixes: Mapping[str, str] = {}) -> list[Reference]:
    """Every SERVICE, LOAD, FROM and FROM NAMED in `text`, with the IRI each names."""
    toks = tokens(text)
    known = dict(prefixes)
    base = ""
    found = []
    for i, tok in enumerate(toks):
        word = tok.text.lower() if tok.kind == "word" else None
        if word == "prefix" and i + 2 < len(toks) and toks[i + 1].kind == "pname" \
                and toks[i + 2].kind == "iri":
            known[toks[i + 1].text[:-1]] = urljoin(base, toks[i + 2].text[1:-1])
        elif word == "base" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = toks[i + 1].text[1:-1]
        elif word in ("service", "load", "from"):
            keyword, j = word.upper(), i + 1
            while j < len(toks) and toks[j].kind == "word" and toks[j].text.lower() in ("silent", "named"):
                if toks[j].text.lower() == "named":
                    keyword += " NAMED"
                j += 1
            target = _target(toks[j], known, base) if j < len(toks) else ""
            found.append(Reference(keyword, target, tok.line, tok.column))
    return found


def check(text: str, *, allow_update: bool = False, allow_remote: bool = False,
          graphs: Collection[str] | None = None, prefixes: Mapping[str, str] = {},
          path: str = "<query>") -> str:
    """The text's form ("query" or "update") when the caller allows what it does; else KgError.

    `graphs` are the names of the store's graphs (a FROM naming one of them is local); None when
    they are not known, and then every FROM with a fetchable IRI counts as a request.
    """
    kind = form(text)
    if kind == "update" and not allow_update:
        raise KgError(f"{path} is an update (INSERT, DELETE, LOAD, CLEAR, DROP, ...)",
                      "Queries are read-only: use SELECT, CONSTRUCT, ASK or DESCRIBE, or pass "
                      "--allow-update to change the store")
    if allow_remote:
        return kind
    local = set(graphs or ())
    for ref in references(text, prefixes):
        if ref.keyword.startswith("FROM") and (ref.target in local or
                                               not ref.target.lower().startswith(FETCHABLE)):
            continue
        shown = ref.target if ref.target.startswith("?") or not ref.target else f"<{ref.target}>"
        raise KgError(f"{path}, line {ref.line}, column {ref.column}: {ref.keyword} {shown} "
                      "would make a request to another server" +
                      (" (the store has no graph of that name)" if ref.keyword.startswith("FROM") else ""),
                      "Remove it, or pass --allow-remote if you trust this query")
    return kind


def default_graph_use(text: str, prefixes: Mapping[str, str] = {}) -> str | None:
    """How an update uses the default graph ("writes into", "reads", "clears"), or None when it
    names its graphs (GRAPH, WITH, INTO). kg keeps nothing in the default graph: the articles are
    named graphs and queries read their union, so such an update would change nothing kg reads,
    or what it adds would be left out of the exports. None too when rdflib cannot parse the update
    (the engine then says where it is wrong). A LOAD without INTO GRAPH "loads into" it (the URL
    itself goes by the remote checks first)."""
    found: list = []
    # parsed in a thread of its own: pyparsing keeps exceptions whose tracebacks reach the frames
    # above them, which in this thread would hold a store the caller opened (and its lock)
    worker = threading.Thread(target=lambda: found.append(_parse_update(text, prefixes)))
    worker.start()
    worker.join()
    update = found[0] if found else None
    if update is None:
        return None
    def part(op, key):              # CompValue.get gives the key itself for a missing key
        return op[key] if key in op else None

    for op in update.algebra:
        if op.name in ("InsertData", "DeleteData", "DeleteWhere") and part(op, "triples"):
            return {"InsertData": "writes into", "DeleteData": "deletes from"}.get(op.name, "reads")
        if op.name == "Modify" and part(op, "withClause") is None:
            for key, verb in (("insert", "writes into"), ("delete", "deletes from")):
                if part(op, key) is not None and part(part(op, key), "triples"):
                    return verb
            if _reads_default(part(op, "where")):
                return "reads"
        if op.name in ("Clear", "Drop") and part(op, "graphiri") == "DEFAULT":
            return "clears"
        if op.name == "Load" and part(op, "graphiri") is None:
            return "loads into"         # LOAD <url> without INTO GRAPH
    return None


def _parse_update(text: str, prefixes: Mapping[str, str]):
    """rdflib's algebra of an update, or None when rdflib cannot parse it."""
    from rdflib import Namespace
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        return translateUpdate(parseUpdate(text), initNs={k: Namespace(v) for k, v in prefixes.items()})
    except Exception:               # pyparsing's and rdflib's own errors: the engine will report
        return None


def _reads_default(pattern) -> bool:
    """Whether a WHERE pattern (rdflib algebra) has triple patterns outside any GRAPH block."""
    if isinstance(pattern, Mapping):
        if getattr(pattern, "name", None) == "Graph":
            return False
        if getattr(pattern, "name", None) == "BGP" and "triples" in pattern and pattern["triples"]:
            return True
        return any(_reads_default(v) for v in pattern.values())
    if isinstance(pattern, (list, tuple)):
        return any(_reads_default(v) for v in pattern)
    return False


def syntax_error(error: Exception, text: str, path: str) -> KgError:
    """A KgError for the engine's syntax error, pointing at the line and column, with the line.

    pyoxigraph says "error at LINE:COLUMN: expected ..." at the furthest point its parser tried,
    which is often the end of the query; rdflib's parser stops at the token that does not fit
    ("found ')' at line 2, column 12"), so that is the place shown when it too rejects the text.
    """
    message = str(error)
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.S)
    if not m:
        return KgError(f"{path}: SPARQL syntax error: {message}", "Fix the query")
    line, column, what = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    found = _rdflib_position(text)
    opening = next(((t.line, t.column) for t in tokens(text) if t.kind == "word"
                    and t.text.lower() in QUERY_FORMS + UPDATE_FORMS), None)
    if found and found[:2] != opening:      # rdflib gave up on the whole query: no better place
        line, column, token = found
        what = f"unexpected {token}"
    what = " ".join(what.split())
    what = what if len(what) <= 160 else what[:159] + "\u2026"
    lines = text.split("\n")
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = f"\n    {shown}\n    {' ' * max(column - 1, 0)}^" if shown.strip() else ""
    return KgError(f"{path}, line {line}, column {column}: SPARQL syntax error: {what}{caret}",
                   "Fix the query at that place")


def _rdflib_position(text: str) -> tuple[int, int, str] | None:
    """(line, column, found token) where rdflib's SPARQL parser stops, or None if it parses."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    try:
        (parseUpdate if form(text) == "update" else parseQuery)(text)
    except ParseException as error:
        token = re.search(r"found (\S+|'.*?')", str(error))
        found = token.group(1) if token and token.group(1) != "end" else "end of the query"
        return error.lineno, error.col, found
    except Exception:                   # noqa: BLE001 - rdflib fails in other ways: no position
        return None
    return None


def within(seconds: float | None, call: Callable[[], T], *, what: str = "the query",
           fork: bool = True) -> T:
    """`call()`, stopped after `seconds` (None: no limit) with a KgError saying so.

    Runs `call` in a forked child process that inherits the caller's memory (an in-memory store
    included) and sends its result back pickled; the child is killed when the time is up. Where
    there is no fork, a thread runs it, and the caller gets the error in time but the work runs
    on in the background until it ends; so too with fork=False, for work whose effects must
    land in this process (an update of its store).
    """
    if seconds is None:
        return call()
    if seconds <= 0:
        raise KgError(f"timeout {seconds} s is not a positive number of seconds",
                      "Give --timeout a number above 0, e.g. --timeout 30")
    if not fork or not hasattr(os, "fork"):
        return _in_thread(seconds, call, what)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                            # the child: run, send, exit
        os.close(read_end)
        try:
            payload = pickle.dumps(("ok", call()))
        except BaseException as exc:                        # noqa: BLE001 - sent to the parent
            try:
                payload = pickle.dumps(("error", exc))
            except Exception:                               # noqa: BLE001 - not picklable
                payload = pickle.dumps(("error", RuntimeError(repr(exc))))
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_end], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                raise _timeout(seconds, what)
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)
    if not chunks:
        raise KgError(f"{what} stopped: its worker process died without an answer",
                      "Run it again without --timeout to see the error")
    status, value = pickle.loads(b"".join(chunks))
    if status == "error":
        raise value
    return value


def _in_thread(seconds: float, call: Callable[[], T], what: str) -> T:
    box: dict = {}

    def work():
        try:
            box["ok"] = call()
        except BaseException as exc:                        # noqa: BLE001 - raised below
            box["error"] = exc
    worker = threading.Thread(target=work, daemon=True, name="kg-query")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _timeout(seconds, what)
    if "error" in box:
        raise box["error"]
    return box["ok"]


def _timeout(seconds: float, what: str) -> KgError:
    return KgError(f"{what} was stopped after {seconds:g} s (--timeout)",
                   "Narrow it (more specific patterns, a LIMIT) or allow more time with --timeout")


def _target(tok: Token, prefixes: Mapping[str, str], base: str) -> str:
    if tok.kind == "iri":
        return urljoin(base, tok.text[1:-1]) if base else tok.text[1:-1]
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        return tok.text
    return tok.text

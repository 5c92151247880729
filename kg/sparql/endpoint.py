"""A remote SPARQL 1.1 server: push the store's graphs to it, run the named queries there.

Pushing uses the Graph Store Protocol when a graph store URL is given (one `PUT ?graph=IRI` per
article graph, which replaces that graph atomically on the server), else SPARQL Update (`DROP
SILENT GRAPH` + `INSERT DATA`, several graphs per request up to `batch` triples). The meta
graph stays local. Auth: HTTP basic (user, password) or a bearer token; every request has a
timeout and is retried with exponential backoff on connection errors, timeouts and 5xx answers.

Queries go through SPARQLWrapper with the same text a local run uses (`kg.sparql.query.prepare`): a
parameter value becomes an RDF term with `kg.sparql.query.term` (an IRI, a date or a string), written
out by pyoxigraph's term serialisation (which escapes quotes, backslashes and newlines) in a
`VALUES` block at the start of the query's outer WHERE group. User text is never pasted raw.

>>> with_values("SELECT ?a WHERE { ?a ?p ?o }", {"a": "USA"})
'SELECT ?a WHERE { VALUES (?a) { (<https://w3id.org/kgnews/actor/USA>) }\\n ?a ?p ?o }'
"""
from __future__ import annotations

import base64
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import pyoxigraph as ox

from kg.base.errors import KgError
from kg.base.vocab import META, PREFIXES
from kg.rdf import graph
from kg.rdf.store import META_GRAPH, KgStore
from kg.sparql import guard
from kg.sparql import query as named
from kg.sparql.params import with_values  # noqa: F401 - kg.sparql.endpoint.with_values, as before

_PUSHED = ox.NamedNode(str(META.pushed))     # in the meta graph: "<endpoint URL>\t<content hash>"
_DECLARED = re.compile(r"^\s*PREFIX\s+([\w-]*):", re.IGNORECASE | re.MULTILINE)

T = TypeVar("T")


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach a SPARQL server. `update` defaults to `query` (one URL, as in
    Virtuoso's /sparql); `graph_store` switches pushing to the Graph Store Protocol."""

    query: str
    update: str | None = None
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5

    def auth_headers(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.user is not None:
            pair = f"{self.user}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode()}
        return {}


def push(store: KgStore, endpoint: Endpoint, docs: Iterable[str] | None = None, *,
         batch: int = 20000) -> int:
    """Send graphs of the store to the server: the given articles (None: all) plus the actors and
    ontology graphs. Returns the number of graphs sent.

    Each article graph the server acknowledged is marked in the store's meta graph (`pending`
    leaves it out next time); when the server fails half-way the KgError says how many were
    sent and which were not, and running the same build again sends just those."""
    wanted = None if docs is None else {str(graph.doc_iri(d)) for d in docs}
    graphs = sorted((g for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode) and g != META_GRAPH
                     and (wanted is None or g.value in wanted or g.value.startswith(graph.BASE + "graph/"))),
                    key=lambda g: g.value)
    hashes = {str(graph.doc_iri(doc)): (doc, digest) for doc, digest in store.hashes().items()}
    done: list[str] = []

    def acknowledged(names: list[ox.NamedNode]) -> None:
        articles = [hashes[g.value] for g in names if g.value in hashes]
        mark_pushed(store, endpoint, articles)
        done.extend(doc for doc, _ in articles)

    try:
        if endpoint.graph_store:
            for g in graphs:
                body = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
                url = _with_param(endpoint.graph_store, "graph", g.value)
                _send(endpoint, "PUT", url, body, "application/n-triples")
                acknowledged([g])
            return len(graphs)
        parts, names, size = [], [], 0
        for g in graphs:
            triples = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8")
            parts.append(f"DROP SILENT GRAPH <{g.value}> ;\nINSERT DATA {{ GRAPH <{g.value}> {{\n{triples}}} }}")
            names.append(g)
            size += triples.count("\n")
            if size >= batch:
                update(endpoint, " ;\n".join(parts))
                acknowledged(names)
                parts, names, size = [], [], 0
        if parts:
            update(endpoint, " ;\n".join(parts))
            acknowledged(names)
        return len(graphs)
    except KgError as error:
        left = sorted(hashes[g.value][0] for g in graphs if g.value in hashes and hashes[g.value][0] not in done)
        if not left:
            raise
        listing = ", ".join(left[:5]) + (" ..." if len(left) > 5 else "")
        raise KgError(f"{error.what}. {len(done)} article graph(s) were sent and are on the server; "
                      f"{len(left)} were not ({listing})",
                      "Run the same command again when the server answers: it sends just those") from None


def _target(endpoint: Endpoint) -> str:
    return endpoint.graph_store or endpoint.update or endpoint.query


def mark_pushed(store: KgStore, endpoint: Endpoint, articles: Iterable[tuple[str, str]]) -> None:
    """Record in the meta graph that the server has these (doc, content hash) versions."""
    target = _target(endpoint)
    for doc, digest in articles:
        d = ox.NamedNode(str(graph.doc_iri(doc)))
        for q in list(store.ox.quads_for_pattern(d, _PUSHED, None, META_GRAPH)):
            if q.object.value.split("\t", 1)[0] == target:
                store.ox.remove(q)
        store.ox.add(ox.Quad(d, _PUSHED, ox.Literal(f"{target}\t{digest}"), META_GRAPH))


def pending(store: KgStore, endpoint: Endpoint) -> list[str]:
    """Articles of the store the server does not have in their current version: never sent to
    this endpoint, sent before they were rebuilt, or not acknowledged (the server failed)."""
    target = _target(endpoint)
    sent = {(q.subject.value, q.object.value) for q in store.ox.quads_for_pattern(None, _PUSHED, None, META_GRAPH)}
    return [doc for doc, digest in sorted(store.hashes().items())
            if (str(graph.doc_iri(doc)), f"{target}\t{digest}") not in sent]


def drop(endpoint: Endpoint, docs: Iterable[str]) -> None:
    """Remove articles' graphs from the server (after `kg remove`)."""
    iris = [str(graph.doc_iri(d)) for d in docs]
    if endpoint.graph_store:
        for iri in iris:
            _send(endpoint, "DELETE", _with_param(endpoint.graph_store, "graph", iri), b"", None, missing_ok=True)
    elif iris:
        update(endpoint, " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in iris))


def update(endpoint: Endpoint, text: str) -> None:
    """Run a SPARQL update on the server (POST application/sparql-update)."""
    _send(endpoint, "POST", endpoint.update or endpoint.query, text.encode("utf-8"),
          "application/sparql-update")


def run(query: named.NamedQuery | str, endpoint: Endpoint, params: Mapping[str, str] = {}, *,
        allow_remote: bool = False) -> named.Result:
    """Run a named query (or a name, or a .rq path) on the server, like kg.sparql.query.run locally.

    kg.sparql.guard decides first, as for the embedded store: no update (builds and removes change the
    server), no SERVICE or LOAD, and no FROM (the server's graphs are not known here), unless
    `allow_remote`."""
    from SPARQLWrapper import BASIC, JSON, POST, SPARQLWrapper

    if isinstance(query, str):
        query = named.load_query(query)
    text = _with_prefixes(named.prepare(query, params))     # the same text as a local run
    guard.check(text, allow_remote=allow_remote, graphs=None, path=query.path)
    client = SPARQLWrapper(endpoint.query)
    client.setQuery(text)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, round(endpoint.timeout)))
    if endpoint.user is not None and not endpoint.token:
        client.setHTTPAuth(BASIC)
        client.setCredentials(endpoint.user, endpoint.password or "")
    if endpoint.token:
        client.addCustomHttpHeader("Authorization", f"Bearer {endpoint.token}")
    answer = retrying(endpoint, f"query {endpoint.query}", lambda: client.queryAndConvert())
    if "boolean" in answer:
        return named.Result(["result"], [["true" if answer["boolean"] else "false"]])
    names = answer["head"]["vars"]
    hidden = {p.name for p in query.params}
    keep = [n for n in names if n not in hidden]
    rows = [[b[n]["value"] if n in b else None for n in keep] for b in answer["results"]["bindings"]]
    return named.Result(keep, rows)


def check_actors(endpoint: Endpoint, params: Mapping[str, str]) -> None:
    """KgError for a parameter naming an actor of which the server has no event, with the close
    match, as `kg query` says it on the local store (kg.sparql.query.check_actors)."""
    named.check_actor_params(
        params,
        lambda node: bool(run(_ad_hoc("SELECT ?e WHERE { GRAPH ?g { { ?e kg:actor %s } UNION "
                                      "{ ?e kg:recipient %s } } } LIMIT 1" % (node, node)), endpoint).rows),
        lambda: (a for (a,) in run(_ad_hoc("SELECT DISTINCT ?a WHERE { GRAPH ?g { { ?e kg:actor ?a } "
                                           "UNION { ?e kg:recipient ?a } } }"), endpoint).rows))


def _ad_hoc(text: str) -> named.NamedQuery:
    return named.NamedQuery("actor check", "", "", (), text, "(kg's check of an actor parameter)")


def _with_prefixes(text: str) -> str:
    """Declare kg's prefixes the query uses without declaring (kg.sparql.query passes them to Oxigraph)."""
    declared = set(_DECLARED.findall(text))
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join(missing) + "\n" + text


def _with_param(url: str, name: str, value: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode({name: value})


def _send(endpoint: Endpoint, method: str, url: str, body: bytes, content_type: str | None, *,
          missing_ok: bool = False) -> None:
    headers = dict(endpoint.auth_headers())
    if content_type:
        headers["Content-Type"] = content_type

    def attempt():
        request = urllib.request.Request(url, data=body if method != "DELETE" else None, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=endpoint.timeout) as answer:
                answer.read()
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return
            if error.code < 500:
                detail = error.read()[:300].decode("utf-8", "replace")
                raise KgError(f"{method} {url}: the server answered {error.code} {error.reason} ({detail.strip()})",
                              _hint(error.code)) from None
            raise

    retrying(endpoint, f"{method} {url}", attempt)


def retrying(endpoint: Endpoint, what: str, step: Callable[[], T]) -> T:
    """Run step(), retrying connection errors, timeouts and 5xx answers with backoff."""
    from SPARQLWrapper.SPARQLExceptions import (
        EndPointInternalError,
        EndPointNotFound,
        Unauthorized,
    )
    delay = endpoint.backoff
    for attempt in range(endpoint.retries + 1):
        try:
            return step()
        except KgError:
            raise
        except Unauthorized:
            raise KgError(f"{what}: the server answered 401 Unauthorized", _hint(401)) from None
        except EndPointNotFound:
            raise KgError(f"{what}: the server answered 404 Not Found", _hint(404)) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, EndPointInternalError, OSError) as error:
            if attempt == endpoint.retries:
                reason = getattr(error, "reason", None) or error
                raise KgError(f"{what}: no answer after {endpoint.retries + 1} attempt(s) ({reason})",
                              "Check that the server runs and the URL is right, or raise --timeout/--retries"
                              ) from None
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def _hint(code: int) -> str:
    if code in (401, 403):
        return "Give --user and --password (basic) or --token (bearer), or grant updates to this user"
    if code == 404:
        return "Check the URL: e.g. Fuseki /DATASET/query, /update, /data; Oxigraph /query, /update, /store"
    return "Check the URL and what the server accepts"

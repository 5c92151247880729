"""Named SPARQL queries: `queries/<name>.rq` files with `#` header lines, run on pyoxigraph.

A named query starts with header lines (Datasette's canned queries)::

    # title: Who supports whom
    # description: Support and aid between actors, with the number of events and articles.
    # param: actor (optional) actor IRI, e.g. https://w3id.org/kgnews/actor/USA

Parameters are plain variables (`?actor`). A value becomes an RDF term first (`term`: an IRI
that pyoxigraph has checked, a date, or a string literal that pyoxigraph escapes) and is bound in
a `VALUES` block opening the query's outer WHERE group (`prepare`), the same text locally and on
a remote endpoint: user text never becomes query syntax. A VALUES block, unlike pyoxigraph's
`substitutions`, lets the engine start from the bound value's index entries: `events-of-actor`
at a million triples takes milliseconds instead of seconds. A query projects its parameters and
`run` leaves those constant columns out of the Result. An optional parameter is written
`FILTER(COALESCE(?actor = ?x, true))` (true when it is not given), and a line that starts with
`#[actor]` is part of the query only when `actor` is given, e.g. `#[actor] ?e sem:hasActor ?actor .`
to reach the actor's events through the index rather than by filtering all of them. To other
SPARQL tools such a line is a comment, so the file stays a valid query that ignores the option.

>>> store = open_store([])
>>> run("SELECT ?n WHERE { VALUES ?n { 1 2 } }", store).rows
[['1'], ['2']]
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pyoxigraph as ox

from kg.base.errors import KgError
from kg.base.vocab import PREFIXES
from kg.rdf import formats
from kg.sparql import guard
from kg.sparql.params import (  # noqa: F401 - kg.query API
    _WHEN,
    NamedQuery,
    Param,
    _code_only,
    bind,
    check_actor_params,
    check_actors,
    prepare,
    term,
    unknown_actor,
    with_values,
)
from kg.sparql.results import FORMATS, FORMULA, Result, _datatype, _value, format_result  # noqa: F401 - kg.query API

HEADER_KEYS = ("title", "description", "param")

_HEADER = re.compile(r"#\s*([A-Za-z]+)\s*:\s*(.*)")
_PARAM = re.compile(r"([A-Za-z_]\w*)\s*(?:\((optional|required)\))?\s*(.*)")


def parse_query(text: str, name: str, path: str) -> NamedQuery:
    """A NamedQuery from the text of a .rq file; a bad header line is a KgError naming its line."""
    fields: dict[str, list[str]] = {"title": [], "description": []}
    params: list[Param] = []
    last = None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#") or _WHEN.match(line):
            break
        match = _HEADER.fullmatch(line)
        if match is None:                       # a comment line continues the previous field
            if last is not None:
                _continue(fields, params, last, line.lstrip("#").strip())
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key not in HEADER_KEYS:
            close = difflib.get_close_matches(key, HEADER_KEYS, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Use one of: {', '.join(HEADER_KEYS)}."
            raise KgError(f"{path}, line {number}: unknown header '{key}'", hint)
        if key == "param":
            params.append(_param(value, path, number))
        else:
            fields[key].append(value)
        last = key
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", _body(text)):
            raise KgError(f"{path}: parameter '{param.name}' is not used in the query",
                          f"Write ?{param.name} in the query or drop its '# param:' line.")
    for number, line in enumerate(text.splitlines(), start=1):
        when = _WHEN.match(line)
        if when and when.group(2) not in {param.name for param in params}:
            raise KgError(f"{path}, line {number}: '#[{when.group(2)}]' names no parameter of the query",
                          f"Declare it with '# param: {when.group(2)} (optional) ...' or fix the name.")
    return NamedQuery(name=name, title=" ".join(fields["title"]) or name,
                      description=" ".join(fields["description"]), params=tuple(params),
                      text=text, path=path)


def list_queries() -> list[NamedQuery]:
    """The shipped queries, sorted by name."""
    folder = _shipped()
    return [parse_query(entry.read_text(encoding="utf-8"), entry.name[:-3], str(entry))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".rq")]


def load_query(name_or_path: str) -> NamedQuery:
    """A shipped query by name ("supports") or a .rq file by path."""
    if name_or_path.endswith(".rq") or "/" in name_or_path or "\\" in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            raise KgError(f"No query file {name_or_path}", "Give the path of a .rq file or a query name.")
        return parse_query(path.read_text(encoding="utf-8"), path.stem, str(path))
    shipped = {query.name: query for query in list_queries()}
    if name_or_path in shipped:
        return shipped[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(shipped), n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    raise KgError(f"Unknown query '{name_or_path}'", f"{hint}Known queries: {', '.join(sorted(shipped))}.")


def open_store(paths: Sequence[str | Path]) -> ox.Store:
    """An in-memory store holding the RDF files, each read in the format its extension names.

    Triples go to the default graph, quads keep their named graphs; queries see the union.
    """
    store = ox.Store()
    for path in paths:
        path = Path(path)
        fmt = formats.by_suffix(path).ox
        if not path.is_file():
            raise KgError(f"No such file: {path}", "Check the path.")
        try:
            store.load(path=path, format=fmt)
        except SyntaxError as error:
            raise KgError(f"{path}: not valid {fmt.name}: {error}", "Fix the file or rebuild it.") from None
    return store


def run(query: NamedQuery | str, store: ox.Store, params: Mapping[str, str] = {}, *,
        allow_update: bool = False, allow_remote: bool = False, timeout: float | None = None) -> Result:
    """Run a named query (or a shipped name, a .rq path, or SPARQL text) read-only on the store.

    kg.sparql.guard decides first: an update runs only with `allow_update`, SERVICE, LOAD and a FROM
    that is not one of the store's graphs only with `allow_remote`; `timeout` (seconds) stops it.
    """
    if isinstance(query, str):
        looks_like_name = re.fullmatch(r"[\w./\\-]+", query) is not None
        query = load_query(query) if looks_like_name else parse_query(query, "<query>", "<query>")
    text = prepare(query, params)
    graphs = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)} \
        if re.search(r"(?i)\bfrom\b", _code_only(text)) else set()      # listing graphs costs time
    kind = _checked(text, allow_update, allow_remote, frozenset(graphs), query.path)
    if kind == "update":
        if text != query.text:
            raise KgError(f"{query.path}: an update takes no parameters",
                          "Write the values into the update, or make it a query")
        use = guard.default_graph_use(query.text, PREFIXES)
        if use:
            raise KgError(f"{query.path}: the update {use} the default graph, where kg keeps nothing: the "
                          "articles are named graphs and queries read their union",
                          "Name the graphs: `DELETE WHERE { GRAPH ?g { ... } }` for every article, "
                          "`GRAPH <https://w3id.org/kgnews/doc/DOC>` for one, and `INSERT DATA { GRAPH "
                          "<https://w3id.org/kgnews/graph/user> { ... } }` for triples of your own, "
                          "`LOAD <URL> INTO GRAPH <https://w3id.org/kgnews/graph/user>` for a file "
                          "(kg export writes every named graph)")
        # in a thread, not a forked worker: the update must change this process's store
        return guard.within(timeout, lambda: _update(query, store), what=f"update {query.name}",
                            fork=False)
    return guard.within(timeout, lambda: _select(query, text, store), what=f"query {query.name}")


@lru_cache(maxsize=256)
def _checked(text: str, allow_update: bool, allow_remote: bool, graphs: frozenset[str], path: str) -> str:
    """kg.sparql.guard's verdict, remembered: a query run again (a notebook, a dashboard) is not parsed again."""
    return guard.check(text, allow_update=allow_update, allow_remote=allow_remote, graphs=graphs,
                       prefixes=PREFIXES, path=path)


def _update(query: NamedQuery, store: ox.Store) -> Result:
    try:
        store.update(query.text, prefixes=PREFIXES)
    except SyntaxError as error:
        raise guard.syntax_error(error, query.text, query.path) from None
    except OSError as error:        # LOAD of an unreachable URL, a store that cannot be written
        raise KgError(f"{query.path}: the update failed: {error}", "Check the store and the update") from None
    return Result(["update"], [["done"]])


def _select(query: NamedQuery, text: str, store: ox.Store) -> Result:
    try:
        answer = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            return Result(["result"], [["true" if bool(answer) else "false"]])
        if isinstance(answer, ox.QueryTriples):
            return Result(["subject", "predicate", "object"],
                          [[_value(t.subject), _value(t.predicate), _value(t.object)] for t in answer])
        names = [variable.value for variable in answer.variables]
        hidden = {param.name for param in query.params}
        keep = [i for i, name in enumerate(names) if name not in hidden]
        rows, types = [], []
        for solution in answer:
            rows.append([_value(solution[i]) for i in keep])
            types.append([_datatype(solution[i]) for i in keep])
    except SyntaxError as error:
        raise guard.syntax_error(error, text, query.path) from None
    except RuntimeError as error:
        raise KgError(f"{query.path}: {error}", "Check the query.") from None
    except OSError as error:        # a SERVICE that did not answer (with allow_remote)
        raise KgError(f"{query.path}: {error}", "Check the remote service, or remove it") from None
    return Result([names[i] for i in keep], rows, types)


def _param(value: str, path: str, number: int) -> Param:
    match = _PARAM.fullmatch(value)
    if match is None:
        raise KgError(f"{path}, line {number}: bad parameter line '{value}'",
                      "Write '# param: name (optional|required) description'.")
    name, flag, description = match.groups()
    return Param(name=name, required=flag != "optional", description=description.strip())


def _continue(fields: dict[str, list[str]], params: list[Param], key: str, text: str) -> None:
    if key == "param":
        last = params[-1]
        params[-1] = Param(last.name, last.required, f"{last.description} {text}".strip())
    else:
        fields[key].append(text)


def _body(text: str) -> str:
    """The query without its comment lines but with its `#[name]` lines (a parameter named only
    in the header is not used)."""
    return "\n".join(line for line in text.splitlines()
                     if not line.lstrip().startswith("#") or _WHEN.match(line))


def _shipped() -> Traversable:
    try:
        return resources.files("kg.queries")
    except ModuleNotFoundError:  # a source checkout that is not installed: queries/ beside kg/
        return Path(__file__).resolve().parents[2] / "queries"



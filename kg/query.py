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

import csv
import difflib
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from kg import guard
from kg.errors import KgError
from kg.vocab import ACTOR, KG, PREFIXES

FORMATS = ("table", "csv", "json")
HEADER_KEYS = ("title", "description", "param")

_HEADER = re.compile(r"#\s*([A-Za-z]+)\s*:\s*(.*)")
_PARAM = re.compile(r"([A-Za-z_]\w*)\s*(?:\((optional|required)\))?\s*(.*)")
_CODE = re.compile(r"[A-Z][A-Z0-9_]*")                      # an actor code: USA, SYRREB
_PREFIXED = re.compile(r"([a-z][\w-]*):([^\s:<>\"{}|\\^`]+)")  # actor:USA, person:ObamaBarack
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHEN = re.compile(r"^(\s*)#\[([A-Za-z_]\w*)\] ?(.*)$")    # a line used only when the parameter is given
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_LEXICAL = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>'           # an IRI: kept (it may hold a '#')
                      r'|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                      r"|#[^\n]*")                              # strings and comments: blanked
#: What a spreadsheet may take for a formula at the start of a cell (kg export's CSV uses it too).
FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_DATE = ox.NamedNode(_XSD + "date")
_INTEGERS = frozenset({"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                       "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
                       "unsignedShort", "unsignedByte"})
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str


@dataclass
class Result:
    """Rows of plain values: IRIs as strings, literals as their lexical value, None if unbound;
    `datatypes` the XSD datatype IRI of each literal value (None for others; [] when not known),
    so JSON can write numbers as numbers."""

    columns: list[str]
    rows: list[list[str | None]]
    datatypes: list[list[str | None]] = field(default_factory=list)

    def typed(self) -> list[list]:
        """The rows with numeric literals as int or float and booleans as bool (for JSON)."""
        out = []
        for n, row in enumerate(self.rows):
            types = self.datatypes[n] if n < len(self.datatypes) else [None] * len(row)
            out.append([_typed(value, kind) for value, kind in zip(row, types)])
        return out


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
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise KgError(f"{path}: unknown RDF file extension '{path.suffix}'",
                          f"Use one of: {', '.join(RDF_FORMATS)}.")
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

    kg.guard decides first: an update runs only with `allow_update`, SERVICE, LOAD and a FROM
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
    """kg.guard's verdict, remembered: a query run again (a notebook, a dashboard) is not parsed again."""
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


def prepare(query: NamedQuery, params: Mapping[str, str], *, values: bool = True) -> str:
    """The query text to run with these parameters: its `#[name]` lines switched on for the
    parameters given, and the values bound in a VALUES block opening the outer WHERE group
    (`values=False` leaves the block out, for an engine that binds them itself).

    >>> q = parse_query("# param: actor (optional)\\nSELECT ?e WHERE {\\n#[actor] ?e ?p ?actor .\\n}", "q", "q")
    >>> print(prepare(q, {"actor": "USA"}))
    # param: actor (optional)
    SELECT ?e WHERE { VALUES (?actor) { (<https://w3id.org/kgnews/actor/USA>) }
    <BLANKLINE>
    ?e ?p ?actor .
    }
    """
    bound = {variable.value: value for variable, value in bind(query, params).items()}
    lines = []
    for line in query.text.split("\n"):
        when = _WHEN.match(line)
        lines.append(when.group(1) + when.group(3) if when and when.group(2) in bound else line)
    return with_values("\n".join(lines), bound) if values else "\n".join(lines)


def with_values(text: str, values: Mapping[str, str | ox.NamedNode | ox.Literal]) -> str:
    """The query with these values (terms, or strings made terms by `term`) in a VALUES block
    opening its outer WHERE group; a KgError when it has no WHERE group."""
    values = {name: value if isinstance(value, (ox.NamedNode, ox.Literal)) else term(value)
              for name, value in values.items() if value}
    if not values:
        return text
    match = _WHERE.search(_code_only(text))
    if match is None:
        raise KgError("The query has no WHERE { ... } to bind parameters in", "Write the query with WHERE")
    block = (" VALUES (" + " ".join(f"?{n}" for n in values) + ") { ("
             + " ".join(str(t) for t in values.values()) + ") }\n")
    return text[:match.end()] + block + text[match.end():]


def _code_only(text: str) -> str:
    """The text with comments and string literals blanked (same length, so offsets stay valid)."""
    def blank(match: re.Match) -> str:
        token = match.group(0)
        return token if token.startswith("<") else re.sub(r"[^\n]", " ", token)
    return _LEXICAL.sub(blank, text)


def bind(query: NamedQuery, params: Mapping[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """The RDF terms for a query's parameters; KgError for a missing or unknown one."""
    known = {param.name: param for param in query.params}
    listing = ", ".join(f"{p.name} ({'required' if p.required else 'optional'})" for p in query.params)
    for name in params:
        if name not in known:
            raise KgError(f"Query '{query.name}' has no parameter '{name}'",
                          f"Its parameters: {listing}." if listing else "It takes no parameters.")
    for param in query.params:
        if param.required and not params.get(param.name):
            raise KgError(f"Query '{query.name}' needs the parameter '{param.name}'",
                          f"Its parameters: {listing}.")
    return {ox.Variable(name): term(value) for name, value in params.items() if value}


def term(value: str) -> ox.NamedNode | ox.Literal:
    """An RDF term for a parameter value: an IRI, "USA" or "actor:USA" as the actor IRI, a date, a string."""
    prefixed = _PREFIXED.fullmatch(value)
    if value.startswith(("http://", "https://", "urn:")) or (prefixed and prefixed.group(1) not in PREFIXES):
        iri = value
    elif prefixed:
        iri = PREFIXES[prefixed.group(1)] + prefixed.group(2)
    elif _CODE.fullmatch(value):
        iri = str(ACTOR) + value
    elif _DATE.fullmatch(value):
        return ox.Literal(value, datatype=_XSD_DATE)
    else:
        return ox.Literal(value)
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise KgError(f"Not a valid IRI: {value!r} ({error})", "Give an IRI, an actor code or a prefixed name.") from None


def format_result(result: Result, fmt: str = "table") -> str:
    """The result as an aligned text table (IRIs shortened with kg.vocab.PREFIXES), CSV or JSON."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in result.rows])
        return out.getvalue()
    if fmt == "json":
        records = [dict(zip(result.columns, row)) for row in result.typed()]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        return _table(result)
    raise KgError(f"Unknown format '{fmt}'", f"Use one of: {', '.join(FORMATS)}.")


def shorten(value: str) -> str:
    """`https://w3id.org/kgnews/actor/USA` -> `actor:USA` for the longest namespace that matches."""
    best = max((ns for ns in PREFIXES.values() if value.startswith(ns) and len(value) > len(ns)),
               key=len, default=None)
    if best is None:
        return value
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{value[len(best):]}"


def _csv_cell(value: str | None) -> str:
    """A cell a spreadsheet would run as a formula gets a leading ' (numbers such as -5 do not)."""
    if value is None:
        return ""
    return "'" + value if FORMULA.match(value) and not _NUMBER.fullmatch(value) else value


def _table(result: Result) -> str:
    cells = [[_CONTROL.sub(" ", shorten(v)) if v is not None else "" for v in row] for row in result.rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(result.columns)]
    numeric = [bool(cells) and all(re.fullmatch(r"-?\d+(\.\d+)?", row[i]) for row in cells if row[i])
               for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        padded = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(padded).rstrip()

    lines = [line(result.columns), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in cells]
    return "\n".join(lines) + "\n"


def _value(node) -> str | None:
    if node is None:
        return None
    if isinstance(node, ox.BlankNode):
        return "_:" + node.value
    if isinstance(node, (ox.NamedNode, ox.Literal)):
        return node.value
    return str(node)  # an RDF-star triple


def _datatype(node) -> str | None:
    return node.datatype.value if isinstance(node, ox.Literal) and not node.language else None


def _typed(value: str | None, datatype: str | None):
    """A literal's value as JSON would have it: numbers as numbers, booleans as booleans."""
    if value is None or datatype is None or not datatype.startswith(_XSD):
        return value
    kind = datatype[len(_XSD):]
    try:
        if kind in _INTEGERS:
            return int(value)
        if kind in ("decimal", "double", "float"):
            number = float(value)
            return number if math.isfinite(number) else value    # NaN and INF are no JSON numbers
        if kind == "boolean":
            return {"true": True, "1": True, "false": False, "0": False}.get(value.strip(), value)
    except ValueError:
        return value                  # an ill-typed literal ("abc"^^xsd:integer) stays as written
    return value


def check_actors(store: ox.Store, params: Mapping[str, str]) -> None:
    """KgError for a parameter naming an actor (USA, actor:USA) of which the graph has no event,
    with the close match, as `kg show --actor` says it (kg.network.unknown_actor)."""
    roles = [ox.NamedNode(str(KG.actor)), ox.NamedNode(str(KG.recipient))]
    check_actor_params(
        params,
        lambda node: any(next(iter(store.quads_for_pattern(None, role, node, None)), None) for role in roles),
        lambda: (q.object.value for role in roles for q in store.quads_for_pattern(None, role, None, None)
                 if isinstance(q.object, ox.NamedNode)))


def check_actor_params(params: Mapping[str, str], has: Callable[[ox.NamedNode], bool],
                       every: Callable[[], Iterable[str]]) -> None:
    """The check of `check_actors` over any source of events: `has(actor IRI)` says whether an
    event names it, `every()` gives the IRIs events name (for the close match)."""
    from .network import unknown_actor
    for value in params.values():
        node = term(value) if value else None
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(str(ACTOR)) or has(node):
            continue
        known = {unquote(iri[len(str(ACTOR)):]) for iri in every() if iri and iri.startswith(str(ACTOR))}
        raise unknown_actor(unquote(node.value[len(str(ACTOR)):]), sorted(known))


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
        return Path(__file__).resolve().parent.parent / "queries"

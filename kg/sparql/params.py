"""Query parameters: a value becomes an RDF term (an actor id, a prefixed name, a date, a number or
a string), joins the query in a VALUES block, never as query text, and an actor id no event has is
an error with the close match."""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

import pyoxigraph as ox

from kg.base.errors import KgError
from kg.base.vocab import ACTOR, KG, PREFIXES

_CODE = re.compile(r"[A-Z][A-Z0-9_]*")                      # an actor code: USA, SYRREB


_PREFIXED = re.compile(r"([a-z][\w-]*):([^\s:<>\"{}|\\^`]+)")  # actor:USA, person:ObamaBarack


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_WHEN = re.compile(r"^(\s*)#\[([A-Za-z_]\w*)\] ?(.*)$")    # a line used only when the parameter is given


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


_LEXICAL = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>'           # an IRI: kept (it may hold a '#')
                      r'|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                      r"|#[^\n]*")                              # strings and comments: blanked


def prepare(query: NamedQuery, params: Mapping[str, str], *, values: bool = True) -> str:
    """The query text to run with these parameters: its `#[name]` lines switched on for the
    parameters given, and the values bound in a VALUES block opening the outer WHERE group
    (`values=False` leaves the block out, for an engine that binds them itself).

    >>> from kg.sparql.query import parse_query
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


def check_actors(store: ox.Store, params: Mapping[str, str]) -> None:
    """KgError for a parameter naming an actor (USA, actor:USA) of which the graph has no event,
    with the close match, as `kg show --actor` says it (kg.views.network.unknown_actor)."""
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
    for value in params.values():
        node = term(value) if value else None
        if not isinstance(node, ox.NamedNode) or not node.value.startswith(str(ACTOR)) or has(node):
            continue
        known = {unquote(iri[len(str(ACTOR)):]) for iri in every() if iri and iri.startswith(str(ACTOR))}
        raise unknown_actor(unquote(node.value[len(str(ACTOR)):]), sorted(known))


def unknown_actor(name: str, known: list[str]) -> KgError:
    """The error for an actor id no event has, with the close match (kg show --actor, kg query --param)."""
    close = difflib.get_close_matches(name.upper(), known, n=1)
    return KgError(f"No events of actor {name!r}",
                   f"Did you mean {close[0]}?" if close else
                   f"Use an actor id of the events, e.g. {', '.join(known[:5]) or 'USA'}")


XSD = "http://www.w3.org/2001/XMLSchema#"


_XSD_DATE = ox.NamedNode(XSD + "date")


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

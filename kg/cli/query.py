"""`kg query`: a named query or a .rq file on the store, graph files or a SPARQL server."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.base.errors import KgError
from kg.cli.options import DEFAULT_OUT, endpoint_from, endpoint_options
from kg.rdf import table
from kg.rdf.store import KgStore
from kg.sparql import endpoint, guard, query


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg query` command's arguments."""
    p = sub.add_parser("query", help="run a named SPARQL query or a .rq file on the graph",
                       description="Run a named query (see --list) or a .rq file on the store (default: "
                       "output/store) or on graph files. Parameter values become RDF terms in a VALUES "
                       "block, never query text; a '#[name]' line of the query joins only when the "
                       "parameter name is given.")
    p.add_argument("query", nargs="?", metavar="NAME|FILE.rq")
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .nt .nq .trig .jsonld)")
    p.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter, e.g. actor=USA (repeatable)")
    p.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--store", metavar="DIR",
                   help="the store to query when no GRAPH is given (default: output/store)")
    endpoint_options(p, "run the query on this SPARQL server instead (through SPARQLWrapper)", timeout=False)
    p.add_argument("--memory", action="store_true",
                   help="copy the store into memory first: slower to start (about 9 s per million "
                   "triples), then queries run 3-6x faster (heavy queries on big stores)")
    p.add_argument("--allow-update", action="store_true",
                   help="let an update (INSERT, DELETE, ...) change the store (default: read-only)")
    p.add_argument("--allow-remote", action="store_true",
                   help="let SERVICE, LOAD and FROM <url> make requests to other servers (default: refused)")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop the query after SECONDS (default: no limit)")


def run(args: argparse.Namespace) -> int:

    if args.list:
        for q in query.list_queries():
            params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
            print(f"{q.name:18} {q.title}" + (f"  [{params}]" if params else ""))
        return 0
    if not args.query:
        raise KgError("No query given", "Name one (kg query --list) or give a .rq file")
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KgError(f"--param '{item}' is not NAME=VALUE", "Write it as --param actor=USA")
        params[name.strip()] = value
    store_dir = Path(args.store) if args.store else Path(DEFAULT_OUT) / "store"
    if args.endpoint:
        if args.allow_update or args.memory:
            raise KgError("--allow-update and --memory are for the local store",
                          "On a server, kg build and kg remove make the changes")
        server = endpoint_from(args)
        endpoint.check_actors(server, params)
        result = endpoint.run(query.load_query(args.query), server, params,
                              allow_remote=args.allow_remote)
    elif not args.graphs and (args.store or store_dir.is_dir()):
        named = query.load_query(args.query)
        with KgStore(store_dir, must_exist=True, read_only=not args.allow_update) as st:
            if args.memory and args.allow_update:
                raise KgError("--memory and --allow-update do not go together: an update of the "
                              "copy in memory would be lost", "Drop --memory to update the store")
            query.check_actors(st.ox, params)
            result = query.run(named, st.in_memory() if args.memory else st.ox, params, **_guarded(args))
            if args.allow_update and guard.form(named.text) == "update":
                table.mark_edited(st)    # kg show reads the graphs from now on, not the event tables
    else:
        graphs = args.graphs or [str(Path(DEFAULT_OUT) / "graph.trig")]
        missing = [g for g in graphs if not Path(g).exists()]
        if missing:
            raise KgError(f"{missing[0]}: no such graph file", "Run `kg build ARTICLE` first or name a graph file")
        named, store = query.load_query(args.query), query.open_store(graphs)
        query.check_actors(store, params)
        result = query.run(named, store, params, **_guarded(args))
    out = query.format_result(result, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _guarded(args: argparse.Namespace) -> dict:
    """kg query's limits (kg.sparql.guard): read-only, no remote requests, a timeout, unless allowed."""
    return dict(allow_update=args.allow_update, allow_remote=args.allow_remote, timeout=args.timeout)

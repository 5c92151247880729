"""Options and helpers the commands share: dates, the SPARQL server options, the network
filters, the graph a command reads, and rewriting the output files after the store changed."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from kg.base.errors import KgError
from kg.pipeline.outputs import (
    FILES_LIMIT,
    current,
    drop_files,
    store_state,
    write_store,
)
from kg.rdf import table
from kg.rdf.store import KgStore
from kg.sparql import query
from kg.sparql.endpoint import Endpoint
from kg.views.network import Filters

DEFAULT_OUT = "output"


def date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def endpoint_options(p: argparse.ArgumentParser, what: str, *, timeout: bool = True) -> None:
    """--endpoint and its options; `timeout=False` where the command has its own --timeout."""
    g = p.add_argument_group("SPARQL server")
    g.add_argument("--endpoint", metavar="URL", help=f"query URL: {what}")
    g.add_argument("--update-endpoint", metavar="URL", help="update URL (default: the --endpoint URL)")
    g.add_argument("--graph-store", metavar="URL",
                   help="Graph Store Protocol URL: push by PUT per graph instead of SPARQL Update")
    g.add_argument("--user", help="HTTP basic auth user (password from --password or $KG_ENDPOINT_PASSWORD)")
    g.add_argument("--password", help="HTTP basic auth password")
    g.add_argument("--token", help="bearer token (or $KG_ENDPOINT_TOKEN)")
    if timeout:
        g.add_argument("--timeout", type=float, metavar="S", help="seconds per request (default 30)")
    g.add_argument("--retries", type=int, default=3, metavar="N",
                   help="retries after a failed request, with backoff 0.5 s, 1 s, 2 s ... (default 3)")


def endpoint_from(args: argparse.Namespace) -> Endpoint | None:
    if not getattr(args, "endpoint", None):
        return None
    return Endpoint(args.endpoint, update=args.update_endpoint, graph_store=args.graph_store, user=args.user,
                    password=args.password if args.password is not None else os.environ.get("KG_ENDPOINT_PASSWORD"),
                    token=args.token or os.environ.get("KG_ENDPOINT_TOKEN"),
                    timeout=args.timeout if getattr(args, "timeout", None) is not None else 30.0,
                    retries=max(0, args.retries))


def filter_options(p: argparse.ArgumentParser, scope: str = "") -> None:
    """The filters every network command shares (kg.views.network.Filters)."""
    g = p.add_argument_group("filters", f"{scope}which events the network is drawn from")
    g.add_argument("--from", dest="start", type=date_arg, metavar="DATE", help="events on or after DATE")
    g.add_argument("--to", dest="end", type=date_arg, metavar="DATE", help="events on or before DATE")
    g.add_argument("--category", action="append", default=[], metavar="CAT",
                   help="only these PLOVER categories (repeatable or comma-separated: ASSAULT,COERCE)")
    g.add_argument("--actor", action="append", default=[], metavar="ID",
                   help="only events with this actor at either end (repeatable or comma-separated)")
    g.add_argument("--min-count", type=int, default=1, metavar="N", help="ties with at least N events")
    g.add_argument("--min-articles", type=int, default=1, metavar="N",
                   help="ties told by at least N distinct articles (evidence strength; default 1)")
    g.add_argument("--context", action="append", default=[], metavar="ID",
                   help="only events about this context (repeatable or comma-separated: ceasefire,cbrn; "
                   "the ids of ontologies/contexts.ttl)")
    g.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="only events kg is at least this sure of (0-1; events of --engine parse carry "
                   "a confidence, others are then left out)")


def filters_from(args: argparse.Namespace) -> Filters:

    def listed(values: list[str]) -> tuple[str, ...]:
        return tuple(v.strip() for item in values for v in item.split(",") if v.strip())

    return Filters(start=args.start.isoformat() if args.start else None,
                   end=args.end.isoformat() if args.end else None,
                   categories=tuple(c.upper() for c in listed(args.category)),
                   actors=listed(args.actor), min_count=args.min_count,
                   min_confidence=args.min_confidence,
                   contexts=tuple(c.lower() for c in listed(args.context)), min_articles=args.min_articles)


class Source:
    """The graph a network command reads: GRAPH files, else the store, else output/graph.trig."""

    def __init__(self, args: argparse.Namespace, graphs: list[str]) -> None:
        self.args, self.graphs, self.store = args, graphs, None

    def __enter__(self):
        store_dir = Path(self.args.store) if self.args.store else Path(DEFAULT_OUT) / "store"
        if not self.graphs and (self.args.store or store_dir.is_dir()):
            self.store = KgStore(store_dir, must_exist=True, read_only=True)
            return self.store.ox
        graphs = self.graphs or [str(Path(DEFAULT_OUT) / "graph.trig")]
        missing = [g for g in graphs if not Path(g).exists()]
        if missing:
            raise KgError(f"{missing[0]}: no such graph file", "Run `kg build ARTICLE` first or name a graph file")
        return query.open_store(graphs)

    def __exit__(self, *exc) -> None:
        if self.store is not None:
            self.store.close()


def after_store_change(args: argparse.Namespace, store: Path, summary: str, changed: bool = True) -> int:
    """Bring the output files up to the store (kg.pipeline.outputs: written when they do not show
    it; on demand only for a store of more than FILES_LIMIT articles), then say what changed."""

    written, notes = {}, []
    with KgStore(store) as st:
        if changed or table.pending(st, "merged"):
            table.refresh_merged(st)          # the same event told by several articles
        hashes = st.hashes()
        docs = len(hashes)
        if not args.store_only:
            written = _files(args, st, hashes, notes)
    if not args.quiet:
        print(f"{summary}; the store {store} holds {docs} article(s)", file=sys.stderr)
        for note in notes:
            print(f"Note: {note}", file=sys.stderr)
        for path in written.values():
            print(path)
    return 0


def _files(args: argparse.Namespace, st: KgStore, hashes: dict[str, str], notes: list[str]) -> dict:
    html = not args.no_html
    state = store_state(st, html, hashes)
    if current(args.out, state):
        notes.append(f"the files of {args.out} already show the store")
        return {}
    if len(hashes) > FILES_LIMIT and not getattr(args, "files", False):
        gone = drop_files(args.out)
        notes.append(f"the files of {args.out} are not rewritten for a store of more than {FILES_LIMIT:,} "
                     "articles (kg query, kg show and kg export read the store itself)"
                     + (f"; the old {', '.join(gone)} no longer showed it and were removed" if gone else "")
                     + "; `kg build --files ...` writes them")
        return {}
    return write_store(st, args.out, html=html, notes=notes, state=state)


def clean(text: str) -> str:
    """Article text for a terminal: no control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in text)

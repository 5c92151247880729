"""`kg remove`: take articles out of the store and rewrite the output files."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.options import (
    DEFAULT_OUT,
    after_store_change,
    endpoint_from,
    endpoint_options,
)
from kg.knowledge.gazetteer import load_gazetteer
from kg.pipeline.outputs import FILES_LIMIT
from kg.rdf.store import KgStore, store_path
from kg.sparql.endpoint import drop, push


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg remove` command's arguments."""
    p = sub.add_parser("remove", help="take articles out of the store",
                       description="Remove articles (by doc id) from the store, recompute the actors "
                       "graph from the articles left, and rewrite the files of the output folder.")
    p.add_argument("docs", nargs="+", metavar="DOC", help="doc id (the article's file name without extension)")
    p.add_argument("-o", "--out", default=DEFAULT_OUT, help="output folder (default: output)")
    p.add_argument("--store", metavar="DIR", help="the store (default: OUT/store)")
    p.add_argument("--store-only", action="store_true", help="update the store but rewrite no files")
    p.add_argument("--files", action="store_true",
                   help=f"rewrite the files also when the store holds more than {FILES_LIMIT:,} articles "
                   "(as kg build --files)")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    endpoint_options(p, "also drop the articles' graphs on this SPARQL server")


def run(args: argparse.Namespace) -> int:

    store = Path(args.store) if args.store else store_path(args.out)
    with KgStore(store, must_exist=True) as st:
        removed = st.remove(args.docs)
        st.refresh_actors(load_gazetteer())
        endpoint = endpoint_from(args)
        if endpoint:
            drop(endpoint, removed)
            push(st, endpoint, [])      # the recomputed actors graph
    return after_store_change(args, store, f"{len(removed)} article(s) removed")

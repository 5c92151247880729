"""`kg show`: who stands where (central actors, ties, blocs, balance, changes)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.base.errors import KgError
from kg.cli.options import Source, date_arg, filter_options, filters_from
from kg.rdf import table
from kg.views import analysis, report
from kg.views.network import events_from_store


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg show` command's arguments."""
    p = sub.add_parser("show", help="who stands where: central actors, ties, blocs, balance, changes",
                       description="Analyse the actor network of the store (or GRAPH files): the most "
                       "central actors, the strongest cooperative and hostile ties, blocs (communities of "
                       "the cooperative network) and the hostility between them, structural balance "
                       "(triads breaking 'the friend of my friend is my friend / the enemy of my enemy is "
                       "my friend', with their evidence), and ties that flipped sign at --split DATE.")
    p.add_argument("items", nargs="*", metavar="[WHAT] [GRAPH...]",
                   help=f"WHAT: {', '.join(analysis.VIEWS)} (default: all); GRAPH: RDF files instead of the store")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.add_argument("--split", type=date_arg, metavar="DATE",
                   help="for changes: compare the events before DATE with those from DATE on")
    p.add_argument("--top", type=int, default=10, metavar="N",
                   help="central actors, ties of each kind and triads of each kind (+ + -, - - -, balanced) "
                   "to list (default 10; 0: all)")
    p.add_argument("--store", metavar="DIR", help="the store (default: output/store, else output/graph.trig)")
    filter_options(p)


def run(args: argparse.Namespace) -> int:

    what, graphs = "all", list(args.items)
    if graphs and (graphs[0] in analysis.VIEWS or not Path(graphs[0]).suffix):
        what = graphs.pop(0)
    if args.top < 0:
        raise KgError(f"--top {args.top} is negative", "Give 0 (all) or more")
    source = Source(args, graphs)
    with source as store:            # a kg store has its events as tables: seconds for 100,000
        events = table.read_events(source.store) if source.store is not None else events_from_store(store)
    found = analysis.report(events, what, filters=filters_from(args), split=args.split, top=args.top or None)
    if args.format == "json":
        print(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(report.format_report(found))
    return 0

"""`kg export`: the graph as RDF, the network as GraphML/GEXF, events as CSV, the page."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.base.errors import KgError
from kg.cli.options import DEFAULT_OUT, Source, filter_options, filters_from
from kg.rdf.store import KgStore, export_rdf
from kg.views import export


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg export` command's arguments."""
    p = sub.add_parser("export", help="write the graph as RDF, the network as GraphML/GEXF, events as CSV",
                       description="Write the store's articles, actors and ontology as RDF, sorted "
                       "(the same store gives the same bytes). Triple formats get the union of the graphs. "
                       "graphml and gexf write the actor network (for Gephi, Cytoscape), csv one row per "
                       "event (cells a spreadsheet would run as formulas get a leading '), html the page; "
                       "the filters apply to these four.")
    p.add_argument("graphs", nargs="*", metavar="GRAPH",
                   help="RDF files to read instead of the store (.trig .nq .jsonld ...)")
    p.add_argument("-f", "--format", choices=export.FORMATS, metavar="FORMAT",
                   help=f"{', '.join(export.FORMATS)} (default: from the -o extension, else trig)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    p.add_argument("--store", metavar="DIR", help="the store (default: output/store)")
    p.add_argument("--title", help="title of the html page (default: kg)")
    filter_options(p, "graphml, gexf, csv, html: ")


def run(args: argparse.Namespace) -> int:

    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "") or "trig"
    if fmt not in export.FORMATS:
        raise KgError(f"{args.output}: unknown export file extension", f"Use -f with one of: {', '.join(export.FORMATS)}")
    if fmt not in export.RDF_FORMATS or args.graphs or filters_from(args).active:
        return _export_network(args, fmt)
    with KgStore(Path(args.store) if args.store else Path(DEFAULT_OUT) / "store", must_exist=True,
                 read_only=True) as st:
        if args.output:
            export_rdf(st, fmt, args.output)
        else:
            sys.stdout.flush()
            export_rdf(st, fmt, sys.stdout.buffer)
    return 0


def _export_network(args: argparse.Namespace, fmt: str) -> int:

    with Source(args, args.graphs) as store:
        data = export.export(store, fmt, filters=filters_from(args), title=args.title or "kg")
    if args.output:
        export.write(data, args.output)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0

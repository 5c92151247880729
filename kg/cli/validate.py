"""`kg validate`: check a graph against kg's SHACL shapes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.base.errors import KgError
from kg.cli.options import DEFAULT_OUT
from kg.rdf import validate
from kg.rdf.store import KgStore


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg validate` command's arguments."""
    p = sub.add_parser("validate", help="check a graph against kg's SHACL shapes",
                       description="Check graph files (default: the store, else output/graph.trig) against "
                       "the shapes of kg's output (ontologies/kg-shapes.ttl) with pySHACL. Prints the "
                       "violations; exits 1 when there is one.")
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .trig .nq .nt .jsonld)")
    p.add_argument("--store", metavar="DIR", help="the store to check when no GRAPH is given (default: output/store)")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")


def run(args: argparse.Namespace) -> int:

    store_dir = Path(args.store) if args.store else Path(DEFAULT_OUT) / "store"
    if not args.graphs and (args.store or store_dir.is_dir()):
        with KgStore(store_dir, must_exist=True, read_only=True) as st:
            report = validate.validate(st.dataset(), source=str(store_dir))
    else:
        report = validate.validate(args.graphs or [str(Path(DEFAULT_OUT) / "graph.trig")])
    sys.stdout.write(validate.format_report(report, args.format))
    if not report.conforms:
        raise KgError(f"{report.source}: {len(report.violations)} violation(s) of kg's shapes",
                      "See the list above; rebuild it with `kg build ARTICLES --force` (the store) or "
                      "`kg build ARTICLES --no-store` (files), or fix what changed it")
    return 0

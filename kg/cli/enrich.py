"""`kg enrich`: Wikidata labels, offices and countries of the actors into the store."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.options import DEFAULT_OUT, endpoint_from, endpoint_options
from kg.rdf.store import KgStore
from kg.sparql.enrich import WIKIDATA, enrich


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg enrich` command's arguments."""
    p = sub.add_parser("enrich", help="add Wikidata labels, offices and countries of the actors to the store",
                       description="For actors and persons with a Wikidata id, fetch labels in more languages, "
                       "offices held (P39 with P580/P582) and country (P17) into the store's enrichment graph. "
                       "Default endpoint: https://query.wikidata.org/sparql (asked only when you run this).")
    p.add_argument("--store", metavar="DIR", help="the store (default: output/store)")
    p.add_argument("--lang", default="en,nl,de,fr,es,ar,ru,tr,fa,zh", metavar="LIST",
                   help="label languages, comma-separated (default: en,nl,de,fr,es,ar,ru,tr,fa,zh)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    endpoint_options(p, "a SPARQL endpoint with Wikidata's data model (default: Wikidata's)")


def run(args: argparse.Namespace) -> int:

    if not args.endpoint:
        args.endpoint = WIKIDATA
    languages = [lang.strip() for lang in args.lang.split(",") if lang.strip()]
    with KgStore(Path(args.store) if args.store else Path(DEFAULT_OUT) / "store", must_exist=True) as st:
        found = enrich(st, endpoint_from(args), languages=languages)
    if not args.quiet:
        print(f"{found.items} Wikidata item(s): {found.labels} label(s), {found.offices} office(s), "
              f"{found.countries} country link(s)", file=sys.stderr)
    return 0

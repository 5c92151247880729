"""`kg gazetteer import`: TABARI/PETRARCH dictionaries as kg gazetteer Turtle."""
from __future__ import annotations

import argparse
import sys

from kg.base.errors import KgError
from kg.petrarch import dictionaries as petrarch


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg gazetteer` command's arguments."""
    p = sub.add_parser("gazetteer", help="gazetteer tools: import PETRARCH dictionaries",
                        description="Tools for actor gazetteers (the --gazetteer files of kg build).")
    gsub = p.add_subparsers(dest="gazetteer_command", metavar="COMMAND")
    gsub.required = True
    gi = gsub.add_parser("import", help="convert TABARI/PETRARCH actor (and agent) dictionaries to Turtle",
                         description="Convert a TABARI/PETRARCH actors dictionary (and an agents one) into "
                         "kg gazetteer Turtle for kg build --gazetteer. The rules are in kg/petrarch/dictionaries.py; "
                         "skipped constructs are counted on stderr.")
    gi.add_argument("actors", metavar="FILE.actors.txt", help="the actors dictionary")
    gi.add_argument("--agents", metavar="FILE.agents.txt", help="an agents dictionary")
    gi.add_argument("-o", "--output", metavar="OUT.ttl", help="file to write (default: stdout)")
    gi.add_argument("--lang", default="en", help="language tag of the labels (default: en)")
    gi.add_argument("-q", "--quiet", action="store_true", help="do not print the warnings' summary")


def run(args: argparse.Namespace) -> int:

    result = petrarch.import_dictionaries(args.actors, args.agents, lang=args.lang)
    if not (result.actors or result.persons or result.agent_nouns):
        for line in result.summary():
            print(f"Warning: {line}", file=sys.stderr)
        raise KgError(f"{args.actors}: yields no actor" + (
            f" ({len(result.warnings)} construct(s) skipped, see above; the rest, if any, known already)"
            if result.warnings else " (no entry such as 'GONDOR [GON]' that kg's gazetteer lacks)"),
            "Give a TABARI/PETRARCH actors dictionary with actors kg does not know; nothing was written")
    if args.output:
        petrarch.save(result, args.output)
    else:
        sys.stdout.write(result.turtle)
    if not args.quiet:
        print(f"{result.actors} actor(s), {result.persons} person(s), {result.agent_nouns} agent noun(s)"
              + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
        for line in result.summary():
            print(f"Warning: {line}", file=sys.stderr)
    return 0

"""`kg eval`: score extracted events against gold files."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg import evaluate
from kg.base.errors import KgError
from kg.cli.options import DEFAULT_OUT


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg eval` command's arguments."""
    p = sub.add_parser("eval", help="score extracted events against gold files",
                       description="Score events (default: output/events.jsonl from the last build) "
                       "against gold files or folders of them, per article and micro-averaged, "
                       "as ../shared/gold/GUIDELINES.md says.")
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold .json file or folder")
    p.add_argument("--events", default=str(Path(DEFAULT_OUT) / "events.jsonl"), metavar="FILE.jsonl")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.add_argument("-q", "--quiet", action="store_true", help="figures only, no list of misses")
    p.add_argument("--all-modalities", action="store_true",
                   help="also score hypothetical events (by default they are not claims and are left out)")
    p.add_argument("--allow-missing", action="store_true",
                   help="score gold articles with no event in the events file (not built?) as finding nothing, "
                   "with a warning (default: an error, exit 1)")


def run(args: argparse.Namespace) -> int:

    golds = evaluate.load_golds(args.gold)
    if not Path(args.events).exists():
        raise KgError(f"{args.events}: no events file", "Run `kg build ARTICLE...` first or give --events FILE")
    events = evaluate.load_events(args.events)
    report = evaluate.score(golds, events, skip=() if args.all_modalities else evaluate.UNCLAIMED)
    if args.format == "json":
        print(json.dumps(evaluate.report_json(report), indent=2, ensure_ascii=False))
    else:
        print(evaluate.format_report(report, verbose=not args.quiet))
    absent = evaluate.missing(golds, events)
    if absent:
        what = (f"{len(absent)} gold article(s) have no event in {args.events}: "
                f"{', '.join(absent[:5])}{' ...' if len(absent) > 5 else ''} (not built, or built and "
                "nothing found); they are scored as finding nothing")
        if not args.allow_missing:
            raise KgError(what, "Build them (kg build ARTICLE...), or pass --allow-missing to score them anyway")
        print(f"Warning: {what}", file=sys.stderr)
    return 0

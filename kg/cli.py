"""The `kg` command: a thin layer over the library (kg.build, kg.query, kg.evaluate)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .errors import KgError

DEFAULT_OUT = "output"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg", description="Build a geopolitical knowledge graph from news articles: actors, "
        "PLOVER events with negation and modality, and the sentence each comes from, as RDF.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = sub.add_parser("build", help="extract events from articles and write output/",
                       description="Read articles (text files, folders of .txt files, or - for stdin), "
                       "extract their events and write events.jsonl, graph.ttl, graph.trig and graph.html.")
    b.add_argument("paths", nargs="+", metavar="PATH", help="article file, folder, or - for stdin")
    b.add_argument("-o", "--out", default=DEFAULT_OUT, help="output folder (default: output)")
    b.add_argument("--lang", help="language of every article (nl, en); default: header or detected")
    b.add_argument("--date", type=_date, help="date of every article (YYYY-MM-DD); default: from the text")
    b.add_argument("--gazetteer", action="append", default=[], metavar="FILE.ttl",
                   help="more actors, in the built-in gazetteer's format (repeatable)")
    b.add_argument("--strict", action="store_true", help="stop at the first file that cannot be read")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    q = sub.add_parser("query", help="run a named SPARQL query or a .rq file on the graph",
                       description="Run a named query (see --list) or a .rq file on graph files "
                       "(default: output/graph.trig). Parameters are bound by the engine, never pasted.")
    q.add_argument("query", nargs="?", metavar="NAME|FILE.rq")
    q.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .nt .nq .trig .jsonld)")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter, e.g. actor=USA (repeatable)")
    q.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")

    e = sub.add_parser("eval", help="score extracted events against gold files",
                       description="Score events (default: output/events.jsonl from the last build) "
                       "against gold files or folders of them, per article and micro-averaged, "
                       "as ../shared/gold/GUIDELINES.md says.")
    e.add_argument("gold", nargs="+", metavar="GOLD", help="gold .json file or folder")
    e.add_argument("--events", default=str(Path(DEFAULT_OUT) / "events.jsonl"), metavar="FILE.jsonl")
    e.add_argument("-f", "--format", choices=("table", "json"), default="table")
    e.add_argument("-q", "--quiet", action="store_true", help="figures only, no list of misses")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"build": _build, "query": _query, "eval": _eval}[args.command](args)
    except KgError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def _build(args) -> int:
    from .pipeline import build, write_outputs

    result = build(args.paths, lang=args.lang, date=args.date, gazetteer=args.gazetteer,
                   strict=args.strict)
    for err in result.errors:
        print(f"Error: {err}", file=sys.stderr)
    if not result.articles:
        raise KgError("No article could be read", "Fix the files named above and run again")
    written = write_outputs(result, args.out, html=not args.no_html)
    if not args.quiet:
        print(f"{len(result.articles)} article(s), {len(result.events)} event(s)", file=sys.stderr)
        for path in written.values():
            print(path)
    return 1 if result.errors else 0


def _query(args) -> int:
    from . import query

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
    graphs = args.graphs or [str(Path(DEFAULT_OUT) / "graph.trig")]
    missing = [g for g in graphs if not Path(g).exists()]
    if missing:
        raise KgError(f"{missing[0]}: no such graph file", "Run `kg build ARTICLE` first or name a graph file")
    store = query.open_store(graphs)
    result = query.run(query.load_query(args.query), store, params)
    out = query.format_result(result, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _eval(args) -> int:
    from . import evaluate

    golds = evaluate.load_golds(args.gold)
    if not Path(args.events).exists():
        raise KgError(f"{args.events}: no events file", "Run `kg build ARTICLE...` first or give --events FILE")
    report = evaluate.score(golds, evaluate.load_events(args.events))
    if args.format == "json":
        print(json.dumps(evaluate.report_json(report), indent=2, ensure_ascii=False))
    else:
        print(evaluate.format_report(report, verbose=not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())

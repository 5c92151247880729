"""`kg build`: read articles, extract their events, write the store and the files of `output/`."""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from kg.base.errors import KgError
from kg.base.model import DEFAULT_ENGINE, ENGINES
from kg.cli.options import (
    DEFAULT_OUT,
    after_store_change,
    clean,
    date_arg,
    endpoint_from,
    endpoint_options,
    filter_options,
    filters_from,
)
from kg.cli.progress import Progress
from kg.pipeline.batch import build, unknown_actors, write_outputs
from kg.pipeline.incremental import build_into, count_files
from kg.pipeline.outputs import FILES_LIMIT
from kg.rdf.store import KgStore, store_path
from kg.read.corpus import Columns
from kg.sparql.endpoint import pending, push
from kg.views import page as html


def add(sub: argparse._SubParsersAction) -> None:
    """The `kg build` command's arguments."""
    p = sub.add_parser("build", help="extract events from articles and write output/",
                       description="Read articles (text files; CSV, TSV and JSON Lines files of one article "
                       "per row; saved news pages, .html, whose main text is taken out; folders of these; "
                       "or - for stdin), extract their events and write events.jsonl, graph.ttl, graph.trig "
                       "and graph.html.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article file (.txt), corpus file (.csv .tsv .jsonl), saved page (.html), folder, or - for stdin")
    p.add_argument("-o", "--out", default=DEFAULT_OUT, help="output folder (default: output)")
    p.add_argument("--lang", help="language of every article (nl, en); default: header or detected")
    p.add_argument("--date", type=date_arg, help="date of every article (YYYY-MM-DD); default: from the text")
    p.add_argument("--gazetteer", action="append", default=[], metavar="FILE.ttl",
                   help="more actors, in the built-in gazetteer's format (repeatable)")
    p.add_argument("--lexicon", action="append", default=[], metavar="FILE.toml",
                   help="a lexicon that replaces the built-in one of its language ([meta] language, "
                   "else the file name: nl.toml); start from a copy of kg/data/lexicon/LANG.toml (repeatable)")
    p.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                   help="how events are found: 'parse' (the default: patterns applied to kg's trained "
                   "dependency parse, kg/data/patterns) or 'rules' (the older surface rules, kept until "
                   "they are retired)")
    p.add_argument("--parser", metavar="NAME", help="with --engine parse: an installed spaCy pipeline "
                   "(name or folder) to parse with instead of kg's own")
    p.add_argument("--strict", action="store_true", help="stop at the first file (or corpus row) that cannot be read")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--list-unknown", action="store_true",
                   help="also list names that look like actors but are not in the gazetteer (on stdout)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.add_argument("--store", metavar="DIR", help="the store to add the articles to (default: OUT/store)")
    p.add_argument("--no-store", action="store_true",
                   help="build in memory only: the files cover just these articles, no store is kept")
    p.add_argument("--store-only", action="store_true",
                   help="update the store but write no files (for big archives; `kg export` writes them)")
    p.add_argument("--files", action="store_true",
                   help=f"write the files of OUT from the store also when it holds more than {FILES_LIMIT:,} "
                   "articles (by default they are then not rewritten: kg query, show and export read the store)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="extract articles in N worker processes (same output as 1; default 1)")
    p.add_argument("--replace", action="store_true",
                   help="replace a stored article with the same doc id that another file (or stdin) "
                   "brings other text for (default: an error naming both)")
    p.add_argument("--force", action="store_true",
                   help="extract every article again, also those the store holds unchanged")
    p.add_argument("--doc-id", metavar="ID",
                   help="the doc id of the article read from stdin (-) (default: stdin- and the start of "
                   "its text's SHA-256)")
    c = p.add_argument_group("corpus files", "CSV (.csv), TSV (.tsv) and JSON Lines (.jsonl) files hold "
                             "one article per row; each field is read from the column given, else from "
                             "the first of the default names the file has")
    for field, names in (("text", "text, body, content"), ("title", "title, headline"),
                         ("date", "date, published"), ("id", "id, url (a URL gives its last segment)"),
                         ("lang", "lang, language")):
        c.add_argument(f"--{field}-col", metavar="NAME", help=f"column of the {field} (default: {names})")
    endpoint_options(p, "also push the new and changed article graphs to this SPARQL server")
    filter_options(p, "graph.html only: ")


def run(args: argparse.Namespace) -> int:
    """kg build; with filter options, graph.html is then drawn from the filtered events."""
    code = _build(args)
    if args.list_unknown:
        rows = unknown_actors(args.paths, lang=args.lang, date=args.date, gazetteer=args.gazetteer,
                              lexicons=args.lexicon, columns=_columns(args))
        print(f"{'count':>5}  {'kind':12}  {'name':40}  first article")
        for name, kind, count, doc in rows:
            print(f"{count:>5}  {kind:12}  {clean(name)[:40]:40}  {doc}")
    filters = filters_from(args)
    events_file = Path(args.out) / "events.jsonl"
    if filters.active and not args.no_html and not args.store_only and events_file.is_file():
        events = [json.loads(line) for line in events_file.read_text(encoding="utf-8").splitlines() if line]
        docs = sorted({e["doc"] for e in events})
        title = ("kg: " + ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "")
                 + f" ({filters.describe()})")
        html.write_html(filters.graph(events), Path(args.out) / "graph.html", title=title)
    return code


def _build(args: argparse.Namespace) -> int:
    if args.doc_id is not None and "-" not in args.paths:
        raise KgError(f"--doc-id {args.doc_id} names the article read from stdin, but no PATH is -",
                      "Give - as PATH (kg build - --doc-id ID < article.txt), or drop --doc-id")
    if args.doc_id is not None and not re.fullmatch(r"[\w.~-]+", args.doc_id):
        raise KgError(f"doc id '{args.doc_id}' has characters that cannot go into an IRI",
                      "Use letters, digits, '.', '_', '~' and '-' only")
    if args.files and (args.store_only or args.no_store):
        raise KgError("--files writes the files of a store; --store-only and --no-store say otherwise",
                      "Drop one of them")
    if not args.no_store:
        return _build_store(args)

    if args.replace or args.force:
        raise KgError("--replace and --force act on the store", "Drop them, or build without --no-store")
    result = build(args.paths, lang=args.lang, date=args.date, gazetteer=args.gazetteer,
                   strict=args.strict, lexicons=args.lexicon, engine=args.engine, parser=args.parser,
                   columns=_columns(args), doc=args.doc_id)
    for err in result.errors:
        print(f"Error: {err}", file=sys.stderr)
    if not result.articles:
        raise KgError("No article could be read", "Fix the files named above and run again")
    notes: list[str] = []
    written = write_outputs(result, args.out, html=not args.no_html, notes=notes)
    if not args.quiet:
        print(f"{len(result.articles)} article(s), {len(result.events)} event(s)", file=sys.stderr)
        for note in notes:
            print(f"Note: {note}", file=sys.stderr)
        for path in written.values():
            print(path)
    return 1 if result.errors else 0


def _build_store(args: argparse.Namespace) -> int:

    store = Path(args.store) if args.store else store_path(args.out)
    bar = Progress(0, enabled=not args.quiet)
    if bar.enabled:
        bar.total = count_files(args.paths)
    report = build_into(store, args.paths, lang=args.lang, date=args.date, gazetteer=args.gazetteer,
                        strict=args.strict, jobs=args.jobs, lexicons=args.lexicon,
                        engine=args.engine, parser=args.parser, columns=_columns(args), doc=args.doc_id,
                        replace=args.replace, force=args.force,
                        progress=lambda articles, events: bar.advance(articles=articles, events=events))
    bar.close()
    for err in report.errors:
        print(f"Error: {err}", file=sys.stderr)
    if not report.read:
        raise KgError("No article could be read", "Fix the files named above and run again")
    code = after_store_change(args, store, report.summary(), changed=bool(report.added or report.rebuilt)) \
        or (1 if report.errors else 0)
    endpoint = endpoint_from(args)
    if endpoint:
        with KgStore(store) as st:     # what the server lacks: new, rebuilt, or not acknowledged before
            sent = push(st, endpoint, pending(st, endpoint))
        if not args.quiet:
            print(f"{sent} graph(s) pushed to {endpoint.graph_store or endpoint.update or endpoint.query}",
                  file=sys.stderr)
    return code


def _columns(args: argparse.Namespace):
    return Columns(text=args.text_col, title=args.title_col, date=args.date_col, id=args.id_col,
                   lang=args.lang_col)

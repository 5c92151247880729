"""The `kg` command: a thin layer over the library (kg.build, kg.query, kg.evaluate)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from .errors import KgError
from .model import DEFAULT_ENGINE, ENGINES

DEFAULT_OUT = "output"
RDF_EXPORTS = ("ttl", "nt", "nq", "trig", "jsonld")   # kg.store.EXPORT_FORMATS
EXPORTS = RDF_EXPORTS + ("graphml", "gexf", "csv", "html")   # kg.export.FORMATS
SHOW_VIEWS = ("central", "ties", "blocs", "balance", "changes", "all")   # kg.analysis.VIEWS


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
                       description="Read articles (text files; CSV, TSV and JSON Lines files of one article "
                       "per row; saved news pages, .html, whose main text is taken out; folders of these; "
                       "or - for stdin), extract their events and write events.jsonl, graph.ttl, graph.trig "
                       "and graph.html.")
    b.add_argument("paths", nargs="+", metavar="PATH",
                   help="article file (.txt), corpus file (.csv .tsv .jsonl), saved page (.html), folder, or - for stdin")
    b.add_argument("-o", "--out", default=DEFAULT_OUT, help="output folder (default: output)")
    b.add_argument("--lang", help="language of every article (nl, en); default: header or detected")
    b.add_argument("--date", type=_date, help="date of every article (YYYY-MM-DD); default: from the text")
    b.add_argument("--gazetteer", action="append", default=[], metavar="FILE.ttl",
                   help="more actors, in the built-in gazetteer's format (repeatable)")
    b.add_argument("--lexicon", action="append", default=[], metavar="FILE.toml",
                   help="a lexicon that replaces the built-in one of its language ([meta] language, "
                   "else the file name: nl.toml); start from a copy of kg/data/lexicon/LANG.toml (repeatable)")
    b.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                   help="how events are found: 'parse' (the default: patterns applied to kg's trained "
                   "dependency parse, kg/data/patterns) or 'rules' (the older surface rules, kept until "
                   "they are retired)")
    b.add_argument("--parser", metavar="NAME", help="with --engine parse: an installed spaCy pipeline "
                   "(name or folder) to parse with instead of kg's own")
    b.add_argument("--strict", action="store_true", help="stop at the first file (or corpus row) that cannot be read")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument("--list-unknown", action="store_true",
                   help="also list names that look like actors but are not in the gazetteer (on stdout)")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    b.add_argument("--store", metavar="DIR", help="the store to add the articles to (default: OUT/store)")
    b.add_argument("--no-store", action="store_true",
                   help="build in memory only: the files cover just these articles, no store is kept")
    b.add_argument("--store-only", action="store_true",
                   help="update the store but write no files (for big archives; `kg export` writes them)")
    b.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="extract articles in N worker processes (same output as 1; default 1)")
    b.add_argument("--replace", action="store_true",
                   help="replace a stored article with the same doc id that another file (or stdin) "
                   "brings other text for (default: an error naming both)")
    b.add_argument("--force", action="store_true",
                   help="extract every article again, also those the store holds unchanged")
    b.add_argument("--doc-id", metavar="ID",
                   help="the doc id of the article read from stdin (-) (default: stdin- and the start of "
                   "its text's SHA-256)")
    c = b.add_argument_group("corpus files", "CSV (.csv), TSV (.tsv) and JSON Lines (.jsonl) files hold "
                             "one article per row; each field is read from the column given, else from "
                             "the first of the default names the file has")
    for field, names in (("text", "text, body, content"), ("title", "title, headline"),
                         ("date", "date, published"), ("id", "id, url (a URL gives its last segment)"),
                         ("lang", "lang, language")):
        c.add_argument(f"--{field}-col", metavar="NAME", help=f"column of the {field} (default: {names})")
    _endpoint_options(b, "also push the new and changed article graphs to this SPARQL server")
    _filter_options(b, "graph.html only: ")

    q = sub.add_parser("query", help="run a named SPARQL query or a .rq file on the graph",
                       description="Run a named query (see --list) or a .rq file on the store (default: "
                       "output/store) or on graph files. Parameter values become RDF terms in a VALUES "
                       "block, never query text; a '#[name]' line of the query joins only when the "
                       "parameter name is given.")
    q.add_argument("query", nargs="?", metavar="NAME|FILE.rq")
    q.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .nt .nq .trig .jsonld)")
    q.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    q.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter, e.g. actor=USA (repeatable)")
    q.add_argument("-f", "--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--store", metavar="DIR",
                   help="the store to query when no GRAPH is given (default: output/store)")
    _endpoint_options(q, "run the query on this SPARQL server instead (through SPARQLWrapper)", timeout=False)
    q.add_argument("--memory", action="store_true",
                   help="copy the store into memory first: slower to start (about 9 s per million "
                   "triples), then queries run 3-6x faster (heavy queries on big stores)")
    q.add_argument("--allow-update", action="store_true",
                   help="let an update (INSERT, DELETE, ...) change the store (default: read-only)")
    q.add_argument("--allow-remote", action="store_true",
                   help="let SERVICE, LOAD and FROM <url> make requests to other servers (default: refused)")
    q.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop the query after SECONDS (default: no limit)")

    e = sub.add_parser("eval", help="score extracted events against gold files",
                       description="Score events (default: output/events.jsonl from the last build) "
                       "against gold files or folders of them, per article and micro-averaged, "
                       "as ../shared/gold/GUIDELINES.md says.")
    e.add_argument("gold", nargs="+", metavar="GOLD", help="gold .json file or folder")
    e.add_argument("--events", default=str(Path(DEFAULT_OUT) / "events.jsonl"), metavar="FILE.jsonl")
    e.add_argument("-f", "--format", choices=("table", "json"), default="table")
    e.add_argument("-q", "--quiet", action="store_true", help="figures only, no list of misses")
    e.add_argument("--all-modalities", action="store_true",
                   help="also score hypothetical events (by default they are not claims and are left out)")
    e.add_argument("--allow-missing", action="store_true",
                   help="score gold articles with no event in the events file (not built?) as finding nothing, "
                   "with a warning (default: an error, exit 1)")
    r = sub.add_parser("remove", help="take articles out of the store",
                       description="Remove articles (by doc id) from the store, recompute the actors "
                       "graph from the articles left, and rewrite the files of the output folder.")
    r.add_argument("docs", nargs="+", metavar="DOC", help="doc id (the article's file name without extension)")
    r.add_argument("-o", "--out", default=DEFAULT_OUT, help="output folder (default: output)")
    r.add_argument("--store", metavar="DIR", help="the store (default: OUT/store)")
    r.add_argument("--store-only", action="store_true", help="update the store but rewrite no files")
    r.add_argument("--no-html", action="store_true", help="do not write graph.html")
    r.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _endpoint_options(r, "also drop the articles' graphs on this SPARQL server")

    n = sub.add_parser("enrich", help="add Wikidata labels, offices and countries of the actors to the store",
                       description="For actors and persons with a Wikidata id, fetch labels in more languages, "
                       "offices held (P39 with P580/P582) and country (P17) into the store's enrichment graph. "
                       "Default endpoint: https://query.wikidata.org/sparql (asked only when you run this).")
    n.add_argument("--store", metavar="DIR", help="the store (default: output/store)")
    n.add_argument("--lang", default="en,nl,de,fr,es,ar,ru,tr,fa,zh", metavar="LIST",
                   help="label languages, comma-separated (default: en,nl,de,fr,es,ar,ru,tr,fa,zh)")
    n.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _endpoint_options(n, "a SPARQL endpoint with Wikidata's data model (default: Wikidata's)")

    x = sub.add_parser("export", help="write the graph as RDF, the network as GraphML/GEXF, events as CSV",
                       description="Write the store's articles, actors and ontology as RDF, sorted "
                       "(the same store gives the same bytes). Triple formats get the union of the graphs. "
                       "graphml and gexf write the actor network (for Gephi, Cytoscape), csv one row per "
                       "event (cells a spreadsheet would run as formulas get a leading '), html the page; "
                       "the filters apply to these four.")
    x.add_argument("graphs", nargs="*", metavar="GRAPH",
                   help="RDF files to read instead of the store (.trig .nq .jsonld ...)")
    x.add_argument("-f", "--format", choices=EXPORTS, metavar="FORMAT",
                   help=f"{', '.join(EXPORTS)} (default: from the -o extension, else trig)")
    x.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    x.add_argument("--store", metavar="DIR", help="the store (default: output/store)")
    x.add_argument("--title", help="title of the html page (default: kg)")
    _filter_options(x, "graphml, gexf, csv, html: ")

    w = sub.add_parser("show", help="who stands where: central actors, ties, blocs, balance, changes",
                       description="Analyse the actor network of the store (or GRAPH files): the most "
                       "central actors, the strongest cooperative and hostile ties, blocs (communities of "
                       "the cooperative network) and the hostility between them, structural balance "
                       "(triads breaking 'the friend of my friend is my friend / the enemy of my enemy is "
                       "my friend', with their evidence), and ties that flipped sign at --split DATE.")
    w.add_argument("items", nargs="*", metavar="[WHAT] [GRAPH...]",
                   help=f"WHAT: {', '.join(SHOW_VIEWS)} (default: all); GRAPH: RDF files instead of the store")
    w.add_argument("-f", "--format", choices=("table", "json"), default="table")
    w.add_argument("--split", type=_date, metavar="DATE",
                   help="for changes: compare the events before DATE with those from DATE on")
    w.add_argument("--top", type=int, default=10, metavar="N",
                   help="central actors and ties of each kind to list (default 10; 0: all)")
    w.add_argument("--store", metavar="DIR", help="the store (default: output/store, else output/graph.trig)")
    _filter_options(w)

    v = sub.add_parser("validate", help="check a graph against kg's SHACL shapes",
                       description="Check graph files (default: the store, else output/graph.trig) against "
                       "the shapes of kg's output (ontologies/kg-shapes.ttl) with pySHACL. Prints the "
                       "violations; exits 1 when there is one.")
    v.add_argument("graphs", nargs="*", metavar="GRAPH", help="RDF files (.ttl .trig .nq .nt .jsonld)")
    v.add_argument("--store", metavar="DIR", help="the store to check when no GRAPH is given (default: output/store)")
    v.add_argument("-f", "--format", choices=("table", "json"), default="table")

    gz = sub.add_parser("gazetteer", help="gazetteer tools: import PETRARCH dictionaries",
                        description="Tools for actor gazetteers (the --gazetteer files of kg build).")
    gsub = gz.add_subparsers(dest="gazetteer_command", metavar="COMMAND")
    gsub.required = True
    gi = gsub.add_parser("import", help="convert TABARI/PETRARCH actor (and agent) dictionaries to Turtle",
                         description="Convert a TABARI/PETRARCH actors dictionary (and an agents one) into "
                         "kg gazetteer Turtle for kg build --gazetteer. The rules are in kg/petrarch.py; "
                         "skipped constructs are counted on stderr.")
    gi.add_argument("actors", metavar="FILE.actors.txt", help="the actors dictionary")
    gi.add_argument("--agents", metavar="FILE.agents.txt", help="an agents dictionary")
    gi.add_argument("-o", "--output", metavar="OUT.ttl", help="file to write (default: stdout)")
    gi.add_argument("--lang", default="en", help="language tag of the labels (default: en)")
    gi.add_argument("-q", "--quiet", action="store_true", help="do not print the warnings' summary")
    return p


def _endpoint_options(p: argparse.ArgumentParser, what: str, *, timeout: bool = True) -> None:
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


def _endpoint(args):
    import os

    from .endpoint import Endpoint
    if not getattr(args, "endpoint", None):
        return None
    return Endpoint(args.endpoint, update=args.update_endpoint, graph_store=args.graph_store, user=args.user,
                    password=args.password if args.password is not None else os.environ.get("KG_ENDPOINT_PASSWORD"),
                    token=args.token or os.environ.get("KG_ENDPOINT_TOKEN"),
                    timeout=args.timeout if getattr(args, "timeout", None) is not None else 30.0,
                    retries=max(0, args.retries))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start and end and start > end:
        parser.error(f"--from {start} is after --to {end}: no event can be in that range; swap them")
    if extra:       # GRAPH files after options (kg show balance --split D x.trig): argparse leaves them
        if args.command in ("show", "export") and not any(x.startswith("-") for x in extra):
            (args.items if args.command == "show" else args.graphs).extend(extra)
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return {"build": _build_filtered, "query": _query, "eval": _eval, "remove": _remove,
                "export": _export, "gazetteer": _gazetteer,
                "enrich": _enrich, "show": _show, "validate": _validate}[args.command](args)
    except KgError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        del exc
        import gc
        gc.collect()        # frames of the failed command may hold the store open (for callers in-process)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(f"Error: interrupted; {_kept(args)}. Run the same command again to finish", file=sys.stderr)
        return 130
    except OSError as exc:                  # disk full, read-only, permissions, where no KgError said it
        from .errors import from_os_error
        print(f"Error: {from_os_error(exc, kept=_kept(args))}", file=sys.stderr)
        return 1


def _kept(args) -> str:
    """What a command stopped half-way leaves behind (output files are only ever replaced whole)."""
    if args.command == "build" and not args.no_store:
        return ("the store keeps the whole articles written before (a rerun goes on from there); "
                "the output files are as they were")
    if args.command == "remove":
        return "the articles removed before stay removed; the output files are as they were"
    if args.command == "enrich":
        return "the store's articles are as they were, its enrichment graph may be missing"
    if args.command == "query" and args.allow_update:
        return "the update was made whole or not at all"
    return "nothing written"


def _columns(args):
    from .corpus import Columns
    return Columns(text=args.text_col, title=args.title_col, date=args.date_col, id=args.id_col,
                   lang=args.lang_col)


def _build(args) -> int:
    if args.doc_id is not None and "-" not in args.paths:
        raise KgError(f"--doc-id {args.doc_id} names the article read from stdin, but no PATH is -",
                      "Give - as PATH (kg build - --doc-id ID < article.txt), or drop --doc-id")
    if args.doc_id is not None and not re.fullmatch(r"[\w.~-]+", args.doc_id):
        raise KgError(f"doc id '{args.doc_id}' has characters that cannot go into an IRI",
                      "Use letters, digits, '.', '_', '~' and '-' only")
    if not args.no_store:
        return _build_store(args)
    from .pipeline import build, write_outputs

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


def _build_store(args) -> int:
    from .incremental import build_into, count_files
    from .progress import Progress
    from .store import store_path

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
    code = _after_store_change(args, store, report.summary()) or (1 if report.errors else 0)
    endpoint = _endpoint(args)
    if endpoint:
        from .endpoint import pending, push
        from .store import KgStore
        with KgStore(store) as st:     # what the server lacks: new, rebuilt, or not acknowledged before
            sent = push(st, endpoint, pending(st, endpoint))
        if not args.quiet:
            print(f"{sent} graph(s) pushed to {endpoint.graph_store or endpoint.update or endpoint.query}",
                  file=sys.stderr)
    return code


def _after_store_change(args, store: Path, summary: str) -> int:
    """Rewrite the output files from the whole store, then say what changed."""
    from .store import KgStore

    written, notes = {}, []
    with KgStore(store) as st:
        with st.writing("every article is whole; the merged graph is rewritten by the next build"):
            st.refresh_merged()               # the same event told by several articles
        if not args.store_only:
            written = st.write_outputs(args.out, html=not args.no_html, notes=notes)
        docs = len(st.docs())
    if not args.quiet:
        print(f"{summary}; the store {store} holds {docs} article(s)", file=sys.stderr)
        for note in notes:
            print(f"Note: {note}", file=sys.stderr)
        for path in written.values():
            print(path)
    return 0


def _remove(args) -> int:
    from . import pipeline
    from .store import KgStore, store_path

    store = Path(args.store) if args.store else store_path(args.out)
    with KgStore(store, must_exist=True) as st:
        removed = st.remove(args.docs)
        st.refresh_actors(pipeline.load_gazetteer())
        endpoint = _endpoint(args)
        if endpoint:
            from .endpoint import drop, push
            drop(endpoint, removed)
            push(st, endpoint, [])      # the recomputed actors graph
    return _after_store_change(args, store, f"{len(removed)} article(s) removed")


def _enrich(args) -> int:
    from .enrich import WIKIDATA, enrich
    from .store import KgStore

    if not args.endpoint:
        args.endpoint = WIKIDATA
    languages = [lang.strip() for lang in args.lang.split(",") if lang.strip()]
    with KgStore(Path(args.store) if args.store else Path(DEFAULT_OUT) / "store", must_exist=True) as st:
        found = enrich(st, _endpoint(args), languages=languages)
    if not args.quiet:
        print(f"{found.items} Wikidata item(s): {found.labels} label(s), {found.offices} office(s), "
              f"{found.countries} country link(s)", file=sys.stderr)
    return 0


def _export(args) -> int:
    from .store import KgStore, export_rdf

    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "") or "trig"
    if fmt not in EXPORTS:
        raise KgError(f"{args.output}: unknown export file extension", f"Use -f with one of: {', '.join(EXPORTS)}")
    if fmt not in RDF_EXPORTS or args.graphs or _filters(args).active:
        return _export_network(args, fmt)
    with KgStore(Path(args.store) if args.store else Path(DEFAULT_OUT) / "store", must_exist=True,
                 read_only=True) as st:
        if args.output:
            export_rdf(st, fmt, args.output)
        else:
            sys.stdout.flush()
            export_rdf(st, fmt, sys.stdout.buffer)
    return 0


def _filter_options(p: argparse.ArgumentParser, scope: str = "") -> None:
    """The filters every network command shares (kg.network.Filters)."""
    g = p.add_argument_group("filters", f"{scope}which events the network is drawn from")
    g.add_argument("--from", dest="start", type=_date, metavar="DATE", help="events on or after DATE")
    g.add_argument("--to", dest="end", type=_date, metavar="DATE", help="events on or before DATE")
    g.add_argument("--category", action="append", default=[], metavar="CAT",
                   help="only these PLOVER categories (repeatable or comma-separated: ASSAULT,COERCE)")
    g.add_argument("--actor", action="append", default=[], metavar="ID",
                   help="only events with this actor at either end (repeatable or comma-separated)")
    g.add_argument("--min-count", type=int, default=1, metavar="N", help="ties with at least N events")
    g.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="only events kg is at least this sure of (0-1; events of --engine parse carry "
                   "a confidence, others are then left out)")


def _filters(args):
    from .network import Filters

    def listed(values: list[str]) -> tuple[str, ...]:
        return tuple(v.strip() for item in values for v in item.split(",") if v.strip())

    return Filters(start=args.start.isoformat() if args.start else None,
                   end=args.end.isoformat() if args.end else None,
                   categories=tuple(c.upper() for c in listed(args.category)),
                   actors=listed(args.actor), min_count=args.min_count,
                   min_confidence=args.min_confidence)


class _Source:
    """The graph a network command reads: GRAPH files, else the store, else output/graph.trig."""

    def __init__(self, args, graphs: list[str]):
        self.args, self.graphs, self.store = args, graphs, None

    def __enter__(self):
        from . import query
        store_dir = Path(self.args.store) if self.args.store else Path(DEFAULT_OUT) / "store"
        if not self.graphs and (self.args.store or store_dir.is_dir()):
            from .store import KgStore
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


def _show(args) -> int:
    from . import analysis, report
    from .network import events_from_store

    what, graphs = "all", list(args.items)
    if graphs and (graphs[0] in SHOW_VIEWS or not Path(graphs[0]).suffix):
        what = graphs.pop(0)
    if args.top < 0:
        raise KgError(f"--top {args.top} is negative", "Give 0 (all) or more")
    with _Source(args, graphs) as store:
        events = events_from_store(store)
    found = analysis.report(events, what, filters=_filters(args), split=args.split, top=args.top or None)
    if args.format == "json":
        print(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(report.format_report(found))
    return 0


def _export_network(args, fmt: str) -> int:
    from . import export

    with _Source(args, args.graphs) as store:
        data = export.export(store, fmt, filters=_filters(args), title=args.title or "kg")
    if args.output:
        export.write(data, args.output)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def _clean(text: str) -> str:
    """Article text for a terminal: no control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _build_filtered(args) -> int:
    """kg build; with filter options, graph.html is then drawn from the filtered events."""
    code = _build(args)
    if args.list_unknown:
        from .pipeline import unknown_actors
        rows = unknown_actors(args.paths, lang=args.lang, date=args.date, gazetteer=args.gazetteer,
                              lexicons=args.lexicon, columns=_columns(args))
        print(f"{'count':>5}  {'kind':12}  {'name':40}  first article")
        for name, kind, count, doc in rows:
            print(f"{count:>5}  {kind:12}  {_clean(name)[:40]:40}  {doc}")
    filters = _filters(args)
    events_file = Path(args.out) / "events.jsonl"
    if filters.active and not args.no_html and not args.store_only and events_file.is_file():
        from . import html
        events = [json.loads(line) for line in events_file.read_text(encoding="utf-8").splitlines() if line]
        docs = sorted({e["doc"] for e in events})
        title = ("kg: " + ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "")
                 + f" ({filters.describe()})")
        html.write_html(filters.graph(events), Path(args.out) / "graph.html", title=title)
    return code


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
    store_dir = Path(args.store) if args.store else Path(DEFAULT_OUT) / "store"
    if args.endpoint:
        from . import endpoint
        if args.allow_update or args.memory:
            raise KgError("--allow-update and --memory are for the local store",
                          "On a server, kg build and kg remove make the changes")
        server = _endpoint(args)
        endpoint.check_actors(server, params)
        result = endpoint.run(query.load_query(args.query), server, params,
                              allow_remote=args.allow_remote)
    elif not args.graphs and (args.store or store_dir.is_dir()):
        from .store import KgStore
        named = query.load_query(args.query)
        with KgStore(store_dir, must_exist=True, read_only=not args.allow_update) as st:
            if args.memory and args.allow_update:
                raise KgError("--memory and --allow-update do not go together: an update of the "
                              "copy in memory would be lost", "Drop --memory to update the store")
            query.check_actors(st.ox, params)
            result = query.run(named, st.in_memory() if args.memory else st.ox, params, **_guarded(args))
    else:
        graphs = args.graphs or [str(Path(DEFAULT_OUT) / "graph.trig")]
        missing = [g for g in graphs if not Path(g).exists()]
        if missing:
            raise KgError(f"{missing[0]}: no such graph file", "Run `kg build ARTICLE` first or name a graph file")
        named, store = query.load_query(args.query), query.open_store(graphs)
        query.check_actors(store, params)
        result = query.run(named, store, params, **_guarded(args))
    out = query.format_result(result, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _guarded(args) -> dict:
    """kg query's limits (kg.guard): read-only, no remote requests, a timeout, unless allowed."""
    return dict(allow_update=args.allow_update, allow_remote=args.allow_remote, timeout=args.timeout)


def _gazetteer(args) -> int:
    from . import petrarch

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


def _validate(args) -> int:
    from . import validate

    store_dir = Path(args.store) if args.store else Path(DEFAULT_OUT) / "store"
    if not args.graphs and (args.store or store_dir.is_dir()):
        from .store import KgStore
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


def _eval(args) -> int:
    from . import evaluate

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


if __name__ == "__main__":
    sys.exit(main())

"""Incremental builds into the store: only new or changed articles are extracted and written.

An article's content hash covers its doc id, text and metadata and the build fingerprint (the kg
version, the extraction code, the data files and any extra gazetteer): the same article built
by the same kg is skipped; a changed one replaces its graph (and its stance triples) whole.
Articles are read and written in batches, so memory stays flat however many there are, and
`jobs` > 1 extracts them in worker processes (spawned, so safe on every platform); each article's
result depends on that article only, so the store holds the same triples for any `jobs`.

    >>> report = build_into("output/store", ["articles/"], jobs=2)   # doctest: +SKIP
    >>> report.summary()                                            # doctest: +SKIP
    '3 articles unchanged, 1 rebuilt, 2 added'
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from kg.base import VERSION as __version__
from kg.base.errors import KgError
from kg.base.files import record_line
from kg.base.model import DEFAULT_ENGINE, Article
from kg.knowledge.gazetteer import load_gazetteer
from kg.knowledge.places import places_for
from kg.pipeline.batch import Pipeline, event_record
from kg.rdf import graph, table
from kg.rdf.store import KgStore, QuadSink, meta_quads, stamps_of
from kg.read import article as reader
from kg.read import corpus
from kg.read.corpus import Columns


@dataclass(frozen=True)
class Update:
    """What a build did to the store."""

    store: Path
    added: tuple[str, ...]
    rebuilt: tuple[str, ...]
    unchanged: tuple[str, ...]
    events: int                      # events of the articles extracted in this build
    errors: tuple[KgError, ...]

    @property
    def read(self) -> int:
        return len(self.added) + len(self.rebuilt) + len(self.unchanged)

    def summary(self) -> str:
        """E.g. '3 articles unchanged, 1 rebuilt, 2 added'."""
        n = len(self.unchanged)
        return f"{n} article{'' if n == 1 else 's'} unchanged, {len(self.rebuilt)} rebuilt, {len(self.added)} added"


def fingerprint(gazetteer: Sequence[str | Path] = (), lexicons: Sequence[str | Path] = (),
                engine: str = DEFAULT_ENGINE, parser: str | None = None) -> str:
    """A hash of everything extraction depends on besides the article itself: kg's version, all of
    its modules (simpler and safer than tracking which ones extraction uses), its data files, the
    extra gazetteers and the user's lexicons."""
    h = hashlib.sha256(f"kg {__version__} {engine} {parser or ''}\n".encode())
    here = Path(__file__).resolve().parents[1]     # the kg package
    files = sorted(here.rglob("*.py"))    # any change to kg's code rebuilds every article
    files += sorted(p for p in (here / "data").rglob("*") if p.is_file()
                    and p.suffix in (".ttl", ".toml", ".tsv", ".json", ".cfg", ".txt"))   # parsers' too
    files += [Path(g) for g in gazetteer] + [Path(x) for x in lexicons]
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def article_hash(article: Article, fingerprint: str) -> str:
    """The content hash of one article under one build fingerprint."""
    fields = [article.doc, article.lang, article.date and article.date.isoformat(), article.title,
              list(article.sources), article.text, fingerprint]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def build_into(store: str | Path, paths: Sequence[str | Path], *, lang: str | None = None,
               date: dt.date | None = None, gazetteer: Sequence[str | Path] = (), strict: bool = False,
               stdin: TextIO | None = None, jobs: int = 1, batch: int = 200,
               progress: Callable[[int, int], None] | None = None,
               lexicons: Sequence[str | Path] = (), engine: str = DEFAULT_ENGINE,
               parser: str | None = None, columns: Columns = Columns(), doc: str | None = None,
               replace: bool = False, force: bool = False) -> Update:
    """Add the articles under `paths` to the store at `store` (created on the first article read).

    `progress(articles, events)` is called after each batch with the counts of that batch.
    `columns`: the columns of corpus files; `doc`: the doc id of the article read from stdin.
    A stored article another source (or stdin) now brings other text for is an error for it
    (`clash`), unless `replace`; `force` extracts every article again, changed or not. A text
    file (or page) whose size and modification time are those it had when it was stored, under
    the same fingerprint and options, is unchanged without being read (`file_stamp`)."""
    if jobs < 1:
        raise KgError(f"--jobs {jobs} is not a number of processes", "Give --jobs 1 or more")
    errors: list[KgError] = []
    names = _names(paths, strict, errors)
    gaz_files = tuple(str(g) for g in gazetteer)
    lex_files = tuple(str(x) for x in lexicons)
    gaz = load_gazetteer(gaz_files)
    _pipeline(gaz_files, lex_files, engine, parser)   # a bad lexicon fails before any article is read
    fp = fingerprint(gaz_files, lex_files, engine, parser)
    run = _Run(fp, stamp_key(fp, lang, date), strict, replace, force, errors)
    kg_store: KgStore | None = KgStore(store) if _exists(store) else None
    pool = _pool(jobs) if jobs > 1 else None
    try:
        if kg_store is not None:
            run.open(kg_store)
        with pool or nullcontext(), _stopped_on_interrupt(pool):
            for chunk in _batched(names, batch):
                chunk, quick = run.unread(chunk)
                stamps = {os.path.abspath(n): file_stamp(n, run.key) for n in chunk}   # before reading
                articles, errs = corpus.read_all(chunk, columns=columns, lang=lang, date=date, strict=strict,
                                                 stdin=stdin, doc=doc)
                errors += errs
                articles = [a for a in articles if _first(a, run.owners, strict, errors)]
                if articles and kg_store is None:
                    kg_store = KgStore(store)
                    run.open(kg_store)
                found = run.write(kg_store, articles, stamps, pool, jobs, gaz_files, lex_files, engine, parser) \
                    if articles else 0
                if progress and (articles or quick):
                    progress(len(articles) + quick, found)
        if kg_store is not None and (run.added or run.rebuilt):
            with kg_store.writing("every article is whole; the actors graph is rewritten by the next build"):
                if run.rebuilt or run.whole:    # an actor may be used no more: all again
                    kg_store.refresh_actors(gaz)
                else:                           # only added: describe what is new
                    kg_store.describe_actors(gaz, run.actors, run.persons)
                kg_store.load_ontology()
            table.set_pending(kg_store, "actors", False)
            if force and set(run.known) <= set(run.rebuilt) and table.edited(kg_store) \
                    and table.own_graphs_only(kg_store):
                table.mark_edited(kg_store, False)      # every article extracted again: the tables hold
    except BaseException:
        if kg_store is not None:
            kg_store.close(quiet=True)          # the error on its way says what happened
        raise
    if kg_store is not None:
        kg_store.close()
    return Update(Path(store), tuple(run.added), tuple(run.rebuilt), tuple(run.unchanged), run.events,
                  tuple(errors))


class _Run:
    """What one build has seen and done so far: the store's hashes, identities and file stamps,
    the doc ids met (and where), the articles added, rebuilt and unchanged."""

    def __init__(self, fp: str, key: str, strict: bool, replace: bool, force: bool,
                 errors: list[KgError]) -> None:
        self.fp, self.key, self.strict, self.replace, self.force, self.errors = fp, key, strict, replace, force, errors
        self.built_with = f"kg {__version__} {fp[:16]}"
        self.known: dict[str, str] = {}
        self.stored: dict[str, tuple[str | None, str | None]] = {}
        self.stamps: dict[str, tuple[str, str]] = {}
        self.owners: dict[str, str] = {}
        self.added: list[str] = []
        self.rebuilt: list[str] = []
        self.unchanged: list[str] = []
        self.events = 0
        self.actors: set[str] = set()           # what the articles written use
        self.persons: set[str] = set()
        self.whole = False                      # the actors graph to be made again from all articles

    def open(self, kg_store: KgStore) -> None:
        self.whole = table.pending(kg_store, "actors")     # an interrupted build left them behind
        entries = kg_store.entries()            # one pass over the meta graph
        self.known = {doc: e[0] for doc, e in entries.items()}
        self.stored = {doc: (e[1], e[2]) for doc, e in entries.items()}
        self.stamps = {} if self.force else stamps_of(entries)

    def unread(self, names: list[str]) -> tuple[list[str], int]:
        """The names to read, and how many were recognised unchanged by their stamp (counted
        as unchanged here, their doc ids taken, so another file with the same id is an error)."""
        todo, quick = [], 0
        for name in names:
            stored = self.stamps.get(os.path.abspath(name)) if self.stamps and name != "-" else None
            if stored is None or file_stamp(name, self.key) != stored[0]:
                todo.append(name)
                continue
            doc = stored[1]
            if doc in self.owners:
                self._error(_used(name, doc, self.owners[doc]))
                continue
            self.owners[doc] = name
            self.unchanged.append(doc)
            quick += 1
        return todo, quick

    def _error(self, error: KgError) -> None:
        if self.strict:
            raise error
        self.errors.append(error)

    def write(self, kg_store: KgStore, articles: list[Article], stamps: dict[str, str | None], pool,
              jobs: int, *setup) -> int:
        """Extract and store the new and changed articles of a batch; record the stamps of the
        unchanged ones read. The number of events extracted."""
        todo, restamp = [], {}
        for art in articles:
            digest, stamp = article_hash(art, self.fp), stamps.get(source_of(art))
            if not self.replace and (error := clash(art, self.stored.get(art.doc))):
                self._error(error)
            elif self.known.get(art.doc) == digest and not self.force:
                self.unchanged.append(art.doc)
                if stamp is not None and self.stamps.get(source_of(art), (None,))[0] != stamp:
                    restamp[art.doc] = stamp
            else:
                (self.rebuilt if art.doc in self.known else self.added).append(art.doc)
                todo.append((art, digest, stamp))
        tasks = [(art, *setup) for art, _, _ in todo]
        results = pool.map(extract_article, tasks, chunksize=max(1, len(tasks) // (4 * jobs))) \
            if pool else map(extract_article, tasks)
        writes, found = [], 0
        for (art, digest, stamp), (quads, lines, persons, n, events, actors) in zip(todo, results):
            writes.append((art.doc, quads + meta_quads(art.doc, digest, lines, self.built_with, persons,
                                                        source_of(art), text_hash(art), stamp, events)))
            found += n
            self.actors.update(actors)
            self.persons.update(persons)
        if writes:                              # until the end of the build, the actors graph and
            for what in ("actors", "merged"):   # the merged graph are behind the articles
                table.set_pending(kg_store, what, True)
        kg_store.put(writes)
        if restamp:
            kg_store.set_stamps(restamp)
        self.events += found
        return found


def _exists(store: str | Path) -> bool:
    """Whether a store is there to open (a folder with files in it)."""
    path = Path(store)
    return path.is_dir() and any(path.iterdir())


def stamp_key(fp: str, lang: str | None, date: dt.date | None) -> str:
    """What besides a file's bytes shapes the article read from it: the build fingerprint and the
    --lang and --date options."""
    return hashlib.sha256(f"{fp} {lang or ''} {date or ''}".encode()).hexdigest()[:16]


def file_stamp(name: str, key: str) -> str | None:
    """`size:mtime_ns:key` of a text file or page (one article each); None for stdin, a corpus
    table (many rows: always read, so a bad row is reported every time) or a file that cannot be
    read. A file rewritten with the same size within the same nanosecond tick would look
    unchanged: `kg build --force` reads everything."""
    if name == "-" or Path(name).suffix.lower() in (*corpus.TABLES, *corpus.LINES):
        return None
    try:
        st = os.stat(name)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{key}"


def _pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` worker processes, started with Ctrl-C ignored (a child keeps an ignored SIGINT from
    its parent, so one interrupted while it starts prints no traceback); the parent handles it."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_ignore_interrupts)
        for started in [pool.submit(_ready) for _ in range(jobs)]:    # one task each starts them all
            started.result()
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    return pool


def _ready() -> None:
    """A task that only makes the pool start a worker."""


def _ignore_interrupts() -> None:
    """A worker leaves Ctrl-C to the parent, which stops the pool and says what was kept."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _stopped_on_interrupt(pool: ProcessPoolExecutor | None):
    """On Ctrl-C, the workers stop at once (what they were extracting is not stored) instead of the
    pool waiting for their tasks."""
    try:
        yield
    except KeyboardInterrupt:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
        raise


def source_of(article: Article) -> str:
    """Where an article comes from, as the store remembers it: its file's absolute path (a corpus
    file's for each of its rows), or 'stdin'."""
    if article.path in (None, "-"):
        return "stdin"
    return os.path.abspath(article.path)


def text_hash(article: Article) -> str:
    """The SHA-256 of an article's text (what the extractor reads)."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def clash(article: Article, stored: tuple[str | None, str | None] | None) -> KgError | None:
    """The error when `article` would replace a stored article with the same doc id that is
    another one: other text from another source, or from stdin. The same file with other text is
    that file edited (rebuilt); the same text is the same article, wherever it is read from. A
    store that did not record identities (older kg) has nothing to compare with."""
    if stored is None or stored[1] is None:
        return None
    source, digest = source_of(article), text_hash(article)
    if digest == stored[1] or (source == stored[0] and source != "stdin"):
        return None
    here = reader.where(article)
    return KgError(f"{here}: doc id '{article.doc}' is already in the store from {stored[0]} with other "
                   f"text (sha256 {stored[1][:12]}, here {digest[:12]})",
                   "Give this article another id (rename the file, --id-col, --doc-id), or pass --replace "
                   "to replace the stored article")


def extract_article(task: tuple[Article, tuple[str, ...]]) -> tuple[list[ox.Quad], str, list[str], int, str, list[str]]:
    """Extract one article: its graph's quads, its events.jsonl lines, the persons its
    mentions name, its number of events, its event table (kg.rdf.table), the actors it uses.
    Runs in worker processes; picklable in and out."""
    art, gaz_files, lex_files, engine, parser = task
    pipe = _pipeline(gaz_files, lex_files, engine, parser)
    found = pipe.extract(art)
    sink = QuadSink()
    graph.add_article(sink, art, found, places_for(pipe.gazetteer))
    records = []
    for n, ev in enumerate(found):
        rec = event_record(ev, pipe.gazetteer)
        rec["id"] = str(graph.event_iri(art.doc, n))
        records.append(rec)
    lines = "".join(map(record_line, records))
    persons = sorted({m.person for e in found for m in (e.actor, e.recipient) if m and m.person})
    actors = sorted({m.actor for e in found for m in (e.actor, e.recipient) if m})
    return sink.quads, lines, persons, len(found), table.encode(records), actors


@lru_cache(maxsize=2)
def _pipeline(gaz_files: tuple[str, ...], lex_files: tuple[str, ...] = (), engine: str = DEFAULT_ENGINE,
              parser: str | None = None):
    return Pipeline(load_gazetteer(gaz_files), lex_files, engine=engine, parser=parser)


def count_files(paths: Sequence[str | Path]) -> int:
    """How many articles `paths` name (for a progress total): files, and the rows of corpus
    files; unreadable folders count 0."""
    return sum(corpus.count(name) for name in _names(paths, False, []))


def _names(paths, strict: bool, errors: list[KgError]) -> list[str]:
    names: dict[str, None] = {}
    for path in paths:
        try:
            names.update(dict.fromkeys(reader.iter_paths([str(path)])))
        except KgError as error:
            if strict:
                raise
            errors.append(error)
    return list(names)


def _first(article: Article, owners: dict[str, str], strict: bool, errors: list[KgError]) -> bool:
    """Whether this is the first file with its doc id in this build (else an error for it)."""
    if article.doc not in owners:
        owners[article.doc] = reader.where(article)
        return True
    error = _used(reader.where(article), article.doc, owners[article.doc])
    if strict:
        raise error
    errors.append(error)
    return False


def _used(where: str, doc: str, owner: str) -> KgError:
    """The error for a second file (or row) with a doc id this build has met already."""
    return KgError(f"{where}: doc id '{doc}' is already used by {owner}",
                   "Rename one of the files: the file name without extension names the article in the graph")


def _batched(items: Sequence[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk

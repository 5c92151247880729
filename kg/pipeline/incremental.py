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
from kg.rdf import graph
from kg.rdf.store import KgStore, QuadSink, meta_quads
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
                    and p.suffix in (".ttl", ".toml", ".tsv", ".json", ".cfg"))   # parsers' too
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
    (`clash`), unless `replace`; `force` extracts every article again, changed or not."""
    if jobs < 1:
        raise KgError(f"--jobs {jobs} is not a number of processes", "Give --jobs 1 or more")
    errors: list[KgError] = []
    names = _names(paths, strict, errors)
    gaz_files = tuple(str(g) for g in gazetteer)
    lex_files = tuple(str(x) for x in lexicons)
    gaz = load_gazetteer(gaz_files)
    _pipeline(gaz_files, lex_files, engine, parser)   # a bad lexicon fails before any article is read
    fp = fingerprint(gaz_files, lex_files, engine, parser)
    built_with = f"kg {__version__} {fp[:16]}"
    added, rebuilt, unchanged, owners = [], [], [], {}
    events = 0
    kg_store: KgStore | None = None
    pool = _pool(jobs) if jobs > 1 else None
    try:
        with pool or nullcontext(), _stopped_on_interrupt(pool):
            for chunk in _batched(names, batch):
                articles, errs = corpus.read_all(chunk, columns=columns, lang=lang, date=date, strict=strict,
                                                 stdin=stdin, doc=doc)
                errors += errs
                articles = [a for a in articles if _first(a, owners, strict, errors)]
                if not articles:
                    continue
                if kg_store is None:
                    kg_store = KgStore(store)
                    known, stored = kg_store.hashes(), kg_store.identities()
                todo = []
                for art in articles:
                    digest = article_hash(art, fp)
                    if not replace and (error := clash(art, stored.get(art.doc))):
                        if strict:
                            raise error
                        errors.append(error)
                    elif known.get(art.doc) == digest and not force:
                        unchanged.append(art.doc)
                    else:
                        (rebuilt if art.doc in known else added).append(art.doc)
                        todo.append((art, digest))
                tasks = [(art, gaz_files, lex_files, engine, parser) for art, _ in todo]
                results = pool.map(extract_article, tasks, chunksize=max(1, len(tasks) // (4 * jobs))) \
                    if pool else map(extract_article, tasks)
                writes, found = [], 0
                for (art, digest), (quads, lines, persons, n) in zip(todo, results):
                    writes.append((art.doc, quads + meta_quads(art.doc, digest, lines, built_with, persons,
                                                                source_of(art), text_hash(art))))
                    found += n
                kg_store.put(writes)
                events += found
                if progress:
                    progress(len(articles), found)
        if kg_store is not None:
            with kg_store.writing("every article is whole; the actors graph is rewritten by the next build"):
                kg_store.refresh_actors(gaz)
                kg_store.load_ontology()
    except BaseException:
        if kg_store is not None:
            kg_store.close(quiet=True)          # the error on its way says what happened
        raise
    if kg_store is not None:
        kg_store.close()
    return Update(Path(store), tuple(added), tuple(rebuilt), tuple(unchanged), events, tuple(errors))


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


def extract_article(task: tuple[Article, tuple[str, ...]]) -> tuple[list[ox.Quad], str, list[str], int]:
    """Extract one article: its graph's quads, its events.jsonl lines, the persons its
    mentions name, its number of events.
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
    return sink.quads, lines, persons, len(found)


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
    error = KgError(f"{reader.where(article)}: doc id '{article.doc}' is already used by {owners[article.doc]}",
                    "Rename one of the files: the file name without extension names the article in the graph")
    if strict:
        raise error
    errors.append(error)
    return False


def _batched(items: Sequence[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk

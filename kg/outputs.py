"""The files of `output/`: events.jsonl, graph.ttl, graph.trig and graph.html, written as one set.

The RDF files are written by pyoxigraph's serialisers as a stream, graph by graph in order of
graph IRI and each graph's triples sorted, so the same store gives the same bytes and memory
stays bounded by the largest graph (a 10,000-article store: 26 s and 0.27 GB here, where going
through an rdflib Dataset took 3 minutes and 3.5 GB; the 100,000-article build of BENCHMARKS.md
stays under 0.6 GB with its files). graph.ttl is the union of the graphs: a triple told by
several articles (a stance, a place) is written once. `write_file` writes one file the same way.

graph.html draws every event on one page; beyond `PAGE_LIMIT` events a browser cannot lay that
out, so the page is left out (and an older one removed, to keep the set consistent) with a note
saying how to draw a part of the graph (`kg export -f html` with filters).
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .errors import KgError, from_os_error
from .vocab import DOC, EVENT, PREFIXES

PAGE_LIMIT = 20_000         # events beyond which graph.html is not drawn (kg export -f html draws parts)
Graphs = Callable[[], Iterator[tuple[str, Iterable[ox.Quad]]]]   # (graph IRI, its quads), by IRI
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def write_files(graphs: Graphs, records: Callable[[], Iterable[dict]], docs: Sequence[str], out: str | Path,
                *, html: bool = True, notes: list[str] | None = None) -> dict[str, Path]:
    """events.jsonl (from `records()`), graph.ttl and graph.trig (from `graphs()`), and graph.html
    when asked for and the events are at most PAGE_LIMIT; a note for `notes` when they are more."""
    from . import html as page
    from . import network

    out = Path(out)
    files: dict[str, tuple[str, Callable[[BinaryIO], None]]] = {
        "events": ("events.jsonl", lambda f: _write_records(records(), f)),
        "turtle": ("graph.ttl", lambda f: ox.serialize(union_triples(graphs()), f, ox.RdfFormat.TURTLE,
                                                       prefixes=_PREFIXES)),
        "trig": ("graph.trig", lambda f: ox.serialize(sorted_quads(graphs()), f, ox.RdfFormat.TRIG,
                                                      prefixes=_PREFIXES)),
    }
    drop = []
    if html:
        first = list(islice(records(), PAGE_LIMIT + 1))
        if len(first) <= PAGE_LIMIT:
            title = "kg: " + ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "")
            data = page.render(network.build(first), title=title).encode("utf-8")
            files["html"] = ("graph.html", lambda f: f.write(data))
        else:
            drop.append("graph.html")
            if notes is not None:
                notes.append(f"graph.html not written: the store holds more than {PAGE_LIMIT:,} events, too "
                             "many for one page; draw a part with `kg export -f html -o part.html` and "
                             "--actor, --category, --from/--to or --min-count")
    return write_together(out, files, drop=drop)


def graphs_of(store: ox.Store, skip=()) -> Iterator[tuple[str, Iterable[ox.Quad]]]:
    """(graph IRI, its quads) for the named graphs of a pyoxigraph store, in order of IRI."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g not in skip)
    for name in names:
        yield name, store.quads_for_pattern(None, None, None, ox.NamedNode(name))


def sorted_quads(graphs: Iterator[tuple[str, Iterable[ox.Quad]]]) -> Iterator[ox.Quad]:
    """Each graph's quads sorted, graph after graph (the order `graphs` gives)."""
    for _, quads in graphs:
        yield from sorted(quads, key=str)


def union_triples(graphs: Iterator[tuple[str, Iterable[ox.Quad]]]) -> Iterator[ox.Triple]:
    """The triples of all the graphs, each once, in the order of `sorted_quads`.

    A triple about an article's own nodes (the article and its sentences, whose IRIs start with
    its graph IRI, and its events) is in no other graph, so only the others (stances, places, actors) are
    remembered to drop repeats: memory grows with those, not with the archive."""
    seen: set[str] = set()
    for name, quads in graphs:
        own = _own_prefixes(name)
        for quad in sorted(quads, key=str):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if own and isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(own):
                yield triple
                continue
            key = str(triple)
            if key not in seen:
                seen.add(key)
                yield triple


def _own_prefixes(graph_iri: str) -> tuple[str, ...]:
    """IRI prefixes of the nodes only this article graph describes (none for other graphs)."""
    if not graph_iri.startswith(str(DOC)):
        return ()
    doc = graph_iri[len(str(DOC)):]
    return (graph_iri, f"{EVENT}{doc}/") if doc else ()


def record_line(record: dict) -> str:
    """One line of events.jsonl."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _write_records(records: Iterable[dict], f: BinaryIO) -> None:
    for record in records:
        f.write(record_line(record).encode("utf-8"))


def write_file(path: str | os.PathLike, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """One file written as `write_together` writes a set (staged, synced, renamed into place);
    a KgError when its folder does not exist."""
    target = Path(path)
    if not target.parent.is_dir():
        raise KgError(f"Folder {str(target.parent)!r} does not exist", "Create it or pick another path")
    return write_together(target.parent, {"file": (target.name, data)})["file"]


def write_together(out: Path, files: dict[str, tuple[str, bytes | Callable[[BinaryIO], None]]],
                   drop: Sequence[str] = ()) -> dict[str, Path]:
    """Write {key: (name, data or a function writing to a binary file)} into `out` as one set:
    every file is staged (written and synced to a hidden temporary file) before the first is
    renamed into place, so a crash (kill -9, power) leaves each file whole and the set old or
    new but for the few microseconds of the renames; the files named in `drop` then go.
    Temporary files that a killed build left (their process is gone) are removed first."""
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_stale(out, [name for name, _ in files.values()])
    except OSError as error:
        raise from_os_error(error, str(out), "nothing written") from None
    staged: dict[str, tuple[str, Path]] = {}
    try:
        for key, (name, data) in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", dir=out)
            staged[key] = (tmp, out / name)
            with os.fdopen(fd, "wb") as f:
                data(f) if callable(data) else f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        for tmp, target in staged.values():
            os.replace(tmp, target)
    except BaseException as error:
        for tmp, _ in staged.values():
            try:
                Path(tmp).unlink(missing_ok=True)
            except OSError:
                pass                        # removed by the next write (_remove_stale)
        if created:
            try:
                out.rmdir()                 # the folder this write made, empty again
            except OSError:
                pass
        if isinstance(error, OSError):      # disk full, read-only, permissions: the old files stay
            where = out / next(iter(files.values()))[0] if len(files) == 1 else out
            raise from_os_error(error, str(where), "nothing written, the files there are as they were") from None
        raise
    for name in drop:
        (out / name).unlink(missing_ok=True)
    _sync_folder(out)
    return {key: target for key, (_, target) in staged.items()}


def _remove_stale(out: Path, names: Sequence[str]) -> None:
    """Remove `.<name>.<pid>.*` temporary files whose process no longer runs."""
    for name in names:
        for tmp in out.glob(f".{name}.*"):
            pid = tmp.name[len(name) + 2:].split(".", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:         # alive, but someone else's
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

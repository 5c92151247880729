"""The build: articles in, events and an RDF dataset out, and the files of `output/`.

    >>> import kg
    >>> result = kg.build(["article.txt"])          # doctest: +SKIP
    >>> result.dataset                               # rdflib.Dataset, one named graph per article
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset

from . import article as reader
from . import graph, lexicon
from .errors import KgError
from .extract import Extractor
from .model import Article, Event
from .segment import segment
from .where import places_for

if TYPE_CHECKING:
    from .gazetteer import Gazetteer


@dataclass
class BuildResult:
    dataset: Dataset
    articles: list[Article]
    events: list[Event]
    errors: list[KgError] = field(default_factory=list)
    gazetteer: Gazetteer | None = None

    def records(self) -> list[dict]:
        """The events as dicts, in the schema of `events.jsonl`."""
        return [event_record(e, self.gazetteer) for e in self.events]


@lru_cache(maxsize=4)
def _builtin_gazetteer() -> Gazetteer:
    from .gazetteer import Gazetteer
    return Gazetteer.load()


def load_gazetteer(extra: Sequence[str | Path] = ()) -> Gazetteer:
    """The built-in gazetteer, plus the user's files (same format) when given."""
    from .gazetteer import Gazetteer
    return Gazetteer.load(tuple(str(p) for p in extra)) if extra else _builtin_gazetteer()


class Pipeline:
    """Extractors per language over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._extractors: dict[str, Extractor] = {}

    def extractor(self, lang: str) -> Extractor:
        if lang not in self._extractors:
            self._extractors[lang] = Extractor(self.gazetteer, lexicon.builtin(lang))
        return self._extractors[lang]

    def extract(self, article: Article) -> list[Event]:
        ex = self.extractor(article.lang)
        sentences = segment(article, ex.lex.words["abbreviations"])
        return ex.article(article, sentences)


def unknown_actors(paths: Sequence[str | Path], *, lang: str | None = None, date: dt.date | None = None,
                   gazetteer: Sequence[str | Path] = ()) -> list[tuple[str, str, int, str]]:
    """Names in the articles that look like actors (organisations, people with a title or a
    speech verb) but are not in the gazetteer: (name, kind, count, first doc), most frequent first."""
    from .unknown import candidates, summary

    gaz = load_gazetteer(gazetteer)
    articles, _ = reader.read_all([str(p) for p in paths], lang=lang, date=date)
    pipe = Pipeline(gaz)
    found = []
    for art in sorted(articles, key=lambda a: a.doc):
        ex = pipe.extractor(art.lang)
        memory: dict[str, str] = {}
        for s in segment(art, ex.lex.words["abbreviations"]):
            mentions, _ = ex.recognizer.mentions(s.tokens, art.date, memory)
            places = {p.text for p in ex.places.find(s.tokens, art.lang)}
            found.extend(u for u in candidates(s, mentions, ex.lex) if u.name not in places)
    return summary(found)


def extract(article: Article, gazetteer: Gazetteer | None = None) -> list[Event]:
    """The events of one article."""
    return Pipeline(gazetteer or load_gazetteer()).extract(article)


def build(paths: Sequence[str | Path], *, lang: str | None = None, date: dt.date | None = None,
          gazetteer: Sequence[str | Path] = (), strict: bool = False, stdin=None) -> BuildResult:
    """Read articles (files, folders, "-"), extract their events, and make the RDF dataset."""
    gaz = load_gazetteer(gazetteer)
    articles, errors = reader.read_all([str(p) for p in paths], lang=lang, date=date,
                                       strict=strict, stdin=stdin)
    pipe = Pipeline(gaz)
    ds = graph.new_dataset()
    events: list[Event] = []
    for art in sorted(articles, key=lambda a: a.doc):
        found = pipe.extract(art)
        graph.add_article(ds, art, found, places_for(gaz))
        events.extend(found)
    graph.add_actors(ds, gaz,
                     [m.actor for e in events for m in (e.actor, e.recipient) if m],
                     [m.person for e in events for m in (e.actor, e.recipient) if m and m.person])
    return BuildResult(ds, sorted(articles, key=lambda a: a.doc), events, errors, gaz)


def event_record(ev: Event, gazetteer: Gazetteer | None) -> dict:
    """One line of `events.jsonl`."""
    def actor(m):
        if m is None:
            return None
        a = gazetteer.actors.get(m.actor) if gazetteer else None
        found = {"id": m.actor, "label": a.label if a else m.actor, "code": a.code if a else m.actor,
                 "type": a.type if a else None, "wikidata": a.wikidata if a else None, "mention": m.text}
        if a is not None and a.country and a.country != m.actor:
            found["country"] = a.country              # a group's state: "SYR" for the Syrian rebels
        return found

    agent = None
    if ev.actor.person:
        p = gazetteer.persons.get(ev.actor.person) if gazetteer else None
        agent = {"id": ev.actor.person, "label": p.label if p else ev.actor.person,
                 "wikidata": p.wikidata if p else None}
    return {
        "id": None,
        "doc": ev.doc, "sentence": ev.sentence, "start": ev.start, "end": ev.end, "text": ev.text,
        "event": ev.event, "negated": ev.negated, "modality": ev.modality, "cue": ev.cue,
        "actor": actor(ev.actor), "recipient": actor(ev.recipient), "agent": agent,
        "issue": ev.issue, "date": ev.date.isoformat() if ev.date else None, "place": _place(ev.place, gazetteer),
    }


def _place(place_id: str | None, gazetteer) -> dict | None:
    if not place_id:
        return None
    if gazetteer is None:
        return {"id": place_id, "label": place_id, "wikidata": None}
    place = places_for(gazetteer).describe(place_id)
    return {"id": place.id, "label": place.label, "wikidata": place.wikidata}


def write_outputs(result: BuildResult, out: str | Path, *, html: bool = True) -> dict[str, Path]:
    """Write events.jsonl, graph.ttl, graph.trig and graph.html into `out`, each atomically."""
    return write_files(result.dataset, _numbered(result), [a.doc for a in result.articles], out, html=html)


def write_files(dataset: Dataset, records: Sequence[dict], docs: Sequence[str], out: str | Path, *,
                html: bool = True) -> dict[str, Path]:
    """The files of `write_outputs` from a dataset, its event records (with ids) and doc ids."""
    from . import html as page
    from . import network

    from .merge import add_occurrences

    out = Path(out)
    add_occurrences(dataset, records)           # the same event told by several articles
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    union = graph.union(dataset)
    files = {"events": ("events.jsonl", lines.encode("utf-8")),
             "turtle": ("graph.ttl", union.serialize(format="longturtle").encode("utf-8")),
             "trig": ("graph.trig", _sorted_trig(dataset).encode("utf-8"))}
    if html:
        title = "kg: " + ", ".join(docs[:3]) + (" …" if len(docs) > 3 else "")
        files["html"] = ("graph.html", page.render(network.build(list(records)), title=title).encode("utf-8"))
    return write_together(out, files)


def write_together(out: Path, files: dict[str, tuple[str, bytes]]) -> dict[str, Path]:
    """Write {key: (name, data)} into `out` as one set: every file is staged (written and synced
    to a hidden temporary file) before the first is renamed into place, so a crash (kill -9, power)
    leaves each file whole and the set old or new but for the few microseconds of the renames.
    Temporary files that a killed build left (their process is gone) are removed first."""
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale(out, [name for name, _ in files.values()])
    staged: dict[str, tuple[str, Path]] = {}
    try:
        for key, (name, data) in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", dir=out)
            staged[key] = (tmp, out / name)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        for tmp, target in staged.values():
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged.values():
            Path(tmp).unlink(missing_ok=True)
        raise
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


def _numbered(result: BuildResult) -> list[dict]:
    """Event records with their IRIs (numbered per article, as graph.add_article does)."""
    out, counts = [], {}
    for e in result.events:
        n = counts.get(e.doc, 0)
        counts[e.doc] = n + 1
        rec = event_record(e, result.gazetteer)
        rec["id"] = str(graph.event_iri(e.doc, n))
        out.append(rec)
    return out


def _sorted_trig(ds: Dataset) -> str:
    """TriG with graphs, prefixes and triples in a stable order (rdflib's TriG order is not)."""
    from rdflib import Graph
    prefixes: set[str] = set()
    blocks = []
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        g = Graph()
        for prefix, ns in ds.namespaces():
            g.bind(prefix, ns, override=True)
        for t in ctx:
            g.add(t)
        # the PREFIX lines lead; the rest goes in unchanged: a multi-line literal ("""...""")
        # must not gain indentation, and a line of it that starts with "PREFIX" is still data
        lines = g.serialize(format="longturtle").split("\n")
        n = 0
        while n < len(lines) and lines[n].startswith("PREFIX "):
            n += 1
        prefixes.update(lines[:n])
        blocks.append(f"<{ctx.identifier}> {{\n" + "\n".join(lines[n:]).strip("\n") + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)

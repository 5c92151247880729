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
        graph.add_article(ds, art, found)
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
        return {"id": m.actor, "label": a.label if a else m.actor, "code": a.code if a else m.actor,
                "type": a.type if a else None, "wikidata": a.wikidata if a else None, "mention": m.text}

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
        "issue": ev.issue, "date": ev.date.isoformat() if ev.date else None, "place": ev.place,
    }


def write_outputs(result: BuildResult, out: str | Path, *, html: bool = True) -> dict[str, Path]:
    """Write events.jsonl, graph.ttl, graph.trig and graph.html into `out`, each atomically."""
    from . import html as page
    from . import network

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    records = _numbered(result)
    written = {}
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    written["events"] = _atomic(out / "events.jsonl", lines.encode("utf-8"))
    union = graph.union(result.dataset)
    written["turtle"] = _atomic(out / "graph.ttl", union.serialize(format="longturtle").encode("utf-8"))
    written["trig"] = _atomic(out / "graph.trig", _sorted_trig(result.dataset).encode("utf-8"))
    if html:
        target = out / "graph.html"
        page.write_html(network.build(records), target, title="kg: " + ", ".join(a.doc for a in result.articles[:3])
                        + (" …" if len(result.articles) > 3 else ""))
        written["html"] = target
    return written


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
        lines = g.serialize(format="longturtle").splitlines()
        prefixes.update(line for line in lines if line.startswith("PREFIX"))
        body = [("    " + line if line else line) for line in lines if not line.startswith("PREFIX")]
        blocks.append(f"<{ctx.identifier}> {{\n" + "\n".join(body).strip("\n") + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def _atomic(path: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

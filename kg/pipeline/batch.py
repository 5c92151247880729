"""The build: articles in, events and an RDF dataset out, and the files of `output/`.

    >>> import kg
    >>> article = kg.read_text("lang: en\\ndate: 2016-09-05\\n\\nRussia attacked Ukraine.", doc="d")
    >>> [(e.actor.actor, e.event, e.recipient.actor) for e in kg.extract(article)]
    [('RUS', 'ASSAULT', 'UKR')]

`kg.build(paths)` reads files and folders the same way and gives a `BuildResult`: `.dataset` (an
rdflib Dataset, one named graph per article), `.events`, `.articles`, `.errors`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from rdflib import Dataset

from kg.base.errors import KgError
from kg.base.model import DEFAULT_ENGINE, ENGINES, Article, Event
from kg.coding import load_coder
from kg.coding.coder import Coder
from kg.coding.rules.extract import Extractor
from kg.coding.unknown import candidates, summary
from kg.knowledge import contexts, lexicon
from kg.knowledge.gazetteer import Gazetteer, load_gazetteer
from kg.knowledge.places import places_for
from kg.pipeline.outputs import write_files
from kg.rdf import graph
from kg.rdf.merge import add_occurrences
from kg.rdf.serialize import graphs_of
from kg.rdf.store import to_quads
from kg.read import corpus
from kg.read.corpus import Columns
from kg.read.segment import segment


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


class Pipeline:
    """Extractors per language over one gazetteer."""

    def __init__(self, gazetteer: Gazetteer, lexicons: Sequence[str | Path] = (), *,
                 engine: str = DEFAULT_ENGINE, parser: str | None = None) -> None:
        if engine not in ENGINES:
            raise KgError(f"unknown engine {engine!r}", f"Use one of {', '.join(ENGINES)}")
        self.gazetteer = gazetteer
        self.lexicons = user_lexicons(lexicons)
        self.engine, self.parser = engine, parser
        self._extractors: dict[str, Extractor] = {}
        self._coders: dict = {}

    def coder(self, lang: str) -> Coder:
        """The parse-based coder of a language (kg.coding), made once."""
        if lang not in self._coders:
            lex = self.lexicons.get(lang) or lexicon.builtin(lang)
            self._coders[lang] = load_coder(self.gazetteer, lex, lang, self.parser)
        return self._coders[lang]

    def extractor(self, lang: str) -> Extractor:
        if lang not in self._extractors:
            lex = self.lexicons.get(lang) or lexicon.builtin(lang)
            self._extractors[lang] = Extractor(self.gazetteer, lex)
        return self._extractors[lang]

    def extract_many(self, articles: Sequence[Article]) -> list[list[Event]]:
        """The events of each article, in order; the parse engine parses all their sentences in
        one stream per language."""
        if self.engine != "parse":
            return [self.extract(a) for a in articles]
        out: dict[int, list[Event]] = {}
        for lang in sorted({a.lang for a in articles}):
            ex = self.extractor(lang)
            mine = [(n, a) for n, a in enumerate(articles) if a.lang == lang]
            items = [(a, segment(a, ex.lex.words["abbreviations"], ex.lex.lemmas)) for _, a in mine]
            found = contexts.load(lang)
            for (n, _), (_, sentences), events in zip(mine, items, self.coder(lang).articles(items)):
                out[n] = found.annotate(events, sentences)
        return [out[n] for n in range(len(articles))]

    def extract(self, article: Article) -> list[Event]:
        ex = self.extractor(article.lang)
        sentences = segment(article, ex.lex.words["abbreviations"], ex.lex.lemmas)
        events = self.coder(article.lang).article(article, sentences) if self.engine == "parse" \
            else ex.article(article, sentences)
        return contexts.load(article.lang).annotate(events, sentences)


def user_lexicons(paths: Sequence[str | Path]) -> dict[str, lexicon.Lexicon]:
    """Lexicon files given by the user, by language: the file's [meta] language, else its name
    ("de.toml"). Each replaces the built-in lexicon of its language."""
    out: dict[str, lexicon.Lexicon] = {}
    for path in paths:
        lang = lexicon.language_of(path)
        if lang in out:
            raise KgError(f"{path}: a second lexicon for language '{lang}'", "Give one lexicon per language")
        out[lang] = lexicon.load(lang, path)
    return out


def unknown_actors(paths: Sequence[str | Path], *, lang: str | None = None, date: dt.date | None = None,
                   gazetteer: Sequence[str | Path] = (),
                   lexicons: Sequence[str | Path] = (),
                   columns: Columns = Columns()) -> list[tuple[str, str, int, str]]:
    """Names in the articles that look like actors (organisations, people with a title or a
    speech verb) but are not in the gazetteer: (name, kind, count, first doc), most frequent first."""

    gaz = load_gazetteer(gazetteer)
    pipe = Pipeline(gaz, lexicons)
    articles, _ = corpus.read_all(paths, columns=columns, lang=lang, date=date)
    found = []
    for art in sorted(articles, key=lambda a: a.doc):
        ex = pipe.extractor(art.lang)
        memory: dict[str, str] = {}
        for s in segment(art, ex.lex.words["abbreviations"], ex.lex.lemmas):
            mentions, _ = ex.recognizer.mentions(s.tokens, art.date, memory)
            places = {p.text for p in ex.places.find(s.tokens, art.lang)}
            found.extend(u for u in candidates(s, mentions, ex.lex) if u.name not in places)
    return summary(found)


def extract(article: Article, gazetteer: Gazetteer | None = None, engine: str = DEFAULT_ENGINE) -> list[Event]:
    """The events of one article, found by `engine` ("parse" or "rules")."""
    return Pipeline(gazetteer or load_gazetteer(), engine=engine).extract(article)


def build(paths: Sequence[str | Path], *, lang: str | None = None, date: dt.date | None = None,
          gazetteer: Sequence[str | Path] = (), strict: bool = False, stdin: TextIO | None = None,
          lexicons: Sequence[str | Path] = (), engine: str = DEFAULT_ENGINE,
          parser: str | None = None, columns: Columns = Columns(), doc: str | None = None) -> BuildResult:
    """Read articles (files, folders, corpus files of many, saved pages, "-"), extract their
    events, and make the RDF dataset.
    `lexicons`: lexicon files that replace the built-in lexicon of their language; `engine`:
    "rules" or "parse" (`parser`: a spaCy pipeline to use instead of kg's own); `columns`: the
    columns of CSV/TSV/JSON Lines files (kg.read.corpus); `doc`: the doc id of the stdin article."""
    gaz = load_gazetteer(gazetteer)
    pipe = Pipeline(gaz, lexicons, engine=engine, parser=parser)               # a bad lexicon fails before any article is read
    articles, errors = corpus.read_all(paths, columns=columns, lang=lang, date=date,
                                       strict=strict, stdin=stdin, doc=doc)
    ds = graph.new_dataset()
    events: list[Event] = []
    ordered = sorted(articles, key=lambda a: a.doc)
    for art, found in zip(ordered, pipe.extract_many(ordered)):
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
    rec = {
        "id": None,
        "doc": ev.doc, "sentence": ev.sentence, "start": ev.start, "end": ev.end, "text": ev.text,
        "event": ev.event, "negated": ev.negated, "modality": ev.modality, "cue": ev.cue,
        "actor": actor(ev.actor), "recipient": actor(ev.recipient), "agent": agent,
        "issue": ev.issue, "date": ev.date.isoformat() if ev.date else None, "place": _place(ev.place, gazetteer),
        "contexts": list(ev.contexts),
    }
    if ev.pattern is not None:
        rec["pattern"], rec["confidence"] = ev.pattern, ev.confidence
    return rec


def _place(place_id: str | None, gazetteer) -> dict | None:
    if not place_id:
        return None
    if gazetteer is None:
        return {"id": place_id, "label": place_id, "wikidata": None}
    place = places_for(gazetteer).describe(place_id)
    return {"id": place.id, "label": place.label, "wikidata": place.wikidata}


def write_outputs(result: BuildResult, out: str | Path, *, html: bool = True,
                  notes: list[str] | None = None) -> dict[str, Path]:
    """Write events.jsonl, graph.ttl, graph.trig and graph.html into `out` as one set (kg.pipeline.outputs)."""
    import pyoxigraph as ox


    records = _numbered(result)
    add_occurrences(result.dataset, records)          # the same event told by several articles
    store = ox.Store()
    store.extend(to_quads(result.dataset))
    return write_files(lambda: graphs_of(store), lambda: records, [a.doc for a in result.articles], out,
                       html=html, notes=notes)


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

"""The places files read: the Turtle of places (kg/data/places/places.ttl and the gazetteer's own
place nodes) and the words of each language around place names (kg/data/places.toml)."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from importlib.resources import files

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.base.errors import KgError
from kg.base.vocab import ACTOR, KG, PLACE, SEM, WD
from kg.read.segment import tokenize

WORDS_FILE = "kg/data/places.toml"


WORD_KEYS = ("locative", "between", "coordination", "determiners", "name_particles", "of", "directions")


DIRECTION_KEYS = ("adjectives", "nouns", "prefixes", "label")


_PROPS = {str(RDF.type): "rdf:type", str(SKOS.prefLabel): "skos:prefLabel",
          str(SKOS.altLabel): "skos:altLabel", str(KG.country): "kg:country",
          str(OWL.sameAs): "owl:sameAs", str(DCTERMS.source): "dcterms:source",
          str(RDFS.comment): "rdfs:comment", str(KG.heldBy): "kg:heldBy"}
_HELD = {str(KG.holder): "kg:holder", str(SEM.hasBeginTimeStamp): "sem:hasBeginTimeStamp",
         str(SEM.hasEndTimeStamp): "sem:hasEndTimeStamp", str(RDFS.comment): "rdfs:comment"}


_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


_QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class _Words:
    """One language's table of places.toml, compiled."""

    locative: frozenset[str]
    between: tuple[tuple[str, ...], ...]         # longest first
    coordination: frozenset[str]
    determiners: frozenset[str]
    particles: frozenset[str]
    of: frozenset[str]
    adjectives: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (words, direction), longest first
    nouns: dict[str, str]
    prefixes: dict[str, str]
    labels: dict[str, str]                                  # direction -> "northern {}"
    starts: frozenset[str]                                  # first words of direction adjectives and nouns


def load_words(data: str | None = None, where: str = WORDS_FILE) -> dict[str, _Words]:
    """places.toml (or the TOML text `data`), validated and compiled, per language."""
    text = data if data is not None else files("kg.data").joinpath("places.toml").read_text("utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise KgError(f"{where}: not valid TOML ({err})", "Fix the syntax at the place named") from None
    out = {}
    directions_of: dict[str, set[str]] = {}
    for lang, table in raw.items():
        _check_keys(where, f"[{lang}]", table, WORD_KEYS)
        words = {key: _strings(where, f"[{lang}] {key}", table[key]) for key in WORD_KEYS if key != "directions"}
        adjectives, nouns, prefixes, labels = [], {}, {}, {}
        if not isinstance(table["directions"], dict) or not table["directions"]:
            raise KgError(f"{where}: [{lang}] directions must be tables", f"Write [{lang}.directions.north] ...")
        for direction, entry in table["directions"].items():
            at = f"[{lang}.directions.{direction}]"
            _check_keys(where, at, entry, DIRECTION_KEYS)
            if not isinstance(entry["label"], str) or entry["label"].count("{}") != 1:
                raise KgError(f"{where}: {at} label must be a string with one {{}} for the place's name",
                              'Write e.g. label = "northern {}"')
            labels[direction] = entry["label"]
            adjectives += [(_phrase(w, lang), direction) for w in _strings(where, f"{at} adjectives", entry["adjectives"])]
            nouns.update(dict.fromkeys(_strings(where, f"{at} nouns", entry["nouns"]), direction))
            prefixes.update(dict.fromkeys(_strings(where, f"{at} prefixes", entry["prefixes"]), direction))
        directions_of[lang] = set(labels)
        out[lang] = _Words(
            locative=frozenset(words["locative"]),
            between=tuple(sorted({_phrase(w, lang) for w in words["between"]}, key=lambda p: (-len(p), p))),
            coordination=frozenset(words["coordination"]), determiners=frozenset(words["determiners"]),
            particles=frozenset(words["name_particles"]), of=frozenset(words["of"]),
            adjectives=_by_first(adjectives), nouns=nouns, prefixes=prefixes, labels=labels,
            starts=frozenset(a[0][0] for a in adjectives) | frozenset(nouns))
    langs = sorted(directions_of)
    for lang in langs[1:]:
        if directions_of[lang] != directions_of[langs[0]]:
            odd = sorted(directions_of[lang] ^ directions_of[langs[0]])
            raise KgError(f"{where}: [{lang}] and [{langs[0]}] name different directions ({', '.join(odd)})",
                          "Give every language the same [<lang>.directions.<direction>] tables")
    return out


def _by_first(adjectives: list) -> dict[str, tuple]:
    out: dict[str, list] = defaultdict(list)
    for parts, direction in sorted(set(adjectives), key=lambda a: (-len(a[0]), a)):
        out[parts[0]].append((parts, direction))
    return {first: tuple(found) for first, found in out.items()}


def _check_keys(where: str, at: str, table, known: tuple[str, ...]) -> None:
    if not isinstance(table, dict):
        raise KgError(f"{where}: {at} must be a table", f"Give it the keys {', '.join(known)}")
    for key in sorted(set(table) - set(known)):
        close = difflib.get_close_matches(key, known, 1)
        raise KgError(f"{where}: {at} key '{key}' is unknown",
                      f"Did you mean '{close[0]}'?" if close else f"Known keys: {', '.join(known)}")
    for key in known:
        if key not in table:
            raise KgError(f"{where}: {at} key '{key}' is missing", f"Each {at} needs: {', '.join(known)}")


def _strings(where: str, at: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KgError(f"{where}: {at} must be a list of non-empty strings", 'Write e.g. ["in", "near"]')
    return [v.strip().lower() for v in value]


def _phrase(text: str, lang: str) -> tuple[str, ...]:
    return tuple(t.lower for t in tokenize(text, lang))


def _read(name: str, data: bytes, gazetteer) -> list[tuple[Place, list[tuple[str, str]]]]:
    """The places of one Turtle file, each with its (label, lang) names, validated."""
    try:
        triples = [q.triple for q in ox.parse(input=data, format=ox.RdfFormat.TURTLE)]
    except SyntaxError as err:
        where = f" line {err.lineno}" if getattr(err, "lineno", None) else ""
        raise KgError(f"{name}{where}: {err.msg}", "Fix the Turtle syntax there") from None
    by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    nodes: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        into = nodes if isinstance(t.subject, ox.BlankNode) else by_subject
        into[t.subject.value][t.predicate.value].append(t.object)
    out = []
    for subject in sorted(by_subject):
        props = by_subject[subject]
        held = tuple(_held(name, subject, nodes.get(n.value, {}), gazetteer) for n in props.pop(str(KG.heldBy), []))
        if not props:                    # only who held the place: merged into its description
            out.append((Control(subject[len(str(PLACE)):], held), []))
            continue
        place, names = _place(name, subject, props, gazetteer)
        out.append((replace(place, held=held) if held else place, names))
    return out


def _held(name: str, subject: str, props: dict, gazetteer) -> tuple[str, dt.date | None, dt.date | None]:
    """One (holder, from, until) of a place's kg:heldBy node; until is inclusive."""
    at = f"{name}: kg:heldBy of <{subject}>"
    for prop in props:
        if prop not in _HELD:
            raise KgError(f"{at} has an unknown property <{prop}>", f"Use only {', '.join(sorted(_HELD.values()))}")
    holders = [t.value for t in props.get(str(KG.holder), [])]
    holder = holders[0][len(str(ACTOR)):] if len(holders) == 1 and holders[0].startswith(str(ACTOR)) else None
    if holder is None or holder not in gazetteer.actors:
        raise KgError(f"{at} names no actor of the gazetteer as its kg:holder", "Write kg:holder actor:<id>, one per node")
    dates = []
    for prop in (str(SEM.hasBeginTimeStamp), str(SEM.hasEndTimeStamp)):
        terms = props.get(prop, [])
        try:
            dates.append(dt.date.fromisoformat(terms[0].value) if terms else None)
        except ValueError:
            raise KgError(f"{at} has a date that is no YYYY-MM-DD: {terms[0].value!r}", "Write the date as YYYY-MM-DD") from None
    return holder, dates[0], dates[1]


def _place(name: str, subject: str, props: dict, gazetteer) -> tuple[Place, list[tuple[str, str]]]:
    local = subject[len(str(PLACE)):] if subject.startswith(str(PLACE)) else None
    at = f"{name}: place:{local}" if local else f"{name}: <{subject}>"
    if local is None or not _ID.fullmatch(local):
        raise KgError(f"{at} is not a place IRI",
                      f"Name places <{PLACE}Name> with letters, digits and '_' (no '-': it marks regions)")
    for prop in props:
        if prop not in _PROPS:
            close = difflib.get_close_matches(prop, list(_PROPS), 1)
            raise KgError(f"{at} has an unknown property <{prop}>",
                          f"Did you mean {_PROPS[close[0]]}?" if close else
                          f"Use only {', '.join(sorted(_PROPS.values()))}")
    if [t.value for t in props.get(str(RDF.type), [])] != [str(KG.Place)]:
        raise KgError(f"{at} is not typed kg:Place only", "Write `place:X a kg:Place ; ...`")
    names, prefs = [], {}
    for prop in (str(SKOS.prefLabel), str(SKOS.altLabel)):
        for term in props.get(prop, []):
            if not isinstance(term, ox.Literal) or not term.language or not term.value.strip():
                raise KgError(f"{at} has {_PROPS[prop]} {term} without a language tag",
                              'Tag every name with its language, e.g. "Aleppo"@en')
            lang = term.language.split("-")[0].lower()
            if prop == str(SKOS.prefLabel):
                if lang in prefs:
                    raise KgError(f"{at} has two skos:prefLabel@{lang}", "Keep one; make the other a skos:altLabel")
                prefs[lang] = term.value
            names.append((term.value, lang))
    if "en" not in prefs:
        raise KgError(f"{at} has no English skos:prefLabel", 'Add skos:prefLabel "..."@en')
    if not props.get(str(DCTERMS.source)):
        raise KgError(f"{at} has no dcterms:source", 'Say where its names come from: dcterms:source "..."')
    countries = props.get(str(KG.country), [])
    country = None
    if len(countries) > 1:
        raise KgError(f"{at} has {len(countries)} kg:country", "Give a place at most one country")
    if countries:
        iri = countries[0].value
        country = iri[len(str(ACTOR)):] if iri.startswith(str(ACTOR)) else iri
        actor = gazetteer.actors.get(country)
        if actor is None or actor.type != "State":
            close = difflib.get_close_matches(country, [a.id for a in gazetteer.actors.values()
                                                        if a.type == "State"], 1)
            raise KgError(f"{at} has kg:country {country}, which is not a state of the gazetteer",
                          f"Did you mean actor:{close[0]}?" if close else "Use actor:<ISO 3166-1 alpha-3>")
    qids = [t.value for t in props.get(str(OWL.sameAs), [])]
    if len(qids) > 1 or any(not q.startswith(str(WD)) or not _QID.fullmatch(q[len(str(WD)):]) for q in qids):
        raise KgError(f"{at} has owl:sameAs {', '.join(qids)}",
                      "Give at most one Wikidata item, as wd:Q123, and only one you checked")
    wikidata = qids[0][len(str(WD)):] if qids else None
    return Place(local, prefs["en"], dict(sorted(prefs.items())), wikidata, country), names


@dataclass(frozen=True)
class Place:
    """A place: a city, region, river, border crossing, country (id = ISO code) or a region of one
    of these (id ``<place>-<direction>``)."""

    id: str                                  # "Aleppo", "SYR", "SYR-north"
    label: str                               # English name
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # lang -> name
    wikidata: str | None = None              # "Q41183"
    country: str | None = None               # actor id of the state it lies in: "SYR"
    within: str | None = None                # a region's place: "SYR" for "SYR-north"
    held: tuple = field(default=(), compare=False, hash=False)   # (actor, from, until): who held it when

    def holder(self, on: dt.date | None) -> str | None:
        """Who held the place on that date (kg:heldBy), else the state it lies in."""
        for actor, start, end in self.held:
            if on is not None and (start is None or start <= on) and (end is None or on <= end):
                return actor
        return self.country


@dataclass(frozen=True)
class Control:
    """A file's kg:heldBy statements about a place described elsewhere."""

    id: str
    held: tuple

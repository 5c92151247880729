"""Places in a sentence: cities, regions, rivers, border crossings and countries, as token spans.

The places are data: `kg/data/places/places.ttl` (``place:Aleppo a kg:Place ; skos:prefLabel
"Aleppo"@en ; kg:country actor:SYR ; owl:sameAs wd:Q41183``), plus one place per state of the
actor gazetteer, made here rather than written out: ``place:SYR`` has the state's names, the same
Wikidata item and ``kg:country actor:SYR``. The words around places are data too
(`kg/data/places.toml`, per language).

Rules (see places.toml for the words):

- Longest match first; a capitalised label needs a capital in the text, an acronym the exact
  letters, a lower-case label matches any case (as the actor recognizer does).
- A country is a place only when a locative preposition governs it ("in Syria", "near the
  Turkish border" is not a country), possibly over words such as "the" or "war-torn", or through
  coordination with a governed place ("in Syria and Iraq"). So is any place whose name is also an
  actor's name or metonym ("in Damascus"; "Damascus said" is the government).
- Regions are a rule, not entries: a direction word before a place ("northern Syria",
  "Noord-Syrië", "the north of Syria", "het noorden van Syrië", "northern Aleppo province") makes
  the place ``<place id>-<direction>`` (``SYR-north``), part of the place and in its country.
  A full name wins over a region ("North Korea", "South Sudan", "Oost-Ghouta").

>>> from kg.segment import tokenize
>>> places = Places.load()
>>> [(m.text, m.place_id) for m in places.find(tokenize("Fighting near Jarabulus in northern Syria.", "en"), "en")]
[('Jarabulus', 'Jarabulus'), ('northern Syria', 'SYR-north')]
>>> places.describe("SYR-north").labels["nl"]
'Noord-Syrië'
"""
from __future__ import annotations

import difflib
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .errors import KgError
from .model import Token
from .recognize import _case_ok
from .segment import tokenize
from .vocab import ACTOR, KG, PLACE, WD

PLACES_FILE = "kg/data/places/places.ttl"
WORDS_FILE = "kg/data/places.toml"
WORD_KEYS = ("locative", "between", "coordination", "determiners", "name_particles", "of", "directions")
DIRECTION_KEYS = ("adjectives", "nouns", "prefixes", "label")

_PROPS = {str(RDF.type): "rdf:type", str(SKOS.prefLabel): "skos:prefLabel",
          str(SKOS.altLabel): "skos:altLabel", str(KG.country): "kg:country",
          str(OWL.sameAs): "owl:sameAs", str(DCTERMS.source): "dcterms:source",
          str(RDFS.comment): "rdfs:comment"}
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_QID = re.compile(r"Q[1-9][0-9]*")
_HYPHENS = "-‐‑"
_CLAUSE_END = frozenset(".;:!?)\"”'’")


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


@dataclass(frozen=True)
class PlaceMention:
    """Tokens start..end (exclusive) of a sentence name a place."""

    start: int
    end: int
    place_id: str
    text: str


@dataclass(frozen=True)
class _Entry:
    parts: tuple[str, ...]          # the label's tokens as written
    place: str
    needs_locative: bool            # a country, or a name that is also an actor's


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


class Places:
    """The places kg knows, and their mentions in tokenised sentences."""

    def __init__(self, places: dict[str, Place], entries: Iterable[_Entry], words: dict[str, _Words]):
        self.places = places
        self.words = words
        self._index: dict[str, list[_Entry]] = defaultdict(list)
        for entry in entries:
            self._index[entry.parts[0].lower()].append(entry)
        for found in self._index.values():
            found.sort(key=lambda e: (-len(e.parts), e.place))
        self._index = dict(self._index)

    @classmethod
    def load(cls, gazetteer=None, extra: Iterable[str | Path] = ()) -> "Places":
        """The built-in places, the places of `extra` Turtle files, and a place per state of
        `gazetteer` (the built-in actor gazetteer when None). KgError names a file or entry at fault."""
        if gazetteer is None:
            from .gazetteer import Gazetteer
            gazetteer = Gazetteer.load()
        words = load_words()
        sources = [(PLACES_FILE, files("kg.data").joinpath("places", "places.ttl").read_bytes())]
        for path in extra:
            try:
                sources.append((str(path), Path(path).read_bytes()))
            except OSError as err:
                raise KgError(f"Cannot read place file {path}: {err.strerror}", "Check the path") from None
        places: dict[str, Place] = {}
        labels: list[tuple[str, str, str, str]] = []     # (text, lang, place id, file)
        for name, data in sources:
            for place, names in _read(name, data, gazetteer):
                if place.id in places:
                    raise KgError(f"{name}: place:{place.id} is described twice",
                                  "Describe each place once (merge the two entries)")
                places[place.id] = place
                labels += [(text, lang, place.id, name) for text, lang in names]
        sources_order = {name: n for n, (name, _) in enumerate(sources)}
        determiners = frozenset().union(*(w.determiners for w in words.values()))
        particles = frozenset().union(*(w.particles for w in words.values()))
        actor_names = {_key(_parts(l.text, l.lang, determiners)) for l in gazetteer.labels
                       if l.kind in ("name", "metonym")}
        entries: dict[tuple[str, ...], _Entry] = {}
        origin: dict[str, str] = {}
        for text, lang, place_id, name in sorted(labels, key=lambda l: (sources_order[l[3]], l)):
            parts = _parts(text, lang, determiners)
            other = entries.get(_key(parts))
            if other and other.place != place_id:
                raise KgError(f"{name}: the label {text!r}@{lang} of place:{place_id} also names "
                              f"place:{other.place} ({origin[other.place]})", "Give each label to one place only")
            entries[_key(parts)] = _Entry(parts, place_id, _key(parts) in actor_names)
            origin[place_id] = name
        names: dict[str, list] = defaultdict(list)
        for label in gazetteer.labels:
            if label.kind == "name":
                names[label.target].append(label)
        for actor in sorted(gazetteer.actors.values(), key=lambda a: a.id):
            if actor.type != "State" or actor.id in places:
                continue
            places[actor.id] = Place(actor.id, actor.label, dict(actor.labels), actor.wikidata, actor.id)
            for label in names[actor.id]:
                parts = _parts(label.text, label.lang, determiners)
                if _key(parts) not in entries and _is_name(parts, particles):
                    entries[_key(parts)] = _Entry(parts, actor.id, True)
        return cls(places, entries.values(), words)

    # -- looking up ---------------------------------------------------------------------------
    def describe(self, place_id: str) -> Place:
        """The place with this id ("Aleppo", "SYR", "SYR-north"); KgError for an unknown id."""
        place = self.places.get(place_id)
        if place is not None:
            return place
        base, _, direction = place_id.rpartition("-")
        known = {d for w in self.words.values() for d in w.labels}
        if base in self.places and direction in known:
            within = self.places[base]
            labels = {lang: w.labels[direction].format(within.labels.get(lang, within.label))
                      for lang, w in sorted(self.words.items()) if direction in w.labels}
            return Place(place_id, labels.get("en", within.label), labels, None,
                         within.country, within.id)
        close = difflib.get_close_matches(place_id, list(self.places), n=1)
        raise KgError(f"Unknown place {place_id!r}",
                      f"Did you mean {close[0]!r}?" if close else f"Describe it in {PLACES_FILE}")

    def find(self, tokens: tuple[Token, ...], lang: str) -> list[PlaceMention]:
        """The places a sentence's tokens name, left to right, without overlaps."""
        words = self._words(lang)
        out: list[PlaceMention] = []
        chain = -1                  # end of the last place a locative governs (for "and Iraq")
        i = 0
        while i < len(tokens):
            low = tokens[i].lower
            if low not in self._index and low not in words.starts and not _hyphenated(low):
                i += 1                                  # the common case, kept cheap
                continue
            found = self._at(tokens, i, words, chain)
            if found is None:
                i += 1
                continue
            end, place_id, governed = found
            out.append(PlaceMention(i, end, place_id, _text(tokens, i, end)))
            if governed:
                chain = end
            i = end
        return out

    # -- internals ----------------------------------------------------------------------------
    def _words(self, lang: str) -> _Words:
        try:
            return self.words[lang]
        except KeyError:
            raise KgError(f"No place words for language '{lang}'",
                          f"Known: {', '.join(sorted(self.words))}; add a [{lang}] table to {WORDS_FILE}"
                          ) from None

    def _label(self, tokens, i: int) -> _Entry | None:
        """The longest label starting at token i (any place, governed or not)."""
        for entry in self._index.get(tokens[i].lower, ()):
            n = len(entry.parts)
            if i + n <= len(tokens) and all(_case_ok(p, tokens[i + k].text) for k, p in enumerate(entry.parts)):
                return entry
        return None

    def _at(self, tokens, i: int, words: _Words, chain: int) -> tuple[int, str, bool] | None:
        """(end, place id, governed by a locative) of the place starting at token i."""
        label = self._label(tokens, i)
        best = (i + len(label.parts), label.place) if label else None
        regions = list(self._regions(tokens, i, words))
        if regions:
            region = max(regions, key=lambda r: r[0])  # the first of the longest
            if best is None or region[0] > best[0]:
                best, label = region, None             # a region longer than any name here
        if best is None:
            return None
        governed = self._governed(tokens, i, best[0], words, chain)
        if label and label.needs_locative and not governed:
            return None
        return best[0], best[1], governed

    def _regions(self, tokens, i: int, words: _Words):
        """(end, region id) for a direction word at token i followed by a place."""
        low = tokens[i].lower
        for parts, direction in words.adjectives.get(low, ()):   # "northern Syria"
            n = len(parts)
            if i + n < len(tokens) and tuple(t.lower for t in tokens[i:i + n]) == parts:
                label = self._label(tokens, i + n)
                if label:
                    yield i + n + len(label.parts), f"{label.place}-{direction}"
        if low in words.nouns and i > 0 and tokens[i - 1].lower in words.determiners \
                and i + 2 < len(tokens) and tokens[i + 1].lower in words.of:   # "the north of Syria"
            j = i + 2
            if tokens[j].lower in words.determiners and j + 1 < len(tokens):
                j += 1
            label = self._label(tokens, j)
            if label:
                yield j + len(label.parts), f"{label.place}-{words.nouns[low]}"
        text = tokens[i].text
        for h in _HYPHENS if _hyphenated(low) else ():          # "Noord-Syrië"
            head, sep, rest = text.partition(h)
            if sep and head.lower() in words.prefixes and rest:
                for entry in self._index.get(rest.lower(), ()):
                    if len(entry.parts) == 1 and _case_ok(entry.parts[0], rest):
                        yield i + 1, f"{entry.place}-{words.prefixes[head.lower()]}"
                        break

    @staticmethod
    def _governed(tokens, i: int, end: int, words: _Words, chain: int) -> bool:
        """Whether a locative preposition governs the place at tokens i..end, or coordination with
        a governed place does ("in Syria and Iraq"; after a comma only when the place ends a clause
        or a list: "in Hangzhou, China." but not "in Aleppo, Turkey said")."""
        j = i - 1
        moved = True
        while moved and j >= 0:
            moved = False
            for phrase in words.between:
                n = len(phrase)
                if j - n + 1 >= 0 and tuple(t.lower for t in tokens[j - n + 1:j + 1]) == phrase:
                    j -= n
                    moved = True
                    break
        if j < 0:
            return False
        word = tokens[j].lower
        if word in words.locative:
            return True
        if word not in words.coordination or chain != j:
            return False
        return word.isalpha() or end == len(tokens) or tokens[end].text in _CLAUSE_END \
            or tokens[end].lower in words.coordination


# -- data ---------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def places_for(gazetteer) -> "Places":
    """The places of a gazetteer's states plus the built-in places, loaded once per gazetteer."""
    return Places.load(gazetteer)


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
    for t in triples:
        by_subject[t.subject.value][t.predicate.value].append(t.object)
    out = []
    for subject in sorted(by_subject):
        out.append(_place(name, subject, by_subject[subject], gazetteer))
    return out


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


def _parts(text: str, lang: str, determiners: frozenset[str]) -> tuple[str, ...]:
    parts = tuple(t.text for t in tokenize(text, lang))
    if len(parts) > 1 and parts[0].lower() in determiners:
        parts = parts[1:]                        # "the United States": "the" is matched as context
    return parts


def _key(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.lower() for p in parts)


def _is_name(parts: tuple[str, ...], particles: frozenset[str]) -> bool:
    """A country's alternative name is a place name when every word is capitalised or a particle
    ("Republic of Korea"); "Syrian regime" names a government."""
    return all(not p[:1].isalpha() or p[:1].isupper() or p.lower() in particles for p in parts)


def _hyphenated(word: str) -> bool:
    return "-" in word or "‐" in word or "‑" in word


def _text(tokens, start: int, end: int) -> str:
    """The tokens' text with the spaces the sentence had between them ("Washington, D.C.")."""
    out = tokens[start].text
    for prev, tok in zip(tokens[start:end - 1], tokens[start + 1:end]):
        out += (" " if tok.start > prev.end else "") + tok.text
    return out


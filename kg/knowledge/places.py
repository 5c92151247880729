"""Places in a sentence: cities, regions, rivers, border crossings and countries, as token spans.

The places are data: the Turtle files in `kg/data/places/` (``place:Aleppo a kg:Place ; skos:prefLabel
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

>>> from kg.read.segment import tokenize
>>> places = Places.load()
>>> [(m.text, m.place_id) for m in places.find(tokenize("Fighting near Jarabulus in northern Syria.", "en"), "en")]
[('Jarabulus', 'Jarabulus'), ('northern Syria', 'SYR-north')]
>>> places.describe("SYR-north").labels["nl"]
'Noord-Syrië'
"""
from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from kg.base.errors import KgError
from kg.base.model import Token
from kg.knowledge.gazetteer import Gazetteer, case_ok
from kg.knowledge.place_files import (  # noqa: F401 - kg.knowledge.places.load_words
    WORDS_FILE,
    Control,
    Place,
    _read,
    _Words,
    load_words,
)
from kg.read.segment import tokenize

PLACES_FILE = "kg/data/places/places.ttl"
PLACES_DIR = "kg/data/places"

_HYPHENS = "-‐‑"
_CLAUSE_END = frozenset(".;:!?)\"”'’")


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


class Places:
    """The places kg knows, and their mentions in tokenised sentences."""

    def __init__(self, places: dict[str, Place], entries: Iterable[_Entry], words: dict[str, _Words]) -> None:
        self.places = places
        self.words = words
        self._index: dict[str, list[_Entry]] = defaultdict(list)
        for entry in entries:
            self._index[entry.parts[0].lower()].append(entry)
        for found in self._index.values():
            found.sort(key=lambda e: (-len(e.parts), e.place))
        self._index = dict(self._index)

    @classmethod
    def load(cls, gazetteer: Gazetteer | None = None, extra: Iterable[str | Path] = ()) -> Places:
        """The built-in places, the places of `extra` Turtle files, and a place per state of
        `gazetteer` (the built-in actor gazetteer when None). KgError names a file or entry at fault."""
        if gazetteer is None:
            gazetteer = Gazetteer.load()
        words = load_words()
        sources = [(f"{PLACES_DIR}/{f.name}", f.read_bytes()) for f in
                   sorted(files("kg.data").joinpath("places").iterdir(), key=lambda f: f.name)
                   if f.name.endswith(".ttl")]
        for path in extra:
            try:
                sources.append((str(path), Path(path).read_bytes()))
            except OSError as err:
                raise KgError(f"Cannot read place file {path}: {err.strerror}", "Check the path") from None
        places: dict[str, Place] = {}
        labels: list[tuple[str, str, str, str]] = []     # (text, lang, place id, file)
        control: list[tuple[str, Control]] = []
        for name, data in sources:
            for place, names in _read(name, data, gazetteer):
                if isinstance(place, Control):
                    control.append((name, place))
                    continue
                if place.id in places:
                    raise KgError(f"{name}: place:{place.id} is described twice",
                                  "Describe each place once (merge the two entries)")
                places[place.id] = place
                labels += [(text, lang, place.id, name) for text, lang in names]
        for name, held in control:
            if held.id not in places:
                raise KgError(f"{name}: kg:heldBy of place:{held.id}, which no file describes",
                              "Describe the place (a kg:Place with labels) or fix its id")
            places[held.id] = replace(places[held.id], held=places[held.id].held + held.held)
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
                      f"Did you mean {close[0]!r}?" if close else
                      f"Describe it in a Turtle file of {PLACES_DIR}/ (as in places.ttl)")

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
            if i + n <= len(tokens) and all(case_ok(p, tokens[i + k].text) for k, p in enumerate(entry.parts)):
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
                    if len(entry.parts) == 1 and case_ok(entry.parts[0], rest):
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
def places_for(gazetteer: Gazetteer) -> Places:
    """The places of a gazetteer's states plus the built-in places, loaded once per gazetteer."""
    return Places.load(gazetteer)


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


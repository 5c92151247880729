"""Between kg's tokens and the parse: the character spans of a sentence's names (which the parser
reads as one word each, kg.parse.parser), the mentions under each parse token, and the places under
parse tokens with who held them (an act's target when its role reaches no actor).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.base.model import Mention, Sentence, Via
from kg.coding.mentions import Found
from kg.knowledge.places import Places
from kg.parse.grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: mentions that are names (not "Russian jets", "IS-strijders", pronouns or descriptions); "the
#: British" is one
NAMES = (Via.NAME, Via.METONYM, Via.PERSON, Via.ALIAS, Via.ANAPHOR, Via.DEMONYM)


def name_spans(sentence: Sentence, found: Found, places: Places, lang: str,
               grammar: Grammar, people: Mapping[str, frozenset[str]] | None = None) -> list[tuple[int, int, str]]:
    """The (start, end, kind) character spans of the names in the sentence, for the parser: the
    actors named by name, metonym or person and the places, each written as a name (every word
    capitalised but the language's name particles: "Mohammed bin Salman"), none overlapping;
    kind "person", "demonym" for a people ("the British"), the article before the name where the
    grammar has placeholders for it ("the United States": "the"), else "name". A person's span is their name alone, without the title
    and adjective the mention starts with ("Turkish President [Erdogan]", a mention by adjective):
    the longest end of the mention that is one of the person's labels in `people` (person id ->
    lower-case labels)."""
    words = places.words.get(lang)
    particles = words.particles if words else frozenset()
    toks, base = sentence.tokens, sentence.start

    def kind(m: Mention) -> str:
        before = toks[m.start - 1].text.lower() if m.start else ""
        if m.via == Via.DEMONYM:            # "the British": a people, parsed as one the parser knows
            return "demonym"
        return "person" if m.person else before if before in grammar.placeholders else "name"

    def first(m: Mention) -> int:
        labels = (people or {}).get(m.person) if m.person else None
        return next((k for k in range(m.start, m.end)
                     if " ".join(t.text for t in toks[k:m.end]).lower() in labels), m.start) if labels else m.start

    spans = [(toks[first(m)].start - base, toks[m.end - 1].end - base, kind(m))
             for m in found.mentions if m.via in NAMES or m.person and first(m) > m.start]
    spans += [(toks[p.start].start - base, toks[p.end - 1].end - base, "name") for p in places.find(toks, lang)]
    out, last = [], -1
    for start, end, k in sorted(spans, key=lambda x: (x[0], -x[1])):
        text = sentence.text[start:end]
        if start >= last and text[:1].isupper() and all(
                w[:1].isupper() or w.lower() in particles for w in text.replace("-", " ").split()):
            out.append((start, end, k))
            last = end
    return out


def by_token(doc: Doc, sentence: Sentence, mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Each mention under the parse tokens its characters cover."""
    out: dict[int, list[Mention]] = defaultdict(list)
    spans = [(sentence.tokens[m.start].start - sentence.start, sentence.tokens[m.end - 1].end - sentence.start, m)
             for m in mentions]
    if spans:
        for tok in doc:
            start, end = tok.idx, tok.idx + len(tok)
            for lo, hi, m in spans:
                if start < hi and end > lo:
                    out[tok.i].append(m)
    return dict(out)


def places_under(doc: Doc, sentence: Sentence, named: dict[int, list[Mention]], places: Places, lang: str,
                 grammar: Grammar, on: dt.date | None) -> dict[int, list[Mention]]:
    """Who held each place the sentence names where no actor is (`named`), on the date `on`
    ("Raqqa" in 2015: Islamic State; "Kharkiv": the state it lies in), then the state it lies in
    when that differs (for an act by the holder itself: "Russia annexed Crimea"), by parse token;
    nothing when the grammar has no `place_targets`."""
    if not grammar.place_targets:
        return {}
    found = []
    for p in places.find(sentence.tokens, lang):
        place = places.describe(p.place_id)
        found += [Mention(a, p.start, p.end, p.text, via=Via.PLACE)
                  for a in dict.fromkeys((place.holder(on), place.country)) if a]
    return {i: ms for i, ms in by_token(doc, sentence, found).items() if i not in named}


def split_names(doc: Doc, named: dict[int, list[Mention]]) -> None:
    """Two adjacent names of different actors are not one name: "viel Rusland [nsubj] Oekraïne
    [flat] aan" -- the second is the object of the first's verb, or its indirect object when it
    has one ("dat Washington Moskou sancties oplegt") (in place)."""
    for tok in doc:
        head = tok.head
        if tok.dep_ in ("flat", "flat:name") and tok.i in named and head.i in named \
                and head.dep_ == "nsubj" and head.head.i != head.i and {m.actor for m in named[tok.i]}.isdisjoint(
                    m.actor for m in named[head.i]):
            verb = head.head
            tok.head = verb
            tok.dep_ = "iobj" if any(c.dep_ == "obj" for c in verb.children) else "obj"

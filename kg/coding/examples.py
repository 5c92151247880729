"""Run a pattern's examples through the whole parse-based pipeline and compare the events.

An example's events are strings "ACTOR CATEGORY RECIPIENT" with " negated" appended when the
event is negated; symmetric categories are written in either order. Events of hypothetical
modality are left out, as the scorer leaves them out. An example passes when every event it
lists is found and its own pattern finds nothing else; what other patterns find in the same
sentence is their examples' business.
"""
from __future__ import annotations

import datetime as dt

from kg.base.model import SYMMETRIC, UNCLAIMED, Article
from kg.coding.coder import Coder
from kg.coding.patterns import Example
from kg.knowledge.lexicon import Lexicon
from kg.read.segment import segment


def canonical(event: str) -> str:
    parts = event.split()
    if len(parts) >= 3 and parts[1] in SYMMETRIC:
        parts[0], parts[2] = sorted((parts[0], parts[2]))
    return " ".join(parts)


def events_of(text: str, lang: str, coder: Coder, lexicon: Lexicon, date: str | None = None) -> dict[str, set[str]]:
    """The events of `text`, as strings, by the pattern that found them."""
    day = dt.date.fromisoformat(date) if date else dt.date(2020, 1, 1)
    article = Article("example", text, lang, day)
    sentences = segment(article, lexicon.words["abbreviations"], lexicon.lemmas)
    out: dict[str, set[str]] = {}
    for e in coder.article(article, sentences):
        if e.recipient is None or e.modality in UNCLAIMED:
            continue
        s = f"{e.actor.actor} {e.event} {e.recipient.actor}" + (" negated" if e.negated else "")
        out.setdefault(e.pattern or "", set()).add(canonical(s))
    return out


def check(example: Example, lang: str, coder: Coder, lexicon: Lexicon, pattern: str) -> tuple[set[str], set[str], set[str]]:
    """(expected, found by any pattern, found by `pattern`) for one example of `pattern`."""
    want = {canonical(e) for e in example.events}
    found = events_of(example.text, lang, coder, lexicon, example.date)
    return want, set().union(*found.values()), found.get(pattern, set())


def passes(want: set[str], found: set[str], mine: set[str]) -> bool:
    return want <= found and mine <= want

"""Names that look like actors but are not in the gazetteer: reported, not silently dropped.

A candidate is a run of capitalised words (with the small words names carry: "al", "of", "van")
that no actor mention covers, and that looks like an organisation (it has a head word such as
"Party", "Front", "Brigade", "Partij") or a person (a title or an agent noun before it, or a speech
verb after it: "spokesman Igor Konashenkov", "Kino Gabriel said"). The head words and titles are
data, per language (`org_head` and `title` in the lexicon's [words]).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kg.base.model import Mention, Sentence
from kg.knowledge.lexicon import Lexicon

CONNECTORS = frozenset({"al", "el", "ad", "as", "bin", "ibn", "abu", "of", "the", "for", "and", "de", "van",
                        "der", "den", "von", "la", "le", "du", "des", "het", "voor", "en"})


@dataclass(frozen=True)
class Unknown:
    """A name that looks like an actor kg does not know."""

    name: str
    kind: str                # "organisation" | "person"
    doc: str
    sentence: int


def candidates(s: Sentence, mentions: Iterable[Mention], lex: Lexicon) -> list[Unknown]:
    toks = s.tokens
    taken = {k for m in mentions for k in range(m.start, m.end)}
    heads = lex.words["org_head"]
    titles = lex.words["title"] | lex.agents
    speech = lex.words["speech"]
    out = []
    k = 0
    while k < len(toks):
        if k in taken or not _cap(toks[k].text):
            k += 1
            continue
        end = k + 1
        while end < len(toks) and end not in taken and (
                _cap(toks[end].text) or (toks[end].lower in CONNECTORS and end + 1 < len(toks)
                                         and _cap(toks[end + 1].text) and end + 1 not in taken)):
            end += 1
        start = k
        k = end
        while start < end and toks[start].lower in lex.words["determiners"]:
            start += 1                                 # "The Observatory"
        titled = [n for n in range(start, end) if toks[n].lower in titles]
        if any(t.lower in heads or (lex.lang == "nl" and t.lower.endswith(tuple(heads))) for t in toks[start:end]):
            words = [t.text for t in toks[start:end]]
            if len(words) > 1 or start > 0:
                out.append(Unknown(" ".join(words), "organisation", s.doc, s.index))
            continue
        if titled:                                     # "Major-General Igor Konashenkov"
            start = titled[-1] + 1
        words = [t.text for t in toks[start:end]]
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and (
                titled or (start > 0 and toks[start - 1].lower in titles)
                or (end < len(toks) and (toks[end].lemma in speech or toks[end].lower in speech))):
            out.append(Unknown(" ".join(words), "person", s.doc, s.index))
    return out


def summary(found: Iterable[Unknown]) -> list[tuple[str, str, int, str]]:
    """(name, kind, count, first doc) rows, most frequent first, then by name."""
    found = list(found)
    counts = Counter((u.name, u.kind) for u in found)
    first = {}
    for u in found:
        first.setdefault((u.name, u.kind), u.doc)
    return sorted(((n, kd, c, first[(n, kd)]) for (n, kd), c in counts.items()), key=lambda r: (-r[2], r[0], r[1]))


def _cap(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word) and not word.isupper() or \
        (word.isupper() and len(word) >= 2 and word.isalpha())

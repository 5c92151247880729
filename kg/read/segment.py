"""Split an article's text into sentences and tokens (with lemmas).

Rules, not models: a sentence ends at `.`, `!` or `?` (and a closing quote) before white space and
a capital, a digit or an opening quote, unless the word before is an abbreviation of the language
(data: `abbreviations` in the lexicon); a blank line always ends one, and so does a line break after
a line that ends in sentence punctuation or looks like a headline. Offsets are into Article.text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import simplemma

from kg.base.model import Article, Sentence, Token

# A word may hold hyphens, apostrophes and inner dots (al-Assad, U.S., Erdoğan, 2016-09-05);
# "'s" and "’s" are tokens of their own; every other non-space character is a token by itself.
_TOKEN = re.compile(
    r"(?:[^\W_]\.){2,}"                         # U.S. U.N. e.g.
    r"|[^\W_]+(?:[-‐‑][^\W_]+)*(?=['’]s\b)"     # the word before a possessive 's
    r"|['’]s\b"
    r"|[^\W_]+(?:[-‐‑'’.][^\W_]+)*"
    r"|\S",
    re.UNICODE,
)
_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[\w(])|[.!?]+[\"'”’)]*\s*$")
_BLANK = re.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The lemma of a lower-cased word (simplemma; separable Dutch verbs come as `aan_vallen`)."""
    try:
        return simplemma.lemmatize(word, lang=lang).lower()
    except ValueError:          # a language simplemma does not know
        return word


def tokenize(text: str, lang: str, offset: int = 0, lemmas: Mapping[str, str] = {}) -> tuple[Token, ...]:
    """Tokens with their lemmas: `lemmas` (the lexicon's [lemmas]) first, else simplemma's."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        low = word.lower()
        out.append(Token(word, offset + m.start(), offset + m.end(), low, lemmas.get(low) or lemma(low, lang)))
    return tuple(out)


def _spans(text: str, abbreviations: frozenset[str]) -> Iterable[tuple[int, int]]:
    """Character spans of sentences in `text`."""
    for block in _blocks(text):
        b0, b1 = block
        start = b0
        for line_end in _line_breaks(text, b0, b1):
            for end in _ends(text, start, line_end, abbreviations):
                yield from _trim(text, start, end)
                start = end
            yield from _trim(text, start, line_end)
            start = line_end
        if start < b1:
            for end in _ends(text, start, b1, abbreviations):
                yield from _trim(text, start, end)
                start = end
            yield from _trim(text, start, b1)


def _blocks(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for m in _BLANK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _line_breaks(text: str, b0: int, b1: int) -> Iterable[int]:
    """Line breaks inside a block that end a sentence: after sentence punctuation or a headline."""
    pos = b0
    while True:
        nl = text.find("\n", pos, b1)
        if nl < 0:
            return
        line = text[pos:nl].rstrip()
        nxt = text[nl + 1:b1].lstrip()
        if line and (line[-1] in ".!?:\"”'’" or (len(line) < 120 and nxt[:1].isupper())):
            yield nl
        pos = nl + 1


def _ends(text: str, start: int, stop: int, abbreviations: frozenset[str]) -> Iterable[int]:
    for m in _END.finditer(text, start, stop):
        before = text[start:m.start()].rsplit(None, 1)
        word = before[-1] if before else ""
        if m.group().startswith(".") and _is_abbreviation(word, abbreviations):
            continue
        yield m.end()


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    w = word.lstrip("(\"'“‘")
    if w.lower() + "." in abbreviations:
        return True
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", w):         # U.S  (its last dot is the match)
        return True
    return len(w) == 1 and w.isalpha() and w.isupper()      # an initial: "John F. Kennedy"


def _trim(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def segment(article: Article, abbreviations: frozenset[str] = frozenset(),
            lemmas: Mapping[str, str] = {}) -> tuple[Sentence, ...]:
    """The article's sentences, each with its tokens (lemmas as `tokenize` gives them)."""
    text = article.text
    out = []
    for i, (s, e) in enumerate(_spans(text, abbreviations)):
        out.append(Sentence(article.doc, i, s, e, text[s:e], tokenize(text[s:e], article.lang, s, lemmas)))
    return tuple(out)

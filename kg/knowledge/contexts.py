"""What an event is about: kg's event contexts (ontologies/contexts.ttl, after PLOVER's), found from
the words of the event's sentence, read per language from kg/data/contexts/LANG.toml.

A sentence is in a context when one of its tokens is among the context's `words` (lemma or lower
case), starts with one of its `stems` (compounds: "vredesbesprekingen") or a run of its tokens is
one of its `phrases`. An event takes the contexts of its sentence, most matches first; a sentence
with none lends it those of the sentence before and after.

>>> from kg.read.segment import tokenize
>>> load("en").find(tokenize("Kerry and Lavrov failed to agree a ceasefire in Syria.", "en"))
('ceasefire',)
"""
from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from kg.base.errors import KgError
from kg.base.model import Event, Sentence, Token

FILE = "kg/data/contexts/{lang}.toml"
KEYS = ("words", "phrases", "stems")


@dataclass(frozen=True)
class Contexts:
    """One language's context words, compiled."""

    lang: str
    words: dict[str, tuple[str, ...]]             # word -> contexts
    phrases: dict[str, tuple[tuple[str, ...], ...]]   # context -> its phrases as token tuples
    stems: dict[str, tuple[str, ...]]             # context -> stems
    ids: tuple[str, ...]                          # every context, in file order

    def find(self, tokens: Sequence[Token]) -> tuple[str, ...]:
        """The contexts of a sentence's tokens, most matches first (then file order). A phrase's
        words count for its context only ("chemical weapons": cbrn, not military)."""
        count: dict[str, int] = {}
        lowers = [t.lower for t in tokens]
        taken: set[int] = set()
        for c, phrases in self.phrases.items():
            for phrase in phrases:
                n = len(phrase)
                for i in range(len(lowers) - n + 1):
                    if tuple(lowers[i:i + n]) == phrase:
                        count[c] = count.get(c, 0) + 1
                        taken.update(range(i, i + n))
        for k, t in enumerate(tokens):
            if k in taken:
                continue
            found = set(self.words.get(t.lemma.lower(), ()) + self.words.get(t.lower, ()))
            found |= {c for c, stems in self.stems.items() if stems and len(t.lower) > 3 and t.lower.startswith(stems)}
            for c in found:
                count[c] = count.get(c, 0) + 1
        order = {c: k for k, c in enumerate(self.ids)}
        return tuple(sorted((c for c, n in count.items() if n), key=lambda c: (-count[c], order[c])))

    def annotate(self, events: list[Event], sentences: Sequence[Sentence]) -> list[Event]:
        """Each event with the contexts of its sentence (else of the sentences beside it): the one
        with most matches is its `issue` and comes first, the others follow by name."""
        found = [self.find(s.tokens) for s in sentences]
        out = []
        for ev in events:
            k = ev.sentence
            own = found[k] if 0 <= k < len(found) else ()
            if not own:
                near = [found[j] for j in (k - 1, k + 1) if 0 <= j < len(found)]
                own = tuple(dict.fromkeys(c for cs in near for c in cs))
            own = own[:1] + tuple(sorted(own[1:]))         # the main one first: RDF keeps no order
            out.append(replace(ev, contexts=own, issue=own[0] if own else None))
        return out


@lru_cache(maxsize=8)
def load(lang: str) -> Contexts:
    """The built-in context words of a language (none for a language without a file)."""
    try:
        text = resources.files("kg.data").joinpath("contexts", f"{lang}.toml").read_text("utf-8")
    except FileNotFoundError:
        return Contexts(lang, {}, {}, {}, ())
    return parse(text, FILE.format(lang=lang), lang)


def parse(text: str, where: str, lang: str) -> Contexts:
    """A context file's tables compiled; KgError naming a bad key or value."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KgError(f"{where}: not valid TOML ({exc})", "Fix the file's syntax") from None
    words: dict[str, list[str]] = {}
    phrases, stems, ids = {}, {}, []
    for context, table in data.items():
        if context == "meta":
            continue
        bad = set(table) - set(KEYS) if isinstance(table, dict) else {"?"}
        if bad or not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in table.values()):
            raise KgError(f"{where}: [{context}] cannot be read", f"Give it lists of strings under {', '.join(KEYS)}")
        ids.append(context)
        for w in table.get("words", ()):
            words.setdefault(w.lower(), []).append(context)
        phrases[context] = tuple(tuple(p.lower().split()) for p in table.get("phrases", ()))
        stems[context] = tuple(s.lower() for s in table.get("stems", ()))
    return Contexts(lang, {w: tuple(cs) for w, cs in words.items()}, phrases, stems, tuple(ids))


def context_ids() -> tuple[str, ...]:
    """Every context the language files name (the concepts of ontologies/contexts.ttl)."""
    folder = resources.files("kg.data").joinpath("contexts")
    langs = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))
    return tuple(dict.fromkeys(c for lang in langs for c in load(lang).ids))

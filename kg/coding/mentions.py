"""The actors a sentence names, as the coder takes them from kg's gazetteer recognizer.

Over the recognizer's mentions: a dateline's places are no actors ("ASTANA, Kazakhstan (AP) -"),
and a lower-case name of a country's group ("the rebels", "de oppositie", "Kurdish fighters")
counts only in an article that names that country or one of its places ("in Idlib"). The
recognizer's backings ("Turkish-backed rebels", "de door de VS gesteunde rebellen") are SUPPORT
events of their own.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from kg.base.model import Mention, Sentence, Via
from kg.coding.recognize import Backing, Recognizer, dateline
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.lexicon import Lexicon


@dataclass
class Found:
    mentions: list[Mention]
    backings: list[Backing]


class Recognition:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.recognizer = Recognizer(gazetteer, lexicon)
        self.determiners = lexicon.words["determiners"]

    def article(self, sentences: tuple[Sentence, ...], on: dt.date | None, places: set[str] = frozenset()) -> list[Found]:
        """The mentions of each sentence; `places` are the states the article's places lie in."""
        memory: dict[str, str] = {}
        found = []
        for s in sentences:
            ms, backings = self.recognizer.mentions(s.tokens, on, memory)
            cut = dateline(s.tokens)
            found.append(Found([m for m in ms if m.start >= cut], backings))
        countries = {c for f in found for m in f.mentions if not self._generic(m)
                     for c in (m.actor, self._country(m.actor)) if c}
        countries |= set(places)         # an article set in a state's places names it too
        for f in found:
            f.mentions = [m for m in f.mentions if not self._generic(m) or self._country(m.actor) in countries]
            f.backings = [b for b in f.backings if any(    # the backed mention, or the phrase it grew into
                m.actor == b.mention.actor and m.start <= b.mention.start and b.mention.end <= m.end
                for m in f.mentions)]
        return found

    def _country(self, actor_id: str) -> str | None:
        actor = self.gazetteer.actors.get(actor_id)
        return actor.country if actor else None

    def _generic(self, m: Mention) -> bool:
        return is_generic(m, self.gazetteer, self.determiners)


def is_generic(m: Mention, gazetteer: Gazetteer, determiners: Collection[str]) -> bool:
    """A lower-case name of a group that belongs to a country ("rebels", "de oppositie"), or an
    adjective before a group noun ("Kurdish fighters": Syria's Kurds only in an article on Syria)."""
    actor = gazetteer.actors.get(m.actor)
    country = actor.country if actor else None
    if m.via == Via.ADJECTIVE and not m.person:
        return country is not None and actor.type != "State"
    words = [w for w in m.text.split() if w.lower() not in determiners]
    return bool(words) and all(w.islower() for w in words) and country is not None \
        and m.via in (Via.NAME, Via.COMPOUND)

"""From the tokens a role path reaches to the actors they name.

A reached token names an actor when a mention covers it; otherwise the actors are looked for in the
noun phrase it heads, over the relations that join an actor to a noun ("Russian jets", "the
rebels' allies", "troops of Assad", "landen zoals Turkije en Qatar"), nearest first, and a list's
conjuncts and appositions count each ("Turkije en Qatar").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


from kg.base.model import Mention, Via
from kg.coding.paths import case_of, has_case

#: relations over which a noun phrase names its actor; `nmod` only under a genitive case.
INNER = ("amod", "compound", "nmod:poss", "flat", "flat:name", "det:poss", "det", "fixed", "nmod:desc")
LISTS = ("conj", "appos")
MAX_DEPTH = 3


@dataclass
class Mentions:
    """The sentence's mentions, by the parse tokens they cover; `adjectives` maps a state's
    one-word adjective ("Turkish", "Turkse") to the state, for an adjective the recognizer left
    alone inside a role's noun phrase ("attacked Turkish positions"); `index` gives a parse
    token's place among kg's tokens; `places` the states of the places under parse tokens (a
    role of a `place_targets` category may take them where it reaches no actor)."""
    by_token: dict[int, list[Mention]]
    grammar: object
    adjectives: dict[str, str] = None
    index: object = None
    places: dict[int, list[Mention]] = None

    def place_at(self, tok: Token) -> list[Mention]:
        """The state of a place the reached token names, itself or in its phrase ("the Jenin
        refugee camp", "het vluchtelingenkamp van Jenin", "Kharkiv and Kherson", "positions in
        northern Iraq"); else the state of an adjective on a noun that names no actor ("Israëlische
        [dorpen]", "Ukrainian civilians": an attack on them is one on the state)."""
        level = self._with_lists([tok])
        where = [c for t in level for c in t.children if c.dep_ == "nmod" and case_of(c) in self.grammar.locative]
        level += where + [c for t in level for c in t.children if c.dep_ in ("compound", "flat", "flat:name")
                          or c.dep_ == "nmod" and case_of(c) in self.grammar.genitive]
        level = self._with_lists(level)
        found = [m for t in level for m in (self.places or {}).get(t.i, ())] or \
            [m for t in self._with_lists(where) for m in self.by_token.get(t.i, ())]   # "de regio [rond Kyiv]"
        return found or [m for t in level for c in t.children if c.dep_ == "amod" for m in self._state_of(c, Via.PLACE)]

    def at(self, tok: Token) -> list[Mention]:
        """The actors a reached token names: its own mention or the nearest in its phrase; a
        relative pronoun names what its clause hangs on ("de YPG-militie, die ze ... beschouwen")."""
        if tok.lower_ in self.grammar.relative and tok.i not in self.by_token and \
                tok.head.dep_.startswith("acl") and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        found = self._search(tok)
        if not found and (anchor := self._anchor(tok)) is not None:
            found = self._search(anchor)
        out, seen = [], set()
        for m in found:
            if m.actor not in seen:
                seen.add(m.actor)
                out.append(m)
        return out

    def _anchor(self, tok):
        """The actor a description that names none stands for: the noun it is in apposition to
        ("Hezbollah, [a militia] backed by Iran") or the subject it is predicated of ("the SDF is
        [a coalition] of militias backed by the US"), over the genitive phrases it sits in."""
        for _ in range(MAX_DEPTH):
            if tok.dep_ == "nmod" and case_of(tok) in self.grammar.genitive and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        if tok.dep_ == "appos" and tok.head.i != tok.i:
            return tok.head
        if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "cop" for c in tok.children):
            return next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return None

    def _search(self, tok) -> list[Mention]:
        level, depth = [tok], 0
        while level and depth <= MAX_DEPTH:
            level = self._with_lists(level)
            hits = [m for t in level for m in self.by_token.get(t.i, ()) or self._adjective(t)]
            if hits:            # coordinated adjectives name actors each: "Franse, Britse en Amerikaanse jets"
                adjs = self._with_lists([c for t in level for c in t.children
                                         if c.dep_ in ("amod", "compound") or c.pos_ == "ADJ"])   # "US, British and French forces"
                return hits + [m for a in adjs for m in self.by_token.get(a.i, ()) or self._adjective(a)] \
                    + self._listed_inside(level, hits) + self._likewise(level)

            level = [c for t in level for c in t.children if self._inner(c)]
            depth += 1
        return []

    def _listed_inside(self, level: list, hits: list[Mention]) -> list[Mention]:
        """A mention that takes in a phrase's last word carries the list hung on that word: "the
        navies of [China], India and Russia" names each."""
        doc = level[0].doc
        where = self._tokens_of()
        inside = [doc[i] for i in sorted({i for m in hits for i in where.get((m.actor, m.start), ())})]
        conj = self._with_lists([c for t in inside for c in t.children if c.dep_ == "conj"])
        return [m for t in conj for m in self.by_token.get(t.i, ())]

    def _tokens_of(self) -> dict[tuple[str, int], list[int]]:
        """(actor, start) of a mention -> the parse tokens it covers (made once per sentence: a
        sentence of many clauses has many mentions)."""
        if getattr(self, "_where", None) is None:
            where: dict[tuple[str, int], list[int]] = {}
            for i, ms in self.by_token.items():
                for key in {(m.actor, m.start) for m in ms}:
                    where.setdefault(key, []).append(i)
            self._where = where
        return self._where

    def _likewise(self, level: list) -> list[Mention]:
        """Actors joined to the phrase by the grammar's `likewise` cases: "Egypt, [like Russia], ..."."""
        kids = self._with_lists([c for t in level for c in t.children
                                 if c.dep_ in ("nmod", "obl") and has_case(c, self.grammar.likewise)])
        return [m for t in kids for m in self.by_token.get(t.i, ())]

    def _adjective(self, tok) -> list[Mention]:
        noun = tok.head
        if tok.dep_ not in ("amod", "compound") or noun.lemma_.lower() in self.grammar.not_actors \
                or noun.lower_ in self.grammar.not_actors:
            return []
        return self._state_of(tok, Via.ADJECTIVE)

    def _state_of(self, adjective, via: Via) -> list[Mention]:
        """The state a one-word adjective names ("Turkish", "Turkse"), as a mention of it."""
        actor = (self.adjectives or {}).get(adjective.lower_)
        if actor is None:
            return []
        k = self.index(adjective)
        return [Mention(actor, k, k + 1, adjective.text, via=via)]

    def _with_lists(self, level: list) -> list:
        out, todo = [], list(level)
        while todo:
            t = todo.pop(0)
            if t not in out:
                out.append(t)
                todo += [c for c in t.children if c.dep_ in LISTS]
        return out

    def _inner(self, tok) -> bool:
        if tok.dep_ in INNER:
            return True
        if tok.dep_ == "acl" and tok.lemma_.lower() in self.grammar.holding:
            return True                  # "villages [held] by Islamic State": the holder names them
        if tok.dep_ == "obl:agent" and tok.head.dep_ == "acl" and tok.head.lemma_.lower() in self.grammar.holding:
            return True
        if tok.dep_ == "nmod":           # "leden van Hamas"; "tientallen [nmod] leden": a count
            case = case_of(tok)
            return case in self.grammar.genitive or (not case and tok.head.pos_ in ("NUM", "NOUN")
                                                     and tok.i == tok.head.i + 1)
        if tok.dep_ == "obl" and tok.head.pos_ in ("NUM", "ADJ", "PRON", "DET"):   # "several [of the militias]"
            return case_of(tok) in self.grammar.genitive
        return False

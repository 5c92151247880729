"""Completing the actor a pattern's paths did not find, from the clause above the trigger.

A trigger whose pattern found its recipient ("posted a message [blaming] Iran") but no actor,
in a clause without a subject of its own, takes the subject of the nearest clause above it that
names an actor: the participle "blaming" hangs on the object of "posted", whose subject is
Pompeo. Such events are less sure than a pattern's own reading (`FACTOR`) and say how they were
found (`SUFFIX` on the pattern id). A missing recipient is not completed this way: tried as the
nearest actor in the trigger's own clause, it found 9 right and 12 wrong on the development sets.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.base.model import Mention
from kg.coding.paths import passive_participle
from kg.coding.paths import subjects as subjects_of
from kg.coding.roles import Mentions
from kg.parse.grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Token

#: How many governors up a missing actor is looked for.
CLIMB = 3
#: A completed role's share of the pattern's confidence, and the mark on the event's pattern id.
FACTOR = 0.6
SUFFIX = "+actor-above"


#: The relations by which a clause without a subject of its own hangs on the clause whose
#: subject it shares: a participle on the object ("posted a message [blaming] Iran"), an adjunct
#: ("[advancing] on Isis positions"), an infinitive, a conjunct verb, a participle the parser
#: left unlabelled (`dep`).
SHARING = ("acl", "advcl", "xcomp", "conj", "dep")


def actor_above(tok: Token, lookup: Mentions, grammar: Grammar, taken: set[str]) -> list[Mention]:
    """The actors of the subject of the nearest clause above `tok` that names one not in `taken`,
    for a trigger whose clause has no subject of its own and is no passive participle ("captured
    militants"); a reported clause ("said the explosions struck") is not left."""
    if any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in tok.children) \
            or tok.dep_ == "amod" or passive_participle(tok):
        return []
    cur = tok
    for _ in range(CLIMB):
        if cur.head.i == cur.i or cur.dep_ not in SHARING and cur.pos_ in ("VERB", "AUX"):
            return []
        cur = cur.head
        found = [m for s in subjects_of(cur, grammar) for m in lookup.at(s) if m.actor not in taken]
        if found:
            return found
    return []

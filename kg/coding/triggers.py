"""Which patterns a parse token triggers: a verb by its lemma with its particle (joined, apart,
or stray: "riep ... op"), a noun by its lemma or form or the head of a closed compound
("raketaanval"), each kept only where the token fits the pattern's `heads`, `without` and
`needs`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kg.coding.paths import case_of, nmods
from kg.coding.patterns import Pattern
from kg.parse.grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Token

VERB_POS = ("VERB",)
NOUN_POS = ("NOUN", "PROPN")
#: In a pattern's `needs`: the dependent is an act ("welcomed the decision"), a proper noun ("phoned [Putin]").
ACT = "@act"
NAME = "@name"
#: A token the tagger missed is still read by its relation: a verb heads a clause with a subject
#: or object, a noun fills a nominal relation ("Turkey's offensive" tagged ADJ).
CLAUSAL = ("ROOT", "ccomp", "xcomp", "advcl", "parataxis", "conj", "acl", "acl:relcl")
NOMINAL = ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:agent", "nmod")
#: The relations that fill a relation a pattern `needs`, beyond itself and its `:arg` subtype: an
#: object read as a passive subject or indirect object, a secondary predicate ("stelde Israël
#: [verantwoordelijk]", "called the strikes [illegal]") read as an adverbial clause or modifier.
FILLERS = {"obj": ("nsubj:pass", "iobj"), "xcomp": ("advcl", "advmod"), "advmod": ("xcomp", "advcl")}


class Triggers:
    """The patterns of a language, by (kind, trigger word)."""

    def __init__(self, patterns: tuple[Pattern, ...], grammar: Grammar, agents: frozenset[str] = frozenset()) -> None:
        self.grammar = grammar
        self.agents = agents - grammar.act_nouns     # "fighters", "troops": who acts, not an act
        self.index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for pat in patterns:              # "af_wijzen" and "afwijzen" are one key: the particle
            for word in pat.triggers:     # joined or apart, as the parse or the data writes it
                self.index[(pat.kind, joined(word))].append(pat)

    def patterns(self, tok: Token) -> list[Pattern]:
        """The patterns the token triggers and fits, by the token's part of speech (or relation),
        and as a predicate with a copula ("the deal is [illegal]")."""
        found = self._by_pos(tok)
        if any(c.dep_ == "cop" for c in tok.children):
            preds = self._found("predicate", tok)
            found += sorted((p for p in preds if self._fits(p, tok)), key=lambda p: p.id)
        return found

    def _by_pos(self, tok: Token) -> list[Pattern]:
        if tok.pos_ in VERB_POS or (tok.pos_ in ("ADJ", "NOUN") and tok.dep_ in CLAUSAL and any(
                c.dep_ in ("nsubj", "obj", "nsubj:pass") for c in tok.children)
                and not any(c.dep_ == "cop" for c in tok.children)):   # "is Assad's ally": a noun
            key = joined(self.grammar.key(tok))
            adverb, adposition, lower = self._stray_particle(tok)
            bare = [p for p in self.index.get(("verb", key), ()) if self._fits(p, tok)]
            fitting = [p for p in adposition if self._fits(p, tok)]
            found = [p for p in adverb if self._fits(p, tok)] or (bare + fitting if lower else bare or fitting)
            if any(ACT in words for p in found for _, words in p.needs) or any(p.overrides for p in found) \
                    or self.light_for(tok):
                found = [p for p in found if p.needs]      # "attacked [the decision]": said of an act,
            return found                                   # "trof Rusland [met sancties]", "zegde [steun] toe"
        if tok.pos_ in NOUN_POS or tok.dep_ in NOMINAL:
            return sorted((p for p in self._found("noun", tok) if self._fits(p, tok)), key=lambda p: p.id)
        return []

    def light_for(self, tok: Token) -> bool:
        """The verb, one of the grammar's light verbs, governs as its object a trigger noun whose
        record names it among its `heads` ("zegde Kiev [steun] toe", "pledged [funds]"): the noun
        says what is done, the verb's own sense ("toezeggen": AGREE) gives way."""
        keys = {self.grammar.key(tok), joined(self.grammar.key(tok))}
        return tok.pos_ in VERB_POS and bool(keys & self.grammar.light) and any(
            keys & p.heads for c in tok.children if c.dep_ in ("obj", "nsubj:pass") for p in self._found("noun", c))

    def _found(self, kind: str, tok: Token) -> set[Pattern]:
        """The patterns of `kind` a word triggers by lemma or form, else (where compounds are
        written closed) by the trigger it ends in."""
        found = {*self.index.get((kind, joined(tok.lemma_.lower())), ()),
                 *self.index.get((kind, joined(tok.lower_)), ())}
        if not found and self.grammar.closed_compounds:     # the form too: a lemmatizer slip
            found = set(self._compound_head(tok.lemma_.lower(), kind) or self._compound_head(tok.lower_, kind))
        return found

    def _stray_particle(self, tok) -> tuple[list[Pattern], list[Pattern], bool]:
        """A separable or phrasal verb whose particle the parser hung elsewhere: (by an adverb,
        by an adposition). The nearest word of the verb's clause that makes a trigger with it:
        where the grammar writes particles first (Dutch), eight words away at most on either side
        ("riep Moskou op de acties te staken", "terug landinwaarts te dringen"); else after the
        verb, four words at most ("handed its positions over", "drove the rebels out of").
        An adverb wins over the bare verb; an adposition that marks one of the verb's own obliques
        only where the bare verb has no pattern ("vroeg aan de VS" stays "vragen"), one hung on a
        phrase inside the verb's object beside the bare verb's ("stelden sancties [in] tegen Iran":
        `instellen`; third value True)."""
        if any(c.dep_ == "compound:prt" for c in tok.children):
            return [], [], False
        first, lemma = self.grammar.particle_first, tok.lemma_.lower()
        reach = 8 if first else 4
        doc = tok.doc
        window = doc[max(0, tok.i - reach) if first else tok.i + 1:min(len(doc), tok.i + reach + 1)]
        near = sorted((t for t in window if t.pos_ in ("ADP", "ADV") and t.i != tok.i and tok.is_ancestor(t)),
                      key=lambda t: abs(t.i - tok.i))
        found: dict[str, list[Pattern]] = {"ADV": [], "ADP": []}
        lower = False
        for t in near:
            combo = t.lower_ + lemma if first else lemma + t.lower_
            if not found[t.pos_] and (pats := self.index.get(("verb", combo))):
                found[t.pos_] = pats
                lower = lower or t.pos_ == "ADP" and t.head.head.dep_ == "obj" and t.head.head.head.i == tok.i
        return found["ADV"], found["ADP"], lower

    def _compound_head(self, lemma: str, kind: str = "noun") -> list[Pattern]:
        """The patterns of the longest trigger noun a closed compound ends in ("raketaanval" ->
        "aanval", "VN-resolutie" -> "resolutie"): after a hyphen the head may be 4 letters or
        more, else 5 or more ("Lima-groep" is no "roep"), with 3 or more before it."""
        for k in range(3, len(lemma) - 3):
            tail = lemma[k:]
            hyphen = lemma[k - 1] == "-"
            if (hyphen or len(tail) >= 5) and (found := self.index.get((kind, joined(tail)))):
                return found
        return []

    def _fits(self, pat: Pattern, tok) -> bool:
        if pat.heads and (tok.head.i == tok.i or self.grammar.key(tok.head) not in pat.heads):
            return False
        if pat.not_heads and tok.head.i != tok.i and self.grammar.key(tok.head) in pat.not_heads:
            return False
        if pat.without and any(c.dep_ == step.dep and (step.cases is None or case_of(c) in step.cases)
                               for step in pat.without for c in tok.children):
            return False
        for dep, words in pat.needs:
            deps = (dep, dep + ":arg") + FILLERS.get(dep, ())
            kids = [c for c in tok.children if c.dep_ in deps]
            kids += [g for c in kids if c.pos_ == "NUM" or c.lemma_.lower() in self.grammar.quantities
                     for g in c.children if g.dep_ == "nmod"]    # "dozens of [diplomats]"
            if dep == "obl":                                     # "named the YPG [as terrorists]"
                kids += nmods([c for c in tok.children if c.dep_ in ("obj", "obl")])
            if not any(self._word_in(c, words) or (ACT in words and self.is_act(c))
                       or (NAME in words and c.pos_ == "PROPN") for c in kids):
                return False
        return True

    def _word_in(self, tok, words) -> bool:
        """The token is one of `words` by lemma or form, or a compound ending in one: after a
        hyphen ("Patriot-raketten"), or closed where the grammar writes compounds closed
        ("luchtafweerraketten"; 5 letters or more of the word, 3 or more before it)."""
        lemma, form = tok.lemma_.lower(), tok.lower_
        if lemma in words or form in words:
            return True
        if "-" in form and (form.rsplit("-", 1)[1] in words or lemma.rsplit("-", 1)[-1] in words):
            return True
        return self.grammar.closed_compounds and any(
            len(w) >= 5 and len(form) - len(w) >= 3 and (form.endswith(w) or lemma.endswith(w)) for w in words)

    def is_act(self, tok: Token) -> bool:
        """"welcomed [the decision]", "praised the US [strike]": an act, not an actor (a trigger
        noun that names who acts, "attacked YPG [fighters]", is none)."""
        lemma = tok.lemma_.lower()
        return lemma in self.grammar.act_nouns or (
            self.of_noun(tok) and lemma not in self.agents and tok.lower_ not in self.agents)

    def of_noun(self, tok: Token) -> bool:
        return tok.pos_ in NOUN_POS and bool(self.index.get(("noun", joined(tok.lemma_.lower()))))


def joined(word: str) -> str:
    return word.replace("_", "")

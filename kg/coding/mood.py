"""Negation and modality of a trigger, read from the parse and the grammar file's words.

Negated: a negator depends on the trigger ("not", "niet", "geen akkoord"), on the light verb that
carries a trigger noun ("reached no agreement"), or on a verb the trigger is the infinitive
complement of; a governor such as "fail" negates its complement ("failed to agree").
Modality: a modal or future auxiliary or governor ("will meet" future, "wants to" wanted,
"threatened to" hypothetical), a conditional clause ("if", "als"), and the complement of a speech
verb ("said that ...") is `reported`; the nearest word decides.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


from kg.coding.paths import LIGHT_DEPS, case_of, particle_children
from kg.parse.grammar import Grammar

CLIMB = ("xcomp",)


def governors(trigger: Token, grammar: Grammar) -> list:
    """The trigger, then each verb it hangs on as an infinitive, or as a light verb's object."""
    chain, tok = [trigger], trigger
    while tok.head.i != tok.i and (tok.dep_ in CLIMB or (
            tok.dep_ in LIGHT_DEPS and grammar.key(tok.head) in grammar.light)):
        tok = tok.head
        chain.append(tok)
    return chain


ALLEGED = ("xcomp", "advcl", "acl", "ccomp", "obl", "obl:arg")


def blocked(trigger: Token, grammar: Grammar) -> bool:
    """The trigger is the complement of a refusal ("refused to negotiate": the refusal is the event,
    a REJECT coded by its own pattern) or what an accusation or a demand says ("accused Turkey of
    sending fighters", "eiste dat Turkije de regering erkent"): not coded."""
    if any(grammar.key(tok) in grammar.blocking_heads for tok in governors(trigger, grammar)[1:]):
        return True
    if banned(trigger, grammar):
        return True
    tok = trigger
    if tok.dep_ == "obl" and case_of(tok) in grammar.setting:
        return False                    # "warned Putin [in a phone call]": when, not what is said
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("obj", "nsubj", "nsubj:pass", "iobj") and tok.head.i != tok.i:
        tok = tok.head                  # a noun's clause: "urged Moscow to halt [its air strikes]"
    for _ in range(2):                  # the clause the trigger heads, then the one above it
        while tok.dep_ in ("conj",) and tok.head.i != tok.i:
            tok = tok.head
        on_object = tok.dep_ == "acl" and tok.head.dep_ in ("obj", "iobj", "obl", "obl:arg")
        if on_object:
            tok = tok.head              # "accused Turkey [of sending fighters]" hung on the object
        if tok.head.i == tok.i or not (on_object or tok.dep_ in ALLEGED):
            return False
        if tok.dep_ == "advcl" and _accompanying(tok):
            return False                # "called the move unconscionable, [accusing] Russia of ...":
            # a participle clause is the speaker's own act, not what is demanded
        if tok.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubj:pass") for c in tok.children) and not any(
                c.dep_ == "mark" and c.lower_ in grammar.conditional for c in tok.children):
            return False                # an adverbial clause with its own subject ("..., while
            # Syria blamed Israel") is no part of what is demanded; a condition is ("warned that
            # Russia would respond if NATO deployed troops")
        if grammar.key(tok.head) in grammar.alleging_heads:
            return True
        tok = tok.head
    return False


def negator_on(tok: Token, grammar: Grammar) -> bool:
    """A negator depends on the token itself ("[geen] troepen", "werkt [niet] samen")."""
    kids = list(tok.children) + particle_children(tok, grammar)
    return any(c.lower_ in grammar.negators or c.lemma_.lower() in grammar.negators
               for c in kids if c.dep_ in ("advmod", "det", "neg", "advmod:neg"))


def negated(trigger: Token, grammar: Grammar) -> bool:
    flips = 0
    chain = governors(trigger, grammar)
    for k, tok in enumerate(chain):
        if negator_on(tok, grammar):
            flips += 1
        if k and grammar.key(tok) in grammar.negating_heads:
            flips += 1
    return flips % 2 == 1


def modality(trigger: Token, grammar: Grammar) -> str:
    chain = governors(trigger, grammar)
    for k, tok in enumerate(chain):
        for c in tok.children:
            if c.dep_ in ("aux", "aux:pass") and (c.lower_ in grammar.modal or c.lemma_.lower() in grammar.modal):
                return grammar.modal.get(c.lower_) or grammar.modal[c.lemma_.lower()]   # "zou": not "zullen"
        if k and grammar.key(tok) in grammar.modal:
            return grammar.modal[grammar.key(tok)]
    top = chain[-1]
    if top.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in grammar.conditional
                                   for c in top.children):
        return "hypothetical"
    tok = top
    while tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "parataxis") and grammar.key(tok.head) in grammar.speech:
            return "reported"
        if tok.dep_ not in ("conj", "ccomp", "xcomp"):
            break
        tok = tok.head
    return "asserted"


def banned(trigger: Token, grammar: Grammar) -> bool:
    """The trigger names what a ban or refusal is on ("an embargo on [arms sales] to Iran", "een
    embargo op [wapenleveranties]", "banned arms [deliveries]", "refused [aid]"): not an event. The
    phrase may hang on the noun of the ban or, beside it, on the verb that imposes it."""
    head = trigger.head
    if head.i == trigger.i or trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if trigger.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
        return banned(head, grammar)               # "[arms] sales": the sales'
    if trigger.dep_ == "obj" and grammar.key(head) in grammar.blocking_heads:
        return True
    if trigger.dep_ in ("nmod", "obl", "obl:arg") and _bans(head, grammar):
        return True
    return trigger.dep_ in ("obl", "obl:arg") and any(
        c.dep_ == "obj" and c.i < trigger.i and _bans(c, grammar) for c in head.children)


def _bans(tok: Token, grammar: Grammar) -> bool:
    words = (tok.lemma_.lower(), tok.lower_)
    return any(w in grammar.blocking_nouns or grammar.closed_compounds and any(
        w.endswith(b) and len(w) > len(b) + 2 for b in grammar.blocking_nouns) for w in words)


def _accompanying(tok: Token) -> bool:
    """A present participle heading an adverbial clause without subordinator behind its verb."""
    morph = str(tok.morph).split("|")
    return "VerbForm=Part" in morph and "Tense=Pres" in morph and tok.i > tok.head.i \
        and not any(c.dep_ in ("mark", "nsubj", "nsubj:pass") for c in tok.children)

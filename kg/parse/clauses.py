"""Clauses in a parse, for the post-parse fixes (kg.parse.fixes): the finite verb of a clause, the
subject after a fronted phrase, the apposition or relative clause on a subject and the comma that
closes it, two clauses joined by a conjunction; and the restructurings that set such a clause
right (`split = "clause"`, `split = "main"`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Words that open a clause of their own between two finite verbs, by tag or feature.
SUBORDINATE = ("SCONJ",)
STOPS = (":", '"', "“", "”", "„", "'", "(", ";")


def finite(tok: Token) -> bool:
    """A finite verb; also a weak past the tagger read as an inflected participle before a bare
    name, right after a noun phrase ("en Noord-Korea [bedreigde] Zuid-Korea")."""
    if tok.pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(tok.morph).split("|"):
        return True
    return attributive_past(tok)


def attributive_past(tok: Token) -> bool:
    head, doc = tok.head, tok.doc
    return (tok.pos_ == "VERB" and tok.dep_ in ("acl", "amod") and head.i == tok.i + 1 and head.pos_ == "PROPN"
            and not any(c.dep_ == "det" for c in head.children) and tok.i > 0
            and doc[tok.i - 1].pos_ in ("PROPN", "NOUN"))


def finite_of(verb: Token) -> Token | None:
    """The finite verb of the clause `verb` heads: itself, or its finite auxiliary or copula."""
    if finite(verb):
        return verb
    return next((c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop") and finite(c)), None)


def verb_above(tok: Token) -> Token | None:
    """The nearest verb among the token's heads, or None."""
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def clause_verb(tok: Token) -> Token | None:
    """The verb of the clause the token stands in, when the token's phrase ends right before it
    (or its auxiliary) and the verb has no subject ("On Monday, [Russia and Turkey] agreed"); else None."""
    verb = verb_above(tok)
    if verb is None or verb.i < tok.i or any(c.dep_ in ("nsubj", "nsubj:pass", "expl") and c.i < tok.i
                                             or c.dep_ == "expl" for c in verb.children):
        return None
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "aux:pass") and c.i > tok.i])
    end = max([tok.right_edge.i] + [c.right_edge.i for c in later_conjuncts(tok)])
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if subjects and not (len(subjects) == 1 and later_conjuncts(tok) == subjects):
        return None
    if end + 2 == first and tok.doc[end + 1].text == "," and any(
            c.dep_ in ("appos", "acl:relcl") for c in tok.children):   # "Syria, a key player, [used]"
        return verb
    return verb if end + 1 == first else None


def later_conjuncts(tok: Token) -> list[Token]:
    """Conjuncts after the token that the parser hung on its head ("on Monday, Russia [and
    Turkey]": on "Monday"), or made the verb's subject: the token's own."""
    mine = [c for c in tok.head.children if c.dep_ == "conj" and c.i > tok.i]
    after = tok.right_edge.i + 1
    joined = [t for t in tok.doc[after:after + 2] if t.dep_ in ("nsubj", "nsubj:pass") and t.left_edge.i == after
              and tok.doc[after].dep_ == "cc"]                # "Russia [and Turkey] resolved"
    return mine or joined


def subject_before(tok: Token) -> Token | None:
    """The subject of the token's head that the clause `tok` follows right after a comma
    ("Israël, [dat ... betrokken is], kreeg"): its first word comes two after the subject."""
    return next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i + 1 < len(tok.doc)
                 and tok.doc[c.i + 1].text == "," and tok.left_edge.i in (c.i + 1, c.i + 2)), None)


def after_subject_insert(tok: Token) -> bool:
    """The token's phrase begins right after the comma that closes a relative clause or apposition
    on its head's subject ("aanvaardde Iran, dat ..., [het voorstel]")."""
    for subj in (c for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < tok.i):
        for ins in (c for c in subj.children if c.dep_ in ("appos", "acl:relcl")):
            end = ins.right_edge.i
            if tok.doc[end].text != ",":
                end += 1
            if tok.doc[end].text == "," and tok.left_edge.i in (end, end + 1):   # the comma may be its
                return True
    return False


def past_apposition(tok: Token) -> Token | None:
    """For the top of a phrase the parser hung inside an apposition on the subject although it
    follows the comma that closes it ("Dinsdag zette Syrië, een speler in de regio, [wapens] in"):
    the subject's verb; else None."""
    app = next((a for a in tok.ancestors if a.dep_ in ("appos", "acl:relcl") and a.head.dep_ in ("nsubj", "nsubj:pass")), None)
    if app is None and tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubj:pass") and not any(
            c.dep_ == "cc" for k in [tok] + [s for s in tok.head.children if s.dep_ == "conj" and s.i > tok.i]
            for c in k.children):             # a conjunct of the subject with no "and" anywhere
        app = next((a for a in tok.head.children if a.dep_ == "appos" and a.i < tok.i), None)
    if app is None or not any(t.text == "," for t in tok.doc[max(0, app.left_edge.i - 1):app.left_edge.i + 1]):
        return None                           # no comma opens it
    comma = next((t.i for t in tok.doc[app.i + 1:tok.i] if t.text == ","), None)
    if comma is None or tok.head.i > comma or app.head.head.i == app.head.i and app.head.dep_ != "nsubj":
        return None
    verb = app.head.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.i != app.head.i else None


def fronted_adverbial(verb: Token) -> bool:
    """Something stands before the clause's finite verb and none of it is a noun phrase without a
    preposition (which could be the subject): "[Volgens Reuters] viel ...", "[Daarom] ..."."""
    f = finite_of(verb)
    if f is None:
        return False
    before = [c for c in verb.children if c.i < f.i and c.dep_ not in ("punct", "cc", "mark")]
    return bool(before) and not any(c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "DET") and c.dep_ not in ADVERBIAL
                                    and not any(k.dep_ == "case" for k in c.children) for c in before)


#: The relations of a noun phrase without a preposition that says when or how ("[Maandag] viel ...").
ADVERBIAL = ("advmod", "obl", "obl:tmod", "nmod:tmod")


def clause_pair(tok: Token) -> tuple | None:
    """For a conjunct that opens a clause of its own: (its conjunction, the finite verb before its
    first conjunct, the finite verb after it); else None."""
    cc = next((c for c in tok.children if c.dep_ == "cc" and c.i < tok.i), None)
    doc, first = tok.doc, tok.head
    after = tok.right_edge.i + 1
    if cc is None or first.i >= tok.i or after >= len(doc) or not finite(doc[after]):
        return None
    for t in reversed(doc[:first.i]):
        if finite(t):
            between = doc[t.i + 1:cc.i]
            if any(b.pos_ in SUBORDINATE or "PronType=Rel" in str(b.morph) or b.text in STOPS
                   or finite(b) for b in between):
                return None
            return cc, t, doc[after]
    return None


def split(tok: Token) -> None:
    """The conjunct becomes the subject of the clause of the finite verb after it, conjoined to the
    clause of the finite verb before its first conjunct (see `opens_clause`)."""
    pair = clause_pair(tok)
    if pair is None:
        return
    cc, before, after = pair
    main = before.head if before.dep_ in AUXILIARY and before.head.i > before.i else before
    verb = after.head if after.dep_ in AUXILIARY and after.head.i > after.i else after
    if verb.i == main.i or tok.is_ancestor(verb) or tok.is_ancestor(main):
        return
    if verb.is_ancestor(main):                  # the second clause's verb was read as the head
        main.head = main if verb.head.i == verb.i else verb.head
        main.dep_ = verb.dep_
    for k in [c for c in verb.children if c.i < cc.i and c.i != main.i]:
        k.head = main                           # the first clause's words go back to it
    named = verb.head if attributive_past(verb) else None
    verb.head, verb.dep_ = main, "conj"
    if named is not None:                       # the name it was read as modifying is its object
        named.head, named.dep_ = verb, "obj"
        for k in [c for c in main.children if c.i > named.i and c.dep_ in ("advmod", "obl")]:
            k.head = verb                       # and what follows is the second clause's
    tok.head = verb
    tok.dep_ = "nsubj:pass" if any(c.dep_ == "aux:pass" for c in verb.children) else "nsubj"
    cc.head = verb


AUXILIARY = ("aux", "aux:pass", "cop")


def clause_top(tok: Token) -> Token | None:
    """The noun phrase whose place a misread main verb `tok` takes: the nearest noun above it that
    is the sentence's root or hangs on a verb after it (a trailing "..., the ministry said")."""
    for top in tok.ancestors:
        if top.pos_ in ("NOUN", "PROPN") and (top.head.i == top.i or top.head.i > tok.i and top.head.pos_ in ("VERB", "AUX")):
            return top
    return None


def relative_root(tok: Token) -> Token | None:
    """For a verb right after the comma that closes a relative clause or an apposition on the
    sentence's root noun ("Israel, which shared intelligence with Egypt, [fired] missiles",
    "Hezbollah, een belangrijke speler in de regio, [vecht] tegen IS"), or on the first noun after
    a fronted phrase the parser made the root ("On Tuesday, Turkey, a key player, [bombed] ..."),
    or such a noun or phrase hung on a trailing speech verb ("..., held talks, the ministry said"):
    that noun; else None."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != ",":
        return None
    root = clause_top(tok)
    if root is None or root.i > tok.i:
        return None
    if any(c.dep_ == "case" for c in root.children):        # a fronted phrase: the noun after it
        root = first_noun_after(root, tok)
        if root is None:
            return None
    rel = [c for c in root.children if c.dep_ in ("acl:relcl", "appos") and c.i < tok.i]
    if not rel and root.head.i != root.i:   # the phrase the parser split: "[the alliance's secretary
        rel = [c for t in root.head.children if root.i < t.i < tok.i and t.dep_ in ("nmod", "appos")   # general], [Jens
               for c in t.children if c.dep_ == "acl:relcl" and c.i < tok.i]                              # Stoltenberg, who ...]"
    if not rel or any(c.dep_ == "cop" for c in root.children) or not any(
            r.is_ancestor(tok) or r.right_edge.i == tok.i - 2 for r in rel):   # its comma right before the verb
        return None
    return root


#: Relations of the words that modify a noun inside its phrase.
MODIFIERS = ("compound", "amod", "det", "flat", "flat:name", "nmod:poss", "nummod", "case", "punct")


def first_noun_after(front: Token, tok: Token) -> Token | None:
    """The head noun of the first phrase after the comma that ends the fronted phrase `front`,
    before `tok`, hung inside `front` by the parser ("On Tuesday, [Turkey], ...")."""
    doc = tok.doc
    comma = next((t.i for t in doc[front.i:tok.i] if t.text == ","), None)
    if comma is None:
        return None
    return next((t for t in doc[comma + 1:tok.i] if t.pos_ in ("NOUN", "PROPN", "PRON")
                 and t.dep_ not in MODIFIERS and front.is_ancestor(t)), None)


def main_verb(tok: Token) -> None:
    """The verb after a relative clause or apposition on the root noun is the sentence's root, the noun its
    subject, and what follows it its own (see `after_relative`)."""
    root = relative_root(tok)
    if root is None:
        return
    old = tok.head
    front = clause_top(tok)
    later = [t for t in tok.doc if t.i > tok.i and t.head.i != t.i and not tok.is_ancestor(t)
             and t.head.i < tok.i and t.head.i != root.i and t.head.i != front.i]
    top = front.head.i == front.i           # the verb takes the place of the phrase it hung in
    clausal = front.dep_ if front.dep_ in ("ccomp", "parataxis", "conj", "advcl") else "ccomp"
    tok.head, tok.dep_ = (tok, "ROOT") if top else (front.head, clausal)   # "..., the ministry said"
    for c in tok.children:                  # "De president, die ..., prees [Trump]": the subject
        if c.dep_ == "nsubj" and c.i > tok.i:   # the parser saw after the verb is its object
            c.dep_ = "obj"
    root.head, root.dep_ = tok, "nsubj"
    if front.i != root.i:                   # the fronted phrase the parser made the root
        front.head, front.dep_ = tok, "obl"
    for c in list(front.children):
        if c.i > tok.i and c.i != tok.i and not c.is_ancestor(tok):
            c.head = tok
    if old.i > tok.i and old.pos_ in ("NOUN", "PROPN"):
        old.head, old.dep_ = tok, "obj"
    for t in later:                         # hung on the relative clause, but after the verb
        if t.head.i != tok.i and not t.is_ancestor(tok):
            t.head = tok
    for c in list(root.children):
        if c.i > tok.i and c.i != tok.i:    # the sentence's final stop and the like
            c.head = tok


def verb_after(tok: Token) -> Token | None:
    """The finite verb right after the token's phrase, a conjunct of the same verb the token was
    hung on, without a subject ("kondigde een bestand af en [Moskou] schortte ... op"); else None."""
    after = tok.right_edge.i + 1
    if after >= len(tok.doc):
        return None
    verb = tok.doc[after]
    if not finite(verb) or verb.head.i != tok.head.i or verb.dep_ != "conj" or any(
            c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in verb.children):
        return None
    return verb


def agreeing_object(tok: Token) -> Token | None:
    """For a subject that is a relative pronoun whose verb's number it does not share (its
    antecedent is a list, the verb singular: "de PKK en de YPG, [die] Ankara als terreurorganisaties
    beschouwt"), the verb's object that does share it; else None. A noun's own number is not
    trusted: the tagger guesses it for words it never saw ("luchtaanval" plural)."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.i == tok.i or not verb.dep_.startswith("acl") or verb.head.i == verb.i:
        return None
    number = verb.morph.get("Number")
    if "VerbForm=Fin" not in str(verb.morph).split("|") or not number:
        return None
    if not any(c.dep_ == "conj" for c in verb.head.children) or number[0] != "Sing":
        return None
    return next((c for c in verb.children if c.dep_ == "obj" and c.morph.get("Number") == number), None)

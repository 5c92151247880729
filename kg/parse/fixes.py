"""Post-parse fixes: general corrections of a parser's systematic errors, as data.

A fix in a grammar file is `{ id, when = {...}, set = { dep = "...", pos = "...", promote = "..." } }`;
`promote` makes the token take its head's place and the old head its dependent with that relation;
`attach = "grandhead"` hangs the token on its head's head; `attach = "oblique"` on the nearest
oblique of its head before it that has the same case word ("belde met Moon en [met] Abe");
`attach = "object"` on its head's object before it ("condemned the attack [by Russia]"); `attach = "clause"`
on the verb of the clause its phrase ends right before (condition `before_clause_verb = true`: that
verb has no subject: "On Monday, [Russia] agreed"); `attach = "past_apposition"` on the verb of the
subject whose apposition the token's phrase follows (condition `after_apposition = true`: it hangs
inside that apposition but after the comma that closes it), as its object (or oblique);
`after_subject_insert = true`: the token's phrase begins right after the comma that closes a
relative clause or apposition on its head's subject; `right_after_subject = true`: the token's
clause begins right after its head's subject and a comma, and `attach = "subject"` hangs it there. `when` may
test the token's `dep`, `pos` (each a value or a list), `has` / `has_not` (a / no dependent with one of
these relations), `lemma` (a list), its head's `head_pos`, `sibling_dep` (another dependent of
the same head has that relation) with `after_sibling = true` / `before_sibling = true` (the token comes after / before it),
`before_head = true` (the token comes before its head), `behind_head = true` (it comes after
its head, anywhere), `before_grandhead = true` (the token comes before its head's head), `head_behind_grandhead = true` (the head comes after its own head), `head_morph` (features the head must have), `head_first = true` (nothing but a conjunction or punctuation of the head's
comes before the head: "... en riep Teheran op"), `after_head = true` (it follows its head
and its name directly), `head_dep` (the head's relation), `morph` (features it must have), `lemma_not` (lemmas it must not have), and
`head_has_not` / `head_has` (no / some dependent of the head has that relation), `grandhead_has_not`
(no dependent of the head's head has it), `after_finite = true` (the token's phrase begins right
after the finite verb of its head's clause: the head or its auxiliary), `behind_finite = true` (the
token comes anywhere after that finite verb), `fronted_adverbial = true`
(before that finite verb stands an adverbial, and no noun phrase without a preposition), `head_lemma` (the
head's lemma, alone or with its separated particle: "bekend_maken"), `hyphenated` (the form has a
hyphen inside: "Patriot-raketten"), `suffix` (the form ends in one of these: "ed"), `head_det`
(the head has one of these determiners: "een"), and `case`
(the words of its case marker: "door"), and `opens_clause = true` (a conjunct noun with its
conjunction, right after it a finite verb, and before its first conjunct a finite verb with no
subordinator, relative pronoun, colon, quote or other finite verb between: "Turkije schaarde zich
achter Qatar [en China] heeft ..."). `split = "clause"` makes such a conjunct the subject of a
clause of its own, headed by that finite verb (or the verb its auxiliary serves) and conjoined to
the verb before; the first clause's words the parser hung on the second go back to the first.
`after_relative = true` holds for a verb right after the comma that closes a relative clause or an
apposition on the sentence's root noun ("Israel, a key player, [fired] ..."); `split = "main"`
makes that verb the root and the noun its subject.
Each fix runs once over the sentence, in file order.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

WHEN = {"dep", "pos", "lemma", "head_pos", "sibling_dep", "after_sibling", "head_has_not",
        "head_lemma_not", "head_has", "case", "has", "has_not", "before_head", "before_sibling",
        "head_dep", "morph", "after_head", "lemma_not", "behind_head", "head_first", "before_grandhead",
        "case_follows_head", "head_lemma", "hyphenated", "suffix", "opens_clause", "head_det",
        "after_relative", "grandhead_has_not", "after_finite", "behind_finite", "fronted_adverbial",
        "before_clause_verb", "after_apposition", "head_behind_grandhead", "head_morph", "after_subject_insert",
        "right_after_subject"}
SET = {"dep", "pos", "promote", "attach", "split"}
#: Words that open a clause of their own between two finite verbs, by tag or feature.
SUBORDINATE = ("SCONJ",)
STOPS = (":", '"', "“", "”", "„", "'", "(", ";")


def _matches(tok, when: dict) -> bool:
    if "dep" in when and tok.dep_ not in _list(when["dep"]):
        return False
    if "morph" in when and not all(f in str(tok.morph).split("|") for f in _list(when["morph"])):
        return False
    if "suffix" in when and not tok.lower_.endswith(tuple(_list(when["suffix"]))):
        return False
    if "hyphenated" in when and ("-" in tok.text.strip("-")) != when["hyphenated"]:
        return False
    if "has" in when and not any(c.dep_ in _list(when["has"]) for c in tok.children):
        return False
    if "has_not" in when and any(c.dep_ in _list(when["has_not"]) for c in tok.children):
        return False
    if "pos" in when and tok.pos_ not in _list(when["pos"]):
        return False
    if "lemma" in when and tok.lemma_.lower() not in _list(when["lemma"]):
        return False
    if "lemma_not" in when and tok.lemma_.lower() in _list(when["lemma_not"]):
        return False
    if when.get("opens_clause") and _clause_pair(tok) is None:
        return False
    if when.get("after_relative") and _relative_root(tok) is None:
        return False
    head = tok.head
    if head.i == tok.i:
        return not any(k.startswith("head") or k.startswith("sibling") for k in when)
    if "head_pos" in when and head.pos_ not in _list(when["head_pos"]):
        return False
    if "head_dep" in when and head.dep_ not in _list(when["head_dep"]):
        return False
    if "head_lemma_not" in when and head.lemma_.lower() in _list(when["head_lemma_not"]):
        return False
    if "head_lemma" in when and not _keys(head) & set(_list(when["head_lemma"])):
        return False
    if "head_has_not" in when and any(c.dep_ in _list(when["head_has_not"]) for c in head.children):
        return False
    if "head_has" in when and not any(c.dep_ in _list(when["head_has"]) for c in head.children):
        return False
    if "grandhead_has_not" in when and (head.head.i == head.i or any(
            c.dep_ in _list(when["grandhead_has_not"]) for c in head.head.children)):
        return False
    if "after_finite" in when and ((f := _finite_of(head)) is None or tok.left_edge.i != f.i + 1):
        return False
    if when.get("behind_finite") and ((f := _finite_of(head)) is None or tok.i < f.i):
        return False
    if when.get("right_after_subject") and _subject_before(tok) is None:
        return False
    if when.get("after_subject_insert") and not _after_subject_insert(tok):
        return False
    if when.get("after_apposition") and _past_apposition(tok) is None:
        return False
    if when.get("before_clause_verb") and _clause_verb(tok) is None:
        return False
    if when.get("fronted_adverbial") and not _fronted_adverbial(head):
        return False
    if "head_det" in when and not any(c.dep_ == "det" and c.lower_ in _list(when["head_det"]) for c in head.children):
        return False
    if "case" in when and not any(c.dep_ == "case" and c.lower_ in _list(when["case"]) for c in tok.children):
        return False
    if "sibling_dep" in when:
        sibs = [c for c in head.children if c.i != tok.i and c.dep_ in _list(when["sibling_dep"])]
        if not sibs:
            return False
        if when.get("after_sibling") and not any(s.i < tok.i for s in sibs):
            return False
        if when.get("before_sibling") and not any(s.i > tok.i for s in sibs):
            return False
    if when.get("case_follows_head") and not any(c.dep_ == "case" and c.i == head.i + 1 for c in tok.children):
        return False
    if when.get("before_head") and not tok.i < head.i:
        return False
    if when.get("behind_head") and not tok.i > head.i:
        return False
    if "head_morph" in when and not all(f in str(head.morph).split("|") for f in _list(when["head_morph"])):
        return False
    if when.get("head_behind_grandhead") and not (head.head.i != head.i and head.i > head.head.i):
        return False
    if when.get("before_grandhead") and not (head.head.i != head.i and tok.i < head.head.i):
        return False
    if when.get("head_first") and any(c.i < head.i and c.dep_ not in ("cc", "punct") for c in head.children):
        return False
    if when.get("after_head") and not (tok.i > head.i and all(
            t.dep_ in ("flat", "flat:name", "compound", "punct") for t in tok.doc[head.i + 1:tok.i])):
        return False
    return True


def _finite(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") and "VerbForm=Fin" in str(tok.morph).split("|")


def _finite_of(verb):
    """The finite verb of the clause `verb` heads: itself, or its finite auxiliary or copula."""
    if _finite(verb):
        return verb
    return next((c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop") and _finite(c)), None)


def _clause_verb(tok):
    """The verb of the clause the token stands in, when the token's phrase ends right before it
    (or its auxiliary) and the verb has no subject ("On Monday, [Russia and Turkey] agreed"); else None."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i < tok.i or any(c.dep_ in ("nsubj", "nsubj:pass", "expl") and c.i < tok.i
                                             or c.dep_ == "expl" for c in verb.children):
        return None
    first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "aux:pass") and c.i > tok.i])
    end = max([tok.right_edge.i] + [c.right_edge.i for c in _later_conjuncts(tok)])
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if subjects and not (len(subjects) == 1 and _later_conjuncts(tok) == subjects):
        return None
    if end + 2 == first and tok.doc[end + 1].text == "," and any(
            c.dep_ in ("appos", "acl:relcl") for c in tok.children):   # "Syria, a key player, [used]"
        return verb
    return verb if end + 1 == first else None


def _later_conjuncts(tok) -> list:
    """Conjuncts after the token that the parser hung on its head ("on Monday, Russia [and
    Turkey]": on "Monday"), or made the verb's subject: the token's own."""
    mine = [c for c in tok.head.children if c.dep_ == "conj" and c.i > tok.i]
    after = tok.right_edge.i + 1
    joined = [t for t in tok.doc[after:after + 2] if t.dep_ in ("nsubj", "nsubj:pass") and t.left_edge.i == after
              and tok.doc[after].dep_ == "cc"]                # "Russia [and Turkey] resolved"
    return mine or joined


def _subject_before(tok):
    """The subject of the token's head that the clause `tok` follows right after a comma
    ("Israël, [dat ... betrokken is], kreeg"): its first word comes two after the subject."""
    return next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i + 1 < len(tok.doc)
                 and tok.doc[c.i + 1].text == "," and tok.left_edge.i in (c.i + 1, c.i + 2)), None)


def _after_subject_insert(tok) -> bool:
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


def _past_apposition(tok):
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


def _fronted_adverbial(verb) -> bool:
    """Something stands before the clause's finite verb and none of it is a noun phrase without a
    preposition (which could be the subject): "[Volgens Reuters] viel ...", "[Daarom] ..."."""
    f = _finite_of(verb)
    if f is None:
        return False
    before = [c for c in verb.children if c.i < f.i and c.dep_ not in ("punct", "cc", "mark")]
    return bool(before) and not any(c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "DET") and c.dep_ not in ADVERBIAL
                                    and not any(k.dep_ == "case" for k in c.children) for c in before)


#: The relations of a noun phrase without a preposition that says when or how ("[Maandag] viel ...").
ADVERBIAL = ("advmod", "obl", "obl:tmod", "nmod:tmod")


def _clause_pair(tok):
    """For a conjunct that opens a clause of its own: (its conjunction, the finite verb before its
    first conjunct, the finite verb after it); else None."""
    cc = next((c for c in tok.children if c.dep_ == "cc" and c.i < tok.i), None)
    doc, first = tok.doc, tok.head
    after = tok.right_edge.i + 1
    if cc is None or first.i >= tok.i or after >= len(doc) or not _finite(doc[after]):
        return None
    for t in reversed(doc[:first.i]):
        if _finite(t):
            between = doc[t.i + 1:cc.i]
            if any(b.pos_ in SUBORDINATE or "PronType=Rel" in str(b.morph) or b.text in STOPS
                   or _finite(b) for b in between):
                return None
            return cc, t, doc[after]
    return None


def _split(tok) -> None:
    """The conjunct becomes the subject of the clause of the finite verb after it, conjoined to the
    clause of the finite verb before its first conjunct (see `opens_clause`)."""
    pair = _clause_pair(tok)
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
    verb.head, verb.dep_ = main, "conj"
    tok.head = verb
    tok.dep_ = "nsubj:pass" if any(c.dep_ == "aux:pass" for c in verb.children) else "nsubj"
    cc.head = verb


AUXILIARY = ("aux", "aux:pass", "cop")


def _relative_root(tok):
    """For a verb right after the comma that closes a relative clause or an apposition on the
    sentence's root noun ("Israel, which shared intelligence with Egypt, [fired] missiles",
    "Hezbollah, een belangrijke speler in de regio, [vecht] tegen IS"), or on the first noun after
    a fronted phrase the parser made the root ("On Tuesday, Turkey, a key player, [bombed] ..."):
    that noun; else None."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text != ",":
        return None
    root = next((t for t in doc if t.head.i == t.i), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN") or root.i > tok.i:
        return None
    if any(c.dep_ == "case" for c in root.children):        # a fronted phrase: the noun after it
        root = _first_noun_after(root, tok)
        if root is None:
            return None
    rel = [c for c in root.children if c.dep_ in ("acl:relcl", "appos") and c.i < tok.i]
    if not rel or any(c.dep_ == "cop" for c in root.children) or not (
            rel[0].is_ancestor(tok) or rel[0].right_edge.i == tok.i - 2):   # its comma right before the verb
        return None
    return root


#: Relations of the words that modify a noun inside its phrase.
MODIFIERS = ("compound", "amod", "det", "flat", "flat:name", "nmod:poss", "nummod", "case", "punct")


def _first_noun_after(front, tok):
    """The head noun of the first phrase after the comma that ends the fronted phrase `front`,
    before `tok`, hung inside `front` by the parser ("On Tuesday, [Turkey], ...")."""
    doc = tok.doc
    comma = next((t.i for t in doc[front.i:tok.i] if t.text == ","), None)
    if comma is None:
        return None
    return next((t for t in doc[comma + 1:tok.i] if t.pos_ in ("NOUN", "PROPN", "PRON")
                 and t.dep_ not in MODIFIERS and front.is_ancestor(t)), None)


def _main_verb(tok) -> None:
    """The verb after a relative clause or apposition on the root noun is the sentence's root, the noun its
    subject, and what follows it its own (see `after_relative`)."""
    root = _relative_root(tok)
    if root is None:
        return
    old = tok.head
    front = next(t for t in tok.doc if t.head.i == t.i)
    later = [t for t in tok.doc if t.i > tok.i and t.head.i != t.i and not tok.is_ancestor(t)
             and t.head.i < tok.i and t.head.i != root.i]
    tok.head, tok.dep_ = tok, "ROOT"
    root.head, root.dep_ = tok, "nsubj"
    if front.i != root.i:                   # the fronted phrase the parser made the root
        front.head, front.dep_ = tok, "obl"
        for c in list(front.children):
            if c.i > tok.i:
                c.head = tok
    if old.i > tok.i and old.pos_ in ("NOUN", "PROPN"):
        old.head, old.dep_ = tok, "obj"
    for t in later:                         # hung on the relative clause, but after the verb
        if t.head.i != tok.i and not t.is_ancestor(tok):
            t.head = tok
    for c in list(root.children):
        if c.i > tok.i:                     # the sentence's final stop and the like
            c.head = tok


def _keys(tok) -> set[str]:
    """A verb's lemma, and with its separated particle in either order ("bekend_maken", "lash_out")."""
    lemma = tok.lemma_.lower()
    prts = [c.lower_ for c in tok.children if c.dep_ == "compound:prt"]
    return {lemma} | {f"{p}_{lemma}" for p in prts} | {f"{lemma}_{p}" for p in prts}


def _cases(tok) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ == "case"]


def _list(value):
    return value if isinstance(value, (list, frozenset)) else [value]


def compiled(fix: dict) -> dict:
    """A fix with the lists of its `when` as sets (Grammar does this once on load)."""
    when = {k: frozenset(v) if isinstance(v, list) else v for k, v in fix["when"].items()}
    return {**fix, "when": when}


def apply(doc: Doc, fixes: Sequence[dict]) -> None:
    """Apply each fix to every token it matches (labels and tags; `promote` and `attach` move heads)."""
    toks = list(doc)
    labels = [(t.dep_, t.pos_) for t in toks]        # read once: spaCy's attributes are slow
    for fix in fixes:
        when = fix["when"]
        deps = _list(when["dep"]) if "dep" in when else ()
        poss = _list(when["pos"]) if "pos" in when else ()
        targets = [t for t, (dep, pos) in zip(toks, labels) if (not deps or dep in deps)
                   and (not poss or pos in poss) and _matches(t, when)]
        if targets:
            _set(targets, fix["set"])
            labels = [(t.dep_, t.pos_) for t in toks]


def _set(targets, what: dict) -> None:
    for tok in targets:
        if what.get("split") == "clause":
            _split(tok)
        if what.get("split") == "main":
            _main_verb(tok)
        if "promote" in what:
            _promote(tok, what["promote"])
        if what.get("attach") == "grandhead" and tok.head.head.i != tok.head.i and not tok.is_ancestor(tok.head.head):
            tok.head = tok.head.head
        if what.get("attach") == "oblique":   # the nearest oblique of its head before it, with its case
            near = [c for c in tok.head.children if c.dep_ in ("obl", "obl:arg") and c.i < tok.i
                    and set(_cases(c)) & set(_cases(tok))]
            if near:
                tok.head = near[-1]
        if what.get("attach") == "subject" and (subj := _subject_before(tok)) is not None:
            tok.head = subj                   # the clause right after the subject is on the subject
        if what.get("attach") == "past_apposition" and (verb := _past_apposition(tok)) is not None:
            tok.head = verb                   # back on the verb from inside the apposition
            tok.dep_ = "obl" if any(c.dep_ == "obj" for c in verb.children) or any(
                c.dep_ == "case" for c in tok.children) else "obj"
        if what.get("attach") == "clause" and (verb := _clause_verb(tok)) is not None:
            for c in _later_conjuncts(tok):
                c.head, c.dep_ = tok, "conj"
            tok.head = verb                   # the verb of the clause its phrase ends before
        if what.get("attach") == "object":    # the object of its head before it
            near = [c for c in tok.head.children if c.dep_ == "obj" and c.i < tok.i]
            if near:
                tok.head = near[-1]
        if "dep" in what:
            tok.dep_ = what["dep"]
        if "pos" in what:
            tok.pos_ = what["pos"]


def _promote(tok, role: str) -> None:
    """The token takes its head's place; the old head becomes its dependent with `role`
    ("Netanyahu [ROOT] called [acl] on Italy" -> "called [ROOT], Netanyahu [nsubj]")."""
    head = tok.head
    dep, grand = head.dep_, head.head
    clausal = [c for c in head.children if c.i != tok.i and c.dep_ in CLAUSE_LEVEL]
    tok.head = tok if grand.i == head.i else grand
    tok.dep_ = dep
    head.head = tok
    head.dep_ = role
    for c in clausal:                    # the sentence's punctuation and clauses go with the verb
        c.head = tok


#: Dependents of a promoted token's old head that belong to the clause, not to the name.
CLAUSE_LEVEL = ("punct", "parataxis", "advcl", "obl", "obl:tmod", "advmod", "ccomp", "conj", "cc")

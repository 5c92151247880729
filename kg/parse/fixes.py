"""Post-parse fixes: general corrections of a parser's systematic errors, as data.

A fix in a grammar file is `{ id, when = {...}, set = { dep = "...", pos = "...", promote = "..." } }`;
`promote` makes the token take its head's place and the old head its dependent with that relation;
`attach = "grandhead"` hangs the token on its head's head; `attach = "oblique"` on the nearest
oblique of its head before it that has the same case word ("belde met Moon en [met] Abe");
`attach = "object"` on its head's object before it ("condemned the attack [by Russia]"); `attach = "sibling"` on the nearest name
among its head's other dependents before it ("de steun van [Egypte] en [de Emiraten]"); `attach = "xcomp"`
on its head's open clause (a "te"-infinitive) after it ("heeft Pakistan beschuldigd [de Taliban] steun te bieden"); `attach = "clause"`
on the verb of the clause its phrase ends right before (condition `before_clause_verb = true`: that
verb has no subject: "On Monday, [Russia] agreed"); `attach = "past_apposition"` on the verb of the
subject whose apposition the token's phrase follows (condition `after_apposition = true`: it hangs
inside that apposition but after the comma that closes it), as its object (or oblique);
`after_subject_insert = true`: the token's phrase begins right after the comma that closes a
relative clause or apposition on its head's subject; `right_after_subject = true`: the token's
clause begins right after its head's subject and a comma, and `attach = "subject"` hangs it there;
`after_comma = true`: the token's phrase begins right after a comma (and closing quotes); `lowercase = true`: its
form begins with a small letter; `disagrees = true`: the token, a subject, differs in number from
its finite verb while the verb's object agrees with it (`clauses.agreeing_object`), and `swap =
"object"` makes that object the subject and the token the object; `attach = "verb"` hangs the token on the nearest verb above it, as
its object (as an oblique where the verb has one or the token has a preposition); `before_conjunct_verb = true`:
right after the token's phrase comes a finite verb without a subject, a conjunct of the verb the
token hangs on, and `attach = "next_verb"` hangs the token on it. `when` may
test the token's `dep`, `pos` (each a value or a list), `has` / `has_not` (a / no dependent with one of
these relations), `lemma` (a list), its head's `head_pos`, `sibling_dep` (another dependent of
the same head has that relation, with `sibling_case` one of these case words) with `after_sibling = true` / `before_sibling = true` (the token comes after / before it),
`before_head = true` (the token comes before its head), `behind_head = true` (it comes after
its head, anywhere), `before_grandhead = true` (the token comes before its head's head), `head_behind_grandhead = true` (the head comes after its own head), `head_morph` (features the head must have), `head_first = true` (nothing but a conjunction or punctuation of the head's
comes before the head: "... en riep Teheran op"), `after_head = true` (it follows its head
and its name directly), `head_dep` (the head's relation), `morph` (features it must have), `lemma_not` (lemmas it must not have), and
`head_has_not` / `head_has` (no / some dependent of the head has that relation), `grandhead_has_not`
(no dependent of the head's head has it), `after_finite = true` (the token's phrase begins right
after the finite verb of its head's clause, the head or its auxiliary, and any adverbs after it), `behind_finite = true` (the
token comes anywhere after that finite verb), `after_governing_finite = true` (its head's head is a
finite verb, not the sentence's first word, and the token's phrase begins right after it and any
adverbs: "Met Moskou wil [het Kremlin] niet praten"), `fronted_adverbial = true`
(before that finite verb stands an adverbial, and no noun phrase without a preposition), `head_lemma` (the
head's lemma, alone or with its separated particle: "bekend_maken"), `hyphenated` (the form has a
hyphen inside: "Patriot-raketten"), `suffix` (the form ends in one of these: "ed"), `head_det`
(the head has one of these determiners: "een"), and `case`
(the words of its case marker: "door"), `mark` (the words of its subordinator: "dat"), and `opens_clause = true` (a conjunct noun with its
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

from kg.parse import clauses

WHEN = {"dep", "pos", "lemma", "head_pos", "sibling_dep", "sibling_case", "mark", "after_sibling", "head_has_not",
        "head_lemma_not", "head_has", "case", "has", "has_not", "before_head", "before_sibling",
        "head_dep", "morph", "after_head", "lemma_not", "behind_head", "head_first", "before_grandhead",
        "case_follows_head", "head_lemma", "hyphenated", "suffix", "opens_clause", "head_det",
        "after_relative", "grandhead_has_not", "after_finite", "behind_finite", "fronted_adverbial",
        "before_clause_verb", "after_apposition", "after_governing_finite", "head_behind_grandhead", "head_morph", "after_subject_insert",
        "right_after_subject", "after_comma", "before_conjunct_verb", "lowercase", "disagrees"}
SET = {"dep", "pos", "promote", "attach", "split", "swap"}


def _matches(tok, when: dict) -> bool:
    if "dep" in when and tok.dep_ not in _list(when["dep"]):
        return False
    if "morph" in when and not all(f in str(tok.morph).split("|") for f in _list(when["morph"])):
        return False
    if "suffix" in when and not tok.lower_.endswith(tuple(_list(when["suffix"]))):
        return False
    if "lowercase" in when and tok.text[:1].islower() != when["lowercase"]:
        return False
    if when.get("disagrees") and clauses.agreeing_object(tok) is None:
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
    if when.get("opens_clause") and clauses.clause_pair(tok) is None:
        return False
    if when.get("after_relative") and clauses.relative_root(tok) is None:
        return False
    head = tok.head
    if head.i == tok.i:
        return not any(k.startswith("head") or k.startswith("sibling") for k in when)
    if "head_pos" in when and head.pos_ not in _list(when["head_pos"]):
        return False
    if "head_dep" in when and head.dep_ not in _list(when["head_dep"]):
        return False
    if "head_lemma_not" in when and _keys(head) & set(_list(when["head_lemma_not"])):
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
    if "after_finite" in when and ((f := clauses.finite_of(head)) is None or tok.left_edge.i != _past_adverbs(f)):
        return False
    if when.get("after_governing_finite") and not (
            head.head.i != head.i and clauses.finite(head.head) and head.head.i > 0
            and tok.left_edge.i == _past_adverbs(head.head)):
        return False
    if when.get("behind_finite") and ((f := clauses.finite_of(head)) is None or tok.i < f.i):
        return False
    if when.get("before_conjunct_verb") and clauses.verb_after(tok) is None:
        return False
    if when.get("after_comma") and not _after_comma(tok):
        return False
    if when.get("right_after_subject") and clauses.subject_before(tok) is None:
        return False
    if when.get("after_subject_insert") and not clauses.after_subject_insert(tok):
        return False
    if when.get("after_apposition") and clauses.past_apposition(tok) is None:
        return False
    if when.get("before_clause_verb") and clauses.clause_verb(tok) is None:
        return False
    if when.get("fronted_adverbial") and not clauses.fronted_adverbial(head):
        return False
    if "head_det" in when and not any(c.dep_ == "det" and c.lower_ in _list(when["head_det"]) for c in head.children):
        return False
    if "case" in when and not any(c.dep_ == "case" and c.lower_ in _list(when["case"]) for c in tok.children):
        return False
    if "mark" in when and not any(c.dep_ == "mark" and c.lower_ in _list(when["mark"]) for c in tok.children):
        return False
    if "sibling_dep" in when:
        sibs = [c for c in head.children if c.i != tok.i and c.dep_ in _list(when["sibling_dep"])
                and ("sibling_case" not in when or set(_cases(c)) & set(_list(when["sibling_case"])))]
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


#: Closing quotes a comma may stand before ('called the move "unconscionable," accusing ...').
QUOTES = {'"', "'", "”", "’", "»"}


def _after_comma(tok) -> bool:
    """The token's phrase begins with a comma or right after one (and any closing quotes)."""
    k = tok.left_edge.i
    if tok.doc[k].text == ",":
        return True
    k -= 1
    while k >= 0 and tok.doc[k].text in QUOTES:
        k -= 1
    return k >= 0 and tok.doc[k].text == ","


def _past_adverbs(verb) -> int:
    """The index right after the verb and the adverbs that follow it ("vochten [ook] strijders")."""
    k = verb.i + 1
    while k < len(verb.doc) and verb.doc[k].pos_ == "ADV" and verb.doc[k].dep_ == "advmod":
        k += 1
    return k


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
            clauses.split(tok)
        if what.get("split") == "main":
            clauses.main_verb(tok)
        if "promote" in what:
            _promote(tok, what["promote"])
        if what.get("attach") == "grandhead" and tok.head.head.i != tok.head.i and not tok.is_ancestor(tok.head.head):
            tok.head = tok.head.head
        if what.get("attach") == "oblique":   # the nearest oblique of its head before it, with its case
            _to_sibling(tok, lambda c: c.dep_ in ("obl", "obl:arg") and set(_cases(c)) & set(_cases(tok)))
        if what.get("attach") == "next_verb" and (verb := clauses.verb_after(tok)) is not None:
            tok.head = verb                   # the subject of the conjunct verb right after it
        if what.get("attach") == "subject" and (subj := clauses.subject_before(tok)) is not None:
            tok.head = subj                   # the clause right after the subject is on the subject
        if what.get("attach") == "past_apposition" and (verb := clauses.past_apposition(tok)) is not None:
            tok.head = verb                   # back on the verb from inside the apposition
            tok.dep_ = "obl" if any(c.dep_ == "obj" for c in verb.children) or any(
                c.dep_ == "case" for c in tok.children) else "obj"
        if what.get("attach") == "clause" and (verb := clauses.clause_verb(tok)) is not None:
            for c in clauses.later_conjuncts(tok):
                c.head, c.dep_ = tok, "conj"
            tok.head = verb                   # the verb of the clause its phrase ends before
        if what.get("swap") == "object" and (other := clauses.agreeing_object(tok)) is not None:
            tok.dep_, other.dep_ = "obj", "nsubj"   # the object that agrees is the subject
        if what.get("attach") == "verb" and (verb := clauses.verb_above(tok)) is not None:
            tok.head = verb                   # an argument of the verb above it: its object, or
            tok.dep_ = "obl" if any(c.dep_ == "obj" and c.i != tok.i for c in verb.children) or any(
                c.dep_ == "case" for c in tok.children) else "obj"
        if what.get("attach") == "sibling":   # the nearest name among its head's dependents before it
            _to_sibling(tok, lambda c: c.pos_ == "PROPN" and c.dep_ != tok.dep_)
        if what.get("attach") == "xcomp":     # its head's open clause after it
            _to_sibling(tok, lambda c: c.dep_ == "xcomp", before=False)
        if what.get("attach") == "object":    # the object of its head before it
            _to_sibling(tok, lambda c: c.dep_ == "obj")
        if "dep" in what:
            tok.dep_ = what["dep"]
        if "pos" in what:
            tok.pos_ = what["pos"]


def _to_sibling(tok, test, before: bool = True) -> None:
    """Hang the token on the nearest other dependent of its head that passes `test`, before it
    (or after it)."""
    near = [c for c in tok.head.children if (c.i < tok.i if before else c.i > tok.i) and test(c)]
    if near:
        tok.head = near[-1] if before else near[0]


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

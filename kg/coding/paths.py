"""Role paths: how a pattern says where its actor and recipient stand in the parse.

A path is steps joined by dots, walked from the trigger token:
  - a dependency relation (`nsubj`, `obj`, `iobj`, `obl`, `obl:agent`, `nmod`, `nmod:poss`, `amod`,
    `compound`, `xcomp`, ...), optionally with the case words its dependent must carry:
    `obl[at,on,into]`, `nmod[van,of]` (multiword cases written with a space: `nmod[such as]`);
  - `head`: the trigger's governor (`head[with,met]`: only when the trigger is introduced by one
    of those words: "responded with a demand that ..."; a noun fixed into a marker, "met steun
    van", counts as that marker's phrase); `light`: the governor only when it is one of the grammar's
    light verbs and the trigger is its object or oblique ("launched an attack", "gaf steun");
  - `self`: the trigger itself (an actor noun that is the event: "the rebels' offensive");
  - `proper`: the token itself, only when it is a name ("ontving [Erdogan]", not "ontving steun");
  - `act`: the token itself, only when it is one of the grammar's `act_nouns` (or, where compounds
    are written closed, ends in one: "luchtaanval"): "killed in a US [operation]";
  - `target`: the token itself, only when it is one of the grammar's `targets` ("Mahan is [the
    subject] of US sanctions": `head[of].target.nsubj`);
  - `speaker`: whose words the trigger's clause gives: the subject of the speech verb it is the
    complement of ("Carter said the approach [was doomed]"), or of a speech verb hung on it ("It
    is [illegal], Lavrov said"), or the phrase of the grammar's `according` ("according to Trump");
  - `irrealis`: the token itself, only when a modal or future auxiliary depends on it ("warned
    that Turkey [could launch] an operation against the YPG": `ccomp.irrealis.obj`).
  - `open`: the token itself, only when an open clause (xcomp) depends on it ("Japan wanted North
    Korea [to act]": `open.obj`).
A relation also matches its `:arg` subtype (Dutch prepositional objects are `obl:arg`).
An `obl[...]` with case words also takes a phrase with those words that the parser attached to
the verb's object ("fired missiles [at a base]") or, when the verb has no object, to its subject
("tienduizenden Turken [tegen Israël] protesteerden"), and `obl:agent` a passive's agent phrase (the
grammar's `agent_case`) hung on its object or oblique ("supplied with drones [by Iran]"). `nsubj` also finds the subject a clause shares: the controller of an infinitive, the subject of
the first of coordinated verbs, the noun a relative clause or participle hangs on ("whose jets
bombed": the noun too). `appos` reaches both ways: the trigger's appositions and, when the trigger
is one, the noun it stands beside ("Saudi Arabia, a key backer of the rebels").
"""
from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from kg.parse.grammar import Grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

STEP = re.compile(r"^(head|light|self|target|act|speaker|[a-z]+(?::[a-z]+)?)(?:\[([^\]]+)\])?$")
SUBJECT_DEPS = ("nsubj",)
#: The relations by which a trigger noun hangs on a light verb ("launched an attack", "bereikten
#: een akkoord over een staakt-het-vuren", "the attack was launched").
LIGHT_DEPS = ("obj", "obl", "obl:arg", "nsubj:pass", "nsubj", "xcomp")


class Step(tuple):
    """(relation, cases or None)."""

    @property
    def dep(self) -> str:
        return self[0]

    @property
    def cases(self) -> frozenset[str] | None:
        return self[1]


Path = tuple


def parse_path(text: str) -> Path:
    steps = []
    for part in text.split("."):
        m = STEP.match(part.strip())
        if not m:
            raise ValueError(f"cannot read the role path {text!r} (at {part!r})")
        cases = frozenset(c.strip().lower() for c in m.group(2).split(",")) if m.group(2) else None
        steps.append(Step((m.group(1), cases)))
    return tuple(steps)


def case_of(tok: Token) -> str:
    """The case words of a nominal ("at", "such as", "van"), lower case, or ""."""
    found = case_words(tok)
    return found[0] if found else ""


def case_words(tok: Token) -> list[str]:
    """Each case marker of a nominal (or of a title or name part before it: "to [Turkish President]
    Erdogan"), with its fixed words: ["in", "rond"] for "in rond Taiwan"
    (a stray particle read as a second case); last, a marker with the adverb just before it
    ("net als Iran": ["als", "net als"]), or with the marker before it ("along with")."""
    parts = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat", "flat:name", "nmod:desc") and c.i < tok.i]
    marks = [c for p in parts for c in p.children if c.dep_ in ("case", "mark")]   # "with [Xi] Jinping"
    out = [" ".join([c.lower_] + [f.lower_ for f in c.children if f.dep_ == "fixed"]) for c in marks]
    return out + [f"{tok.doc[c.i - 1].lower_} {c.lower_}" for c in marks
                  if c.i > 0 and (tok.doc[c.i - 1].dep_ == "advmod" or tok.doc[c.i - 1] in marks
                                  or tok.doc[c.i - 1].dep_ == "advcl" and tok.doc[c.i - 1].pos_ == "ADV")]   # "samen met" (Alpino)


def has_case(tok: Token, words: Collection[str]) -> bool:
    """Whether one of the nominal's case markers is among `words`."""
    return any(w in words for w in case_words(tok))


def subjects(tok: Token, grammar: Grammar) -> list[Token]:
    """The subject tokens of the clause `tok` heads, shared ones included."""
    kids = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    kids += [c for a in tok.children if a.dep_ == "aux" for c in a.children if c.dep_ in SUBJECT_DEPS]
    if kids:
        kids += [c for c in tok.children if c.dep_ == "obl" and has_case(c, grammar.likewise)] + [
            g for c in tok.children if c.dep_ == "obj" for g in c.children   # "levert net als Iran
            if g.dep_ == "nmod" and has_case(g, grammar.likewise)]            # wapens": on the object
        rel = [k for k in kids if k.lower_ in grammar.relative or any(     # "whose jets bombed"
            c.dep_ == "nmod:poss" and c.lower_ in grammar.relative for c in k.children)]
        if rel and tok.dep_.startswith("acl"):
            return [tok.head]
        return kids
    if any(c.dep_ in ("nsubj:pass", "csubj") for c in tok.children):
        return []                      # a clause with a subject of its own shares none ("omdat Oekraïne
        # door Rusland werd aangevallen": not the subject of the clause above)
    before = [c for c in tok.children if c.dep_ == "advcl" and c.i < tok.i
              and not any(g.dep_ == "mark" for g in c.children)]
    if before and (shared := [g for g in before[0].children if g.dep_ in SUBJECT_DEPS]):
        return shared                  # "troops left Iraq, then ... returned": a first conjunct
    if tok.head.i == tok.i:            # the parser read as an adjunct without its subordinator
        return []
    if tok.dep_ == "xcomp":
        objs = [c for c in tok.head.children if c.dep_ in ("obj", "iobj")]
        return objs or subjects(tok.head, grammar)
    if tok.dep_ == "conj" and _auxiliary_passive(tok) and not _passive(tok.head):
        return []                      # "Turkey is under sanctions and was condemned": the patient
    if tok.dep_ == "advcl":          # an adjunct's subject is its clause's, passive too ("was
        return subjects(tok.head, grammar) or [    # criticized for attacking the Kurds")
            c for c in tok.head.children if c.dep_ == "nsubj:pass"]
    if tok.dep_ == "conj":
        return subjects(tok.head, grammar)
    if tok.dep_.startswith("acl") and not passive_participle(tok):
        return [tok.head]
    return []


def _passive(tok) -> bool:
    return any(c.dep_ == "aux:pass" for c in tok.children) or "Pass" in tok.morph.get("Voice")


def _auxiliary_passive(tok) -> bool:
    """A passive by its auxiliary ("and [was] condemned"), not by a participle's form alone."""
    return any(c.dep_ == "aux:pass" for c in tok.children)


def passive_participle(tok: Token) -> bool:
    """A past participle: a verb form that reads as passive ("captured militants")."""
    return "Part" in tok.morph.get("VerbForm") and "Pres" not in tok.morph.get("Tense")


def _passive_subjects(tok, grammar) -> list:
    kids = [c for c in tok.children if c.dep_ == "nsubj:pass"]
    if kids:
        if tok.dep_.startswith("acl") and any(k.lower_ in grammar.relative for k in kids):
            return [tok.head]              # "het leger, dat door de VS werd opgeleid"
        return kids
    if tok.dep_ in ("acl", "amod") and passive_participle(tok):
        return [tok.head]
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        if _auxiliary_passive(tok) and not _passive(tok.head):   # a shared active subject is the patient
            return subjects(tok.head, grammar)
        return _passive_subjects(tok.head, grammar)
    return []


def step(tokens: list[Token], st: Step, grammar: Grammar) -> list[Token]:
    out = []
    for tok in tokens:
        if st.dep == "self":
            out.append(tok)
        elif st.dep == "head":           # head[met,with]: only when the trigger carries that case
            if tok.dep_ == "fixed" and tok.head.head.i != tok.head.i:   # "met steun van": one marker
                if st.cases is None or tok.head.lower_ in st.cases:
                    out.append(tok.head.head)
            elif tok.head.i != tok.i and (st.cases is None or case_of(tok) in st.cases):
                out.append(tok.head)
            continue
        elif st.dep == "proper":           # only a name: "ontving [Erdogan]", not "ontving steun"
            if tok.pos_ == "PROPN":
                out.append(tok)
        elif st.dep == "act":              # only a noun that names an act ("killed in a US [operation]")
            words = (tok.lemma_.lower(), tok.lower_)
            if any(w in grammar.act_nouns for w in words) or (grammar.closed_compounds and any(
                    w.endswith(a) for w in words for a in grammar.act_nouns if len(a) >= 5)):
                out.append(tok)
        elif st.dep == "target":           # only a noun that names what an act is aimed at
            if tok.lemma_.lower() in grammar.targets or tok.lower_ in grammar.targets:
                out.append(tok)
        elif st.dep == "speaker":
            out += speakers(tok, grammar)
        elif st.dep == "open":             # only a verb with an open clause ("wanted X [to leave]")
            if any(c.dep_ == "xcomp" for c in tok.children):
                out.append(tok)
        elif st.dep == "irrealis":         # only a clause with a modal or future auxiliary
            if any(c.dep_ in ("aux", "aux:pass") and c.lemma_.lower() in grammar.modal for c in tok.children):
                out.append(tok)
        elif st.dep == "light":
            if tok.dep_ == "conj" and tok.head.dep_ in LIGHT_DEPS:   # "sloten een militair [en een
                tok = tok.head                                       # maritiem akkoord]"
            if tok.head.i != tok.i and grammar.key(tok.head) in grammar.light and tok.dep_ in LIGHT_DEPS \
                    and case_of(tok) not in grammar.before_after:     # "launched strikes [since the
                out.append(tok.head)                                  # 2003 invasion]": another act
        elif st.dep == "nsubj":
            out += subjects(tok, grammar)
        elif st.dep == "nsubj:pass":
            out += _passive_subjects(tok, grammar)
        else:
            kids = list(tok.children) + particle_children(tok, grammar)
            deps = (st.dep, st.dep + ":arg") + (("obl",) if st.dep == "nmod" and tok.pos_ in ("NOUN", "PROPN") else ())
            found = [c for c in kids if c.dep_ in deps]   # a noun's "oblique" is the parser's slip for nmod
            out += found + [g for c in found if c.pos_ == "NUM" or c.lemma_.lower() in grammar.quantities
                            for g in c.children if g.dep_ == "nmod"]     # "deployed [thousands] of troops"
            if st.dep == "obl" and st.cases:   # a PP the parser hung on the object instead
                out += nmods([c for c in tok.children if c.dep_ == "obj"])
                if not any(c.dep_ == "obj" for c in tok.children) and not any(
                        any(w in st.cases for w in case_words(t)) for t in out):   # or, with no object,
                    out += nmods([c for c in tok.children if c.dep_ == "nsubj"])  # on the subject
            if st.dep == "obl:agent" and not out and _passive(tok):   # "supplied with drones [by Iran]"
                out += [g for g in nmods([c for c in tok.children if c.dep_ in ("obj", "obl")])
                        if case_of(g) in grammar.agent_case]
            if st.dep == "appos" and tok.dep_ == "appos":   # apposition runs both ways
                out.append(tok.head)
        if st.cases is not None:
            out = [t for t in out if any(w in st.cases for w in case_words(t))]
    return out


def speakers(tok: Token, grammar: Grammar) -> list[Token]:
    """Whose words the clause of `tok` gives (the `speaker` step)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:    # "was illegal and [a betrayal]"
        tok = tok.head
    if tok.dep_ in ("ccomp", "parataxis") and grammar.key(tok.head) in grammar.speech:
        return subjects(tok.head, grammar)
    said = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and grammar.key(c) in grammar.speech]
    found = [s for c in said for s in subjects(c, grammar)]
    phrases = [c for c in tok.children if c.dep_ == "obl"] + nmods([tok])   # or hung on a phrase in it
    return found or [c for c in phrases if has_case(c, grammar.according)]


def particle_children(tok: Token, grammar: Grammar) -> list[Token]:
    """What the parser hung on a verb's particle instead of the verb ("trok soldaten samen [aan
    de grens]", "werkt niet samen [met de YPG]"), the object it hung on a predicative adjective
    ("houdt Rusland verantwoordelijk") and the obliques it hung on an adverb."""
    out = [g for c in tok.children if c.dep_ == "compound:prt" or (
        c.dep_ in ("advmod", "xcomp") and c.pos_ in ("ADV", "ADP") and c.lower_ in grammar.particles)
        for g in c.children]
    out += [g for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "ADJ"
            for g in c.children if g.dep_ == "obj"]     # "houdt [Rusland] verantwoordelijk"
    return out + [g for c in tok.children if c.dep_ == "advmod" and c.pos_ == "ADV" and c not in out
                  for g in c.children if g.dep_ in ("obl", "obl:arg")]   # "schaarde zich daarentegen [achter Peking]"


def lift_counts(doc: Doc, grammar: Grammar) -> None:
    """A counted noun takes its count's place ("sent [thousands] of troops" -> "sent troops", the
    count its modifier), so that light verbs, heads and role paths see the noun; the count's
    other dependents go with the noun and the noun's "of" with the count (in place)."""
    for noun in doc:
        count = noun.head
        if noun.dep_ != "nmod" or count.i == noun.i or count.head.i == count.i or noun.pos_ not in ("NOUN", "PROPN") \
                or not (count.pos_ == "NUM" or count.lemma_.lower() in grammar.quantities) or noun.i < count.i \
                or any(w not in grammar.genitive for w in case_words(noun)):   # not "... tegen Israël"
            continue
        dep, head = count.dep_, count.head
        own = [c for c in noun.children if c.dep_ == "case"]
        theirs = [c for c in count.children if c.i != noun.i]
        noun.head, noun.dep_ = head, dep
        count.head, count.dep_ = noun, "nummod"
        for c in own:
            c.head = count
        for c in theirs:                 # its preposition, article and phrases ("tegen Israël")
            c.head = noun


def nmods(tokens: list) -> list:
    """The nominal modifiers under these tokens and their conjuncts, down chains of them ("fired a
    barrage of missiles [at Iranian targets]", "deployed warships and jets [around Taiwan]")."""
    out, todo = [], list(tokens)
    while todo:
        todo += [g for t in todo for g in t.children if g.dep_ == "conj" and g not in todo]
        kids = [g for t in todo for g in t.children if g.dep_ == "nmod" or g.dep_ == "obl" and t.pos_ in ("NOUN", "PROPN")]
        out += kids
        todo = kids
    return out


def walk(trigger: Token, path: Path, grammar: Grammar) -> list[Token]:
    """The tokens a path reaches from the trigger."""
    tokens = [trigger]
    for st in path:
        tokens = step(tokens, st, grammar)
        if not tokens:
            break
    return tokens

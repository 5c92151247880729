"""References: personal and possessive pronouns resolved to the actors named before them.

Candidates, in order: the subjects named earlier in the same sentence, the main clause's first
(nearest first: "Turkey said its troops ..."; "Moscow complained that Turkey ..., and it called"), then the subjects of the sentence before, then its other mentions, then the
sentence before that. A pronoun's number (the grammar file's `pronouns`: sg, pl, person, any) must
fit: "they" takes a plural noun or a list of actors (all of its members: "Egypt, Greece and
Cyprus ... They called on Turkey"), "he"/"hij" a person. A counted group ("both sides", "de twee
landen") stands for that many distinct actors named last. A first-person pronoun (the grammar's
kind "speaker": "we", "wij", "our") stands for the speaker: the named subject of a speech verb in
its sentence, else in the sentence before ('"We will not negotiate," Erdogan said'). A definite
description (the grammar's `descriptions`: "the regime", "government forces", "de jihadistische
groep") stands for an actor named before of the type it names: an actor whose own name holds the
word first ("the coalition" after "the US-led coalition"), else for a state the one most of the
article's places lie in ("the regime" in an article on Aleppo and Idlib), else the one the article
named most so far (a subject counting twice); for other types the one named last.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


from kg.base.model import Mention, Via
from kg.coding.paths import case_of, subjects
from kg.parse.grammar import Grammar


@dataclass(frozen=True)
class Named:
    """A mention as references see it."""
    mention: Mention
    subject: bool
    number: str                 # "sg", "pl" or "any" (a name plural in form)
    person: bool
    group: int = -1             # the first conjunct's token: a list's members share it
    main: bool = False          # the subject of the sentence's main clause


def named(doc: Doc, by_token: dict[int, list[Mention]], titles: frozenset = frozenset()) -> list[Named]:
    """The sentence's mentions with their role and number, in order. A mention is a person's when
    it names one kg knows, or a name after a title ("Malaysian Prime Minister Anwar Ibrahim")."""
    covered: dict[tuple, list[int]] = {}
    for i in sorted(by_token):
        for m in by_token[i]:
            covered.setdefault((m.actor, m.start), []).append(i)
    out, seen = [], set()
    for i in sorted(by_token):
        for m in by_token[i]:
            if (m.actor, m.start) in seen:
                continue
            seen.add((m.actor, m.start))
            head = _phrase_head(_top(doc, covered[(m.actor, m.start)]), by_token)
            parts = [head] + [c for c in head.children if c.dep_ in ("appos", "flat", "flat:name")]
            listed = any(c.dep_ == "conj" for p in parts for c in p.children) or head.dep_ == "conj"
            number = "pl" if listed else _number(head)
            first = head
            while first.dep_ == "conj" and first.head.i != first.i:   # "de Franse president Macron,
                first = _phrase_head(first.head, by_token)             # de Duitse bondskanselier Merkel en ..."
            clause = first.head
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            toks = covered[(m.actor, m.start)]
            person = m.person is not None or (doc[toks[-1]].pos_ == "PROPN" and any(
                doc[i].lower_ in titles for i in toks))
            out.append(Named(m, first.dep_ in ("nsubj", "nsubj:pass"), number, person, first.i,
                             clause.dep_ == "ROOT"))
    return _surface_lists(doc, out, covered)


def _surface_lists(doc, out: list[Named], covered: dict) -> list[Named]:
    """Mentions with nothing but commas, a coordinating conjunction and articles between them are one list,
    whatever the parse made of it ("de Franse president Macron, de Duitse bondskanselier Merkel en
    de Britse premier May ... zij"): the first one's role, plural, one group."""
    spans = [(min(covered[(n.mention.actor, n.mention.start)]), max(covered[(n.mention.actor, n.mention.start)]))
             for n in out]
    order = sorted(range(len(out)), key=lambda k: spans[k])
    runs, run = [], [order[0]] if order else []
    for a, b in zip(order, order[1:]):
        gap = doc[spans[a][1] + 1:spans[b][0]]
        if len(gap) and all(t.text == "," or t.pos_ in ("CCONJ", "DET") for t in gap) and any(
                t.text == "," or t.pos_ == "CCONJ" for t in gap):
            run.append(b)
        else:
            runs.append(run)
            run = [b]
    runs.append(run)
    for run in runs:
        if len(run) > 1 and len({out[k].mention.actor for k in run}) > 1:
            first = out[run[0]]
            for k in run:
                out[k] = replace(out[k], subject=first.subject, number="pl", group=first.group, main=first.main)
    return out


def _top(doc, indices: list[int]):
    """Of the tokens a mention covers, the one the others hang under ("the Kurdish-led Syrian
    Democratic [Forces]"), not the first."""
    inside = set(indices)
    for i in indices:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return doc[i]
    return doc[indices[0]]


def _number(head) -> str:
    """A plural noun is "pl"; a name plural in form is either ("the Syrian Democratic Forces
    announced it ...", "de Verenigde Staten ... hun"); anything else "sg"."""
    if "Plur" not in head.morph.get("Number"):
        return "sg"
    name = head.pos_ == "PROPN" or (head.i > 0 and head.text[:1].isupper())
    return "any" if name else "pl"


def _phrase_head(tok, by_token):
    while tok.head.i != tok.i and tok.dep_ in ("amod", "compound", "flat", "flat:name", "nmod:poss", "det", "appos"):
        tok = tok.head
    return tok


def _sentence_of(cand: Named, here: list[Named], history: list[list[Named]]) -> list[Named]:
    """The mentions of the sentence `cand` was named in ("they" takes a whole list)."""
    for sent in [here, *reversed(history[-2:])]:
        if cand in sent:
            return sent
    return [cand]


def _fits(kind: str, cand: Named) -> bool:
    if kind == "person":
        return cand.person
    if kind == "sg":
        return cand.number in ("sg", "any")
    if kind == "pl":
        return cand.number in ("pl", "any")
    return True


def _counted(tok, grammar) -> int:
    """How many actors a group description names: "both sides", "de twee landen", "all three"."""
    if tok.lemma_.lower() not in grammar.group_nouns and tok.lower_ not in grammar.group_nouns:
        return 0
    return max((grammar.counts.get(c.lower_, 0) for c in tok.children), default=0)


def _described(doc, by_token, here, history, grammar, kg_index) -> None:
    """A counted group ("both countries", "beide landen") stands for that many distinct actors
    among those named in the two sentences before (else earlier in its own sentence): the most
    salient ones, by how often the article named them so far, a subject counting twice."""
    for tok in doc:
        n = _counted(tok, grammar)
        if not n or tok.i in by_token:
            continue
        recent = [x for sent in history[-2:] for x in sent] or \
            [x for x in here if x.mention.start < kg_index(tok)]
        weight: dict[str, int] = {}
        for x in (x for sent in history for x in sent):
            weight[x.mention.actor] = weight.get(x.mention.actor, 0) + (2 if x.subject else 1)
        first: dict[str, Mention] = {}
        for x in reversed(recent):
            first.setdefault(x.mention.actor, x.mention)
        ranked = sorted(first, key=lambda a: -weight.get(a, 0))
        if len(ranked) >= n:
            k = kg_index(tok)
            by_token[tok.i] = [replace(first[a], start=k, end=k + 1, text=tok.text, via=Via.DESCRIPTION)
                               for a in ranked[:n]]


@dataclass(frozen=True)
class Known:
    """What descriptions need of the gazetteer: each actor's type and the words of its names,
    and the language's state adjectives (a phrase with one names its own actor)."""
    types: dict
    words: dict
    adjectives: dict
    titles: frozenset = frozenset()      # "president", "minister": a titled name is a person


def _description(tok, by_token, grammar, known: Known) -> str | None:
    """The actor type a token's description stands for, or None when it is no description."""
    kind = grammar.descriptions.get(tok.lower_) or grammar.descriptions.get(tok.lemma_.lower())
    if kind is None or tok.i in by_token or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.i in by_token or c.lower_ in known.adjectives or c.dep_.startswith("nmod")
           or c.dep_ in ("flat", "flat:name", "appos") for c in tok.children):
        return None                      # "the Syrian regime", "the government of Iraq"
    definite = any(c.dep_ == "det" and c.lower_ in grammar.definite for c in tok.children) or (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ in grammar.definite and tok.doc[tok.i - 1].pos_ == "DET")
    # (or right after a definite article the parser hung elsewhere: "[De] junta reageerde")
    bare = kind == "State" and not any(c.dep_ == "det" for c in tok.children) \
        and "Plur" in tok.morph.get("Number")          # "regeringstroepen", "authorities said"
    return kind if definite or bare or tok.dep_ == "compound" else None


def _placed(tok, by_token, grammar, known: Known | None) -> list[Mention]:
    """A description of a state set in a state ("de junta in Mali", "the government in Kabul"):
    that state; set in a list of them, each ("de regeringen in Pristina en Belgrado")."""
    if known is None or tok.i in by_token or tok.pos_ != "NOUN" or \
            (grammar.descriptions.get(tok.lower_) or grammar.descriptions.get(tok.lemma_.lower())) != "State":
        return []
    for c in tok.children:
        if c.dep_ == "nmod" and c.i in by_token and case_of(c) in grammar.locative:
            listed = [c] + [g for g in c.children if g.dep_ == "conj" and g.i in by_token]
            states = [m for t in listed for m in by_token[t.i][:1] if known.types.get(m.actor) == "State"]
            if states:
                return states
    return []


def _descriptions(doc, by_token, here, history, grammar, kg_index, known: Known | None,
                  home: dict[str, int]) -> None:
    """Descriptions take the actor they stand for (see the module's text); in place."""
    if known is None or not grammar.descriptions:
        return
    for tok in doc:
        k = kg_index(tok)
        placed = _placed(tok, by_token, grammar, known)
        if placed:                       # "de junta in Mali", "the regime in Damascus"
            by_token[tok.i] = [replace(m, start=k, end=k + 1, text=tok.text, via=Via.DESCRIPTION, person=None)
                               for m in placed]
            continue
        kind = _description(tok, by_token, grammar, known)
        if kind is None:
            continue
        named_before = [x for sent in history for x in sent] + [x for x in here if x.mention.start < k]
        cands = [x for x in named_before if known.types.get(x.mention.actor) == kind]
        if not cands:
            continue
        word = tok.lemma_.lower()
        titled = [x for x in cands if word in known.words.get(x.mention.actor, ()) or
                  tok.lower_ in known.words.get(x.mention.actor, ())]
        if titled:
            pick = titled[-1]
        elif kind == "State" and any(home.get(x.mention.actor) for x in cands):
            top = max(home.get(x.mention.actor, 0) for x in cands)
            pick = [x for x in cands if home.get(x.mention.actor, 0) == top][-1]
        elif kind == "State":
            weight: dict[str, int] = {}
            for x in cands:
                weight[x.mention.actor] = weight.get(x.mention.actor, 0) + (2 if x.subject else 1)
            top = max(weight.values())
            pick = [x for x in cands if weight[x.mention.actor] == top][-1]
        else:
            pick = cands[-1]
        by_token[tok.i] = [replace(pick.mention, start=k, end=k + 1, text=tok.text, via=Via.DESCRIPTION, person=None)]


def _own_subjects(tok, grammar) -> set[int]:
    """The subject tokens (first conjuncts) of the clause a non-subject pronoun is part of: a
    personal pronoun does not stand for its own clause's subject ("they ... separate them")."""
    if tok.dep_ in ("nsubj", "nsubj:pass", "nmod:poss", "det:poss") or tok.head.i == tok.i:
        return set()
    out = set()
    for s in subjects(tok.head, grammar):
        while s.dep_ == "conj" and s.head.i != s.i:
            s = s.head
        out.add(s.i)
    return out


def _speaker(doc, by_token, grammar) -> list[Mention]:
    """Who speaks in the sentence: the named subject of one of its speech verbs ('"We will not
    negotiate," Erdogan said', 'Assad zegt: ...')."""
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and grammar.key(tok) in grammar.speech:
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                if subj.i in by_token:
                    return by_token[subj.i]
    return []


def _quoted(doc, by_token, grammar, kg_index, last_speaker: list) -> None:
    """First-person pronouns inside reported speech stand for the speaker named in the sentence,
    else for the one of the sentence before."""
    named_speaker = _speaker(doc, by_token, grammar)
    speaker = named_speaker or last_speaker[0]
    firsts = [tok for tok in doc if grammar.pronouns.get(tok.lower_) == "speaker" and tok.i not in by_token]
    for tok in firsts if speaker else ():
        k = kg_index(tok)
        by_token[tok.i] = [replace(m, start=k, end=k + 1, text=tok.text, via=Via.SPEAKER) for m in speaker]
    # the speaker of this sentence for the next; a first-person subject does not name one
    last_speaker[0] = _speaker(doc, by_token, grammar) if firsts else named_speaker


def resolve(doc: Doc, by_token: dict[int, list[Mention]], history: list[list[Named]], grammar: Grammar,
            kg_index: dict, last_speaker: list | None = None, known: Known | None = None,
            home: dict[str, int] | None = None) -> None:
    """Add a mention for each pronoun, description and counted group of `doc` whose antecedent
    is found (in place)."""
    _quoted(doc, by_token, grammar, kg_index, last_speaker if last_speaker is not None else [[]])
    titles = known.titles if known is not None else frozenset()
    _descriptions(doc, by_token, named(doc, by_token, titles), history, grammar, kg_index, known, home or {})
    here = named(doc, by_token, titles)
    _described(doc, by_token, here, history, grammar, kg_index)
    for tok in doc:
        kind = grammar.pronouns.get(tok.lower_)
        if kind is None or kind == "speaker" or tok.i in by_token or tok.dep_ == "expl" or tok.pos_ not in ("PRON", "DET") \
                or (tok.dep_ == "det" and tok.lower_ in grammar.definite) \
                or (tok.dep_ == "obj" and tok.lower_ in grammar.act_pronouns):   # "denied it": a claim
            continue
        before = [n for n in here if n.mention.start < kg_index(tok)]
        own = _own_subjects(tok, grammar)          # "they pledged to fight IS and to separate
        before = [n for n in before if n.group not in own]   # them": not the clause's subject
        ranked = [n for n in reversed(before) if n.subject and n.main] + \
            [n for n in reversed(before) if n.subject and not n.main]
        if tok.dep_ not in ("nsubj", "nsubj:pass"):       # an object may take a nearer object
            ranked += [n for n in reversed(before) if not n.subject]
        for sent in reversed(history[-2:]):
            ranked += [n for n in sent if n.subject] + [n for n in sent if not n.subject]
        for cand in ranked:
            if _fits(kind, cand):
                k = kg_index(tok)
                members = [cand] if cand.number != "pl" else [n for n in _sentence_of(cand, here, history)
                                                        if n.group == cand.group] or [cand]
                by_token[tok.i] = [replace(n.mention, start=k, end=k + 1, text=tok.text, via=Via.PRONOUN)
                                   for n in members]
                break
    history.append(named(doc, by_token, titles))   # the pronouns resolved here count as named for the
    # sentences after ("In een verklaring veroordelen [zij] de aanval. [Ze] eisen ...")

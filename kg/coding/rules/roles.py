"""Roles: for a cue, who acts and who is acted on (subject, object, passive agent, possessor,
prepositions, converse cues, predicate nouns, ...). Part of the extractor (kg.coding.rules.extract), as a mixin.
"""
from __future__ import annotations

from kg.base.model import SYMMETRIC, Mention, Token, Via
from kg.coding.rules.clauses import (
    QUOTES,
    Clause,
    _clause_of,
    _reach,
    _scope,
    _that_next,
)
from kg.knowledge.lexicon import Cue, matches

#: Categories whose object may be an event ("condemned the US strike" accuses the US).
ATTITUDE = frozenset({"SUPPORT", "ACCUSE", "REJECT", "PROTEST", "REQUEST"})
#: Categories whose subject may be an event ("a US airstrike killed ..." is the US's assault).
FORCE = frozenset({"ASSAULT", "COERCE"})


class Roles:
    """Role methods of the Extractor."""

    def _roles(self, toks, cue: Cue, i: int, end: int, clause: Clause, clauses, groups,
               memo: dict[int, str | None] | None = None):
        """(actor, recipient) mention pairs for the cue at token i (see the module docstring).
        `memo`: the governing prepositions of the sentence's mentions by start token, kept by the
        caller across the cues of one sentence (the same for each cue; a long sentence has many)."""
        w = self.words
        scope = _scope(clauses, clause)
        ingroups = [g for g in groups if scope.start <= g[0].start < scope.end]
        own = [g for g in groups if clause.start <= g[0].start < clause.end]
        memo = {} if memo is None else memo
        for g in groups:
            if g[0].start not in memo:
                memo[g[0].start] = self._prep(toks, g[0], _clause_of(clauses, g[0].start))
        preps = {id(g): memo[g[0].start] for g in groups}
        holders = [g for g in own if g[0].via == Via.HOLDER]
        along = [g for g in own if self._comitative(toks, g)]

        def bare(gs, speakers=True, events=False):
            return [g for g in gs if preps[id(g)] is None and g[0].via != Via.HOLDER and g not in along
                    and (events or g[0].via != Via.EVENT) and (speakers or not self._speaker(toks, g))]

        actor = recipient = None
        inside = [g for g in groups if g[0].start <= i < g[-1].end]
        after_cue = [g for g in own if g[0].start >= end]
        before_cue = [g for g in own if g[0].end <= i]
        passive = cue.kind == "verb" and self._passive(toks, i, clause) \
            and not cue.recipient_preps & w["passive_agent"]       # "disappointed by X": X is what it is about
        if inside:
            actor = inside[0]
        elif cue.kind == "noun" and i > 0 and toks[i - 1].lower in ("'s", "’s"):
            actor = next((g for g in before_cue if g[-1].end == i - 1), None)
        if actor is None and cue.kind == "noun":          # "his first formal meeting with ..."
            actor = next((g for g in groups if g[0].via == Via.POSSESSOR and g[-1].end <= i
                          and self._event_after(toks, g[-1].end) == i), None)
        if actor is None and cue.actor_preps and not cue.converse and cue.kind == "noun":
            near = [g for g in after_cue if preps[id(g)] in cue.actor_preps and g[0].start - end <= 4]
            near += [g for g in after_cue if preps[id(g)] in w["passive_agent"] and g not in near]
            actor = near[0] if near else None
        if passive and actor is None:
            agents = [g for g in after_cue + before_cue if g[0].via != Via.HOLDER and (
                preps[id(g)] in w["passive_agent"]                 # "in a statement by Egypt": the agent inside
                or any(toks[k].lower in w["passive_agent"] for k in range(g[0].start + 1, g[0].end)))]
            if not agents and cue.category in FORCE:      # "was killed in a US counter-terrorism operation"
                agents = [g for g in after_cue if g[0].via == Via.EVENT and preps[id(g)] in ("in", "bij")]
            actor = agents[0] if agents else None
            if actor is not None:
                attitude = cue.category in ATTITUDE           # "De Russische aanval werd door X veroordeeld"
                subj = bare(before_cue, events=attitude) or bare([g for g in ingroups if g[0].end <= i], events=attitude)
                if self._reduced(toks, i):
                    prev = [g for g in ingroups if g[0].end <= i and g is not actor]
                    subj = prev[-1:] or subj
                recipient = subj[0] if subj else None
                if recipient is None and holders:
                    recipient = holders[0]
            return _pairs(cue, actor, recipient)
        if self._converse(toks, cue, i, clause):
            src = [g for g in own if preps[id(g)] in (cue.actor_preps or w["source_prep"])]
            actor = actor or (src[0] if src else None)
            subj = [g for g in bare(own) if g is not actor and g[0].end <= i] or \
                [g for g in bare(ingroups) if g is not actor and g[0].end <= i] or self._subject_before(clauses, clause, groups, bare, toks)
            return _pairs(cue, actor, subj[0] if subj else None)
        targets = [g for g in own if g[0].start >= end and preps[id(g)] in cue.recipient_preps and g not in along] + \
                  [g for g in holders if g[0].start >= end]
        if not targets and cue.kind == "verb" and not [g for g in bare(own) if g[0].start >= end]:
            reach = clause.end                            # "stuurde vliegtuigen met groenten en fruit naar Doha"
            for nxt in clauses[clauses.index(clause) + 1:]:
                first = toks[nxt.start]
                if not nxt.soft or first.lemma != first.lower or self.by_word.get(first.lemma):
                    break                                 # "... and called a meeting": another verb's clause
                reach = nxt.end
            targets = [g for g in groups if clause.end <= g[0].start < reach and g not in along
                       and preps.get(id(g), self._prep(toks, g[0], _clause_of(clauses, g[0].start))) in cue.recipient_preps][:1]
        if cue.kind == "verb" and targets:                    # "met with the IMF, then with President Trump"
            for nxt in clauses[clauses.index(clause) + 1:]:
                k = nxt.start
                while k < nxt.end and toks[k].lower in w["coordination"] | {"then", "daarna", "also", "ook", ","}:
                    k += 1
                more = [g for g in groups if nxt.start <= g[0].start < nxt.end and preps.get(id(g)) in cue.recipient_preps
                        and g[0].start <= k + 3] if nxt.soft and k < nxt.end and toks[k].lower in cue.recipient_preps else []
                if not more:
                    break
                targets = targets + [g for g in more if g not in targets]
        if cue.kind == "verb" and len(targets) > 1:           # "called on Turkey to halt drilling in the EEZ of Cyprus"
            cut = next((k for k in range(end, len(toks) - 1) if toks[k].lower in ("to", "te", "om")
                        and toks[k + 1].text.isalpha() and toks[k + 1].text.islower()
                        and toks[k + 1].lower not in w["determiners"]), None)
            if cut is not None and targets[0][0].start < cut:
                targets = [g for g in targets if g[0].start < cut]
        early = [g for g in own if g[0].end <= i and g is not actor and preps[id(g)] in cue.recipient_preps and g not in along]
        if actor is None and cue.kind == "verb" and toks[i].lower.endswith("ing") and i > 0:
            near = [g for g in ingroups if i == g[-1].end]               # "rebels fighting the regime"
            after = bare(after_cue)
            same = after and near and {m.actor for m in after[0]} & {m.actor for m in near[-1]}
            if near and toks[i - 1].lower not in w["passive_aux"] and not same:
                actor = near[-1]
        if actor is None and cue.kind == "verb" and clause.speech is not None and i > 0 \
                and toks[i - 1].lower in ("to", "te") and clause.start == clause.speech + 1 \
                and not any(t.lower in w["prepositions"] for t in toks[clause.start:i]):
            speaker = self._speaker_group(toks, clauses, clause, groups)   # "zeiden de acties te steunen"
            if speaker:
                objs = [g for g in bare(own, events=cue.category in ATTITUDE) if g[-1].end <= i]
                return _pairs(cue, speaker[0], objs[0] if objs else None)
        if actor is None and self.lex.lang == "en" and i > 0 and toks[i - 1].lower == "to" and cue.kind == "verb":
            near = [g for g in ingroups if g[0].end <= i and g[0].via not in (Via.HOLDER, Via.EVENT) and i - g[-1].end <= 6
                    and preps[id(g)] not in ("in", "at", "near", "into", "from") and not self._goal(toks, g)]
            actor = near[-1] if near else None        # "urged Turkey to attack", "Russia seeking to prop up"
        if actor is None:                        # "a US airstrike killed ...": an attack acts for its owner
            subj = bare([g for g in own if g[0].end <= i], events=cue.category in FORCE)
            if not subj and clause.soft:
                subj = self._subject_before(clauses, clause, groups, bare, toks)
            if not subj and clause.speech is not None and cue.kind == "verb" and not any(
                    t.lower in w["prepositions"] for t in toks[clause.start:i]):  # "Frankrijk zei de acties te steunen"
                subj = self._speaker_group(toks, clauses, clause, groups)
            if len(subj) > 1 and subj[0][0].via == Via.RELATIVE and subj[1][0].via == Via.PRONOUN:
                return _pairs(cue, subj[1], subj[0])   # "die ze ... beschouwen": the relative is the object
            if subj and cue.kind == "noun" and cue.category not in SYMMETRIC and not self._light(toks, subj[0][-1].end, i) \
                    and not (cue.category in ("SUPPORT", "COOPERATE") and self._predicate(toks, subj[0][-1].end, i)) \
                    and not (cue.category == "REQUEST" and _that_next(clauses, clause, toks)):   # "reageerde met de eis dat"
                subj = []                                           # "X condemned the shelling of Y"
            if subj:
                actor = subj[0]
            elif self.lex.lang == "nl" or cue.category in SYMMETRIC:     # Dutch inversion
                later = bare(after_cue)
                actor = later[0] if later else None
        between = [g for g in targets + early if preps[id(g)] in ("between", "tussen") and len({m.actor for m in g}) > 1]
        if between and cue.category in SYMMETRIC:
            if cue.kind == "verb" and actor is not None and not {m.actor for m in actor} & {m.actor for m in between[0]} \
                    and not any(m.via in (Via.DESCRIPTOR, Via.PRONOUN) for m in between[0]):
                return [p for m in between[0] for p in _pairs(cue, actor, [m])]   # "Egypte bemiddelt tussen Israël en Hamas"
            return _pairs(cue, between[0], None)                    # "talks between Russia and Ukraine"
        if actor is None and cue.kind == "noun" and cue.category not in SYMMETRIC:
            return []
        if targets and self.lex.lang == "nl":                       # "Behalve tegen IS strijden ..."
            targets = early + targets
        first_object = [g for g in bare(own, speakers=False) if g is not actor and end <= g[0].start <= end + 3
                        and self._object_path(toks, end, g[0].start, actor)] if cue.kind == "verb" else []
        if targets and first_object and first_object[0][0].start < targets[0][0].start:
            targets = []                                            # "urged Putin to use his influence on Assad"
        if targets:
            return [p for g in targets for p in _pairs(cue, actor, g)]
        if cue.kind == "noun" and cue.category == "REQUEST" and actor and _that_next(clauses, clause, toks):
            nxt = clauses[clauses.index(clause) + 1]         # "reageerde met de eis dat de Franse troepen vertrekken"
            said = bare([g for g in groups if nxt.start <= g[0].start < nxt.end and g is not actor])[:1]
            if said:
                return [p for g in said for p in _pairs(cue, actor, g)]
        if cue.kind == "noun":
            if cue.category in SYMMETRIC and i > 0 and toks[i - 1 - (toks[i - 1].lower in w["determiners"])].lower \
                    in ("in", "during", "at", "tijdens", "bij"):   # "stelde Poetin in een telefoongesprek voor"
                others = [g for g in bare(own) if g is not actor]
                return _pairs(cue, actor, others[0] if others else None)
            if cue.category in ("SUPPORT", "COOPERATE") and actor:   # "Russia is Assad's main backer"
                owner = [g for g in groups if g[-1].end < i and g[-1].end < len(toks) and toks[g[-1].end].lower in ("'s", "’s")
                         and i - g[-1].end <= 4 and g is not actor]
                if owner:
                    return _pairs(cue, actor, owner[-1])
            return _pairs(cue, actor, None) or _lone(actor)   # a noun's partners come with its prepositions
        attitude = cue.category in ATTITUDE
        owned = [g for g in own if preps[id(g)] in ("of", "van") and self._possessed(toks, g) and g not in along]
        objects = [g for g in bare(own, speakers=False, events=attitude) + owned if g is not actor and g[0].start >= end
                   and self._object_path(toks, end, g[0].start, actor)] if not cue.topical else []
        objects.sort(key=lambda g: g[0].start)
        span = toks[clause.start:clause.end]
        if any(t.lower in w["reciprocal"] for t in span) or \
                any(f"{a.lower} {b.lower}" in w["reciprocal"] for a, b in zip(span, span[1:])):
            return _pairs(cue, actor, actor, reciprocal=True)            # "hebben elkaar beschuldigd"
        n = clauses.index(clause)
        if not objects and cue.category == "THREATEN" and cue.kind == "verb":   # "threatened to strike the US"
            reach = _reach(clauses, clause)
            objects = [g for g in bare(groups, speakers=False) if end <= g[0].start < reach and g is not actor][:1]
        if not objects and n + 1 < len(clauses) and clauses[n + 1].soft \
                and toks[clauses[n + 1].start - 1].lower in w["coordination"]:
            nxt = clauses[n + 1]                                # 'accused "terrorists and the opposition"'
            objects = [g for g in groups if nxt.start <= g[0].start <= nxt.start + 1
                       and (g[0].start == nxt.start or toks[nxt.start].lower in w["determiners"])
                       and not (g[-1].end < len(toks) and (toks[g[-1].end].lemma != toks[g[-1].end].lower
                                                         or self.by_word.get(toks[g[-1].end].lemma)))]
        if not objects and cue.category in ("REQUEST", "ACCUSE", "THREATEN") and _that_next(clauses, clause, toks):
            nxt = clauses[n + 1]                                # "eiste dat Turkije zijn troepen terugtrekt"
            objects = bare([g for g in groups if nxt.start <= g[0].start < nxt.end])[:1]
        if not objects and attitude:          # "condemned an attack by ISIS", "dismissed the claim from Berlin"
            objects = [g for g in own if g[0].start >= end and not any(t.lower in w["generic"] for t in toks[end:g[0].start]) and (
                (preps[id(g)] in w["passive_agent"] | {"of", "van", "between", "tussen"}
                 and any(self._is_event_noun(t) or t.lemma in w["speech"] or t.lower in w["act_nouns"]
                         for t in toks[end:g[0].start]))
                or (preps[id(g)] in w["source_prep"] and any(t.lemma in w["speech"] for t in toks[end:g[0].start]))
                or (g[0].via == Via.EVENT and preps[id(g)] in ("of", "van"))           # "sprak van een Russische aanval"
                or (cue.needs and preps[id(g)] in ("of", "van") and g[0].start - end <= 4))][:1]   # "noemde de eedaflegging van X"
        if not objects and early:
            return [p for g in early for p in _pairs(cue, actor, g)]
        if self.lex.lang == "nl" and actor:      # Dutch verb-final: "dat ze X terugdrongen", "heeft X ... beschuldigd"
            final = sorted([g for g in bare(own, events=attitude) + owned if g is not actor
                            and g[0].start > actor[0].start and g[-1].end <= i], key=lambda g: g[0].start)
            perfect = final and any(t.lower in w["perfect_aux"] for t in toks[actor[-1].end:final[0][0].start])
            if final and (not objects or perfect):
                objects = final
        if not objects and cue.reciprocal and actor and len({m.actor for m in actor}) > 1:
            return _pairs(cue, actor, actor, reciprocal=True)            # "Armeense en Azerbeidzjaanse troepen vechten"
        return _pairs(cue, actor, objects[0] if objects else None) or _lone(actor)

    def _needs(self, toks, cue: Cue, i: int, clause: Clause, clauses, people: frozenset[int] = frozenset()) -> bool:
        """A word the cue needs is near it, in its clause or the clauses that continue it
        (in English after the cue: "called them terrorists"; in Dutch also before: "als
        terroristische organisatie beschouwen"). `@person` in `needs` is met by a person named
        there (token indices `people`): "erkende Guaidó"."""
        lo = max(clause.start, i - 12) if self.lex.lang == "nl" else i
        hi = min(_reach(clauses, clause), i + 16) if self.lex.lang == "nl" else _reach(clauses, clause)
        if "@person" in cue.needs and any(lo <= k < hi and k != i for k in people):
            return True
        return any(matches(p, t.lower) for p in cue.needs for t in toks[lo:hi])

    def _is_event_noun(self, t: Token) -> bool:
        return any(c.kind == "noun" for c in self.by_word.get(t.lower, ()))

    def _possessed(self, toks, g) -> bool:
        """"luchtafweerinstallaties van het Libische leger", "positions of IS": a thing of the actor,
        right after the verb or its subject, stands for the actor as an object."""
        k = g[0].start - 1
        while k > 0 and toks[k].lower in self.words["determiners"]:
            k -= 1
        return k > 0 and toks[k].lower in ("of", "van") and toks[k - 1].text.isalpha() and toks[k - 1].text.islower() \
            and toks[k - 1].lower not in self.words["quantity"] and not self.by_word.get(toks[k - 1].lemma) \
            and not self.by_word.get(toks[k - 1].lower)

    def _object_path(self, toks, end: int, start: int, actor=None) -> bool:
        """Nothing between a verb and its object that starts another phrase ("urged its citizens
        to leave Iraq": Iraq is not what was urged). The subject may stand there (Dutch inversion:
        "bestookt een door Saudi-Arabië geleide coalitie de Houthi's"), and in Dutch a place
        ("steunt in Idlib de rebellen")."""
        w = self.words
        skip = {k for m in (actor or ()) for k in range(m.start, m.end)}
        k = end
        while k < start:
            if k in skip:
                k += 1
                continue
            low = toks[k].lower
            if low in QUOTES:                      # 'veroordeelde de "ongerechtvaardigde aanval" van X'
                k += 1
                continue
            if low in ("such", "zoals") or (low == "as" and k > 0 and toks[k - 1].lower == "such"):
                k += 1                            # "encouraged allies such as Germany"
                continue
            phrase = next((p for p in self.adverbial_first.get(low, ())
                           if tuple(t.lower for t in toks[k:k + len(p)]) == p and k + len(p) <= start), None)
            if phrase:                            # "ontbood op zijn beurt de Iraanse ambassadeur"
                k += len(phrase)
                continue
            if self.lex.lang == "nl" and low in ("in", "op", "bij", "rond", "nabij") and k + 1 < start \
                    and toks[k + 1].text[:1].isupper():
                k += 1                            # "in Idlib": a place, not the start of an object
                while k < start and toks[k].text[:1].isupper():
                    k += 1
                continue
            if low in ("to", "te", "om") or (low in w["prepositions"] and not (
                    low in ("of", "van") and k > 0 and (toks[k - 1].lower in w["quantity"] or toks[k - 1].text.isdigit()))):
                return False
            k += 1
        return True

    def _goal(self, toks, g) -> bool:
        """The mention is where a motion verb goes: "came to Iraq", "sent troops to Syria"."""
        k = g[0].start - 1
        while k >= 0 and toks[k].lower in self.words["determiners"]:
            k -= 1
        if k < 0 or toks[k].lower not in ("to", "naar"):
            return False
        return any(t.lemma in self.words["motion"] or t.lower in self.words["motion"] for t in toks[max(0, k - 4):k])

    def _comitative(self, toks, g) -> bool:
        """A mention after "samen met", "together with": a partner of the actor, not a target."""
        k = g[0].start
        if "" in self.comitative_last:                           # an empty phrase stands before anything
            return True
        for back in (0, 1):                                      # one determiner may come between
            if k - 1 - back < 0:
                continue
            for parts in self.comitative_last.get(toks[k - 1 - back].lower, ()):   # phrases ending there
                n = len(parts)
                if k - n - back >= 0 and [t.lower for t in toks[k - n - back:k - back]] == parts \
                        and (back == 0 or toks[k - 1].lower in self.words["determiners"]):
                    return True
        return False

    def _converse(self, toks, cue: Cue, i: int, clause: Clause) -> bool:
        """The subject receives: "received missiles from the US", "kan rekenen op de steun van X",
        "met steun van Russische gevechtsvliegtuigen", "at the request of Bolivia"."""
        w = self.words
        if cue.converse:
            return True
        if cue.kind != "noun":
            return False
        span = toks[clause.start:clause.end] if self.lex.lang == "nl" else toks[clause.start:i]
        if any(t.lemma in w["converse"] or t.lower in w["converse"] for t in span):
            return True
        if cue.category == "REQUEST" and i + 1 < len(toks) and toks[i + 1].lower in ("that", "dat"):
            return False                                # "reageerde met de eis dat ...": the subject asks
        before = [t.lower for t in toks[max(clause.start, i - 3):i] if t.lower not in w["determiners"]
                  and not t.text[:1].isupper()]         # "met Russische luchtsteun", "with Russian air support"
        return bool(before) and (before[-1] in w["converse_prep"] or " ".join(before[-2:]) in w["converse_prep"])

    def _subject_before(self, clauses, clause, groups, bare, toks=()) -> list:
        """The subject of the nearest clause before, across commas and "and"."""
        for prev in reversed(clauses[:clauses.index(clause)]):
            subj = bare([g for g in groups if prev.start <= g[0].start < prev.end])
            if subj and subj[0][0].via == Via.RELATIVE and subj[0][0].start == prev.start:
                continue                          # "X, die zich hadden onthouden, riepen ...": X
            if subj and toks and self._after_verb(toks, prev.start, subj[0][0].start):
                continue                          # "..., blamed the opposition ... and accused": not a subject
            if subj or not prev.soft:
                return subj
        return []

    def _after_verb(self, toks, start: int, k: int) -> bool:
        """English: a verb cue stands between the clause start and token k, so the mention at k
        is that verb's object, not a subject."""
        return self.lex.lang == "en" and any(c.kind == "verb" for t in toks[start:k]
                                             for c in self.by_word.get(t.lemma, ()))

    def _speaker_group(self, toks, clauses, clause, groups) -> list:
        """The group that speaks the speech verb a reported clause depends on."""
        v = clause.speech
        speaking = _clause_of(clauses, v)
        scope = _scope(clauses, speaking)
        before = [g for g in groups if scope.start <= g[0].start and g[-1].end <= v
                  and self._prep(toks, g[0], _clause_of(clauses, g[0].start)) is None]
        near = [g for g in before if g[0].start >= speaking.start]
        return near[-1:] or before[:1]             # "X said" / "X condemned Y and said"

    def _light(self, toks, start: int, i: int) -> bool:
        """A light verb governs the noun at i: "began a military offensive", "carried out strikes",
        "reached a deal", and in Dutch also after it: "een akkoord te bereiken"."""
        w = self.words
        for k in range(i - 1, max(start, i - 5) - 1, -1):
            t = toks[k]
            if t.lemma in w["light"] or t.lower in w["light"]:
                return True
            if t.lower in w["prepositions"] and t.lower not in ("out", "aan") or not t.text.isalpha():
                break                              # "carried out strikes", "begonnen aan oefeningen"
        if self.lex.lang == "nl":                  # inversion: "leveren Oekraïense troepen zware gevechten"
            for k in range(start - 1, max(0, start - 6) - 1, -1):
                if toks[k].lemma in w["light"] or toks[k].lower in w["light"]:
                    return True
                if not toks[k].text.isalpha() or toks[k].text[:1].isupper() and k < start - 3:
                    break
            for t in toks[i + 1:i + 9]:                # verb-final: "die een strijd tegen de Turkse staat voert"
                if t.lemma in w["light"] or t.lower in w["light"]:
                    return True
                if not t.text.isalpha():
                    break
        return False

    def _predicate(self, toks, start: int, i: int) -> bool:
        """"Iran is a key ally of Damascus": a copula links the subject to the noun."""
        span = toks[start:i]
        return len(span) <= 8 and any(t.lower in self.words["copula"] or t.lemma in self.words["copula"] for t in span) \
            and not any(t.lower in self.words["prepositions"] for t in span)

    def _speaker(self, toks, group) -> bool:
        """A mention right before a speech verb: "..., the SOHR reported", "... here" Kerry told CNN"."""
        k = group[-1].end
        return k < len(toks) and (toks[k].lemma in self.words["speech"] or toks[k].lower in self.words["speech"])

    def _passive(self, toks, i: int, clause: Clause) -> bool:
        w = self.words
        window = toks[max(clause.start, i - 4):i]
        if toks[i].lower.endswith("ing") and self.lex.lang == "en":
            return False                                   # "are bombing": progressive, not passive
        if any(t.lower in w["passive_aux"] or t.lemma in w["passive_aux"] for t in window) and (
                toks[i].lower != toks[i].lemma or any(t.lower in w["passive_agent"] for t in toks[i:i + 6])):
            return True
        if self.lex.lang == "nl":            # "werd Guaidó door president Trump erkend", "zijn door Hamas ontvoerd"
            aux = next((k for k in range(clause.start, i) if toks[k].lower in w["passive_aux"] | w["copula"]), None)
            if aux is not None and any(t.lower in w["passive_agent"] for t in toks[aux + 1:i]):
                return True
        return self._reduced(toks, i)

    def _reduced(self, toks, i: int) -> bool:
        """A participle with its agent and no auxiliary: "militias backed by the United States"."""
        w = self.words
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        return toks[i].lower.endswith(("ed", "d", "t")) and toks[i].lower != toks[i].lemma and nxt in w["passive_agent"]


def _lone(actor) -> list[tuple[Mention, None]]:
    """An actor with no recipient: not an event kg emits, but remembered for later references."""
    return [(actor[0], None)] if actor else []


def _pairs(cue: Cue, actor, recipient, reciprocal: bool = False) -> list[tuple[Mention, Mention]]:
    """(actor, recipient) mentions for the groups; a symmetric event among a group of actors
    ("Obama and Putin met", "brokered by the US and Russia") is between them; a reciprocal one
    ("accused each other") goes both ways."""
    if reciprocal:
        return [(a, r) for a in actor for r in actor if a.actor != r.actor] if actor else []
    out = []
    if actor and cue.category in SYMMETRIC and len({m.actor for m in actor}) > 1:
        recipient = None
    if actor and recipient:
        out = [(a, r) for a in actor for r in recipient if a.actor != r.actor]
    elif actor and cue.category in SYMMETRIC and len({m.actor for m in actor}) > 1:
        out = [(a, r) for n, a in enumerate(actor) for r in actor[n + 1:] if a.actor != r.actor]
    return out

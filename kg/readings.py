"""Words that change how a cue reads: a mixin of the extractor (kg.extract).

- a negation after the verb of a Dutch main clause ("veroordeelde de aanval niet");
- a plain negator before a cue ("did not pull out");
- a verb that leaves or calls off what an agreement or meeting noun names ("pulled out of the
  deal": REJECT; "called off the talks": negated), on either side of the noun;
- a definite agreement or meeting noun with no partner after it, which refers back;
- a separable particle that ends the clause and makes the verb another one ("spraken ... uit");
- a refusal that names the act it refuses ("refused to negotiate").
The words are the lexicon's (`postverbal_negation`, `negator`, `exit`, `cancel`, `particles`, ...).
"""
from __future__ import annotations

from .clauses import QUOTES


class Readings:
    """Reading methods of the Extractor (which gives `words`, `by_word`, `_prep`)."""

    def _refused_act(self, toks, end: int, clause) -> bool:
        """A refusal names what it refuses: an infinitive of an event verb ("refused to negotiate")."""
        for k in range(end, min(clause.end, len(toks)) - 1):
            if toks[k].lower in ("to", "te"):
                nxt = toks[k + 1]
                return bool(self.by_word.get(nxt.lemma) or self.by_word.get(nxt.lower))
        return False

    def _told_before(self, toks, i: int, cue, clause, groups) -> bool:
        """A definite agreement or meeting noun with no partner after it ("welcomed the deal",
        "de uitvoering van het akkoord") names an event told before, not a new one."""
        if i == 0 or toks[i - 1].lower not in self.words["definite"]:
            return False
        return not any(self._prep(toks, g[0], clause) in cue.recipient_preps
                       for g in groups if i < g[0].start < clause.end)

    def _stranded_particle(self, toks, i: int) -> bool:
        """A separable particle ends the clause of the verb at i, so the verb is another one:
        "Brazilië en Colombia spraken hun steun uit" (uitspreken). Only for a verb before its
        object (a Dutch main clause); "afspraken" or "uitgesproken" are words of their own."""
        particles = self.words["particles"]
        if not particles:
            return False
        k = i + 1
        while k < len(toks) and toks[k].lower not in (",", ".", ";", ":", "!", "?") and toks[k].lower not in QUOTES \
                and toks[k].lower not in self.words["coordination"] and toks[k].lower not in self.words["clause_open"]:
            k += 1
        if k > i + 1 and toks[k - 1].lower in particles:
            return True
        return any(toks[j].lower in particles and toks[j + 1].lower in self.words["prepositions"]
                   for j in range(i + 2, k - 1))      # "sprak haar steun uit voor het parlement"

    def _undone(self, toks, i: int, clause) -> str | None:
        """"exit" when a verb before the noun at i in its clause leaves what it names ("pulled out
        of the deal", "stapt uit het akkoord"), "cancel" when one calls it off ("cancelled the
        meeting", "zegde de ontmoeting af"); a separable verb `particle_verb` needs its particle in
        the clause."""
        lows = {t.lower for t in toks[clause.start:clause.end]}
        for kind in ("exit", "cancel"):
            for word in self.words[kind]:
                particle, _, verb = word.rpartition("_")
                if particle and particle not in lows:
                    continue
                if any(t.lemma == verb or t.lower == verb for t in toks[max(clause.start, i - 10):clause.end] if t is not toks[i]):
                    return kind
        return None

    def _plainly_negated(self, toks, i: int, clause) -> bool:
        """A plain negator ("not", "niet") before the cue in its clause: "did not pull out of the deal"."""
        return any(t.lower in self.words["negator"] for t in toks[clause.start:i])

    def _negated_after(self, toks, i: int, clause) -> bool:
        """A negation after the verb of a main clause ("Saoedi-Arabië veroordeelde de aanval niet",
        "de EU erkende Guaidó nog niet"): words of `postverbal_negation`, up to the clause's end, but
        not "niet alleen" (not only)."""
        after = self.words["postverbal_negation"]
        if not after or toks[i].lower in self.words["negation"] or (
                self._is_event_noun(toks[i]) and not any(c.kind == "verb" for c in self.by_word.get(toks[i].lemma, ()))):
            return False                          # a noun: "tijdens een gesprek ... zijn ze er niet in geslaagd"
        for k in range(i + 1, clause.end):
            low = toks[k].lower
            if low in QUOTES or low in self.words["clause_open"] or low in ("om", "te"):
                return False                      # 'met sancties "zoals ze die nooit gezien hebben"', "om ... niet te"
            if low in after:
                nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
                return not (nxt in self.words["postverbal_exceptions"] or nxt in ("te", "om")
                            or any(t.lower in ("te", "om") for t in toks[k + 1:min(k + 4, clause.end)]))
        return False

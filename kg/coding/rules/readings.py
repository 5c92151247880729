"""Words that change how a cue reads: a mixin of the extractor (kg.coding.rules.extract).

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

from kg.coding.rules.clauses import QUOTES
from kg.knowledge.lexicon import Cue


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

    # -- cues -----------------------------------------------------------------------------------
    def _cues_at(self, toks, i: int, ends: set[int] = frozenset(), inside: set[int] = frozenset(),
                 starts: set[int] = frozenset()) -> list[tuple[Cue, int]]:
        tok = toks[i]
        found: list[tuple[Cue, int]] = []
        keys = {tok.lower, tok.lemma}
        if self.lex.lang == "en" and tok.lower.endswith("ing") and len(tok.lower) > 5:
            stem = tok.lower[:-3]                         # "bombing" -> "bomb", "targeting" -> "target"
            keys |= {stem, stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
        if self.lex.lang == "nl" and not (self.by_word.keys() & keys):
            keys |= _dutch_infinitives(tok.lower)          # "veroordeelde" -> "veroordelen"
        if "-" in tok.lower:
            keys.add(tok.lower.rsplit("-", 1)[1])
        for key in keys:
            for cue in self.by_word.get(key, ()):
                end = i + len(cue.words)
                if tuple(t.lower for t in toks[i + 1:end]) == cue.words[1:]:
                    found.append((cue, end))
        # separable Dutch verbs: "dringen ... terug", "terug te dringen"
        for cue in self._separable(tok.lemma):
            particle = cue.words[0].split("_")[0]
            if any(t.lower == particle and not (j + 1 < len(toks) and toks[j + 1].lower in self.words["determiners"]
                                                 and toks[j + 1].lower not in self.words["clause_open"]
                                                 and not any(x.lower == "te" for x in toks[j + 2:j + 10]))
                   for j, t in enumerate(toks[:i + 12]) if j >= i - 3 and t is not tok):
                found.append((cue, i + 1))        # "stelde Israël verantwoordelijk voor de escalatie": no voorstellen,
                                                  # "riep X op de wapens neer te leggen": oproepen
        if not found and self.lex.lang == "nl" and len(tok.lower) > 6:   # closed compounds
            for noun in self.compound_nouns:
                if tok.lower.endswith(noun) or tok.lower.endswith(noun + "en"):
                    found.extend((c, i + 1) for c in self.by_word[noun] if c.kind == "noun")
                    break
        kinds = {c.kind for c, _ in found}
        if self.lex.lang == "en" and tok.lower.endswith("ed") and i + 1 in starts and i > 0 and i not in ends \
                and (toks[i - 1].lower in self.words["determiners"] | self.words["prepositions"]
                     or toks[i - 1].lower.endswith("ing")):
            return []                                    # "guarding captured ISIS militants": an adjective
        if i > 0 and tok.lower.endswith(("ing", "end")) and toks[i - 1].lower in self.words["degree"]:
            return []                                    # "more welcoming than", "zeer steunend": an adjective
        if tok.lower in self.lex.agents or i in inside or (     # "Arab allies", "the US strike": nouns
                i > 0 and toks[i - 1].lower in self.words["definite"] | {"a", "an", "een"}   # "the fight"
                and i not in ends):                              # not "the strike that killed": a relative
            found = [(c, e) for c, e in found if c.kind == "noun"]
        elif len(kinds) > 1:                     # "the attacks on" (noun) or "Russia attacks" (verb)
            kind = self._kind_at(toks, i, ends)
            if kind:
                found = [(c, e) for c, e in found if c.kind == kind]
        seen, out = set(), []
        for cue, end in found:
            if cue not in seen:
                seen.add(cue)
                out.append((cue, end))
        return out

    def _kind_at(self, toks, i: int, ends: set[int]) -> str | None:
        """Noun or verb, from the word before: a determiner, a possessive or a modifier makes a noun
        ("cross-border shelling"); an auxiliary, "to" or a subject right before makes a verb."""
        if i == 0:
            return None
        w = self.words
        prev = toks[i - 1]
        if prev.lower in w["passive_aux"] or prev.lower in ("to", "te", "have", "has", "had") \
                or prev.lower in w["future"] or prev.lower in w["hypothetical"] or i in ends:
            return "verb"
        if prev.lower in w["determiners"] or prev.lower in ("'s", "’s") or "-" in prev.lower \
                or (i > 1 and toks[i - 2].lower in w["determiners"] and prev.text.isalpha() and prev.text.islower()) \
                or (prev.text.isalpha() and prev.text.islower() and prev.lower.endswith(("al", "ic", "ive", "ed"))):
            return "noun"
        if self.lex.lang == "en" and prev.text.isalpha() and prev.text.islower() and not prev.lower.endswith("ly") \
                and toks[i].lower.endswith("s") and prev.lower not in w["prepositions"] \
                and prev.lower not in ("also", "still", "already", "now", "then", "again", "often", "never", "reportedly") \
                and prev.lower not in w["coordination"] and prev.lower not in w["pronoun_group"] | w["pronoun_person"] \
                and prev.lower not in w["relative"] and not self.by_word.get(prev.lemma):
            return "noun"                            # "rocket attacks": a noun after a noun
        return None

    def _separable(self, lemma: str) -> list[Cue]:
        return self.separable.get(lemma, [])

    # -- clauses --------------------------------------------------------------------------------
    def _light_use(self, toks, i: int, end: int) -> bool:
        """A verb that is also a light verb, with an event noun for its object: "pressed an
        offensive", "launched an attack" (the noun's own cue codes the event)."""
        if not (toks[i].lemma in self.words["light"] or toks[i].lower in self.words["light"]):
            return False
        for t in toks[end:end + 3]:
            if self._is_event_noun(t):
                return True
            if t.lower in ("to", "te") or not (t.lower in self.words["determiners"] or (
                    t.text.isalpha() and t.text.islower() and not self.by_word.get(t.lemma))):
                return False                      # "agreed to undertake exercises": an agreement
        return False


_VOWELS = "aeiou"


def _dutch_infinitives(word: str) -> set[str]:
    """Infinitives a Dutch past tense or participle may come from, for words the lemmatizer
    misses: "veroordeelde" -> "veroordelen", "bestookten" -> "bestoken", "geleverd" -> "leveren"."""
    out = set()
    stems = []
    for suffix in ("den", "ten", "de", "te", "d", "t"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.append(word[:-len(suffix)])
    for stem in list(stems):
        if stem.startswith("ge") and len(stem) > 4:
            stems.append(stem[2:])
    for stem in stems:
        forms = {stem}
        if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in _VOWELS and stem[-1] not in _VOWELS:
            forms.add(stem[:-2] + stem[-1])                 # "veroordeel" -> "veroordel"
        if stem.endswith("f"):
            forms.add(stem[:-1] + "v")
        if stem.endswith("s"):
            forms.add(stem[:-1] + "z")
        for f in list(forms):
            if len(f) >= 2 and f[-1] not in _VOWELS and f[-2] in _VOWELS and (len(f) < 3 or f[-3] not in _VOWELS):
                forms.add(f + f[-1])                        # "bestok" stays, "trok" -> "trokk"? only as a candidate
        out |= {f + "en" for f in forms}
    return out

"""Clauses and groups: where a sentence's clauses begin and end, which mentions act together, and
which preposition governs a mention. Part of the extractor (kg.coding.rules.extract), as a mixin of its class.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.base.model import Mention, Via

QUOTES = frozenset('"“”„«»')


@dataclass
class Clause:
    start: int
    end: int
    soft: bool = False          # begins at a comma or "and": may borrow the subject before
    reported: bool = False      # the complement of a speech verb
    speech: int | None = None   # the token of that speech verb


class Clauses:
    """Clause and group methods of the Extractor (uses self.words, self.lex, self.by_word)."""

    def _clauses(self, toks, mentions: list[Mention]) -> list[Clause]:
        w = self.words
        starts = {m.start for m in mentions} | {k for k in range(len(toks) - 1)   # "troops and their allies"
                                                 if toks[k].lower in w["possessive"] and toks[k + 1].lower in self.lex.agents}
        ends = {m.end for m in mentions}
        listed = {k for k in range(1, len(toks) - 1) if toks[k].text[:1].isupper() and toks[k].text.isalpha()
                  and toks[k - 1].lower in w["coordination"] | {","} and toks[k + 1].lower in w["coordination"] | {","}}
        starts, ends = starts | listed, ends | {k + 1 for k in listed}   # "Trump, May and Macron": a list
        cuts: dict[int, Clause] = {}          # start of a new clause -> how it starts
        speech_at: int | None = None
        inside = {k for m in mentions for k in range(m.start, m.end)}

        def cut(at: int, soft: bool = False, speech: int | None = None):
            old = cuts.get(at)
            if old is None:
                cuts[at] = Clause(at, at, soft, speech is not None, speech)
            else:                              # "said that": one clause, hard, reported
                cuts[at] = Clause(at, at, old.soft and soft, old.reported or speech is not None,
                                  old.speech if old.speech is not None else speech)

        for k, t in enumerate(toks):
            low = t.lower
            if k in inside or k == 0:
                continue
            if low in (";", ":"):
                cut(k + 1)
            elif low == ",":
                if not (k in ends and (k + 1 in starts or (k + 2 in starts and toks[k + 1].lower in w["coordination"]))):
                    cut(k + 1, soft=True)
            elif low in w["coordination"] and not (k in ends and (k + 1 in starts or (
                    k + 2 in starts and toks[k + 1].lower in w["determiners"]))) and not _quoted_pair(toks, k):
                cut(k + 1, soft=True)
            elif low in w["clause_open"]:
                nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
                if low == "as" and (toks[k - 1].lower == "such" or not (
                        k + 1 in starts or nxt in w["pronoun_group"] or nxt in w["pronoun_person"] or nxt in w["determiners"])):
                    continue                   # "as terrorists", "as well", "allies such as Germany": not a clause
                if low in ("dat", "that") and speech_at is not None and 0 < k - speech_at <= 6:
                    cut(k, speech=speech_at)        # "said on Monday that ...": still the report
                    continue
                if low in w["relative"] or low in ("dat", "that"):
                    prev = toks[k - 1].lower
                    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
                    if not (prev == "," or k in ends or toks[k - 1].lemma in w["speech"]
                            or nxt in w["determiners"] or nxt in w["pronoun_group"] or nxt in w["pronoun_person"]
                            or k + 1 in starts or low not in ("dat", "that", "die")):
                        continue
                cut(k)
            elif (t.lemma in w["speech"] or low in w["speech"]) and k + 1 < len(toks) \
                    and toks[k + 1].lower not in QUOTES and toks[k + 1].lower not in ("to", "te", ",", ".") \
                    and not self._particle_verb(toks, k) \
                    and not (toks[k - 1].lower in w["determiners"] and not t.lower.endswith("ing")):   # "the claim from Berlin": a noun
                if not any(x.lower in ("that", "dat") for x in toks[k + 2:k + 7]) \
                        or toks[k + 1].lower in ("that", "dat"):
                    cut(k + 1, speech=k)          # "warned the Iranian leaders that ...": "that" cuts
                speech_at = k
        out, start, how = [], 0, Clause(0, 0)
        for at in sorted(cuts):
            if at >= len(toks):
                continue
            out.append(Clause(start, at, how.soft, how.reported, how.speech))
            start, how = at, cuts[at]
        out.append(Clause(start, len(toks), how.soft, how.reported, how.speech))
        return out

    def _particle_verb(self, toks, k: int) -> bool:
        """The speech verb at k is part of another verb whose particle ends the clause: "zegde de
        ontmoeting af" (called off), "zegde steun toe" (promised)."""
        end = next((j for j in range(k + 1, len(toks)) if toks[j].lower in (",", ".", ";", ":", "!", "?")), len(toks))
        return end > k + 1 and toks[end - 1].lower in self.words["speech_particles"]

    def _groups(self, toks, mentions: list[Mention], clauses: list[Clause]) -> list[list[Mention]]:
        """Mentions joined by "en"/"and"/"," (and mentions sharing a span) act together; one name kg
        does not know may stand in the list ("Trump, May and Macron")."""
        w = self.words
        groups: list[list[Mention]] = []
        for m in mentions:
            if groups and m.via != Via.RELATIVE and groups[-1][-1].via != Via.RELATIVE and \
                    not self._fronted(toks, groups[-1][0], m) and \
                    (m.via != Via.PRONOUN or _clause_of(clauses, m.start) is _clause_of(clauses, groups[-1][-1].start)):
                last = groups[-1][-1]
                between = [t.lower for t in toks[last.end:m.start]]
                if len(groups[-1]) == 1 and "," in between and any(b in w["coordination"] for b in between) \
                        and _clause_of(clauses, m.start) is not _clause_of(clauses, last.start):
                    groups.append([m])                  # "X vroeg om Y, en Iran riep ...": a new clause's subject
                    continue
                names = [t for t in toks[last.end:m.start] if t.text[:1].isupper() and t.text.isalpha()]
                if m.start < last.end or (between and all(b in w["coordination"] or b == "," or b in w["determiners"]
                                                          or b in ("ook", "also", "both", "beide") for b in between
                                                          if not (len(names) == 1 and b == names[0].lower))
                                          and any(b in w["coordination"] or b == "," for b in between)) \
                        or (m.start == last.start):
                    groups[-1].append(m)
                    continue
            groups.append([m])
        return groups

    def _fronted(self, toks, first: Mention, m: Mention) -> bool:
        """"In Syria, Russian warplanes ...": a place phrase opening the sentence (or a clause) before a
        comma is no list with what follows; "steun van Rusland, China en Turkije" is one."""
        p = first.start - 1
        return p >= 0 and toks[p].lower in self.words["prepositions"] and \
            (p == 0 or toks[p - 1].lower in (",", ";", ":", "(") or (p == 1 and toks[0].text.isalpha())) and \
            "," in [t.lower for t in toks[first.end:m.start]] and not (
                m.start > 0 and toks[m.start - 1].lower == toks[first.start - 1].lower)

    def _prep(self, toks, m: Mention, clause: Clause) -> str | None:
        """The preposition that governs a mention ("tegen IS" -> "tegen"), looking back 4 tokens."""
        w = self.words
        k = m.start - 1
        steps = 0
        while k >= clause.start and steps < 4:
            low = toks[k].lower
            if k == clause.start and low in w["clause_open"]:
                break                               # "after Trump had ...": a conjunction here
            if any(tuple(t.lower for t in toks[k - len(p) + 1:k + 1]) == p
                   for p in self.adverbial_last.get(low, ()) if k - len(p) + 1 >= 0):
                break                               # "op zijn beurt het regime": no preposition of it
            two = f"{toks[k - 1].lower} {low}" if k > 0 else low
            if two in w["prepositions"]:
                return two
            if low in w["prepositions"]:
                if low == "to" and steps > 0 and toks[k + 1].lower not in w["determiners"]:
                    return None                             # "urged its citizens to leave Iraq": not a preposition
                if low in ("of", "van") and k > clause.start and (toks[k - 1].lower in w["quantity"]
                                                                  or toks[k - 1].text.isdigit()):
                    k -= 2                                  # "dozens of regime fighters": the fighters
                    steps += 1
                    continue
                return low
            if low in QUOTES:                       # 'van een "roekeloze" Russische aanval'
                k -= 1
                continue
            if self.lex.lang == "nl" and toks[k].lemma != low and toks[k].lemma.endswith("en") and low not in w["determiners"]:
                break                               # a Dutch verb ("bereikten de twee"): no preposition beyond it
            if low in w["determiners"] or (toks[k].text.isalpha() and toks[k].text.islower() and low not in w["passive_aux"]
                                           and not self.by_word.get(toks[k].lemma) and low not in w["coordination"]):
                k -= 1
                steps += 1
                continue
            break
        return None


def _that_next(clauses: list[Clause], clause: Clause, toks) -> bool:
    """The clause after `clause` opens with "that"/"dat": what was said, asked or demanded."""
    n = clauses.index(clause)
    return n + 1 < len(clauses) and toks[clauses[n + 1].start].lower in ("that", "dat")


def _quoted_pair(toks, k: int) -> bool:
    """The coordination at k joins two words inside a short quotation: 'de "niet-uitgelokte en
    ongerechtvaardigde aanval" van', not two clauses."""
    return any(t.lower in QUOTES for t in toks[max(0, k - 3):k]) and any(t.lower in QUOTES for t in toks[k + 1:k + 5])


def _scope(clauses: list[Clause], clause: Clause) -> Clause:
    """The clause with the soft clauses before it that it may borrow a subject from."""
    n = clauses.index(clause)
    start = clause.start
    while n > 0 and clauses[n].soft:
        n -= 1
        start = clauses[n].start
    return Clause(start, clause.end, clause.soft, clause.reported)


def _clause_of(clauses: list[Clause], k: int) -> Clause:
    for c in clauses:
        if c.start <= k < c.end:
            return c
    return clauses[-1]


def _reach(clauses: list[Clause], clause: Clause) -> int:
    """The end of a clause with the soft clauses that continue it ("X beschouwt Y, ..., als terrorist")."""
    n = clauses.index(clause)
    end = clause.end
    while n + 1 < len(clauses) and clauses[n + 1].soft:
        n += 1
        end = clauses[n].end
    return end




def _group_from(mentions: list[Mention]) -> list[Mention]:
    first = mentions[0]
    out = [first]
    for m in mentions[1:]:
        if m.start - out[-1].end <= 2:
            out.append(m)
        else:
            break
    return out


def _subject(groups, clauses) -> list[Mention]:
    for g in groups:
        if g[0].via not in (Via.HOLDER, Via.EVENT):
            return list(g)
    return []



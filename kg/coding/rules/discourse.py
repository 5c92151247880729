"""Discourse: what pronouns, relatives, possessives and descriptors ("the regime", "both
countries", "the operation") stand for, from the sentence and the sentences before. Part of the
extractor (kg.coding.rules.extract), as a mixin of its class.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.base.model import Mention, Via
from kg.coding.rules.clauses import QUOTES, _clause_of, _group_from

_COUNT = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "beide": 2, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}


#: Categories that react to an act rather than make one: "the move" is never a criticism.
REACTIONS = frozenset({"ACCUSE", "SUPPORT", "REJECT", "PROTEST"})


@dataclass
class Context:
    """What the sentences before tell about the sentences after."""

    subject: list[Mention] = field(default_factory=list)      # subject group of the last sentence
    person: Mention | None = None                             # its first person
    memory: dict[str, str] = field(default_factory=dict)      # "regime" -> "SYR"
    quote: bool = False                                       # a quotation is open at the end
    speaker: Mention | None = None                            # who speaks in it
    countries: set[str] | None = None                         # states the article names
    groups: list[tuple[int, list[Mention]]] = field(default_factory=list)  # (sentence, group of 2+ actors)
    sentence: int = 0                                         # the sentence being read
    named: dict[str, int] = field(default_factory=dict)       # how often each actor was named
    body: Mention | None = None                               # the last organisation or armed group
    state: Mention | None = None                              # the last state named
    acts: list[tuple[str, str, Mention]] = field(default_factory=list)   # (category, noun, actor) so far
    moves: list[tuple[int, Mention]] = field(default_factory=list)        # (sentence, actor) of acts with a recipient
    requests: list[tuple[int, Mention, Mention]] = field(default_factory=list)   # (sentence, actor, recipient)
    last: list[Mention] = field(default_factory=list)                     # the actors the last sentence named


class Discourse:
    """Reference methods of the Extractor."""

    def _pronouns(self, toks, mentions, clauses, ctx: Context) -> list[Mention]:
        w = self.words
        taken = {k for m in mentions for k in range(m.start, m.end)}
        quoted = any(t.lower in QUOTES for t in toks) or ctx.quote
        out = list(mentions)
        for k, t in enumerate(toks):
            if k in taken:
                continue
            low = t.lower
            clause = _clause_of(clauses, k)
            before = [m for m in out if m.end <= k and m.via not in (Via.PRONOUN, Via.RELATIVE)]
            if low in w["relative"] and k == clause.start and k > 0:
                j = k - 1 if toks[k - 1].lower != "," else k - 2
                prev = [m for m in before if m.end == j + 1]
                while prev:                               # the whole list: "Rusland en China, die ..."
                    more = [m for m in before if m not in prev and 0 < prev[0].start - m.end <= 2
                            and all(x.lower in w["coordination"] or x.lower == "," for x in toks[m.end:prev[0].start])
                            and not self._fronted(toks, m, prev[0])]
                    if not more:
                        break
                    prev = more[-1:] + prev
                out.extend(replace(m, start=k, end=k + 1, text=t.text, via=Via.RELATIVE) for m in prev)
                continue
            if low in self.event_anaphors and k > 0 and toks[k - 1].lower in w["definite"] \
                    and (k + 1 >= len(toks) or toks[k + 1].lower not in w["prepositions"]) \
                    and (k < 2 or toks[k - 2].lower not in w["prepositions"]):
                category = self.event_anaphors[low]      # "the operation was condemned": the last actor of one
                a = _salient(ctx.acts, low, category)
                if a is not None:
                    out.append(Mention(a.actor, k - 1, k + 1, f"{toks[k - 1].text} {t.text}", a.person, Via.DESCRIPTOR))
                continue
            move = next((act for act in reversed(ctx.acts) if act[0] not in REACTIONS), None) \
                if low in w["act_nouns"] else None
            if move and k > 0 and toks[k - 1].lower in w["definite"] \
                    and (k + 1 >= len(toks) or toks[k + 1].lower not in w["prepositions"]):
                a = move[2]                              # "X proposed ... Greece criticised the move": X's move
                out.append(Mention(a.actor, k - 1, k + 1, f"{toks[k - 1].text} {t.text}", a.person, Via.DESCRIPTOR))
                continue
            if low in w["state_descriptor"] and k > 0 and toks[k - 1].lower in w["definite"]:
                states = [m for m in before if self._type(m.actor) == "State" and m.start < clause.start]
                ante = states[-1:] or ([ctx.state] if ctx.state else [])
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via=Via.DESCRIPTOR)
                           for m in ante)                   # "het emiraat", "the country"
                continue
            if low in w["possessive"] and k + 1 < len(toks) and k + 1 not in taken and (
                    toks[k + 1].lower in self.lex.agents or self._event_after(toks, k + 1) is not None):
                if low in w["relative"] or low in ("whose", "wiens", "wier"):   # "Russia, whose forces"
                    j = k - 1 if toks[k - 1].lower != "," else k - 2
                    ante = [m for m in before if m.end == j + 1][-1:]
                else:                                        # "its leaders", "his first meeting"
                    ante = self._antecedent(low, k, before, clauses, ctx, toks, possessive=True)
                if toks[k + 1].lower in self.lex.agents:
                    out.extend(replace(m, start=k, end=k + 2, text=f"{t.text} {toks[k + 1].text}", via=Via.PRONOUN) for m in ante)
                    taken.add(k + 1)
                else:
                    out.extend(replace(m, start=k, end=k + 1, text=t.text, via=Via.POSSESSOR) for m in ante)
                continue
            count = _COUNT.get(low)
            nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
            if count and k > 0 and toks[k - 1].lower in w["definite"] and (
                    nxt in w["negator"] or nxt in w["negation"] or nxt in (",", ".", "") or self.by_word.get(toks[k + 1].lemma)):
                named: dict[str, Mention] = {}          # the last actors named here (pronouns too), or just before
                here = [m for m in out if m.end <= k and m.via != Via.RELATIVE]
                for m in (here if len({m.actor for m in here}) >= count else ctx.last + here):
                    named.pop(m.actor, None)
                    named[m.actor] = m
                ante = list(named.values())[-count:] if len(named) >= count else \
                    self._plural([m for m in before if m.start < clause.start], ctx, count)
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via=Via.DESCRIPTOR)
                           for m in ante)             # "bereikten de twee geen akkoord", "the two met"
                continue
            size = _COUNT.get(toks[k - 1].lower) if k > 0 else None
            if low in w["plural_descriptor"] and size:
                ante = self._plural([m for m in before if m.start < clause.start], ctx, size)   # "both sides"
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via=Via.DESCRIPTOR)
                           for m in ante)
                continue
            if low in w["body_descriptor"] and k > 0 and toks[k - 1].lower in w["definite"]:
                bodies = [m for m in before if self._type(m.actor) in ("Organisation", "ArmedGroup")]
                ante = bodies[-1:] or ([ctx.body] if ctx.body else [])
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via=Via.DESCRIPTOR)
                           for m in ante)                   # "the alliance", "de organisatie"
                continue
            elif low in w["first_person"] and quoted:          # "I will destroy ...", Trump wrote
                speaker = self._speakers(toks, mentions)
                out.extend(replace(m, start=k, end=k + 1, text=t.text, via=Via.PRONOUN) for m in speaker[:1])
            elif (low in w["pronoun_person"] or low in w["pronoun_group"] or low in w["pronoun_object"]) and not (
                    low in w["determiners"] and k + 1 < len(toks) and toks[k + 1].text.isalpha()   # "hun banden"
                    and toks[k + 1].lower not in w["determiners"]                   # "dat het de rebellen steunt"
                    and not any(m.start == k + 1 and m.via in (Via.NAME, Via.METONYM, Via.PERSON) for m in mentions)):
                ante = self._antecedent(low, k, before, clauses, ctx, toks)
                out.extend(replace(m, start=k, end=k + 1, text=t.text, via=Via.PRONOUN) for m in ante)
        return out

    def _event_after(self, toks, k: int) -> int | None:
        """An event noun at k, or after up to two lower-case modifiers ("his first formal meeting")."""
        for j in range(k, min(k + 3, len(toks))):
            if self._is_event_noun(toks[j]):
                return j
            if not (toks[j].text.isalpha() and toks[j].text.islower()):
                return None
        return None

    def _plural(self, before: list[Mention], ctx, size: int) -> list[Mention]:
        """"Both countries", "the three sides": a group of that many actors named before, in this
        sentence first, else the last such group in the article, else the actors it names most."""
        for n in range(len(before) - 1, 0, -1):
            group = [before[n]]
            while n > 0 and 0 < before[n].start - before[n - 1].end <= 2:
                n -= 1
                group.insert(0, before[n])
            if len({m.actor for m in group}) == size:
                return group
        sized = [(n, g) for n, g in ctx.groups if len({m.actor for m in g}) == size]
        if sized:                                    # a pair named just before, else the last one named
            return sized[-1][1]
        top = sorted(ctx.named.items(), key=lambda kv: -kv[1])[:size]   # the actors the article is about
        if len(top) < size or top[-1][1] < 2:
            return []
        first = {m.actor: m for m in reversed(before)}
        return [first.get(a) or Mention(a, 0, 0, a, None, Via.DESCRIPTOR) for a, _ in top]

    def _speakers(self, toks, mentions: list[Mention]) -> list[Mention]:
        """People quoted in a sentence: named before its first quotation mark, or next to a speech
        verb ("said Kerry", "Kerry told CNN")."""
        w = self.words
        first_quote = next((k for k, t in enumerate(toks) if t.lower in QUOTES), None)
        out = []
        for m in mentions:
            if not m.person:
                continue
            near = [toks[k] for k in (m.start - 1, m.end, m.end + 1) if 0 <= k < len(toks)]
            if (first_quote is not None and m.end <= first_quote) or \
                    any(t.lemma in w["speech"] or t.lower in w["speech"] for t in near):
                out.append(m)
        return out

    def _coordinated(self, toks, end: int, start: int) -> bool:
        """Only "and"/"en" and commas between two mentions: one group."""
        return all(t.lower in self.words["coordination"] or t.lower == "," for t in toks[end:start])

    def _antecedent(self, low: str, k: int, before: list[Mention], clauses, ctx, toks,
                    possessive: bool = False) -> list[Mention]:
        """Who a pronoun stands for: a subject pronoun takes the sentence's subject (or the previous
        sentence's), an object pronoun the last mention before it."""
        w = self.words
        if k > 0 and toks[k - 1].lower in w["prepositions"] and not possessive:   # "a campaign against it"
            return [before[-1]] if before else []
        clause = _clause_of(clauses, k)
        if possessive:                                    # "troops and their allies": the nearest in the clause
            near = [m for m in before if m.start >= clause.start and m.via not in (Via.RELATIVE, Via.EVENT, Via.HOLDER)]
            if near:
                return [near[-1]]
            if low in w["pronoun_plural"] | {"its"} and before and before[-1].via not in (Via.RELATIVE, Via.EVENT, Via.HOLDER) \
                    and not before[-1].person:        # 'the Cuban government's "repression ... and its support"'
                return [before[-1]]
        same = [m for m in before if m.start >= clause.start]
        subject_position = not same
        if low in w["pronoun_object"] and (low not in w["pronoun_group"] or not subject_position):
            if same and not [m for m in before if m.start < clause.start] and ctx.subject \
                    and {m.actor for m in same} != {m.actor for m in ctx.subject}:
                return list(ctx.subject)           # "Yoon ontmoette haar niet": not the clause's own subject
            return [before[-1]] if before else []
        this = [m for m in before if m.start < clause.start]
        if clause.speech is not None and subject_position:     # "X said they ...": X
            spoken = [m for m in this if m.end <= clause.speech
                      and self._prep(toks, m, _clause_of(clauses, m.start)) is None and m.via not in (Via.HOLDER, Via.EVENT)]
            if low in w["pronoun_person"] and low not in w["pronoun_group"]:
                spoken = [m for m in spoken if m.person]
            speaking = _clause_of(clauses, clause.speech)
            if spoken and speaking.soft and not [m for m in spoken if m.start >= speaking.start]:
                spoken = spoken[:1]                             # "X condemned Y and said it ...": X
                for m in this:                                  # and those coordinated with X
                    if m.start >= spoken[-1].end and self._coordinated(toks, spoken[-1].end, m.start):
                        spoken.append(m)
            if spoken:
                last = [spoken[-1]]
                for m in reversed(spoken[:-1]):                 # the whole group: "Saudi Arabia and Israel"
                    if last[0].start - m.end <= 2 and self._coordinated(toks, m.end, last[0].start):
                        last.insert(0, m)
                    else:
                        break
                return last
        if low in w["pronoun_person"] and low not in w["pronoun_group"]:
            persons = [m for m in this if m.person]
            if persons:
                return [persons[0]]
            return [ctx.person] if ctx.person else []
        bare = [m for m in this if self._prep(toks, m, _clause_of(clauses, m.start)) is None and m.via not in (Via.HOLDER, Via.EVENT)]
        if bare:
            return _group_from(bare)
        if low in w["pronoun_plural"] and len({m.actor for m in ctx.subject}) == 1 \
                and self._type(ctx.subject[0].actor) in ("State", "Organisation"):
            recent = [g for n, g in ctx.groups if ctx.sentence - n <= 2]
            if recent:                                    # "X, Y and Z met. ... They called on Turkey"
                return list(recent[-1])
        return list(ctx.subject)


def _salient(acts: list[tuple[str, str, Mention]], noun: str, category: str) -> Mention | None:
    """The actor "the operation" or "het offensief" most likely means: the one who did most acts of
    that kind in the article so far (named with the same noun first), the latest on a tie."""
    for pool in ([a for a in acts if a[1] == noun], [a for a in acts if a[0] == category]):
        if pool:
            counts: dict[str, int] = {}
            for _, _, m in pool:
                counts[m.actor] = counts.get(m.actor, 0) + 1
            best = max(counts.values())
            return next(m for _, _, m in reversed(pool) if counts[m.actor] == best)
    return None

"""People kg does not know, and people it knows named by one part of their name: a mixin of the
recognizer (kg.coding.recognize).

A name with a title that names its actor stands for that actor: "US envoy Zalmay Khalilzad",
"Ahmed al-Assadi, a spokesman for the PMF, said", "the Italian foreign minister, Luigi Di Maio,".
The recognizer's per-article `memory` keeps the name by its last word (`NAME` + word: "name:khalilzad"
-> USA), so that "Khalilzad" in a later sentence is found; people of the gazetteer named in full
("Moon Jae-in") are kept by either end of their name ("Moon"). The words inside names
(`name_particles`: "al", "van", "di") come from the language's lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.base.model import Mention, Via

HYPHENS = "-‐‑"          # hyphen, hyphen, non-breaking hyphen
NAME = "name:"        # memory keys of remembered names ("name:khalilzad" -> "USA")


class Names:
    """Name methods of the Recognizer (which gives `lex`, `index`, `_date_starts`, `_label_text`)."""

    def _name_at(self, toks, i: int, taken: set[int]) -> int:
        """End of a personal name kg does not know starting at token i ("Zalmay Khalilzad",
        "Ahmed al-Assadi", "Luigi Di Maio"), or i: capitalised words and name particles between them."""
        words = self.lex.words
        k = i
        while k < len(toks) and k not in taken and k - i < 5:
            t = toks[k]
            head, _, rest = t.text.partition("-")
            capital = t.text[:1].isupper() or (head.lower() in words["name_particles"] and rest[:1].isupper())
            if capital and t.text.replace("-", "").replace("'", "").isalpha() and len(t.text) > 1 \
                    and not (k > i and self._label_text(t.text)) \
                    and t.lower not in words["title"] and t.lower not in self.lex.agents \
                    and t.lower not in self._date_starts and t.lower not in words["determiners"]:
                k += 1
            elif k > i and t.lower in words["name_particles"] and k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
                k += 1
            else:
                break
        while k > i and toks[k - 1].lower in words["name_particles"]:
            k -= 1
        return k

    def _titled(self, toks, ms: list[Mention], memory: dict[str, str]) -> list[Mention]:
        """A name kg does not know, with a title that names its actor, stands for that actor, here
        and (remembered by its last word) in the sentences after: "US envoy Zalmay Khalilzad",
        "Ahmed al-Assadi, a spokesman for the PMF, said", "Zalmay Khalilzad, a US peace envoy,"."""
        words = self.lex.words
        taken = {k for m in ms for k in range(m.start, m.end)}
        out = list(ms)

        def titled(a: int, b: int) -> bool:
            return any(t.lower in words["title"] or t.lower in self.lex.agents for t in toks[a:b])

        def remember(end: int, actor: str) -> None:       # the name ends at `end`
            last = toks[end - 1].lower
            memory[NAME + last] = actor
            head, _, rest = last.partition("-")
            if rest and head in words["name_particles"]:
                memory[NAME + rest] = actor                     # "al-Assadi", later "Assadi"
        for m in ms:               # "Moon Jae-in" ... "Moon": a known person named in full, by either end
            names: list = []                    # the run of name words at the end: "Benjamin Netanyahu"
            for t in reversed(toks[m.start:m.end]):
                if not t.text[:1].isupper() or t.lower in words["title"] or t.lower in self.lex.agents \
                        or self._label_text(t.text):
                    break
                names.insert(0, t)
            if m.person and len(names) >= 2:
                for t in (names[0], names[-1]):
                    if t.text.replace("-", "").isalpha():
                        memory.setdefault(NAME + t.lower, m.actor)
        for m in ms:
            if m.person is None and toks[m.end - 1].lower in words["title"] | self.lex.agents:
                end = self._name_at(toks, m.end, taken)         # "US envoy Zalmay Khalilzad"
                if end - m.end >= 2 or (end > m.end and toks[m.end - 1].text[:1].isupper()):
                    remember(end, m.actor)
                    out[out.index(m)] = Mention(m.actor, m.start, end, _span(toks, m.start, end), None, m.via)
                    taken |= set(range(m.end, end))
                    continue
                if m.end + 1 < len(toks) and toks[m.end].lower == ",":   # "the Italian foreign minister, Luigi Di Maio,"
                    end = self._name_at(toks, m.end + 1, taken)
                    if end - m.end >= 3 and end < len(toks) and toks[end].lower in (",", ")"):
                        remember(end, m.actor)
                        continue
            # "Ahmed al-Assadi, a spokesman for the PMF," / "Zalmay Khalilzad, a US peace envoy,"
            comma = next((k for k in range(m.start - 1, max(-1, m.start - 9), -1) if toks[k].lower == ","), None)
            close = next((k for k in range(m.end, min(len(toks), m.end + 4)) if toks[k].lower in (",", ")", ".", ";")),
                         len(toks) if m.end == len(toks) else None)
            if comma is None or close is None or comma < 2 or not titled(comma + 1, close) \
                    or any(k in taken for k in range(comma + 1, m.start)):
                continue
            named = next((x for x in out if x.end == comma and x.via == Via.ALIAS and x.actor == m.actor), None)
            if named is not None:                               # remembered already: one mention
                out[out.index(named)] = Mention(m.actor, named.start, close, _span(toks, named.start, close), None, Via.ALIAS)
                out.remove(m)
                taken |= set(range(named.start, close))
                continue
            start = comma - 1
            while start > 0 and self._name_at(toks, start - 1, taken) == comma:
                start -= 1
            if self._name_at(toks, start, taken) != comma or (comma - start < 2 and start == 0):
                continue
            if any(x.start < comma and x.end > start for x in out):
                continue
            remember(comma, m.actor)
            out[out.index(m)] = Mention(m.actor, start, close, _span(toks, start, close), None, Via.APPOSITION)
            taken |= set(range(start, close))
        return sorted(out, key=lambda x: (x.start, x.end))

    def _remembered(self, toks, i: int, memory: dict[str, str]) -> tuple[str, list[Mention]] | None:
        """A name remembered from an earlier title ("Khalilzad" after "US envoy Zalmay Khalilzad")."""
        if not toks[i].text[:1].isupper() or not any(NAME + t.lower in memory for t in toks[i:i + 6]):
            return None                                 # cheap: no remembered word ahead
        if i > 0 and toks[i - 1].text[:1].isupper() and toks[i - 1].text.isalpha() \
                and self._name_at(toks, i - 1, set()) > i:
            return None                                 # inside a longer name
        end = self._name_at(toks, i, set())
        for k in range(end, i, -1):
            actor = memory.get(NAME + toks[k - 1].lower)
            if actor and k == end:
                return "mention", [Mention(actor, i, k, _span(toks, i, k), None, Via.ALIAS)]
        return None


def _span(toks, start: int, end: int) -> str:
    return " ".join(t.text for t in toks[start:end])


@dataclass(frozen=True)
class Entry:
    """A gazetteer label prepared for matching."""

    parts: tuple[str, ...]      # the label's tokens as written
    kind: str                   # name | adjective | demonym | metonym | person
    target: str                 # actor id or person id


@dataclass(frozen=True)
class Backing:
    """`supporter` backs the actor of `mention` ("Turkish-backed rebels")."""

    supporter: Mention
    mention: Mention

"""Actor names in other forms than their labels: adjectives ("Turkish", "Turkse"), hyphenated
compounds ("Turkish-backed", "pro-Assad"), compounds ("regeringstroepen") and the agent nouns after
them: a mixin of the recognizer (kg.coding.recognize)."""
from __future__ import annotations

from kg.base.model import Mention, Via
from kg.coding.names import HYPHENS as _HYPHENS
from kg.coding.names import Entry, _span


class Forms:
    """Adjectives, hyphenated forms and compounds of actor names (methods of `Recognizer`)."""

    def _adjective(self, toks, i, end, entry: Entry, on):
        """An adjective names an actor only with an agent noun: "Turkse troepen", "Russian jets";
        coordinated adjectives share it: "Franse, Britse en Amerikaanse gevechtsvliegtuigen"."""
        coordination = self.lex.words["coordination"]
        if end + 1 < len(toks) and (toks[end].lower == "," or toks[end].lower in coordination):
            k = end + 1 + (toks[end + 1].lower in coordination)
            nxt = self._label_at(toks, k) if k < len(toks) else None
            if nxt and nxt[0].kind == "adjective":
                rest = self._adjective(toks, k, nxt[1], nxt[0], on)
                if rest and rest[0] == "mention":
                    return "mention", [Mention(entry.target, i, end, toks[i].text, None, rest[1][0].via)] + rest[1]
        j = end
        for _ in range(3):
            if j >= len(toks):
                return None
            nxt = self._label_at(toks, j)
            if nxt or any(h in toks[j].text for h in _HYPHENS) or self._compound(toks, j):
                found = self._at(toks, j, on)
                title = self._title_end(toks, found[1][0].end if found and found[1] else j + 1)
                if title:                                # "de Israëlische VN-ambassadeur", "Israeli U.N. ambassador"
                    return "mention", [Mention(entry.target, i, title, _span(toks, i, title), None, Via.ADJECTIVE)]
                if found and found[0] == "mention":     # "Syrische rebellen": the later label wins
                    kind, ms = found
                    return kind, [Mention(m.actor, i, m.end, _span(toks, i, m.end), m.person, m.via) for m in ms]
                return None
            head = self._agent_at(toks, j)
            if head > j:
                while True:                              # "Syrian army forces"
                    more = self._agent_at(toks, head)
                    if more == head:
                        break
                    head = more
                person = None
                nxt = self._label_at(toks, head) if head < len(toks) else None
                if nxt and nxt[0].kind == "person":     # "Russian President Vladimir Putin"
                    actor, person = self._actor(nxt[0], on)
                    if actor == entry.target:
                        head = nxt[1]
                    else:
                        person = None
                via = "adjective" if person or toks[head - 1].lower in self.lex.agents or \
                    tuple(t.lower for t in toks[j:head]) in self.lex.agent_phrases else "event"
                return "mention", [Mention(entry.target, i, head, _span(toks, i, head), person, via)]
            if not toks[j].text.isalpha() or toks[j].lower in self.lex.words["determiners"]:
                return None
            words = self.lex.words
            if self.lex.lang == "en" and toks[j].lower.endswith("ed") and toks[j].lower not in \
                    words["support_compound"] | words["lead_compound"] | words["holder"]:
                return None                              # "The British relinquished control": a verb between
            j += 1
        return None

    def _title_end(self, toks, end: int) -> int | None:
        """After an organisation's name (or as the head of a compound ending at `end`), a title:
        the end of the title, else None ("VN-ambassadeur", "U.N. ambassador")."""
        last = _split_hyphens(toks[end - 1].text)[-1].lower() if end > 0 else ""
        if last in self.lex.words["title"] and (any(h in toks[end - 1].text for h in _HYPHENS)
                                                 or toks[end - 1].lower in self.lex.words["title"]):
            return end
        if end < len(toks) and toks[end].lower in self.lex.words["title"]:
            return end + 1
        return None

    def _hyphenated(self, toks, i, on):
        tok = toks[i]
        parts = _split_hyphens(tok.text)
        low = [p.lower() for p in parts]
        words = self.lex.words
        if len(parts) >= 2 and low[-1] in words["support_compound"] | words["lead_compound"] | words["holder"]:
            head = self._label_text("-".join(parts[:-1])) or self._label_text(" ".join(parts[:-1]))
            if head is None:
                return None
            actor, person = self._actor(head, on)
            if actor is None:
                return None
            via = Via.BACKED if low[-1] in words["support_compound"] else \
                Via.LED if low[-1] in words["lead_compound"] else Via.HOLDER
            m = Mention(actor, i, i + 1, tok.text, person, via)
            if low[-1] in words["support_compound"]:
                return "backer", [m]
            if low[-1] in words["holder"]:
                return "mention", [Mention(actor, i, i + 1, tok.text, person, Via.HOLDER)]
            if self._label_at(toks, i + 1) or self._compound(toks, i + 1):
                return "lead", [m]                       # "Kurdish-led SDF": the SDF acts
            end = self._agent_at(toks, i + 1)           # "US-led coalition forces": the US acts
            if end > i + 1:
                while self._agent_at(toks, end) > end:
                    end = self._agent_at(toks, end)
                return "mention", [Mention(actor, i, end, _span(toks, i, end), person, Via.LED)]
            return None
        if len(parts) == 2 and low[0] in words["institution"]:      # "de regering-Ghani", "het regime-Assad"
            head = self._label_text(parts[1])
            actor, person = self._actor(head, on) if head else (None, None)
            return ("mention", [Mention(actor, i, i + 1, tok.text, person, Via.NAME)]) if actor else None
        if len(parts) == 2 and low[0] in words["support_prefix"]:
            head = self._label_text(parts[1])
            if head is None:
                return None
            actor, person = self._actor(head, on)
            return ("backer", [Mention(actor, i, i + 1, tok.text, person, Via.PRO)]) if actor else None
        entries = [self._label_text(p) for p in parts]
        if all(entries) and any(e.kind == "adjective" for e in entries):   # "the Turkish-Libyan agreement"
            for j in range(i + 1, min(len(toks), i + 4)):
                head = self._agent_at(toks, j)
                if head > j:
                    actors = [self._actor(e, on) for e in entries]
                    via = Via.EVENT if toks[head - 1].lower in self.cue_nouns else Via.ADJECTIVE
                    ms = [Mention(a, i, head, _span(toks, i, head), person, via) for a, person in actors if a]
                    return ("mention", ms) if len(ms) == len(entries) else None
                if not (toks[j].text.isalpha() and toks[j].text.islower()):
                    break
            return None
        if all(entries):                                 # "US-Russia", "PKK-YPG"
            ms = []
            for e in entries:
                actor, person = self._actor(e, on)
                if actor and e.kind != "adjective":
                    ms.append(Mention(actor, i, i + 1, tok.text, person, e.kind))
            return ("mention", ms) if len(ms) == len(entries) else None
        if entries[0] and entries[0].kind != "adjective" and (
                low[-1] in self.lex.agents or low[-1] in self.cue_nouns):   # "IS-strijders", "US-support"
            actor, person = self._actor(entries[0], on)
            via = Via.COMPOUND if low[-1] in self.lex.agents else Via.EVENT      # "IS-strijders" / "US-support"
            return ("mention", [Mention(actor, i, i + 1, tok.text, person, via)]) if actor else None
        return None

    def _compound(self, toks, i):
        """Dutch closed compounds of a lower-case name and an agent noun: "rebellengroepen"."""
        low = toks[i].lower
        if len(low) < 8 or self.lex.lang != "nl":
            return None                                  # English writes its compounds apart
        for head in self.compound_by_start.get(low[:4], ()):
            if low.startswith(head) and low[len(head):] in self.lex.agents:
                entry = next((e for e in self.index[head] if len(e.parts) == 1 and e.kind in ("name", "metonym")
                              and e.parts[0][:1].isupper() == toks[i].text[:1].isupper()), None)
                if entry is None:
                    continue
                return "mention", [Mention(entry.target, i, i + 1, toks[i].text, None, Via.COMPOUND)]
        return None

    def _extend(self, toks, m: Mention) -> Mention:
        """Grow a mention over "troepen van" before it and "'s office" after it."""
        start, end = m.start, m.end
        words = self.lex.words
        j = start - 1
        while j >= 0 and toks[j].lower in words["determiners"]:
            j -= 1
        if j >= 1 and toks[j].lower in words["source_prep"] and self._agent_before(toks, j) is not None:
            start = self._agent_before(toks, j)
        elif j >= 1 and toks[j].lower == "in" and m.via == Via.METONYM and toks[j - 1].lower in words["institution"] \
                and toks[j - 1].lower not in words["abroad"]:
            start = j - 1                                # "de regering in Bagdad" (not "the US Embassy in London")
        if start == m.start and j >= 1 and toks[j].lower in words["passive_agent"] and toks[j - 1].lower in words["holder"]:
            return Mention(m.actor, m.start, m.end, m.text, m.person, Via.HOLDER)   # "held by Islamic State"
        if end < len(toks) and toks[end].lower in words["institution"]:
            end += 1                                     # "the Assad regime", "Assads regime"
            while end < len(toks) and toks[end].lower in self.lex.agents:
                end += 1
        elif end + 1 < len(toks) and toks[end].lower in ("'s", "’s"):
            head = self._agent_at(toks, end + 1)
            if head > end + 1 and toks[end + 1].lower in self.lex.agents:
                end = head
        if end + 2 < len(toks) and toks[end].text == "(" and toks[end + 2].text == ")":
            inner = self._label_at(toks, end + 1)        # "Syrian Democratic Forces (SDF)"
            if inner and self._actor(inner[0], None)[0] == m.actor:
                end += 3
        if m.person:
            while start > 0 and (toks[start - 1].lower in words["title"] or toks[start - 1].lower in self.lex.agents) \
                    and toks[start - 1].text[:1].isupper():
                start -= 1                               # "President Bashar al-Assad"
        if (start, end) == (m.start, m.end):
            return m
        return Mention(m.actor, start, end, _span(toks, start, end), m.person, m.via)

    def _agent_before(self, toks, j: int) -> int | None:
        """Start of an agent noun that ends right before token j ("troepen" in "troepen van")."""
        k = j - 1
        if k >= 0 and toks[k].lower in self.lex.agents:
            return k
        for phrase in self.lex.agent_phrases:
            n = len(phrase)
            if k - n + 1 >= 0 and tuple(t.lower for t in toks[k - n + 1:k + 1]) == phrase:
                return k - n + 1
        return None


def _split_hyphens(text: str) -> list[str]:
    for h in _HYPHENS[1:]:
        text = text.replace(h, "-")
    return [p for p in text.split("-") if p]

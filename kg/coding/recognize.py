"""Find the actors a sentence names: gazetteer labels, adjectives with agent nouns, compounds.

"De Turkse president Recep Tayyip Erdogan", "troepen van Assad", "IS-strijders",
"rebellengroepen", "Russia's airstrikes" and "US-backed rebels" are each one mention. Compounds
that say one actor backs another ("pro-Turkse rebellen", "Turkish-backed rebels") are returned as
`Backing` records, which the extractor turns into SUPPORT events.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kg.base.errors import KgError
from kg.base.model import Mention, Token, Via
from kg.coding.forms import Forms
from kg.coding.names import HYPHENS, Backing, Entry, Names, _span  # noqa: F401 - Backing: kg.coding.recognize.Backing
from kg.knowledge.gazetteer import Gazetteer, case_ok
from kg.knowledge.lexicon import Lexicon
from kg.read.segment import tokenize
from kg.read.when import date_words

DASHES = frozenset({"-", "–", "—", "--"})



class Recognizer(Names, Forms):
    """Mentions of the gazetteer's actors in one language."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lex = lexicon
        self.index: dict[str, list[Entry]] = {}
        lang = lexicon.lang
        for label in gazetteer.labels:
            if label.lang != lang and label.kind not in ("name", "person", "metonym"):
                continue
            parts = tuple(t.text for t in tokenize(label.text, lang))
            if parts and parts[0].lower() in lexicon.words["determiners"] and len(parts) > 1:
                parts = parts[1:]          # "de Turken": determiners are matched as context
            if not parts:
                continue
            self.index.setdefault(parts[0].lower(), []).append(Entry(parts, label.kind, label.target))
        for entries in self.index.values():
            entries.sort(key=lambda e: (-len(e.parts), e.kind != "person", e.target))
        try:                                   # weekdays and months may follow a name ("Moscow Tuesday")
            self._date_starts = date_words(lang).triggers
        except KgError:                        # a language with a lexicon but no date words
            self._date_starts = frozenset()
        # single-word names may start a Dutch compound: lower-case ones ("rebellengroepen") and
        # capitalised ones ("Kremlinwoordvoerder", "Hamasleider"), acronyms not (they take a hyphen)
        self.compound_heads = sorted(
            {e.parts[0].lower() for es in self.index.values() for e in es
             if len(e.parts) == 1 and e.kind in ("name", "metonym") and e.parts[0].isalpha() and (
                 (e.parts[0].islower() and len(e.parts[0]) > 4 and e.kind == "name")
                 or (e.parts[0][:1].isupper() and not e.parts[0].isupper() and len(e.parts[0]) > 3))},
            key=len, reverse=True)
        self.compound_by_start: dict[str, list[str]] = {}
        for head in self.compound_heads:
            self.compound_by_start.setdefault(head[:4], []).append(head)
        self.cue_nouns = frozenset(c.words[0] for c in lexicon.cues if c.kind == "noun" and len(c.words) == 1)
        self.cue_noun_phrases = tuple(sorted({c.words for c in lexicon.cues if c.kind == "noun" and len(c.words) > 1},
                                             key=len, reverse=True))

    # -- labels ---------------------------------------------------------------------------------
    def _label_at(self, toks: tuple[Token, ...], i: int) -> tuple[Entry, int] | None:
        key = toks[i].lower
        for entry in self.index.get(key, ()):
            n = len(entry.parts)
            if i + n <= len(toks) and all(case_ok(p, toks[i + k].text) for k, p in enumerate(entry.parts)):
                if n == 1 and _shouting(toks, i):
                    continue
                return entry, i + n
        return self._possessive_at(toks, i)

    def _possessive_at(self, toks, i: int) -> tuple[Entry, int] | None:
        """A name with a possessive s and no apostrophe, as some sources print it: "Assads regime"."""
        for entry in self.index.get(toks[i].lower, ()) if len(toks[i].text) > 1 else ():
            n = len(entry.parts)
            if n > 1 and i + n <= len(toks) and entry.parts[0][:1].isupper() \
                    and all(case_ok(p, toks[i + k].text) for k, p in enumerate(entry.parts[:-1])) \
                    and case_ok(entry.parts[-1] + "s", toks[i + n - 1].text):
                return entry, i + n
        t = toks[i].text
        if len(t) > 3 and t.endswith("s") and t[:1].isupper() and i + 1 < len(toks) and toks[i + 1].text.islower():
            for entry in self.index.get(t[:-1].lower(), ()):
                if len(entry.parts) == 1 and entry.parts[0][:1].isupper() and case_ok(entry.parts[0], t[:-1]):
                    return entry, i + 1
        return None

    def _label_text(self, text: str) -> Entry | None:
        for entry in self.index.get(text.lower(), ()):
            if len(entry.parts) == 1 and case_ok(entry.parts[0], text):
                return entry
        return None

    def _actor(self, entry: Entry, on: date | None) -> tuple[str | None, str | None]:
        """(actor id, person id) for a label on a date; no actor for a person out of office."""
        if entry.kind == "person":
            return self.gazetteer.principal(entry.target, on), entry.target
        return entry.target, None

    def _event_noun_at(self, toks, i: int) -> int:
        """End of a cue noun ("airstrikes", "air strikes", Dutch "raketaanval") starting at token i, or i."""
        for phrase in self.cue_noun_phrases:
            if tuple(t.lower for t in toks[i:i + len(phrase)]) == phrase:
                return i + len(phrase)
        if i < len(toks) and toks[i].lower in self.cue_nouns:
            return i + 1
        low = toks[i].lower if i < len(toks) else ""
        if self.lex.lang == "nl" and len(low) > 7 and low.isalpha() and any(
                low.endswith(n) and len(low) - len(n) >= 3 for n in self.cue_nouns if len(n) > 4):
            return i + 1                                   # "de Iraanse raketaanval"
        return i

    def _agent_at(self, toks, i: int) -> int:
        """End of an agent noun (or a cue noun) starting at token i, or i when there is none."""
        for phrase in self.lex.agent_phrases:
            n = len(phrase)
            if tuple(t.lower for t in toks[i:i + n]) == phrase:
                return i + n
        if i < len(toks) and toks[i].lower in self.lex.agents:
            return i + 1
        return self._event_noun_at(toks, i)

    # -- the sentence ---------------------------------------------------------------------------
    def mentions(self, toks: tuple[Token, ...], on: date | None,
                 memory: dict[str, str] | None = None) -> tuple[list[Mention], list[Backing]]:
        """Mentions and backings of a sentence. `memory` maps institutional nouns to the actor they
        last stood for ("regime" -> SYR after "het regime van Assad") and, under `NAME` + last word,
        names kg does not know to the actor their title named ("name:khalilzad" -> USA after "US
        envoy Zalmay Khalilzad"); it is read and updated."""
        memory = {} if memory is None else memory
        out: list[Mention] = []
        backings: list[Backing] = []
        pending: list[Mention] = []          # supporters waiting for the mention they back
        i = 0
        while i < len(toks):
            found = self._at(toks, i, on) or self._remembered(toks, i, memory)
            if found is None or not found[1]:
                i += 1
                continue
            kind, ms = found
            if kind in ("backer", "lead"):
                pending = ms
                i = ms[0].end
                continue
            participle, by = self._prenominal_participle(toks, ms)
            if participle == "backer":               # "de door de VS gesteunde rebellen"
                pending = [Mention(m.actor, by, ms[-1].end + 1, _span(toks, by, ms[-1].end + 1),
                                   m.person, Via.BACKED) for m in ms]
                i = ms[-1].end + 1
                continue
            if participle == "lead":                 # "een door Saudi-Arabië geleide coalitie"
                end = self._agent_at(toks, ms[-1].end + 1)
                if end > ms[-1].end + 1:
                    ms = [Mention(m.actor, by, end, _span(toks, by, end), m.person, Via.LED) for m in ms]
            ms = [self._extend(toks, m) for m in ms]
            if pending and ms and ms[0].start - pending[0].end <= 3 and all(
                    t.lower in self.lex.agents or t.text[:1].isupper() for t in toks[pending[0].end:ms[0].start]):
                # the backed noun phrase goes on to the name: "US-backed Syrian rebels", not
                # "Iranian-backed militias attacked the rebels"
                backings.extend(Backing(p, m) for p in pending for m in ms if p.via != Via.LED)
                start = pending[0].start                # "pro-Turkse rebellengroepen" is one mention
                ms = [Mention(m.actor, start, m.end, _span(toks, start, m.end), m.person, m.via) for m in ms]
            pending = []
            out.extend(ms)
            i = max(m.end for m in ms)
        out = self._titled(toks, self._appositions(toks, self._possessors(toks, self._placed(toks, out))), memory)
        for m in out:
            for t in toks[m.start:m.end]:
                if t.lower in self.lex.words["institution"]:
                    memory[t.lower] = m.actor
        return self._anaphors(toks, out, memory), backings

    def _prenominal_participle(self, toks, ms: list[Mention]) -> tuple[str | None, int]:
        """("backer" or "lead", where "door" stands) when the mentions are the agent of a
        participle that modifies the noun phrase after it: "door [de VS] gesteunde rebellen",
        "door [Saudi-Arabië] geleide coalitie"; (None, -1) otherwise."""
        none = (None, -1)
        if not ms or ms[-1].end + 1 >= len(toks):
            return none
        noun = toks[ms[-1].end + 1]                 # a noun phrase follows the participle
        if not (noun.text[:1].isupper() or self._agent_at(toks, ms[-1].end + 1) > ms[-1].end + 1
                or self._label_at(toks, ms[-1].end + 1)):
            return none
        j = ms[0].start - 1
        while j >= 0 and toks[j].lower in self.lex.words["determiners"]:
            j -= 1
        if j < 0 or toks[j].lower not in self.lex.words["passive_agent"]:
            return none
        after = toks[ms[-1].end].lower
        if after in self.lex.words["support_compound"]:
            return "backer", j
        return ("lead", j) if after in self.lex.words["lead_compound"] else none

    def _placed(self, toks, ms: list[Mention]) -> list[Mention]:
        """"the US Embassy in London", "Amerikaanse troepen in Irak": a state named right after "in"
        behind another actor's agent noun is where that agent is, not an actor."""
        out = []
        for m in ms:
            k = m.start - 1
            prev = next((x for x in out if x.end == k), None) if k > 0 and toks[k].lower in ("in", "at") else None
            if prev is not None and prev.actor != m.actor and m.via in (Via.NAME, Via.METONYM) \
                    and toks[prev.end - 1].lower in self.lex.agents | self.lex.words["institution"]:
                continue
            out.append(m)
        return out

    def _possessors(self, toks, ms: list[Mention]) -> list[Mention]:
        """"Syria's main opposition group" names the group, not Syria: a possessor directly before
        another name is dropped. But "Turkey's U.N. ambassador", "Syria's U.N. Ambassador Bashar
        Ja'afari" are Turkey's and Syria's: with a title after the other name the possessor takes
        the whole ("Turkey's PKK militants" stay the PKK's)."""
        out: list[Mention] = []
        skip = None
        for n, m in enumerate(ms):
            if m is skip:
                continue
            nxt = ms[n + 1] if n + 1 < len(ms) else None
            if (nxt and m.end < len(toks) and toks[m.end].lower in ("'s", "’s") and nxt.start - m.end <= 3
                    and nxt.via in (Via.NAME, Via.COMPOUND) and not any(   # not "India's protest [to] China"
                        t.lower in self.lex.words["prepositions"] for t in toks[m.end + 1:nxt.start])):
                end = self._title_end(toks, nxt.end)
                if end:
                    out.append(Mention(m.actor, m.start, end, _span(toks, m.start, end), m.person, m.via))
                    skip = nxt
                    continue
                continue
            out.append(m)
        return out

    def _appositions(self, toks, ms: list[Mention]) -> list[Mention]:
        """"Hezbollah, de Libanese militie die ..." : a descriptor right after a name is that name;
        not after a place ("in Paris, Russian forces shelled ..."). So is a descriptor right before
        the name of a group or organisation: "de Libanese beweging Hezbollah", "the Lebanese group
        Hezbollah" name Hezbollah, not Lebanon."""
        out = list(ms)
        for n in range(1, len(out)):
            a, b = out[n - 1], out[n]
            if a.via == Via.ADJECTIVE and b.start == a.end and b.via == Via.NAME \
                    and toks[a.end - 1].lower in self.lex.words["org_head"] and self._group(b.actor):
                out[n - 1] = Mention(b.actor, a.start, a.end, a.text, None, Via.APPOSITION)
                continue
            placed = a.start > 0 and toks[a.start - 1].lower in self.lex.words["locative"]
            if b.via == Via.ADJECTIVE and a.end < len(toks) and toks[a.end].lower == "," and not placed \
                    and (b.start == a.end + 1 or (b.start == a.end + 2 and toks[a.end + 1].lower in self.lex.words["determiners"])) \
                    and toks[b.end - 1].lower in self.lex.words["org_head"] \
                    and not (b.end < len(toks) and toks[b.end].lower in self.lex.words["coordination"]):
                out[n] = Mention(a.actor, b.start, b.end, b.text, None, Via.APPOSITION)
            elif b.person and b.start >= 2 and (toks[b.start - 1].lower == "," or (
                    b.start >= 3 and toks[b.start - 2].lower == "," and toks[b.start - 1].text[:1].isupper())):
                titled = [m for m in out[:n] if b.start - m.end <= 6 and m.actor != b.actor and any(
                    t.lower in self.lex.agents or t.lower in self.lex.words["title"] for t in toks[m.start:m.end])]
                if titled:                              # "Syria's ambassador to the UN, Bashar al-Jaafari,"
                    out[n] = Mention(titled[0].actor, b.start, b.end, b.text, b.person, Via.APPOSITION)
        return out

    def _group(self, code: str) -> bool:
        """Whether the actor is no state (a group or an organisation)."""
        actor = self.gazetteer.actors.get(code)
        return actor is not None and actor.type != "State"

    def _anaphors(self, toks, ms: list[Mention], memory: dict[str, str]) -> list[Mention]:
        """Bare institutional nouns ("the regime", "regime forces") take the actor they last named."""
        taken = {k for m in ms for k in range(m.start, m.end)}
        extra = []
        for k, t in enumerate(toks):
            if k in taken or t.lower not in memory:
                continue
            end = k + 1
            while end < len(toks) and end not in taken and toks[end].lower in self.lex.agents:
                end += 1
            extra.append(Mention(memory[t.lower], k, end, _span(toks, k, end), None, Via.ANAPHOR))
            taken.update(range(k, end))
        return sorted(ms + extra, key=lambda m: (m.start, m.end, m.actor))

    def _at(self, toks, i: int, on) -> tuple[str, list[Mention]] | None:
        tok = toks[i]
        hit = self._label_at(toks, i)
        if hit:
            entry, end = hit
            if entry.kind == "adjective":
                found = self._adjective(toks, i, end, entry, on)
                demonym = next((e for e in self.index.get(toks[i].lower, ()) if e.kind == "demonym"
                                and e.parts == entry.parts), None)
                if found is None and demonym is not None and i > 0 and toks[i - 1].lower in self.lex.words["definite"]:
                    return "mention", [Mention(demonym.target, i, end, _span(toks, i, end), None, Via.DEMONYM)]
                return found                             # "The British relinquished": the people, not an adjective
            actor, person = self._actor(entry, on)
            if actor is None:
                return None
            if entry.kind == "metonym" and (self._longer_name(toks, end) or self._name_tail(toks, i)):
                return None                             # "Baghdad International Airport", "the Washington Post"
            if person is None and end < len(toks) and toks[end].lower in self.lex.agents:
                end += 1                                # "Hezbollah fighters", "PKK militants"
            elif person is None and entry.kind in ("name", "metonym") and end < len(toks) and entry.parts[-1].isupper():
                event = self._event_noun_at(toks, end)  # "U.S. air strikes", "NATO airstrikes"
                if event > end:
                    return "mention", [Mention(actor, i, event, _span(toks, i, event), person, Via.EVENT)]
            return "mention", [Mention(actor, i, end, _span(toks, i, end), person, entry.kind)]
        if any(h in tok.text for h in HYPHENS):
            return self._hyphenated(toks, i, on)
        return self._compound(toks, i)

    def _longer_name(self, toks, end: int) -> bool:
        """A capital's name goes on into a longer proper name ("Baghdad International Airport"):
        the next word is capitalised and no title, agent, weekday or month, in a sentence that is
        not written in title case (a headline: "Moscow Condemns Kiev")."""
        if end >= len(toks):
            return False
        nxt = toks[end]
        if not (nxt.text[:1].isupper() and nxt.text.isalpha()) or nxt.lower in self.lex.agents \
                or nxt.lower in self.lex.words["title"] or nxt.lower in self._date_starts \
                or self._label_at(toks, end):          # another actor's name: "dat Washington Moskou ..."
            return False
        return any(t.text.isalpha() and len(t.text) > 3 and t.text.islower() for t in toks)

    def _name_tail(self, toks, i: int) -> bool:
        """A capital's name ends a longer proper name after a name particle ("Mocimboa da Praia",
        "Santa Cruz de Tenerife")."""
        return i >= 2 and toks[i - 1].lower in self.lex.words["name_particles"] \
            and toks[i - 2].text[:1].isupper() and toks[i - 2].text.isalpha()


def _shouting(toks, i: int) -> bool:
    """In an all-capitals stretch ("THE USA IS GREAT") acronyms are not names."""
    near = [t.text for t in toks[max(0, i - 2):i + 3] if t.text.isalpha()]
    return toks[i].text.isupper() and sum(w.isupper() for w in near) >= 3


def dateline(toks: Sequence[Token]) -> int:
    """The end of a dateline that opens a sentence ("ASTANA, Kazakhstan (AP) —"), or 0."""
    if not toks or not (toks[0].text.isupper() and len(toks[0].text) >= 3 and toks[0].text.isalpha()):
        return 0
    for k, t in enumerate(toks[1:12], 1):
        if t.text in DASHES:
            return k + 1
        if not (t.text[:1].isupper() or t.text in {",", "/", "(", ")", "."}):
            return 0
    return 0

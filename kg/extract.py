"""Code events: for each cue in a sentence, find who acts and who is acted on.

Rules over tokens, clauses and mentions, no parser:
- a sentence is cut into clauses at conjunctions, relative words, speech verbs and commas
  (commas and "and" are soft: a clause with no subject borrows it from the clause before);
- mentions joined by "en"/"and"/"," form a group that acts together;
- a cue's actor is the subject (the first bare mention of the clause, or after the verb in Dutch
  inversion), the passive agent ("door"/"by"), the possessor ("Russia's airstrikes"), the adjective
  of a nominal cue ("Turkish airstrikes") or the source of a converse cue ("steun van Moskou" with
  "rekenen op"); its recipient is the object, a mention after one of the cue's prepositions, or a
  territory holder ("rebel-held");
- pronouns take the subject of the sentence or of the sentence before; a relative pronoun takes the
  mention before it;
- negation and modality come from the words before the cue in its clause.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .lexicon import Cue, Lexicon, matches
from .model import SYMMETRIC, Article, Event, Mention, Sentence, Token
from .recognize import Recognizer
from .unknown import Unknown, candidates
from .when import date_words, dates
from .where import places_for

QUOTES = frozenset('"“”„«»')
_COUNT = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "beide": 2, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}
HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE"})
#: Categories whose object may be an event ("condemned the US strike" accuses the US).
ATTITUDE = frozenset({"SUPPORT", "ACCUSE", "REJECT", "PROTEST", "REQUEST"})
#: Categories whose infinitive complement is alleged or wanted, not done ("urged X to attack Y").
WISHES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})


@dataclass
class Clause:
    start: int
    end: int
    soft: bool = False          # begins at a comma or "and": may borrow the subject before
    reported: bool = False      # the complement of a speech verb
    speech: int | None = None   # the token of that speech verb


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


class Extractor:
    def __init__(self, gazetteer, lexicon: Lexicon):
        extra = gazetteer.agent_nouns(lexicon.lang) if hasattr(gazetteer, "agent_nouns") else frozenset()
        if extra:                                 # agent nouns a user gazetteer adds (PETRARCH agents)
            lexicon = replace(lexicon, agents=lexicon.agents | {a for a in extra if " " not in a},
                              agent_phrases=tuple(sorted(set(lexicon.agent_phrases) | {
                                  tuple(a.split()) for a in extra if " " in a}, key=len, reverse=True)))
        self.lex = lexicon
        self.words = lexicon.words
        self.gazetteer = gazetteer
        self.places = places_for(gazetteer)
        self.date_words = date_words(lexicon.lang)
        self.recognizer = Recognizer(gazetteer, lexicon)
        self.by_word: dict[str, list[Cue]] = {}
        for cue in lexicon.cues:
            self.by_word.setdefault(cue.words[0], []).append(cue)
        self.separable: dict[str, list[Cue]] = {}      # "dringen" -> the cue "terug_dringen"
        for word, cues in self.by_word.items():
            if "_" in word:
                self.separable.setdefault(word.split("_", 1)[1], []).extend(c for c in cues if c.kind == "verb")
        self.event_anaphors = {c.words[0]: c.category for c in lexicon.cues
                               if c.kind == "noun" and len(c.words) == 1 and c.category not in SYMMETRIC}
        self.compound_nouns = tuple(sorted(
            {c.words[0] for c in lexicon.cues if c.kind == "noun" and len(c.words) == 1 and len(c.words[0]) > 3}))

    # -- the article ----------------------------------------------------------------------------
    def article(self, article: Article, sentences: tuple[Sentence, ...]) -> list[Event]:
        return self.analyse(article, sentences)[0]

    def analyse(self, article: Article, sentences: tuple[Sentence, ...]) -> tuple[list[Event], list[Unknown]]:
        """The article's events, and the names in it that look like actors kg does not know."""
        ctx = Context()
        found = [self.recognizer.mentions(s.tokens, article.date, ctx.memory) for s in sentences]
        ctx.countries = {c for ms, _ in found for m in ms if not self._generic(m)
                         for c in (m.actor, self._country(m.actor)) if c}
        events: list[Event] = []
        unknowns: list[Unknown] = []
        for s, recognized in zip(sentences, found):
            events.extend(self.sentence(article, s, ctx, recognized))
            unknowns.extend(candidates(s, recognized[0], self.lex))
        return events, unknowns

    def _country(self, actor_id: str) -> str | None:
        actor = self.gazetteer.actors.get(actor_id)
        return actor.country if actor else None

    def _generic(self, m: Mention) -> bool:
        """A lower-case name of a group ("rebels", "de oppositie") that belongs to a country."""
        if m.via == "adjective" and not m.person:        # "Kurdish fighters": Syrian Kurds only in Syria
            return self._country(m.actor) is not None and self._type(m.actor) != "State"
        words = [w for w in m.text.split() if w.lower() not in self.words["determiners"]]
        return bool(words) and all(w.islower() for w in words) and self._country(m.actor) is not None \
            and m.via in ("name", "compound")

    def sentence(self, article: Article, s: Sentence, ctx: Context, recognized=None) -> list[Event]:
        """The events of one sentence; `recognized` is the recognizer's result when already known."""
        toks = s.tokens
        ctx.sentence = s.index
        mentions, backings = recognized or self.recognizer.mentions(toks, article.date, ctx.memory)
        mentions = [_retext(s, m) for m in mentions]
        dateline = _dateline(toks)                # "BEIRUT/WASHINGTON (Reuters) -": places, not actors
        if dateline:
            mentions = [m for m in mentions if m.start >= dateline]
        if ctx.countries is not None:        # "the rebels" are Syria's only in an article about Syria
            mentions = [m for m in mentions if not self._generic(m) or self._country(m.actor) in ctx.countries]
        clauses = self._clauses(toks, mentions)
        mentions = self._pronouns(toks, mentions, clauses, ctx)
        mentions.sort(key=lambda m: (m.start, m.end, m.actor))
        groups = self._groups(toks, mentions, clauses)
        ends = {m.end for m in mentions}
        starts = {m.start for m in mentions}
        inside = {k for m in mentions if m.via in ("event", "led", "adjective", "name") for k in range(m.start + 1, m.end)}
        named = {k for m in mentions if m.via in ("name", "compound", "person", "metonym", "demonym") for k in range(m.start, m.end)
                 if not any(c.kind == "noun" for c in self.by_word.get(toks[k].lower, ())) or m.via != "compound"}
        referring = {k for m in mentions if m.via == "descriptor" for k in range(m.start, m.end)}
        events = []
        for b in backings:
            sup, m = _retext(s, b.supporter), _retext(s, b.mention)
            if sup.actor != m.actor:
                events.append(self._event(article, s, "SUPPORT", sup, m, toks, sup.start, None, sup.text))
        wishes: list[tuple[int, int, str]] = []  # spans after "accused X of", "called on X to"
        for i, tok in enumerate(toks):
            if any(a < i < b and (toks[i - 1].lower in ("to", "te") or toks[_clause_of(clauses, i).start].lower in ("that", "dat")
                                  or (toks[i].lower.endswith("ing") and toks[i - 1].lower in ("of", "from"))
                                  or (any(t.lower in ("to", "te") for t in toks[i + 1:b])
                                      and not any(t.lower in self.words["prepositions"] and t.lower != particle
                                                  for t in toks[max(a, i - 3):i])))
                   for a, b, particle in wishes):
                continue                          # "beschuldigen het emiraat ervan ... te steunen": alleged
            if i in referring:
                continue                          # "the operation" refers to an event told before
            if i in named and i not in ends:
                continue                          # "Popular Mobilisation Forces" is a name, not a mobilisation
            modifier = self.lex.lang == "en" and i + 1 < len(toks) and toks[i + 1].text.isalpha() \
                and toks[i + 1].text.islower() and toks[i + 1].lower not in self.words["prepositions"] \
                and toks[i + 1].lower not in self.words["coordination"] | self.words["copula"] | self.words["determiners"] \
                and not self.by_word.get(toks[i + 1].lemma) and not toks[i + 1].lower.endswith(("ed", "ly", "ing"))
            for cue, end in self._cues_at(toks, i, ends, inside, starts):
                if modifier and cue.kind == "noun" and end == i + 1:
                    continue                      # "ceasefire violations": a noun before its noun
                clause = _clause_of(clauses, i)
                if cue.needs and not self._needs(toks, cue, i, clause, clauses):
                    continue
                pairs = self._roles(toks, cue, i, end, clause, clauses, groups)
                lone = [a for a, r in pairs if r is None]
                pairs = [(a, r) for a, r in pairs if r is not None]
                if cue.category not in SYMMETRIC and (lone or pairs):
                    first = lone[0] if lone else pairs[0][0]
                    ctx.acts.append((cue.category, cue.words[0] if cue.kind == "noun" else "", first))
                for actor, recipient in pairs:
                    ev = self._event(article, s, cue.category, actor, recipient, toks, i, clause,
                                     " ".join(t.text for t in toks[i:end]), clauses)
                    events.append(ev)
                if cue.kind == "verb" and cue.category in WISHES:
                    reach = _reach(clauses, clause)
                    n = clauses.index(clause)
                    if n + 1 < len(clauses) and toks[clauses[n + 1].start].lower in ("that", "dat"):
                        reach = _reach(clauses, clauses[n + 1])   # "demanded that Moscow withdraw"
                    wishes.append((i, reach, cue.words[0].split("_")[0] if "_" in cue.words[0] else ""))
        events.extend(self._accusations(article, s, toks, clauses, groups, events))
        events.extend(self._demands(article, s, toks, clauses, groups))
        for g in groups:                          # "die samen met de VS tegen IS vochten"
            if self._comitative(toks, g):
                clause = _clause_of(clauses, g[0].start)
                scope = _scope(clauses, clause)
                subj = [h for h in groups if scope.start <= h[0].start and h[-1].end <= g[0].start and h is not g
                        and self._prep(toks, h[0], _clause_of(clauses, h[0].start)) is None and h[0].via != "holder"]
                for a, r in _pairs(Cue("COOPERATE", "noun", ("samen",)), subj[0] if subj else None, g):
                    events.append(self._event(article, s, "COOPERATE", a, r, toks, g[0].start, clause,
                                              " ".join(t.text for t in toks[g[0].start - 2:g[0].start]), clauses))
        ctx.quote = (sum(t.lower in ('"',) for t in toks) % 2 == 1) != ctx.quote or \
            (any(t.lower == "“" for t in toks) and not any(t.lower == "”" for t in toks))
        for e in events:
            if e.event not in SYMMETRIC and e.cue and e.cue.lower() in self.event_anaphors:
                ctx.acts.append((e.event, e.cue.lower(), e.actor))
        for g in groups:
            if len({m.actor for m in g}) > 1 and g[0].via not in ("pronoun", "descriptor"):
                ctx.groups.append((s.index, list(g)))
        for m in mentions:
            if m.via not in ("pronoun", "descriptor", "relative"):
                ctx.named[m.actor] = ctx.named.get(m.actor, 0) + 1
        bodies = [m for m in mentions if self._type(m.actor) in ("Organisation", "ArmedGroup") and m.via not in ("pronoun", "descriptor")]
        if bodies:
            ctx.body = bodies[-1]
        states = [m for m in mentions if self._type(m.actor) == "State" and m.via not in ("pronoun", "descriptor")]
        if states:
            ctx.state = states[-1]
        speakers = self._speakers(toks, [m for m in mentions if m.via != "pronoun"])
        if speakers:
            ctx.speaker = speakers[0]
        subject = _subject(groups, clauses)
        if subject:
            ctx.subject = subject
        persons = [m for m in mentions if m.person and m.via != "pronoun"]
        if persons:
            ctx.person = persons[0]
        return _dedupe(self._situate(article, toks, clauses, events))

    def _situate(self, article, toks, clauses, events: list[Event]) -> list[Event]:
        """Give each event the place and date said in its clause (or the clauses it continues);
        an event with no date of its own takes the article's date."""
        places = self.places.find(toks, self.lex.lang)
        when = dates(toks, self.lex.lang, article.date, self.date_words)
        if not places and not when:
            return events
        out = []
        for e in events:
            at = e.actor.start
            clause = _clause_of(clauses, at)
            lo, hi = _scope(clauses, clause).start, _reach(clauses, clause)
            place = next((p.place_id for p in sorted(places, key=lambda p: abs(p.start - at)) if lo <= p.start < hi), None)
            if place is None and toks[lo].lower in self.words["where"]:   # "in Aleppo, waar troepen ..."
                before = [p for p in places if p.end <= lo]
                place = before[-1].place_id if before else None
            date = next((d.date for d in sorted(when, key=lambda d: abs(d.start - at)) if lo <= d.start < hi), None)
            out.append(replace(e, place=place or e.place, date=date or e.date))
        return out

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
            if any(t.lower == particle for t in toks[max(0, i - 3):i + 12] if t is not tok):
                found.append((cue, i + 1))
        if not found and self.lex.lang == "nl" and len(tok.lower) > 6:   # closed compounds
            for noun in self.compound_nouns:
                if tok.lower.endswith(noun) or tok.lower.endswith(noun + "en"):
                    found.extend((c, i + 1) for c in self.by_word[noun] if c.kind == "noun")
                    break
        kinds = {c.kind for c, _ in found}
        if self.lex.lang == "en" and tok.lower.endswith("ed") and i + 1 in starts and i > 0 \
                and (toks[i - 1].lower in self.words["determiners"] | self.words["prepositions"]
                     or toks[i - 1].lower.endswith("ing")):
            return []                                    # "guarding captured ISIS militants": an adjective
        if tok.lower in self.lex.agents or i in inside or (     # "Arab allies", "the US strike": nouns
                i > 0 and toks[i - 1].lower in self.words["definite"] | {"a", "an", "een"}):   # "the fight"
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
    def _clauses(self, toks, mentions: list[Mention]) -> list[Clause]:
        w = self.words
        starts = {m.start for m in mentions} | {k for k in range(len(toks) - 1)   # "troops and their allies"
                                                 if toks[k].lower in w["possessive"] and toks[k + 1].lower in self.lex.agents}
        ends = {m.end for m in mentions}
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
            elif low in w["coordination"] and not (k in ends and k + 1 in starts):
                cut(k + 1, soft=True)
            elif low in w["clause_open"]:
                nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
                if low == "as" and not (k + 1 in starts or nxt in w["pronoun_group"] or nxt in w["pronoun_person"]
                                        or nxt in w["determiners"]):
                    continue                   # "as terrorists", "as well": not a clause
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
                    and toks[k + 1].lower not in QUOTES and toks[k + 1].lower not in ("to", "te", ",", "."):
                cut(k + 1, speech=k)
                speech_at = k
        out, start, how = [], 0, Clause(0, 0)
        for at in sorted(cuts):
            if at >= len(toks):
                continue
            out.append(Clause(start, at, how.soft, how.reported, how.speech))
            start, how = at, cuts[at]
        out.append(Clause(start, len(toks), how.soft, how.reported, how.speech))
        return out

    # -- pronouns and relatives -----------------------------------------------------------------
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
            before = [m for m in out if m.end <= k and m.via not in ("pronoun", "relative")]
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
                out.extend(replace(m, start=k, end=k + 1, text=t.text, via="relative") for m in prev)
                continue
            if low in self.event_anaphors and k > 0 and toks[k - 1].lower in w["definite"] \
                    and (k + 1 >= len(toks) or toks[k + 1].lower not in w["prepositions"]) \
                    and (k < 2 or toks[k - 2].lower not in w["prepositions"]):
                category = self.event_anaphors[low]      # "the operation was condemned": the last actor of one
                a = _salient(ctx.acts, low, category)
                if a is not None:
                    out.append(Mention(a.actor, k - 1, k + 1, f"{toks[k - 1].text} {t.text}", a.person, "descriptor"))
                continue
            if low in w["state_descriptor"] and k > 0 and toks[k - 1].lower in w["definite"]:
                states = [m for m in before if self._type(m.actor) == "State" and m.start < clause.start]
                ante = states[-1:] or ([ctx.state] if ctx.state else [])
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via="descriptor")
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
                    out.extend(replace(m, start=k, end=k + 2, text=f"{t.text} {toks[k + 1].text}", via="pronoun") for m in ante)
                    taken.add(k + 1)
                else:
                    out.extend(replace(m, start=k, end=k + 1, text=t.text, via="possessor") for m in ante)
                continue
            size = _COUNT.get(toks[k - 1].lower) if k > 0 else None
            if low in w["plural_descriptor"] and size:
                ante = self._plural([m for m in before if m.start < clause.start], ctx, size)   # "both sides"
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via="descriptor")
                           for m in ante)
                continue
            if low in w["body_descriptor"] and k > 0 and toks[k - 1].lower in w["definite"]:
                bodies = [m for m in before if self._type(m.actor) in ("Organisation", "ArmedGroup")]
                ante = bodies[-1:] or ([ctx.body] if ctx.body else [])
                out.extend(replace(m, start=k - 1, end=k + 1, text=f"{toks[k - 1].text} {t.text}", via="descriptor")
                           for m in ante)                   # "the alliance", "de organisatie"
                continue
            elif low in w["first_person"] and quoted:          # "I will destroy ...", Trump wrote
                speaker = self._speakers(toks, mentions)
                out.extend(replace(m, start=k, end=k + 1, text=t.text, via="pronoun") for m in speaker[:1])
            elif (low in w["pronoun_person"] or low in w["pronoun_group"] or low in w["pronoun_object"]) and not (
                    low in w["determiners"] and k + 1 < len(toks) and toks[k + 1].text.isalpha()):   # "hun banden"
                ante = self._antecedent(low, k, before, clauses, ctx, toks)
                out.extend(replace(m, start=k, end=k + 1, text=t.text, via="pronoun") for m in ante)
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
        sentence first, else the one in the article whose actors are named most."""
        for n in range(len(before) - 1, 0, -1):
            group = [before[n]]
            while n > 0 and 0 < before[n].start - before[n - 1].end <= 2:
                n -= 1
                group.insert(0, before[n])
            if len({m.actor for m in group}) == size:
                return group
        recent = [g for n, g in ctx.groups if ctx.sentence - n <= 2 and len({m.actor for m in g}) == size]
        if recent:                                   # a pair named just before
            return recent[-1]
        top = sorted(ctx.named.items(), key=lambda kv: -kv[1])[:size]   # the actors the article is about
        if len(top) < size or top[-1][1] < 2:
            return []
        first = {m.actor: m for m in reversed(before)}
        return [first.get(a) or Mention(a, 0, 0, a, None, "descriptor") for a, _ in top]

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

    def _antecedent(self, low: str, k: int, before: list[Mention], clauses, ctx, toks,
                    possessive: bool = False) -> list[Mention]:
        """Who a pronoun stands for: a subject pronoun takes the sentence's subject (or the previous
        sentence's), an object pronoun the last mention before it."""
        w = self.words
        if k > 0 and toks[k - 1].lower in w["prepositions"] and not possessive:   # "a campaign against it"
            return [before[-1]] if before else []
        clause = _clause_of(clauses, k)
        if possessive:                                    # "troops and their allies": the nearest in the clause
            near = [m for m in before if m.start >= clause.start and m.via not in ("relative", "event", "holder")]
            if near:
                return [near[-1]]
        same = [m for m in before if m.start >= clause.start]
        subject_position = not same
        if low in w["pronoun_object"] and (low not in w["pronoun_group"] or not subject_position):
            return [before[-1]] if before else []
        this = [m for m in before if m.start < clause.start]
        if clause.speech is not None and subject_position:     # "X said they ...": X
            spoken = [m for m in this if m.end <= clause.speech
                      and self._prep(toks, m, _clause_of(clauses, m.start)) is None and m.via != "holder"]
            if low in w["pronoun_person"] and low not in w["pronoun_group"]:
                spoken = [m for m in spoken if m.person]
            if spoken:
                last = [spoken[-1]]
                for m in reversed(spoken[:-1]):                 # the whole group: "Saudi Arabia and Israel"
                    if last[0].start - m.end <= 2:
                        last.insert(0, m)
                    else:
                        break
                return last
        if low in w["pronoun_person"] and low not in w["pronoun_group"]:
            persons = [m for m in this if m.person]
            if persons:
                return [persons[0]]
            return [ctx.person] if ctx.person else []
        bare = [m for m in this if self._prep(toks, m, _clause_of(clauses, m.start)) is None and m.via not in ("holder", "event")]
        if bare:
            return _group_from(bare)
        return list(ctx.subject)

    # -- groups ---------------------------------------------------------------------------------
    def _groups(self, toks, mentions: list[Mention], clauses: list[Clause]) -> list[list[Mention]]:
        """Mentions joined by "en"/"and"/"," (and mentions sharing a span) act together."""
        w = self.words
        groups: list[list[Mention]] = []
        for m in mentions:
            if groups and m.via != "relative" and groups[-1][-1].via != "relative" and \
                    not self._fronted(toks, groups[-1][0], m) and \
                    (m.via != "pronoun" or _clause_of(clauses, m.start) is _clause_of(clauses, groups[-1][-1].start)):
                last = groups[-1][-1]
                between = [t.lower for t in toks[last.end:m.start]]
                if m.start < last.end or (between and all(b in w["coordination"] or b == "," or b in w["determiners"]
                                                          or b in ("ook", "also", "both", "beide") for b in between)
                                          and any(b in w["coordination"] or b == "," for b in between)) \
                        or (m.start == last.start):
                    groups[-1].append(m)
                    continue
            groups.append([m])
        return groups

    def _fronted(self, toks, first: Mention, m: Mention) -> bool:
        """"In Syria, Russian warplanes ...": a place phrase before a comma is no list with what follows."""
        return first.start > 0 and toks[first.start - 1].lower in self.words["prepositions"] and \
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
            if low in w["determiners"] or (toks[k].text.isalpha() and toks[k].text.islower() and low not in w["passive_aux"]
                                           and not self.by_word.get(toks[k].lemma) and low not in w["coordination"]):
                k -= 1
                steps += 1
                continue
            break
        return None

    # -- roles ----------------------------------------------------------------------------------
    def _roles(self, toks, cue: Cue, i: int, end: int, clause: Clause, clauses, groups):
        """(actor, recipient) mention pairs for the cue at token i (see the module docstring)."""
        w = self.words
        scope = _scope(clauses, clause)
        ingroups = [g for g in groups if scope.start <= g[0].start < scope.end]
        own = [g for g in groups if clause.start <= g[0].start < clause.end]
        preps = {id(g): self._prep(toks, g[0], _clause_of(clauses, g[0].start)) for g in groups}
        holders = [g for g in own if g[0].via == "holder"]
        along = [g for g in own if self._comitative(toks, g)]

        def bare(gs, speakers=True, events=False):
            return [g for g in gs if preps[id(g)] is None and g[0].via != "holder" and g not in along
                    and (events or g[0].via != "event") and (speakers or not self._speaker(toks, g))]

        actor = recipient = None
        inside = [g for g in groups if g[0].start <= i < g[-1].end]
        after_cue = [g for g in own if g[0].start >= end]
        before_cue = [g for g in own if g[0].end <= i]
        passive = cue.kind == "verb" and self._passive(toks, i, clause)
        if inside:
            actor = inside[0]
        elif cue.kind == "noun" and i > 0 and toks[i - 1].lower in ("'s", "’s"):
            actor = next((g for g in before_cue if g[-1].end == i - 1), None)
        if actor is None and cue.kind == "noun":          # "his first formal meeting with ..."
            actor = next((g for g in groups if g[0].via == "possessor" and g[-1].end <= i
                          and self._event_after(toks, g[-1].end) == i), None)
        if actor is None and cue.actor_preps and not cue.converse and cue.kind == "noun":
            near = [g for g in after_cue if preps[id(g)] in cue.actor_preps and g[0].start - end <= 4]
            near += [g for g in after_cue if preps[id(g)] in w["passive_agent"] and g not in near]
            actor = near[0] if near else None
        if passive and actor is None:
            agents = [g for g in after_cue + before_cue if preps[id(g)] in w["passive_agent"] and g[0].via != "holder"]
            actor = agents[0] if agents else None
            if actor is not None:
                subj = bare(before_cue) or bare([g for g in ingroups if g[0].end <= i])
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
            near = [g for g in ingroups if g[0].end <= i and g[0].via not in ("holder", "event") and i - g[-1].end <= 6
                    and preps[id(g)] not in ("in", "at", "near", "into", "from")]
            actor = near[-1] if near else None        # "urged Turkey to attack", "Russia seeking to prop up"
        if actor is None:
            subj = bare([g for g in own if g[0].end <= i])
            if not subj and clause.soft:
                subj = self._subject_before(clauses, clause, groups, bare, toks)
            if not subj and clause.speech is not None and cue.kind == "verb" and not any(
                    t.lower in w["prepositions"] for t in toks[clause.start:i]):  # "Frankrijk zei de acties te steunen"
                subj = self._speaker_group(toks, clauses, clause, groups)
            if len(subj) > 1 and subj[0][0].via == "relative" and subj[1][0].via == "pronoun":
                return _pairs(cue, subj[1], subj[0])   # "die ze ... beschouwen": the relative is the object
            if subj and cue.kind == "noun" and cue.category not in SYMMETRIC and not self._light(toks, subj[0][-1].end, i) \
                    and not (cue.category in ("SUPPORT", "COOPERATE") and self._predicate(toks, subj[0][-1].end, i)):
                subj = []                                           # "X condemned the shelling of Y"
            if subj:
                actor = subj[0]
            elif self.lex.lang == "nl" or cue.category in SYMMETRIC:     # Dutch inversion
                later = bare(after_cue)
                actor = later[0] if later else None
        between = [g for g in targets + early if preps[id(g)] in ("between", "tussen") and len({m.actor for m in g}) > 1]
        if between and cue.category in SYMMETRIC:                   # "talks between Russia and Ukraine"
            return _pairs(cue, between[0], None)
        if actor is None and cue.kind == "noun" and cue.category not in SYMMETRIC:
            return []
        if targets and self.lex.lang == "nl":                       # "Behalve tegen IS strijden ..."
            targets = early + targets
        first_object = [g for g in bare(own, speakers=False) if g is not actor and end <= g[0].start <= end + 3
                        and self._object_path(toks, end, g[0].start)] if cue.kind == "verb" else []
        if targets and first_object and first_object[0][0].start < targets[0][0].start:
            targets = []                                            # "urged Putin to use his influence on Assad"
        if targets:
            return [p for g in targets for p in _pairs(cue, actor, g)]
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
        owned = [g for g in own if preps[id(g)] in ("of", "van") and self._possessed(toks, g)]
        objects = [g for g in bare(own, speakers=False, events=attitude) + owned if g is not actor and g[0].start >= end
                   and self._object_path(toks, end, g[0].start)]
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
        if not objects and cue.category in ("REQUEST", "ACCUSE", "THREATEN") and n + 1 < len(clauses) \
                and toks[clauses[n + 1].start].lower in ("dat", "that"):
            nxt = clauses[n + 1]                                # "eiste dat Turkije zijn troepen terugtrekt"
            objects = bare([g for g in groups if nxt.start <= g[0].start < nxt.end])[:1]
        if not objects and attitude:                                # "condemned an attack by ISIS"
            objects = [g for g in own if g[0].start >= end and preps[id(g)] in w["passive_agent"] | {"of", "van"}
                       and any(self._is_event_noun(t) for t in toks[end:g[0].start])][:1]
        if not objects and early:
            return [p for g in early for p in _pairs(cue, actor, g)]
        if not objects and self.lex.lang == "nl":                   # Dutch verb-final: "dat ze X terugdrongen"
            objects = sorted([g for g in bare(own, events=attitude) + owned if g is not actor and actor
                              and g[0].start > actor[0].start and g[-1].end <= i], key=lambda g: g[0].start)
        if not objects and cue.reciprocal and actor and len({m.actor for m in actor}) > 1:
            return _pairs(cue, actor, actor, reciprocal=True)            # "Armeense en Azerbeidzjaanse troepen vechten"
        return _pairs(cue, actor, objects[0] if objects else None) or _lone(actor)

    def _needs(self, toks, cue: Cue, i: int, clause: Clause, clauses) -> bool:
        """A word the cue needs is near it, in its clause or the clauses that continue it
        (in English after the cue: "called them terrorists"; in Dutch also before: "als
        terroristische organisatie beschouwen")."""
        lo = max(clause.start, i - 12) if self.lex.lang == "nl" else i
        hi = min(_reach(clauses, clause), i + 16) if self.lex.lang == "nl" else _reach(clauses, clause)
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

    def _object_path(self, toks, end: int, start: int) -> bool:
        """Nothing between a verb and its object that starts another phrase ("urged its citizens
        to leave Iraq": Iraq is not what was urged)."""
        w = self.words
        for k in range(end, start):
            low = toks[k].lower
            if low in ("to", "te", "om") or (low in w["prepositions"] and not (
                    low in ("of", "van") and k > 0 and (toks[k - 1].lower in w["quantity"] or toks[k - 1].text.isdigit()))):
                return False
        return True

    def _comitative(self, toks, g) -> bool:
        """A mention after "samen met", "together with": a partner of the actor, not a target."""
        k = g[0].start
        for phrase in self.words["comitative"]:
            parts = phrase.split()
            n = len(parts)
            for back in (0, 1):                                  # one determiner may come between
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
        before = [t.lower for t in toks[max(clause.start, i - 3):i] if t.lower not in w["determiners"]]
        return bool(before) and (before[-1] in w["converse_prep"] or " ".join(before[-2:]) in w["converse_prep"])

    def _subject_before(self, clauses, clause, groups, bare, toks=()) -> list:
        """The subject of the nearest clause before, across commas and "and"."""
        for prev in reversed(clauses[:clauses.index(clause)]):
            subj = bare([g for g in groups if prev.start <= g[0].start < prev.end])
            if subj and subj[0][0].via == "relative" and subj[0][0].start == prev.start:
                continue                          # "X, die zich hadden onthouden, riepen ...": X
            if subj and toks and self.lex.lang == "en" and any(c.kind == "verb" for t in toks[prev.start:subj[0][0].start]
                                                      for c in self.by_word.get(t.lemma, ())):
                continue                          # "..., blamed the opposition ... and accused": not a subject
            if subj or not prev.soft:
                return subj
        return []

    def _speaker_group(self, toks, clauses, clause, groups) -> list:
        """The group that speaks the speech verb a reported clause depends on."""
        v = clause.speech
        speaking = _clause_of(clauses, v)
        scope = _scope(clauses, speaking)
        before = [g for g in groups if scope.start <= g[0].start and g[-1].end <= v
                  and self._prep(toks, g[0], _clause_of(clauses, g[0].start)) is None]
        near = [g for g in before if g[0].start >= speaking.start]
        return near[-1:] or before[:1]             # "X said" / "X condemned Y and said"

    def _accusations(self, article, s, toks, clauses, groups, events) -> list[Event]:
        """Speech that accuses: "X complained that Y ..." is X ACCUSE Y; "X said Y attacked Z" is
        X ACCUSE Y (the attack itself is kept, with modality `reported`). Monitors and other
        organisations that report fighting do not accuse."""
        w = self.words
        out = []
        for clause in clauses:
            if clause.speech is None:
                continue
            v = clause.speech
            speaking = _clause_of(clauses, v)
            scope = _scope(clauses, speaking)                   # "The US and others ... say"
            before = [g for g in groups if scope.start <= g[0].start and g[-1].end <= v]
            before = [g for g in before if self._prep(toks, g[0], speaking) is None] or before
            if not before:
                continue
            speaker = before[-1]
            stop = next((c.start for c in clauses if c.start > clause.start and not c.soft), len(toks))
            if toks[v].lemma in w["accusing_speech"] or toks[v].lower in w["accusing_speech"]:
                inner = [g for g in groups if clause.start <= g[0].start < stop
                         and self._prep(toks, g[0], _clause_of(clauses, g[0].start)) is None]
                accused = inner[:1]
            else:
                hostile = sorted((e for e in events if e.event in HOSTILE and clause.start <= _token_at(toks, e) < stop),
                                 key=lambda e: e.actor.start)[:1]       # the claim, not what it mentions
                if any(self._type(m.actor) == "Organisation" for m in speaker):
                    continue
                accused = [[e.actor] for e in hostile]
            for g in accused:
                for a, r in _pairs(Cue("ACCUSE", "verb", (toks[v].lower,)), speaker, g):
                    out.append(self._event(article, s, "ACCUSE", a, r, toks, v, speaking, toks[v].text))
        return out

    def _demands(self, article, s, toks, clauses, groups) -> list[Event]:
        """"X said that Y must ..." is X REQUEST Y: an obligation in reported speech is a demand."""
        w = self.words
        out = []
        for clause in clauses:
            if clause.speech is None:
                continue
            lows = [t.lower for t in toks[clause.start:clause.end]]
            pairs = [f"{a} {b}" for a, b in zip(lows, lows[1:])]
            at = next((clause.start + n for n, x in enumerate(lows) if x in w["obligation"]), None)
            if at is None:
                at = next((clause.start + n for n, x in enumerate(pairs) if x in w["obligation"]), None)
            if at is None:
                continue
            subj = [g for g in groups if clause.start <= g[0].start and g[-1].end <= at
                    and self._prep(toks, g[0], clause) is None and g[0].via not in ("holder", "event")]
            speaker = self._speaker_group(toks, clauses, clause, groups)
            if subj and speaker:
                for a, r in _pairs(Cue("REQUEST", "verb", (toks[at].lower,)), speaker[0], subj[0]):
                    speaking = _clause_of(clauses, clause.speech)   # the demand itself is asserted
                    out.append(self._event(article, s, "REQUEST", a, r, toks, clause.speech, speaking, toks[at].text, clauses))
        return out

    def _type(self, actor_id: str) -> str | None:
        actor = self.gazetteer.actors.get(actor_id)
        return actor.type if actor else None

    def _light(self, toks, start: int, i: int) -> bool:
        """A light verb governs the noun at i: "began a military offensive", "carried out strikes",
        "reached a deal", and in Dutch also after it: "een akkoord te bereiken"."""
        w = self.words
        for k in range(i - 1, max(start, i - 5) - 1, -1):
            t = toks[k]
            if t.lemma in w["light"] or t.lower in w["light"]:
                return True
            if t.lower in w["prepositions"] and t.lower not in ("out",) or not t.text.isalpha():
                break
        if self.lex.lang == "nl":
            for t in toks[i + 1:i + 4]:
                if t.lemma in w["light"] or t.lower in w["light"]:
                    return True
                if not t.text.isalpha():
                    break
        return False

    def _predicate(self, toks, start: int, i: int) -> bool:
        """"Iran is a key ally of Damascus": a copula links the subject to the noun."""
        span = toks[start:i]
        return len(span) <= 5 and any(t.lower in self.words["copula"] or t.lemma in self.words["copula"] for t in span) \
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
        if any(t.lower in w["passive_aux"] or t.lemma in w["passive_aux"] for t in window):
            return toks[i].lower != toks[i].lemma or any(t.lower in w["passive_agent"] for t in toks[i:i + 6])
        return self._reduced(toks, i)

    def _reduced(self, toks, i: int) -> bool:
        """A participle with its agent and no auxiliary: "militias backed by the United States"."""
        w = self.words
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        return toks[i].lower.endswith(("ed", "d", "t")) and toks[i].lower != toks[i].lemma and nxt in w["passive_agent"]

    # -- the record -----------------------------------------------------------------------------
    def _event(self, article, s: Sentence, category, actor: Mention, recipient, toks, i, clause, cue_text,
               clauses: list[Clause] | None = None) -> Event:
        negated, modality = False, "asserted"
        if clause is not None:
            window = toks[clause.start:i]
            words = self.words
            near = window if self.lex.lang != "en" else toks[max(clause.start, i - 4):i]
            lows = [t.lower for t in near]
            negated = any(x in words["negation"] for x in lows) or \
                any(f"{a} {b}" in words["negation"] for a, b in zip(lows, lows[1:])) or \
                any(f"{a} {b}" in words["negation"] for a, b in zip([t.lower for t in window], [t.lower for t in window][1:]))
            modal = toks[_scope(clauses, clause).start:i] if clauses and clause in clauses else window
            lows = [t.lower for t in modal] + [t.lemma for t in modal]
            if any(x in words["future"] for x in lows):
                modality = "future"
            elif any(x in words["want"] for x in lows):
                modality = "wanted"
            elif any(x in words["hypothetical"] for x in lows):
                modality = "hypothetical"
            elif clause.reported or any(t.lower in words["according_to"] for t in toks[clause.start:clause.end]):
                modality = "reported"
        if category in ("ASSAULT", "COERCE") and modality == "future":
            category = "THREATEN"                 # "I will destroy the economy of Turkey"
        return Event(doc=article.doc, sentence=s.index, start=s.start, end=s.end, text=s.text,
                     event=category, actor=actor, recipient=recipient, negated=negated,
                     modality=modality, cue=cue_text, date=article.date)


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
        if g[0].via not in ("holder", "event"):
            return list(g)
    return []


def _retext(s: Sentence, m: Mention) -> Mention:
    toks = s.tokens
    text = s.text[toks[m.start].start - s.start:toks[m.end - 1].end - s.start]
    return m if text == m.text else replace(m, text=text)


def _dedupe(events: list[Event]) -> list[Event]:
    seen, out = set(), []
    for e in events:
        key = (e.event, e.actor.actor, e.recipient.actor if e.recipient else None, e.negated)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _token_at(toks, e: Event) -> int:
    """The token index of an event's cue in its sentence (its actor mention's start as a fallback)."""
    return e.actor.start


def _reach(clauses: list[Clause], clause: Clause) -> int:
    """The end of a clause with the soft clauses that continue it ("X beschouwt Y, ..., als terrorist")."""
    n = clauses.index(clause)
    end = clause.end
    while n + 1 < len(clauses) and clauses[n + 1].soft:
        n += 1
        end = clauses[n].end
    return end


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


_DASHES = frozenset({"-", "–", "—", "--"})


def _dateline(toks) -> int:
    """The end of a dateline that opens a sentence ("ASTANA, Kazakhstan (AP) —"), or 0."""
    if not toks or not (toks[0].text.isupper() and len(toks[0].text) >= 3 and toks[0].text.isalpha()):
        return 0
    for k, t in enumerate(toks[1:12], 1):
        if t.text in _DASHES:
            return k + 1
        if not (t.text[:1].isupper() or t.text in {",", "/", "(", ")", "."}):
            return 0
    return 0

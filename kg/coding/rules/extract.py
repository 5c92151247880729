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

The clause rules live in kg/coding/rules/clauses.py, the references in kg/coding/rules/discourse.py, the role rules in
kg/coding/rules/roles.py and the words that change how a cue reads (negation after the verb, agreements left or
meetings called off, particles, refusals) in kg/coding/rules/readings.py (mixins of Extractor); this module
reads cues and makes the events.
"""
from __future__ import annotations

from dataclasses import replace

from kg.base.model import SYMMETRIC, Article, Event, Mention, Sentence, Via
from kg.coding.mentions import is_generic
from kg.coding.recognize import Recognizer, dateline
from kg.coding.rules.clauses import (
    Clause,
    Clauses,
    _clause_of,
    _reach,
    _scope,
    _subject,
    _that_next,
)
from kg.coding.rules.discourse import REACTIONS, Context, Discourse
from kg.coding.rules.readings import Readings
from kg.coding.rules.roles import ATTITUDE, Roles, _pairs
from kg.coding.unknown import Unknown, candidates
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.lexicon import Cue, Lexicon
from kg.knowledge.places import places_for
from kg.read.when import date_words, dates

HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE"})
#: Categories whose infinitive complement is alleged or wanted, not done ("urged X to attack Y").
WISHES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})
__all__ = ["ATTITUDE", "Clause", "Context", "Extractor", "HOSTILE", "WISHES"]


class Extractor(Roles, Discourse, Clauses, Readings):
    """The events of an article in one language (clauses, references and roles come from the mixins)."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
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
        self.adverbial_first: dict[str, list[tuple[str, ...]]] = {}    # the adverbial phrases by first
        self.adverbial_last: dict[str, list[tuple[str, ...]]] = {}     # and by last word, in the lexicon's order
        for phrase in lexicon.phrases["adverbial"]:
            self.adverbial_first.setdefault(phrase[0], []).append(phrase)
            self.adverbial_last.setdefault(phrase[-1], []).append(phrase)
        self.comitative_last: dict[str, list[list[str]]] = {}       # "samen met" under "met"
        for phrase in sorted(self.words["comitative"]):
            parts = phrase.split()
            self.comitative_last.setdefault(parts[-1] if parts else "", []).append(parts)

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
        return is_generic(m, self.gazetteer, self.words["determiners"])

    def sentence(self, article: Article, s: Sentence, ctx: Context, recognized: tuple | None = None) -> list[Event]:
        """The events of one sentence; `recognized` is the recognizer's result when already known."""
        toks = s.tokens
        ctx.sentence = s.index
        mentions, backings = recognized or self.recognizer.mentions(toks, article.date, ctx.memory)
        mentions = [_retext(s, m) for m in mentions]
        cut = dateline(toks)                     # "BEIRUT/WASHINGTON (Reuters) -": places, not actors
        if cut:
            mentions = [m for m in mentions if m.start >= cut]
        if ctx.countries is not None:        # "the rebels" are Syria's only in an article about Syria
            mentions = [m for m in mentions if not self._generic(m) or self._country(m.actor) in ctx.countries]
        clauses = self._clauses(toks, mentions)
        mentions = self._pronouns(toks, mentions, clauses, ctx)
        mentions.sort(key=lambda m: (m.start, m.end, m.actor))
        groups = self._groups(toks, mentions, clauses)
        ends = {m.end for m in mentions}
        starts = {m.start for m in mentions}
        inside = {k for m in mentions if m.via in (Via.EVENT, Via.LED, Via.ADJECTIVE, Via.NAME) for k in range(m.start + 1, m.end)}
        named = {k for m in mentions if m.via in (Via.NAME, Via.COMPOUND, Via.PERSON, Via.METONYM, Via.DEMONYM) for k in range(m.start, m.end)
                 if not any(c.kind == "noun" for c in self.by_word.get(toks[k].lower, ())) or m.via != Via.COMPOUND}
        referring = {k for m in mentions if m.via == Via.DESCRIPTOR for k in range(m.start, m.end)}
        people = frozenset(k for m in mentions if m.person or m.via == Via.ALIAS for k in range(m.start, m.end))
        events = []
        for b in backings:
            sup, m = _retext(s, b.supporter), _retext(s, b.mention)
            if sup.actor != m.actor:
                events.append(self._event(article, s, "SUPPORT", sup, m, toks, sup.start, None, sup.text))
        preps: dict[int, str | None] = {}        # the mentions' prepositions, for every cue (Roles._roles)
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
                if cue.kind == "verb" and self._light_use(toks, i, end):
                    continue                      # "pressed an offensive": the offensive is the event
                if cue.kind == "verb" and "_" not in cue.words[0] and self._stranded_particle(toks, i):
                    continue                      # "spraken hun steun uit": uitspreken, not spreken
                clause = _clause_of(clauses, i)
                if cue.needs and not self._needs(toks, cue, i, clause, clauses, people):
                    continue
                if cue.kind == "noun" and any(t.lower in self.words["generic"] for t in toks[max(0, i - 3):i]):
                    continue                      # "elk officieel contact", "any attack": no event in particular
                if cue.kind == "noun" and cue.category in SYMMETRIC and self._told_before(toks, i, cue, clause, groups):
                    continue                      # "Egypte, Bahrein en Oman verwelkomden het akkoord"
                pairs = self._roles(toks, cue, i, end, clause, clauses, groups, preps)
                lone = [a for a, r in pairs if r is None]
                pairs = [(a, r) for a, r in pairs if r is not None]
                category, undone = cue.category, None
                if cue.kind == "noun" and cue.category in ("AGREE", "CONSULT", "COOPERATE"):
                    undone = self._undone(toks, i, clause)
                    if undone == "exit":          # "withdrew from the nuclear deal with Iran"
                        category = "REJECT"
                if cue.kind == "noun" and category in ("ACCUSE", "PROTEST") and lone and not pairs \
                        and end < len(toks) and toks[end].lower in cue.actor_preps:
                    move = next((m for n, m in reversed(ctx.moves) if s.index - n <= 1), None)
                    if move is not None and move.actor != lone[0].actor:   # "..., triggering criticism from Moscow"
                        pairs = [(a, move) for a in lone]
                        lone = []
                if category == "REJECT" and lone and not pairs and not self._refused_act(toks, end, clause):
                    # "Ghani weigerde op te stappen": the demand made of him ("weigert te onderhandelen" is not)
                    asked = next((a for n, a, r in reversed(ctx.requests)
                                  if s.index - n <= 2 and r.actor == lone[0].actor and a.actor != r.actor), None)
                    if asked is not None:
                        pairs = [(m, asked) for m in lone]
                        lone = []
                if category not in SYMMETRIC and (lone or pairs):
                    first = lone[0] if lone else pairs[0][0]
                    ctx.acts.append((category, cue.words[0] if cue.kind == "noun" else "", first))
                    if category not in REACTIONS and pairs:
                        ctx.moves.append((s.index, first))
                    if category == "REQUEST":
                        ctx.requests.extend((s.index, a, r) for a, r in pairs)
                negated = {"cancel": True, "exit": self._plainly_negated(toks, i, clause)}.get(undone)
                if negated is None and cue.kind == "noun" and i >= 2 and toks[i - 1].lower in self.words["definite"] \
                        and toks[i - 2].lower in self.words["prepositions"]:   # "niet ingegaan op de eis van X":
                    negated = toks[i - 2].lower in self.words["negation"]       # the verb's negation, not the noun's
                for actor, recipient in pairs:
                    ev = self._event(article, s, category, actor, recipient, toks, i, clause,
                                     " ".join(t.text for t in toks[i:end]), clauses, negated=negated)
                    events.append(ev)
                if cue.kind == "verb" and cue.category in WISHES:
                    reach = _reach(clauses, clause)
                    if _that_next(clauses, clause, toks):
                        reach = _reach(clauses, clauses[clauses.index(clause) + 1])   # "demanded that Moscow withdraw"
                    for nxt in clauses[clauses.index(clause) + 1:]:      # "..., en Iran riep ...": not the wish
                        first = nxt.start + (toks[nxt.start].lower in self.words["coordination"])
                        joined = first > nxt.start or (nxt.start > 0 and toks[nxt.start - 1].lower in self.words["coordination"])
                        verb = first < len(toks) and joined and bool(
                            self.by_word.get(toks[first].lemma) or self.by_word.get(toks[first].lower)
                            or self._separable(toks[first].lemma))     # "... en riep Moskou op": another verb
                        if nxt.start < reach and (verb or any(g[0].start == nxt.start or (
                                g[0].start == nxt.start + 1 and toks[nxt.start].lower in self.words["coordination"])
                                for g in groups)):
                            reach = nxt.start
                            break
                    wishes.append((i, reach, cue.words[0].split("_")[0] if "_" in cue.words[0] else ""))
        events.extend(self._accusations(article, s, toks, clauses, groups, events))
        events.extend(self._demands(article, s, toks, clauses, groups))
        for g in groups:                          # "die samen met de VS tegen IS vochten"
            if self._comitative(toks, g):
                clause = _clause_of(clauses, g[0].start)
                scope = _scope(clauses, clause)
                subj = [h for h in groups if scope.start <= h[0].start and h[-1].end <= g[0].start and h is not g
                        and self._prep(toks, h[0], _clause_of(clauses, h[0].start)) is None and h[0].via != Via.HOLDER]
                for a, r in _pairs(Cue("COOPERATE", "noun", ("samen",)), subj[0] if subj else None, g):
                    events.append(self._event(article, s, "COOPERATE", a, r, toks, g[0].start, clause,
                                              " ".join(t.text for t in toks[g[0].start - 2:g[0].start]), clauses))
        ctx.quote = (sum(t.lower in ('"',) for t in toks) % 2 == 1) != ctx.quote or \
            (any(t.lower == "“" for t in toks) and not any(t.lower == "”" for t in toks))
        for e in events:
            if e.event not in SYMMETRIC and e.cue and e.cue.lower() in self.event_anaphors:
                ctx.acts.append((e.event, e.cue.lower(), e.actor))
        for g in groups:
            if len({m.actor for m in g}) > 1 and g[0].via not in (Via.PRONOUN, Via.DESCRIPTOR):
                ctx.groups.append((s.index, list(g)))
        for m in mentions:
            if m.via not in (Via.PRONOUN, Via.DESCRIPTOR, Via.RELATIVE):
                ctx.named[m.actor] = ctx.named.get(m.actor, 0) + 1
        bodies = [m for m in mentions if self._type(m.actor) in ("Organisation", "ArmedGroup") and m.via not in (Via.PRONOUN, Via.DESCRIPTOR)]
        if bodies:
            ctx.body = bodies[-1]
        states = [m for m in mentions if self._type(m.actor) == "State" and m.via not in (Via.PRONOUN, Via.DESCRIPTOR)]
        if states:
            ctx.state = states[-1]
        speakers = self._speakers(toks, [m for m in mentions if m.via != Via.PRONOUN])
        if speakers:
            ctx.speaker = speakers[0]
        subject = _subject(groups, clauses)
        if subject:
            ctx.subject = subject
        persons = [m for m in mentions if m.person and m.via != Via.PRONOUN]
        if persons:
            ctx.person = persons[0]
        ctx.last = [m for m in mentions if m.via not in (Via.PRONOUN, Via.DESCRIPTOR, Via.RELATIVE) and not (
            m.start > 0 and toks[m.start - 1].lower in self.words["locative"])]   # "in Singapore" is where
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
            if speaking.soft and not [g for g in before if g[0].start >= speaking.start]:
                speaker = self._speaker_group(toks, clauses, clause, groups) or [speaker]
                speaker = speaker[0]             # "X blamed Y ... and accused Z": X speaks
                if self._after_verb(toks, _clause_of(clauses, speaker[0].start).start, speaker[0].start):
                    continue                     # "[someone] called Y ... and accused Z": Y is an object
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
                if {m.actor for m in g} & {m.actor for m in speaker}:
                    continue                     # "X and Y said they would attack Z": no one accused
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
                    and self._prep(toks, g[0], clause) is None and g[0].via not in (Via.HOLDER, Via.EVENT)]
            speaker = self._speaker_group(toks, clauses, clause, groups)
            if subj and speaker:
                for a, r in _pairs(Cue("REQUEST", "verb", (toks[at].lower,)), speaker[0], subj[0]):
                    speaking = _clause_of(clauses, clause.speech)   # the demand itself is asserted
                    out.append(self._event(article, s, "REQUEST", a, r, toks, clause.speech, speaking, toks[at].text, clauses))
        return out

    def _type(self, actor_id: str) -> str | None:
        actor = self.gazetteer.actors.get(actor_id)
        return actor.type if actor else None

    def _event(self, article, s: Sentence, category, actor: Mention, recipient, toks, i, clause, cue_text,
               clauses: list[Clause] | None = None, negated: bool | None = None) -> Event:
        """The event, its negation and modality read from the words before the cue in its clause
        (`negated` given: that negation instead)."""
        forced, negated, modality = negated, False, "asserted"
        if clause is not None:
            window = toks[clause.start:i]
            words = self.words
            near = window if self.lex.lang != "en" else toks[max(clause.start, i - 4):i]
            lows = [t.lower for t in near]
            negated = not words["negation"].isdisjoint(lows) or \
                any(f"{a} {b}" in words["negation"] for a, b in zip(lows, lows[1:])) or \
                any(f"{a} {b}" in words["negation"] for a, b in zip([t.lower for t in window], [t.lower for t in window][1:])) or \
                self._negated_after(toks, i, clause)
            modal = toks[_scope(clauses, clause).start:i] if clauses and clause in clauses else window
            lows = [t.lower for t in modal] + [t.lemma for t in modal]
            if not words["future"].isdisjoint(lows):         # (frozensets: a long sentence has many events)
                modality = "future"
            elif not words["want"].isdisjoint(lows):
                modality = "wanted"
            elif not words["hypothetical"].isdisjoint(lows):
                modality = "hypothetical"
            elif clause.reported or any(t.lower in words["according_to"] for t in toks[clause.start:clause.end]):
                modality = "reported"
        negated = negated if forced is None else forced
        if category in ("ASSAULT", "COERCE") and modality == "future" and not negated:
            category = "THREATEN"                 # "I will destroy the economy of Turkey"
        return Event(doc=article.doc, sentence=s.index, start=s.start, end=s.end, text=s.text,
                     event=category, actor=actor, recipient=recipient, negated=negated,
                     modality=modality, cue=cue_text, date=article.date)




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



"""Code an article's events on the parse: mentions -> triggers -> roles -> negation and modality.

    coder = Coder(gazetteer, lexicon, parser, patterns)
    events = coder.article(article, sentences)

Sentences that name no actor and refer to none (no pronoun, counted group, description or state
adjective the grammar knows) are not parsed (`skipped`): they cannot hold an event the coder finds.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


from kg.base.model import SYMMETRIC, Article, Event, Mention, Sentence, Via
from kg.coding import complete, mood, refs, spans
from kg.coding.mentions import Found, Recognition
from kg.coding.paths import (
    LIGHT_DEPS,
    case_of,
    case_words,
    lift_counts,
    parse_path,
    walk,
)
from kg.coding.paths import subjects as subjects_of
from kg.coding.patterns import Pattern
from kg.coding.roles import Mentions
from kg.coding.spans import name_spans, places_under
from kg.coding.triggers import NOUN_POS, VERB_POS, Triggers, joined
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.lexicon import Lexicon
from kg.knowledge.places import places_for
from kg.parse.parser import Parser

#: How many sentences back an act ("the operation") may have been told.
ACT_REACH = 1
#: Categories of force: vowed or threatened ("vowed to continue the fight against Israel"), one is
#: a threat (CAMEO 13: threaten with force, sanctions, a blockade).
FORCE = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: Categories whose recipient may be an act, standing for its actor ("condemned the attack").
ATTITUDES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "PROTEST", "AGREE", "REQUEST"})
BACKING = "recognize.backing"       # "Turkish-backed rebels": the recognizer's own reading
DEFAULT = 0.8
#: A reported or hypothetical reading is less sure to be an event that happened.
MODALITY_FACTOR = {"reported": 0.9, "hypothetical": 0.8}
#: A role filled through a reference (a pronoun, a counted group, a quote's speaker) is less sure
#: than a named one.
REFERENCE_FACTOR = 0.85
REFERENCES = (Via.PRONOUN, Via.DESCRIPTION, Via.SPEAKER, Via.ACT, Via.PLACE)
#: The mark on the pattern id of an event found only by another parse of its sentence (names
#: masked otherwise), and that parse's share of the confidence.
REPARSED, REPARSED_FACTOR = "+reparsed", 0.8


def _chain(m: Mention | None) -> float:
    return REFERENCE_FACTOR if m is not None and m.via in REFERENCES else 1.0


class Coder:
    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, parser: Parser, patterns: tuple[Pattern, ...],
                 confidence: dict[str, float] | None = None) -> None:
        self.confidence = confidence or {}      # pattern id -> precision measured on the gold sets
        self.recognition = Recognition(gazetteer, lexicon)
        self.adjectives = {label.text.lower(): label.target for label in gazetteer.labels_for(lexicon.lang)
                           if label.kind == "adjective" and " " not in label.text
                           and getattr(gazetteer.actors.get(label.target), "type", None) == "State"}
        self.parser = parser
        self.grammar = parser.grammar
        self.known = _known(gazetteer, lexicon.lang, self.adjectives, frozenset(lexicon.words["title"]))
        self.places = places_for(gazetteer)
        self.people: dict[str, frozenset[str]] = {}     # person -> lower-case labels (name spans)
        for label in gazetteer.labels_for(lexicon.lang):
            if label.kind == "person":
                self.people[label.target] = self.people.get(label.target, frozenset()) | {label.text.lower()}
        self.lang = lexicon.lang
        self.triggers = Triggers(patterns, self.grammar, frozenset(lexicon.agents))
        self.parsed = self.skipped = self.reparsed = 0
        self.parse_all = False          # parse every sentence (to show that skipping loses nothing)
        fallback = self.grammar.frames.get("noun_fallback", {})
        self.noun_roles = tuple(tuple(parse_path(p) for p in fallback.get(role, ())) for role in ("actor", "recipient"))

    def article(self, article: Article, sentences: tuple[Sentence, ...]) -> list[Event]:
        return self.articles([(article, sentences)])[0]

    def articles(self, items: list[tuple[Article, tuple[Sentence, ...]]]) -> list[list[Event]]:
        """The events of several articles: their sentences are parsed in one stream (faster
        than article by article), then coded article by article."""
        plans = [self._plan(article, sentences) for article, sentences in items]
        texts = (sentences[k].text for (_, sentences), (_, todo, _) in zip(items, plans) for k in todo)
        names = (name_spans(sentences[k], found[k], self.places, self.lang, self.grammar, self.people)
                 for (_, sentences), (found, todo, _) in zip(items, plans) for k in todo)
        docs = iter(self.parser.parse(texts, names))
        return [self._code_article(article, sentences, found, [(k, next(docs)) for k in todo], home)
                for (article, sentences), (found, todo, home) in zip(items, plans)]

    def _plan(self, article: Article, sentences: tuple[Sentence, ...]):
        """The recognizer's findings and the sentences to parse: those that name or refer to an actor."""
        home = self.home_states(sentences)     # "the regime", "the army": where it happens
        found = self.recognition.article(sentences, article.date, set(home))
        todo, before = [], bool(home)         # an actor named before, or places in a state
        for k, s in enumerate(sentences):
            if self.parse_all or found[k].mentions or self.names_inside(s) or (before and self.refers(s)):
                todo.append(k)
            before = before or bool(found[k].mentions)
        self.parsed += len(todo)
        self.skipped += len(sentences) - len(todo)
        return found, todo, home

    def _code_article(self, article, sentences, found, parsed, home) -> list[Event]:
        events: list[Event] = []
        history: list = []
        self._told = events                     # what "the operation", "the move" can stand for
        self._acts: list = []                   # (sentence, verb, subjects): "proposed" for "the proposal"
        self._speaker: list = [[]]              # who spoke last, for "we" in a quote
        self._home = home                       # grows with the states named as places ("in Mali")
        docs = dict(parsed)
        for k, sentence in enumerate(sentences):
            if k in docs:
                events += self._coded(article, sentence, docs[k], found[k], history)
            else:                               # a sentence that names no actor still counts as
                history.append([])              # one of "the sentences before" and ends a quote
                self._speaker[0] = []
        return events

    def _coded(self, article, sentence, doc, found, history) -> list[Event]:
        """The sentence's events; where it names two actors and holds a trigger but its parse gave
        no event, those of a second parse with every name masked, one-word names too ("Turkish
        President [Erdogan]"), else of a third with its names as written (`REPARSED`)."""
        mark = (len(history), len(self._acts))
        got = self.sentence(article, sentence, doc, found, history)
        if got or len({m.actor for m in found.mentions}) < 2 or not any(self.triggers.patterns(t) for t in doc):
            return got
        self.reparsed += 1
        names = name_spans(sentence, found, self.places, self.lang, self.grammar, self.people)
        for given, single in ((names, True), ([], False)):
            del history[mark[0]:], self._acts[mark[1]:]
            again = next(iter(self.parser.parse([sentence.text], [given], mask_single=single)))
            got = self.sentence(article, sentence, again, found, history)
            if got:
                break
        return [replace(e, pattern=(e.pattern or "") + REPARSED, confidence=round(e.confidence * REPARSED_FACTOR, 2))
                for e in got]

    def home_states(self, sentences: tuple[Sentence, ...]) -> dict[str, int]:
        """How many places of the article lie in each state ("in Aleppo", "near Idlib": Syria)."""
        home: dict[str, int] = {}
        for s in sentences:
            for p in self.places.find(s.tokens, self.lang):
                country = self.places.describe(p.place_id).country
                if country:
                    home[country] = home.get(country, 0) + 1
        return home

    def _located(self, doc, by_token) -> None:
        """A state named as where things happen ("in Mali", "uit Mali", "in Bamako") counts
        toward the article's home states."""
        for tok in doc:
            if tok.i in by_token and any(w in self.grammar.locative for w in case_words(tok)):
                for actor in {m.actor for m in by_token[tok.i] if self.known.types.get(m.actor) == "State"}:
                    self._home[actor] = self._home.get(actor, 0) + 1

    def refers(self, sentence: Sentence) -> bool:
        """The sentence holds a pronoun, a counted group ("both sides") or a description ("the
        regime", "regeringstroepen") that may refer to an actor: it is parsed when an actor was
        named before it in the article or the article's places lie in a state."""
        g = self.grammar
        return any(t.lower in g.pronouns or t.lower in g.group_nouns or t.lower in g.descriptions
                   for t in sentence.tokens)

    def names_inside(self, sentence: Sentence) -> bool:
        """The sentence holds a state's adjective that may name an actor inside a role ("Turkish
        positions"), with or without an actor named before."""
        return any(t.lower in self.adjectives for t in sentence.tokens)

    def sentence(self, article: Article, sentence: Sentence, doc: Doc, found: Found,
                 history: list) -> list[Event]:
        lift_counts(doc, self.grammar)
        starts = [t.start - sentence.start for t in sentence.tokens]
        kg_index = lambda tok: max(0, bisect_right(starts, tok.idx) - 1)   # noqa: E731
        by_token = spans.by_token(doc, sentence, found.mentions)
        spans.split_names(doc, by_token)
        self._located(doc, by_token)
        refs.resolve(doc, by_token, history, self.grammar, kg_index, self._speaker, self.known, self._home)
        places = places_under(doc, sentence, by_token, self.places, self.lang, self.grammar, article.date)
        lookup = Mentions(by_token, self.grammar, self.adjectives, kg_index, places)
        self._tell_acts(doc, sentence, lookup)
        out, seen = [], set()
        backed = [Event(article.doc, sentence.index, sentence.start, sentence.end, sentence.text,
                        "SUPPORT", b.supporter, b.mention, cue=b.supporter.text, date=article.date,
                        pattern=BACKING, confidence=self.confidence.get(BACKING, DEFAULT))
                  for b in found.backings if b.supporter.actor != b.mention.actor]
        coded = (ev for tok in doc for pat in self.triggers.patterns(tok)
                 for ev in self._code(pat, tok, lookup, article, sentence))
        for ev in [*backed, *coded]:
            key = (ev.actor.actor, ev.event, ev.recipient and ev.recipient.actor, ev.negated)
            if key not in seen:
                seen.add(key)
                out.append(ev)
        return out

    def _reached(self, paths, tok, lookup) -> tuple[list[Mention], set[int]]:
        """The actors of the first path that names any, and the tokens that path reached (never
        the trigger itself: "deployed troops [at the request] of Mozambique" is no role of "request")."""
        for path in paths:
            reached = [t for t in walk(tok, path, self.grammar) if t.i != tok.i]
            found = [m for t in reached for m in lookup.at(t)]
            if found:
                return found, {t.i for t in reached}
        return [], set()

    def _reached_places(self, paths, tok, lookup, actors) -> tuple[list[Mention], set[int]]:
        """Who held the places of the first path that reaches any ("shelled [Kharkiv]"); the state
        a place lies in where its holder is the actor ("Russia annexed [Crimea]")."""
        acting = {a.actor for a in actors}
        for path in paths:
            reached = walk(tok, path, self.grammar)
            found = {}
            for t in reached:
                here = lookup.place_at(t)
                pick = next((m for m in here if m.actor not in acting), None)
                if pick is not None:
                    found.setdefault(pick.actor, pick)
            if found:
                return list(found.values()), {t.i for t in reached}
        return [], set()

    def _acted(self, paths, tok, lookup, sentence, actors=frozenset()) -> list[Mention]:
        """For a role that reaches an act instead of an actor ("welcomed Turkey's decision",
        "condemned the Russian strikes", "the escalation by Azerbaijan"): the act's own actor; else, for a definite act ("the
        operation", "deze stap"), the actor of the last event told in this or the sentence before
        that the act can name (an act noun of a pattern: an event of that pattern's category). A
        symmetric act (an agreement, talks) stands for both its sides."""
        reached = [t for path in paths for t in walk(tok, path, self.grammar)]
        acts = [t for t in reached if self.triggers.is_act(t) or _agentive(t, self.grammar)]
        if not acts:
            return self._owner(reached, lookup)
        act = acts[0]
        own = self.triggers.patterns(act)
        kinds = {p.category for p in own}
        sides = [path for p in own for path in p.actor + (p.recipient if p.category in SYMMETRIC else ())]
        for path in sides + list(self.noun_roles[0]):   # the act's own roles first, a symmetric
            # act's both sides ("the memorandum [between Turkey and Libya]"), then the language's
            found = [m for t in walk(act, path, self.grammar) for m in lookup.at(t)]
            if found:
                return found
        if not any(c.dep_ == "det" and c.lower_ in self.grammar.definite for c in act.children):
            return []
        for ev in reversed(self._told):
            if ev.sentence < sentence.index - ACT_REACH:
                break
            if kinds and ev.event in kinds or not kinds and ev.event not in ATTITUDES:
                both = ev.event in SYMMETRIC and ev.recipient is not None   # "wees het akkoord af": its sides
                return [replace(ev.actor, via=Via.ACT)] + ([replace(ev.recipient, via=Via.ACT)] if both else [])
            if not kinds and ev.recipient is not None and ev.recipient.via == Via.ACT:
                return [ev.recipient]           # "criticized the proposal ... also criticized the move"
        verbs = {joined(v) for v in self.grammar.act_verbs.get(act.lemma_.lower(), ())}
        for index, verb, subjects in reversed(self._acts):
            if index < sentence.index - ACT_REACH:
                break
            if verb in verbs:
                return [replace(m, via=Via.ACT) for m in subjects]
        return self._main_act(kinds, actors)

    def _main_act(self, kinds, actors) -> list[Mention]:
        """The actor of the article's act of that kind told so far, for a definite act named after
        the sentences it could stand for ("Biden condemned the attack" in an article on Iran's attack
        on Israel): the actor told most often, the first of equals (the headline's); of the acts
        done to the responding actors, where there are ("Minsk rejected the criticism"), never
        one of theirs."""
        told = [ev for ev in self._told if ev.event in kinds and ev.actor.via != Via.ACT
                and not ev.negated and ev.actor.actor not in actors]
        told = [ev for ev in told if ev.recipient is not None and ev.recipient.actor in actors] or told
        counts: dict[str, int] = {}
        first: dict[str, Event] = {}
        for ev in told:
            counts[ev.actor.actor] = counts.get(ev.actor.actor, 0) + 1
            first.setdefault(ev.actor.actor, ev)
        if not counts:
            return []
        top = max(counts, key=lambda code: (counts[code], -told.index(first[code])))
        return [replace(first[top].actor, via=Via.ACT)]

    def _owner(self, reached, lookup) -> list[Mention]:
        """An attitude toward what an actor has is toward the actor: "supported [Israel's] right to
        act", "condemned the policies [of the United States]" (a possessor, or a genitive case)."""
        for t in reached:
            if t.pos_ not in NOUN_POS or lookup.at(t):
                continue
            owners = [c for c in t.children if c.dep_ == "nmod:poss"
                      or c.dep_ == "nmod" and case_of(c) in self.grammar.genitive]
            found = [m for c in owners for m in lookup.at(c)]
            if found:
                return found
        return []

    def _tell_acts(self, doc, sentence: Sentence, lookup: Mentions) -> None:
        """Remember each clause of the sentence whose subject names an actor, by its verb: what a
        definite act noun ("the proposal", "het voorstel") may stand for (`act_verbs`)."""
        for tok in doc:
            if tok.pos_ in VERB_POS:
                subjects = [m for s in subjects_of(tok, self.grammar) for m in lookup.at(s)]
                if subjects:
                    self._acts.append((sentence.index, joined(self.grammar.key(tok)), subjects))

    def _other_side(self, pat: Pattern, tok) -> bool:
        """A recipient phrase names a party but no actor kg knows ("X and Y opened relations [with
        the nation]"): the subjects are not each other's other side (a thing agreed on is no party:
        "stemden in [met een bestand]")."""
        g = self.grammar
        return pat.kind == "verb" and any(
            t.i != tok.i and t.dep_ not in ("obj", "nsubj:pass") and (t.pos_ == "PROPN" or t.lemma_.lower() in g.group_nouns
                                                                     or t.lemma_.lower() in g.descriptions)
            for path in pat.recipient for t in walk(tok, path, g))

    def _under_light_verb(self, tok) -> bool:
        """"Turkije en Rusland bereikten een akkoord": the noun is the light verb's object."""
        return tok.dep_ in LIGHT_DEPS and tok.head.i != tok.i and self.grammar.key(tok.head) in self.grammar.light

    def _code(self, pat: Pattern, tok, lookup, article, sentence) -> list[Event]:
        actors, at = self._reached(pat.actor, tok, lookup)
        recipients, rt = self._reached(pat.recipient, tok, lookup)
        if pat.kind == "noun" and pat.fallback:   # the language's noun roles when the record's find none
            if not actors:
                actors, at = self._reached(self.noun_roles[0], tok, lookup)
            if not recipients:
                recipients, rt = self._reached(self.noun_roles[1], tok, lookup)
        head = tok.head                             # "announced an aid [package] for Ukraine": the
        if pat.kind == "noun" and tok.dep_ == "compound" and head.pos_ in NOUN_POS \
                and not self.triggers.patterns(head):          # noun the trigger modifies carries its roles
            if not actors:
                actors, at = self._reached(pat.actor, head, lookup)
            if not recipients:
                recipients, rt = self._reached(pat.recipient, head, lookup)
        if actors and not recipients and pat.category in self.grammar.place_targets:
            recipients, rt = self._reached_places(pat.recipient, tok, lookup, actors)
        if actors and not recipients and pat.category in ATTITUDES:
            recipients = self._acted(pat.recipient, tok, lookup, sentence, {a.actor for a in actors})
        completed = False
        if recipients and not actors and pat.subject_actor:
            actors = complete.actor_above(tok, lookup, self.grammar, {r.actor for r in recipients})
            completed = bool(actors)
        shared = bool(at) and at == rt             # one phrase is not both sides at once ...
        pairs = [] if shared else [(a, r) for a in actors for r in recipients if a.actor != r.actor]
        if shared and (pat.reciprocal or pat.category in SYMMETRIC):
            pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:] if a.actor != b.actor]
            if pat.category not in SYMMETRIC:       # "clashes between Indian and Chinese troops":
                pairs += [(b, a) for a, b in pairs]   # each on the other
            # ... but "het akkoord tussen Rusland en Turkije" names both sides of a symmetric act
        sides = pat.category in SYMMETRIC and pat.reciprocal is not False   # a mediator's sides are the
        if pairs and sides and len({a.actor for a in actors}) > 1 and not any(   # ones it mediates between
                case_of(tok.doc[i]) in self.grammar.comitative for i in rt):
            # "Kerry and Lavrov struck a deal on Syria's weapons": the sides are the subjects; a
            # recipient joins them only with a comitative ("with Iran", "tussen")
            pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:] if a.actor != b.actor]
        if _reciprocal_object(tok, self.grammar) and len(actors) > 1:      # "beschuldigden elkaar"
            pairs = [(a, b) for a in actors for b in actors if a.actor != b.actor]
        alone = pat.kind == "verb" and not _has_object(tok)      # "X and Y clashed", not "... fought IS"
        fixed = any(dep == "obj" for dep, _ in pat.needs)       # "resolved their differences"
        if not pairs and len(actors) > 1 and not self._other_side(pat, tok) and (
                (pat.reciprocal and (alone or fixed or pat.kind == "noun" or pat.category in SYMMETRIC)) or (
                pat.category in SYMMETRIC and (alone or pat.kind == "noun" or self._under_light_verb(tok)))):
            pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:] if a.actor != b.actor]
            if pat.category not in SYMMETRIC:                  # "exchanged fire": each on the other
                pairs += [(b, a) for a, b in pairs]
        where = tok                 # "agreed to hand [weapons] over": a head verb that is no light
        if pat.heads and tok.head.i != tok.i and tok.head.dep_ in mood.CLIMB \
                and tok.head not in mood.governors(tok, self.grammar):
            where = tok.head        # verb but an infinitive carries the mood of its governors
        if not pairs or mood.blocked(where, self.grammar):
            return []
        neg, mod = mood.negated(where, self.grammar), mood.modality(where, self.grammar)
        if where is not tok and mood.negator_on(tok, self.grammar):      # "[geen] grondtroepen sturen"
            neg = not neg
        category = "THREATEN" if pat.category in FORCE and any(
            self.grammar.key(g) in self.grammar.threatening_heads for g in mood.governors(tok, self.grammar)[1:]) \
            else pat.category
        base = self.confidence.get(pat.id, pat.confidence) * MODALITY_FACTOR.get(mod, 1.0)
        base *= complete.FACTOR if completed else 1.0
        return [Event(article.doc, sentence.index, sentence.start, sentence.end, sentence.text,
                      category, a, r, negated=neg, modality=mod, cue=tok.text,
                      date=article.date, pattern=pat.id + (complete.SUFFIX if completed else ""),
                      confidence=round(base * _chain(a) * _chain(r), 2)) for a, r in pairs]


def _known(gazetteer, lang: str, adjectives: dict, titles: frozenset = frozenset()) -> refs.Known:
    """Each actor's type and the lower-case words of its names in `lang` (for descriptions)."""
    words: dict[str, set[str]] = defaultdict(set)
    for label in gazetteer.labels_for(lang):
        if label.kind == "name":
            words[label.target].update(w.strip("-").lower() for w in label.text.replace("-", " ").split())
    types = {a: actor.type for a, actor in gazetteer.actors.items()}
    return refs.Known(types, {a: frozenset(w) for a, w in words.items()}, adjectives, titles)


def _reciprocal_object(tok, grammar) -> bool:
    """The trigger's object is "each other", "elkaar" (or, for a noun under a light verb, the
    light verb's: "laid the blame on each other")."""
    heads = [tok] + ([tok.head] if tok.pos_ in NOUN_POS and tok.head.i != tok.i
                     and grammar.key(tok.head) in grammar.light else [])
    for c in (c for h in heads for c in h.children if c.i != tok.i):
        words = " ".join([c.lower_] + [g.lower_ for g in c.children if g.dep_ in ("fixed", "det")])
        if c.dep_ in ("obj", "iobj", "obl", "obl:arg", "nmod") and (c.lower_ in grammar.reciprocal
                                                          or words in grammar.reciprocal):
            return True
    return False


def _has_object(tok) -> bool:
    """"China and Russia agreed (to ...)" pairs the two; "... pledged funds" does not."""
    return any(c.dep_ == "obj" for c in tok.children)


def _agentive(tok, grammar) -> bool:
    """A noun with an agent phrase names an act ("the escalation [by Azerbaijan]")."""
    return tok.pos_ in NOUN_POS and any(c.dep_ == "nmod" and case_of(c) in grammar.agent_case for c in tok.children)



"""Records passed between the pipeline's stages: small frozen dataclasses.

article text --read--> Article --segment--> Sentence/Token --recognize--> Mention
--extract--> Event --graph--> RDF
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

#: PLOVER's 16 event categories, in PLOVER's order (cooperation first, conflict last).
CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Categories in which direction does not matter (GUIDELINES.md).
SYMMETRIC: frozenset[str] = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: The extraction engines: the surface rules (kg/coding/rules/extract.py) and coding on a parse (kg/coding).
ENGINES: tuple[str, ...] = ("rules", "parse")
#: The engine used when none is named: coding on a parse, which holds better on news nobody tuned
#: kg to (README, "Extraction").
DEFAULT_ENGINE: str = "parse"
class Modality(StrEnum):
    """How an event is stated: the closed set every event carries one of (a `str`, so it reads
    and writes as its value; the grammar files name them)."""

    ASSERTED = "asserted"           # it happened, or happens
    FUTURE = "future"               # "will negotiate"
    WANTED = "wanted"               # "wants to join"
    PROPOSED = "proposed"           # "proposed a no-fly zone"
    REPORTED = "reported"           # what someone said another did
    HYPOTHETICAL = "hypothetical"   # "if it was backed by the UN"


#: Every event carries one of these.
MODALITIES: tuple[str, ...] = tuple(Modality)


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or stdin."""

    doc: str                    # doc id: the file name without extension
    text: str                   # the body the extractor reads (header lines removed)
    lang: str                   # "nl" or "en"
    date: date | None = None
    title: str | None = None
    sources: tuple[str, ...] = ()
    path: str | None = None     # where it was read from ("-" for stdin)
    offset: int = 0             # where `text` starts in the original file, in characters
    part: str | None = None     # which article of a corpus file ("row 12", "line 3"); None for a file of one


@dataclass(frozen=True)
class Token:
    text: str
    start: int                  # character offsets into Article.text
    end: int
    lower: str
    lemma: str


@dataclass(frozen=True)
class Sentence:
    doc: str
    index: int                  # 0-based position in the article
    start: int                  # character offsets into Article.text
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Actor:
    """A principal: a state, an armed group or an organisation (an entry of the gazetteer)."""

    id: str                     # short id, also the last IRI segment: "TUR", "SYRREB"
    label: str                  # English preferred label
    code: str                   # ISO 3166-1 alpha-3 for states, documented codes for the rest
    type: str                   # "State", "ArmedGroup", "Organisation"
    wikidata: str | None = None  # "Q43"
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    country: str | None = None   # the state a group belongs to (kg:country): "SYR" for SYRREB


@dataclass(frozen=True)
class Person:
    """A person who acts for an actor while holding an office (gazetteer)."""

    id: str                     # "ObamaBarack"
    label: str
    wikidata: str | None = None
    roles: tuple["Role", ...] = ()

    def principal(self, on: date | None) -> str | None:
        """The actor id this person acts for on a date (None if no office then)."""
        for role in self.roles:
            if on is None or role.covers(on):
                return role.actor
        return None


@dataclass(frozen=True)
class Role:
    actor: str                  # actor id
    office: str                 # "head of state", "foreign minister", ...
    start: date | None = None
    end: date | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


class Via(StrEnum):
    """How a mention was resolved to its actor: the closed set of ways (a `str`, so it reads and
    writes as its value)."""

    NAME = "name"                   # a gazetteer label: "Rusland", "the United Nations"
    ADJECTIVE = "adjective"         # "Turkse troepen", "Russian jets"
    DEMONYM = "demonym"             # "de Amerikanen", "the Kurds"
    METONYM = "metonym"             # "Moskou", "Washington", "the Kremlin"
    PERSON = "person"               # a person with a dated role: "Obama"
    ALIAS = "alias"                 # a person named by one part of the name kg knows
    COMPOUND = "compound"           # "regeringstroepen", "IS-strijders", "US-backed"
    HOLDER = "holder"               # a title with an unknown name: "US envoy Zalmay Khalilzad"
    EVENT = "event"                 # an actor named in an event noun: "de Russische aanvallen"
    LED = "led"                     # "the Saudi-led coalition"
    BACKED = "backed"               # "US-backed rebels", "de door de VS gesteunde rebellen": the backer
    PRO = "pro"                     # "pro-Turkse rebellen": the actor the compound is for
    APPOSITION = "apposition"       # "de Syrische president, Bashar al-Assad": one actor
    ANAPHOR = "anaphor"             # a word the article used before as part of an actor's name
    PRONOUN = "pronoun"             # hij, zij, they, its
    RELATIVE = "relative"           # die, dat, which, who
    DESCRIPTOR = "descriptor"       # "het regime", "the coalition" (surface rules)
    DESCRIPTION = "description"     # a description that names no actor, by its apposition
    POSSESSOR = "possessor"         # "Russia's airstrikes"
    SPEAKER = "speaker"             # "zei hij": the speaker of a quote
    ACT = "act"                     # "criticized the proposal": whoever made the act told before
    PLACE = "place"                 # "shelled Kharkiv": the state a place lies in, as an act's target


@dataclass(frozen=True)
class Mention:
    """A stretch of a sentence that denotes an actor."""

    actor: str                  # actor id
    start: int                  # token indices in the sentence, end exclusive
    end: int
    text: str
    person: str | None = None   # person id when the mention names a person
    via: Via | None = None      # how it was resolved (a str of `Via` becomes its member)

    def __post_init__(self) -> None:
        if self.via is not None and not isinstance(self.via, Via):
            object.__setattr__(self, "via", Via(self.via))


@dataclass(frozen=True)
class Event:
    """One coded event with its evidence."""

    doc: str
    sentence: int               # sentence index in the article
    start: int                  # character offsets of the evidence sentence in Article.text
    end: int
    text: str                   # the sentence text
    event: str                  # PLOVER category
    actor: Mention
    recipient: Mention | None
    negated: bool = False
    modality: Modality = Modality.ASSERTED
    cue: str = ""               # the words that triggered the category
    issue: str | None = None    # its main context (the first of `contexts`)
    date: date | None = None
    place: str | None = None
    pattern: str | None = None      # the pattern record that found it (engine "parse")
    confidence: float | None = None  # how sure kg is, in [0, 1] (engine "parse")
    contexts: tuple[str, ...] = ()  # what it is about (ontologies/contexts.ttl), most likely first

    def __post_init__(self) -> None:
        if not isinstance(self.modality, Modality):
            object.__setattr__(self, "modality", Modality(self.modality))   # a bad value fails here


#: Modalities `score` leaves out by default: a hypothetical event ("if it was backed by the UN")
#: is not stated to have happened, so kg does not claim it (it stays in the graph, marked).
UNCLAIMED = frozenset({"hypothetical"})

"""A language's function words and dependency conventions (kg/data/grammar/LANG.toml).

Everything language-specific the parse-based coder needs lives in that file: negators, modal and
future auxiliaries, speech verbs, the prepositions that join an actor to a noun ("van", "of",
"zoals"), the particle order of phrasal verbs, post-parse fixes and the role frames patterns name.
Unknown keys fail loudly with the file and a suggestion.
"""
from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

from kg.base.errors import KgError
from kg.base.model import MODALITIES
from kg.parse import fixes, lemmas

KEYS = {"particle_first", "negators", "negating_heads", "modal", "speech", "conditional",
        "genitive", "relative", "frames", "fixes", "verb_lemmas", "pronouns", "reciprocal",
        "light", "blocking_heads", "closed_compounds", "inflections", "act_nouns", "act_verbs", "counts", "group_nouns", "participle_prefixes", "particles", "alleging_heads", "not_actors", "about", "place_targets", "placeholders", "mask_single_names",
        "descriptions", "infinitive_endings", "definite", "agent_case", "comitative", "quantities", "locative", "holding", "act_pronouns", "setting", "slip_endings", "targets", "likewise", "according", "blocking_nouns", "threatening_heads", "verb_placeholders", "before_after", "weak_past", "noun_placeholders", "verb_prefixes"}


@dataclass(frozen=True)
class Grammar:
    lang: str
    particle_first: bool = False
    closed_compounds: bool = False                 # "raketaanval": a noun ending in a trigger noun
    negators: frozenset[str] = frozenset()         # "not", "niet", "geen": dependents that negate
    negating_heads: frozenset[str] = frozenset()   # "fail": a governor that negates its complement
    blocking_heads: frozenset[str] = frozenset()   # "refuse": its complement is not coded at all
    alleging_heads: frozenset[str] = frozenset()   # "accuse", "urge": what they say is not an event
    not_actors: frozenset[str] = frozenset()       # "refugees": a state's adjective does not make them the state
    modal: dict[str, str] = field(default_factory=dict)        # lemma -> modality
    speech: frozenset[str] = frozenset()           # speech verbs: their complement is reported
    conditional: frozenset[str] = frozenset()      # "if", "als": an adverbial clause is hypothetical
    genitive: frozenset[str] = frozenset()         # cases under which an actor belongs to a noun
    relative: frozenset[str] = frozenset()         # relative pronouns ("who", "die")
    reciprocal: frozenset[str] = frozenset()       # "each other", "elkaar"
    light: frozenset[str] = frozenset()
    act_nouns: frozenset[str] = frozenset()        # "the operation", "het besluit": an act told before
    act_verbs: dict[str, frozenset[str]] = field(default_factory=dict)   # "proposal" -> the verbs that tell it
    counts: dict[str, int] = field(default_factory=dict)   # "both" 2, "drie" 3: "both sides", "de drie landen"
    group_nouns: frozenset[str] = frozenset()      # "sides", "landen": a counted group of actors named before            # light verbs: "launch" an attack, "geven" steun
    pronouns: dict[str, str] = field(default_factory=dict)     # pronoun -> "sg", "pl" or "any"
    descriptions: dict[str, str] = field(default_factory=dict)  # "regime" -> "State": a description
    definite: frozenset[str] = frozenset()         # "the", "het": determiners of a description
    agent_case: frozenset[str] = frozenset()       # "by", "door": the case of a passive's agent
    comitative: frozenset[str] = frozenset()       # "with", "met": the case of a symmetric act's partner
    quantities: frozenset[str] = frozenset()       # "dozen", "tiental": a count whose noun follows it
    locative: frozenset[str] = frozenset()         # "in", "uit": a state named as a place
    holding: frozenset[str] = frozenset()          # "hold", "controleren": "villages held by IS" are IS's
    act_pronouns: frozenset[str] = frozenset()     # "it", "het" as an object: a claim or an act, no actor
    targets: frozenset[str] = frozenset()          # "target", "doelwit": "X was the [target] of an attack"
    likewise: frozenset[str] = frozenset()         # "like", "net als": "Egypt, [like Russia], backs Haftar"
    according: frozenset[str] = frozenset()        # "according to", "volgens": whose words a clause gives
    blocking_nouns: frozenset[str] = frozenset()   # "ban", "embargo": what they are on is not coded
    threatening_heads: frozenset[str] = frozenset()   # "vow", "zweren": force vowed is a threat
    before_after: frozenset[str] = frozenset()     # "since", "sinds": a phrase of another time
    placeholders: dict[str, list[str]] = field(default_factory=dict)   # "person"/"name" -> names the parser knows well
    verb_placeholders: tuple[tuple[str, str], ...] = ()   # (ending, form): a rare strong verb form parsed as a known one
    weak_past: tuple[str, ...] = ()                # "de", "te", "den", "ten": endings of a weak past
    noun_placeholders: tuple[tuple[str, str], ...] = ()   # (ending, form): an unseen compound read as a noun
    verb_prefixes: tuple[str, ...] = ()            # "ver", "ont": a word they begin may be a verb ("verschoten")
    mask_single_names: bool = False     # a one-word name the parser never saw gets a placeholder too
    place_targets: frozenset[str] = frozenset()    # categories whose recipient may be a place's state ("shelled Kharkiv")
    setting: frozenset[str] = frozenset()          # "during", "tijdens": an oblique that says when or where
    frames: dict[str, dict] = field(default_factory=dict)      # frame name -> {actor, recipient}
    fixes: tuple[dict, ...] = ()
    verb_lemmas: dict[str, str] = field(default_factory=dict)
    inflections: tuple[tuple[str, str], ...] = ()  # (ending, replacement): "expelled" -> "expel"
    participle_prefixes: tuple[str, ...] = ()      # "ge": tried off before the endings
    slip_endings: tuple[str, ...] = ()             # "ing": a treebank lemma "fighting" is a slip
    infinitive_endings: tuple[str, ...] = ()       # "en", "n": a dictionary lemma of a verb ends so
    particles: tuple[str, ...] = ()                # separable particles a verb form may start with
    phrasal: frozenset[str] = frozenset()          # first words of the patterns' multiword verbs ("oorlog_voeren")

    def key(self, tok: Token) -> str:
        """The word patterns and lists name a token by: its lemma, with a separable particle the
        parse found joined as the language writes it ("op_leggen" for "legde ... op", "lash_out"); where
        the grammar lists its separable particles, only those and the first words of the patterns'
        multiword verbs (`phrasal`: "oorlog_voeren"): "om te komen" is no "omkomen"."""
        prt = next((c.lower_ for c in tok.children if c.dep_ == "compound:prt"
                    and (not self.particles or c.lower_ in self.particles or c.lower_ in self.phrasal)), None)
        return lemmas.verb_key(tok.lemma_.lower(), prt, self.particle_first)

    @classmethod
    def load(cls, lang: str) -> Grammar:
        path = resources.files("kg.data").joinpath("grammar", f"{lang}.toml")
        if not path.is_file():
            raise KgError(f"no grammar file for language {lang!r}",
                          f"Write kg/data/grammar/{lang}.toml (see nl.toml)")
        return cls.from_text(lang, path.read_text("utf-8"), f"kg/data/grammar/{lang}.toml")

    @classmethod
    def from_text(cls, lang: str, text: str, where: str) -> Grammar:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise KgError(f"{where}: not valid TOML ({exc})", "Fix the file's syntax") from exc
        for key in data:
            if key not in KEYS:
                near = difflib.get_close_matches(key, KEYS, 1)
                raise KgError(f"{where}: unknown key {key!r}",
                              f"Did you mean {near[0]!r}?" if near else f"Use one of {sorted(KEYS)}")
        bad = sorted(set(data.get("modal", {}).values()) - set(MODALITIES))
        if bad:
            raise KgError(f"{where}: [modal] names no modality {bad[0]!r}", f"Use one of {', '.join(MODALITIES)}")
        for fix in data.get("fixes", ()):
            bad = set(fix.get("when", {})) - fixes.WHEN
            if bad or "id" not in fix or not fix.get("set") or set(fix["set"]) - fixes.SET:
                raise KgError(f"{where}: fix {fix.get('id', '?')!r} cannot be read",
                              f"Give it an id, `when` keys of {sorted(fixes.WHEN)} and `set` keys of {sorted(fixes.SET)}")
        sets = {k: frozenset(data.get(k, ())) for k in
                ("negators", "negating_heads", "blocking_heads", "alleging_heads", "not_actors", "speech", "conditional", "genitive", "relative",
                 "reciprocal", "light", "act_nouns", "group_nouns", "definite", "agent_case", "comitative", "quantities", "locative", "holding", "act_pronouns", "setting", "targets", "likewise", "according", "blocking_nouns",
                 "place_targets", "threatening_heads", "before_after")}
        return cls(lang, data.get("particle_first", False), data.get("closed_compounds", False),
                   modal=data.get("modal", {}),
                   pronouns=data.get("pronouns", {}), frames=data.get("frames", {}),
                   counts=data.get("counts", {}), placeholders=data.get("placeholders", {}),
                   mask_single_names=bool(data.get("mask_single_names", False)),
                   verb_placeholders=tuple(tuple(pair) for pair in data.get("verb_placeholders", ())),
                   weak_past=tuple(data.get("weak_past", ())),
                   noun_placeholders=tuple(tuple(pair) for pair in data.get("noun_placeholders", ())),
                   verb_prefixes=tuple(data.get("verb_prefixes", ())),
                   act_verbs={noun: frozenset(verbs) for noun, verbs in data.get("act_verbs", {}).items()},
                   descriptions={w.lower(): row[0] for row in data.get("descriptions", ()) for w in row[1:]},
                   fixes=tuple(fixes.compiled(f) for f in data.get("fixes", ())), verb_lemmas=data.get("verb_lemmas", {}),
                   inflections=tuple(tuple(pair) for pair in data.get("inflections", ())),
                   participle_prefixes=tuple(data.get("participle_prefixes", ())),
                   slip_endings=tuple(data.get("slip_endings", ())),
                   infinitive_endings=tuple(data.get("infinitive_endings", ())),
                   particles=tuple(sorted(data.get("particles", ()), key=len, reverse=True)),
                   **sets)

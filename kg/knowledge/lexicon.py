"""Per-language word lists and event cues, loaded from `kg/data/lexicon/<lang>.toml`.

A lexicon is data: the function words the extractor needs (negation, coordination, prepositions,
speech verbs, ...), the agent nouns that stand for an actor's organs ("troepen", "forces"), and the
PLOVER event cues with their frames. Loading validates every key and every category, and a mistake
names the file, the entry and the closest known key.
"""
from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.base.errors import KgError
from kg.base.model import CATEGORIES
from kg.read.segment import tokenize

WORD_KEYS = (
    "abbreviations", "determiners", "coordination", "prepositions", "passive_aux", "passive_agent",
    "negation", "success", "clause_open", "relative", "pronoun_person", "pronoun_group",
    "pronoun_object", "speech", "according_to", "future", "want", "hypothetical", "converse",
    "source_prep", "holder", "support_compound", "lead_compound", "support_prefix", "light",
    "accusing_speech", "first_person", "institution", "possessive", "quantity", "org_head", "title", "converse_prep", "comitative",
    "reciprocal", "state_descriptor", "definite", "obligation", "where", "copula", "body_descriptor", "plural_descriptor",
    "adverbial", "degree", "motion", "name_particles", "postverbal_negation", "postverbal_exceptions",
    "exit", "cancel", "negator", "speech_particles", "particles", "pronoun_plural", "act_nouns", "abroad", "perfect_aux", "generic", "locative",
)
CUE_KEYS = ("verbs", "nouns", "recipient_preps", "actor_preps", "needs", "converse", "negated", "reciprocal", "topical")
TOP_KEYS = ("meta", "words", "agents", "lemmas") + CATEGORIES


@dataclass(frozen=True)
class Cue:
    """One cue word (or words) of a category, with the frame that assigns its roles."""

    category: str
    kind: str                       # "verb" | "noun"
    words: tuple[str, ...]          # lower-cased parts: ("call", "on"), ("terug_dringen",)
    recipient_preps: frozenset[str] = frozenset()
    actor_preps: frozenset[str] = frozenset()
    needs: tuple[str, ...] = ()     # words of which one must be in the clause (`x*` = prefix)
    converse: bool = False          # the subject receives; the actor comes with actor_preps
    negated: bool = False
    reciprocal: bool = False        # a group subject acts on each other ("X and Y clashed")
    topical: bool = False           # the direct object is what it is about, not a partner ("discussed Libya")

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Lexicon:
    lang: str
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]     # multi-word entries of `words`, tokenised
    agents: frozenset[str]
    agent_phrases: tuple[tuple[str, ...], ...]
    cues: tuple[Cue, ...]
    path: str
    lemmas: dict[str, str] = field(default_factory=dict)   # word -> lemma where simplemma errs

    def has(self, key: str, word: str) -> bool:
        return word in self.words[key]


def _fail(path: str, what: str, known: tuple[str, ...] | None = None, bad: str | None = None):
    hint = "Fix the entry and run again"
    if known and bad:
        close = difflib.get_close_matches(bad, known, n=1)
        if close:
            hint = f"Did you mean '{close[0]}'?"
        else:
            hint = "Known keys: " + ", ".join(known)
    raise KgError(f"{path}: {what}", hint)


def _strings(path: str, where: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(path, f"{where} must be a list of non-empty strings")
    return [v.strip().lower() for v in value]


def load(lang: str, path: str | Path | None = None) -> Lexicon:
    """The lexicon of a language: the built-in one, or the file at `path`."""
    if path is None:
        res = resources.files("kg.data") / "lexicon" / f"{lang}.toml"
        if not res.is_file():
            known = sorted(p.name[:-5] for p in (resources.files("kg.data") / "lexicon").iterdir()
                           if p.name.endswith(".toml"))
            raise KgError(f"No lexicon for language '{lang}'",
                          f"Known languages: {', '.join(known)}; add kg/data/lexicon/{lang}.toml")
        data, where = res.read_bytes(), f"kg/data/lexicon/{lang}.toml"
    else:
        where = str(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise KgError(f"{where}: cannot read the lexicon ({exc.strerror})", "Check the path") from None
    return _parse(data, where, lang)


def language_of(path: str | Path) -> str:
    """The language a lexicon file is for: its [meta] language, else its file name ("de.toml")."""
    try:
        doc = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except OSError as exc:
        raise KgError(f"{path}: cannot read the lexicon ({exc.strerror})", "Check the path") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: not valid TOML ({exc})", "Fix the syntax at the place named") from None
    lang = (doc.get("meta") or {}).get("language") if isinstance(doc.get("meta"), dict) else None
    return str(lang or Path(path).stem).strip().lower()


@lru_cache(maxsize=8)
def builtin(lang: str) -> Lexicon:
    return load(lang)


def _parse(data: bytes, path: str, lang: str) -> Lexicon:
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: not valid TOML ({exc})", "Fix the syntax at the place named") from None
    for key in doc:
        if key not in TOP_KEYS:
            _fail(path, f"unknown section [{key}]", TOP_KEYS, key)
    words_in = doc.get("words", {})
    for key in words_in:
        if key not in WORD_KEYS:
            _fail(path, f"unknown key '{key}' in [words]", WORD_KEYS, key)
    words: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for key in WORD_KEYS:
        values = _strings(path, f"[words] {key}", words_in.get(key, []))
        words[key] = frozenset(values)
        phrases[key] = tuple(sorted({_parts(v, lang) for v in values if " " in v}, key=len, reverse=True))
    agents_in = doc.get("agents", {})
    for key in agents_in:
        if key != "nouns":
            _fail(path, f"unknown key '{key}' in [agents]", ("nouns",), key)
    agent_list = _strings(path, "[agents] nouns", agents_in.get("nouns", []))
    lemmas = doc.get("lemmas", {})
    if not isinstance(lemmas, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                               for k, v in lemmas.items()):
        _fail(path, "[lemmas] must map words to their lemmas as strings: vroeg = \"vragen\"")
    cues = []
    for cat in CATEGORIES:
        entries = doc.get(cat, [])
        if isinstance(entries, dict):
            entries = [entries]
        for n, entry in enumerate(entries, 1):
            cues.extend(_cues(path, lang, cat, n, entry))
    return Lexicon(
        lang=lang, words=words, phrases=phrases,
        agents=frozenset(a for a in agent_list if " " not in a),
        agent_phrases=tuple(sorted({_parts(a, lang) for a in agent_list if " " in a}, key=len, reverse=True)),
        cues=tuple(cues), path=path, lemmas={k.lower(): v.lower() for k, v in lemmas.items()},
    )


def _parts(text: str, lang: str) -> tuple[str, ...]:
    return tuple(t.lower for t in tokenize(text, lang))


def _cues(path: str, lang: str, cat: str, n: int, entry: dict) -> list[Cue]:
    where = f"[[{cat}]] entry {n}"
    for key in entry:
        if key not in CUE_KEYS:
            _fail(path, f"unknown key '{key}' in {where}", CUE_KEYS, key)
    common = dict(
        category=cat,
        recipient_preps=frozenset(_strings(path, f"{where} recipient_preps", entry.get("recipient_preps", []))),
        actor_preps=frozenset(_strings(path, f"{where} actor_preps", entry.get("actor_preps", []))),
        needs=tuple(_strings(path, f"{where} needs", entry.get("needs", []))),
        converse=bool(entry.get("converse", False)),
        negated=bool(entry.get("negated", False)),
        reciprocal=bool(entry.get("reciprocal", False)),
        topical=bool(entry.get("topical", False)),
    )
    out = []
    for kind in ("verbs", "nouns"):
        for word in _strings(path, f"{where} {kind}", entry.get(kind, [])):
            parts = tuple(p for p in (word.split(" ") if "_" not in word else [word]) if p)
            out.append(Cue(kind=kind[:-1], words=parts, **common))
    if not out:
        _fail(path, f"{where} has no verbs and no nouns")
    return out


def matches(pattern: str, word: str) -> bool:
    """A lexicon word against a text word: `terror*` is a prefix, anything else the whole word."""
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

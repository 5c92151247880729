"""Pattern records: one per way of saying an event, in kg/data/patterns/LANG/*.toml.

    [[pattern]]
    id = "en.ASSAULT.fire-at"                    # stable: events and tests name it
    category = "ASSAULT"
    verbs = ["fire", "launch"]                   # lemmas (phrasal: "lash_out", "af_vuren"), or
    nouns = ["airstrike"]                        # nouns, or
    predicates = ["illegal", "crime"]            # words said of a subject with a copula ("the
                                                 # deal is [illegal]"); a record has one of the three
    needs = { obj = ["missile", "rocket"] }      # dependents the trigger must have (relation -> lemmas;
                                                 # "@act": an act, the grammar's act_nouns or a trigger noun;
                                                 # "@name": a proper noun)
    without = ["xcomp", "obl[on,for]"]           # relations the trigger must not have ("called X [a crime]")
    heads = ["krijgen"]                          # the trigger's governor must be one of these
    not_heads = ["agree"]                        # ... must not be one of these ("agreed to [restore]
                                                 # relations" is the agreement, not yet the act)
    frame = "transitive"                         # role paths named in the grammar file, or:
    actor = ["nsubj"]                            # role paths, tried in order
    recipient = ["obl[at,on,into]"]
    reciprocal = true                            # "X and Y met": each named side with the other;
                                                 # false: not where it names its other sides ("X and
                                                 # Y mediated between A and B": X and Y with A and B)
    fallback = false                             # a noun record that must not use frames.noun_fallback
    overrides = true                             # where it fits, the trigger's records without `needs`
                                                 # go: "trof Rusland met sancties" is no attack
    examples = [{ text = "Israel fired missiles at an Iranian base.", events = ["ISR ASSAULT IRN"] }]

A file may name word lists in a `[lists]` table (`labels = ["terrorist", "dictator"]`); a `needs`
entry "@labels" stands for that list, from any of the language's files, so that the records of one
meaning (a name called by an object or by a complement) share one list.

A record without an example, with an unknown key, an unknown category or frame, or a path the
interpreter cannot read fails on load with its file and id.
"""
from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.base.errors import KgError
from kg.base.model import CATEGORIES
from kg.coding.paths import Path as RolePath
from kg.coding.paths import parse_path
from kg.knowledge.lexicon import Cue

KEYS = {"id", "category", "verbs", "nouns", "predicates", "needs", "without", "heads", "frame", "actor", "recipient",
        "reciprocal", "examples", "confidence", "note", "fallback", "overrides", "not_heads"}


@dataclass(frozen=True)
class Example:
    text: str
    events: tuple[str, ...]
    date: str | None = None


@dataclass(frozen=True)
class Pattern:
    id: str
    category: str
    kind: str                               # "verb", "noun" or "predicate"
    triggers: tuple[str, ...]
    actor: tuple[RolePath, ...]
    recipient: tuple[RolePath, ...]
    needs: tuple[tuple[str, frozenset[str]], ...] = ()
    heads: frozenset[str] = frozenset()
    reciprocal: bool | None = None      # None: as the category has it (symmetric ones pair their sides)
    confidence: float = 0.8
    examples: tuple[Example, ...] = ()
    fallback: bool = True                   # a noun record may use the language's noun roles
    without: tuple = ()                     # steps (relation, cases) the trigger must not have
    overrides: bool = False                 # where it fits, the trigger's records without needs go
    not_heads: frozenset[str] = frozenset()  # governors the trigger must not have

    @property
    def subject_actor(self) -> bool:
        """The actor is the clause's subject (not a converse "received aid [from Iran]")."""
        return any(path[0].dep == "nsubj" for path in self.actor)


def _fail(where: str, what: str, fix: str) -> KgError:
    return KgError(f"{where}: {what}", fix)


def _check_keys(rec: dict, where: str) -> None:
    for key in rec:
        if key not in KEYS:
            near = difflib.get_close_matches(key, KEYS, 1)
            raise _fail(where, f"unknown key {key!r}",
                        f"Did you mean {near[0]!r}?" if near else f"Use one of {sorted(KEYS)}")


def _paths(rec: dict, role: str, frames: dict, where: str) -> tuple[RolePath, ...]:
    raw = rec.get(role)
    if raw is None and "frame" in rec:
        frame = frames.get(rec["frame"])
        if frame is None:
            near = difflib.get_close_matches(rec["frame"], frames, 1)
            raise _fail(where, f"unknown frame {rec['frame']!r}",
                        f"Did you mean {near[0]!r}?" if near else "Define it under [frames]")
        raw = frame.get(role, [])
    try:
        return tuple(parse_path(p) for p in (raw or []))
    except ValueError as exc:
        raise _fail(where, str(exc), "Write paths like nsubj, obl[at,on], light.nsubj") from exc


def _without(rec: dict, where: str) -> tuple:
    try:
        return tuple(step for w in rec.get("without", ()) for step in parse_path(w))
    except ValueError as exc:
        raise _fail(where, str(exc), 'Write `without` entries like "xcomp" or "obl[on,for]"') from exc


def _expand(words: list, lists: dict, where: str) -> frozenset[str]:
    out = set()
    for w in words:
        if w.startswith("@") and w not in ("@act", "@name"):
            if w[1:] not in lists:
                raise _fail(where, f"unknown word list {w!r}", f"Define it under [lists] or use one of {sorted(lists)}")
            out.update(x.lower() for x in lists[w[1:]])
        else:
            out.add(w.lower())
    return frozenset(out)


def record(rec: dict, frames: dict, where: str, lists: dict | None = None) -> Pattern:
    """One pattern from its TOML table; `where` names the file for errors, `lists` the word
    lists its `needs` may name."""
    where = f"{where} [{rec.get('id', '?')}]"
    _check_keys(rec, where)
    if rec.get("category") not in CATEGORIES:
        raise _fail(where, f"unknown category {rec.get('category')!r}", f"Use one of {CATEGORIES}")
    kinds = [k for k in ("verb", "noun", "predicate") if rec.get(k + "s")]
    if len(kinds) != 1:
        raise _fail(where, "a pattern needs one of `verbs`, `nouns` or `predicates`", "Split it in records of one kind")
    kind = kinds[0]
    examples = tuple(Example(e["text"], tuple(e["events"]), e.get("date")) for e in rec.get("examples", ()))
    if not examples:
        raise _fail(where, "a pattern without an example", "Add examples = [{ text, events }]")
    needs = tuple((dep, _expand(words, lists or {}, where)) for dep, words in sorted(rec.get("needs", {}).items()))
    return Pattern(rec["id"], rec["category"], kind, tuple(w.lower() for w in rec[kind + "s"]),
                   _paths(rec, "actor", frames, where), _paths(rec, "recipient", frames, where),
                   needs, frozenset(w.lower() for w in rec.get("heads", ())), rec.get("reciprocal"),
                   float(rec.get("confidence", 0.8)), examples, bool(rec.get("fallback", True)),
                   _without(rec, where), bool(rec.get("overrides", False)),
                   frozenset(w.lower() for w in rec.get("not_heads", ())))


def load(lang: str, frames: dict, extra: list[Path] = ()) -> tuple[Pattern, ...]:
    """Every pattern of `lang`: the package's files, then `extra` files; ids are unique."""
    folder = resources.files("kg.data").joinpath("patterns", lang)
    sources = [(f"kg/data/patterns/{lang}/{f.name}", f.read_text("utf-8"))
               for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".toml")]
    sources += [(str(p), Path(p).read_text("utf-8")) for p in extra]
    out, seen, files, lists = [], {}, [], {}
    for where, text in sources:
        try:
            files.append((where, data := tomllib.loads(text)))
        except tomllib.TOMLDecodeError as exc:
            raise _fail(where, f"not valid TOML ({exc})", "Fix the file's syntax") from exc
        lists.update(data.get("lists", {}))
    for where, data in files:
        for rec in data.get("pattern", []):
            pat = record(rec, frames, where, lists)
            if pat.id in seen:
                raise _fail(where, f"pattern id {pat.id!r} also in {seen[pat.id]}", "Give each record its own id")
            seen[pat.id] = where
            out.append(pat)
    return tuple(out)


def from_cues(cues: Iterable[Cue], frames: dict, lang: str) -> tuple[Pattern, ...]:
    """Patterns for the cues a user's lexicon adds to the built-in one (`kg build --lexicon`), so
    that both engines read them: a verb takes the transitive frame (its `recipient_preps` as
    obliques; a converse verb's actor comes with its `actor_preps`), a noun the noun frame."""
    out = []
    for cue in cues:
        trigger = "_".join(cue.words).lower()
        if cue.kind == "noun":
            actor, recipient = frames["noun"]["actor"], frames["noun"]["recipient"]
        elif cue.converse:
            actor, recipient = [f"obl[{','.join(sorted(cue.actor_preps))}]"] if cue.actor_preps else [], ["nsubj"]
        else:
            actor, recipient = frames["transitive"]["actor"], list(frames["transitive"]["recipient"])
            if cue.recipient_preps:
                recipient = [f"obl[{','.join(sorted(cue.recipient_preps))}]"] + recipient
        out.append(Pattern(f"user.{lang}.{cue.category}.{trigger}", cue.category, cue.kind, (trigger,),
                           tuple(parse_path(x) for x in actor), tuple(parse_path(x) for x in recipient),
                           reciprocal=cue.reciprocal))
    return tuple(out)

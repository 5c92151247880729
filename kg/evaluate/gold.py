"""Gold annotations and extracted events read for scoring: the format of `shared/gold/GUIDELINES.md`,
checked field by field, and the dyads (actor, event, recipient, negated) both sides become."""
from __future__ import annotations

import difflib
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence

from kg.base.errors import KgError
from kg.base.model import CATEGORIES, SYMMETRIC

# The gold format (GUIDELINES.md): field -> (type, presence). "must": present and not null;
# "nullable": present, may be null; "may": may be absent or null.
_GOLD = {"doc": (str, "must"), "article": (str, "may"), "language": (str, "must"),
         "date": (str, "may"), "about": (str, "may"), "actors": (dict, "may"),
         "events": (list, "must")}


_ENTRY = {"actor": (str, "must"), "event": (str, "must"), "recipient": (str, "nullable"),
          "negated": (bool, "must"), "required": (bool, "must"), "alternatives": (list, "may"),
          "evidence": (str, "must"), "issue": (str, "may")}


_ALTERNATIVE = {"event": (str, "must"), "negated": (bool, "must")}


_WANT = {str: "a non-empty string", bool: "true or false", list: "a list", dict: "an object"}


_FIX = "See shared/gold/GUIDELINES.md for the gold format"


class Dyad(NamedTuple):
    """One extracted or gold reading, normalised: the pair is sorted in symmetric categories."""

    actor: str
    event: str
    recipient: str | None
    negated: bool

    def __str__(self) -> str:
        text = f"{self.actor} {self.event} {self.recipient or '-'}"
        return text + " (negated)" if self.negated else text


def dyad(actor: str, event: str, recipient: str | None, negated: bool) -> Dyad:
    """The normalised dyad: in AGREE, CONSULT and COOPERATE the two codes are sorted."""
    if event in SYMMETRIC and recipient is not None and recipient < actor:
        actor, recipient = recipient, actor
    return Dyad(actor, event, recipient, negated)


@dataclass(frozen=True)
class GoldEntry:
    """One annotated event: (actor, event, recipient, negated) and the readings it also accepts."""

    actor: str
    event: str
    recipient: str | None
    negated: bool
    required: bool
    alternatives: tuple[tuple[str, bool], ...]
    evidence: str
    issue: str | None = None

    def readings(self) -> frozenset[Dyad]:
        """Every normalised dyad this entry accepts."""
        pairs = ((self.event, self.negated),) + self.alternatives
        return frozenset(dyad(self.actor, ev, self.recipient, neg) for ev, neg in pairs)


@dataclass(frozen=True)
class Gold:
    """The gold annotation of one article."""

    doc: str
    path: str                   # the gold file
    language: str
    date: str | None
    article: str | None         # the article's path as written in the gold file
    entries: tuple[GoldEntry, ...]


def load_golds(paths: str | Path | Iterable[str | Path]) -> list[Gold]:
    """Gold files from files and folders (a folder: each *.json in it, sorted), in that order."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    golds: list[Gold] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            if not files:
                raise KgError(f"{path}: the folder holds no gold files (*.json)",
                              "Give a folder of gold files or the files themselves")
        elif path.is_file():
            files = [path]
        else:
            raise KgError(f"{path}: no such file or folder", "Check the gold path")
        golds += [load_gold(file) for file in files]
    _by_doc(golds)
    return golds


def load_gold(path: str | Path) -> Gold:
    """Read and check one gold file; a KgError names the file and the field at fault."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KgError(f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                      "Fix the JSON there") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read the gold file ({exc})", "Check the path") from exc
    where = str(path)
    top = _fields(data, _GOLD, where, "the file")
    if top["date"] is not None:
        try:
            date.fromisoformat(top["date"])
        except ValueError:
            raise KgError(f"{where}: date \"{top['date']}\" is not a date",
                          "Write it as YYYY-MM-DD") from None
    entries = tuple(_entry(item, where, f"events[{n}]", top["actors"])
                    for n, item in enumerate(top["events"]))
    first: dict[Dyad, int] = {}
    for n, entry in enumerate(entries):
        own = dyad(entry.actor, entry.event, entry.recipient, entry.negated)
        if own in first:
            raise KgError(f"{where}: events[{n}] ({own}) repeats events[{first[own]}]",
                          "Keep one entry per distinct (actor, event, recipient, negated)")
        first[own] = n
    return Gold(top["doc"], where, top["language"], top["date"], top["article"], entries)


def _entry(item: Any, where: str, at: str, actors: dict | None) -> GoldEntry:
    f = _fields(item, _ENTRY, where, at)
    alternatives = []
    for n, alt in enumerate(f["alternatives"] or []):
        a = _fields(alt, _ALTERNATIVE, where, f"{at}.alternatives[{n}]")
        alternatives.append((_category(a["event"], where, f"{at}.alternatives[{n}]"), a["negated"]))
    return GoldEntry(
        _code(f["actor"], where, at + ".actor", actors), _category(f["event"], where, at),
        f["recipient"] and _code(f["recipient"], where, at + ".recipient", actors),
        f["negated"], f["required"], tuple(alternatives), f["evidence"], f["issue"])


def _fields(obj: Any, schema: dict[str, tuple[type, str]], where: str, at: str) -> dict:
    """The fields of a JSON object, checked against a schema; absent optional fields are None."""
    if not isinstance(obj, dict):
        raise KgError(f"{where}: {at} is {json.dumps(obj)[:40]}, not an object", _FIX)
    for key in obj:
        if key not in schema:
            name = key if at == "the file" else f"{at}.{key}"
            raise KgError(f"{where}: unknown field \"{name}\"", _did_you_mean(key, list(schema)))
    out = {}
    for key, (kind, presence) in schema.items():
        value = out[key] = obj.get(key)
        if key not in obj and presence != "may":
            raise KgError(f"{where}: {at} has no field \"{key}\"", _FIX)
        bad = not isinstance(value, kind) or (kind is str and not value.strip())
        if bad and (value is not None or presence == "must"):
            name = key if at == "the file" else f"{at}.{key}"
            raise KgError(f"{where}: {name} is {json.dumps(value)}, not {_WANT[kind]}", _FIX)
    return out


def _category(name: str, where: str, at: str) -> str:
    if name not in CATEGORIES:
        raise KgError(f"{where}: {at}.event \"{name}\" is not a PLOVER category",
                      _did_you_mean(name, CATEGORIES))
    return name


def _code(code: str, where: str, at: str, actors: dict | None) -> str:
    """With an `actors` table in the file, each code used must be defined there (typo check)."""
    if actors is not None and code not in actors:
        raise KgError(f"{where}: {at} \"{code}\" is not in the file's actors table",
                      _did_you_mean(code, sorted(actors)))
    return code


def _did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word.upper(), [k.upper() for k in known], n=1, cutoff=0.6)
    hint = next((k for k in known if close and k.upper() == close[0]), None)
    choices = "Use one of: " + ", ".join(known)
    return f"Did you mean \"{hint}\"? {choices}" if hint else choices


def load_events(path: str | Path) -> list[dict]:
    """Events from a JSON Lines file (events.jsonl; `-` is stdin); blank lines are skipped."""
    where, fix = ("stdin" if str(path) == "-" else str(path)), "Give one JSON object per line"
    try:
        text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{where}: cannot read events ({exc})", "Check the path") from exc
    events = []
    for number, line in enumerate(text.splitlines(), 1):
        try:
            event = json.loads(line) if line.strip() else {}
        except json.JSONDecodeError as exc:
            raise KgError(f"{where}: line {number}, column {exc.colno}: {exc.msg}", fix) from exc
        if not isinstance(event, dict):
            raise KgError(f"{where}: line {number} is not a JSON object", fix)
        events += [event] if event else []
    return events


def _event_dyad(event: Any, n: int) -> tuple[str, Dyad]:
    """(doc, normalised dyad) of an events.jsonl record; actor/recipient as {"id": ...} or ids."""
    doc = event.get("doc") if isinstance(event, dict) else None
    if not isinstance(doc, str) or not doc:
        raise KgError(f"event {n} has no \"doc\"", "Pass events as dicts (events.jsonl schema)")
    at, category = f"event {n} (doc {doc})", event.get("event")
    negated = event.get("negated", False)
    if category not in CATEGORIES:
        raise KgError(f"{at}: \"event\" {json.dumps(category)} is not a PLOVER category",
                      _did_you_mean(str(category), CATEGORIES))
    if not isinstance(negated, bool):
        raise KgError(f"{at}: \"negated\" is {json.dumps(negated)}", "Use true or false")
    actor, recipient = (_event_id(event.get(key), at, key) for key in ("actor", "recipient"))
    if actor is None:
        raise KgError(f"{at} has no \"actor\"", "Each event names its actor")
    return doc, dyad(actor, category, recipient, negated)


def _event_id(value: Any, at: str, key: str) -> str | None:
    if value is None or (isinstance(value, str) and value):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]:
        return value["id"]
    raise KgError(f"{at}: \"{key}\" has no id", f"Give {key} as {{\"id\": CODE, ...}} or as CODE")


def _by_doc(golds: Sequence[Gold]) -> dict[str, Gold]:
    by_doc: dict[str, Gold] = {}
    for gold in golds:
        if gold.doc in by_doc:
            raise KgError(f"doc \"{gold.doc}\" has two gold files ({by_doc[gold.doc].path}, "
                          f"{gold.path})", "Keep one gold file per article")
        by_doc[gold.doc] = gold
    return by_doc

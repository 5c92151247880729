"""Score extracted events against gold annotations, as `shared/gold/GUIDELINES.md` ("Scoring") says.

Per article the extracted events become a set of dyads (actor, event, recipient, negated):
duplicates collapse, and in the symmetric categories (AGREE, CONSULT, COOPERATE) the pair is sorted,
on the gold side too. A gold entry accepts its own (event, negated) and each of its `alternatives`
(the pair sorted when that reading is symmetric). A null recipient is a value like any other.

Conventions decided here:
- TP is the size of a maximum one-to-one matching of extracted dyads to *required* entries. One
  entry found by two dyads (ASSAULT and its alternative COERCE) is one TP, and the second dyad is
  still a match, not a FP. One dyad that fits two required entries counts once: one TP, and the
  other entry is a FN unless another dyad takes it.
- FP: a dyad that matches no entry at all. FN: a required entry left out of the matching.
  A dyad that matches only optional entries is neither TP nor FP; an unmatched optional is no FN.
- P = 1.0 when TP + FP == 0, R = 1.0 when TP + FN == 0, F1 = 0.0 when P + R == 0.
- Micro: TP, FP, FN summed over the gold articles, then P, R, F1; macro: the mean per article.
  Events of articles without gold are ignored (`Report.ignored`); a gold article with no events
  misses all its required entries.

>>> gold = Gold("d", "d.json", "en", None, None, (
...     GoldEntry("USA", "CONSULT", "RUS", False, True, (), "talks"),
...     GoldEntry("TUR", "ASSAULT", "YPG", False, True, (("COERCE", False),), "shelled")))
>>> r = score([gold], [{"doc": "d", "actor": "RUS", "event": "CONSULT", "recipient": "USA"},
...                    {"doc": "d", "actor": "TUR", "event": "COERCE", "recipient": "YPG"}])
>>> (r.tp, r.fp, r.fn, r.f1)
(2, 0, 0, 1.0)
"""
from __future__ import annotations

import difflib
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, NamedTuple, Sequence

from kg.errors import KgError
from kg.model import CATEGORIES, SYMMETRIC

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


@dataclass
class DocScore:
    doc: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    misses: list[GoldEntry]     # required entries left unmatched
    false: list[Dyad]           # extracted dyads that match no entry
    matched: list[Dyad]         # extracted dyads that match a required entry
    optional: list[Dyad]        # extracted dyads that match only optional entries
    sentences: dict[Dyad, str] = field(default_factory=dict)  # an evidence sentence per dyad


@dataclass
class Report:
    docs: list[DocScore]
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    macro_f1: float
    macro_precision: float = 0.0
    macro_recall: float = 0.0
    ignored: int = 0            # events of articles that have no gold file


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


#: Modalities `score` leaves out by default: a hypothetical event ("if it was backed by the UN")
#: is not stated to have happened, so kg does not claim it (it stays in the graph, marked).
UNCLAIMED = frozenset({"hypothetical"})


def score(golds: Sequence[Gold], events: Iterable[dict], *, skip: Iterable[str] = UNCLAIMED) -> Report:
    """Score events (events.jsonl dicts) against gold articles; see the module docstring.
    Events whose `modality` is in `skip` are left out (pass `skip=()` to score every event)."""
    found: dict[str, dict[Dyad, tuple]] = {doc: {} for doc in _by_doc(golds)}
    ignored = 0
    skip = frozenset(skip)
    events = [e for e in events if e.get("modality") not in skip]
    for n, event in enumerate(events):
        doc, key = _event_dyad(event, n)
        if doc not in found:
            ignored += 1
            continue
        index = event.get("sentence")
        where = (index if isinstance(index, int) else sys.maxsize, str(event.get("text") or ""))
        if key not in found[doc] or where < found[doc][key]:
            found[doc][key] = where        # the earliest sentence stating the dyad
    docs = [_score_doc(gold, found[gold.doc]) for gold in golds]
    tp, fp, fn = (sum(getattr(d, name) for d in docs) for name in ("tp", "fp", "fn"))
    precision, recall, f1 = _prf(tp, fp, fn)
    n = len(docs) or 1
    return Report(docs, tp, fp, fn, precision, recall, f1,
                  macro_f1=sum(d.f1 for d in docs) / n,
                  macro_precision=sum(d.precision for d in docs) / n,
                  macro_recall=sum(d.recall for d in docs) / n,
                  ignored=ignored)


def missing(golds: Sequence[Gold], events: Iterable[dict]) -> list[str]:
    """Gold articles with gold events but no event at all in `events`: not built (or built with
    none found), which scoring would count as recall 0 without a word."""
    seen = {e.get("doc") for e in events if isinstance(e, dict)}
    return sorted({g.doc for g in golds if g.entries and g.doc not in seen})


def _by_doc(golds: Sequence[Gold]) -> dict[str, Gold]:
    by_doc: dict[str, Gold] = {}
    for gold in golds:
        if gold.doc in by_doc:
            raise KgError(f"doc \"{gold.doc}\" has two gold files ({by_doc[gold.doc].path}, "
                          f"{gold.path})", "Keep one gold file per article")
        by_doc[gold.doc] = gold
    return by_doc


def _score_doc(gold: Gold, found: dict[Dyad, tuple]) -> DocScore:
    readings = [entry.readings() for entry in gold.entries]
    dyads = sorted(found, key=_order)
    hits = {d: [i for i, accepted in enumerate(readings) if d in accepted] for d in dyads}
    options = {d: [i for i in hits[d] if gold.entries[i].required] for d in dyads}
    owner = _match(options)
    misses = [e for i, e in enumerate(gold.entries) if e.required and i not in owner]
    matched = [d for d in dyads if options[d]]
    optional = [d for d in dyads if hits[d] and not options[d]]
    false = [d for d in dyads if not hits[d]]
    tp, fp, fn = len(owner), len(false), len(misses)
    return DocScore(gold.doc, tp, fp, fn, *_prf(tp, fp, fn), misses=misses, false=false,
                    matched=matched, optional=optional,
                    sentences={d: found[d][1] for d in dyads})


def _match(options: dict[Dyad, list[int]]) -> dict[int, Dyad]:
    """Maximum one-to-one matching of dyads to entries (augmenting paths), deterministic."""
    owner: dict[int, Dyad] = {}

    def augment(d: Dyad, seen: set[int]) -> bool:
        for i in options[d]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = d
                    return True
        return False

    for d in options:
        augment(d, set())
    return owner


def _order(d: Dyad) -> tuple:
    return (d.actor, d.event, d.recipient or "", d.negated)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def format_report(report: Report, verbose: bool = True) -> str:
    """A per-article table, the micro and macro lines, then (verbose) each article's errors."""
    width = max([len(d.doc) for d in report.docs] + [len("micro (99 docs)")])

    def row(name: str, *cells: Any) -> str:
        counts = " ".join(f"{c:>4}" for c in cells[:6])
        return f"{name:<{width}}  {counts}  " + "  ".join(f"{f:>5.3f}" for f in cells[6:])

    head = f"{'doc':<{width}}  " + " ".join(f"{c:>4}" for c in ("req", "ext", "TP", "FP", "FN",
                                                                  "opt")) + "      P      R     F1"
    lines = [head, "-" * len(head)]
    for d in report.docs:
        extracted = len(d.matched) + len(d.optional) + len(d.false)
        lines.append(row(d.doc, d.tp + d.fn, extracted, d.tp, d.fp, d.fn, len(d.optional),
                         d.precision, d.recall, d.f1))
    lines += ["-" * len(head),
              row(f"micro ({len(report.docs)} docs)", report.tp + report.fn, "", report.tp,
                  report.fp, report.fn, "", report.precision, report.recall, report.f1),
              row("macro", *[""] * 6, report.macro_precision, report.macro_recall, report.macro_f1)]
    if report.ignored:
        lines.append(f"({report.ignored} event{'s' * (report.ignored > 1)} of articles "
                     "without gold ignored)")
    if verbose:
        for d in report.docs:
            if d.misses or d.false:
                lines += ["", d.doc]
                lines += [f"  MISS {_entry_text(e)} — {_clean(e.evidence)}" for e in d.misses]
                lines += [f"  FALSE {f} — {_clean(d.sentences.get(f, ''))}" for f in d.false]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _entry_text(entry: GoldEntry) -> str:
    text = str(Dyad(entry.actor, entry.event, entry.recipient, entry.negated))
    if entry.alternatives:
        text += " [or " + ", ".join(ev + (" negated" if neg else "")
                                    for ev, neg in entry.alternatives) + "]"
    return text


def _clean(text: str, limit: int = 200) -> str:
    """Untrusted text for a terminal: one line, no control characters, at most `limit` chars."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def report_json(report: Report) -> dict:
    """The report as plain JSON data (counts, figures, and each article's matches and errors)."""
    def dyads(items: list[Dyad], d: DocScore) -> list[dict]:
        return [{**x._asdict(), "sentence": d.sentences.get(x, "")} for x in items]

    return {
        "micro": {"tp": report.tp, "fp": report.fp, "fn": report.fn,
                  "precision": report.precision, "recall": report.recall, "f1": report.f1},
        "macro": {"precision": report.macro_precision, "recall": report.macro_recall,
                  "f1": report.macro_f1},
        "ignored": report.ignored,
        "docs": [{
            "doc": d.doc, "tp": d.tp, "fp": d.fp, "fn": d.fn,
            "precision": d.precision, "recall": d.recall, "f1": d.f1,
            "misses": [{"actor": e.actor, "event": e.event, "recipient": e.recipient,
                        "negated": e.negated, "evidence": e.evidence, "alternatives": [
                            {"event": ev, "negated": neg} for ev, neg in e.alternatives]}
                       for e in d.misses],
            "false": dyads(d.false, d), "matched": dyads(d.matched, d),
            "optional": dyads(d.optional, d),
        } for d in report.docs],
    }

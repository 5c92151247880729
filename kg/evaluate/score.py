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

import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from kg.base.model import UNCLAIMED
from kg.evaluate.gold import Dyad, Gold, GoldEntry, _by_doc, _event_dyad


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


#: Modalities `score` leaves out by default: a hypothetical event ("if it was backed by the UN")
#: is not stated to have happened, so kg does not claim it (it stays in the graph, marked).


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

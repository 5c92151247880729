"""`kg show` as text: the records of `kg.views.analysis.report` as aligned tables for a terminal.

Labels and sentences come from articles: control characters (terminal escapes) become spaces and
long sentences are cut, so a line stays a line.

>>> print(table([{"rank": 1, "actor": "TUR", "centrality": 1.0}], ["rank", "actor", "centrality"]))
rank  actor  centrality
----  -----  ----------
   1  TUR        1.0000
"""
from __future__ import annotations

import re

EVIDENCE_WIDTH = 160            # characters of an evidence sentence on a line
EVIDENCE_LISTED = 4             # evidence lines per edge
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

#: column -> heading (default: the key)
HEADINGS = {"source_label": "from", "target_label": "to", "hostility_inside": "hostile inside",
            "before_events": "events before", "after_events": "events after"}
#: column -> format of its floats (default: one decimal)
FLOATS = {"centrality": ".4f", "betweenness": ".4f", "score": "+.1f"}


def format_report(report: dict) -> str:
    """The whole report as text, one section after another."""
    summary = report["summary"]
    head = (f"{summary['actors']} actors, {summary['ties']} ties, {summary['events']} events"
            + (f" (filters: {clean(summary['filters'])})" if summary.get("filters") else ""))
    parts = [head]
    if "central" in report:
        parts.append(_section("Most central actors", report["central"], [
            "rank", "actor", "label", "type", "country", "centrality", "betweenness", "events",
            "ties", "cooperative", "hostile"]))
    if "ties" in report:
        for kind, title in (("cooperative", "Strongest cooperative ties"), ("hostile", "Strongest hostile ties"),
                            ("failed", "Failed or refused acts (negated events: talks without agreement, ...)")):
            rows = [row for row in report["ties"] if row["stance"] == kind]
            parts.append(_section(title, rows, [
                "rank", "source_label", "target_label", "weight", "score", "events", "negated",
                "categories", "evidence", "first", "last"]))
    if "blocs" in report:
        rows = [dict(row, members=", ".join(row["labels"])) for row in report["blocs"]]
        parts.append(_section("Blocs (communities of the cooperative network)", rows,
                              ["bloc", "size", "members", "cooperation", "hostility_inside"]))
        rows = [dict(row, blocs=f"{row['a']}\u2013{row['b']}", relations="; ".join(row["relations"]))
                for row in report["hostility"]]
        parts.append(_section("Hostility between blocs", rows,
                              ["blocs", "hostile", "cooperative", "events", "relations"]))
    if "triads" in report:
        parts.append(_balance(report["triads"], summary.get("triads")))
    if "changes" in report:
        parts.append(_changes(report["changes"], summary.get("split")))
    elif "central" in report and "triads" in report:
        parts.append("Changes over time: give --split YYYY-MM-DD to compare two periods.")
    return "\n\n".join(parts) + "\n"


def table(rows: list[dict], columns: list[str]) -> str:
    """Rows as an aligned table: numbers right-aligned (floats as FLOATS says), text left."""
    cells = [[_cell(row.get(c), c) for c in columns] for row in rows]
    names = [HEADINGS.get(c, c) for c in columns]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    numeric = [bool(rows) and all(isinstance(row.get(c), (int, float)) and not isinstance(row.get(c), bool)
                                  for row in rows if row.get(c) is not None) for c in columns]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(names), "  ".join("-" * w for w in widths)] + [line(r) for r in cells])


def clean(text: object) -> str:
    """Text from an article, safe on one terminal line."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def evidence_line(item: dict, indent: str = "      ") -> str:
    what = ("not " if item["negated"] else "") + item["event"]
    if item.get("modality", "asserted") != "asserted":
        what += f" ({item['modality']})"
    text = clean(item.get("text") or "")
    if len(text) > EVIDENCE_WIDTH:
        text = text[:EVIDENCE_WIDTH - 1] + "\u2026"
    return (f"{indent}{item.get('date') or 'undated'}  {item['source']} {what} {item['target']}  "
            f"[{clean(item.get('doc'))} s{item.get('sentence')}]  \u201c{text}\u201d")


def _section(title: str, rows: list[dict], columns: list[str]) -> str:
    if not rows:
        return f"{title}: none"
    return f"{title}\n{table(rows, columns)}"


def _balance(triads: list[dict], counts: dict | None = None) -> str:
    unbalanced = [t for t in triads if not t["balanced"]]
    closed = counts["closed"] if counts else len(triads)
    lines = [f"Structural balance: {closed} closed triad{'s' if closed != 1 else ''}"
             f" of cooperative/hostile relations, {counts['unbalanced'] if counts else len(unbalanced)} unbalanced"]
    if counts and len(triads) < closed:
        lines[0] += f" (the best-evidenced {len(unbalanced)} unbalanced and {len(triads) - len(unbalanced)} " \
                    "balanced shown; --top 0 shows all)"
    for number, triad in enumerate(unbalanced, start=1):
        lines.append(f"  {number}. {', '.join(clean(x) for x in triad['labels'])}  ({triad['signs']})"
                     f"  {clean(triad['reading'])}  [weakest edge: {triad['evidence']}]")
        for edge in triad["edges"]:
            lines.append(f"     {edge['a']}\u2013{edge['b']}  {edge['sign']}  net {edge['score']:+.1f}")
            lines += [evidence_line(item) for item in edge["evidence"][:EVIDENCE_LISTED]]
            if len(edge["evidence"]) > EVIDENCE_LISTED:
                lines.append(f"      \u2026 and {len(edge['evidence']) - EVIDENCE_LISTED} more")
    balanced = [t for t in triads if t["balanced"]]
    if balanced:
        lines.append("  Balanced:")
        lines += [f"   {', '.join(clean(x) for x in t['labels'])}  ({t['signs']})  {clean(t['reading'])}"
                  for t in balanced]
    return "\n".join(lines)


def _changes(rows: list[dict], split: str | None) -> str:
    lines = [f"Ties that changed sign: before {split} and from {split} on"
             + ("" if rows else ": none")]
    for row in rows:
        lines.append(f"  {clean(row['a_label'])} \u2013 {clean(row['b_label'])}: {row['change']}"
                     f" (net {row['before']:+.1f} \u2192 {row['after']:+.1f}; "
                     f"{row['before_events']} and {row['after_events']} events)")
        for key, when in (("evidence_before", "before"), ("evidence_after", "from then on")):
            lines.append(f"    {when}:")
            lines += [evidence_line(item) for item in row[key][:EVIDENCE_LISTED]]
            if len(row[key]) > EVIDENCE_LISTED:
                lines.append(f"      \u2026 and {len(row[key]) - EVIDENCE_LISTED} more")
    return "\n".join(lines)


def _cell(value, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format(value, FLOATS.get(column, ".1f"))
    if isinstance(value, list):
        return clean(", ".join(str(v) for v in value))
    return clean(value)

"""Query results as text: an aligned table, CSV (cells a spreadsheet would run as formulas get a
leading '), or JSON with numbers, booleans and dates typed from their RDF datatypes."""
from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.base.errors import KgError
from kg.base.vocab import shorten
from kg.sparql.params import XSD

FORMATS = ("table", "csv", "json")


#: What a spreadsheet may take for a formula at the start of a cell (kg export's CSV uses it too).
FORMULA = re.compile(r"^[=+\-@\t\r]")


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def format_result(result: Result, fmt: str = "table") -> str:
    """The result as an aligned text table (IRIs shortened with kg.base.vocab.PREFIXES), CSV or JSON."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_csv_cell(v) for v in row] for row in result.rows])
        return out.getvalue()
    if fmt == "json":
        records = [dict(zip(result.columns, row)) for row in result.typed()]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        return _table(result)
    raise KgError(f"Unknown format '{fmt}'", f"Use one of: {', '.join(FORMATS)}.")


def _csv_cell(value: str | None) -> str:
    """A cell a spreadsheet would run as a formula gets a leading ' (numbers such as -5 do not)."""
    if value is None:
        return ""
    return "'" + value if FORMULA.match(value) and not _NUMBER.fullmatch(value) else value


def _table(result: Result) -> str:
    cells = [[_CONTROL.sub(" ", shorten(v)) if v is not None else "" for v in row] for row in result.rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(result.columns)]
    numeric = [bool(cells) and all(re.fullmatch(r"-?\d+(\.\d+)?", row[i]) for row in cells if row[i])
               for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        padded = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)]
        return "  ".join(padded).rstrip()

    lines = [line(result.columns), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in cells]
    return "\n".join(lines) + "\n"


def _value(node) -> str | None:
    if node is None:
        return None
    if isinstance(node, ox.BlankNode):
        return "_:" + node.value
    if isinstance(node, (ox.NamedNode, ox.Literal)):
        return node.value
    return str(node)  # an RDF-star triple


def _datatype(node) -> str | None:
    return node.datatype.value if isinstance(node, ox.Literal) and not node.language else None


def _typed(value: str | None, datatype: str | None):
    """A literal's value as JSON would have it: numbers as numbers, booleans as booleans."""
    if value is None or datatype is None or not datatype.startswith(XSD):
        return value
    kind = datatype[len(XSD):]
    try:
        if kind in _INTEGERS:
            return int(value)
        if kind in ("decimal", "double", "float"):
            number = float(value)
            return number if math.isfinite(number) else value    # NaN and INF are no JSON numbers
        if kind == "boolean":
            return {"true": True, "1": True, "false": False, "0": False}.get(value.strip(), value)
    except ValueError:
        return value                  # an ill-typed literal ("abc"^^xsd:integer) stays as written
    return value


_INTEGERS = frozenset({"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                       "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
                       "unsignedShort", "unsignedByte"})


@dataclass
class Result:
    """Rows of plain values: IRIs as strings, literals as their lexical value, None if unbound;
    `datatypes` the XSD datatype IRI of each literal value (None for others; [] when not known),
    so JSON can write numbers as numbers."""

    columns: list[str]
    rows: list[list[str | None]]
    datatypes: list[list[str | None]] = field(default_factory=list)

    def typed(self) -> list[list]:
        """The rows with numeric literals as int or float and booleans as bool (for JSON)."""
        out = []
        for n, row in enumerate(self.rows):
            types = self.datatypes[n] if n < len(self.datatypes) else [None] * len(row)
            out.append([_typed(value, kind) for value, kind in zip(row, types)])
        return out

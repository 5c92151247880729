"""Validation: a graph kg wrote, checked against the SHACL shapes of its output schema.

`ontologies/kg-shapes.ttl` says what a build writes: an event has one PLOVER category, one actor,
at most one recipient, negation, one of the six modalities, a cue and one evidence sentence with
text and offsets; articles have their doc id and language; every direct stance triple is backed
by an event that is not negated, and the other way round. pySHACL checks the union of the
graph's triples, with `ontologies/kg.ttl` and `plover.ttl` mixed in (so "a category of the PLOVER
scheme" is read from the scheme, not repeated in the shapes).

    >>> report = validate(["output/graph.trig"])       # doctest: +SKIP
    >>> report.conforms, len(report.violations)         # doctest: +SKIP
    (True, 0)

pySHACL is an optional dependency (`pip install 'kgnews[validate]'`); without it `validate` raises a
KgError saying so.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Namespace

from kg.base.errors import KgError
from kg.base.vocab import shorten
from kg.rdf import formats

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = "kg-shapes.ttl"
ONTOLOGIES = ("kg.ttl", "plover.ttl", "contexts.ttl")


@dataclass(frozen=True)
class Violation:
    """One way the graph breaks a shape: the node, the property, the value, and why."""

    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int                        # triples checked (the union of the graph's graphs)
    source: str                         # what was checked, for messages


def _ontology_file(name: str) -> bytes:
    try:
        return resources.files("kg.ontologies").joinpath(name).read_bytes()
    except ModuleNotFoundError:         # a source checkout that is not installed
        return (Path(__file__).resolve().parents[2] / "ontologies" / name).read_bytes()


def shapes() -> Graph:
    """The shapes of kg's output (ontologies/kg-shapes.ttl)."""
    return Graph().parse(data=_ontology_file(SHAPES), format="turtle")


def ontology() -> Graph:
    """kg.ttl and plover.ttl: what the shapes read about categories and stance properties."""
    g = Graph()
    for name in ONTOLOGIES:
        g.parse(data=_ontology_file(name), format="turtle")
    return g


def load(paths: Sequence[str | Path]) -> Graph:
    """The union of the triples of RDF files (formats by extension); KgError naming a bad file."""
    union = Graph()
    for path in map(Path, paths):
        fmt = formats.by_suffix(path).rdflib
        if not path.is_file():
            raise KgError(f"{path}: no such graph file", "Run `kg build ARTICLE` first or name a graph file")
        ds = Dataset()
        try:
            ds.parse(path, format=fmt)
        except Exception as error:      # noqa: BLE001 - rdflib raises many kinds on bad syntax
            raise KgError(f"{path}: not valid {fmt}: {str(error).strip()[:300]}",
                          "Fix the file or rebuild it") from None
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
    return union


def validate(data: Sequence[str | Path] | Graph, *, source: str | None = None) -> Report:
    """Check graph files (or an rdflib Graph/Dataset) against kg's shapes.

    pySHACL checks the core constraints; the SPARQL-based ones (sh:sparql) kg runs itself, each
    once over the whole graph on pyoxigraph, joined with its shape's targets: pySHACL parses such
    a query again for every focus node (0.1 s each with rdflib's parser: 24 s on the 7 test
    articles). Each sh:select binds $this in its own patterns, so the two ways give the same
    results (tests/test_validate.py compares them)."""
    try:
        import pyshacl
    except ImportError:
        raise KgError("kg validate needs pySHACL, which is not installed",
                      "Install it: pip install 'kgnews[validate]' (or pip install pyshacl)") from None
    if isinstance(data, Graph):
        graph = Graph()
        for triple in (data.quads((None, None, None, None)) if isinstance(data, Dataset) else data):
            graph.add(triple[:3])
        source = source or "the graph"
    else:
        graph = load(data)
        source = source or ", ".join(map(str, data))
    checked = len(graph)
    graph += ontology()         # mixed in here: pySHACL's ont_graph is not used without inference
    rules = shapes()
    core, sparql = split(rules)
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=core, inference="none",
        abort_on_first=False, allow_warnings=False, advanced=True, do_owl_imports=False)
    found = {_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)}
    found |= set(run_sparql(graph, rules, sparql))
    violations = sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return Report(not violations, tuple(violations), checked, source)


def validate_with_pyshacl(graph: Graph) -> tuple[Violation, ...]:
    """The same check done by pySHACL alone, SPARQL constraints included (slow; for tests)."""
    import pyshacl
    data = Graph()
    for triple in graph:
        data.add(triple)
    data += ontology()
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", advanced=True,
                                     do_owl_imports=False)
    return tuple(sorted({_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)},
                        key=lambda v: (v.focus, v.path or "", v.message, v.value or "")))


def split(rules: Graph) -> tuple[Graph, list[tuple]]:
    """The shapes without their sh:sparql constraints, and those constraints as (shape, node)."""
    core = Graph()
    sparql = []
    for triple in rules:
        if triple[1] == SH.sparql:
            sparql.append((triple[0], triple[2]))
        else:
            core.add(triple)
    return core, sorted(sparql)


def run_sparql(graph: Graph, rules: Graph, constraints: list[tuple]) -> list[Violation]:
    """Run each SPARQL-based constraint once over `graph`, restricted to its shape's targets."""
    import pyoxigraph as ox
    if not constraints:
        return []
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    prefixes = {str(rules.value(d, SH.prefix)): str(rules.value(d, SH.namespace))
                for d in rules.objects(None, SH.declare)}
    out = []
    for shape, node in constraints:
        targets = _targets(rules, shape)
        if not targets:
            continue
        text = (f"SELECT DISTINCT $this ?path ?value WHERE {{ {{ {rules.value(node, SH.select)} }}\n"
                f"{{ {' UNION '.join(targets)} }} }}")
        message = str(rules.value(node, SH.message) or "breaks a SPARQL constraint")
        for row in store.query(text, prefixes=prefixes):
            out.append(Violation(focus=row["this"].value,
                                 path=row["path"].value if row["path"] is not None else None,
                                 value=row["value"].value if row["value"] is not None else None,
                                 message=message, shape=str(shape)))
    return out


def _targets(rules: Graph, shape) -> list[str]:
    """SPARQL patterns binding $this to the focus nodes of `shape` (SHACL's target kinds)."""
    found = [f"{{ $this a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{c}> }}"
             for c in rules.objects(shape, SH.targetClass)]
    found += [f"{{ $this <{p}> [] }}" for p in rules.objects(shape, SH.targetSubjectsOf)]
    found += [f"{{ [] <{p}> $this }}" for p in rules.objects(shape, SH.targetObjectsOf)]
    found += [f"{{ VALUES $this {{ <{n}> }} }}" for n in rules.objects(shape, SH.targetNode)]
    return sorted(found)


def _violation(results: Graph, node) -> Violation:
    def one(prop):
        value = results.value(node, prop)
        return None if value is None else str(value)
    return Violation(focus=one(SH.focusNode), path=one(SH.resultPath), value=one(SH.value),
                     message=one(SH.resultMessage) or "breaks a shape", shape=one(SH.sourceShape))


def format_report(report: Report, fmt: str = "table") -> str:
    """The report as lines for people (`table`) or as JSON."""
    if fmt == "json":
        return json.dumps({"conforms": report.conforms, "triples": report.triples,
                           "violations": [asdict(v) for v in report.violations]},
                          indent=2, ensure_ascii=False) + "\n"
    if report.conforms:
        return f"{report.source}: {report.triples} triples conform to the shapes\n"
    lines = [f"{report.source}: {len(report.violations)} violation(s) in {report.triples} triples"]
    for v in report.violations:
        where = shorten(v.focus) + (f" {shorten(v.path)}" if v.path else "")
        value = f" (value {shorten(v.value)!r})" if v.value is not None else ""
        lines.append(f"  {where}: {v.message}{value}")
    return "\n".join(lines) + "\n"

"""Golden folders: tests/cases/<name>/article.txt must give exactly expected.trig (graph isomorphism).

To accept a deliberate change, rebuild with `kg build tests/cases/<name>/article.txt -o /tmp/x`
and copy /tmp/x/graph.trig over expected.trig after reading the diff.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

import kg
from kg.rdf import graph as rdf

CASES = sorted(p for p in (Path(__file__).resolve().parents[1] / "cases").iterdir() if p.is_dir())


def _union(ds: Dataset) -> Graph:
    return rdf.union(ds)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case, tmp_path):
    # the doc id comes from the file name, so keep the original name the expected graph uses
    expected = Dataset()
    expected.parse(case / "expected.trig", format="trig")
    docs = {str(o) for o in _union(expected).objects(None, rdf.DCTERMS.identifier)}
    [doc] = docs
    article = tmp_path / f"{doc}.txt"
    article.write_bytes((case / "article.txt").read_bytes())
    result = kg.build([article])
    got, want = to_isomorphic(_union(result.dataset)), to_isomorphic(_union(expected))
    if got != want:
        _, missing, unexpected = graph_diff(want, got)
        pytest.fail("graph differs\nmissing:\n" + missing.serialize(format="nt")
                    + "\nunexpected:\n" + unexpected.serialize(format="nt"))
    # the named graphs are kept too: one per article plus the actors graph
    assert {str(c.identifier) for c in result.dataset.graphs() if len(c)} == \
        {str(c.identifier) for c in expected.graphs() if len(c)}

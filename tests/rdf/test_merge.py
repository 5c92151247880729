"""The same event told by several articles becomes one occurrence; each report keeps its evidence."""
from __future__ import annotations

import pytest

from kg.rdf.merge import occurrences


def rec(doc, n, actor, event, recipient, date, place=None, negated=False):
    return {"id": f"e/{doc}/{n}", "doc": doc, "actor": {"id": actor}, "event": event,
            "recipient": {"id": recipient}, "date": date, "negated": negated,
            "place": {"id": place} if place else None}


@pytest.mark.parametrize("records,expected", [
    # two articles, same dyad, two days apart: one occurrence with two reports
    ([rec("a", 0, "TUR", "ASSAULT", "YPG", "2016-08-28"), rec("b", 3, "TUR", "ASSAULT", "YPG", "2016-08-29")],
     [("TUR", "ASSAULT", "YPG", ("a", "b"), ("e/a/0", "e/b/3"))]),
    # too far apart in time: two separate events, no occurrence
    ([rec("a", 0, "TUR", "ASSAULT", "YPG", "2016-08-28"), rec("b", 0, "TUR", "ASSAULT", "YPG", "2016-09-15")], []),
    # one article only: not an occurrence
    ([rec("a", 0, "TUR", "ASSAULT", "YPG", "2016-08-28"), rec("a", 1, "TUR", "ASSAULT", "YPG", "2016-08-28")], []),
    # other place, other recipient, other negation: different events
    ([rec("a", 0, "TUR", "ASSAULT", "YPG", "2016-08-28", "Jarablus"),
      rec("b", 0, "TUR", "ASSAULT", "YPG", "2016-08-28", "Afrin")], []),
    ([rec("a", 0, "USA", "AGREE", "RUS", "2016-09-05", negated=True),
      rec("b", 0, "USA", "AGREE", "RUS", "2016-09-05")], []),
])
def test_occurrences(records, expected):
    found = [(o.actor, o.event, o.recipient, o.docs, o.reports) for o in occurrences(records)]
    assert found == expected


def test_occurrence_ids_are_stable_and_in_the_graph(tmp_path):
    from kg.cli.app import main
    a = tmp_path / "in"
    a.mkdir()
    for name, day in (("one", "5"), ("two", "6")):
        (a / f"{name}.txt").write_text(f"lang: en\ndate: 2016-09-0{day}\n\nTurkish jets bombed the YPG near Jarablus.\n")
    assert main(["build", str(a), "-o", str(tmp_path / "out"), "-q", "--no-html"]) == 0
    ttl = (tmp_path / "out" / "graph.ttl").read_text()
    assert "kg:Occurrence" in ttl and ttl.count("kg:report") >= 1
    first = ttl
    assert main(["build", str(a), "-o", str(tmp_path / "out2"), "-q", "--no-html", "--no-store"]) == 0
    assert "kg:Occurrence" in (tmp_path / "out2" / "graph.ttl").read_text()
    assert first == (tmp_path / "out" / "graph.ttl").read_text()

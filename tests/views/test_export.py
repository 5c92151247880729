"""kg export: RDF re-parsed isomorphic, GraphML/GEXF re-read by networkx with the same nodes and
edges, CSV one row per event with formulas defused, the same bytes for the same graph."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import kg
from kg.views import export
from kg.cli.app import main
from kg.base.errors import KgError
from kg.views.network import Filters, build, events_from_store
from kg.sparql.query import open_store

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"
RDFLIB = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    kg.write_outputs(kg.build([DATA / "articles"]), out, html=False)
    return out


@pytest.fixture(scope="module")
def source(built) -> Dataset:
    ds = Dataset()
    ds.parse(built / "graph.trig", format="trig")
    return ds


def named(ds: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g) and str(g.identifier).startswith("http")}


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_triple_formats_hold_the_union(built, source, fmt):
    data = export.export(open_store([built / "graph.trig"]), fmt)
    back = Graph().parse(data=data, format=RDFLIB[fmt])
    union = Graph()
    for g in named(source).values():
        union += g
    assert len(back) == len(union) > 500
    assert isomorphic(back, union)


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_quad_formats_keep_each_article_graph(built, source, fmt):
    data = export.export(open_store([built / "graph.trig"]), fmt)
    back = Dataset()
    back.parse(data=data, format=RDFLIB[fmt])
    got, want = named(back), named(source)
    assert set(got) == set(want) and len(want) >= 8       # 7 articles, the actors (and merged, if any)
    for name, g in want.items():
        assert isomorphic(got[name], g), name


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_same_graph_same_bytes(built, fmt):
    first = export.export(open_store([built / "graph.trig"]), fmt)
    assert export.export(open_store([built / "graph.trig"]), fmt) == first


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_formats_reread_by_networkx(built, tmp_path, fmt, read):
    target = tmp_path / f"net.{fmt}"
    assert main(["export", str(built / "graph.trig"), "-o", str(target)]) == 0
    g = build(events_from_store(open_store([built / "graph.trig"])))
    back = read(target)
    assert sorted(back.nodes) == sorted(g.nodes) and back.number_of_nodes() > 10
    assert sorted(back.edges) == sorted(g.edges) and back.is_directed()
    for u, v, d in g.edges(data=True):
        assert (back.edges[u, v]["count"], back.edges[u, v]["score"]) == (d["count"], d["score"])
        assert back.edges[u, v]["weight"] == d["count"]
    for node, d in g.nodes(data=True):
        assert back.nodes[node]["label"] == d["label"]
        assert back.nodes[node]["type"] == d["type"]
        assert back.nodes[node]["country"] == (d["country"] or "")


def test_flat_graph_has_only_scalar_attributes(built):
    g = export.flat(build(events_from_store(open_store([built / "graph.trig"]))))
    values = [v for _, d in g.nodes(data=True) for v in d.values()]
    values += [v for *_, d in g.edges(data=True) for v in d.values()]
    assert values and all(isinstance(v, (str, int, float)) for v in values)


def test_filters_apply_to_the_network_formats(built, tmp_path):
    target = tmp_path / "assault.graphml"
    assert main(["export", str(built / "graph.trig"), "-o", str(target), "--category", "ASSAULT",
                 "--min-count", "2"]) == 0
    back = nx.read_graphml(target)
    assert back.number_of_edges() >= 1
    assert all(d["categories"].startswith("ASSAULT") and d["count"] >= 2 for *_, d in back.edges(data=True))


def test_csv_one_row_per_event(built, capsys):
    assert main(["export", "-f", "csv", str(built / "graph.trig")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    events = events_from_store(open_store([built / "graph.trig"]))
    assert len(rows) == len(events) > 50
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    assert sorted(r["id"] for r in rows) == sorted(e["id"] for e in events)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


#: (text in the event, cell in the CSV): what a spreadsheet would run gets a quote in front.
FORMULAS = [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tTab", "'\tTab"),
    ("\r=CR", "'\r=CR"), ("Plain = text", "Plain = text"), ("", ""),
]


@pytest.mark.parametrize("text, cell", FORMULAS)
def test_csv_defuses_formulas(text, cell):
    from test_network import ev
    event = ev(1, "USA", "REB", "ASSAULT")
    event = dict(event, text=text, cue=text, actor=dict(event["actor"], label=text, mention=text))
    row = next(csv.DictReader(io.StringIO(export.events_csv([event]))))
    assert (row["text"], row["cue"], row["actor_label"], row["actor_mention"]) == (cell,) * 4
    assert (row["weight"], row["sentence"], row["negated"]) == ("-10.0", "1", "false")  # ours: as is


def test_html_export_is_the_filtered_page(built, tmp_path):
    target = tmp_path / "page.html"
    assert main(["export", str(built / "graph.trig"), "-o", str(target), "--actor", "TUR",
                 "--title", "Turkey <b>"]) == 0
    page = target.read_text(encoding="utf-8")
    assert "<title>Turkey &lt;b&gt;</title>" in page
    g = build(events_from_store(open_store([built / "graph.trig"])), actors=["TUR"])
    assert page == kg.views.page.render(g, title="Turkey <b>")


def test_store_and_graph_files_give_the_same_export(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q"]) == 0
    assert main(["export", "-f", "graphml", "--store", str(out / "store"), "-o", str(tmp_path / "a.graphml")]) == 0
    assert main(["export", "-f", "graphml", str(out / "graph.trig"), "-o", str(tmp_path / "b.graphml")]) == 0
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()


@pytest.mark.parametrize("args, message", [
    (["-f", "ttl", "{trig}", "--actor", "USA"], "do not apply to RDF exports"),
    (["{trig}", "-o", "{tmp}/x.xlsx"], "unknown export file extension"),
    (["-f", "nt", "{ttl}"], "triples outside named graphs"),
    (["-f", "csv", "{trig}", "-o", "{tmp}/no/such/x.csv"], "does not exist"),
    (["-f", "gexf", "{trig}", "--from", "2016-09-05", "--category", "FIGTH"],
     "Unknown category 'FIGTH'"),
])
def test_export_errors(built, tmp_path, capsys, args, message):
    args = [a.format(trig=built / "graph.trig", ttl=built / "graph.ttl", tmp=tmp_path) for a in args]
    assert main(["export", *args]) == 1
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []                        # nothing half written


def test_export_function_errors():
    with pytest.raises(KgError, match="Unknown export format 'grapml'. Did you mean graphml?"):
        export.export(open_store([]), "grapml")
    with pytest.raises(KgError, match="Filters"):
        export.export(open_store([]), "trig", filters=Filters(min_count=2))



def test_build_draws_graph_html_with_the_filters(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--category", "assault",
                 "--actor", "TUR"]) == 0
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert len(events) == len(kg.extract(kg.read(SEED)))            # the data is not filtered
    g = build(events, categories=["ASSAULT"], actors=["TUR"])
    assert sorted(g.edges) == [("TUR", "ISIL"), ("TUR", "YPG")]
    title = "kg: hln-2016-09-05-obama-poetin-g20 (categories ASSAULT; actors TUR)"
    assert (out / "graph.html").read_text(encoding="utf-8") == kg.views.page.render(g, title=title)

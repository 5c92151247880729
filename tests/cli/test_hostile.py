"""Hostile text end to end: an article and a user gazetteer full of markup, quotes, backslashes,
newlines, SPARQL and non-Latin names go through `kg build`; every output keeps them as data.

- events.jsonl, graph.ttl, graph.trig and query CSV/JSON parse back to exactly the text that went in;
- actor ids with slashes, spaces, markup or non-Latin letters get valid, stable IRIs;
- query parameters are bound by the engine: no value changes a query or the store;
- the HTML page, opened in headless Chromium, runs no script from the article or the gazetteer.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import browser
import kg
from kg.rdf import graph
from kg.sparql import query
from kg.cli.app import main
from kg.base.errors import KgError
from kg.base.vocab import ACTOR, KG

SCRIPT = "<script>document.body.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
EVIL = "<img src=x onerror=alert(3)>"             # an actor id: the IRI's last segment, decoded
EVIL_LABEL = "<img src=x onerror=\"document.title='pwned'\"> \"Evil\" \\ Corp\nLtd"

GAZETTEER = r'''@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/kgnews/actor/%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E> a kg:ArmedGroup ;
    skos:prefLabel """<img src=x onerror="document.title='pwned'"> "Evil" \\ Corp
Ltd"""@en ;
    skos:altLabel "Evilcorp"@en ; skos:notation "EVIL\"<b>" .
<https://w3id.org/kgnews/actor/A%2FB%20C> a kg:Organisation ;
    skos:prefLabel "Slash/Space Org"@en ; skos:altLabel "Slashorg"@en ; skos:notation "A/B C" .
<https://w3id.org/kgnews/actor/Ρωσία> a kg:State ;
    skos:prefLabel "Ρωσία"@en ; skos:altLabel "Ρωσία"@en ; skos:notation "ΡΩΣ" .
<https://w3id.org/kgnews/actor/%D0%A1%D0%B8%D1%80%D0%B8%D1%8F> a kg:State ;
    skos:prefLabel "Сирия"@en ; skos:altLabel "Сирия"@en ; skos:notation "СИР" .
<https://w3id.org/kgnews/actor/%3DSUM(A1)> a kg:ArmedGroup ;
    skos:prefLabel "=HYPERLINK(\"http://evil.example\",\"x\")"@en ; skos:altLabel "Formulacorp"@en ;
    skos:notation "+FORMULA" .
'''

ARTICLE = f"""lang: en
date: 2016-09-05
title: <script>document.title='pwned'</script> "quoted" \\ title

The United States supported the Syrian rebels {SCRIPT} in Aleppo.

Evilcorp attacked the Syrian rebels near "Idlib" with \\"quotes\\" and back\\slashes \\n and {IMG}.

Slashorg has supported Evilcorp since Monday, officials said ' OR 1=1 -- }} ; DROP ALL ; #.

Ρωσία attacked Сирия in the north, 'سوريا' and 中国 said.

Formulacorp attacked Turkey.
"""

#: (actor, event, recipient) of each event, in order
EXPECTED = [
    ("USA", "SUPPORT", "SYRREB"),
    (EVIL, "ASSAULT", "SYRREB"),
    ("A/B C", "SUPPORT", EVIL),
    ("Ρωσία", "ASSAULT", "Сирия"),
    ("=SUM(A1)", "ASSAULT", "TUR"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "gaz.ttl").write_text(GAZETTEER, encoding="utf-8")
    (root / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    out = root / "out"
    assert main(["build", str(root / "hostile.txt"), "--gazetteer", str(root / "gaz.ttl"),
                 "-o", str(out), "-q"]) == 0
    return root


@pytest.fixture(scope="module")
def events(built) -> list[dict]:
    return [json.loads(line) for line in (built / "out" / "events.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def library(built):
    return kg.build([built / "hostile.txt"], gazetteer=[built / "gaz.ttl"])


# --- JSON lines, Turtle, TriG -----------------------------------------------------------------

def test_events_keep_the_hostile_text_exactly(built, events):
    body = kg.read(built / "hostile.txt").text
    assert [(e["actor"]["id"], e["event"], e["recipient"]["id"]) for e in events] == EXPECTED
    for e in events:
        assert e["text"] == body[e["start"]:e["end"]]
    assert SCRIPT in events[0]["text"] and IMG in events[1]["text"]
    assert events[1]["actor"]["label"] == EVIL_LABEL and events[1]["actor"]["code"] == 'EVIL"<b>'


@pytest.mark.parametrize("name, fmt", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
@pytest.mark.parametrize("parser", ["rdflib", "pyoxigraph"])
def test_rdf_files_parse_back_to_the_built_graph(built, library, name, fmt, parser):
    """Each article's named graph in the file is the graph the library builds, triple for triple."""
    path = built / "out" / name
    if parser == "rdflib":
        parsed = Dataset().parse(path, format=fmt)
        union = Graph()
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union = Graph()
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG):
            union.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    doc = library.dataset.graph(graph.doc_iri("hostile"))
    missing = set(doc) - set(union)
    assert not missing, sorted(missing)[:3]
    texts = {str(o) for o in union.objects(None, KG.text)}
    assert {e for e in texts if SCRIPT in e or IMG in e} and all("\\n" in t or "\n" not in t or t in texts
                                                                 for t in texts)
    labels = {str(o) for o in union.objects(ACTOR[graph.iri_part(EVIL)], URIRef(
        "http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert labels == {EVIL_LABEL}


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    lang = term.language or None
    dtype = None if lang or term.datatype.value.endswith("#string") else URIRef(term.datatype.value)
    return Literal(term.value, lang=lang, datatype=dtype)


def test_same_hostile_input_same_bytes(built, tmp_path):
    out = tmp_path / "again"
    assert main(["build", str(built / "hostile.txt"), "--gazetteer", str(built / "gaz.ttl"),
                 "-o", str(out), "-q"]) == 0
    for name in ("events.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).read_bytes() == (built / "out" / name).read_bytes(), name


# --- IRIs ------------------------------------------------------------------------------------

IRI_PARTS = [
    ("USA", "USA"),
    ("A/B C", "A%2FB%20C"),
    ("Ρωσία", "Ρωσία"),
    ("Сирия", "Сирия"),
    ("سوريا", "سوريا"),
    ("中国", "中国"),
    ("Côte d'Ivoire", "Côte%20d%27Ivoire"),
    (EVIL, "%3Cimg%20src%3Dx%20onerror%3Dalert%283%29%3E"),
    ("50% \"quoted\" \\ back", "50%25%20%22quoted%22%20%5C%20back"),
    ("line\nbreak\ttab", "line%0Abreak%09tab"),
    ("?#[]@!$&'()*+,;=:", "%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A"),
    ("x²", "x%C2%B2"),                              # not a letter: encoded
    ("\u200eRTL\u202e", "%E2%80%8ERTL%E2%80%AE"),   # bidi controls: encoded
    ("e\u0301", "e\u0301"),                         # a combining mark stays with its letter
]


@pytest.mark.parametrize("name, part", IRI_PARTS, ids=[repr(n) for n, _ in IRI_PARTS])
def test_names_make_valid_stable_iris(name, part):
    assert graph.iri_part(name) == part
    assert graph.iri_part(name) == graph.iri_part(name)
    assert unquote(part) == name
    iri = graph.actor_iri(name)
    ox.NamedNode(str(iri))                          # a valid IRI, or ValueError
    g = Graph()
    g.bind("actor", str(ACTOR))
    g.add((iri, KG.code, Literal(name)))
    for fmt in ("turtle", "longturtle", "nt", "xml", "json-ld"):
        back = Graph().parse(data=g.serialize(format=fmt), format="turtle" if fmt == "longturtle" else fmt)
        assert set(back) == set(g), fmt
    assert [q.subject.value for q in ox.parse(g.serialize(format="longturtle"), format=ox.RdfFormat.TURTLE)] \
        == [str(iri)]


def test_gazetteer_iris_come_out_as_they_went_in(built):
    quads = ox.parse(path=built / "out" / "graph.trig", format=ox.RdfFormat.TRIG)
    subjects = {q.subject.value for q in quads}
    for name in ("A%2FB%20C", "Ρωσία", "Сирия"):               # not encoded twice, not decoded
        assert f"https://w3id.org/kgnews/actor/{name}" in subjects


# --- queries: values are bound, never pasted ---------------------------------------------------

NEEDLE_QUERY = """# title: Sentences with a string
# param: needle (required) the string
PREFIX kg: <https://w3id.org/kgnews/ontology#>
SELECT ?needle ?text WHERE { ?s kg:text ?text . FILTER(CONTAINS(?text, ?needle)) } ORDER BY ?text
"""

#: (parameter value, rows it must find)
NEEDLES = [
    ("<script>", 1),
    ("onerror=", 1),
    ("\\\"quotes\\\"", 1),
    ("' OR 1=1 -- } ; DROP ALL ; #", 1),
    ('") } ; DROP ALL ; #', 0),
    ("\") } INSERT DATA { <http://x> <http://y> <http://z> } #", 0),
    ("'''", 0),
    ("Ρωσία", 1),
    ("\n", 0),                                      # a line break ends a sentence
    ("\\n", 1),
]


@pytest.mark.parametrize("needle, rows", NEEDLES, ids=[repr(n) for n, _ in NEEDLES])
def test_string_parameters_cannot_change_the_query(built, tmp_path, capsys, needle, rows):
    rq = tmp_path / "needle.rq"
    rq.write_text(NEEDLE_QUERY, encoding="utf-8")
    store = built / "out" / "store"
    before = _count(store, capsys)
    assert main(["query", str(rq), "--store", str(store), "-p", f"needle={needle}", "-f", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert len(found) == rows and all(needle in r["text"] for r in found)
    assert _count(store, capsys) == before


def _count(store: Path, capsys) -> int:
    assert main(["query", "actors", "--store", str(store), "-f", "csv"]) == 0
    rows = capsys.readouterr().out
    return len(rows.splitlines())


#: (actor parameter, exit code, what the output holds)
ACTOR_PARAMS = [
    ("USA", 0, "SYRREB"),
    (str(graph.actor_iri(EVIL)), 0, "Evilcorp"),
    (str(graph.actor_iri("A/B C")), 0, "Slashorg"),
    ("actor:Ρωσία", 0, "Сирия"),
    ("USA> } ; DROP ALL ; #", 0, ""),                 # a string: matches no actor
    ("https://w3id.org/kgnews/actor/USA> } ; DROP ALL ; <x", 1, "Not a valid IRI"),
    ('USA" } #', 0, ""),                              # a string: matches no actor
]


@pytest.mark.parametrize("value, code, shown", ACTOR_PARAMS, ids=[repr(v) for v, _, _ in ACTOR_PARAMS])
def test_actor_parameters_are_bound_not_pasted(built, capsys, value, code, shown):
    trig = str(built / "out" / "graph.trig")
    assert main(["query", "events-of-actor", trig, "-p", f"actor={value}", "-f", "csv"]) == code
    captured = capsys.readouterr()
    assert shown in (captured.out if code == 0 else captured.err)
    if code == 0 and not shown:
        assert captured.out.splitlines()[1:] == []


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_query_output_round_trips_the_hostile_text(built, events, capsys, fmt):
    trig = str(built / "out" / "graph.trig")
    assert main(["query", "events-of-actor", trig, "-p", f"actor={graph.actor_iri(EVIL)}", "-f", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        texts = {row["text"] for row in csv.DictReader(io.StringIO(out))}
    elif fmt == "json":
        texts = {row["text"] for row in json.loads(out)}
    else:                                           # a table is for eyes: one line per row
        assert len(out.splitlines()) == 2 + 2 and IMG in out
        return
    assert texts == {events[1]["text"], events[2]["text"]}


def test_csv_export_round_trips_and_defuses_formulas(built, events, capsys):
    """kg export -f csv: every cell parses back as written, except that a cell starting with
    = + - @ gets a leading quote, so a spreadsheet shows it as text instead of running it."""
    assert main(["export", "-f", "csv", "--store", str(built / "out" / "store")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["text"] for r in rows] == [e["text"] for e in events]
    evil = next(r for r in rows if r["actor_mention"] == "Evilcorp")
    assert evil["actor_label"] == EVIL_LABEL and evil["actor"] == EVIL
    formula = next(r for r in rows if r["actor_mention"] == "Formulacorp")
    assert formula["actor"] == "'=SUM(A1)"
    assert formula["actor_label"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"


# --- the HTML page in headless Chromium --------------------------------------------------------

class Elements(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tags, self.attrs = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]


def test_page_runs_no_script_from_the_article_or_the_gazetteer(built):
    dom = browser.dump_dom(built / "out" / "graph.html")
    assert "<canvas" in dom                                 # the page did draw
    found = Elements(dom)
    assert "img" not in found.tags
    assert [a for a in found.attrs if a[1].startswith("on") or a[1] == "data-pwned"] == []
    assert [a for a in found.attrs if a[1] in ("src", "href") and a[2]] == []
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "pwned" not in title


HOVER = browser.hover_script('e.to === "SYRREB" && e.from !== "USA"')


def test_tooltip_shows_the_hostile_sentence_as_text(built, tmp_path):
    probe = tmp_path / "probe.html"
    page = (built / "out" / "graph.html").read_text("utf-8")
    probe.write_text(page.replace("</body>", HOVER, 1), encoding="utf-8")
    dom = browser.dump_dom(probe)
    tooltip = re.search(r'<div class="vis-tooltip"[^>]*visibility: visible[^>]*>(.*?)</div>', dom, re.S)
    assert tooltip, "no tooltip shown"
    shown = tooltip.group(1)
    assert "&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"&gt;" in shown
    assert set(re.findall(r"<(\w+)", shown)) <= {"br"}
    assert "data-pwned" not in re.search(r"<body[^>]*>", dom).group()

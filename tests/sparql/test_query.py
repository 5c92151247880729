"""Named queries on a hand-made graph: every shipped query runs; exact rows; bound parameters."""
from __future__ import annotations

import csv
import json
import random
import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.sparql.query
from kg.base.errors import KgError
from kg.sparql.query import Result, format_result, list_queries, load_query, open_store, run, term
from kg.base.vocab import shorten

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "small-graph.ttl"
REQUIRED = {"actors", "events-of-actor", "supports", "fights", "evidence", "timeline",
            "contradictions", "stances", "stances-on"}
SAMPLE = {"actor": "USA", "a": "USA", "b": "TUR", "context": "ceasefire"}   # a value for every parameter name in use
INJECTION = 'x" } DROP ALL #'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return open_store([FIXTURE])


def rows(result: Result) -> list[tuple]:
    return [tuple(shorten(v) if v is not None else None for v in row) for row in result.rows]


# ------------------------------------------------------------------------ shipped queries

def test_the_required_queries_ship():
    assert REQUIRED <= {query.name for query in list_queries()}


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_parses_and_runs(query, store):
    assert query.title and query.title != query.name
    assert query.description
    assert query.text.startswith("# title:")
    params = {p.name: SAMPLE[p.name] for p in query.params}
    result = run(query, store, params)
    assert result.columns and not set(result.columns) & set(params)   # parameters are dropped
    assert all(len(row) == len(result.columns) for row in result.rows)
    if not any(p.required for p in query.params):
        assert run(query, store).rows                     # the fixture has an answer for each
    assert run(query, store, params) == result            # deterministic


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_declares_its_prefixes(query):
    """Shipped queries run on any SPARQL endpoint, not only with kg's default prefixes."""
    store = ox.Store()
    params = {p.name: SAMPLE[p.name] for p in query.params}
    store.query(query.text, substitutions={ox.Variable(k): term(v) for k, v in params.items()})


# -------------------------------------------------------------------------- exact answers

@pytest.mark.parametrize("params, expected", [
    ({}, [("actor:RUS", "SUPPORT", "actor:SYR", "1", "1"),
          ("actor:USA", "AID", "actor:YPG", "1", "1"),
          ("actor:USA", "SUPPORT", "actor:YPG", "1", "1")]),
    ({"actor": "RUS"}, [("actor:RUS", "SUPPORT", "actor:SYR", "1", "1")]),   # negated RUS->TUR left out
    ({"actor": "actor:YPG"}, [("actor:USA", "AID", "actor:YPG", "1", "1"),
                              ("actor:USA", "SUPPORT", "actor:YPG", "1", "1")]),
    ({"actor": "https://w3id.org/kgnews/actor/UN"}, []),
])
def test_supports(store, params, expected):
    result = run("supports", store, params)
    assert result.columns == ["source", "category", "target", "events", "articles"]
    assert rows(result) == expected


@pytest.mark.parametrize("params, expected", [
    ({}, [("actor:SYR", "ASSAULT", "actor:ISIL", "1", "1"),
          ("actor:TUR", "ASSAULT", "actor:YPG", "1", "1"),
          ("actor:TUR", "COERCE", "actor:YPG", "1", "1"),
          ("actor:TUR", "THREATEN", "actor:YPG", "1", "1")]),
    ({"actor": "ISIL"}, [("actor:SYR", "ASSAULT", "actor:ISIL", "1", "1")]),
    ({"actor": "USA"}, []),
])
def test_fights(store, params, expected):
    assert rows(run("fights", store, params)) == expected


@pytest.mark.parametrize("a, b, expected", [
    ("USA", "TUR", [("2016-08-24", "actor:USA", "COOPERATE", "actor:TUR", "false", "asserted",
                     "test-en-2016-08-24-jarablus", "1",
                     "Washington and Ankara are cooperating closely against the Islamic State.")]),
    ("RUS", "USA", [("2016-09-05", "actor:USA", "CONSULT", "actor:RUS", "false", "asserted",
                     "test-nl-2016-09-05-g20", "0",
                     "Obama en Poetin hebben in Hangzhou anderhalf uur met elkaar gesproken."),
                    ("2016-09-05", "actor:USA", "AGREE", "actor:RUS", "true", "asserted",
                     "test-nl-2016-09-05-g20", "1",
                     "Ze zijn er niet in geslaagd een akkoord te bereiken over een staakt-het-vuren.")]),
    ("USA", "ISIL", []),
])
def test_evidence(store, a, b, expected):
    result = run("evidence", store, {"a": a, "b": b})
    assert result.columns == ["date", "source", "category", "target", "negated", "modality",
                              "doc", "index", "text"]
    assert rows(result) == expected
    assert run("evidence", store, {"a": b, "b": a}) == result   # either direction


def test_contradictions(store):
    result = run("contradictions", store)
    assert result.columns == ["a", "b", "c", "cooperation", "support", "hostility"]
    assert rows(result) == [(
        "actor:USA", "actor:TUR", "actor:YPG",
        "Washington and Ankara are cooperating closely against the Islamic State.",
        "De Amerikanen steunen de Koerdische YPG-militie, Moskou steunt het regime van Assad.",
        "Turkish forces captured two villages held by the Kurdish militia.",
    )]


def test_events_of_actor(store):
    result = run("events-of-actor", store, {"actor": "TUR"})
    assert result.columns == ["date", "role", "category", "other", "negated", "modality", "event", "text"]
    assert [row[:6] for row in rows(result)] == [
        ("2016-08-24", "actor", "ASSAULT", "actor:YPG", "false", "asserted"),
        ("2016-08-24", "recipient", "COOPERATE", "actor:USA", "false", "asserted"),
        ("2016-08-24", "actor", "COERCE", "actor:YPG", "false", "asserted"),
        ("2016-08-24", "recipient", "ACCUSE", "actor:RUS", "false", "asserted"),
        ("2019-10-09", "actor", "THREATEN", "actor:YPG", "false", "asserted"),
        ("2019-10-09", "recipient", "REQUEST", "actor:UN", "false", "asserted"),
        ("2019-10-09", "recipient", "SUPPORT", "actor:RUS", "true", "asserted"),
    ]


def test_events_of_actor_without_recipient(store):
    result = run("events-of-actor", store, {"actor": "UN"})
    assert [row[1:4] for row in rows(result)] == [("actor", "REQUEST", None), ("actor", "REQUEST", "actor:TUR")]


@pytest.mark.parametrize("query, params, count", [
    ("actors", {}, 7),
    ("timeline", {}, 14),
    ("timeline", {"actor": "USA"}, 5),
    ("timeline", {"actor": "UN"}, 2),          # also the event without a recipient
    ("stances", {}, 11),                       # one per stance triple; negated events have none
    ("stances", {"actor": "TUR"}, 6),
])
def test_row_counts(store, query, params, count):
    assert len(run(query, store, params).rows) == count


def test_timeline_is_ordered_by_date_doc_sentence(store):
    result = run("timeline", store)
    keys = [(row[0], row[1], int(row[2])) for row in result.rows]
    assert keys == sorted(keys)


def test_actors_row(store):
    result = run("actors", store)
    assert result.columns == ["actor", "label", "type", "code", "wikidata", "events"]
    assert rows(result)[0] == ("actor:TUR", "Turkey", "State", "TUR", "wd:Q43", "7")
    assert ("actor:YPG", "People's Protection Units (YPG)", "ArmedGroup", "YPG", None, "5") in rows(result)


# ----------------------------------------------------------------------------- parameters

@pytest.mark.parametrize("value, expected", [
    ("USA", ox.NamedNode("https://w3id.org/kgnews/actor/USA")),
    ("SYRREB", ox.NamedNode("https://w3id.org/kgnews/actor/SYRREB")),
    ("actor:USA", ox.NamedNode("https://w3id.org/kgnews/actor/USA")),
    ("person:ObamaBarack", ox.NamedNode("https://w3id.org/kgnews/person/ObamaBarack")),
    ("https://w3id.org/kgnews/actor/USA", ox.NamedNode("https://w3id.org/kgnews/actor/USA")),
    ("2016-09-05", ox.Literal("2016-09-05", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
    ("ceasefire", ox.Literal("ceasefire")),
    ("Usa", ox.Literal("Usa")),
    (INJECTION, ox.Literal(INJECTION)),
])
def test_parameter_values(value, expected):
    assert term(value) == expected


@pytest.mark.parametrize("query, params", [
    ("events-of-actor", {"actor": INJECTION}),
    ("evidence", {"a": INJECTION, "b": "USA"}),
    ("supports", {"actor": INJECTION}),
    ("timeline", {"actor": "actor:USA> } ; DROP ALL ; #"}),   # not an IRI: a literal
])
def test_parameters_are_bound_not_pasted(query, params):
    store = open_store([FIXTURE])
    before = set(store)
    assert run(query, store, params).rows == []
    assert set(store) == before


@pytest.mark.parametrize("query, params, message", [
    ("evidence", {"a": "USA"}, "Query 'evidence' needs the parameter 'b'. Its parameters: a (required), b (required)."),
    ("events-of-actor", {}, "needs the parameter 'actor'"),
    ("supports", {"who": "USA"}, "Query 'supports' has no parameter 'who'. Its parameters: actor (optional)."),
    ("contradictions", {"actor": "USA"}, "It takes no parameters."),
    ("supports", {"actor": "http://x> } DROP ALL #"}, "Not a valid IRI"),
])
def test_bad_parameters(store, query, params, message):
    with pytest.raises(KgError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(query, store, params)


# ------------------------------------------------------------------------------ scaling

def generated_store(events: int, actors: int = 40) -> ox.Store:
    """Random events in the schema's shape (a fixed seed): a store for timing the queries."""
    rng = random.Random(1)
    base, kg_ = "https://w3id.org/kgnews/", "https://w3id.org/kgnews/ontology#"
    sem, xsd = "http://semanticweb.cs.vu.nl/2009/11/sem/", "http://www.w3.org/2001/XMLSchema#"
    categories = ["SUPPORT", "AID", "COOPERATE", "AGREE", "ASSAULT", "COERCE", "THREATEN", "CONSULT"]
    names = [f"{base}actor/A{i}" for i in range(actors)]
    lines = [f"<{a}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kg_}State> ." for a in names]
    for i in range(events):
        doc, n = f"{base}doc/d{i // 10}", i % 10
        event, sentence = f"<{base}event/d{i // 10}/{n}>", f"<{doc}/s{n}>"
        source, target = rng.sample(names, 2)
        category = rng.choice(categories)
        lines += [f"{event} <{sem}eventType> <{base}plover/{category}> .",
                  f"{event} <{kg_}actor> <{source}> .", f"{event} <{kg_}recipient> <{target}> .",
                  f"{event} <{sem}hasActor> <{source}> .", f"{event} <{sem}hasActor> <{target}> .",
                  f'{event} <{kg_}negated> "false"^^<{xsd}boolean> .',
                  f"{event} <{kg_}modality> <{kg_}asserted> .",
                  f"{event} <{kg_}context> <{base}context/{rng.choice(['military', 'ceasefire'])}> .",
                  f'{event} <{sem}hasTimeStamp> "2016-01-{1 + i % 28:02d}"^^<{xsd}date> .',
                  f"{event} <{kg_}sentence> {sentence} .", f"{sentence} <{kg_}inArticle> <{doc}> .",
                  f'{sentence} <{kg_}text> "sentence {i}" .', f'{sentence} <{kg_}index> "{n}"^^<{xsd}integer> .',
                  f'<{doc}> <http://purl.org/dc/terms/identifier> "d{i // 10}" .',
                  f"<{source}> <{kg_}{STANCES[category]}> <{target}> ."]
    store = ox.Store()
    store.load(input="\n".join(lines) + "\n", format=ox.RdfFormat.N_TRIPLES)
    return store


STANCES = {"SUPPORT": "supports", "AID": "aids", "COOPERATE": "cooperatesWith", "AGREE": "agreesWith",
           "ASSAULT": "assaults", "COERCE": "coerces", "THREATEN": "threatens", "CONSULT": "consults"}


@pytest.fixture(scope="module")
def big_store() -> ox.Store:
    return generated_store(2000)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_query_scales(big_store, query):
    """About 30 ms each on 2,000 events here; a join that turns quadratic (in Oxigraph 0.5 a
    pattern after an OPTIONAL does) takes many seconds."""
    params = {p.name: {"actor": "A1", "a": "A1", "b": "A2", "context": "military"}[p.name]
              for p in query.params if p.required}
    start = time.perf_counter()
    assert run(query, big_store, params).rows
    assert time.perf_counter() - start < 2.0


# -------------------------------------------------------------------------- read-only, syntax

@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <http://127.0.0.1:9/nothing.ttl>",
    "PREFIX kg: <https://w3id.org/kgnews/ontology#>\nDELETE { ?s kg:negated ?o } WHERE { ?s kg:negated ?o }",
])
def test_updates_are_refused(text):
    store = open_store([FIXTURE])
    before = set(store)
    with pytest.raises(KgError, match="is an update .* read-only"):
        run(text, store)
    assert set(store) == before


def test_syntax_error_names_file_and_position(tmp_path, store):
    path = tmp_path / "broken.rq"
    path.write_text("# title: Broken\n# description: a bad query\nSELECT ?x WHERE {\n  ?x ?y ?z ) .\n}\n")
    with pytest.raises(KgError) as error:
        run(load_query(str(path)), store)
    position = re.search(r"line (\d+), column (\d+)", str(error.value))
    assert str(path) in str(error.value) and int(position.group(1)) >= 4   # lines of the file


# ---------------------------------------------------------------------- loading query files

@pytest.mark.parametrize("name, suggestion", [
    ("supprts", "supports"), ("evidense", "evidence"), ("timelines", "timeline"), ("actor", "actors"),
])
def test_unknown_name_suggests_the_close_match(name, suggestion):
    with pytest.raises(KgError, match=f"Unknown query '{name}'. Did you mean '{suggestion}'\\?"):
        load_query(name)


def test_query_file_with_header(tmp_path, store):
    path = tmp_path / "mine.rq"
    path.write_text(
        "# title: Mine\n# description: Events of one category,\n#   continued on a second line.\n"
        "# param: type (required) a PLOVER concept, e.g. plover:ASSAULT\n# param: who (optional) an actor\n"
        "SELECT ?type ?who ?e WHERE { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/eventType> ?type ;"
        " kg:actor ?a . FILTER(COALESCE(?a = ?who, true)) } ORDER BY ?e\n")
    query = load_query(str(path))
    assert (query.name, query.title, query.description) == ("mine", "Mine", "Events of one category, continued on a second line.")
    assert [(p.name, p.required, p.description) for p in query.params] == [
        ("type", True, "a PLOVER concept, e.g. plover:ASSAULT"), ("who", False, "an actor")]
    assert rows(run(query, store, {"type": "plover:ASSAULT"})) == [
        ("event:test-en-2016-08-24-jarablus/0",), ("event:test-en-2019-10-09-offensive/2",)]
    assert len(run(query, store, {"type": "plover:ASSAULT", "who": "SYR"}).rows) == 1


@pytest.mark.parametrize("header, message", [
    ("# titel: Typo\n", r"line 1: unknown header 'titel'. Did you mean 'title'\?"),
    ("# title: T\n# param: nobody (optional) unused\n", "parameter 'nobody' is not used"),
    ("# title: T\n# param: ???\n", "line 2: bad parameter line"),
    ("# title: T\n# param: who (optional) x\nSELECT ?who WHERE {\n#[whom] ?x ?y ?who .\n}\n",
     r"line 4: '#\[whom\]' names no parameter of the query"),
])
def test_bad_header(tmp_path, header, message):
    path = tmp_path / "bad.rq"
    path.write_text(header + "SELECT ?x WHERE { ?x ?y ?z }\n")
    with pytest.raises(KgError, match=message):
        load_query(str(path))


@pytest.mark.parametrize("params, expected", [
    ({}, ["event:test-en-2016-08-24-jarablus/0", "event:test-en-2019-10-09-offensive/2"]),
    ({"who": "SYR"}, ["event:test-en-2019-10-09-offensive/2"]),
])
def test_conditional_lines_join_only_when_their_parameter_is_given(tmp_path, store, params, expected):
    path = tmp_path / "when.rq"
    path.write_text("# title: When\n# param: who (optional) an actor\n"
                    "SELECT ?who ?e WHERE {\n  ?e sem:eventType plover:ASSAULT .\n"
                    "  #[who] ?e kg:actor ?who .\n} ORDER BY ?e\n")
    query = load_query(str(path))
    text = kg.sparql.query.prepare(query, params)
    assert ("\n  ?e kg:actor ?who ." in text) == bool(params)
    assert [row[0] for row in rows(run(query, store, params))] == expected


@pytest.mark.parametrize("query", [q for q in list_queries() if "#[" in q.text], ids=lambda q: q.name)
@pytest.mark.parametrize("actor", ["USA", "TUR", "SYR", "RUS", "A1", "A7", "NOBODY"])
def test_index_lines_do_not_change_the_answer(query, actor, store, big_store):
    """The `#[actor]` lines only make the engine start from the actor's events: the answer is
    the one the FILTER alone gives (the same query with those lines left as comments)."""
    plain = kg.sparql.query.parse_query(query.text.replace("#[", "# ["), query.name, query.path)
    for graph in (store, big_store):
        hinted = run(query, graph, {"actor": actor}).rows
        assert hinted == run(plain, graph, {"actor": actor}).rows
    if actor in ("A1", "SYR"):            # not merely two empty lists
        assert run(query, big_store if actor == "A1" else store, {"actor": actor}).rows


def test_missing_query_file():
    with pytest.raises(KgError, match="No query file nowhere/none.rq"):
        load_query("nowhere/none.rq")


# ------------------------------------------------------------------------------ the store

@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG,
                                 ox.RdfFormat.JSON_LD, ox.RdfFormat.TURTLE])
def test_store_reads_each_format(tmp_path, store, fmt):
    path = tmp_path / f"graph.{fmt.file_extension}"
    graph = ox.NamedNode("https://example.org/graph") if fmt.supports_datasets else None
    quads = [ox.Quad(q.subject, q.predicate, q.object, graph or ox.DefaultGraph()) for q in store]
    ox.serialize(quads if graph else [q.triple for q in quads], path, fmt)
    assert run("supports", open_store([path])) == run("supports", store)   # named graphs in the union


def test_store_unions_files(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix kg: <https://w3id.org/kgnews/ontology#> . @prefix actor: <https://w3id.org/kgnews/actor/> .\n"
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix plover: <https://w3id.org/kgnews/plover/> .\n"
        "<https://w3id.org/kgnews/event/x/0> sem:eventType plover:AID ; kg:actor actor:RUS ; kg:recipient actor:SYR ;\n"
        "  sem:hasActor actor:RUS, actor:SYR ;\n"
        "  kg:negated false ; kg:sentence <https://w3id.org/kgnews/doc/x/s0> .\n"
        "<https://w3id.org/kgnews/doc/x/s0> kg:inArticle <https://w3id.org/kgnews/doc/x> .\n")
    result = run("supports", open_store([FIXTURE, extra]), {"actor": "RUS"})
    assert rows(result) == [("actor:RUS", "AID", "actor:SYR", "1", "1"), ("actor:RUS", "SUPPORT", "actor:SYR", "1", "1")]


@pytest.mark.parametrize("name, content, message", [
    ("graph.txt", "", r"graph.txt: unknown RDF file extension '.txt'"),
    ("graph.ttl", "@prefix a: <http://a/> .\na:b a:c .\n", r"graph.ttl: not valid Turtle: .*line 2"),
    ("missing.ttl", None, "No such file: .*missing.ttl"),
])
def test_store_errors_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(KgError, match=message):
        open_store([path])


# -------------------------------------------------------------------------------- formats

SMALL = Result(["source", "events", "text"], [
    ["https://w3id.org/kgnews/actor/USA", "12", 'says "yes", twice'],
    ["https://w3id.org/kgnews/actor/SYRREB", "3", None],
])


def test_table_format():
    assert format_result(SMALL) == (
        "source        events  text\n"
        "------------  ------  -----------------\n"
        'actor:USA         12  says "yes", twice\n'
        "actor:SYRREB       3\n")


def test_table_keeps_control_characters_out():
    result = Result(["text"], [["a\nb\x1b[31mc"]])
    assert format_result(result, "table").splitlines()[2] == "a b [31mc"


def test_csv_format():
    assert format_result(SMALL, "csv") == (
        "source,events,text\n"
        'https://w3id.org/kgnews/actor/USA,12,"says ""yes"", twice"\n'
        "https://w3id.org/kgnews/actor/SYRREB,3,\n")


@pytest.mark.parametrize("cell, written", [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+31 20 1234", "'+31 20 1234"), ("@cmd", "'@cmd"), ("-x", "'-x"),
    ("-5", "-5"), ("+2.5e3", "+2.5e3"), ("plain", "plain"), ("a=b", "a=b"),
])
def test_csv_cells_a_spreadsheet_would_run_are_defused(cell, written):
    line = format_result(Result(["text"], [[cell]]), "csv").splitlines()[1]
    assert next(csv.reader([line])) == [written]


def test_json_format():
    assert json.loads(format_result(SMALL, "json")) == [
        {"source": "https://w3id.org/kgnews/actor/USA", "events": "12", "text": 'says "yes", twice'},
        {"source": "https://w3id.org/kgnews/actor/SYRREB", "events": "3", "text": None}]


def test_unknown_format():
    with pytest.raises(KgError, match="Unknown format 'xml'. Use one of: table, csv, json."):
        format_result(SMALL, "xml")


@pytest.mark.parametrize("query, columns", [
    ("ASK { ?a kg:assaults actor:YPG }", ["result"]),
    ("CONSTRUCT { ?a kg:assaults ?b } WHERE { ?a kg:assaults ?b }", ["subject", "predicate", "object"]),
])
def test_ask_and_construct(store, query, columns):
    result = run(query, store)
    assert result.columns == columns and result.rows


@pytest.mark.parametrize("value, short", [
    ("https://w3id.org/kgnews/actor/USA", "actor:USA"),
    ("https://w3id.org/kgnews/ontology#supports", "kg:supports"),
    ("http://www.wikidata.org/entity/Q30", "wd:Q30"),
    ("https://w3id.org/kgnews/", "https://w3id.org/kgnews/"),
    ("De Amerikanen", "De Amerikanen"),
])
def test_shorten(value, short):
    assert shorten(value) == short


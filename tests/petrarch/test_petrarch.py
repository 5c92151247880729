"""PETRARCH/TABARI dictionaries imported as gazetteer Turtle (kg/petrarch/dictionaries.py, `kg gazetteer import`).

The dictionaries are PETRARCH2's fictional validation dictionaries (tests/data/peer/, MIT).
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from rdflib import Graph

from kg.petrarch import cameo, dictionaries as petrarch, tabari
from kg.cli.app import main
from kg.base.errors import KgError
from kg.knowledge.gazetteer import Gazetteer, Label

PEER = Path(__file__).resolve().parents[1] / "data" / "peer"
ACTORS = PEER / "petrarch2_PETR.Validate.actors.txt"
AGENTS = PEER / "petrarch2_PETR.Validate.agents.txt"
SHAPES = Path(__file__).resolve().parents[2] / "ontologies" / "gazetteer-shapes.ttl"
D = datetime.date.fromisoformat


@pytest.fixture(scope="module")
def imported() -> petrarch.ImportResult:
    return petrarch.import_dictionaries(ACTORS, AGENTS)


@pytest.fixture(scope="module")
def gaz(imported, tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "validate.ttl"
    petrarch.save(imported, path)
    return Gazetteer.load([path])


# --- CAMEO codes --------------------------------------------------------------------------------

@pytest.mark.parametrize("code, principal, type_", [
    ("GON", "GON", "State"),                  # a country
    ("ARNGOVFRM", "ARN", "State"),            # government, foreign ministry: the state
    ("ISRMIL", "ISR", "State"),
    ("USAGOVELI", "USA", "State"),
    ("PSEGZAMIL", "PSEGZA", "Organisation"),  # cut at the first state sector only
    ("PSEREBHMS", "PSEREBHMS", "ArmedGroup"),  # rebels: an actor of its own
    ("HOBREB", "HOBREB", "ArmedGroup"),
    ("HOBCIV", "HOBCIV", "Organisation"),
    ("ORCHOB", "ORCHOB", "Organisation"),
    ("IGOCOPITP", "IGOCOPITP", "Organisation"),  # international codes are never cut
    ("IMGMOSALQ", "IMGMOSALQ", "ArmedGroup"),
    ("NGOARNGOV", "NGOARNGOV", "Organisation"),
    ("UNO", "UNO", "Organisation"),           # old TABARI codes of organisations
    ("IMF", "IMF", "Organisation"),
    ("G77", "G77", "Organisation"),           # not letters: whole
    ("PALPL", "PALPL", "Organisation"),       # not three-letter parts: whole
    ("pse", "PSE", "State"),
])
def test_principal_and_type(code, principal, type_):
    assert cameo.principal(code) == principal
    assert cameo.actor_type(principal) == type_


@pytest.mark.parametrize("code", ["---", "---GOV", "+++", "###"])
def test_null_codes_have_no_principal(code):
    assert cameo.principal(code) is None


@pytest.mark.parametrize("code, office", [
    ("HOBGOV", "government"), ("HOBMIL", "military"), ("GONCOP", "police"), ("HOB", "member"),
    ("HOBREB", "member"), ("ARNGOVFRM", "government"),
])
def test_office(code, office):
    assert cameo.office(code) == office


@pytest.mark.parametrize("phrase, label", [
    ("MINAS TIRITH", "Minas Tirith"), ("PRINCE OF DOL AMROTH", "Prince of Dol Amroth"),
    ("IMF", "IMF"), ("U.S.", "U.S."), ("GROUP OF 77", "Group of 77"), ("AL-QAEDA", "Al-Qaeda"),
    ("THE SHIRE", "the Shire"), ("BREE", "Bree"),
])
def test_labels_from_phrases(phrase, label):
    assert petrarch.label(phrase) == label


# --- the validation dictionaries -----------------------------------------------------------------

@pytest.mark.parametrize("actor, type_, pref, alts", [
    ("GON", "State", "Gondor", {"Minas Tirith", "Anorien"}),
    ("ARN", "State", "Arnor", set()),
    ("MOR", "State", "Mordor", {"Barad-Dur", "Cirith Ungol"}),   # CIRITH UNGOL [MORMIL] names MOR
    ("PSEREBHMS", "ArmedGroup", "Hamas", set()),
    ("IGOCOPITP", "Organisation", "International Criminal Police Organization", {"Interpol"}),
    ("UNO", "Organisation", "United Nations", {"U.N.", "UN", "Secretary General", "Security Council"}),
    ("HOBCIV", "Organisation", "CAMEO actor HOBCIV", set()),     # only a person's office names it
])
def test_imported_actors(gaz, actor, type_, pref, alts):
    a = gaz.actors[actor]
    assert (a.type, a.label, a.code) == (type_, pref, actor)
    names = {l.text for l in gaz.labels if l.target == actor and l.lang == "en"}
    assert alts <= names


@pytest.mark.parametrize("label", [
    Label("Israeli Troops", "en", "name", "ISR"),      # ISRAELI_TROOPS [ISRMIL] extends the built-in ISR
    Label("President George W. Bush", "en", "name", "USA"),   # undated: a label of its principal
    Label("Eriadorian", "en", "name", "ERI"),
    Label("Smeagol", "en", "person", "Gollum"),
])
def test_imported_labels(gaz, label):
    assert label in gaz.labels


def test_builtin_actors_are_extended_not_redefined(imported, gaz):
    assert gaz.actors["ISR"].label == "Israel"
    assert "actor:ISR\n    dcterms:source" in imported.turtle           # no type, notation, prefLabel
    assert "actor:JOR" not in imported.turtle                            # JORDAN adds nothing new


@pytest.mark.parametrize("person, on, actor, office", [
    ("SamGamgee", "2005-01-01", "HOBCIV", "member"),
    ("SamGamgee", "2008-01-20", "HOBCIV", "member"),        # "<" includes the day
    ("SamGamgee", "2008-01-21", "HOB", "military"),
    ("SamGamgee", "2010-01-10", "ORCHOB", "member"),        # the earlier line wins inside HOBMIL's span
    ("SamGamgee", "2012-11-09", "HOB", "military"),         # both spans hold: the first listed wins
    ("SamGamgee", "2012-11-10", "HOB", "government"),
    ("SamGamgee", "2014-01-01", "HOBELI", "member"),
    ("Gollum", "1995-06-01", "HOB", "member"),
    ("Gollum", "1995-06-02", "HOB", "government"),
    ("Gollum", "1999-08-16", "HOBREB", "member"),
    ("HamfastGamgee", "2000-01-01", "HOB", "member"),       # the default code where no date holds
    ("HamfastGamgee", "2012-12-01", "HOB", "government"),
    ("HamfastGamgee", "2014-01-01", "HOB", "member"),
    ("Zimbabwe", "1978-12-23", "RHO", "member"),            # a dated country is a dated label too
    ("Zimbabwe", "1979-06-07", "ZBW", "member"),
    ("PrinceOfDolAmroth", "1995-06-30", None, None),        # [--- <950630]: no actor then
    ("PrinceOfDolAmroth", "1995-07-01", "DOL", "member"),
])
def test_dated_entries_become_persons(gaz, person, on, actor, office):
    assert gaz.principal(person, D(on)) == actor
    roles = [r for r in gaz.persons[person].roles if r.covers(D(on))]
    assert [r.office for r in roles] == ([office] if office else [])


def test_agent_nouns(gaz):
    nouns = gaz.agent_nouns("en")
    assert {"troops", "soldier", "soldiers", "foreign minister", "foreign ministers", "attorneys general",
            "authorities", "congresswomen", "minister of silly walks", "police", "air force"} <= nouns
    assert not {"polices", "presss", "student", "students", "human rights body", "golden geese", "cleric",
                "former defence minister"} & nouns                   # {} plurals; not state organs
    assert gaz.agent_nouns("nl") == frozenset()
    assert not any(l.text in ("troops", "soldier") for l in gaz.labels)   # not actor names


def test_builtin_gazetteer_has_no_agent_nouns():
    assert Gazetteer.load().agent_nouns("en") == frozenset()


@pytest.mark.parametrize("kind, count", [
    ("multiple codes (a kg label names one actor), skipped", 2),     # LORIEN, THE_SHIRE
    ("null code", 3),                                               # BOROMIR, ISILDUR, PRINCE OF DOL AMROTH
    ("lower-case code read in upper case", 1),                      # PALESTINIAN [pse]
    ("agent that is not a state organ, skipped", 38),
    ("blank between agent words read as adjacent words", 1),        # SECURITY SERVICE
])
def test_warnings_are_counted(imported, kind, count):
    assert sum(w.kind == kind for w in imported.warnings) == count
    assert any(line.startswith(f"{count} × {kind}") for line in imported.summary())


def test_import_is_deterministic(imported):
    assert petrarch.import_dictionaries(ACTORS, AGENTS).turtle == imported.turtle


def test_imported_gazetteer_satisfies_the_shapes(gaz):
    import pyshacl      # in the test extra: pip install -e '.[test]'
    conforms, _, text = pyshacl.validate(gaz.graph, shacl_graph=Graph().parse(SHAPES))
    assert conforms, text


def test_imported_actor_is_found_in_text(gaz):
    from kg.base.model import Article
    from kg.pipeline.batch import Pipeline
    events = Pipeline(gaz).extract(Article("d", "Gondor attacked Mordor.", "en", D("1995-01-01")))
    assert [(e.actor.actor, e.event, e.recipient.actor) for e in events] == [("GON", "ASSAULT", "MOR")]


# --- what is skipped and what is refused -------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("LORIEN [ELR/GAL]\n", "multiple codes (a kg label names one actor), skipped"),
    ("BOROMIR [---]\n", "null code"),
    ("PALESTINIAN [pse]\n", "lower-case code read in upper case"),
    ("ENT\n", "entry without a code, skipped"),
    ("GOLLUM\n\t[--- <950601]\n", "dated entry with null codes only, skipped"),
    ("JORDANIA [JOR]\nHASHEMITE [JOR]\nJORDANIA [ARN]\n", "label also names another actor"),
])
def test_skipped_constructs_warn(tmp_path, text, kind):
    path = tmp_path / "x.actors.txt"
    path.write_text(text, encoding="utf-8")
    result = petrarch.import_dictionaries(path)
    assert kind in {w.kind for w in result.warnings}


@pytest.mark.parametrize("text, line, message", [
    ("GONDOR [GON\n", 1, "cannot read 'GONDOR [GON'"),
    ("+MINAS_TIRITH\n", 1, "a synonym (+) before any entry"),
    ("\t[HOB]\n", 1, "a dated code before any entry"),
    ("GOLLUM\n\t[HOB < 950631]\n", 2, "'950631' is not a date"),
    ("GOLLUM\n\t[HOB 990101-950101]\n", 2, "ends before it starts"),
    ("GOLLUM\n\t[HOB ~950101]\n", 2, "cannot read the date restriction"),
    ("GOLLUM\n\t[HOB 950101\n", 2, "cannot read the code"),
    ("GONDOR [G*N]\n", 1, "'G*N' is not a CAMEO code"),
    ("GONDOR [GON]\n<!-- a comment\nthat never ends\n", 2, "never closed"),
])
def test_unreadable_actor_lines_fail_with_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.actors.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KgError) as err:
        petrarch.import_dictionaries(path)
    assert f"{path} line {line}" in str(err.value) and message in str(err.value)


@pytest.mark.parametrize("text, line, message", [
    ("SOLDIER ~MIL\n", 1, "Give the agent its code"),
    ("SOLDIER {SOLDIERS [~MIL]\n", 1, "Close the plural"),
    ("SOLDIER [MIL]\n", 1, "'MIL' is not an agent code"),
    ("TROOP [~MIL]\n!MINST!_OF_WAR [~GOV]\n", 2, "!MINST! is not defined"),
    ("!MINST = MINISTER\n", 1, "cannot read the substitution marker"),
])
def test_unreadable_agent_lines_fail_with_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.agents.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KgError) as err:
        tabari.read_agents(path)
    assert f"{path} line {line}" in str(err.value) and message in str(err.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(KgError, match="no such dictionary file"):
        tabari.read_actors(tmp_path / "missing.txt")
    latin = tmp_path / "latin.actors.txt"
    latin.write_bytes("CURAÇAO [CUW]\n".encode("latin-1"))
    with pytest.raises(KgError, match="iconv"):
        tabari.read_actors(latin)


def test_comments_and_stop(tmp_path):
    path = tmp_path / "c.actors.txt"
    path.write_text("<!-- one line -->\n<! -- loose opener -->\n<!--\n# inside\n-->\nGONDOR [GON] # note\n"
                    "ARNOR <!-- inline --> [ARN] ; legacy\n---STOP---\nROHAN [ROH]\n", encoding="utf-8")
    entries, warnings = tabari.read_actors(path)
    assert [(e.phrases, e.code, e.line) for e in entries] == [(("GONDOR",), "GON", 6), (("ARNOR",), "ARN", 7)]
    assert warnings == []


def test_agent_plurals_and_substitutions(tmp_path):
    path = tmp_path / "a.agents.txt"
    path.write_text("!PERSON! = MAN, WOMEN\nTROOP [~MIL]\nAUTHORITY [~GOV]\nPRESS {} [~MED]\n"
                    "BOSS [~GOV]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nCONGRESS!PERSON! [~LEG]\n",
                    encoding="utf-8")
    entries, _ = tabari.read_agents(path)
    assert [e.forms for e in entries] == [
        ("troop", "troops"), ("authority", "authorities"), ("press",), ("boss", "bosses"),
        ("attorney general", "attorneys general"), ("congressman", "congresswomen")]


# --- the CAMEO -> PLOVER table ---------------------------------------------------------------------

@pytest.mark.parametrize("code, category", [
    ("0871", "RETREAT"), ("064", "COOPERATE"), ("1721", "COERCE"), ("1384", "THREATEN"),
    ("080", "CONCEDE"), ("084", "RETREAT"), ("163", "COERCE"), ("1823", "ASSAULT"),
    ("0875", "RETREAT"),              # not listed: its three-digit root 087
    ("023", None), ("0234", None),    # CAMEO 02 (appeal) has no PLOVER line
    ("174K", None), (None, None),
])
def test_plover_category(code, category):
    table = cameo.read_plover_table(PEER / "plover_CAMEO2PLOVER-2021.txt")
    assert cameo.plover_category(code, table) == category


# --- the command --------------------------------------------------------------------------------

def test_cli_writes_the_file_and_counts_warnings(tmp_path, capsys):
    out = tmp_path / "validate.ttl"
    assert main(["gazetteer", "import", str(ACTORS), "--agents", str(AGENTS), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "person(s)" in err and "Warning: 2 × multiple codes" in err
    assert "GON" in Gazetteer.load([out]).actors


def test_cli_writes_turtle_to_stdout(capsys):
    assert main(["gazetteer", "import", str(ACTORS), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# kg gazetteer imported") and captured.err == ""


def test_cli_error_names_the_line_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("GONDOR [GON]\nGOLLUM\n\t[HOB < 951332]\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert main(["gazetteer", "import", str(bad), "-o", str(out)]) == 1
    assert f"Error: {bad} line 3: '951332' is not a date" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


# --- the loader's agent nouns --------------------------------------------------------------------

@pytest.mark.parametrize("turtle, message", [
    ("agentnoun:troop a kg:AgentNoun .", "has no skos:prefLabel"),
    ('actor:troop a kg:AgentNoun ; skos:prefLabel "troop"@en .', "outside https://w3id.org/kgnews/agentnoun/"),
    ('agentnoun:troop a kg:AgentNoun ; skos:prefLabel "troop" .', "without a language tag"),
])
def test_bad_agent_noun_entries(tmp_path, turtle, message):
    path = tmp_path / "nouns.ttl"
    path.write_text("@prefix kg: <https://w3id.org/kgnews/ontology#> .\n"
                    "@prefix actor: <https://w3id.org/kgnews/actor/> .\n"
                    "@prefix agentnoun: <https://w3id.org/kgnews/agentnoun/> .\n"
                    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + turtle + "\n", encoding="utf-8")
    with pytest.raises(KgError, match=message):
        Gazetteer.load([path])


def test_shapes_catch_an_agent_noun_without_a_form():
    import pyshacl      # in the test extra: pip install -e '.[test]'
    data = Graph().parse(data='@prefix kg: <https://w3id.org/kgnews/ontology#> .\n'
                              '@prefix agentnoun: <https://w3id.org/kgnews/agentnoun/> .\n'
                              '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
                              'agentnoun:troop a kg:AgentNoun ; skos:altLabel "troops"@en .', format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES))
    assert not conforms and "agent noun has a skos:prefLabel" in text

"""The actor gazetteer: its data (shapes, coverage, labels, dated offices) and its loader."""
from __future__ import annotations

import datetime
import time
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

from kg.base.errors import KgError
from kg.knowledge.gazetteer import Gazetteer, Label
from kg.base.vocab import ACTOR, KG

SH = Namespace("http://www.w3.org/ns/shacl#")
D = datetime.date.fromisoformat

PREFIXES = """
@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix actor: <https://w3id.org/kgnews/actor/> .
@prefix person: <https://w3id.org/kgnews/person/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(Path(__file__).resolve().parents[2] / "ontologies" / "gazetteer-shapes.ttl",
                         format="turtle")


# --- SHACL shapes ----------------------------------------------------------------------------

def test_shapes_validate_the_builtin_gazetteer(gaz, shapes):
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(gaz.graph, shacl_graph=shapes)
    assert conforms, text


@pytest.mark.parametrize("entry, turtle", [
    ("actor:X", 'actor:X a kg:State ; skos:prefLabel "X"@en .'),                              # no notation
    ("actor:X", 'actor:X a kg:State ; skos:notation "X", "Y" ; skos:prefLabel "X"@en .'),     # two notations
    ("actor:X", 'actor:X a kg:State ; skos:notation "X" ; skos:prefLabel "X"@nl .'),          # no English label
    ("actor:X", 'actor:X a kg:Stat ; skos:notation "X" ; skos:prefLabel "X"@en .'),           # unknown type
    ("actor:X", 'actor:X skos:notation "X" ; skos:prefLabel "X"@en .'),                       # no type
    ("actor:X", 'actor:X a kg:State ; skos:notation "X" ; skos:prefLabel "X"@en, "Xe"@fr .'), # language
    ("actor:X", 'actor:X a kg:State ; skos:notation "X" ; skos:prefLabel "X"@en ; skos:altLabel "X" .'),
    ("person:P", 'person:P a kg:Person ; skos:prefLabel "P"@en .'),                          # no office
    ("person:P-1", 'person:P a kg:Person ; skos:prefLabel "P"@en ; org:hasMembership person:P-1 .\n'
                   'person:P-1 a org:Membership ; org:organization actor:NOPE ; kg:office "x" ;\n'
                   '    sem:hasBeginTimeStamp "2016-01-01"^^xsd:date .'),                       # unknown actor
    ("person:P-1", 'person:P a kg:Person ; skos:prefLabel "P"@en ; org:hasMembership person:P-1 .\n'
                   'person:P-1 a org:Membership ; org:organization actor:USA ; kg:office "x" .'),  # no begin
    ("person:P", 'person:P a kg:Person ; skos:prefLabel "P"@en ; org:hasMembership [\n'
                 '    a org:Membership ; org:organization actor:USA ; kg:office "x" ;\n'
                 '    sem:hasBeginTimeStamp "2016-01-01"^^xsd:date ] .'),                           # blank node
])
def test_shapes_catch_a_broken_entry(shapes, entry, turtle):
    pyshacl = pytest.importorskip("pyshacl")
    usa = 'actor:USA a kg:State ; skos:notation "USA" ; skos:prefLabel "United States"@en .\n'
    data = Graph().parse(data=PREFIXES + usa + turtle, format="turtle")
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes)
    assert not conforms
    prefix, local = entry.split(":")
    focus = Namespace(f"https://w3id.org/kgnews/{prefix}/")[local]
    assert focus in set(report.objects(None, SH.focusNode)), text


# --- coverage and integrity -------------------------------------------------------------------

def test_every_un_member_and_the_four_others_are_states(gaz):
    states = [a for a in gaz.actors.values() if a.type == "State"]
    assert len(states) == 193 + 4


@pytest.mark.parametrize("code, en, nl", [
    ("USA", "United States", "Verenigde Staten"), ("GBR", "United Kingdom", "Verenigd Koninkrijk"),
    ("RUS", "Russia", "Rusland"), ("CHN", "China", "China"), ("TUR", "Turkey", "Turkije"),
    ("SYR", "Syria", "Syrië"), ("DEU", "Germany", "Duitsland"), ("NLD", "Netherlands", "Nederland"),
    ("PRK", "North Korea", "Noord-Korea"), ("KOR", "South Korea", "Zuid-Korea"),
    ("COD", "Democratic Republic of the Congo", "Democratische Republiek Congo"),
    ("COG", "Republic of the Congo", "Congo-Brazzaville"), ("CIV", "Ivory Coast", "Ivoorkust"),
    ("CZE", "Czech Republic", "Tsjechië"), ("MKD", "North Macedonia", "Noord-Macedonië"),
    ("SWZ", "Eswatini", "Eswatini"), ("MMR", "Myanmar", "Myanmar"), ("TLS", "Timor-Leste", "Oost-Timor"),
    ("FSM", "Micronesia", "Micronesia"), ("KNA", "Saint Kitts and Nevis", "Saint Kitts en Nevis"),
    ("STP", "São Tomé and Príncipe", "Sao Tomé en Principe"), ("SSD", "South Sudan", "Zuid-Soedan"),
    ("PSE", "Palestine", "Palestina"), ("XKX", "Kosovo", "Kosovo"), ("TWN", "Taiwan", "Taiwan"),
    ("VAT", "Vatican City", "Vaticaanstad"),
])
def test_state_table(gaz, code, en, nl):
    actor = gaz.actors[code]
    assert (actor.type, actor.code, actor.label, actor.labels) == ("State", code, en, {"en": en, "nl": nl})


@pytest.mark.parametrize("code, type_, wikidata", [
    ("TUR", "State", "Q43"), ("USA", "State", "Q30"), ("RUS", "State", "Q159"), ("SYR", "State", "Q858"),
    ("PSE", "State", "Q219060"), ("XKX", "State", "Q1246"),
    ("SYRREB", "ArmedGroup", None), ("YPG", "ArmedGroup", None), ("SDF", "ArmedGroup", None),
    ("PKK", "ArmedGroup", None), ("ISIL", "ArmedGroup", "Q2429253"), ("NUSRA", "ArmedGroup", None),
    ("HEZBOLLAH", "ArmedGroup", None), ("UN", "Organisation", "Q1065"), ("EU", "Organisation", "Q458"),
    ("NATO", "Organisation", "Q7184"), ("G20", "Organisation", "Q19771"),
    ("ARABLEAGUE", "Organisation", "Q7172"), ("OPCW", "Organisation", None),
    ("ICRC", "Organisation", None), ("SOHR", "Organisation", None), ("WHITEHELMETS", "Organisation", None),
    ("TALIBAN", "ArmedGroup", None), ("HAMAS", "ArmedGroup", "Q38799"), ("PIJ", "ArmedGroup", None),
    ("HOUTHI", "ArmedGroup", None), ("LNA", "ArmedGroup", None), ("AQ", "ArmedGroup", "Q34490"),
    ("UKRSEP", "ArmedGroup", None), ("DPR", "ArmedGroup", "Q16150196"), ("LPR", "ArmedGroup", "Q16746854"),
    ("KRG", "ArmedGroup", None), ("PMF", "ArmedGroup", None), ("WAGNER", "ArmedGroup", None),
    ("VENOPP", "Organisation", None), ("OPEC", "Organisation", "Q7795"), ("WHO", "Organisation", "Q7817"),
    ("IMF", "Organisation", "Q7804"), ("ECOWAS", "Organisation", None),
])
def test_actor_types_and_wikidata(gaz, code, type_, wikidata):
    assert (gaz.actors[code].type, gaz.actors[code].wikidata) == (type_, wikidata)


def test_ids_and_codes_are_unique(gaz):
    notations = [str(o) for o in gaz.graph.objects(None, SKOS.notation)]
    assert len(notations) == len(set(notations)) == len(gaz.actors)
    assert all(actor.code == actor.id for actor in gaz.actors.values())
    assert not set(gaz.actors) & set(gaz.persons)


def test_no_label_names_two_targets(gaz):
    targets = defaultdict(set)
    for label in gaz.labels:
        targets[label.lang, label.text].add(label.target)
    assert {key: t for key, t in targets.items() if len(t) > 1} == {}


def test_a_label_has_one_kind_per_target(gaz):
    """"US" is a name, not also an adjective: the recognizer takes the first kind it finds."""
    kinds = defaultdict(set)
    for label in gaz.labels:
        kinds[label.lang, label.text, label.target].add(label.kind)
    assert {key: k for key, k in kinds.items() if len(k) > 1} == {}


def test_wikidata_items_are_not_shared(gaz):
    qids = [a.wikidata for a in gaz.actors.values() if a.wikidata]
    qids += [p.wikidata for p in gaz.persons.values() if p.wikidata]
    assert len(qids) == len(set(qids))


# --- labels -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, kind, target", [
    ("nl", "Moskou", "metonym", "RUS"), ("en", "Moscow", "metonym", "RUS"),
    ("nl", "het Kremlin", "metonym", "RUS"), ("en", "Washington", "metonym", "USA"),
    ("nl", "Teheran", "metonym", "IRN"), ("en", "Tehran", "metonym", "IRN"),
    ("nl", "Peking", "metonym", "CHN"), ("en", "Beijing", "metonym", "CHN"),
    ("nl", "Riyad", "metonym", "SAU"), ("en", "Damascus", "metonym", "SYR"),
    ("nl", "Ankara", "metonym", "TUR"), ("nl", "Den Haag", "metonym", "NLD"),
    ("nl", "Amerikaanse", "adjective", "USA"), ("nl", "Amerikaans", "adjective", "USA"),
    ("nl", "Russische", "adjective", "RUS"), ("nl", "Russisch", "adjective", "RUS"),
    ("nl", "Turkse", "adjective", "TUR"), ("en", "Turkish", "adjective", "TUR"),
    ("nl", "Israëlische", "adjective", "ISR"), ("nl", "Saoedische", "adjective", "SAU"),
    ("nl", "Koerdische", "adjective", "YPG"), ("en", "Kurdish", "adjective", "YPG"),
    ("nl", "Turken", "demonym", "TUR"), ("nl", "de Turken", "demonym", "TUR"),
    ("en", "the Turks", "demonym", "TUR"), ("en", "Americans", "demonym", "USA"),
    ("nl", "de Amerikanen", "demonym", "USA"), ("en", "the French", "demonym", "FRA"),
    ("en", "Kurds", "demonym", "SDF"), ("nl", "Koerden", "demonym", "SDF"),
    ("en", "US", "name", "USA"), ("en", "U.S.", "name", "USA"), ("en", "America", "name", "USA"),
    ("nl", "VS", "name", "USA"), ("nl", "Amerika", "name", "USA"), ("en", "UK", "name", "GBR"),
    ("en", "Britain", "name", "GBR"), ("nl", "Groot-Brittannië", "name", "GBR"),
    ("en", "Russia", "name", "RUS"), ("nl", "Rusland", "name", "RUS"), ("en", "Türkiye", "name", "TUR"),
    ("en", "Daesh", "name", "ISIL"), ("en", "IS", "name", "ISIL"), ("nl", "Islamitische Staat", "name", "ISIL"),
    ("en", "FSA", "name", "SYRREB"), ("en", "the rebels", "name", "SYRREB"),
    ("nl", "Vrij Syrisch Leger", "name", "SYRREB"), ("nl", "Syrische rebellenbewegingen", "name", "SYRREB"),
    ("en", "High Negotiations Committee", "name", "SYRREB"), ("en", "Jaysh al-Islam", "name", "SYRREB"),
    ("en", "Peoples Protection Units", "name", "YPG"), ("nl", "Volksbeschermingseenheden", "name", "YPG"),
    ("en", "YPJ", "name", "YPG"), ("nl", "Syrische Democratische Strijdkrachten", "name", "SDF"),
    ("nl", "Koerdische Arbeiderspartij", "name", "PKK"), ("en", "HTS", "name", "NUSRA"),
    ("en", "Hizbollah", "name", "HEZBOLLAH"), ("nl", "Veiligheidsraad", "name", "UN"),
    ("en", "U.N.", "name", "UN"), ("nl", "VN", "name", "UN"), ("nl", "NAVO", "name", "NATO"),
    ("nl", "Europese Unie", "name", "EU"), ("nl", "Arabische Liga", "name", "ARABLEAGUE"),
    ("en", "Syrian Observatory for Human Rights", "name", "SOHR"),
    ("nl", "Poetin", "person", "PutinVladimir"), ("nl", "Vladimir Poetin", "person", "PutinVladimir"),
    ("en", "Putin", "person", "PutinVladimir"), ("nl", "Sergej Lavrov", "person", "LavrovSergey"),
    ("nl", "Barack Obama", "person", "ObamaBarack"), ("en", "Obama", "person", "ObamaBarack"),
    ("nl", "Erdogan", "person", "ErdoganRecepTayyip"), ("nl", "Erdoğan", "person", "ErdoganRecepTayyip"),
    ("nl", "Assad", "person", "AssadBashar"), ("en", "Bashar al Assad", "person", "AssadBashar"),
    ("nl", "Bashar al-Assad", "person", "AssadBashar"), ("en", "Ocalan", "person", "OcalanAbdullah"),
    ("en", "John Kerry", "person", "KerryJohn"), ("en", "de Mistura", "person", "DeMisturaStaffan"),
    ("en", "Kim Jong Un", "person", "KimJongun"), ("nl", "Kim Jong-un", "person", "KimJongun"),
    ("en", "Kim Jong-Un", "person", "KimJongun"), ("nl", "Loekasjenko", "person", "LukashenkoAlexander"),
    ("en", "Lukashenko", "person", "LukashenkoAlexander"), ("nl", "Zelenski", "person", "ZelenskyVolodymyr"),
    ("en", "Zelenskyy", "person", "ZelenskyVolodymyr"), ("en", "Zelensky", "person", "ZelenskyVolodymyr"),
    ("nl", "Guaidó", "person", "GuaidoJuan"), ("en", "Guaido", "person", "GuaidoJuan"),
    ("en", "Maduro", "person", "MaduroNicolas"), ("nl", "Porosjenko", "person", "PoroshenkoPetro"),
    ("en", "Abe", "person", "AbeShinzo"), ("en", "Haftar", "person", "HaftarKhalifa"),
    ("en", "Taliban", "name", "TALIBAN"), ("nl", "Taliban", "name", "TALIBAN"), ("en", "Hamas", "name", "HAMAS"),
    ("en", "Palestinian Islamic Jihad", "name", "PIJ"), ("en", "Palestinian", "adjective", "PSE"),
    ("en", "Houthi", "adjective", "HOUTHI"), ("en", "Houthi rebels", "name", "HOUTHI"),
    ("nl", "Houthi-rebellen", "name", "HOUTHI"), ("en", "Ansar Allah", "name", "HOUTHI"),
    ("nl", "Libisch Nationaal Leger", "name", "LNA"), ("en", "al-Qaida", "name", "AQ"),
    ("en", "Al Qaeda", "name", "AQ"), ("en", "AQAP", "name", "AQAP"), ("en", "al-Shabaab", "name", "SHABAAB"),
    ("en", "pro-Russian separatists", "name", "UKRSEP"), ("nl", "pro-Russische separatisten", "name", "UKRSEP"),
    ("en", "separatists in eastern Ukraine", "name", "UKRSEP"), ("nl", "Volksrepubliek Donetsk", "name", "DPR"),
    ("en", "Luhansk People's Republic", "name", "LPR"), ("en", "Venezuelan opposition", "name", "VENOPP"),
    ("en", "peshmerga", "name", "KRG"), ("en", "Hashd al-Shaabi", "name", "PMF"),
    ("en", "Revolutionary Guards", "name", "IRN"), ("nl", "Revolutionaire Garde", "name", "IRN"),
    ("en", "IRGC", "name", "IRN"), ("en", "Wagner Group", "name", "WAGNER"), ("nl", "IAEA", "name", "IAEA"),
    ("nl", "Wereldgezondheidsorganisatie", "name", "WHO"), ("nl", "Internationaal Strafhof", "name", "ICC"),
    ("en", "African Union", "name", "AU"), ("nl", "OVSE", "name", "OSCE"), ("en", "World Bank", "name", "WORLDBANK"),
])
def test_label_exists(gaz, lang, text, kind, target):
    assert Label(text, lang, kind, target) in gaz.labels


@pytest.mark.parametrize("lang, text", [
    ("nl", "Wenen"),        # Vienna, and the verb "to weep"
    ("en", "Male"),         # the Maldives' capital
    ("en", "Victoria"), ("en", "Wellington"), ("en", "Brussels"), ("nl", "Brussel"),
    ("en", "May"), ("en", "Hunt"), ("en", "Gates"), ("en", "Hague"), ("en", "Ban"),
    ("nl", "Blok"), ("nl", "Maas"), ("en", "Congolese"), ("en", "Korean"), ("en", "Abdullah"),
    ("en", "is"), ("nl", "is"),
    ("en", "Kim"), ("nl", "Kim"),    # three Kims in office in North Korea alone
    ("en", "Castro"), ("en", "Sharif"), ("en", "Khan"), ("en", "Saleh"), ("nl", "Kan"), ("en", "Lee"),
    ("en", "Moon"), ("en", "separatists"), ("nl", "Ader"), ("en", "Bishop"),
])
def test_ambiguous_words_are_not_labels(gaz, lang, text):
    assert not [label for label in gaz.labels if (label.lang, label.text) == (lang, text)]


def test_labels_are_sorted_and_split_by_language(gaz):
    assert list(gaz.labels) == sorted(gaz.labels, key=lambda l: (l.lang, l.text, l.kind, l.target))
    assert len(set(gaz.labels)) == len(gaz.labels)
    assert {l.lang for l in gaz.labels} == {"en", "nl"}
    assert gaz.labels_for("en") + gaz.labels_for("nl") == gaz.labels
    assert {l.kind for l in gaz.labels} == {"name", "adjective", "demonym", "metonym", "person"}


def test_loading_is_deterministic_and_fast(gaz):
    start = time.perf_counter()
    again = Gazetteer.load()
    assert time.perf_counter() - start < 1.0
    assert again.labels == gaz.labels and list(again.actors) == list(gaz.actors)
    assert again.persons == gaz.persons


# --- persons and their offices ------------------------------------------------------------------

@pytest.mark.parametrize("person, on, actor", [
    ("ObamaBarack", "2016-09-05", "USA"), ("ObamaBarack", "2018-01-01", None),
    ("ObamaBarack", "2008-12-31", None), ("TrumpDonald", "2019-10-08", "USA"),
    ("TrumpDonald", "2016-09-05", None), ("KerryJohn", "2016-09-05", "USA"),
    ("KerryJohn", "2018-01-01", None), ("LavrovSergey", "2016-09-05", "RUS"),
    ("PutinVladimir", "2016-09-05", "RUS"), ("PutinVladimir", "2010-01-01", "RUS"),
    ("ErdoganRecepTayyip", "2016-09-05", "TUR"), ("ErdoganRecepTayyip", "2019-10-09", "TUR"),
    ("ErdoganRecepTayyip", "2012-01-01", "TUR"), ("ErdoganRecepTayyip", "2000-01-01", None),
    ("AssadBashar", "2016-09-05", "SYR"), ("MuallemWalid", "2016-09-05", "SYR"),
    ("HijabRiyad", "2012-07-01", "SYR"), ("HijabRiyad", "2016-02-01", "SYRREB"),
    ("HijabRiyad", "2014-01-01", None), ("DeMisturaStaffan", "2016-09-05", "UN"),
    ("BanKimoon", "2016-09-05", "UN"), ("GuterresAntonio", "2016-09-05", None),
    ("StoltenbergJens", "2016-09-05", "NATO"), ("BaghdadiAbuBakr", "2016-09-05", "ISIL"),
    ("NasrallahHassan", "2016-09-05", "HEZBOLLAH"), ("OcalanAbdullah", "2016-09-05", "PKK"),
    ("CarterAsh", "2016-09-05", "USA"), ("ShoiguSergei", "2016-09-05", "RUS"),
    ("AboulGheitAhmed", "2010-01-01", "EGY"), ("AboulGheitAhmed", "2017-01-01", "ARABLEAGUE"),
    ("GuaidoJuan", "2019-02-01", "VENOPP"), ("GuaidoJuan", "2018-06-01", None),
    ("HaftarKhalifa", "2019-04-05", "LNA"), ("SarrajFayez", "2019-04-05", "LBY"),
    ("ZelenskyVolodymyr", "2020-01-01", "UKR"), ("ZelenskyVolodymyr", "2018-01-01", None),
    ("PoroshenkoPetro", "2018-01-01", "UKR"), ("KimJongun", "2018-06-12", "PRK"),
    ("LukashenkoAlexander", "2020-08-10", "BLR"), ("MaduroNicolas", "2019-02-01", "VEN"),
    ("HaniyehIsmail", "2006-06-01", "PSE"), ("HaniyehIsmail", "2012-11-15", "HAMAS"),
    ("AbbasMahmoud", "2014-07-10", "PSE"), ("HadiAbdrabbuhMansur", "2015-03-26", "YEM"),
    ("HouthiAbdulMalik", "2015-03-26", "HOUTHI"), ("ZawahiriAyman", "2015-01-01", "AQ"),
    ("SalamiHossein", "2020-01-08", "IRN"), ("TedrosAdhanom", "2015-01-01", "ETH"),
    ("TedrosAdhanom", "2020-03-11", "WHO"), ("MogheriniFederica", "2014-06-01", "ITA"),
    ("MogheriniFederica", "2016-01-01", "EU"), ("TuskDonald", "2012-01-01", "POL"),
    ("ZakharchenkoAlexander", "2015-02-12", "DPR"), ("AkhundzadaHibatullah", "2020-02-29", "TALIBAN"),
    ("BidenJoe", "2014-03-01", "USA"), ("BidenJoe", "2018-01-01", None),
])
def test_principal(gaz, person, on, actor):
    assert gaz.principal(person, D(on)) == actor


@pytest.mark.parametrize("person, offices", [
    ("ErdoganRecepTayyip", [("TUR", "head of state", "2014-08-28", None),
                            ("TUR", "head of government", "2003-03-14", "2014-08-28")]),
    ("ObamaBarack", [("USA", "head of state", "2009-01-20", "2017-01-20")]),
    ("PutinVladimir", [("RUS", "head of state", "2012-05-07", None),
                       ("RUS", "head of government", "2008-05-08", "2012-05-07")]),
])
def test_roles_are_dated_latest_first(gaz, person, offices):
    roles = [(r.actor, r.office, str(r.start), str(r.end) if r.end else None)
             for r in gaz.persons[person].roles]
    assert roles == offices


def test_every_office_starts_before_it_ends(gaz):
    for person in gaz.persons.values():
        assert person.roles
        for role in person.roles:
            assert role.start is not None and (role.end is None or role.start <= role.end), person.id


def test_principal_without_date_is_the_latest_office(gaz):
    assert gaz.principal("HijabRiyad", None) == "SYRREB"


def test_principal_of_an_unknown_person(gaz):
    with pytest.raises(KgError, match="ObamaBarak.*Did you mean ObamaBarack"):
        gaz.principal("ObamaBarak", None)


# --- user files ---------------------------------------------------------------------------------

def test_a_user_file_adds_an_actor_a_person_and_labels(tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text(PREFIXES + """
actor:FOOREB a kg:ArmedGroup ; skos:prefLabel "Foo rebels"@en, "Foo-rebellen"@nl ;
    skos:altLabel "the Fooists"@en ; skos:notation "FOOREB" ; kg:country actor:SYR .
actor:TUR skos:altLabel "Turkish Republic"@en .
person:BarBaz a kg:Person ; skos:prefLabel "Bar Baz"@en ; org:hasMembership person:BarBaz-1 .
person:BarBaz-1 a org:Membership ; org:organization actor:FOOREB ; kg:office "leader" ;
    sem:hasBeginTimeStamp "2015-01-01"^^xsd:date .
""", encoding="utf-8")
    gaz = Gazetteer.load([path])
    assert gaz.actors["FOOREB"].type == "ArmedGroup"
    assert gaz.actors["FOOREB"].labels == {"en": "Foo rebels", "nl": "Foo-rebellen"}
    assert Label("the Fooists", "en", "name", "FOOREB") in gaz.labels
    assert Label("Turkish Republic", "en", "name", "TUR") in gaz.labels
    assert gaz.principal("BarBaz", D("2016-09-05")) == "FOOREB"
    assert (ACTOR.FOOREB, SKOS.prefLabel, Literal("Foo-rebellen", lang="nl")) in gaz.graph
    assert (ACTOR.FOOREB, RDF.type, KG.ArmedGroup) in gaz.graph


@pytest.mark.parametrize("turtle, message", [
    ('actor:X a kg:State ; skos:prefLabel "X"@en ;\n  skos:notation "X" .\nactor:Y a kg:State ; '
     'skos:prefLabel "Y@en .\n', rf"bad\.ttl line {PREFIXES.count(chr(10)) + 3}: "),
    ('actor:X a kg:State ; skos:prefLabel "X"@en .', r"bad\.ttl: actor:X has no skos:notation"),
    ('actor:X a kg:State ; skos:prefLabel "X"@en ; skos:notation "X", "XX" .', r"actor:X has 2 skos:notation"),
    ('actor:X a kg:Stat ; skos:prefLabel "X"@en ; skos:notation "X" .',
     r"actor:X has unknown type kg:Stat\. Did you mean kg:State\?"),
    ('actor:X skos:prefLabel "X"@en ; skos:notation "X" .', r"actor:X has labels but no type"),
    ('actor:X a kg:State ; skos:prefLabel "X"@nl ; skos:notation "X" .', r"no English skos:prefLabel"),
    ('actor:TUR skos:prefLabel "Turkije"@en .',
     r"files kg/data/gazetteer/states\.ttl, .*bad\.ttl: actor:TUR has two skos:prefLabel@en"),
    ('actor:X a kg:State ; skos:prefLabel "X" ; skos:notation "X" .', r"without a language tag"),
    ('person:P a kg:Person ; skos:prefLabel "P"@en .', r"person:P has no org:hasMembership"),
    ('person:P a kg:Person ; skos:prefLabel "P"@en ; org:hasMembership person:P-1 .\n'
     'person:P-1 org:organization actor:SYRRB ; kg:office "x" .',
     r"person:P, membership person:P-1, points at unknown actor actor:SYRRB\. Did you mean actor:SYRREB\?"),
    ('person:P a kg:Person ; skos:prefLabel "P"@en ; org:hasMembership person:P-1 .\n'
     'person:P-1 org:organization actor:TUR ; kg:office "x" ; sem:hasBeginTimeStamp "2016-13-01" .',
     r"'2016-13-01' is not a date"),
])
def test_a_bad_user_file_names_the_file_and_the_entry(tmp_path, turtle, message):
    path = tmp_path / "bad.ttl"
    path.write_text(PREFIXES + turtle, encoding="utf-8")
    with pytest.raises(KgError, match=message) as err:
        Gazetteer.load([path])
    assert str(path) in str(err.value)


@pytest.mark.parametrize("name, message", [
    ("missing.ttl", r"Cannot read gazetteer file .*missing\.ttl.*--gazetteer"),
    ("actors.csv", r"actors\.csv has an unknown RDF format"),
])
def test_an_unreadable_user_file(tmp_path, name, message):
    if name.endswith(".csv"):
        (tmp_path / name).write_text("id,label\n", encoding="utf-8")
    with pytest.raises(KgError, match=message):
        Gazetteer.load([tmp_path / name])

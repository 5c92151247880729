"""Places: sentences in both languages, the place records, and the data files' checks."""
from __future__ import annotations


import pytest

import kg.knowledge.places
from kg.base.errors import KgError
from kg.knowledge.gazetteer import Gazetteer
from kg.read.segment import tokenize
from kg.knowledge.places import Places, load_words


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def places(gaz) -> Places:
    return Places.load(gaz)


def found(places: Places, lang: str, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place_id) for m in places.find(tokenize(text, lang), lang)]


# (language, sentence, the places it names: (text, place id), in order)
SENTENCES = [
    # the seed and the FA-KES articles
    ("en", "Two US-backed groups have clashed near the city of Jarabulus in northern Aleppo province.",
     [("Jarabulus", "Jarabulus"), ("northern Aleppo province", "AleppoGovernorate-north")]),
    ("en", "Turkish military operations in northern Syria go on.", [("northern Syria", "SYR-north")]),
    ("en", "Turkish airstrikes on two villages near Jerablus killed 40 civilians.", [("Jerablus", "Jarabulus")]),
    ("nl", "De Turkse troepen rukken op in het noorden van Syrië.", [("noorden van Syrië", "SYR-north")]),
    ("nl", "Obama en Poetin spraken elkaar in het Chinese Hangzhou.", [("Hangzhou", "Hangzhou")]),
    # regions: adjectives, nouns with "of"/"van", Dutch compounds; a full name beats a region
    ("nl", "In Noord-Syrië en in Oost-Ghouta wordt gevochten.",
     [("Noord-Syrië", "SYR-north"), ("Oost-Ghouta", "EasternGhouta")]),
    ("en", "Troops entered north-eastern Syria and the north of Iraq.",
     [("north-eastern Syria", "SYR-northeast"), ("north of Iraq", "IRQ-north")]),
    ("en", "Rebels hold northwest Syria.", [("northwest Syria", "SYR-northwest")]),
    ("nl", "Het leger rukt op in het noordwesten van Syrië en in Zuid-Syrië.",
     [("noordwesten van Syrië", "SYR-northwest"), ("Zuid-Syrië", "SYR-south")]),
    ("en", "Fighting raged in eastern Ghouta.", [("eastern Ghouta", "EasternGhouta")]),
    ("en", "South Sudan and North Korea condemned the attack.", []),
    ("en", "The shelling hit areas 10 km north of Aleppo.", [("Aleppo", "Aleppo")]),
    ("en", "Floods hit South America, not America.", [("South America", "SouthAmerica")]),
    # countries are places only after a locative preposition
    ("en", "Russia has troops in Syria.", [("Syria", "SYR")]),
    ("nl", "Rusland heeft troepen in Syrië.", [("Syrië", "SYR")]),
    ("en", "Syria accused Turkey of violating its sovereignty.", []),
    ("nl", "Syrië beschuldigt Turkije van agressie.", []),
    ("en", "Air strikes in Syria and Iraq killed dozens.", [("Syria", "SYR"), ("Iraq", "IRQ")]),
    ("en", "Civilians fled in war-torn Syria.", [("Syria", "SYR")]),
    ("en", "They signed the deal in the United States.", [("United States", "USA")]),
    ("en", "Support from Russia and weapons to Syria.", []),
    ("en", "The Syrian regime is in the Syrian regime.", []),
    ("en", "Talks in Astana, Kazakhstan, ended.", [("Astana", "Astana"), ("Kazakhstan", "KAZ")]),
    ("en", "Strikes in Syria, Iraq and Libya.", [("Syria", "SYR"), ("Iraq", "IRQ"), ("Libya", "LBY")]),
    ("en", "Clashes went on in Aleppo, Turkey said.", [("Aleppo", "Aleppo")]),
    ("en", "Clashes in Aleppo, Turkey's army said.", [("Aleppo", "Aleppo")]),
    # capitals that stand for governments need a locative too; other places do not
    ("en", "Damascus accused Ankara of aggression.", []),
    ("en", "Protests broke out in Damascus and Ankara.", [("Damascus", "Damascus"), ("Ankara", "Ankara")]),
    ("en", "Kerry met Lavrov in Geneva.", [("Geneva", "Geneva")]),
    ("en", "Russian jets bombed Aleppo and Idlib.", [("Aleppo", "Aleppo"), ("Idlib", "Idlib")]),
    ("en", "Talks in Vienna and Munich.", [("Vienna", "Vienna"), ("Munich", "Munich")]),
    # spellings
    ("en", "Deir al-Zor, Deir Ezzor, Deir al Zor and Deir ez-Zor.",
     [("Deir al-Zor", "DeirEzZor"), ("Deir Ezzor", "DeirEzZor"), ("Deir al Zor", "DeirEzZor"),
      ("Deir ez-Zor", "DeirEzZor")]),
    ("en", "Kobani, Kobane and Ayn al-Arab.", [("Kobani", "Kobani"), ("Kobane", "Kobani"), ("Ayn al-Arab", "Kobani")]),
    ("en", "Daraa or Deraa, then Raqqa province.", [("Daraa", "Daraa"), ("Deraa", "Daraa"), ("Raqqa province", "RaqqaGovernorate")]),
    ("nl", "De strijd om Mosoel en de Eufraat.", [("Mosoel", "Mosul"), ("Eufraat", "Euphrates")]),
    # case: a capitalised label needs a capital, a lower-case one matches any case
    ("en", "the raqqa file, and AL-BAB", [("AL-BAB", "AlBab")]),
    ("en", "US troops stay in the US.", [("US", "USA")]),
]


@pytest.mark.parametrize("lang,text,expected", SENTENCES)
def test_sentences(places, lang, text, expected):
    assert found(places, lang, text) == expected


# the places the brief names, each with a locative so that capitals count too
NAMES = ["Aleppo", "Idlib", "Raqqa", "Deir ez-Zor", "Deir al Zor", "Deir al-Zor", "Deir Ezzor", "Homs", "Hama",
         "Daraa", "Deraa", "Latakia", "Tartus", "Palmyra", "Kobani", "Kobane", "Ayn al-Arab", "Afrin", "Manbij",
         "Jarabulus", "Jarablus", "Jerablus", "al-Bab", "Tell Abyad", "Ras al-Ain", "Ain Issa", "Tell Tamer",
         "Qamishli", "Hasakah", "Eastern Ghouta", "Douma", "Dael", "Euphrates", "Golan Heights", "Mosul",
         "Raqqa province", "Geneva", "Astana", "Nur-Sultan", "Sochi", "Vienna", "Hangzhou", "Munich", "Lausanne",
         "Riyadh", "Damascus", "Idlib province", "Tabqa", "Azaz", "Incirlik Air Base", "Bab al-Hawa"]


@pytest.mark.parametrize("name", NAMES)
def test_known_places(places, name):
    ms = places.find(tokenize(f"Fighting in {name} went on.", "en"), "en")
    assert [m.text for m in ms] == [name]


# (place id, English label, Dutch label, Wikidata, country, within)
DESCRIBED = [
    ("Aleppo", "Aleppo", "Aleppo", "Q41183", "SYR", None),
    ("AleppoGovernorate", "Aleppo Governorate", "provincie Aleppo", "Q214064", "SYR", None),
    ("Euphrates", "Euphrates", "Eufraat", "Q34589", None, None),
    ("GolanHeights", "Golan Heights", "Golanhoogten", "Q83210", None, None),
    ("Geneva", "Geneva", "Genève", "Q71", "CHE", None),
    ("Raqqa", "Raqqa", "Raqqa", None, "SYR", None),
    ("SYR", "Syria", "Syrië", "Q858", "SYR", None),
    ("SYR-north", "northern Syria", "Noord-Syrië", None, "SYR", "SYR"),
    ("IRQ-northeast", "north-eastern Iraq", "Noordoost-Irak", None, "IRQ", "IRQ"),
    ("Aleppo-centre", "central Aleppo", "Centraal-Aleppo", None, "SYR", "Aleppo"),
]


@pytest.mark.parametrize("place_id,en,nl,wikidata,country,within", DESCRIBED)
def test_describe(places, place_id, en, nl, wikidata, country, within):
    p = places.describe(place_id)
    assert (p.id, p.label, p.labels["en"], p.labels["nl"], p.wikidata, p.country, p.within) == \
        (place_id, en, en, nl, wikidata, country, within)


@pytest.mark.parametrize("place_id,hint", [("Alepo", "Did you mean 'Aleppo'?"), ("SYR-up", "Did you mean 'SYR'?"),
                                           ("Xanadu-Zzz", "places.ttl")])
def test_describe_unknown(places, place_id, hint):
    with pytest.raises(KgError) as err:
        places.describe(place_id)
    assert f"Unknown place '{place_id}'" in str(err.value) and hint in str(err.value)


def test_every_mention_can_be_described(places):
    text = "Clashes in northern Aleppo province, Noord-Syrië, the south of Lebanon and in Turkey."
    for lang in ("en", "nl"):
        for m in places.find(tokenize(text, lang), lang):
            assert places.describe(m.place_id).id == m.place_id


def test_data_coverage(places, gaz):
    hand = [p for p in places.places.values() if p.id not in gaz.actors]
    states = [a for a in gaz.actors.values() if a.type == "State"]
    assert len(hand) >= 120                                   # cities, regions, rivers, crossings
    assert {s.id for s in states} <= set(places.places)      # a place per state
    qids = [p.wikidata for p in places.places.values() if p.wikidata]
    assert len(qids) == len(set(qids)), "two places share a Wikidata item"
    assert sum(1 for p in hand if p.wikidata) >= 50
    assert all(p.labels.get("en") and p.labels.get("nl") for p in hand)



def test_unknown_language(places):
    with pytest.raises(KgError, match="No place words for language 'fr'"):
        places.find(tokenize("à Alep", "fr"), "fr")


# -- bad place files: (Turtle entries, words the error must contain) ----------------------------
HEAD = """@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix actor: <https://w3id.org/kgnews/actor/> .
@prefix place: <https://w3id.org/kgnews/place/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""
OK = 'dcterms:source "test"'
BAD_FILES = [
    (f'place:Sarmada a kg:Place ; skos:prefLable "Sarmada"@en ; {OK} .',
     ["place:Sarmada has an unknown property", "Did you mean skos:prefLabel?"]),
    (f'place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@nl ; {OK} .',
     ["place:Sarmada has no English skos:prefLabel"]),
    (f'place:Sarmada a kg:Place ; skos:prefLabel "Sarmada" ; {OK} .', ["without a language tag"]),
    (f'place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@en ; kg:country actor:SYRR ; {OK} .',
     ["kg:country SYRR, which is not a state", "Did you mean actor:SYR?"]),
    (f'place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@en ; kg:country actor:ISIL ; {OK} .',
     ["kg:country ISIL, which is not a state"]),
    (f'place:Sarmada-north a kg:Place ; skos:prefLabel "Sarmada"@en ; {OK} .',
     ["is not a place IRI", "no '-': it marks regions"]),
    (f'place:Halab2 a kg:Place ; skos:prefLabel "Aleppo"@en ; {OK} .',
     ["the label 'Aleppo'@en of place:Halab2 also names place:Aleppo (kg/data/places/places.ttl)"]),
    (f'place:Aleppo a kg:Place ; skos:prefLabel "Aleppo city"@en ; {OK} .', ["place:Aleppo is described twice"]),
    (f'place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@en ; owl:sameAs wd:X12 ; {OK} .',
     ["owl:sameAs", "as wd:Q123"]),
    ('place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@en .', ["has no dcterms:source"]),
    (f'place:Sarmada a kg:City ; skos:prefLabel "Sarmada"@en ; {OK} .', ["is not typed kg:Place only"]),
    ('place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@en ; dcterms:source "x" \n', ["line"]),
]


@pytest.mark.parametrize("ttl,words", BAD_FILES, ids=[w[0] for _, w in BAD_FILES])
def test_bad_place_files(tmp_path, gaz, ttl, words):
    path = tmp_path / "extra.ttl"
    path.write_text(HEAD + ttl + "\n", encoding="utf-8")
    with pytest.raises(KgError) as err:
        Places.load(gaz, extra=[path])
    assert str(path) in str(err.value)
    for word in words:
        assert word in str(err.value)


def test_extra_place_file(tmp_path, gaz):
    path = tmp_path / "extra.ttl"
    path.write_text(HEAD + 'place:Sarmada a kg:Place ; skos:prefLabel "Sarmada"@en, "Sarmada"@nl ; '
                    'kg:country actor:SYR ; dcterms:source "test" .\n', encoding="utf-8")
    places = Places.load(gaz, extra=[path])
    assert found(places, "en", "Camps near Sarmada.") == [("Sarmada", "Sarmada")]
    assert places.describe("Sarmada-north").labels == {"en": "northern Sarmada", "nl": "Noord-Sarmada"}


GOOD_WORDS = kg.knowledge.places.files("kg.data").joinpath("places.toml").read_text("utf-8")
BAD_WORDS = [
    (GOOD_WORDS.replace("locative = [", "locatives = [", 1), ["[en] key 'locatives' is unknown", "Did you mean 'locative'?"]),
    (GOOD_WORDS.replace('label = "northern {}"', 'label = "northern"'), ["label must be a string with one {}"]),
    (GOOD_WORDS.replace("[nl.directions.centre]", "[nl.directions.middle]"), ["name different directions"]),
    (GOOD_WORDS.replace('of = ["of"]', 'of = "of"'), ["[en] of must be a list"]),
    (GOOD_WORDS.replace('of = ["of"]\n', ''), ["[en] key 'of' is missing"]),
    ("[en\n", ["not valid TOML"]),
]


@pytest.mark.parametrize("text,words", BAD_WORDS, ids=[w[0] for _, w in BAD_WORDS])
def test_bad_words_file(text, words):
    with pytest.raises(KgError) as err:
        load_words(text)
    assert "kg/data/places.toml" in str(err.value)
    for word in words:
        assert word in str(err.value)


def test_who_held_a_place_on_a_date(places):
    import datetime as dt
    raqqa = places.describe("Raqqa")
    assert raqqa.country == "SYR"
    assert raqqa.holder(dt.date(2012, 1, 1)) == "SYR"          # before Islamic State took it
    assert raqqa.holder(dt.date(2015, 6, 1)) == "ISIL"
    assert raqqa.holder(dt.date(2019, 6, 1)) == "SDF"
    assert raqqa.holder(None) == "SYR"                         # no date: the state it lies in
    assert places.describe("Kharkiv").holder(dt.date(2023, 1, 1)) == "UKR"
    assert places.describe("Crimea").holder(dt.date(2023, 1, 1)) == "RUS"


@pytest.mark.parametrize("turtle,message", [
    ('place:Atlantis kg:heldBy [ kg:holder actor:ISIL ] .', "no file describes"),
    ('place:Raqqa kg:heldBy [ kg:holder actor:NOBODY ] .', "names no actor of the gazetteer"),
    ('place:Raqqa kg:heldBy [ kg:holder actor:ISIL ; sem:hasBeginTimeStamp "June 2014" ] .', "no YYYY-MM-DD"),
    ('place:Raqqa kg:heldBy [ kg:holder actor:ISIL ; kg:since "2014-06-01" ] .', "unknown property"),
])
def test_control_files_are_checked(gaz, tmp_path, turtle, message):
    path = tmp_path / "control.ttl"
    path.write_text("@prefix kg: <https://w3id.org/kgnews/ontology#> .\n"
                    "@prefix actor: <https://w3id.org/kgnews/actor/> .\n"
                    "@prefix place: <https://w3id.org/kgnews/place/> .\n"
                    "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n" + turtle, encoding="utf-8")
    with pytest.raises(KgError, match=message):
        Places.load(gaz, extra=[path])

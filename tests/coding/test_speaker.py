"""Criticism in reported words (CAMEO 111): a predicate with a copula ("the strikes were [illegal]")
coded for its speaker by the role path step `speaker`, and the pattern kind `predicates`; what a
ban or refusal is on is no event (grammar keys `blocking_heads`, `blocking_nouns`)."""
from __future__ import annotations

import pytest

from kg.coding.paths import parse_path, walk
from kg.parse.grammar import Grammar
from tests.coding.test_coding import dyads, events


@pytest.mark.parametrize("text, lang, expected", [
    ("Lavrov said the American strikes were illegal.", "en", ("RUS", "ACCUSE", "USA", False)),      # complement
    ("The Turkish offensive is a violation of international law, Macron said.", "en",                 # speech after
     ("FRA", "ACCUSE", "TUR", False)),
    ("Iran is a threat to the region, according to Netanyahu.", "en", ("ISR", "ACCUSE", "IRN", False)),
    ("Pompeo said the Iranian move was not a provocation.", "en", ("USA", "ACCUSE", "IRN", True)),  # negated
    ("Iran is volgens Trump de belangrijkste staatssponsor van terrorisme.", "nl",                   # closed compound
     ("USA", "ACCUSE", "IRN", False)),
    ("Lavrov zei dat de Amerikaanse aanvallen illegaal zijn.", "nl", ("RUS", "ACCUSE", "USA", False)),
])
def test_a_speaker_saying_an_actor_or_its_act_is_bad_accuses_it(text, lang, expected):
    assert expected in dyads(text, lang, date="2019-03-25")


def test_the_accusation_is_said_so_its_modality_is_reported():
    got = [e for e in events("Lavrov said the American strikes were illegal.", "en", date="2019-03-25")
           if e.event == "ACCUSE"]
    assert got and all(e.modality == "reported" for e in got)
    assert all(e.pattern == "en.ACCUSE.said-unacceptable" for e in got)


@pytest.mark.parametrize("text, lang", [
    ("The American strikes were illegal.", "en"),                 # narration: nobody says it
    ("Lavrov said the American strikes were successful.", "en"),  # no criticism
    ("De Amerikaanse aanvallen waren illegaal.", "nl"),
])
def test_no_speaker_or_no_criticism_gives_no_accusation(text, lang):
    assert not any(d[1] == "ACCUSE" for d in dyads(text, lang, date="2019-03-25"))


def test_the_speaker_step_reaches_the_subject_of_the_speech_verb_or_the_according_phrase():
    from kg.parse.parser import Parser
    en = Parser.load("en")
    grammar = Grammar.load("en")
    doc = next(en.parse(["Lavrov said the strikes were illegal."]))
    illegal = next(t for t in doc if t.text == "illegal")
    assert [t.text for t in walk(illegal, parse_path("speaker"), grammar)] == ["Lavrov"]
    doc = next(en.parse(["According to Lavrov, the strikes were illegal."]))
    illegal = next(t for t in doc if t.text == "illegal")
    assert [t.text for t in walk(illegal, parse_path("speaker"), grammar)] == ["Lavrov"]
    doc = next(en.parse(["The strikes were illegal."]))
    illegal = next(t for t in doc if t.text == "illegal")
    assert walk(illegal, parse_path("speaker"), grammar) == []


@pytest.mark.parametrize("text, lang, sanction", [
    ("The United States imposed an embargo on arms sales to Iran.", "en", ("USA", "SANCTION", "IRN", False)),
    ("Germany banned arms deliveries to Saudi Arabia.", "en", ("DEU", "SANCTION", "SAU", False)),
    ("De VS stelden een embargo in op wapenleveranties aan Iran.", "nl", ("USA", "SANCTION", "IRN", False)),
])
def test_what_a_ban_is_on_is_no_event(text, lang, sanction):
    got = dyads(text, lang, date="2020-01-01")
    assert sanction in got and not any(d[1] == "AID" for d in got)     # the banned sale is no aid

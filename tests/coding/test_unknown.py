"""Names that look like actors but are not in the gazetteer are reported."""
from __future__ import annotations

import datetime as dt

import pytest

import kg
from kg.pipeline.batch import Pipeline
from kg.knowledge.gazetteer import load_gazetteer
from kg.read.segment import segment


def unknowns(text: str, lang: str) -> set[tuple[str, str]]:
    article = kg.read_text(text, doc="t", lang=lang, date=dt.date(2016, 9, 5))
    ex = Pipeline(load_gazetteer()).extractor(lang)
    _, found = ex.analyse(article, segment(article, ex.lex.words["abbreviations"]))
    return {(u.name, u.kind) for u in found}


@pytest.mark.parametrize("lang,text,expected,absent", [
    ("en", "Russian Defence Ministry spokesman Major-General Igor Konashenkov accused the rebels.",
     {("Igor Konashenkov", "person")}, set()),
    ("en", "Kino Gabriel said the statement was a surprise.", {("Kino Gabriel", "person")}, set()),
    ("en", "The Hamza Brigade attacked Kurdish positions.", {("Hamza Brigade", "organisation")}, set()),
    ("nl", "Woordvoerder Jan Peeters van de Vlaamse Volkspartij zei dat niet.",
     {("Jan Peeters", "person"), ("Vlaamse Volkspartij", "organisation")}, set()),
    # known actors and sentence-initial capitals are not reported
    ("en", "Turkey attacked the YPG. Yesterday was calm.", set(), {("Turkey", "organisation")}),
    ("en", "Barack Obama said nothing.", set(), {("Barack Obama", "person")}),
])
def test_unknown_names(lang, text, expected, absent):
    found = unknowns(text, lang)
    assert expected <= found, found
    assert not (absent & found)

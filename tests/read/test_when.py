"""Dates in sentences, resolved against the article's date, in both languages."""
from __future__ import annotations

import copy
import datetime as dt
import tomllib
from importlib.resources import files

import pytest

import kg.read.when
from kg.read.article import load_languages
from kg.base.errors import KgError
from kg.read.segment import tokenize
from kg.read.when import compile_words, date_words, dates

D = dt.date.fromisoformat


def found(lang: str, text: str, article_date: str | None) -> list[tuple[str, str, str]]:
    ref = D(article_date) if article_date else None
    return [(m.text, m.date.isoformat(), m.precision) for m in dates(tokenize(text, lang), lang, ref)]


# (language, sentence, article date, the dates it names: (text, ISO date, precision))
SENTENCES = [
    # the seed (5 September 2016, a Monday) and the FA-KES article of Monday 29 August 2016
    ("nl", "Turkse troepen en pro-Turkse rebellengroepen maakten gisteren nog bekend dat ze erin geslaagd zijn "
           "de IS-strijders terug te dringen.", "2016-09-05", [("gisteren", "2016-09-04", "day")]),
    ("en", "On Sunday Turkish forces ramped up their offensive.", "2016-08-29", [("Sunday", "2016-08-28", "day")]),
    ("en", "Mon Aug 29 2016 40 Civilians 25 YPG Fighters Killed", "2016-08-29", [("Mon Aug 29 2016", "2016-08-29", "day")]),
    # weekdays: on or before the article's date; "last" strictly before, "next" strictly after
    ("en", "The talks on Monday failed.", "2016-08-29", [("Monday", "2016-08-29", "day")]),
    ("en", "Five soldiers died on Monday night.", "2016-08-31", [("Monday night", "2016-08-29", "day")]),
    ("en", "He left last Monday and returns next Monday.", "2016-08-29",
     [("last Monday", "2016-08-22", "day"), ("next Monday", "2016-09-05", "day")]),
    ("nl", "Zondagavond vielen bommen, afgelopen zondag ook.", "2016-09-05",
     [("Zondagavond", "2016-09-04", "day"), ("afgelopen zondag", "2016-09-04", "day")]),
    ("nl", "De top is volgende maandag.", "2016-09-05", [("volgende maandag", "2016-09-12", "day")]),
    # absolute dates, with and without a year
    ("en", "The truce began on 5 September 2016.", None, [("5 September 2016", "2016-09-05", "day")]),
    ("en", "The truce began on September 5, 2016, at dusk.", None, [("September 5, 2016", "2016-09-05", "day")]),
    ("en", "The truce began on 5th Sept. 2016.", None, [("5th Sept. 2016", "2016-09-05", "day")]),
    ("en", "Published 2016-09-05.", None, [("2016-09-05", "2016-09-05", "day")]),
    ("nl", "Het bestand ging in op 12 september 2016.", None, [("12 september 2016", "2016-09-12", "day")]),
    ("nl", "Op 6 oktober komen ze samen.", "2016-10-10", [("6 oktober", "2016-10-06", "day")]),
    ("en", "They met on October 6.", "2016-10-10", [("October 6", "2016-10-06", "day")]),
    ("nl", "Op 5 september zei hij dat.", "2016-09-06", [("5 september", "2016-09-05", "day")]),
    ("en", "On December 28 the talks began.", "2017-01-03", [("December 28", "2016-12-28", "day")]),
    ("en", "Talks resume on January 3.", "2016-12-28", [("January 3", "2017-01-03", "day")]),
    ("en", "On Monday, September 5, they met.", "2016-09-07", [("Monday, September 5", "2016-09-05", "day")]),
    ("en", "The uprising of March 2011 spread.", None, [("March 2011", "2011-03-01", "month")]),
    # relative phrases: days exact, weeks 7 days, months and years their first day
    ("en", "Yesterday morning the jets returned.", "2016-09-05", [("Yesterday morning", "2016-09-04", "day")]),
    ("en", "Today and the day before yesterday.", "2016-09-05",
     [("Today", "2016-09-05", "day"), ("the day before yesterday", "2016-09-03", "day")]),
    ("nl", "Vandaag en eergisteren.", "2016-09-05", [("Vandaag", "2016-09-05", "day"), ("eergisteren", "2016-09-03", "day")]),
    ("en", "Last week the convoy was hit.", "2016-09-05", [("Last week", "2016-08-29", "week")]),
    ("nl", "Vorige week werd het konvooi geraakt.", "2016-09-05", [("Vorige week", "2016-08-29", "week")]),
    ("en", "Earlier this month Russia vetoed it.", "2016-09-20", [("Earlier this month", "2016-09-01", "month")]),
    ("nl", "Eerder deze maand sprak Rusland een veto uit.", "2016-09-20", [("Eerder deze maand", "2016-09-01", "month")]),
    ("en", "Last month and last year.", "2016-01-15", [("Last month", "2015-12-01", "month"), ("last year", "2015-01-01", "year")]),
    ("nl", "Vorig jaar nog niet.", "2016-09-05", [("Vorig jaar", "2015-01-01", "year")]),
    # what is not a date
    ("en", "They may meet 5 people in march.", "2016-09-05", []),
    ("en", "The 2016 elections and 40 civilians.", "2016-09-05", []),
    ("en", "It happened on 31 September 2016.", None, []),
    ("en", "Yesterday he said it happened on Sunday.", None, []),
    ("nl", "Op 5 september zei hij dat.", None, []),
    ("en", "The sunday papers wrote.", "2016-09-05", []),
]


@pytest.mark.parametrize("lang,text,article_date,expected", SENTENCES)
def test_sentences(lang, text, article_date, expected):
    assert found(lang, text, article_date) == expected


def test_token_offsets():
    toks = tokenize("Troops entered Jarabulus on Sunday night.", "en")
    [m] = dates(toks, "en", D("2016-08-29"))
    assert (toks[m.start].text, toks[m.end - 1].text) == ("Sunday", "night")



def test_unknown_language():
    with pytest.raises(KgError, match="no language 'fr'"):
        date_words("fr")


def test_languages_file_still_reads():
    """kg/read/article.py validates the same file: the date keys are known to it."""
    assert load_languages().months["sept"] == 9


RAW = tomllib.loads(files("kg.data").joinpath("languages.toml").read_text("utf-8"))


def broken(lang: str, key: str, value) -> dict:
    table = copy.deepcopy(RAW[lang])
    if value is None:
        del table[key]
    else:
        table[key] = value
    return table


# (language, key, bad value or None for a missing key, words the error must contain)
BAD = [
    ("en", "relative_dates", {"last week": "-1 weeks"}, ["relative_dates 'last week' = '-1 weeks'", "units: day"]),
    ("en", "relative_dates", {"yesterday": -1}, ["relative_dates 'yesterday'"]),
    ("en", "relative_dates", None, ["relative_dates must be a table"]),
    ("nl", "months", ["januari"], ["needs 12 months and 7 weekdays"]),
    ("en", "capitalised", "yes", ["capitalised must be true or false"]),
    ("en", "day_parts", "night", ["day_parts must be a list"]),
    ("nl", "month_abbreviations", {"mrt": 13}, ["month numbers 1-12"]),
]


@pytest.mark.parametrize("lang,key,value,words", BAD)
def test_bad_date_words(lang, key, value, words):
    with pytest.raises(KgError) as err:
        compile_words(lang, broken(lang, key, value))
    assert f"kg/data/languages.toml: [{lang}]" in str(err.value)
    for word in words:
        assert word in str(err.value)

"""Dates in a sentence, as token spans, resolved against the article's date.

The words are data (`kg/data/languages.toml`: month and weekday names, ordinals, relative phrases,
per language). What is read:

- absolute dates: ``2016-09-05``, ``5 September 2016``, ``September 5, 2016``, ``5th Sept. 2016``,
  ``6 oktober``, ``October 6`` (a date without a year takes the year that puts it nearest the
  article's date: "December 28" in an article of 3 January is last year's), ``September 2016``
  (precision month), each optionally after a weekday ("Monday, September 5");
- weekdays: ``Sunday``, ``on Monday``, ``zondag``, ``zondagavond``: the most recent such day on or
  before the article's date, as news uses them for what happened ("On Sunday" in an article of
  Monday 29 August 2016 is 28 August); ``last Sunday`` / ``vorige zondag`` the one strictly before,
  ``next Monday`` / ``volgende maandag`` the one strictly after. A future tense is not read: "will
  meet on Thursday" gets the past Thursday;
- relative phrases (``yesterday``, ``gisteren``, ``last week``, ``earlier this month``,
  ``vorig jaar``): "<n> <unit>" in the data. Days are exact; "last week" is the date 7 days before
  with precision week; months and years are approximated by their first day ("earlier this month"
  is the 1st of the article's month, precision month; "last year" is 1 January of the year before,
  precision year).

Without an article date only absolute dates with a year are read. English month and weekday names
need a capital ("may" is a verb), Dutch ones do not (``capitalised`` in the data).

>>> import datetime as dt
>>> from kg.read.segment import tokenize
>>> [(m.text, str(m.date)) for m in dates(tokenize("Gisteren, op 6 oktober", "nl"), "nl", dt.date(2016, 10, 7))]
[('Gisteren', '2016-10-06'), ('6 oktober', '2016-10-06')]
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from kg.base.errors import KgError
from kg.base.model import Token
from kg.read.segment import tokenize

WHERE = "kg/data/languages.toml"
UNITS = ("day", "week", "month", "year")
_RELATIVE = re.compile(r"([+-]?\d+) (day|week|month|year)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class DateMention:
    """Tokens start..end (exclusive) of a sentence name a date."""

    start: int
    end: int
    date: dt.date
    text: str
    precision: str = "day"          # "day" | "week" | "month" | "year": how much `date` stands for


@dataclass(frozen=True)
class DateWords:
    """One language's date words, compiled."""

    lang: str
    months: dict[str, int]                  # name, prefix of 3+ letters, abbreviation -> 1..12
    weekdays: dict[str, int]                # full name or name + day part -> 0 (Monday) .. 6
    weekday_short: dict[str, int]           # prefixes of 2+ letters: only right before a date
    day: re.Pattern                         # a day number with an optional ordinal suffix
    capitalised: bool
    relative: dict[str, tuple[tuple[tuple[str, ...], int, str], ...]]   # first word -> (words, n, unit), longest first
    last: frozenset[str]
    next: frozenset[str]
    day_parts: frozenset[str]
    triggers: frozenset[str]                # lower-case tokens a date may start with (besides digits)


def dates(tokens: tuple[Token, ...], lang: str, article_date: dt.date | None = None,
          words: DateWords | None = None) -> list[DateMention]:
    """The dates a sentence's tokens name, left to right, without overlaps."""
    w = words or date_words(lang)
    out: list[DateMention] = []
    i = 0
    while i < len(tokens):
        low = tokens[i].lower
        if low not in w.triggers and not low[:1].isdigit():
            i += 1
            continue
        hit = _absolute(tokens, i, w, article_date)
        if hit is None and article_date:
            found = _relative(tokens, i, w, article_date)
            hit = (found.end, found) if found else None
        if hit is None:
            i += 1
            continue
        end, found = hit
        if found is not None:                    # an impossible date ("31 September") is skipped whole
            out.append(found)
        i = end
    return out


@lru_cache(maxsize=8)
def date_words(lang: str) -> DateWords:
    """The date words of a language from kg/data/languages.toml, checked; KgError names the key."""
    raw = tomllib.loads(files("kg.data").joinpath("languages.toml").read_text("utf-8"))
    if lang not in raw:
        raise KgError(f"{WHERE}: no language '{lang}'",
                      f"Known: {', '.join(sorted(raw))}; add a [{lang}] table")
    return compile_words(lang, raw[lang])


def compile_words(lang: str, table: dict, where: str = WHERE) -> DateWords:
    """DateWords from one language's table (as parsed TOML)."""
    at = f"{where}: [{lang}]"
    names = {key: _strings(at, key, table.get(key)) for key in
             ("months", "weekdays", "ordinals", "weekday_last", "weekday_next", "day_parts")}
    if len(names["months"]) != 12 or len(names["weekdays"]) != 7:
        raise KgError(f"{at} needs 12 months and 7 weekdays", "List them in order, January and Monday first")
    if not isinstance(table.get("capitalised"), bool):
        raise KgError(f"{at} capitalised must be true or false",
                      "Say whether month and weekday names start with a capital in this language")
    months: dict[str, int] = {}
    for number, name in enumerate(names["months"], 1):
        for k in range(3, len(name) + 1):
            if months.setdefault(name[:k], number) != number:
                months[name[:k]] = 0                                  # ambiguous prefix
    abbreviations = table.get("month_abbreviations", {})
    if not isinstance(abbreviations, dict) or not all(
            isinstance(v, int) and 1 <= v <= 12 for v in abbreviations.values()):
        raise KgError(f"{at} month_abbreviations must map words to month numbers 1-12", 'Write e.g. { mrt = 3 }')
    months.update({k.lower(): v for k, v in abbreviations.items()})
    months = {k: v for k, v in months.items() if v}
    weekdays = {name: n for n, name in enumerate(names["weekdays"])}
    weekdays.update({name + part: n for name, n in list(weekdays.items()) for part in names["day_parts"]})
    short = {name[:k]: n for n, name in enumerate(names["weekdays"]) for k in range(2, len(name))}
    relative = []
    entries = table.get("relative_dates")
    if not isinstance(entries, dict) or not entries:
        raise KgError(f"{at} relative_dates must be a table of phrases", 'Write [<lang>.relative_dates] "yesterday" = "-1 day"')
    for phrase, value in entries.items():
        m = _RELATIVE.fullmatch(value) if isinstance(value, str) else None
        if m is None:
            raise KgError(f"{at} relative_dates '{phrase}' = {value!r} is not '<number> <unit>'",
                          f"Write e.g. \"-1 week\"; units: {', '.join(UNITS)}")
        parts = tuple(t.lower for t in tokenize(phrase, lang))
        relative.append((parts, int(m.group(1)), m.group(2)))
    by_first: dict[str, list] = {}
    for entry in sorted(relative, key=lambda r: (-len(r[0]), r[0])):
        by_first.setdefault(entry[0][0], []).append(entry)
    ordinals = "|".join(re.escape(o) for o in sorted(names["ordinals"], key=len, reverse=True))
    triggers = (set(months) | set(weekdays) | set(short) | set(by_first)
                | set(names["weekday_last"]) | set(names["weekday_next"]))
    return DateWords(
        lang=lang, months=months, weekdays=weekdays, weekday_short=short,
        day=re.compile(rf"(\d{{1,2}})(?:{ordinals})?" if ordinals else r"(\d{1,2})", re.I),
        capitalised=table["capitalised"], relative={k: tuple(v) for k, v in by_first.items()},
        last=frozenset(names["weekday_last"]), next=frozenset(names["weekday_next"]),
        day_parts=frozenset(names["day_parts"]), triggers=frozenset(triggers))


def _strings(at: str, key: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KgError(f"{at} {key} must be a list of words", 'Write e.g. ["morning", "night"]')
    return [v.strip().lower() for v in value]


# -- absolute dates --------------------------------------------------------------------------------

def _absolute(tokens, i: int, w: DateWords, ref: dt.date | None) -> tuple[int, DateMention | None] | None:
    """(end, mention) of the absolute date at token i; the mention is None when the words name
    no real day."""
    j = i
    low = tokens[i].lower
    if _named(tokens[i], w) and (low in w.weekdays or low in w.weekday_short):
        j = i + 1                                  # "Monday, September 5", "Mon Aug 29 2016"
        if j < len(tokens) and tokens[j].text in (",", "."):
            j += 1
        if j >= len(tokens):
            return None
    found = _date_at(tokens, j, w, ref)
    if found is None:
        return None
    end, day, precision = found
    return end, DateMention(i, end, day, _text(tokens, i, end), precision) if day else None


def _date_at(tokens, j: int, w: DateWords, ref: dt.date | None) -> tuple[int, dt.date | None, str] | None:
    """(end, date, precision) of an absolute date starting at token j (date None: no such day)."""
    n = len(tokens)
    m = _ISO.fullmatch(tokens[j].text)
    if m:
        return j + 1, _day(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    d = w.day.fullmatch(tokens[j].text)
    if d:                                          # 5 September [2016]
        k = _month_end(tokens, j + 1, w)
        if k is None:
            return None
        month = w.months[tokens[j + 1].lower]
        return _with_year(tokens, k, month, int(d.group(1)), ref)
    k = _month_end(tokens, j, w)
    if k is None or k >= n:
        return None
    month = w.months[tokens[j].lower]
    d = w.day.fullmatch(tokens[k].text)
    if d:                                          # September 5[, 2016]
        return _with_year(tokens, k + 1, month, int(d.group(1)), ref)
    if _YEAR.fullmatch(tokens[k].text):            # September 2016
        return k + 1, dt.date(int(tokens[k].text), month, 1), "month"
    return None


def _month_end(tokens, j: int, w: DateWords) -> int | None:
    """The token after a month name at j (and after its abbreviation dot), or None."""
    if j >= len(tokens) or tokens[j].lower not in w.months or not _named(tokens[j], w):
        return None
    return j + 2 if j + 1 < len(tokens) and tokens[j + 1].text == "." else j + 1


def _with_year(tokens, k: int, month: int, day: int, ref: dt.date | None):
    n = len(tokens)
    y = k + 1 if k < n and tokens[k].text == "," else k
    if y < n and _YEAR.fullmatch(tokens[y].text):
        return y + 1, _day(int(tokens[y].text), month, day), "day"
    if ref is None:
        return None
    candidates = [c for c in (_day(ref.year + dy, month, day) for dy in (-1, 0, 1)) if c]
    return k, min(candidates, key=lambda c: (abs((c - ref).days), c)) if candidates else None, "day"


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- relative dates ----------------------------------------------------------------------------------

def _relative(tokens, i: int, w: DateWords, ref: dt.date) -> DateMention | None:
    low = tokens[i].lower
    for parts, n, unit in w.relative.get(low, ()):
        if tuple(t.lower for t in tokens[i:i + len(parts)]) == parts:
            day, precision = _shift(ref, n, unit)
            end = _day_part(tokens, i + len(parts), w) if unit == "day" else i + len(parts)
            return DateMention(i, end, day, _text(tokens, i, end), precision)
    if (low in w.last or low in w.next) and i + 1 < len(tokens) and tokens[i + 1].lower in w.weekdays \
            and _named(tokens[i + 1], w):
        target = w.weekdays[tokens[i + 1].lower]
        if low in w.last:
            day = ref - dt.timedelta(days=(ref.weekday() - target - 1) % 7 + 1)
        else:
            day = ref + dt.timedelta(days=(target - ref.weekday() - 1) % 7 + 1)
        end = _day_part(tokens, i + 2, w)
        return DateMention(i, end, day, _text(tokens, i, end))
    if low in w.weekdays and _named(tokens[i], w):
        day = ref - dt.timedelta(days=(ref.weekday() - w.weekdays[low]) % 7)
        end = _day_part(tokens, i + 1, w)
        return DateMention(i, end, day, _text(tokens, i, end))
    return None


def _shift(ref: dt.date, n: int, unit: str) -> tuple[dt.date, str]:
    if unit == "day":
        return ref + dt.timedelta(days=n), "day"
    if unit == "week":
        return ref + dt.timedelta(days=7 * n), "week"
    if unit == "month":
        months = ref.year * 12 + ref.month - 1 + n
        return dt.date(months // 12, months % 12 + 1, 1), "month"
    return dt.date(ref.year + n, 1, 1), "year"


def _day_part(tokens, k: int, w: DateWords) -> int:
    """Past a day part right after a day ("Sunday night"), else k."""
    return k + 1 if k < len(tokens) and tokens[k].lower in w.day_parts else k


def _named(token: Token, w: DateWords) -> bool:
    """A month or weekday name is one here: capitalised where the language capitalises them."""
    return not w.capitalised or token.text[:1].isupper()


def _text(tokens, start: int, end: int) -> str:
    """The tokens' text with the spaces the sentence had between them ("September 5, 2016")."""
    out = tokens[start].text
    for prev, tok in zip(tokens[start:end - 1], tokens[start + 1:end]):
        out += (" " if tok.start > prev.end else "") + tok.text
    return out

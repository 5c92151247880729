"""An article's header and metadata: `key: value` lines, a dateline, the language and the date, read
with each language's words (kg/data/languages.toml)."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

from kg.base.errors import KgError

HEADER_KEYS = ("source", "date", "lang", "language", "title", "url", "author")


#: Keys scraped files carry that kg reads past; any other key close to a HEADER_KEYS one
#: ("lnag:", "titel:", "dte:") is a typo and an error, so a misspelt header is never lost.
IGNORED_KEYS = ("updated", "modified", "published", "category", "categories", "tags", "keywords",
                "section", "id", "summary", "description", "subtitle", "byline", "image", "link")


LANGUAGE_KEYS = ("names", "words", "months", "month_abbreviations", "weekdays", "date_labels",
                 "byline", "source", "credit", "list_and",
                 # dates inside sentences, read and checked by kg/read/when.py
                 "capitalised", "ordinals", "relative_dates", "weekday_last", "weekday_next", "day_parts")


TITLE_MAX = 200         # characters: a longer first line is a paragraph, not a title


METADATA_MAX = 200      # characters: a longer line at the top is body text


DATE_FORMATS = ("2016-09-05, 5/09/16, 5/9/2016, 5 September 2016, 5 september 2016, "
                "September 5, 2016, Sep 5 2016, Mon Aug 29 2016")


_HEADER = re.compile(r"([a-z]+):[ \t]*(.*?)\s*")


_HEADERISH = re.compile(r"\s*([A-Za-z]+)(?:\s*[:=]|[ \t]+(?=\S))\s*(.*?)\s*")


_TIME = re.compile(r"(?<![\w.:])\d{1,2}[u:h.]\d{2}(?::\d{2})?(?:\s*(?:uur|am|pm|a\.m\.|p\.m\.))?"
                   r"(?!\w)", re.I)


_PUNCT = re.compile(r"[\s\-–—|•·,;:/()\[\].]+")


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class Languages:
    """kg/data/languages.toml, compiled: what reading needs to know about each language."""

    words: dict[str, frozenset[str]]    # code -> function words
    names: dict[str, str]               # code or name ("dutch") -> code
    months: dict[str, int]              # name or abbreviation -> month number
    date: re.Pattern                    # a full date (groups: see _date_of)
    partial: re.Pattern                 # a month without a day: "2016-09", "September 2016"
    label: re.Pattern                   # "date", "datum", "updated"
    marker: re.Pattern                  # "Bron:", "Door:", "©" ... (group kind: source/other)
    byline: re.Pattern                  # "By John Smith" without a colon
    list_split: re.Pattern              # between items of "Belga, AFP en DPA"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def load_languages() -> Languages:
    """Read and compile kg/data/languages.toml (shipped in the kg.data package)."""
    raw = tomllib.loads(files("kg.data").joinpath("languages.toml").read_text("utf-8"))
    for code, table in raw.items():
        for key in set(table) ^ set(LANGUAGE_KEYS):
            close = difflib.get_close_matches(key, LANGUAGE_KEYS, 1)
            hint = f"Did you mean '{close[0]}'?" if key in table and close else \
                f"Every language needs: {', '.join(LANGUAGE_KEYS)}"
            raise KgError(f"kg/data/languages.toml: [{code}] key '{key}' is "
                          f"{'unknown' if key in table else 'missing'}", hint)
    months: dict[str, int] = {}
    ambiguous: set[str] = set()
    for table in raw.values():
        for number, name in enumerate(table["months"], 1):
            for k in range(3, len(name)):
                if months.setdefault(name[:k], number) != number:
                    ambiguous.add(name[:k])
    for prefix in ambiguous:
        del months[prefix]
    for table in raw.values():
        months.update({name: number for number, name in enumerate(table["months"], 1)})
        months.update(table["month_abbreviations"])
    month = rf"(?:{_alternation(months)})\b\.?"
    weekdays = {d[:k] for t in raw.values() for d in t["weekdays"] for k in range(2, len(d) + 1)}

    def both(key: str) -> str:
        return _alternation(w for t in raw.values() for w in t[key])
    date = re.compile(
        rf"(?<![\w/.-])(?:(?:{_alternation(weekdays)})\b\.?,?\s+)?(?:"
        r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d-])"
        r"|(?P<nd>\d{1,2})(?P<sep>[/.-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})(?![\d/-])"
        rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th|ste|de|e)?\.?\s+(?P<dm>{month}),?\s+"
        r"(?P<dy>\d{4})(?!\d)"
        rf"|(?P<mm>{month})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})(?!\d))", re.I)
    partial = re.compile(rf"(?<![\w/.-])(?:\d{{4}}-\d{{1,2}}|\d{{1,2}}/\d{{4}}|(?:{month}),?\s+"
                         r"\d{4})(?![\w/-])", re.I)
    return Languages(
        words={code: frozenset(t["words"]) for code, t in raw.items()},
        names={name: code for code, t in raw.items() for name in (code, *t["names"])},
        months=months, date=date, partial=partial,
        label=re.compile(rf"(?<!\w)(?:{both('date_labels')})(?!\w)\s*:?", re.I),
        marker=re.compile(rf"(?<!\w)(?:(?P<source>{both('source')})|{both('byline')}|"
                          rf"{both('credit')})\s*:|(?<!\w)(?:©|\(c\))", re.I),
        byline=re.compile(rf"(?i:{both('byline')})\s+(?:[A-Z][\w.'-]*|[a-z]{{1,3}})"
                          r"(?:\s+(?:[A-Z][\w.'-]*|[a-z]{1,3}|&)){0,6}\.?"),
        list_split=re.compile(rf"\s*(?:[,;/&+]|\b(?:{both('list_and')})\b)\s*"),
    )


def _date_of(m: re.Match, months: dict[str, int]) -> dt.date:
    """The date a match of `Languages.date` denotes; ValueError when no such day exists."""
    g = m.groupdict()
    if g["iy"]:
        return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["nd"]:
        year = int(g["ny"]) + (0 if len(g["ny"]) == 4 else 2000 if int(g["ny"]) < 69 else 1900)
        try:
            return dt.date(year, int(g["nm"]), int(g["nd"]))
        except ValueError:                       # 9/25/16: only month first makes sense
            return dt.date(year, int(g["nd"]), int(g["nm"]))
    day, name, year = (g["dd"], g["dm"], g["dy"]) if g["dd"] else (g["md"], g["mm"], g["my"])
    return dt.date(int(year), months[name.rstrip(".").lower()], int(day))


def first_date(matches: Iterable[re.Match], months: dict[str, int]) -> dt.date | None:
    """The first match that is a real day (an impossible date is no date); None if none is."""
    for m in matches:
        try:
            return _date_of(m, months)
        except ValueError:
            continue
    return None


def parse_date(value: str, *, where: str = "--date", languages: Languages | None = None) -> dt.date:
    """A whole string as a date in one of DATE_FORMATS; KgError naming `where` otherwise."""
    languages = languages or load_languages()
    m = languages.date.fullmatch(value.strip())
    if not m:
        raise KgError(f"{where}: '{value}' is not a date kg can read",
                      f"Write a full date, e.g. 2016-09-05 (also read: {DATE_FORMATS})")
    try:
        return _date_of(m, languages.months)
    except ValueError:
        raise KgError(f"{where}: date '{value}' does not exist",
                      "Check day and month, and write it as YYYY-MM-DD") from None


def detect_language(text: str, languages: Languages | None = None) -> str | None:
    """The language whose function words occur most often in `text`; None on a tie or none."""
    languages = languages or load_languages()
    counts: dict[str, int] = dict.fromkeys(languages.words, 0)
    for word in _WORD.findall(text.lower()):
        for code, words in languages.words.items():
            counts[code] += word in words
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def checked_language(value: str, where: str, languages: Languages) -> str:
    code = languages.names.get(value.strip().lower().replace("_", "-").split("-")[0])
    if code is None:
        raise KgError(f"{where}: unknown language '{value}'",
                      f"Use one of the languages kg knows: {', '.join(sorted(languages.words))}")
    return code


def metadata_line(line: str, languages: Languages) -> tuple[dt.date | None, list[str]] | None:
    """(date, sources) when `line` is a loose metadata line; None when it is body text."""
    line = line.strip()
    if len(line) > METADATA_MAX:
        return None
    markers = list(languages.marker.finditer(line))
    head = line[:markers[0].start()] if markers else line
    rest = head
    for pattern in (languages.date, languages.partial, _TIME, languages.label):
        rest = pattern.sub(" ", rest)
    if _PUNCT.sub("", rest):
        return (None, []) if not markers and languages.byline.fullmatch(line) else None
    day = first_date(languages.date.finditer(head), languages.months)
    sources: list[str] = []
    for i, m in enumerate(markers):
        if m.group("source"):
            end = markers[i + 1].start() if i + 1 < len(markers) else len(line)
            sources += [s.strip(" .") for s in languages.list_split.split(line[m.end():end])]
    return day, [s for s in dict.fromkeys(sources) if s]


def _misspelt(line: tuple, name: str, languages: Languages, in_header: bool) -> None:
    """KgError when a line at the top is a header line gone wrong: a key close to a known one
    ("lnag: en"), a known key in the wrong form ("Title: ...", "lang = en", "source Belga" inside
    a header). Loose metadata ("Date: 5 september 2016", "Bron: Belga") is not checked here."""
    number, _, text = line
    m = _HEADER.fullmatch(text)
    if m and m.group(1) not in HEADER_KEYS + IGNORED_KEYS:
        close = difflib.get_close_matches(m.group(1), HEADER_KEYS, 1, cutoff=0.75)
        if close:
            raise KgError(f"{name}: line {number}: unknown header '{m.group(1)}:'",
                          f"Did you mean '{close[0]}:'? (header keys: {', '.join(HEADER_KEYS)})")
        return
    m = None if m else _HEADERISH.fullmatch(text)
    if not m or m.group(1).lower() not in HEADER_KEYS or metadata_line(text, languages) is not None:
        return
    if not in_header and not re.match(r"\s*[A-Za-z]+\s*[:=]", text):
        return                                  # "Title fight in Aleppo" is text, not a header
    raise KgError(f"{name}: line {number}: '{text.strip()[:60]}' is a broken header line",
                  f"Write it as '{m.group(1).lower()}: {m.group(2)[:40]}' (lower-case key, a colon), "
                  "and end the header with a blank line")


def header_lines(lines: list, name: str, languages: Languages) -> tuple[dict, int]:
    """The header lines' values and the index of the first line after the header."""
    values: dict = {"source": []}
    if lines:
        _misspelt(lines[0], name, languages, in_header=False)
    first = _HEADER.fullmatch(lines[0][2]) if lines else None
    if not first or first.group(1) not in HEADER_KEYS:
        return values, 0
    seen: dict[str, int] = {}
    i = 0
    while i < len(lines) and (m := _HEADER.fullmatch(lines[i][2])):
        _misspelt(lines[i], name, languages, in_header=True)
        number, key, value = lines[i][0], m.group(1), m.group(2)
        i += 1
        key = "lang" if key == "language" else key
        if not value or key not in ("source", "date", "lang", "title"):
            continue
        if key in seen and key != "source":
            raise KgError(f"{name}: line {number}: '{key}:' given twice "
                          f"(first on line {seen[key]})", "Keep one of the two lines")
        seen[key] = number
        where = f"{name}: line {number}"
        if key == "source":
            values["source"].append(value)
        else:
            values[key] = parse_date(value, where=where, languages=languages) if key == "date" \
                else checked_language(value, where, languages) if key == "lang" else value
    if i < len(lines) and lines[i][2].strip():
        _misspelt(lines[i], name, languages, in_header=True)
    return values, i


def strip_metadata(text: str, languages: Languages) -> tuple[str, dt.date | None]:
    """`text` without the loose metadata lines at its top (a dateline, "Bron: Belga") and the
    first date they give; `text` unchanged when nothing but metadata is in it."""
    lines = text.split("\n")
    day, i = None, 0
    while i < len(lines):
        if lines[i].strip():
            meta = metadata_line(lines[i], languages)
            if meta is None:
                break
            day = day or meta[0]
        i += 1
    rest = "\n".join(lines[i:]).strip()
    return (rest, day) if rest else (text, None)

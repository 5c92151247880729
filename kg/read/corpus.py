"""Corpora as they come: files of many articles and saved web pages.

A CSV (``.csv``), TSV (``.tsv``) or JSON Lines (``.jsonl``, ``.ndjson``) file holds one article
per row; a saved news page (``.html``, ``.htm``) holds one article amid navigation, scripts and
ads. These files are never read as plain text.

Columns (``Columns``; ``kg build --text-col`` ...): each field takes the column given, else the
first of ``DEFAULTS`` the file has: text ``text``/``body``/``content``, title ``title``/
``headline``, date ``date``/``published``, doc id ``id``/``url``, language ``lang``/``language``.
Only the text column is needed. The doc id is the id column's value (a URL gives its last path
segment, ``.../wiki/Some_title`` is ``Some_title``), else ``<file name>-<row>``.

A row's ``Article.text`` is its title, a blank line and its text (the title is read for events as
a text file's first line is; it is not repeated when the text already starts with it), with loose
metadata at the top of the text cell (a dateline "Friday, January 4, 2019") taken off as for text
files. Fields take: options > columns > a date in that metadata > none. ``Article.part`` names the
row ("row 12"); offsets count characters of ``Article.text``.

A page's main text is taken out by trafilatura (a maintained extractor of news text; its
``bare_extraction`` drops navigation, scripts, comments and boilerplate), its title and date from
the page's metadata (``og:title``, ``article:published_time``, ...; htmldate).

A file that cannot be read (encoding, CSV quoting, no text column) is one error; a row that
cannot (no text, a bad date) is an error for that row, and the other rows are read.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from kg.base.errors import KgError
from kg.base.model import Article
from kg.read import article as reader
from kg.read import header
from kg.read.header import Languages

TABLES = {".csv": ",", ".tsv": "\t"}
LINES = (".jsonl", ".ndjson")
PAGES = (".html", ".htm")
SUFFIXES = reader.CORPUS_SUFFIXES           # (*TABLES, *LINES, *PAGES)
FIELDS = ("text", "title", "date", "id", "lang")
DEFAULTS = {"text": ("text", "body", "content"), "title": ("title", "headline"),
            "date": ("date", "published"), "id": ("id", "url"), "lang": ("lang", "language")}
MAX_FILE_BYTES = 500_000_000     # a corpus file: about 250,000 news articles
MAX_PAGE_BYTES = 20_000_000      # a saved page, markup and inline scripts included
_DOC_UNSAFE = re.compile(r"[^\w.~-]+")
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


@dataclass(frozen=True)
class Columns:
    """Which column holds each field (None: the first of DEFAULTS the file has)."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    id: str | None = None
    lang: str | None = None

    def pick(self, header: list[str], name: str) -> dict[str, str | None]:
        """field -> the column it is read from (None when the file has none); KgError when a
        given column, or any text column, is missing."""
        chosen: dict[str, str | None] = {}
        for field in FIELDS:
            given = getattr(self, field)
            if given is not None and given not in header:
                close = difflib.get_close_matches(given, header, 1)
                raise KgError(f"{name}: no column '{given}' (--{field}-col); its columns are: "
                              f"{', '.join(header)}", f"Did you mean --{field}-col {close[0]}?" if close
                              else f"Give --{field}-col one of its columns")
            chosen[field] = given or next((c for c in DEFAULTS[field] if c in header), None)
        if chosen["text"] is None:
            raise KgError(f"{name}: no text column (looked for {', '.join(DEFAULTS['text'])}); its "
                          f"columns are: {', '.join(header) or 'none'}",
                          "Name the column of the article text with --text-col NAME")
        return chosen


def read_all(paths: Sequence[str | Path], *, columns: Columns = Columns(), lang: str | None = None,
             date: dt.date | None = None, strict: bool = False, stdin: TextIO | None = None, doc: str | None = None) -> tuple[list[Article], list[KgError]]:
    """Every article under `paths` (text files, corpus files row by row, pages, "-" for stdin named
    `doc`), and one KgError per file or row that could not be read (kg.read.article.read_all)."""
    return reader.read_all([str(p) for p in paths], lang=lang, date=date, strict=strict, stdin=stdin,
                           doc=doc, files=lambda name, **options: read_file(name, columns=columns, **options))


def count(path: str | Path) -> int:
    """How many articles a file holds, for a progress total: rows of a corpus file (0 when it
    cannot be read: its error comes when it is read), else 1."""
    suffix = Path(str(path)).suffix.lower()
    if suffix not in TABLES and suffix not in LINES:
        return 1
    try:
        text = Path(path).read_text("utf-8-sig", errors="replace")
        if suffix in LINES:
            return sum(1 for line in text.splitlines() if line.strip())
        csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
        return max(0, sum(1 for row in csv.reader(io.StringIO(text, newline=""), delimiter=TABLES[suffix])
                          if row) - 1)
    except (OSError, csv.Error):
        return 0


def is_corpus(path: str | Path) -> bool:
    """Whether kg reads this file as a corpus file or a page (by its extension)."""
    return Path(str(path)).suffix.lower() in SUFFIXES


def read_file(path: str | Path, *, columns: Columns = Columns(), lang: str | None = None,
              date: dt.date | None = None, languages: Languages | None = None,
              max_bytes: int | None = None) -> tuple[list[Article], list[KgError]]:
    """The articles of one corpus file or page, and an error per row that could not be read.
    A KgError when the file itself cannot be read."""
    languages = languages or header.load_languages()
    name, suffix = str(path), Path(str(path)).suffix.lower()
    data = _bytes(Path(path), name, MAX_PAGE_BYTES if suffix in PAGES else MAX_FILE_BYTES)
    if suffix in PAGES:
        return [page(data, name, lang=lang, date=date, languages=languages)], []
    text = reader.decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    rows = _jsonl_rows(text, name) if suffix in LINES else _table_rows(text, name, TABLES[suffix], columns)
    articles, errors = [], []
    for number, fields in rows:
        try:
            if isinstance(fields, KgError):
                raise fields
            articles.append(_row(fields, number, name, columns=columns, lang=lang, date=date,
                                 languages=languages, max_bytes=max_bytes or reader.MAX_BYTES))
        except KgError as error:
            errors.append(error)
    articles = _file_language(articles, errors, name)
    if not articles and not errors:
        raise KgError(f"{name}: no rows", "Give a file with a header and one article per row")
    return articles, errors


def _bytes(path: Path, name: str, limit: int) -> bytes:
    if not path.exists():
        raise KgError(f"{name}: no such file", "Check the path")
    try:
        size = path.stat().st_size
        if size > limit:
            raise KgError(f"{name}: {size / 1e6:.0f} MB is too large (the limit is {limit / 1e6:g} MB)",
                          "Split it into several files")
        return path.read_bytes()
    except OSError as e:
        raise KgError(f"{name}: cannot be read ({e.strerror})", "Check its permissions") from None


def _table_rows(text: str, name: str, delimiter: str, columns: Columns) -> Iterator[tuple[int, dict]]:
    """(row number, {column: value}) of a CSV/TSV file; the header is checked first."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    kind = "TSV" if delimiter == "\t" else "CSV"
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as e:
        raise _quoting(name, 1, e, kind) from None
    if not header or not any(header):
        raise KgError(f"{name}: no header line", f"Start the {kind} file with the column names, e.g. "
                      f"{delimiter.join(('id', 'date', 'title', 'text'))}")
    columns.pick(header, name)          # a missing column fails before any row is read
    return _table_body(reader, header, name, kind)


def _table_body(reader, header: list[str], name: str, kind: str) -> Iterator[tuple[int, dict]]:
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise _quoting(name, line, e, kind) from None
        if not values:
            continue
        number += 1
        if len(values) != len(header):
            yield number, KgError(f"{name}: row {number} (line {line}) has {len(values)} fields, the "
                                  f"header {len(header)}", "Quote fields that hold the delimiter or "
                                  "line breaks (\"...\", quotes inside doubled)")
            continue
        yield number, dict(zip(header, values))


def _quoting(name: str, line: int, error: csv.Error, kind: str) -> KgError:
    return KgError(f"{name}: line {line}: not valid {kind} ({error})",
                   "Write fields with quotes, delimiters or line breaks in double quotes, quotes inside "
                   "doubled (as spreadsheets and Python's csv module do)")


def _jsonl_rows(text: str, name: str) -> Iterator[tuple[int, dict | KgError]]:
    for line_number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as e:
            yield line_number, KgError(f"{name}: line {line_number}: not JSON ({e.msg})",
                                       "Write one JSON object per line")
            continue
        if not isinstance(value, dict):
            yield line_number, KgError(f"{name}: line {line_number}: a JSON {type(value).__name__}, "
                                       "not an object", 'Write one object per line: {"text": "..."}')
            continue
        yield line_number, {str(k): v for k, v in value.items()}


def _row(fields: dict, number: int, name: str, *, columns: Columns, lang, date, languages,
         max_bytes: int) -> Article:
    """One article from one row."""
    unit = "line" if Path(name).suffix.lower() in LINES else "row"
    where = f"{name}: {unit} {number}"
    col = columns.pick(list(fields), where)
    value = {f: _cell(fields.get(c), f"{where}: column '{c}'") if c else "" for f, c in col.items()}
    if not value["text"].strip():
        raise KgError(f"{where}: no text in column '{col['text']}'", f"Fill it, or remove the {unit}")
    if len(value["text"].encode("utf-8")) > max_bytes:
        raise KgError(f"{where}: {len(value['text'].encode()) / 1e6:.1f} MB is too large for one article "
                      f"(the limit is {max_bytes / 1e6:g} MB)", "Split it into its articles")
    if col["id"]:
        doc = doc_id(value["id"])
        if not doc:
            raise KgError(f"{where}: no doc id in column '{col['id']}'",
                          f"Fill it, or pass --id-col with another column (without one: {Path(name).stem}-<{unit}>)")
    else:
        doc = f"{_DOC_UNSAFE.sub('-', Path(name).stem).strip('-') or 'corpus'}-{number}"
    body, loose_date = header.strip_metadata(value["text"], languages)
    day = date or (_date(value["date"], f"{where}: column '{col['date']}'", languages)
                   if value["date"].strip() else None) or loose_date
    return _article(doc, value["title"].strip(), body, lang=lang or value["lang"].strip() or None,
                    date=day, path=name, part=f"{unit} {number}", where=where, languages=languages)


def _file_language(articles: list[Article], errors: list[KgError], name: str) -> list[Article]:
    """Rows too short to tell their language ("Monday, March 15, 2021") take the language most
    rows of the file are in; without one they are errors."""
    counts: dict[str, int] = {}
    for a in articles:
        if a.lang:
            counts[a.lang] = counts.get(a.lang, 0) + 1
    common = max(sorted(counts), key=counts.__getitem__) if counts else None
    if common is None:
        errors += [_no_language(f"{name}: {a.part}") for a in articles]
        return []
    return [a if a.lang else replace(a, lang=common) for a in articles]


def _no_language(where: str) -> KgError:
    return KgError(f"{where}: cannot tell the language of the text",
                   "Add a language column (--lang-col) or pass --lang")


def _cell(value, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    raise KgError(f"{where}: a JSON {type(value).__name__}, not text", "Give the field as a string")


def _date(value: str, where: str, languages) -> dt.date:
    m = _ISO_TIME.match(value.strip())           # 2019-01-04T10:00:00Z: the day is enough
    return header.parse_date(m.group(1) if m else value, where=where, languages=languages)


def doc_id(value: str) -> str:
    """A doc id from an id cell: a URL gives its last path segment (and query), else the value
    with characters an IRI cannot hold replaced by '-'."""
    value = value.strip()
    if "://" in value:
        parts = urlsplit(value)
        value = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or parts.netloc
        value += f"-{parts.query}" if parts.query else ""
    return _DOC_UNSAFE.sub("-", value).strip("-")


def _article(doc: str, title: str, body: str, *, lang, date, path: str, part: str | None, where: str,
             languages) -> Article:
    """An Article of a row or page: the title, a blank line and the text."""
    body = body.strip()
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    lang = header.checked_language(lang, where, languages) if lang else header.detect_language(text, languages)
    if lang is None and part is None:
        raise KgError(f"{where}: cannot tell the language of the text",
                      "Pass --lang, or check that the page holds the article (not an index page)")
    return Article(doc=doc, text=text, lang=lang, title=title or None, date=date, path=path, part=part)


def page(data: bytes, name: str, *, lang: str | None = None, date: dt.date | None = None,
         languages: Languages | None = None) -> Article:
    """The article of a saved news page: its main text, title and date (trafilatura)."""
    try:
        import trafilatura
    except ImportError as e:                    # a dependency; lxml's html cleaner may be missing
        raise KgError(f"{name}: cannot read HTML pages ({e})",
                      "Install kg's dependencies again: pip install trafilatura lxml_html_clean") from None
    found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                        include_tables=False, include_images=False, deduplicate=False)
    text = (found.text or "") if found is not None else ""
    if not text.strip():
        raise KgError(f"{name}: no article text found in the page",
                      "Save the article's own page (not an index), or save its text as .txt")
    day = date
    if day is None and found.date:
        try:
            day = dt.date.fromisoformat(found.date[:10])
        except ValueError:
            day = None
    stem = _DOC_UNSAFE.sub("-", Path(name).stem).strip("-") or "page"
    return _article(stem, (found.title or "").strip(), text, lang=lang, date=day, path=name, part=None,
                    where=name, languages=languages)

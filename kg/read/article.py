"""Reading articles: a text file (or stdin) becomes an `Article` with its metadata.

An article file is UTF-8 text (a UTF-8 or UTF-16 byte-order mark is honoured). It may start with
header lines, ``key: value`` up to the first blank line, keys from ``HEADER_KEYS`` (``url:``,
``author:`` and, once the header has started, any other lowercase key are ignored), then loose
metadata lines as news sites leave them (dates, times, ``Bron: Belga, AFP``, ``Door: redactie``,
``By John Smith``, ``© Reuters``), removed only at the top, before the first line of body text.

``Article.text`` is the rest, and ``text == normalised[offset:offset + len(text)]``, where
*normalised* is the decoded file without its byte-order mark and with CRLF/CR line ends turned
into ``\\n``: offsets count characters of that normalised text, not bytes of the file.

Each field takes the first value found in: options > header lines > loose metadata (then a date
opening the first body line, as in ``Mon Aug 29 2016 40 civilians ...``) > a ``yyyy-mm-dd`` in the
file name > None. Numeric dates are read day first (``5/09/16`` is 5 September 2016), as Dutch and
most non-US news sites write them; only when that is impossible (``9/25/16``) month first. Two-digit
years 00-68 are 20xx, 69-99 are 19xx (as POSIX ``strptime``). The title is the ``title:`` header,
else a first body line shorter than 200 characters, without final punctuation and followed by a
blank line; it stays in ``text``. The language is the option, the header, or else the language
whose function words (kg/data/languages.toml) are most frequent in the text.

Text that is not UTF-8 is refused, not guessed: Windows-1252 decodes almost any bytes, so a guess
would turn other encodings into wrong letters in actor names without a word of warning.
"""
from __future__ import annotations

import codecs
import datetime as dt
import difflib
import hashlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from kg.base.errors import KgError
from kg.base.model import Article
from kg.read.header import (  # noqa: F401 - parse_date, strip_metadata: kg.read.article's, as before
    TITLE_MAX,
    Languages,
    checked_language,
    detect_language,
    first_date,
    header_lines,
    load_languages,
    metadata_line,
    parse_date,
    strip_metadata,
)

#: Files of many articles (one per row) and saved web pages: read by kg/read/corpus.py, never as text.
CORPUS_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".html", ".htm")
#: What a folder build reads: text files, corpus files and saved pages.
READ_IN_FOLDERS = (".txt", *CORPUS_SUFFIXES)
MAX_BYTES = 2_000_000   # an article file larger than this is refused (about 20x a long read)
HTML_NEAR_TOP = 1024    # characters searched for <html / <!DOCTYPE html

_HTML = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_DOC_UNSAFE = re.compile(r"[^\w.~-]+")
_ISO_IN_NAME = re.compile(r"(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)")


def read_text(text: str, *, doc: str, path: str | None = None, lang: str | None = None,
              date: dt.date | None = None, languages: Languages | None = None) -> Article:
    """An Article from decoded text; `doc` is its id, `path` where it came from (for messages)."""
    languages = languages or load_languages()
    name = path if path not in (None, "-") else ("stdin" if path == "-" else doc)
    if not re.fullmatch(r"[\w.~-]+", doc):
        raise KgError(f"doc id '{doc}' has characters that cannot go into an IRI",
                      "Use letters, digits, '.', '_', '~' and '-' only")
    lang = lang and checked_language(lang, "lang option", languages)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise KgError(f"{name}: empty file (no text)", "Give a file with the article's text")
    if "\x00" in text:
        raise KgError(f"{name}: binary file (it contains NUL bytes)",
                      "Give the article as plain UTF-8 text")
    if _HTML.search(text.lstrip()[:HTML_NEAR_TOP]):
        raise KgError(f"{name}: an HTML page, not article text",
                      "Extract the article's text first and save it as UTF-8 .txt "
                      "(e.g. `lynx -dump -nolist page.html > article.txt`)")
    lines = [(n, m.start(), m.group()) for n, m in enumerate(re.finditer("^.*$", text, re.M), 1)]
    header, i = header_lines(lines, name, languages)
    loose_date, loose_sources = None, []
    while i < len(lines):
        if lines[i][2].strip():
            meta = metadata_line(lines[i][2], languages)
            if meta is None:
                break
            loose_date = loose_date or meta[0]
            loose_sources += [s for s in meta[1] if s not in loose_sources]
        i += 1
    if i == len(lines):
        raise KgError(f"{name}: no article text after the header and metadata lines",
                      "Put the article's text after the first blank line")
    _, start, line = lines[i]
    offset = start + len(line) - len(line.lstrip())
    body = text[offset:].rstrip()
    first = body.split("\n", 1)[0].rstrip()
    titled = len(first) < TITLE_MAX and not first.endswith(tuple(".!?:;,")) \
        and body[len(first):].startswith("\n\n")
    opening = body[len(first):].lstrip() if titled else body       # the first paragraph
    dateline = first_date(filter(None, [languages.date.match(opening)]), languages.months)
    stem = Path(path).stem if path not in (None, "-") else doc
    from_name = first_date(_ISO_IN_NAME.finditer(stem), languages.months)
    lang = lang or header.get("lang") or detect_language(body, languages)
    if lang is None:
        raise KgError(f"{name}: cannot tell the language of the text",
                      f"Add a header line 'lang: {sorted(languages.words)[0]}' or pass the "
                      f"language ({', '.join(sorted(languages.words))})")
    return Article(
        doc=doc, text=body, lang=lang, title=header.get("title") or (first if titled else None),
        date=next((d for d in (date, header.get("date"), loose_date, dateline, from_name) if d),
                  None),
        sources=tuple(header["source"] or loose_sources), path=path, offset=offset,
    )


def decode(data: bytes, name: str) -> str:
    """Bytes of an article file as text: UTF-8 (BOM optional) or UTF-16 with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise KgError(f"{name}: starts with a UTF-16 byte-order mark but is not UTF-16",
                          "Save it again as UTF-8 text") from None
    if b"\x00" in data:
        raise KgError(f"{name}: binary file (it contains NUL bytes)",
                      "Give the article as plain UTF-8 text (UTF-16 needs a byte-order mark)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise KgError(f"{name}: not UTF-8 text (byte 0x{data[e.start]:02X} at offset {e.start})",
                      "Convert it, e.g. with iconv -f WINDOWS-1252 -t UTF-8 (or from its real "
                      "encoding)") from None


def text_id(text: str) -> str:
    """The doc id of an unnamed article (stdin): 'stdin-' and the start of its text's SHA-256."""
    return "stdin-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _too_big(name: str, size: int, limit: int) -> KgError:
    return KgError(f"{name}: {size / 1e6:.1f} MB is too large for one article (the limit is "
                   f"{limit / 1e6:g} MB)", "Split it into its articles, one .txt file each")


def _read_stdin(stdin: TextIO, *, max_bytes: int = MAX_BYTES, **options) -> Article:
    raw = stdin.buffer.read(max_bytes + 1) if hasattr(stdin, "buffer") else stdin.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise _too_big("stdin", len(raw), max_bytes)
    text = decode(raw, "stdin") if isinstance(raw, bytes) else raw
    if options.get("doc") is None:       # unnamed: an id of its own, so a second one adds, not replaces
        options["doc"] = text_id(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    return read_text(text, path="-", **options)


def read(path: str | Path, *, lang: str | None = None, date: dt.date | None = None,
         doc: str | None = None, languages: Languages | None = None,
         max_bytes: int = MAX_BYTES) -> Article:
    """One article from a file ("-" reads stdin). Raises KgError naming the file and the fix.

    A file larger than `max_bytes` is refused before it is read (memory and time stay bounded)."""
    name = str(path)
    options = dict(lang=lang, date=date, languages=languages)
    if name == "-":
        return _read_stdin(sys.stdin, doc=doc, max_bytes=max_bytes, **options)
    p = Path(path)
    if not p.exists():
        siblings = [s.name for s in p.parent.iterdir()] if p.parent.is_dir() else []
        close = difflib.get_close_matches(p.name, siblings, 1, cutoff=0.8)
        raise KgError(f"{name}: no such file",
                      f"Did you mean {p.parent / close[0]}?" if close else "Check the path")
    if p.is_dir():
        raise KgError(f"{name}: is a folder, not a file",
                      "Pass it to read_all (kg build reads every .txt file in a folder)")
    if p.suffix.lower() in CORPUS_SUFFIXES:          # never read as plain text
        raise KgError(f"{name}: a corpus file or saved page ({p.suffix}), not plain text",
                      "Read it with kg.read.corpus.read_file or kg.read.corpus.read_all (kg build does)")
    data = _read_bytes(p, name, max_bytes)
    return read_text(decode(data, name), path=name,
                     doc=doc or _DOC_UNSAFE.sub("-", p.stem).strip("-") or "article", **options)


def _read_bytes(p: Path, name: str, max_bytes: int) -> bytes:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_big(name, size, max_bytes)
        return p.read_bytes()
    except OSError as e:
        raise KgError(f"{name}: cannot be read ({e.strerror})", "Check its permissions") from None


def _expand(path: str) -> list[str]:
    if path == "-" or not os.path.isdir(path):
        return [path]
    found = []
    for root, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, n) for n in names
                  if n.lower().endswith(READ_IN_FOLDERS) and not n.startswith(".")]
    if not found:
        raise KgError(f"{path}: folder has no .txt files (nor {', '.join(CORPUS_SUFFIXES)})",
                      "Save the articles as .txt files (UTF-8) in it, or pass the files themselves")
    return sorted(found, key=lambda f: Path(os.path.relpath(f, path)).parts)


def iter_paths(paths: Sequence[str]) -> list[str]:
    """Files to read: files as given, folders searched recursively for the files of
    READ_IN_FOLDERS (sorted, hidden
    files and folders skipped), "-" for stdin; each path once. KgError on a folder without .txt."""
    return list(dict.fromkeys(f for path in paths for f in _expand(str(path))))


def read_all(paths: Sequence[str], *, lang: str | None = None, date: dt.date | None = None,
             strict: bool = False, stdin: TextIO | None = None, doc: str | None = None,
             files: Callable[..., tuple[list[Article], list[KgError]]] | None = None
             ) -> tuple[list[Article], list[KgError]]:
    """Every article under `paths`, and one KgError per file (or row) that could not be read.

    With strict=True the first error is raised instead. Two articles with the same doc id
    (file name without extension) are an error for the second. `stdin` defaults to sys.stdin;
    `doc` names the article read from it (default: from its text's hash, `text_id`).
    `files(name, **options)` reads the corpus files and pages (kg.read.corpus.read_all passes its
    reader); without it they are an error, never read as text."""
    languages = load_languages()
    options = dict(lang=lang and checked_language(lang, "lang option", languages), date=date,
                   languages=languages)
    errors: list[KgError] = []
    owners: dict[str, str] = {}                   # doc id -> the file (and row) that has it

    def attempt(step):
        try:
            return step()
        except KgError as e:
            if strict:
                raise
            errors.append(e)
            return None

    def read_one(name: str) -> list[Article]:
        if name == "-":
            found = [_read_stdin(stdin or sys.stdin, doc=doc, **options)]
        elif files is not None and Path(name).suffix.lower() in CORPUS_SUFFIXES:
            found, bad = files(name, **options)
            for error in bad:
                attempt(lambda: _raise(error))
        else:
            found = [read(name, **options)]
        return [a for a in found if attempt(lambda: _owned(a, owners))]

    names: dict[str, None] = {}
    for path in paths:
        names.update(dict.fromkeys(attempt(lambda: _expand(str(path))) or ()))
    articles = [a for name in names for a in (attempt(lambda: read_one(name)) or ())]
    return articles, errors


def where(article: Article) -> str:
    """Where an article was read from, for messages: its file, and the row in a corpus file."""
    name = "stdin" if article.path == "-" else article.path or article.doc
    return f"{name}: {article.part}" if article.part else name


def _owned(article: Article, owners: dict[str, str]) -> bool:
    """Take the article's doc id for it; KgError when another article of this build has it."""
    if article.doc in owners:
        raise KgError(f"{where(article)}: doc id '{article.doc}' is already used by "
                      f"{owners[article.doc]}", "Give the rows ids of their own (or another --id-col)"
                      if article.part else "Rename one of the files: the file name without "
                      "extension names the article in the graph")
    owners[article.doc] = where(article)
    return True


def _raise(error: KgError):
    raise error

"""The TABARI dictionary format, which PETRARCH kept: actor and agent files read into records.

Actors (PETRARCH2 docs, "Dictionary formats"):

    GONDOR [GON]                        an entry: a phrase (words joined by _ or blanks), its code
    +MINAS_TIRITH                       a synonym of the entry above
    GOLLUM                              an entry whose code depends on the date:
        [HOB < 950601]                      on or before 1 June 1995 (yymmdd: 00-30 is 20xx)
        [HOBGOV 19950601 - 19990815]        between two dates, both included
        [HOBREB > 990816]                   on or after
        [HOB]                               the default code, as after the phrase

Agents: `SOLDIER [~MIL]` (a noun for an organ of the actor it follows; NGO~ goes before the
actor's code), `ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]` (the plural; `{}` none; else S, IES
after Y, ES after S), `!PERSON! = MAN, WOMAN` and `CONGRESS!PERSON! [~LEG]` (substitutions).
Comments: `#` and `;` to the end of the line, `<!-- ... -->` (also over lines), lines starting
with `<!`; `---STOP---` ends the file.

A line PETRARCH cannot read is a KgError naming the file and line (PETRARCH logs and skips it).
Constructs read on purpose in another way are counted as `DictionaryWarning`s: several codes in one
("LORIEN [ELR/GAL]", skipped: a kg label names one actor), null codes (---, +++, ###), entries
without a code (skipped), lower-case codes (read in upper case), blanks between agent words
(PETRARCH: words may come between; read as adjacent words).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kg.base.errors import KgError
from kg.petrarch.cameo import cameo

_RESTRICTION = re.compile(r"\[\s*(?P<code>[^\s\]<>]+)\s*(?P<rest>[^\]]*)\]\s*$")
_DATE = r"(\d{6}|\d{8})"
_BEFORE = re.compile(rf"<\s*{_DATE}")
_AFTER = re.compile(rf">\s*{_DATE}")
_BETWEEN = re.compile(rf"{_DATE}\s*-\s*{_DATE}")
_CODE = re.compile(r"[A-Z0-9]+")
OPEN = dt.date.min          # the start of a restriction without one ("<date"): 0001-01-01


@dataclass(frozen=True)
class DictionaryWarning:
    """A construct skipped or read loosely on purpose, with where it was."""

    kind: str
    path: str
    line: int
    text: str


@dataclass(frozen=True)
class Restriction:
    """One dated code of an actor entry: the code holds from `start` to `end`, both included."""

    code: str
    start: dt.date          # OPEN for "<date"
    end: dt.date            # date.max for ">date"
    line: int


@dataclass(frozen=True)
class ActorEntry:
    phrases: tuple[str, ...]            # as written, primary first
    code: str | None                    # the default code
    dated: tuple[Restriction, ...]
    line: int


@dataclass(frozen=True)
class AgentEntry:
    forms: tuple[str, ...]              # singular (or substituted) forms, then plurals
    code: str                           # "~MIL", "NGO~"
    line: int
    text: str                           # the line, for provenance


# --- reading -------------------------------------------------------------------------------

def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the lines that hold something, comments removed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KgError(f"{path}: no such dictionary file", "Check the path") from None
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})",
                      f"Convert it first, e.g. `iconv -f latin1 -t utf-8 {path}`") from None
    except OSError as exc:
        raise KgError(f"{path}: cannot read the dictionary ({exc.strerror})", "Check the path") from None
    out: list[tuple[int, str]] = []
    opened = 0
    for n, line in enumerate(text.splitlines(), 1):
        if opened:
            if "-->" in line:
                opened, line = 0, line.split("-->", 1)[1]
            else:
                continue
        if "---STOP---" in line:
            break
        if line.lstrip().startswith("<!"):
            if "-->" not in line and line.lstrip().startswith("<!--"):
                opened = n
            continue
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" not in tail:
                opened = n
                line = head
                break
            line = head + tail.split("-->", 1)[1]
        line = line.split("#", 1)[0].split(";", 1)[0].rstrip()
        if line.strip():
            out.append((n, line))
    if opened:
        raise KgError(f"{path} line {opened}: the comment `<!--` is never closed", "Close it with `-->`")
    return out


def _date(text: str, path: Path, n: int) -> dt.date:
    year, rest = (int(text[:4]), text[4:]) if len(text) == 8 else (int(text[:2]), text[2:])
    if len(text) == 6:
        year += 2000 if year <= 30 else 1900           # as PETRARCH: 00-30 is 20xx
    try:
        return dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        raise KgError(f"{path} line {n}: {text!r} is not a date",
                      "Write dates as yymmdd or yyyymmdd, e.g. 950601 or 19950601") from None


def read_actors(path: str | Path) -> tuple[list[ActorEntry], list[DictionaryWarning]]:
    """The entries of an actors dictionary, in file order, and the warnings met."""
    path = Path(path)
    entries: list[dict] = []
    warnings: list[DictionaryWarning] = []
    for n, line in _lines(path):
        body = line.strip()
        if line[:1].isspace() and body.startswith("["):
            if not entries:
                raise KgError(f"{path} line {n}: a dated code before any entry", "Put it under its entry")
            m = _RESTRICTION.match(body)
            if not m:
                raise KgError(f"{path} line {n}: cannot read the code {body!r}",
                              "Write [CODE], [CODE <yymmdd], [CODE >yymmdd] or [CODE yymmdd-yymmdd]")
            rest = m["rest"].strip()
            if not rest:
                entries[-1]["code"].append((m["code"], n))
                continue
            if b := _BETWEEN.fullmatch(rest):
                start, end = _date(b[1], path, n), _date(b[2], path, n)
                if end < start:
                    raise KgError(f"{path} line {n}: the period {rest!r} ends before it starts",
                                  "Swap the dates")
            elif b := _BEFORE.fullmatch(rest):
                start, end = OPEN, _date(b[1], path, n)
            elif b := _AFTER.fullmatch(rest):
                start, end = _date(b[1], path, n), dt.date.max
            else:
                raise KgError(f"{path} line {n}: cannot read the date restriction {rest!r}",
                              "Write <yymmdd, >yymmdd or yymmdd-yymmdd")
            entries[-1]["dated"].append((m["code"], start, end, n))
        elif body.startswith("+"):
            if not entries:
                raise KgError(f"{path} line {n}: a synonym (+) before any entry", "Put it under its entry")
            entries[-1]["phrases"].append(_phrase(body[1:], path, n))
        else:
            phrase, code = body, []
            if "[" in body or "]" in body:
                m = re.fullmatch(r"([^\[\]]*?)\s*\[\s*([^\s\[\]]+)\s*\]", body)
                if not m:
                    raise KgError(f"{path} line {n}: cannot read {body!r}",
                                  "Write PHRASE [CODE], with one code in brackets")
                phrase, code = m[1], [(m[2], n)]
            entries.append({"phrases": [_phrase(phrase, path, n)], "code": code, "dated": [], "line": n})
    out = []
    for e in entries:
        where = f"{' / '.join(e['phrases'])}"
        codes = [_code(c, path, cn, where, warnings) for c, cn in e["code"]]
        dated = [(_code(c, path, cn, where, warnings), s, t, cn) for c, s, t, cn in e["dated"]]
        if "" in codes or any(d[0] == "" for d in dated):
            continue                                    # multiple codes: counted, skipped
        dated = [Restriction(c or "---", s, t, cn) for c, s, t, cn in dated]
        default = codes[-1] if codes else None
        if default is None and not dated:
            if not e["code"]:                           # a null code was counted already
                warnings.append(DictionaryWarning("entry without a code, skipped", str(path),
                                                  e["line"], where))
            continue
        out.append(ActorEntry(tuple(e["phrases"]), default, tuple(dated), e["line"]))
    return out, warnings


def _phrase(text: str, path: Path, n: int) -> str:
    words = text.replace("_", " ").split()
    if not words:
        raise KgError(f"{path} line {n}: an entry without a phrase", "Give the phrase before the code")
    return " ".join(words)


def _code(code: str, path: Path, n: int, where: str, warnings: list[DictionaryWarning]) -> str | None:
    """The code upper-cased; None for a null code, "" for multiple codes (both counted)."""
    if "/" in code:
        warnings.append(DictionaryWarning("multiple codes (a kg label names one actor), skipped",
                                          str(path), n, f"{where} [{code}]"))
        return ""
    if code.upper() in cameo().null:
        warnings.append(DictionaryWarning("null code", str(path), n, f"{where} [{code}]"))
        return None
    if code != code.upper():
        warnings.append(DictionaryWarning("lower-case code read in upper case", str(path), n,
                                          f"{where} [{code}]"))
    if not _CODE.fullmatch(code.upper()):
        raise KgError(f"{path} line {n}: {code!r} is not a CAMEO code",
                      "A code is letters and digits (ISR, USAGOV); --- is the null code")
    return code.upper()


def read_agents(path: str | Path) -> tuple[list[AgentEntry], list[DictionaryWarning]]:
    """The entries of an agents dictionary, with plurals and substitutions expanded."""
    path = Path(path)
    markers: dict[str, list[str]] = {}
    out: list[AgentEntry] = []
    warnings: list[DictionaryWarning] = []
    for n, line in _lines(path):
        body = line.strip()
        if "!" in body and "=" in body:
            m = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", body)
            if not m:
                raise KgError(f"{path} line {n}: cannot read the substitution marker {body!r}",
                              "Write !NAME! = WORD, WORD, ...")
            markers[m[1]] = [w.strip() for w in m[2].split(",") if w.strip()]
            continue
        m = re.fullmatch(r"([^\[\]{}]+?)\s*(?:\{([^{}\[\]]*)\})?\s*\[\s*([^\s\[\]]+)\s*\]", body)
        if not m:
            fix = ("Close the plural with }" if "{" in body and "}" not in body else
                   "Give the agent its code: PHRASE [~CODE]" if "[" not in body else
                   "Write PHRASE {PLURAL} [~CODE]")
            raise KgError(f"{path} line {n}: cannot read the agent {body!r}", fix)
        phrase, plural, code = m[1].strip(), m[2], m[3]
        if code.count("~") != 1 or not _CODE.fullmatch(code.replace("~", "").upper()):
            raise KgError(f"{path} line {n}: {code!r} is not an agent code",
                          "An agent code has one ~ before (~MIL) or after (NGO~) its letters")
        if " " in phrase:
            warnings.append(DictionaryWarning("blank between agent words read as adjacent words",
                                              str(path), n, body))
        if "!" in phrase:
            mm = re.fullmatch(r"([^!]*)!(\w+)!([^!]*)", phrase)
            if not mm:
                raise KgError(f"{path} line {n}: cannot read the substitution in {phrase!r}",
                              "Write !NAME! once")
            if mm[2] not in markers:
                raise KgError(f"{path} line {n}: the substitution marker !{mm[2]}! is not defined",
                              f"Define it above: !{mm[2]}! = WORD, WORD")
            forms = [mm[1] + w + mm[3] for w in markers[mm[2]]]     # no plurals formed
        else:
            if plural is None:
                plural = phrase[:-1] + "IES" if phrase.endswith("Y") else \
                    phrase + "ES" if phrase.endswith("S") else phrase + "S"
            forms = [phrase] + ([plural.strip()] if plural and plural.strip() else [])
        forms = [" ".join(f.replace("_", " ").split()).lower() for f in forms]
        out.append(AgentEntry(tuple(dict.fromkeys(forms)), code.upper(), n, body))
    return out, warnings

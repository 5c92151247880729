"""Bad input through `kg build`, `kg eval` and the loaders: each case gets `Error: <file>: <what>.
<fix>` on stderr, exit code 1, and nothing written; a folder build names every bad file and
builds the good ones; --strict stops at the first. (Issue 6: the README's table counts these rows.)
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from kg.read import article
from kg.knowledge import lexicon
from kg.cli.app import main
from kg.base.errors import KgError

DATA = Path(__file__).resolve().parents[1] / "data"
GOOD = "lang: en\ndate: 2016-09-05\n\nThe United States supported the Syrian rebels.\n"
TEXT = "The United States supported the Syrian rebels near Aleppo on Monday.\n"


def _cp1252() -> bytes:
    return "lang: en\n\nThe caf\u00e9 in Gen\u00e8ve \u2018quoted\u2019 \u2013 Syria.\n".encode("cp1252")


#: (case, bytes of the file, what stderr must say after "Error: <file>: ")
BAD_FILES = [
    ("empty", b"", "empty file (no text)"),
    ("whitespace only", b"  \n\t\n\r\n   ", "empty file (no text)"),
    ("binary with NUL bytes", bytes(range(256)) * 8, "binary file (it contains NUL bytes)"),
    ("PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary file"),
    ("invalid UTF-8", b"lang: en\n\nThe caf\xc3 \xff\xfe in Syria.\n", "not UTF-8 text (byte 0xC3 at offset 17)"),
    ("Windows-1252", _cp1252(), "not UTF-8 text (byte 0xE9"),
    ("Latin-1", "lang: nl\n\nDe Turken in Syri\u00eb.\n".encode("latin-1"), "not UTF-8 text (byte 0xEB"),
    ("UTF-16 without BOM", GOOD.encode("utf-16-le"), "binary file (it contains NUL bytes)"),
    ("UTF-16 BOM, odd bytes", codecs.BOM_UTF16_LE + b"l\x00a\x00n", "UTF-16 byte-order mark but is not UTF-16"),
    ("HTML page", b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>" + TEXT.encode() +
     b"</p></body></html>\n", "an HTML page, not article text"),
    ("HTML fragment", b"\n\n  <html lang=\"en\"><body>" + TEXT.encode() + b"</body></html>",
     "an HTML page, not article text"),
    ("header only", b"lang: en\ndate: 2016-09-05\n\n", "no article text after the header"),
    ("unknown lang:", b"lang: klingon\n\n" + TEXT.encode(), "line 1: unknown language 'klingon'"),
    ("lang: given twice", b"lang: en\nlang: nl\n\n" + TEXT.encode(), "line 2: 'lang:' given twice"),
    ("no language to detect", b"12345 67890\n\n2016 - 42 - 17\n", "cannot tell the language"),
    ("impossible date 30 Feb", b"lang: en\ndate: 2016-02-30\n\n" + TEXT.encode(),
     "line 2: date '2016-02-30' does not exist"),
    ("impossible date 31/04", b"lang: en\ndate: 31/04/2016\n\n" + TEXT.encode(),
     "line 2: date '31/04/2016' does not exist"),
    ("impossible month 13", b"lang: en\ndate: 2016-13-01\n\n" + TEXT.encode(), "line 2: date '2016-13-01'"),
    ("unreadable date", b"lang: en\ndate: yesterday\n\n" + TEXT.encode(),
     "line 2: 'yesterday' is not a date kg can read"),
    ("misspelt key lnag:", b"lnag: en\n\n" + TEXT.encode(), "line 1: unknown header 'lnag:'. Did you mean 'lang:'?"),
    ("misspelt key titel:", b"source: AP\ntitel: Aleppo\n\n" + TEXT.encode(),
     "line 2: unknown header 'titel:'. Did you mean 'title:'?"),
    ("misspelt key dte:", b"lang: en\ndte: 2016-09-05\n\n" + TEXT.encode(), "line 2: unknown header 'dte:'"),
    ("capital key Title:", b"Title: Aleppo\n\n" + TEXT.encode(), "line 1: 'Title: Aleppo' is a broken header line"),
    ("key = value", b"lang = en\n\n" + TEXT.encode(), "line 1: 'lang = en' is a broken header line"),
    ("key without colon", b"lang: en\nsource Belga\n\n" + TEXT.encode(),
     "line 2: 'source Belga' is a broken header line. Write it as 'source: Belga'"),
    ("too large (2 MB limit)", b"lang: en\n\n" + TEXT.encode() * 30000, "MB is too large for one article"),
]

#: Files that look odd but are fine: (case, bytes, doc, the event's actor)
GOOD_FILES = [
    ("UTF-8 with BOM", codecs.BOM_UTF8 + GOOD.encode(), "USA"),
    ("UTF-16 LE with BOM", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), "USA"),
    ("UTF-16 BE with BOM", codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), "USA"),
    ("CRLF line ends", GOOD.replace("\n", "\r\n").encode(), "USA"),
    ("old Mac CR line ends", GOOD.replace("\n", "\r").encode(), "USA"),
    ("ignored scraped keys", b"url: http://x\nupdated: 2016-09-06\nauthor: A\n\n" + GOOD.split("\n\n")[1].encode(), "USA"),
    ("loose metadata, capital Date:", b"Date: 2016-09-05\n\n" + GOOD.split("\n\n")[1].encode(), "USA"),
    ("text starting like a key", b"Title fights: the United States supported the Syrian rebels.\n", "USA"),
]


def _build(args, capsys) -> tuple[int, str]:
    code = main(["build", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("case, data, message", BAD_FILES, ids=[c[0] for c in BAD_FILES])
@pytest.mark.parametrize("store", ["store", "no-store"])
def test_a_bad_file_is_an_error_naming_it_and_nothing_is_written(tmp_path, capsys, case, data, message, store):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    out = tmp_path / "out"
    code, err = _build([str(path), "-o", str(out), *(["--no-store"] if store == "no-store" else [])], capsys)
    first = err.splitlines()[0]
    assert code == 1
    assert first.startswith(f"Error: {path}: ") and message in first, first
    assert len(first.split(". ", 1)) == 2, f"no fix given: {first}"   # <what>. <how to fix>
    assert not out.exists(), sorted(p.name for p in out.rglob("*"))


@pytest.mark.parametrize("case, data, actor", GOOD_FILES, ids=[c[0] for c in GOOD_FILES])
def test_odd_but_good_files_are_read(tmp_path, capsys, case, data, actor):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    code, err = _build([str(path), "-o", str(tmp_path / "out"), "-q", "--no-html"], capsys)
    assert (code, err) == (0, "")
    [event] = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert (event["actor"]["id"], event["event"]) == (actor, "SUPPORT")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, (_, data, _) in enumerate(BAD_FILES):
        (folder / f"bad-{n:02d}.txt").write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "zz-good.txt").write_text(GOOD.replace("United States", "Russia"), encoding="utf-8")
    (folder / "notes.md").write_text("not an article: only .txt files are read")
    return folder


@pytest.mark.parametrize("store", ["store", "no-store"])
def test_a_folder_build_reports_every_bad_file_and_builds_the_rest(tmp_path, capsys, store):
    out = tmp_path / "out"
    code, err = _build([str(_folder(tmp_path)), "-o", str(out), "-q",
                        *(["--no-store"] if store == "no-store" else [])], capsys)
    assert code == 1
    named = [line.split(": ")[1] for line in err.splitlines() if line.startswith("Error: ")]
    assert [Path(n).name for n in named] == [f"bad-{n:02d}.txt" for n in range(len(BAD_FILES))]
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert sorted((e["doc"], e["actor"]["id"]) for e in events) == [("good", "USA"), ("zz-good", "RUS")]


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    code, err = _build([str(_folder(tmp_path)), "-o", str(out), "--strict"], capsys)
    assert code == 1
    assert err.count("Error: ") == 1 and "bad-00.txt: empty file" in err
    assert not out.exists()


def test_stdin_that_is_too_large_is_refused(tmp_path, monkeypatch, capsys):
    import io
    import sys

    class Stdin(io.TextIOWrapper):
        pass
    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(b"lang: en\n\n" + TEXT.encode() * 30000)))
    code, err = _build(["-", "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and err.startswith("Error: stdin: 2.0 MB is too large for one article")


def test_the_size_limit_is_a_parameter(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)
    with pytest.raises(KgError, match=r"a\.txt: 0\.0 MB is too large .* limit is 1e-05 MB"):
        article.read(path, max_bytes=10)
    assert article.read(path, max_bytes=len(GOOD)).lang == "en"


def test_same_doc_id_twice_is_an_error_for_the_second(tmp_path, capsys):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(GOOD)
    code, err = _build([str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out"), "-q"], capsys)
    assert code == 1 and f"{tmp_path / 'b' / 'same.txt'}: doc id 'same' is already used by" in err


# --- gold files (kg eval) ------------------------------------------------------------------

def _gold(**changes) -> dict:
    gold = json.loads((DATA / "gold" / "hln-2016-09-05-obama-poetin-g20.json").read_text("utf-8"))
    for key, value in changes.items():
        if value is None:
            gold.pop(key)
        else:
            gold[key] = value
    return gold


def _event_without(field: str) -> dict:
    gold = _gold()
    del gold["events"][0][field]
    return gold


BAD_GOLD = [
    ("missing doc", lambda: _gold(doc=None), 'has no field "doc"'),
    ("missing events", lambda: _gold(events=None), 'has no field "events"'),
    ("event without actor", lambda: _event_without("actor"), 'events[0] has no field "actor"'),
    ("event without event", lambda: _event_without("event"), 'events[0] has no field "event"'),
    ("unknown category", lambda: _gold(events=[{**_gold()["events"][0], "event": "SUPPORTS"}]),
     'is not a PLOVER category'),
    ("impossible date", lambda: _gold(date="2016-02-30"), 'date "2016-02-30" is not a date'),
    ("not JSON", lambda: "{ \"doc\": ", "not valid JSON at line 1"),
]


@pytest.mark.parametrize("case, make, message", BAD_GOLD, ids=[c[0] for c in BAD_GOLD])
def test_a_bad_gold_file_is_an_error_naming_it(tmp_path, capsys, case, make, message):
    gold = make()
    path = tmp_path / "gold.json"
    path.write_text(gold if isinstance(gold, str) else json.dumps(gold), encoding="utf-8")
    events = tmp_path / "events.jsonl"
    events.write_text("")
    assert main(["eval", str(path), "--events", str(events)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"Error: {path}") and message in captured.err, captured.err


# --- user gazetteer (kg build --gazetteer) and lexicon files -------------------------------

GAZ_HEAD = """@prefix kg: <https://w3id.org/kgnews/ontology#> .
@prefix actor: <https://w3id.org/kgnews/actor/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
BAD_GAZETTEERS = [
    ("Turtle syntax: missing dot", 'actor:ACME a kg:Organisation ; skos:notation "ACME" ; '
     'skos:prefLabel "Acme"@en\nactor:B a kg:State .', "gaz.ttl"),
    ("undeclared prefix", 'actr:ACME a kg:Organisation .', "gaz.ttl"),
    ("unknown type kg:Stat", 'actor:ACME a kg:Stat ; skos:notation "ACME" ; skos:prefLabel "Acme"@en .',
     "unknown type kg:Stat. Did you mean kg:State?"),
    ("no notation", 'actor:ACME a kg:Organisation ; skos:prefLabel "Acme"@en .', "has no skos:notation"),
    ("label without language", 'actor:ACME a kg:Organisation ; skos:notation "ACME" ; skos:prefLabel "Acme" .',
     "without a language tag"),
    ("no English label", 'actor:ACME a kg:Organisation ; skos:notation "ACME" ; skos:prefLabel "Acme"@nl .',
     "has no English skos:prefLabel"),
]


@pytest.mark.parametrize("case, body, message", BAD_GAZETTEERS, ids=[c[0] for c in BAD_GAZETTEERS])
def test_a_bad_user_gazetteer_is_an_error_naming_it(tmp_path, capsys, case, body, message):
    gaz = tmp_path / "gaz.ttl"
    gaz.write_text(GAZ_HEAD + body + "\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(GOOD)
    out = tmp_path / "out"
    code, err = _build([str(art), "--gazetteer", str(gaz), "-o", str(out)], capsys)
    assert code == 1 and err.startswith("Error: ") and "gaz.ttl" in err and message in err, err
    assert not out.exists()


BAD_LEXICONS = [
    ("TOML syntax", '[words]\nnegation = ["not"\n', "not valid TOML"),
    ("unknown section", '[wrods]\nnegation = ["not"]\n', "unknown section [wrods]. Did you mean 'words'?"),
    ("unknown word key", '[words]\nnegaton = ["not"]\n', "unknown key 'negaton' in [words]. Did you mean 'negation'?"),
    ("unknown category", '[[SUPORT]]\nverbs = ["back"]\n', "unknown section [SUPORT]. Did you mean 'SUPPORT'?"),
    ("unknown cue key", '[[SUPPORT]]\nverb = ["back"]\n', "unknown key 'verb' in [[SUPPORT]] entry 1. Did you mean 'verbs'?"),
    ("cue without words", '[[SUPPORT]]\nrecipient_preps = ["to"]\n', "[[SUPPORT]] entry 1 has no verbs and no nouns"),
    ("not a list", '[words]\nnegation = "not"\n', "[words] negation must be a list of non-empty strings"),
    ("not UTF-8", b'[words]\nnegation = ["ni\xe9t"]\n', "not valid TOML"),
    ("lemma not a string", '[lemmas]\nshot = ["shoot"]\n', '[lemmas] must map words to their lemmas as strings'),
    ("lemmas not a table", 'lemmas = "shot"\n', '[lemmas] must map words to their lemmas as strings'),
]


@pytest.mark.parametrize("case, body, message", BAD_LEXICONS, ids=[c[0] for c in BAD_LEXICONS])
def test_a_bad_lexicon_file_is_an_error_naming_it(tmp_path, case, body, message):
    """kg.knowledge.lexicon.load(lang, path), which `kg build --lexicon FILE.toml` uses."""
    path = tmp_path / "en.toml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    with pytest.raises(KgError) as error:
        lexicon.load("en", path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)

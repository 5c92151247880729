"""kg.read.article: files and stdin to Article records, metadata, languages and bad input."""
from __future__ import annotations

import codecs
import datetime as dt
import io
from pathlib import Path

import pytest

from kg.read import article
from kg.base.errors import KgError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
D = dt.date
NL_BODY = "De Turken strijden tegen IS in het noorden van Syrië, en dat is niet nieuw."
EN_BODY = "Turkey said that the army of Syria was shelling the town of Afrin."


def shared(name: str) -> Path:
    """A real article: tests/data/articles/ when the lead has copied them, else ../shared."""
    for folder in (ROOT / "tests/data/articles", *(shared / sub for shared in (
            ROOT.parent / "shared", Path("/work/shared")) for sub in ("seed", "corpus"))):
        if (path := folder / name).is_file():
            return path
    pytest.skip(f"{name} not found (tests/data/articles or ../shared)")


def text_at(a: article.Article, raw: str) -> str:
    """The text `a` claims to start at a.offset in the normalised file text."""
    normalised = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return normalised[a.offset:a.offset + len(a.text)]


def read(text: str, doc: str = "t", **options) -> article.Article:
    return article.read_text(text, doc=doc, **options)


# --- the real articles -------------------------------------------------------------------

def test_seed():
    path = shared("hln-2016-09-05-obama-poetin-g20.txt")
    a = article.read(path)
    assert (a.doc, a.date, a.sources, a.lang, a.title) == (
        "hln-2016-09-05-obama-poetin-g20", D(2016, 9, 5), ("Belga", "AFP", "DPA"), "nl", None)
    assert a.text.startswith("Tijdens een anderhalf uur durend bilateraal gesprek")
    assert a.text.endswith("als een terroristische organisatie beschouwen.")
    assert text_at(a, path.read_text("utf-8")) == a.text
    assert a.path == str(path)


@pytest.mark.parametrize("name, date, title", [
    ("en_fakes-alalam-turkey-ypg-jarablus.txt", D(2016, 8, 29),
     "40 Civilians 25 YPG Fighters Killed 110 Injured by Turkey Near Jarablus"),
    ("en_fakes-reuters-raqqa-sdf-turkey.txt", D(2016, 12, 19),
     "Kurd-led forces press Islamic State near Syrias Raqqa"),
    ("en_fakes-trt-us-russia-truce-ends.txt", D(2016, 9, 19),
     "US-Russia brokered Syria truce ends"),
    ("en_voa-kerry-ceasefire-near-2016.txt", D(2016, 2, 21),
     "Kerry: Syrian Cease-fire Agreement Near"),
    ("en_wikinews-kurds-deal-assad-turkey.txt", D(2019, 10, 15),
     "Kurds announce deal with Assad's government as Turkey invades Syria's northeast"),
    ("en_wikinews-trump-withdrawal-syria.txt", D(2019, 10, 8),
     "US President Trump announces troop withdrawal from Syria"),
])
def test_corpus(name, date, title):
    path = shared(name)
    raw = path.read_text("utf-8")
    a = article.read(path)
    assert (a.doc, a.date, a.lang, a.title) == (path.stem, date, "en", title)
    assert a.text.startswith(title) and text_at(a, raw) == a.text
    assert len(a.sources) == 1 and a.sources[0] in raw.splitlines()[0]
    # without its header lines, the date still comes from the opening paragraph (FA-KES)
    # or not at all (the others open without a date)
    bare = read(raw.split("\n\n", 1)[1])
    assert bare.date == (date if "fakes" in name else None) and bare.title == title


# --- header lines --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("date: 2016-02-21\nsource: VOA\n\n" + EN_BODY,
     dict(date=D(2016, 2, 21), sources=("VOA",), text=EN_BODY)),
    ("source: Belga, AFP\nsource: https://example.org/a\n\n" + EN_BODY,
     dict(sources=("Belga, AFP", "https://example.org/a"), date=None)),
    ("language: Dutch\n\n" + EN_BODY, dict(lang="nl")),
    ("lang: en-GB\n\n" + NL_BODY, dict(lang="en")),
    ("lang: NL\n\n" + EN_BODY, dict(lang="nl")),
    ("title: Turkey and Syria\n\n" + EN_BODY, dict(title="Turkey and Syria", text=EN_BODY)),
    ("date: 5 September 2016\n\n" + EN_BODY, dict(date=D(2016, 9, 5))),
    ("url: https://example.org/x\nauthor: Jan\nwhatever: kept out\ndate: 2016-09-05\n\n" + EN_BODY,
     dict(date=D(2016, 9, 5), text=EN_BODY, sources=())),
    ("date: 2016-09-05\n" + EN_BODY, dict(date=D(2016, 9, 5), text=EN_BODY)),
    ("date: 2016-09-05\n\n\n\n" + EN_BODY + "\n\n", dict(text=EN_BODY)),
    ("title:\n\n" + EN_BODY, dict(title=None, text=EN_BODY)),
    ("date: 2016-09-05\n\n \t " + EN_BODY, dict(text=EN_BODY)),
    ("Turkey and Syria\n" + EN_BODY, dict(title=None)),        # a title needs a blank line after
    ("Turkey and Syria.\n\n" + EN_BODY, dict(title=None)),    # ... and no final punctuation
    ("Turkey and Syria\n\n" + EN_BODY, dict(title="Turkey and Syria")),
    # not headers: a capitalised first word, an unknown first key
    ("Kerry: Syrian Cease-fire Agreement Near\n\n" + EN_BODY,
     dict(title="Kerry: Syrian Cease-fire Agreement Near", date=None)),
    ("note: " + EN_BODY, dict(text="note: " + EN_BODY)),
])
def test_header(text, expected):
    a = read(text)
    assert {key: getattr(a, key) for key in expected} == expected
    assert text_at(a, text) == a.text


# --- loose metadata at the top -------------------------------------------------------------

@pytest.mark.parametrize("line, date", [
    ("5/09/16 - 16u59", D(2016, 9, 5)),
    ("05/09/2016 16:59", D(2016, 9, 5)),
    ("5.9.2016", D(2016, 9, 5)),
    ("2016-09-05", D(2016, 9, 5)),
    ("5 September 2016", D(2016, 9, 5)),
    ("5 september 2016, 14.02 uur", D(2016, 9, 5)),
    ("5 sept. 2016", D(2016, 9, 5)),
    ("5 mrt 2016", D(2016, 3, 5)),
    ("September 5, 2016", D(2016, 9, 5)),
    ("Sep 5 2016", D(2016, 9, 5)),
    ("Mon Aug 29 2016", D(2016, 8, 29)),
    ("Monday, September 5, 2016", D(2016, 9, 5)),
    ("maandag 5 september 2016", D(2016, 9, 5)),
    ("datum: 12/01/99", D(1999, 1, 12)),
    ("Published 12/01/68 10:00 am", D(2068, 1, 12)),
    ("9/25/16", D(2016, 9, 25)),                        # day first impossible: month first
    ("31/02/16", None),                                 # impossible both ways: no date
    (" date 2016-09 Door: redactie", None),             # a month is not a date
    ("laatste update: september 2016", None),
])
def test_loose_date(line, date):
    text = f"{line}\n\n{NL_BODY}"
    a = read(text)
    assert (a.date, a.text) == (date, NL_BODY)
    assert text_at(a, text) == a.text


@pytest.mark.parametrize("top, sources, starts", [
    ("Door: redactie", (), NL_BODY),
    ("Door Jan van der Berg", (), NL_BODY),
    ("By John Smith and Jane Doe", (), NL_BODY),
    ("© Reuters.", (), NL_BODY),
    ("(c) AFP", (), NL_BODY),
    ("Foto: AFP", (), NL_BODY),
    ("Bron: Belga en AFP", ("Belga", "AFP"), NL_BODY),
    ("Bronnen: Belga; ANP / DPA.", ("Belga", "ANP", "DPA"), NL_BODY),
    ("Source: Reuters, AP and AFP", ("Reuters", "AP", "AFP"), NL_BODY),
    ("5/09/16 - 16u59 Bron: Belga, AFP Door: redactie", ("Belga", "AFP"), NL_BODY),
    ("Bron: Belga\n\nBron: Belga, AFP", ("Belga", "AFP"), NL_BODY),
    # body text, kept
    ("By noon the fighting had stopped in the city.", (), "By noon"),
    ("Door de aanhoudende gevechten vluchtten duizenden mensen.", (), "Door de"),
    ("In Aleppo: zware gevechten", (), "In Aleppo"),
    ("19 Sep 2016 At least 10 people were killed.", (), "19 Sep 2016 At"),
])
def test_loose_lines(top, sources, starts):
    text = f"{top}\n\n{NL_BODY}"
    a = read(text)
    assert (a.sources, a.text[:len(starts)]) == (sources, starts)
    assert text_at(a, text) == a.text


def test_metadata_after_the_body_is_body():
    a = article.read(FIXTURES / "nl-loose-metadata.txt")
    assert (a.date, a.sources, a.lang) == (D(2017, 4, 7), ("Belga", "ANP", "AFP"), "nl")
    assert a.text.startswith("De Verenigde Staten") and a.text.endswith("al begonnen.")


# --- priority: options > header > loose metadata > file name ------------------------------

@pytest.mark.parametrize("text, doc, options, date, lang", [
    (NL_BODY, "hln-2016-09-05-x", {}, D(2016, 9, 5), "nl"),
    ("1/2/2017\n\n" + NL_BODY, "hln-2016-09-05-x", {}, D(2017, 2, 1), "nl"),
    ("date: 2018-03-04\n\n1/2/2017\n\n" + NL_BODY, "hln-2016-09-05-x", {}, D(2018, 3, 4), "nl"),
    ("date: 2018-03-04\nlang: en\n\n" + NL_BODY, "x", dict(date=D(2019, 1, 1), lang="nl"),
     D(2019, 1, 1), "nl"),
    ("lang: nl\n\n" + EN_BODY, "x", dict(lang="english"), None, "en"),
    (NL_BODY, "report-2016-13-01", {}, None, "nl"),     # no such day in the name: no date
])
def test_priority(text, doc, options, date, lang):
    a = read(text, doc=doc, **options)
    assert (a.date, a.lang) == (date, lang)


def test_file_name_date_is_from_path_not_doc(tmp_path):
    path = tmp_path / "nos-2020-01-03-soleimani.txt"
    path.write_text(EN_BODY, "utf-8")
    assert article.read(path, doc="soleimani").date == D(2020, 1, 3)


# --- language -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    (NL_BODY, "nl"),
    (EN_BODY, "en"),
    ("Poetin en Obama hebben niet onderhandeld over de wapenstilstand.", "nl"),
    ("Obama said Putin would not stop the bombing.", "en"),
    ("Obama Poetin Hangzhou", None),
    ("de the", None),
])
def test_detect_language(text, lang):
    assert article.detect_language(text) == lang


# --- stdin --------------------------------------------------------------------------------

def test_stdin_text():
    articles, errors = article.read_all(["-"], stdin=io.StringIO("date: 2016-09-05\n\n" + NL_BODY))
    assert errors == []
    assert [(a.doc, a.path, a.date, a.lang, a.text) for a in articles] == [
        (article.text_id("date: 2016-09-05\n\n" + NL_BODY), "-", D(2016, 9, 5), "nl", NL_BODY)]
    assert articles[0].doc.startswith("stdin-") and len(articles[0].doc) == len("stdin-") + 12


def test_stdin_bytes_and_doc(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(codecs.BOM_UTF8 + ("\r\n" + EN_BODY).encode()))
    monkeypatch.setattr("sys.stdin", stream)
    a = article.read("-", doc="piped")
    assert (a.doc, a.path, a.text, a.offset) == ("piped", "-", EN_BODY, 1)


# --- encodings and line ends -----------------------------------------------------------------

@pytest.mark.parametrize("data", [
    ("title: T\n\n" + NL_BODY).encode("utf-8"),
    codecs.BOM_UTF8 + ("title: T\n\n" + NL_BODY).encode("utf-8"),
    codecs.BOM_UTF16_LE + ("title: T\n\n" + NL_BODY).encode("utf-16-le"),
    codecs.BOM_UTF16_BE + ("title: T\n\n" + NL_BODY).encode("utf-16-be"),
    ("title: T\r\n\r\n" + NL_BODY + "\r\n").encode("utf-8"),
    ("title: T\r\r" + NL_BODY + "\r").encode("utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "crlf", "cr"])
def test_encodings(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    a = article.read(path)
    assert (a.text, a.offset, a.title, a.lang) == (NL_BODY, 10, "T", "nl")


def test_crlf_offsets_are_into_normalised_text(tmp_path):
    raw = "date: 2016-09-05\r\n\r\nFirst line.\r\nSecond line of the text."
    (tmp_path / "a.txt").write_bytes(raw.encode())
    a = article.read(tmp_path / "a.txt")
    assert a.text == "First line.\nSecond line of the text." and text_at(a, raw) == a.text


# --- bad input ----------------------------------------------------------------------------

BAD = [  # (file name, bytes, fragments the message must hold)
    ("empty.txt", b"", ["empty.txt: empty file"]),
    ("blank.txt", b" \n\t\r\n  ", ["blank.txt: empty file"]),
    ("binary.txt", b"PK\x03\x04\x00\x00data", ["binary.txt: binary file (it contains NUL bytes)"]),
    ("latin.txt", "De Turken zeggen: één.".encode("cp1252"),
     ["latin.txt: not UTF-8 text (byte 0xE9 at offset 18)", "iconv -f WINDOWS-1252 -t UTF-8"]),
    ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", ["bad16.txt: starts with a UTF-16"]),
    ("feb.txt", b"date: 2016-02-30\n\nText.",
     ["feb.txt: line 1: date '2016-02-30' does not exist"]),
    ("soon.txt", b"source: x\ndate: soon\n\nText.",
     ["soon.txt: line 2: 'soon' is not a date kg can read", "2016-09-05"]),
    ("month.txt", b"date: 2016-09\n\nText.", ["month.txt: line 1: '2016-09' is not a date"]),
    ("page.txt", b"\n  <!DOCTYPE html>\n<html><body>Text</body></html>",
     ["page.txt: an HTML page", "Extract the article's text first"]),
    ("page2.txt", b"<HTML lang=nl><p>Tekst</p></HTML>", ["page2.txt: an HTML page"]),
    ("fr.txt", b"lang: fr\n\nLe texte.", ["fr.txt: line 1: unknown language 'fr'", "en, nl"]),
    ("twice.txt", b"date: 2016-01-01\nsource: x\ndate: 2016-01-02\n\nText.",
     ["twice.txt: line 3: 'date:' given twice (first on line 1)"]),
    ("only.txt", b"date: 2016-01-01\nsource: x\n\n\n", ["only.txt: no article text"]),
    ("meta.txt", b"5/09/16 - 16u59 Bron: Belga\n\n(c) AFP\n", ["meta.txt: no article text"]),
    ("which.txt", b"Obama Poetin Hangzhou", ["which.txt: cannot tell the language", "lang: en"]),
]


@pytest.mark.parametrize("name, data, fragments", BAD, ids=[row[0] for row in BAD])
def test_bad_file(tmp_path, name, data, fragments):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(KgError) as caught:
        article.read(tmp_path / name)
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize("make, call, fragments", [
    (None, "missing.txt", ["missing.txt: no such file", "Check the path"]),
    ("artcle.txt", "article.txt", ["article.txt: no such file", "Did you mean", "artcle.txt?"]),
    ("folder/", "folder", ["folder: is a folder"]),
])
def test_bad_path(tmp_path, make, call, fragments):
    if make and make.endswith("/"):
        (tmp_path / make).mkdir()
    elif make:
        (tmp_path / make).write_text(EN_BODY)
    with pytest.raises(KgError) as caught:
        article.read(tmp_path / call)
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize("options, fragment", [
    (dict(lang="fr"),
     "lang option: unknown language 'fr'. Use one of the languages kg knows: en, nl"),
    (dict(doc="a b"), "doc id 'a b' has characters that cannot go into an IRI"),
])
def test_bad_options(options, fragment):
    with pytest.raises(KgError, match=fragment.replace(".", r"\.").replace("(", r"\(")):
        read(EN_BODY, **{"doc": "t", **options})


# --- parse_date (also for the CLI's --date) ------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2016-09-05", D(2016, 9, 5)), (" 5/9/16 ", D(2016, 9, 5)), ("Sep 5, 2016", D(2016, 9, 5)),
    ("5 oktober 2016", D(2016, 10, 5)), ("29 february 2016", D(2016, 2, 29)),
    ("2016-02-30", "--date: date '2016-02-30' does not exist"),
    ("yesterday", "--date: 'yesterday' is not a date kg can read"),
    ("2016-09-05 and more", "is not a date kg can read"),
])
def test_parse_date(value, expected):
    if isinstance(expected, dt.date):
        assert article.parse_date(value) == expected
    else:
        with pytest.raises(KgError) as caught:
            article.parse_date(value)
        assert expected in str(caught.value)


# --- paths, folders, read_all ----------------------------------------------------------------

@pytest.fixture
def tree(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.TXT", ".hidden.txt", ".git/e.txt",
                 "notes.md", "sub/.f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{EN_BODY}\n{name}\n", "utf-8")
    (tmp_path / "empty").mkdir()
    return tmp_path


def test_iter_paths(tree):
    got = article.iter_paths(
        [str(tree), "-", str(tree / "notes.md"), str(tree / "a.txt"), "nope.txt"])
    assert [p if p in ("-", "nope.txt") else Path(p).relative_to(tree).as_posix() for p in got] == [
        "a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.TXT", "-", "notes.md", "nope.txt"]


def test_iter_paths_empty_folder(tree):
    with pytest.raises(KgError, match="empty: folder has no .txt files"):
        article.iter_paths([str(tree / "empty")])


def test_read_all_collects_errors(tree):
    (tree / "z.txt").write_bytes(b"")
    articles, errors = article.read_all([str(tree), str(tree / "empty"), str(tree / "nope.txt")])
    assert [a.doc for a in articles] == ["a", "b", "c", "d"]
    assert [str(e).split(": ", 1)[1][:20] for e in errors] == [
        "folder has no .txt f", "empty file (no text)", "no such file. Check "]


def test_read_all_strict_raises_the_first(tree):
    with pytest.raises(KgError, match="folder has no .txt files"):
        article.read_all([str(tree), str(tree / "empty"), "nope.txt"], strict=True)
    with pytest.raises(KgError, match="nope.txt: no such file"):
        article.read_all(["nope.txt", str(tree)], strict=True)


def test_read_all_same_doc_id(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(EN_BODY)
    articles, errors = article.read_all([str(tmp_path)])
    assert [a.path for a in articles] == [str(tmp_path / "x" / "same.txt")]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'y' / 'same.txt'}: doc id 'same' is already used by "
        f"{tmp_path / 'x' / 'same.txt'}."
        " Rename one of the files: the file name without extension names the article in the graph"]


def test_read_all_options_apply_to_every_file():
    articles, errors = article.read_all([str(FIXTURES)], lang="nl", date=D(2000, 1, 1))
    assert errors == [] and [(a.doc, a.lang, a.date) for a in articles] == [
        ("en-headers", "nl", D(2000, 1, 1)), ("nl-loose-metadata", "nl", D(2000, 1, 1))]


def test_fixture_with_headers():
    a = article.read(FIXTURES / "en-headers.txt")
    assert (a.date, a.lang, a.title, a.sources) == (
        D(2018, 4, 14), "en", "Western strikes on Syria", ("hand-made test article for kg",))
    assert a.text.startswith("Western strikes on Syria\n\nBy Saturday morning")


@pytest.mark.parametrize("name, doc", [
    ("hln-2016-09-05-obama-poetin-g20.txt", "hln-2016-09-05-obama-poetin-g20"),
    ("my article (2).txt", "my-article-2"),
    ("Syrië.nieuws.txt", "Syrië.nieuws"),
])
def test_doc_id(tmp_path, name, doc):
    (tmp_path / name).write_text(NL_BODY, "utf-8")
    assert article.read(tmp_path / name).doc == doc


# --- the data file -------------------------------------------------------------------------

def test_languages_data():
    languages = article.load_languages()
    assert sorted(languages.words) == ["en", "nl"]
    nl, en = languages.words["nl"], languages.words["en"]
    assert nl & en == set(), "a word in both lists tells the languages nothing"
    assert all(w == w.lower() for w in nl | en)
    assert {languages.months[m] for m in ("sep", "sept", "september", "okt", "mrt", "mei", "may")} \
        == {9, 10, 3, 5}

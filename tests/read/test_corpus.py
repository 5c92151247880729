"""Corpora as they come (issue 12): CSV/TSV and JSON Lines files of many articles, one per row, and
saved news pages, through `kg build` and kg.read.corpus. A corpus file is never read as one text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.read import corpus
from kg.cli.app import main
from kg.base.errors import KgError

DATA = Path(__file__).resolve().parents[1] / "data" / "corpus"
SAMPLE = DATA / "wikinews-sample.csv"
PAGE = DATA / "jarabulus-page.html"
WIKINEWS = next((p for p in (Path(__file__).parents[3] / "shared/corpus/wikinews",
                             Path("/work/shared/corpus/wikinews")) if p.is_dir()), None)


def _build(args, capsys) -> tuple[int, str]:
    code = main(["build", *args])
    return code, capsys.readouterr().err


def _events(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "events.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize("store", ["store", "no-store"])
def test_a_csv_is_one_article_per_row_with_its_date(tmp_path, capsys, store):
    out = tmp_path / "out"
    code, err = _build([str(SAMPLE), "-o", str(out), "--no-html",
                        *(["--no-store"] if store == "no-store" else [])], capsys)
    assert code == 0, err
    events = _events(out)
    docs = {e["doc"] for e in events}
    assert "US_President_Trump_announces_troop_withdrawal_from_Syria" in docs          # the URL's last segment
    assert "Iran-s_President_Rouhani_tells_foreign_powers_to_leave_Persian_Gulf" in docs
    assert all(e["date"] for e in events)
    trump = [e for e in events if e["doc"].startswith("US_President")]
    assert {e["date"] for e in trump} == {"2019-10-08"}          # the row's date column, not the next row's
    if store == "store":
        assert "0 rebuilt, 5 added; the store" in err


def test_rows_of_the_sample_read_with_title_date_and_language():
    articles, errors = corpus.read_all([SAMPLE])
    assert errors == []
    assert [a.part for a in articles] == [f"row {n}" for n in range(1, 6)]
    assert all(a.date and a.lang == "en" for a in articles)   # a row with only a date takes the file's language
    first = articles[0]
    assert first.text.startswith(first.title + "\n\n") and "Friday, January 4, 2019" not in first.text


def test_the_title_of_a_row_is_read_for_events(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text('id,title,text\nx1,Turkey attacked the Kurdish YPG,"It happened near the border, '
                    'witnesses told reporters."\n', encoding="utf-8")
    code, err = _build([str(path), "-o", str(tmp_path / "out"), "--no-store", "--no-html", "-q"], capsys)
    assert code == 0, err
    [event] = _events(tmp_path / "out")
    assert (event["doc"], event["sentence"], event["actor"]["id"], event["event"], event["recipient"]["id"]) \
        == ("x1", 0, "TUR", "ASSAULT", "YPG")


def test_tsv_and_jsonl_with_columns_named_by_options(tmp_path, capsys):
    (tmp_path / "a.tsv").write_text("key\tday\tlanguage\tbody\n"
                                    "t1\t2016-09-05\ten\tThe United States supported the Syrian rebels.\n",
                                    encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"key": "j1", "day": "2016-09-06T08:00:00Z", "language": "nl",
                                                  "body": "Rusland viel de Syrische rebellen aan."}) + "\n\n"
                                      + json.dumps({"key": 7, "day": "2016-09-07", "language": "en",
                                                    "body": "Russia supported Syria."}) + "\n", encoding="utf-8")
    code, err = _build([str(tmp_path / "a.tsv"), str(tmp_path / "b.jsonl"), "-o", str(tmp_path / "out"),
                        "--no-store", "--no-html", "-q", "--text-col", "body", "--id-col", "key",
                        "--date-col", "day", "--lang-col", "language"], capsys)
    assert (code, err) == (0, "")
    got = sorted((e["doc"], e["date"], e["actor"]["id"], e["event"]) for e in _events(tmp_path / "out"))
    assert got == [("7", "2016-09-07", "RUS", "SUPPORT"), ("j1", "2016-09-06", "RUS", "ASSAULT"),
                   ("t1", "2016-09-05", "USA", "SUPPORT")]


def test_a_corpus_file_is_never_read_as_text(tmp_path):
    from kg.read import article
    path = tmp_path / "c.csv"
    path.write_text("text\nThe United States supported the Syrian rebels.\nRussia supported Syria.\n")
    with pytest.raises(KgError, match=r"c\.csv: a corpus file or saved page \(\.csv\), not plain text"):
        article.read(path)
    articles, errors = corpus.read_all([tmp_path])              # a folder: its corpus files too
    assert ([a.doc for a in articles], errors) == (["c-1", "c-2"], [])


#: (case, file name, bytes, options, what the first error line says after "Error: <file>: ")
BAD = [
    ("no text column", "a.csv", b"url,date,headline\nhttp://x/y,2016-09-05,Hello\n", [],
     "no text column (looked for text, body, content); its columns are: url, date, headline. Name the column"),
    ("misspelt --text-col", "a.csv", b"id,body\n1,The United States supported Syria.\n", ["--text-col", "bdy"],
     "no column 'bdy' (--text-col); its columns are: id, body. Did you mean --text-col body?"),
    ("broken quoting", "a.csv", b'id,text\n1,"The United States "supported" Syria.\n', [],
     "line 2: not valid CSV"),
    ("only a header", "a.csv", b"id,text\n", [], "no rows"),
    ("not UTF-8", "a.csv", b"id,text\n1,Caf\xe9 in Syria\n", [], "not UTF-8 text"),
    ("JSON Lines, not JSON", "a.jsonl", b'{"text": "Russia supported Syria."\n', [], "line 1: not JSON"),
    ("JSON Lines, an array", "a.jsonl", b'["Russia supported Syria."]\n', [], "line 1: a JSON list, not an object"),
    ("a page without text", "a.html", b"<html><head><title>Index</title></head><body><script>var x = 1;</script>"
     b"</body></html>", [], "no article text found in the page"),
    ("a page of links", "a.htm", b"<html><head><title>Index</title></head><body><nav><a href='/'>Home</a>"
     b"</nav></body></html>", [], "cannot tell the language of the text. Pass --lang"),
]


@pytest.mark.parametrize("case, name, data, options, message", BAD, ids=[c[0] for c in BAD])
@pytest.mark.parametrize("store", ["store", "no-store"])
def test_a_bad_corpus_file_is_an_error_and_nothing_is_written(tmp_path, capsys, case, name, data, options,
                                                              message, store):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out"
    code, err = _build([str(path), "-o", str(out), *options, *(["--no-store"] if store == "no-store" else [])],
                       capsys)
    first = err.splitlines()[0]
    assert code == 1
    assert first.startswith(f"Error: {path}: ") and message in first, first
    assert len(first.split(". ", 1)) == 2, f"no fix given: {first}"
    assert not out.exists(), sorted(p.name for p in out.rglob("*"))


def test_bad_rows_are_errors_naming_them_and_the_other_rows_are_built(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("id,date,text\n"
                    "a,2016-09-05,The United States supported the Syrian rebels.\n"
                    "b,2016-02-30,Russia supported Syria.\n"
                    "c,2016-09-05,\n"
                    "d,2016-09-05,Turkey attacked the YPG.,extra\n"
                    "a,2016-09-05,Russia attacked Turkey.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, err = _build([str(path), "-o", str(out), "-q", "--no-html"], capsys)
    assert code == 1
    assert err.splitlines() == [
        f"Error: {path}: row 2: column 'date': date '2016-02-30' does not exist. Check day and month, and write "
        "it as YYYY-MM-DD",
        f"Error: {path}: row 3: no text in column 'text'. Fill it, or remove the row",
        f"Error: {path}: row 4 (line 5) has 4 fields, the header 3. Quote fields that hold the delimiter or line "
        "breaks (\"...\", quotes inside doubled)",
        f"Error: {path}: row 5: doc id 'a' is already used by {path}: row 1. Give the rows ids of their own "
        "(or another --id-col)"]
    assert [(e["doc"], e["actor"]["id"]) for e in _events(out)] == [("a", "USA")]
    with pytest.raises(KgError, match="row 2: column 'date'"):
        corpus.read_all([path], strict=True)


def test_a_saved_page_gives_its_article_without_navigation_or_scripts(tmp_path, capsys):
    [page], errors = corpus.read_all([PAGE])
    assert errors == []
    assert (page.doc, page.title, page.date.isoformat(), page.lang) == \
        ("jarabulus-page", "Turkey backs Syrian rebels near Jarabulus", "2016-08-29", "en")
    assert page.text.startswith("Turkey backs Syrian rebels near Jarabulus\n\nTurkey supported the Syrian rebels")
    for junk in ("Home", "Advertisement", "Israel", "Iran", "Japan", "North Korea", "Copyright", "teaser"):
        assert junk not in page.text, junk
    out = tmp_path / "out"
    code, err = _build([str(PAGE), "-o", str(out), "-q", "--no-html"], capsys)
    assert (code, err) == (0, "")
    actors = {e["actor"]["id"] for e in _events(out)} | {e["recipient"]["id"] for e in _events(out)}
    assert actors <= {"TUR", "SYRREB", "USA", "RUS", "ISIL", "YPG"}, actors


def test_the_same_corpus_gives_the_same_bytes(tmp_path, capsys):
    for run in ("a", "b"):
        assert main(["build", str(DATA), "-o", str(tmp_path / run), "-q", "--no-store"]) == 0
    for name in ("events.jsonl", "graph.trig", "graph.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.mark.skipif(WIKINEWS is None, reason="../shared/corpus/wikinews not found")
def test_the_shared_wikinews_csvs_are_295_articles_with_dates():
    articles, errors = corpus.read_all([WIKINEWS])
    assert errors == []
    assert len(articles) == 295 == len({a.doc for a in articles})
    assert all(a.date and a.lang == "en" and a.title for a in articles)


def test_the_progress_total_counts_rows():
    from kg.pipeline.incremental import count_files
    assert count_files([DATA]) == 5 + 1                     # five rows and a page

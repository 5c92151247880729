"""Article identity (issue 12): a stored article remembers where it came from and the hash of its
text, so a build never replaces another article that has the same doc id without a word."""
from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from kg.cli.app import main
from kg.rdf.store import KgStore

US = "lang: en\ndate: 2016-09-05\n\nThe United States supported the Syrian rebels.\n"
RU = "lang: en\ndate: 2016-09-06\n\nRussia attacked the Syrian rebels.\n"


def _build(args, capsys) -> tuple[int, str]:
    code = main(["build", *args])
    return code, capsys.readouterr().err


def _events(out: Path) -> list[tuple[str, str, str]]:
    lines = (out / "events.jsonl").read_text("utf-8").splitlines()
    return [(e["doc"], e["actor"]["id"], e["event"]) for e in map(json.loads, lines)]


def _folders(tmp_path: Path, second: str = RU) -> tuple[Path, Path]:
    fa, fb = tmp_path / "fa", tmp_path / "fb"
    for folder, text in ((fa, US), (fb, second)):
        folder.mkdir()
        (folder / "report.txt").write_text(text, encoding="utf-8")
    return fa, fb


def test_another_file_with_the_same_doc_id_is_refused_naming_both(tmp_path, capsys):
    fa, fb = _folders(tmp_path)
    out = tmp_path / "out"
    assert _build([str(fa), "-o", str(out), "-q"], capsys) == (0, "")
    before = {name: (out / name).read_bytes() for name in ("events.jsonl", "graph.trig")}
    code, err = _build([str(fb), "-o", str(out), "-q"], capsys)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"Error: {fb / 'report.txt'}: doc id 'report' is already in the store from "
                            f"{fa / 'report.txt'} with other text"), first
    assert "--replace" in first
    assert _events(out) == [("report", "USA", "SUPPORT")]          # nothing lost
    assert before == {name: (out / name).read_bytes() for name in before}
    code, err = _build([str(fb), "-o", str(out), "--replace"], capsys)
    assert code == 0 and "0 articles unchanged, 1 rebuilt, 0 added" in err
    assert _events(out) == [("report", "RUS", "ASSAULT")]


def test_the_same_text_from_elsewhere_is_the_same_article_and_an_edit_is_a_rebuild(tmp_path, capsys):
    fa, fb = _folders(tmp_path, second=US)
    out = tmp_path / "out"
    assert _build([str(fa), "-o", str(out), "-q"], capsys) == (0, "")
    code, err = _build([str(fb), "-o", str(out)], capsys)
    assert code == 0 and "1 article unchanged, 0 rebuilt, 0 added" in err
    (fa / "report.txt").write_text(RU, encoding="utf-8")              # the first file, edited
    code, err = _build([str(fa), "-o", str(out)], capsys)
    assert code == 0 and "0 articles unchanged, 1 rebuilt, 0 added" in err
    with KgStore(out / "store") as st:
        assert st.identities() == {"report": (str(fa / "report.txt"),
                                              hashlib.sha256(b"Russia attacked the Syrian rebels.").hexdigest())}


def test_stdin_articles_get_ids_of_their_own(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    for text in (US, RU, US):
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        assert _build(["-", "-o", str(out), "-q", "--no-html"], capsys) == (0, "")
    docs = sorted({doc for doc, _, _ in _events(out)})
    assert len(docs) == 2 and all(d.startswith("stdin-") and len(d) == 18 for d in docs)


def test_doc_id_names_a_stdin_article_and_other_text_under_it_is_refused(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(sys, "stdin", io.StringIO(US))
    assert _build(["-", "--doc-id", "g20", "-o", str(out), "-q"], capsys) == (0, "")
    monkeypatch.setattr(sys, "stdin", io.StringIO(RU))
    code, err = _build(["-", "--doc-id", "g20", "-o", str(out), "-q"], capsys)
    assert code == 1 and err.startswith("Error: stdin: doc id 'g20' is already in the store from stdin with "
                                        "other text (sha256 ")
    assert _events(out) == [("g20", "USA", "SUPPORT")]
    monkeypatch.setattr(sys, "stdin", io.StringIO(RU))
    assert _build(["-", "--doc-id", "g20", "-o", str(out), "-q", "--replace"], capsys) == (0, "")
    assert _events(out) == [("g20", "RUS", "ASSAULT")]


@pytest.mark.parametrize("args, message", [
    (["--doc-id", "x"], "Error: --doc-id x names the article read from stdin, but no PATH is -."),
    (["-", "--doc-id", "a b"], "Error: doc id 'a b' has characters that cannot go into an IRI."),
    (["--no-store", "--force"], "Error: --replace and --force act on the store."),
])
def test_bad_doc_id_options(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.setattr(sys, "stdin", io.StringIO(US))
    path = tmp_path / "a.txt"
    path.write_text(US, encoding="utf-8")
    code, err = _build([str(path), *args, "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and err.startswith(message), err
    assert not (tmp_path / "out").exists()


def test_force_extracts_everything_again(tmp_path, capsys):
    fa, _ = _folders(tmp_path)
    out = tmp_path / "out"
    assert _build([str(fa), "-o", str(out), "-q"], capsys) == (0, "")
    code, err = _build([str(fa), "-o", str(out)], capsys)
    assert code == 0 and "1 article unchanged, 0 rebuilt, 0 added" in err
    code, err = _build([str(fa), "-o", str(out), "--force"], capsys)
    assert code == 0 and "0 articles unchanged, 1 rebuilt, 0 added" in err

"""kg build --lexicon FILE.toml: a user's lexicon replaces the built-in one of its language, in
every build mode and in worker processes, and a changed lexicon rebuilds the articles it reads."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli.app import main

ARTICLE = "lang: en\ndate: 2016-09-05\n\nTurkey skewered the YPG on Monday.\n"


def en_lexicon(folder: Path, name: str = "mine.toml", extra: str = '"skewer"') -> Path:
    """A copy of the built-in English lexicon with one more ACCUSE verb."""
    from importlib import resources
    text = (resources.files("kg.data") / "lexicon" / "en.toml").read_text("utf-8")
    anchor = 'verbs = ["accuse", "condemn",'
    assert anchor in text
    path = folder / name
    path.write_text(text.replace(anchor, f'verbs = [{extra}, "accuse", "condemn",', 1), "utf-8")
    return path


def events(out: Path) -> set[tuple]:
    lines = (out / "events.jsonl").read_text("utf-8").splitlines()
    return {(e["actor"]["id"], e["event"], e["recipient"]["id"]) for e in map(json.loads, lines)}


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "in" / "turkey-ypg.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, "utf-8")
    return path


@pytest.mark.parametrize("mode", [["--no-store"], [], ["--jobs", "2"]], ids=["no-store", "store", "jobs-2"])
def test_a_user_lexicon_adds_its_cues(tmp_path, article, mode):
    assert main(["build", str(article), "-o", str(tmp_path / "plain"), "-q", *mode]) == 0
    assert events(tmp_path / "plain") == set()                         # "skewer" is no cue of kg's
    lexicon = en_lexicon(tmp_path)                                       # [meta] language = "en"
    assert main(["build", str(article), "-o", str(tmp_path / "mine"), "-q", "--lexicon", str(lexicon), *mode]) == 0
    assert events(tmp_path / "mine") == {("TUR", "ACCUSE", "YPG")}


def test_a_changed_lexicon_rebuilds_the_articles(tmp_path, article, capsys):
    out = tmp_path / "out"
    assert main(["build", str(article), "-o", str(out)]) == 0
    lexicon = en_lexicon(tmp_path)
    assert main(["build", str(article), "-o", str(out), "--lexicon", str(lexicon)]) == 0
    assert "0 articles unchanged, 1 rebuilt, 0 added" in capsys.readouterr().err
    assert events(out) == {("TUR", "ACCUSE", "YPG")}
    assert main(["build", str(article), "-o", str(out), "--lexicon", str(lexicon)]) == 0
    assert "1 article unchanged, 0 rebuilt, 0 added" in capsys.readouterr().err


@pytest.mark.parametrize("lexicons, message", [
    (lambda d: [d / "missing.toml"], "missing.toml: cannot read the lexicon"),
    (lambda d: [_write(d / "en.toml", '[words]\nnegaton = ["not"]\n')], "unknown key 'negaton' in [words]"),
    (lambda d: [en_lexicon(d, "a.toml"), en_lexicon(d, "b.toml")], "b.toml: a second lexicon for language 'en'"),
])
def test_a_bad_lexicon_stops_the_build_before_anything_is_written(tmp_path, article, capsys, lexicons, message):
    args = [x for path in lexicons(tmp_path) for x in ("--lexicon", str(path))]
    assert main(["build", str(article), "-o", str(tmp_path / "out"), *args]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out" / "events.jsonl").exists()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path

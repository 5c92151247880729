"""The kg command: exact exit codes, outputs, and the acceptance figures of the pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli.app import main

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "articles" / "hln-2016-09-05-obama-poetin-g20.txt"
GOLD = DATA / "gold"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(DATA / "articles"), "-o", str(out), "-q"]) == 0
    return out


def test_build_writes_every_output(built):
    for name in ("events.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (built / name).stat().st_size > 0, name
    first = json.loads((built / "events.jsonl").read_text().splitlines()[0])
    assert set(first) >= {"id", "doc", "sentence", "start", "end", "text", "event", "negated", "modality",
                          "actor", "recipient", "agent", "issue", "date", "place"}
    assert set(first["actor"]) == {"id", "label", "code", "type", "wikidata", "mention"}


def test_seed_is_scored_perfectly(built, capsys):
    assert main(["eval", str(GOLD / "hln-2016-09-05-obama-poetin-g20.json"),
                 "--events", str(built / "events.jsonl"), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["micro"]["tp"], report["micro"]["fp"], report["micro"]["fn"]) == (11, 0, 0)


def test_english_articles_stay_above_the_floor(built, capsys):
    """Issue 2 asks for micro F1 >= 0.5 on the six English articles: a floor against regressions."""
    english = sorted(str(p) for p in GOLD.glob("en_*.json"))
    assert main(["eval", *english, "--events", str(built / "events.jsonl"), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["micro"]["f1"] >= 0.5, report["micro"]


def test_same_input_gives_the_same_bytes(built, tmp_path):
    assert main(["build", str(DATA / "articles"), "-o", str(tmp_path), "-q"]) == 0
    for name in ("events.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


@pytest.mark.parametrize("args,code,message", [
    (["build", "no-such-file.txt"], 1, "no-such-file.txt"),
    (["build", "--date", "2016-02-30", "x.txt"], 2, "not a date"),
    (["eval", "no-such-gold.json"], 1, "no-such-gold.json"),
    (["query", "no-such-query", "GRAPH.ttl"], 1, "GRAPH.ttl"),
    (["query"], 1, "No query given"),
    (["frobnicate"], 2, "invalid choice"),
])
def test_errors_have_exact_exit_codes(args, code, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if code == 2:
        with pytest.raises(SystemExit) as exc:
            main(args)
        assert exc.value.code == 2
    else:
        assert main(args) == code
    assert message in capsys.readouterr().err


def test_bad_file_in_a_folder_is_reported_and_the_rest_built(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_text("   \n")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 1
    assert "empty.txt" in capsys.readouterr().err
    assert '"doc": "good"' in (out / "events.jsonl").read_text()


def test_nothing_is_written_when_no_article_can_be_read(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "empty.txt"), "-o", str(out)]) == 1
    assert not out.exists()
    assert capsys.readouterr().err.startswith("Error: ")


def test_stdin_is_an_article(tmp_path, monkeypatch, capsys):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("lang: nl\ndate: 2016-09-05\n\nDe Amerikanen steunen de Syrische rebellen.\n"))
    assert main(["build", "-", "-o", str(tmp_path), "-q", "--no-html"]) == 0
    [line] = (tmp_path / "events.jsonl").read_text().splitlines()
    event = json.loads(line)
    assert (event["doc"][:6], event["actor"]["id"], event["event"], event["recipient"]["id"]) == \
        ("stdin-", "USA", "SUPPORT", "SYRREB")


def test_query_lists_and_runs_on_the_build(built, capsys):
    assert main(["query", "--list"]) == 0
    listed = capsys.readouterr().out
    for name in ("actors", "supports", "fights", "evidence", "timeline", "contradictions"):
        assert name in listed
    assert main(["query", "supports", str(built / "graph.trig"), "-f", "csv"]) == 0
    rows = capsys.readouterr().out
    assert "USA" in rows and "SYRREB" in rows


def test_query_binds_parameters(built, capsys):
    assert main(["query", "events-of-actor", str(built / "graph.trig"), "--param", "actor=YPG", "-f", "json"]) == 0
    out = capsys.readouterr().out
    assert "YPG" in out and "ASSAULT" in out


def test_build_lists_unknown_actors(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("lang: en\ndate: 2016-09-19\n\nRussian Defence Ministry spokesman Major-General "
                       "Igor Konashenkov accused the rebels. The Hamza Brigade attacked Kurdish positions.\n")
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "-q", "--no-html", "--list-unknown"]) == 0
    out = capsys.readouterr().out
    assert "Igor Konashenkov" in out and "person" in out
    assert "Hamza Brigade" in out and "organisation" in out


# --- issue 12: small things that said nothing ----------------------------------------------

def test_eval_of_gold_articles_not_built_is_an_error_unless_allowed(built, tmp_path, capsys):
    seed_only = tmp_path / "seed.jsonl"
    lines = (built / "events.jsonl").read_text("utf-8").splitlines()
    seed_only.write_text("".join(line + "\n" for line in lines if json.loads(line)["doc"] == SEED.stem))
    english = sorted(str(p) for p in GOLD.glob("en_*.json"))
    gold = [str(GOLD / f"{SEED.stem}.json"), *english]
    assert main(["eval", *gold, "--events", str(seed_only), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Error: {len(english)} gold article(s) have no event in {seed_only}: en_"), err
    assert "pass --allow-missing" in err
    assert main(["eval", *gold, "--events", str(seed_only), "-q", "--allow-missing"]) == 0
    assert capsys.readouterr().err.startswith(f"Warning: {len(english)} gold article(s) have no event")
    assert main(["eval", gold[0], "--events", str(seed_only), "-q"]) == 0       # all built: no word


@pytest.mark.parametrize("source", ["store", "file"])
def test_query_param_with_an_unknown_actor_says_did_you_mean(built, capsys, source):
    where = ["--store", str(built / "store")] if source == "store" else [str(built / "graph.trig")]
    assert main(["query", "events-of-actor", *where, "--param", "actor=USAA"]) == 1
    assert capsys.readouterr().err == "Error: No events of actor 'USAA'. Did you mean USA?\n"
    assert main(["show", "--store", str(built / "store"), "--actor", "USAA"]) == 1
    assert capsys.readouterr().err == "Error: No events of actor 'USAA'. Did you mean USA?\n"
    assert main(["query", "events-of-actor", *where, "--param", "actor=USA", "-f", "json"]) == 0


def test_query_json_keeps_numbers_as_numbers(built, capsys):
    assert main(["query", "actors", "--store", str(built / "store"), "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(isinstance(row["events"], int) and not isinstance(row["events"], bool) for row in rows)
    assert all(isinstance(row["actor"], str) and isinstance(row["code"], str) for row in rows)


def test_typed_values_of_every_kind():
    from kg.sparql.query import Result
    xsd = "http://www.w3.org/2001/XMLSchema#"
    result = Result(["a", "b", "c", "d", "e", "f"], [["7", "2.5", "true", "abc", "NaN", "2016-09-05"]],
                    [[xsd + "integer", xsd + "decimal", xsd + "boolean", xsd + "integer", xsd + "double",
                      xsd + "date"]])
    assert result.typed() == [[7, 2.5, True, "abc", "NaN", "2016-09-05"]]


@pytest.mark.parametrize("command", [["show"], ["export", "-f", "csv"], ["build", "x.txt"]])
def test_an_inverted_date_range_is_a_usage_error(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--from", "2017-01-01", "--to", "2016-01-01"])
    assert exc.value.code == 2
    assert "--from 2017-01-01 is after --to 2016-01-01" in capsys.readouterr().err


@pytest.mark.parametrize("body, message", [
    ("just some notes\nnothing here\n", "yields no actor (2 construct(s) skipped, see above"),
    ("", "yields no actor (no entry such as 'GONDOR [GON]' that kg's gazetteer lacks)"),
    ("UNITED_STATES_  [USA]\n", "yields no actor (no entry such as"),
])
def test_a_gazetteer_import_that_yields_no_actor_is_an_error(tmp_path, capsys, body, message):
    path = tmp_path / "x.actors.txt"
    path.write_text(body, encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert main(["gazetteer", "import", str(path), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1].startswith(f"Error: {path}: {message}"), captured.err
    assert captured.out == "" and not out.exists()

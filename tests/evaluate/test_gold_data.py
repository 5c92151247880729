"""The gold files in tests/data/gold*: each loads (kg.evaluate.load_golds), its article exists, and
the composed ones (gold-nl, gold-en) quote their article and use actors the gazetteer knows."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.read.article import read
from kg.evaluate import load_gold, load_golds
from kg.knowledge.gazetteer import load_gazetteer

DATA = Path(__file__).resolve().parents[1] / "data"
FOLDERS = sorted(p for p in DATA.glob("gold*") if p.is_dir())
GOLDS = sorted(f for folder in FOLDERS for f in folder.glob("*.json"))
COMPOSED = [g for g in GOLDS if g.parent.name != "gold"]


def _article(gold_path: Path, gold) -> Path:
    if gold_path.parent.name == "gold":           # copies of the shared gold: articles/ by doc id
        return DATA / "articles" / f"{gold.doc}.txt"
    return DATA / gold.article


def test_there_is_gold_in_both_languages():
    langs = {load_gold(g).language for g in COMPOSED}
    assert langs == {"nl", "en"}
    assert sum(load_gold(g).language == "nl" for g in COMPOSED) >= 6


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_gold_folder_loads(folder):
    golds = load_golds([folder])
    assert golds and all(g.entries for g in golds)


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_names_its_article(path):
    gold = load_gold(path)
    assert gold.doc == path.stem
    article = _article(path, gold)
    assert article.is_file(), article
    art = read(article)
    assert art.doc == gold.doc and art.lang == gold.language
    if gold.date:
        assert art.date.isoformat() == gold.date


@pytest.mark.parametrize("path", COMPOSED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_composed_gold_quotes_its_article_and_knows_its_actors(path):
    gold = load_gold(path)
    art = read(_article(path, gold))
    text = art.text
    assert art.sources == ("kg project (composed test article)",)
    assert f"articles-{gold.language}" in gold.article and path.parent.name == f"gold-{gold.language}"
    actors = load_gazetteer().actors
    for entry in gold.entries:
        for part in entry.evidence.split(" / "):
            assert part in text, (entry, part)
        assert entry.actor in actors and (entry.recipient is None or entry.recipient in actors), entry
    assert any(e.required for e in gold.entries)

"""The pattern records of kg/data/patterns: every example runs through the whole parse-based
pipeline (kg's trained parser, gazetteer, references, negation) and must give its events, and its
own pattern nothing else (kg.coding.examples); bad records fail on load with their file and id."""
from __future__ import annotations

import pytest

from kg.knowledge import lexicon
from kg.coding import load_coder
from kg.coding.examples import check, passes
from kg.coding.patterns import load, record
from kg.base.errors import KgError
from kg.parse.grammar import Grammar
from kg.knowledge.gazetteer import load_gazetteer

LANGS = ("en", "nl")


def _cases():
    for lang in LANGS:
        frames = Grammar.load(lang).frames
        for pat in load(lang, frames):
            for n, ex in enumerate(pat.examples):
                yield pytest.param(lang, pat.id, ex, id=f"{pat.id}#{n}")


_CODERS: dict = {}


def _coder(lang):
    if lang not in _CODERS:
        lex = lexicon.builtin(lang)
        _CODERS[lang] = (load_coder(load_gazetteer(), lex, lang), lex)
    return _CODERS[lang]


@pytest.mark.parametrize("lang,pid,example", list(_cases()))
def test_example(lang, pid, example):
    coder, lex = _coder(lang)
    want, got, mine = check(example, lang, coder, lex, pid)
    assert passes(want, got, mine), f"{pid}: {example.text}: want {want}, got {got} ({mine} by this pattern)"


def test_every_language_has_patterns_for_every_category():
    from kg.base.model import CATEGORIES
    for lang in LANGS:
        cats = {p.category for p in load(lang, Grammar.load(lang).frames)}
        assert cats == set(CATEGORIES), f"{lang} lacks {set(CATEGORIES) - cats}"


FRAMES = {"transitive": {"actor": ["nsubj"], "recipient": ["obj"]}}
GOOD = {"id": "x.ASSAULT.a", "category": "ASSAULT", "verbs": ["attack"], "frame": "transitive",
        "examples": [{"text": "A attacked B.", "events": []}]}


@pytest.mark.parametrize("change,message", [
    ({"verb": ["attack"]}, "unknown key 'verb'"),
    ({"category": "FIGHT"}, "unknown category 'FIGHT'"),
    ({"frame": "transitiv"}, "Did you mean 'transitive'"),
    ({"examples": []}, "without an example"),
    ({"nouns": ["attack"]}, "one of `verbs`, `nouns` or `predicates`"),
    ({"predicates": ["illegal"]}, "one of `verbs`, `nouns` or `predicates`"),
    ({"actor": ["obl[at"]}, "cannot read the role path"),
    ({"needs": {"obj": ["@insults"]}}, "unknown word list '@insults'"),
])
def test_bad_record_fails_with_its_place(change, message):
    rec = dict(GOOD, **change)
    with pytest.raises(KgError) as err:
        record(rec, FRAMES, "my.toml")
    assert message in str(err.value) and "my.toml [x.ASSAULT.a]" in str(err.value)


def test_good_record_reads_its_frame():
    pat = record(GOOD, FRAMES, "my.toml")
    assert pat.kind == "verb" and pat.triggers == ("attack",)
    assert [p[0].dep for p in pat.actor] == ["nsubj"] and [p[0].dep for p in pat.recipient] == ["obj"]


def test_user_file_with_a_duplicate_id_fails(tmp_path):
    frames = Grammar.load("en").frames
    first = load("en", frames)[0]
    extra = tmp_path / "extra.toml"
    extra.write_text(f'[[pattern]]\nid = "{first.id}"\ncategory = "ASSAULT"\nverbs = ["x"]\n'
                     'frame = "transitive"\nexamples = [{ text = "x", events = [] }]\n', "utf-8")
    with pytest.raises(KgError, match="also in"):
        load("en", frames, [extra])


def test_a_word_list_named_in_needs_is_read_from_any_file_of_the_language(tmp_path):
    frames = Grammar.load("en").frames
    extra = tmp_path / "extra.toml"
    extra.write_text('[[pattern]]\nid = "user.ACCUSE.call"\ncategory = "ACCUSE"\nverbs = ["call"]\n'
                     'frame = "transitive"\nneeds = { xcomp = ["@labels", "Scoundrel"] }\n'
                     'examples = [{ text = "x", events = [] }]\n', "utf-8")
    pat = [p for p in load("en", frames, [extra]) if p.id == "user.ACCUSE.call"][0]
    words = dict(pat.needs)["xcomp"]
    assert {"scoundrel", "terrorist", "warmonger"} <= words and "@labels" not in words

"""Event coding on a dependency parse: pattern records (kg/data/patterns/LANG/*.toml) applied by
one small interpreter over kg's trained parse, with references, negation and modality from the
parse. No rule lives in this package's code; the words of each language live in its data files."""
from __future__ import annotations

from dataclasses import replace

from kg.coding.coder import Coder
from kg.coding.patterns import from_cues, load
from kg.knowledge import lexicon as lexicon_module
from kg.knowledge.gazetteer import Gazetteer
from kg.knowledge.lexicon import Lexicon
from kg.parse.parser import Parser


def load_coder(gazetteer: Gazetteer, lexicon: Lexicon | None, lang: str, parser_name: str | None = None) -> Coder:
    """A Coder for `lang`: kg's parser (or `parser_name`: a spaCy pipeline, or per language
    "nl=NAME,en=NAME"), its grammar and its patterns."""
    if parser_name and "=" in parser_name:
        names = dict(part.split("=", 1) for part in parser_name.split(","))
        parser_name = names.get(lang)

    parser = Parser.load(lang, parser_name)
    patterns = load(lang, parser.grammar.frames)
    builtin = set(lexicon_module.builtin(lang).cues)
    patterns += from_cues([c for c in lexicon.cues if c not in builtin], parser.grammar.frames, lang)
    parser.know(w for p in patterns if p.kind == "verb" for w in p.triggers)
    g = parser.grammar                # the grammar's own verb lists name verbs too ("orchestrated")
    parser.know(w for words in (g.light, g.speech, g.negating_heads, g.blocking_heads, g.alleging_heads) for w in words)
    firsts = frozenset(w.split("_")[0] for p in patterns if p.kind == "verb" for w in p.triggers if "_" in w)
    parser.grammar = replace(parser.grammar, phrasal=parser.grammar.phrasal | firsts)
    return Coder(gazetteer, lexicon, parser, patterns, calibration())


def calibration() -> dict[str, float]:
    """Pattern id -> confidence measured on the gold sets (kg/data/patterns/calibration.toml)."""
    import tomllib
    from importlib import resources

    path = resources.files("kg.data").joinpath("patterns", "calibration.toml")
    return tomllib.loads(path.read_text("utf-8")).get("confidence", {}) if path.is_file() else {}

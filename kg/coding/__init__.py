"""Event coding on a dependency parse: pattern records (kg/data/patterns/LANG/*.toml) applied by
one small interpreter over kg's trained parse, with references, negation and modality from the
parse. No rule lives in this package's code; the words of each language live in its data files."""
from __future__ import annotations


def load_coder(gazetteer, lexicon, lang: str, parser_name: str | None = None):
    """A Coder for `lang`: kg's parser (or `parser_name`), its grammar and its patterns."""
    from ..parse.parser import Parser
    from .coder import Coder
    from .patterns import load

    parser = Parser.load(lang, parser_name)
    return Coder(gazetteer, lexicon, parser, load(lang, parser.grammar.frames))

"""Parse sentences with kg's trained pipeline of a language (or a spaCy pipeline the user names).

    parser = Parser.load("nl")                 # kg/data/parsers/nl, shipped in the package
    docs = parser.parse(["Rusland riep de Veiligheidsraad bijeen."])

After the pipeline, verb lemmas come from the treebank lookup (kg.parse.lemmas) where it knows the
form, and the post-parse fixes of the language's grammar file (kg/data/grammar/LANG.toml) run.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import KgError
from . import fixes, lemmas
from .grammar import Grammar

PACKAGED = Path(__file__).resolve().parent.parent / "data" / "parsers"


@dataclass
class Parser:
    lang: str
    nlp: object                 # spacy.Language
    verb_lemmas: dict[str, str]
    grammar: Grammar

    @classmethod
    def load(cls, lang: str, name: str | None = None) -> "Parser":
        """kg's own pipeline of `lang`, or the spaCy pipeline `name` (a package or a folder)."""
        import spacy

        source = name or PACKAGED / lang
        try:
            nlp = spacy.load(source, exclude=["ner", "senter", "textcat"])
        except OSError as exc:
            raise KgError(f"cannot load the {lang} parser {source}: {exc}",
                          f"Train it with `python -m kg.parse.train {lang}` or name an installed "
                          "spaCy pipeline with --parser") from exc
        table = lemmas.read(Path(source) / "verb-lemmas.tsv") if name is None else {}
        return cls(lang, nlp, table, Grammar.load(lang))

    def parse(self, texts: Iterable[str]):
        """spaCy Docs, one per text, with verb lemmas and the grammar's fixes applied."""
        for doc in self.nlp.pipe(texts, batch_size=64):
            self.fix_lemmas(doc)
            fixes.apply(doc, self.grammar.fixes)
            yield doc

    def fix_lemmas(self, doc) -> None:
        for tok in doc:
            if tok.pos_ in lemmas.VERBAL:
                known = self.verb_lemmas.get(tok.lower_) or self.grammar.verb_lemmas.get(tok.lower_)
                if known:
                    tok.lemma_ = known
                elif "_" in tok.lemma_ and not any(c.dep_ == "compound:prt" for c in tok.children):
                    continue            # a joined separable verb keeps its particle ("afvuren")
                else:
                    tok.lemma_ = tok.lemma_.split("_")[-1].lower()

"""Parse sentences with kg's trained pipeline of a language (or a spaCy pipeline the user names).

    parser = Parser.load("nl")                 # kg/data/parsers/nl, shipped in the package
    docs = parser.parse(["Rusland riep de Veiligheidsraad bijeen."])

After the pipeline, verb lemmas come from the treebank lookup (kg.parse.lemmas) where it knows the
form, and the post-parse fixes of the language's grammar file (kg/data/grammar/LANG.toml) run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
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
    known: set[str] = field(default_factory=set)     # verb lemmas known to be right

    def __post_init__(self):
        self.known |= set(self.verb_lemmas.values()) | set(self.grammar.verb_lemmas.values())

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
        # the treebank's verb lemmas of the language, and the named pipeline's own if it has one
        table = {**lemmas.read(PACKAGED / lang / "verb-lemmas.tsv"),
                 **(lemmas.read(Path(name) / "verb-lemmas.tsv") if name and Path(name).is_dir() else {})}
        return cls(lang, nlp, table, Grammar.load(lang))

    def parse(self, texts: Iterable[str]):
        """spaCy Docs, one per text, with verb lemmas and the grammar's fixes applied."""
        for doc in self.nlp.pipe(texts, batch_size=64):
            fixes.apply(doc, self.grammar.fixes)
            self.fix_lemmas(doc)
            yield doc

    def know(self, words) -> None:
        """More verb lemmas to accept as right (the patterns' triggers)."""
        self.known |= {w.split("_")[-1] for w in words}

    def _inflected(self, form: str) -> str | None:
        """A known lemma that one of the grammar's inflection rules makes of `form`."""
        for ending, repl in self.grammar.inflections:
            if form.endswith(ending) and (cand := form[:len(form) - len(ending)] + repl) in self.known:
                return cand
        return None

    def fix_lemmas(self, doc) -> None:
        for tok in doc:
            if tok.pos_ in lemmas.VERBAL:
                known = self.grammar.verb_lemmas.get(tok.lower_) or self.verb_lemmas.get(tok.lower_)
                if not known and tok.lemma_.lower().split("_")[-1] not in self.known:
                    known = self._inflected(tok.lower_)
                if known:
                    tok.lemma_ = known
                elif "_" in tok.lemma_ and not any(c.dep_ == "compound:prt" for c in tok.children):
                    continue            # a joined separable verb keeps its particle ("afvuren")
                else:
                    tok.lemma_ = tok.lemma_.split("_")[-1].lower()

"""Verb lemmas: a lookup made from the treebank a parser was trained on, over the trained lemmatizer.

The trained (edit-tree) lemmatizer errs on strong and irregular verbs it saw rarely ("struck",
"schoten"); the treebank itself says what their lemmas are. `collect` reads the training CoNLL-U
files and keeps each verb form whose lemma is the same in at least 90% of its uses; the table ships
beside the model (`verb-lemmas.tsv`). Separable Dutch verbs are stored without their particle where
it stands apart ("riep" -> "roepen": the particle is the parse's `compound:prt`, joined by
`verb_key`) and with it where the form holds it ("afgelopen" -> "af_lopen"). Where the language
writes compounds closed, the treebank's nouns ship too (`noun-lemmas.tsv`): the parser reads a
compound it never saw by the noun it ends in (kg.parse.parser).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

VERBAL = {"VERB", "AUX"}
NOUNS = {"NOUN"}


def collect(files: list[Path], *, share: float = 0.9, min_count: int = 2, pos: set[str] = VERBAL) -> dict[str, str]:
    """form -> lemma for the forms of a part of speech `pos` (verbs; `NOUNS` for nouns) whose
    lemma is (nearly) always the same in `files`."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 10 and cols[0].isdigit() and cols[3] in pos:
                    form, lemma = cols[1].lower(), cols[2].lower()
                    seen[form][lemma if _joined(form, lemma) else lemma.split("_")[-1]] += 1
    table = {}
    for form, lemmas in seen.items():
        lemma, n = lemmas.most_common(1)[0]
        if n >= min_count and n / sum(lemmas.values()) >= share:
            table[form] = lemma
    return table


def _joined(form: str, lemma: str) -> bool:
    """A separable verb written as one word ("afgelopen" of "af_lopen") keeps its particle."""
    return "_" in lemma and form.startswith(lemma.split("_")[0])


def known(files: list[Path]) -> set[str]:
    """Every verb lemma of the treebank (without a separable particle): what the inflection
    rules may return."""
    out = set()
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                cols = line.split("\t")
                if len(cols) == 10 and cols[0].isdigit() and cols[3] == "VERB":
                    out.add(cols[2].split("_")[-1].lower())
    return out


def write(table: dict[str, str], path: Path) -> None:
    path.write_text("".join(f"{f}\t{table[f]}\n" for f in sorted(table)), encoding="utf-8")


def write_known(words: set[str], path: Path) -> None:
    path.write_text("".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")


def read_known(path: Path) -> set[str]:
    return set(path.read_text("utf-8").split()) if path.exists() else set()


def read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return dict(line.split("\t", 1) for line in path.read_text("utf-8").splitlines() if "\t" in line)


def verb_key(lemma: str, particle: str | None, particle_first: bool = True) -> str:
    """The lemma a pattern names: "op_roepen" for "riep ... op" (particle first), "lash_out" for
    "lashed out" (particle last); a lemma that already holds its particle stays as it is."""
    if not particle or "_" in lemma:
        return lemma
    return f"{particle.lower()}_{lemma}" if particle_first else f"{lemma}_{particle.lower()}"

"""Train kg's parser for a language from a Universal Dependencies folder, one command:

    python -m kg.parse.train nl --ud ../shared/ud [--minutes 60] [--out DIR]

converts the CoNLL-U files that kg/data/parsers.toml names into spaCy's binary format, writes a
config (morphologizer, trainable lemmatizer and dependency parser over one shared tok2vec, no
vectors), trains, and copies the best checkpoint into the package (kg/data/parsers/LANG) unless
`--out` says otherwise. Score it afterwards with `python -m kg.parse.evaluate LANG --ud DIR`.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from kg.parse import lemmas
from kg.parse.corpora import Corpora, resolve
from kg.parse.grammar import Grammar

PIPELINE = ["morphologizer", "trainable_lemmatizer", "parser"]
PACKAGED = Path(__file__).resolve().parent.parent / "data" / "parsers"


def conllu_docbin(files: list[Path], target: Path) -> int:
    """Convert CoNLL-U files into one .spacy file of 10-sentence documents; return the doc count."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    bin_ = DocBin(store_user_data=False)
    for path in files:
        text = _basic_lines(path.read_text("utf-8"))
        for doc in conllu_to_docs(text, n_sents=10, no_print=True):
            bin_.add(doc)
    bin_.to_disk(target)
    return len(bin_)


def _basic_lines(text: str) -> str:
    """Only the basic tree: empty nodes (ids like 8.1) are enhanced-graph material."""
    return "\n".join(line for line in text.splitlines()
                     if not (line[:1].isdigit() and "." in line.split("\t", 1)[0]))


def write_config(lang: str, work: Path, model: dict | None = None, resume: Path | None = None) -> Path:
    """spaCy's efficiency config for the pipeline, with kg's data paths and checkpoint weights;
    `model` (parsers.toml's [LANG.model]) may set the shared tok2vec's width, depth and hash rows;
    `resume` (a trained pipeline) makes every component start from that pipeline's weights."""
    from spacy.cli.init_config import init_config

    config = init_config(lang=lang, pipeline=PIPELINE, optimize="efficiency", gpu=False)
    tok2vec = config["components"]["tok2vec"]["model"]
    for key in ("width", "depth"):
        if key in (model or {}):
            tok2vec["encode"][key] = int(model[key])
    if "rows" in (model or {}):
        tok2vec["embed"]["rows"] = [int(n) for n in model["rows"]]
    config["paths"]["train"] = str(work / "train.spacy")
    config["paths"]["dev"] = str(work / "dev.spacy")
    config["components"]["trainable_lemmatizer"]["backoff"] = "orth"
    if resume is not None:
        # go on from its weights, keeping averaged parameters; the lemmatizer starts afresh (a
        # sourced one loses its edit trees)
        from spacy.util import load_config

        config["training"]["optimizer"]["use_averages"] = True
        width = load_config(resume / "config.cfg")["components"]["tok2vec"]["model"]["encode"]["width"]
        config["components"]["trainable_lemmatizer"]["model"]["tok2vec"]["width"] = width
        for name in ("tok2vec", "morphologizer", "parser"):
            config["components"][name] = {"source": str(resume.resolve())}
    training = config["training"]
    training.update({"max_steps": 0, "patience": 0, "eval_frequency": 400})
    training["score_weights"].update(
        {"pos_acc": 0.1, "morph_acc": 0.1, "lemma_acc": 0.2, "dep_uas": 0.2, "dep_las": 0.4})
    path = work / "config.cfg"
    config.to_disk(path)
    return path


def train(lang: str, ud: Path, work: Path, minutes: float, out: Path, resume: Path | None = None) -> Path:
    """Convert, configure and train (from `resume`'s weights if given); copy the best model to
    `out`; return `out`."""
    corpora = resolve(lang, ud)
    work.mkdir(parents=True, exist_ok=True)
    n_train = conllu_docbin(list(corpora.train), work / "train.spacy")
    n_dev = conllu_docbin(list(corpora.dev), work / "dev.spacy")
    print(f"{lang}: {len(corpora.train)} train files ({n_train} docs), dev {n_dev} docs",
          file=sys.stderr)
    config = write_config(lang, work, corpora.model, resume)
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(work / "model")]
    proc = subprocess.Popen(cmd)
    deadline = time.monotonic() + minutes * 60
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(5)
    if proc.poll() is None:          # the time budget is spent: keep the best checkpoint so far
        proc.terminate()
        proc.wait()
    best = work / "model" / "model-best"
    if not best.exists():
        raise SystemExit(f"Error: training gave no model in {best}. Give it more --minutes")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    write_lemmas(corpora, out)
    return out


def write_lemmas(corpora: Corpora, out: Path) -> Path:
    """The treebank's verb lemma lookup beside the model (kg.parse.lemmas), and its noun lookup
    where the language writes compounds closed."""
    target = out / "verb-lemmas.tsv"
    lemmas.write(lemmas.collect(list(corpora.train)), target)
    lemmas.write_known(lemmas.known(list(corpora.train)), out / "verbs.txt")
    if Grammar.load(corpora.lang).closed_compounds:
        lemmas.write(lemmas.collect(list(corpora.train), pos=lemmas.NOUNS), out / "noun-lemmas.tsv")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.parse.train", description=__doc__.split("\n")[0])
    ap.add_argument("lang", help="language code with a table in kg/data/parsers.toml (nl, en)")
    ap.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD root folder")
    ap.add_argument("--minutes", type=float, default=60.0, help="training time budget")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default /tmp/kg-train-LANG)")
    ap.add_argument("--out", type=Path, default=None, help="where the model goes (default: the package)")
    ap.add_argument("--resume", type=Path, default=None, metavar="MODEL",
                    help="go on training from a trained pipeline (e.g. kg/data/parsers/en) instead of from scratch")
    ap.add_argument("--lemmas-only", action="store_true",
                    help="only (re)write the lemma lookups beside an existing model (verbs; nouns where compounds are written closed)")
    args = ap.parse_args(argv)
    work = args.work or Path(f"/tmp/kg-train-{args.lang}")
    out = args.out or PACKAGED / args.lang
    if args.lemmas_only:
        print(write_lemmas(resolve(args.lang, args.ud), out))
        return 0
    print(train(args.lang, args.ud, work, args.minutes, out, args.resume))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Which treebank files train, select and evaluate each language's parser (kg/data/parsers.toml)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.base.errors import KgError


@dataclass(frozen=True)
class Corpora:
    """The CoNLL-U files of one language, resolved under a UD root folder."""
    lang: str
    train: tuple[Path, ...]
    dev: tuple[Path, ...]
    evals: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    model: dict = field(default_factory=dict)


def _config() -> dict:
    text = resources.files("kg.data").joinpath("parsers.toml").read_text("utf-8")
    return tomllib.loads(text)


def _listed(root: Path, spec: dict | None) -> set[str]:
    """Document ids listed as `* ID` bullets under the given `## section` headings of a file."""
    if not spec:
        return set()
    ids, section = set(), None
    for line in (root / spec["file"]).read_text("utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif (m := re.match(r"\s*\*\s+(\S+)", line)) and section in spec["sections"]:
            ids.add(m.group(1))
    return ids


def _glob(root: Path, patterns: list[str]) -> list[Path]:
    files = sorted({p for pat in patterns for p in root.glob(pat)})
    if not files:
        raise KgError(f"no treebank file matches {patterns} under {root}. "
                      "Point --ud at a folder of Universal Dependencies treebanks")
    return files


def resolve(lang: str, root: Path) -> Corpora:
    """The train, dev and eval files of `lang` under `root`; eval files are never trained on."""
    conf = _config().get(lang)
    if conf is None:
        raise KgError(f"no treebanks configured for language {lang!r}. "
                      "Add a [{lang}] table to kg/data/parsers.toml")
    excluded = _listed(root, conf.get("exclude_listed"))
    evals = {}
    for ev in conf.get("eval", []):
        keep = _listed(root, ev.get("only_listed"))
        evals[ev["name"]] = tuple(p for p in _glob(root, ev["files"]) if not keep or p.stem in keep)
    held = {p for files in evals.values() for p in files}
    train = tuple(p for p in _glob(root, conf["train"]) if p.stem not in excluded and p not in held)
    return Corpora(lang, train, tuple(_glob(root, conf["dev"])), evals, conf.get("model", {}))

"""The README's Python examples run as they are written, in order, from a folder that has the
project's `tests/` (as a checkout has), and do what they say."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_its_examples():
    assert len(BLOCKS) == 3


def test_the_readme_examples_run(tmp_path, monkeypatch, capsys):
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    for block in BLOCKS:
        exec(compile(block, "README.md", "exec"), names)       # noqa: S102 - the project's own README
    assert (tmp_path / "output" / "graph.trig").is_file() and (tmp_path / "output" / "events.jsonl").is_file()
    assert names["report"].f1 > 0.6                            # the shared English gold
    assert names["g"].number_of_nodes() > 0 and names["events"]
    printed = capsys.readouterr().out
    assert "USA AGREE RUS True asserted" in printed            # the seed: failed to agree
    assert [m.text for m in names["dates"](names["toks"], "en", names["datetime"].date(2016, 8, 29))] == ["Sunday"]

"""The dense article of issue 12: 2 MB of short sentences, each naming two actors and an event
verb, with now and then a very long sentence of many such clauses; then `kg build` on it with each
engine in a child process, reporting seconds and peak memory (the child's VmHWM).

    python3 bench/dense.py [--bytes 1990000] [--lang nl|en] [--engine rules,parse] [--no-store] [--keep DIR]

Each build is the command a user types, `kg build dense-nl.txt -o DIR -q --engine E` (into a new
store, DIR/store), or with `--no-store`, in memory only.

The article is the same for the same arguments (seeded). `dense_article` is what the memory test
(tests/pipeline/test_dense.py) builds, smaller.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STATES = {
    "nl": ["Rusland", "Oekraïne", "Turkije", "Syrië", "Frankrijk", "Duitsland", "China", "Japan",
           "Iran", "Israël", "Nederland", "België", "Irak", "Egypte", "Polen", "India"],
    "en": ["Russia", "Ukraine", "Turkey", "Syria", "France", "Germany", "China", "Japan",
           "Iran", "Israel", "the Netherlands", "Belgium", "Iraq", "Egypt", "Poland", "India"],
}
PEOPLE = {"nl": ["Obama", "Poetin", "Erdogan", "Merkel"], "en": ["Obama", "Putin", "Erdogan", "Merkel"]}
VERBS = {   # (present, past) with the object between for Dutch separable verbs ("valt ... aan")
    "nl": ["{a} valt {b} aan", "{a} bekritiseert {b}", "{a} steunt {b}", "{a} bedreigt {b}",
           "{a} veroordeelt {b}", "{a} ontmoet {b}", "{a} helpt {b}", "{a} beschuldigt {b}"],
    "en": ["{a} attacked {b}", "{a} criticized {b}", "{a} supports {b}", "{a} threatened {b}",
           "{a} condemned {b}", "{a} met {b}", "{a} helped {b}", "{a} accused {b}"],
}
JOIN = {"nl": " en ", "en": " and "}


def clause(rng: random.Random, lang: str) -> str:
    names = STATES[lang] + PEOPLE[lang]
    a, b = rng.sample(names, 2)
    return rng.choice(VERBS[lang]).format(a=a, b=b)


def dense_article(size: int = 2_000_000, lang: str = "nl", *, seed: int = 12,
                  long_every: int = 200, long_clauses: int = 60) -> str:
    """An article of about `size` bytes (UTF-8): a header, then paragraphs of short event
    sentences; every `long_every`-th sentence is one of `long_clauses` clauses."""
    rng = random.Random(seed)
    parts = [f"title: Dense\ndate: 2016-09-05\nlang: {lang}\n\n"]
    total, n, para = len(parts[0].encode()), 0, []
    while total < size:
        n += 1
        if long_every and n % long_every == 0:
            text = ", ".join(clause(rng, lang) for _ in range(long_clauses))
        else:
            text = clause(rng, lang)
        sentence = text[0].upper() + text[1:] + "."
        para.append(sentence)
        total += len(sentence.encode()) + 1
        if len(para) == 12:
            parts.append(" ".join(para) + "\n\n")
            para = []
    if para:
        parts.append(" ".join(para) + "\n")
    return "".join(parts)


# The child writes its own peak (VmHWM: the high-water mark of its memory since exec) when it ends.
# Not ru_maxrss: Linux carries the parent's peak over fork and exec into it, so under a big parent
# (pytest) every child would show at least the parent's size.
_PEAK = """import atexit, runpy, sys
def _peak(path=sys.argv.pop(1)):
    with open("/proc/self/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    with open(path, "w") as f:
        f.write(str(kb))
atexit.register(_peak)
sys.argv[0] = "kg"
runpy.run_module("kg", run_name="__main__", alter_sys=True)
"""


def build(path: Path, out: Path, engine: str, *, store: bool = True) -> dict:
    """`kg build` of one file in a child process: seconds, peak MB of the child, events."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    with tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "peak"
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _PEAK, str(peak), "build", str(path), "-o", str(out),
                               "-q", "--engine", engine] + ([] if store else ["--no-store"]),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode:
            raise SystemExit(f"kg build failed ({proc.returncode}): {proc.stderr[-2000:]}")
        peak_kb = int(peak.read_text())
    events = sum(1 for _ in (out / "events.jsonl").open(encoding="utf-8"))
    return {"engine": engine, "seconds": round(seconds, 1), "peak_mb": round(peak_kb / 1024), "events": events}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bytes", type=int, default=1_990_000)
    ap.add_argument("--lang", default="nl", choices=sorted(STATES))
    ap.add_argument("--engine", default="rules,parse")
    ap.add_argument("--no-store", action="store_true", help="build with --no-store (in memory only)")
    ap.add_argument("--keep", help="write the article and outputs here instead of a temporary folder")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(args.keep or tmp)
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"dense-{args.lang}.txt"
        text = dense_article(args.bytes, args.lang)
        path.write_text(text, encoding="utf-8")
        print(f"{path.name}: {len(text.encode()):,} bytes, {text.count('.'):,} sentences", flush=True)
        for engine in args.engine.split(","):
            out = where / f"out-{engine}{'-no-store' if args.no_store else ''}"
            shutil.rmtree(out, ignore_errors=True)       # a new store each time
            r = build(path, out, engine, store=not args.no_store)
            print(f"{engine}: {r['seconds']} s, peak {r['peak_mb']} MB, {r['events']:,} events", flush=True)


if __name__ == "__main__":
    main()

"""Big bad input for issue 6, run by hand; prints a Markdown table (seconds, peak memory, exit).

    python3 bench/reliability.py                       # 100 MB article, 2 MB article, 10,000 files
    python3 bench/reliability.py --files 100000        # the 100,000-file folder (long)
    python3 bench/reliability.py --sizes 0.5 1 2       # articles of these many MB
    python3 bench/reliability.py --files 100000 --sizes --modes store   # one mode only

Each run is `kg build` in a fresh process (`python -c`), which reports its own wall time and peak
RSS (resource.getrusage), so one run's memory does not count in the next. Inputs are generated
in a temporary folder from a few English news sentences (deterministic: seeded).
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SENTENCES = [
    "The United States supported the Syrian rebels near Aleppo.",
    "Turkish troops attacked YPG positions in northern Syria on Monday.",
    "Russia and Iran said they would not accept the proposal.",
    "The weather in the region was hot and dry during the week.",
    "Officials met in Geneva to discuss a ceasefire that many doubted.",
]
RUN = """
import json, resource, sys, time
from kg.cli.app import main
started = time.monotonic()
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seconds": time.monotonic() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), file=sys.stderr)
"""


def article(path: Path, megabytes: float, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        f.write("lang: en\ndate: 2016-09-05\n\n")
        size = 0
        while size < megabytes * 1_000_000 - 400:
            para = " ".join(rng.choice(SENTENCES) for _ in range(6)) + "\n\n"
            f.write(para)
            size += len(para)
    return path


def folder(path: Path, n: int) -> Path:
    path.mkdir()
    for i in range(n):
        (path / f"a{i:06d}.txt").write_text(f"lang: en\n\n{SENTENCES[i % 4]}\n", encoding="utf-8")
    return path


def kg_build(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", RUN, "build", *args], capture_output=True, text=True)
    last = proc.stderr.strip().splitlines()[-1]
    found = json.loads(last)
    found["message"] = next((line for line in proc.stderr.splitlines() if line.startswith("Error:")), "")
    return found


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--files", type=int, nargs="*", default=[10000], help="folder sizes (tiny articles)")
    p.add_argument("--sizes", type=float, nargs="*", default=[1.0, 1.99], help="article sizes in MB")
    p.add_argument("--huge", type=float, default=100.0, help="the article over the limit, in MB")
    p.add_argument("--modes", nargs="*", default=["no-store", "store-only", "store"],
                   choices=["no-store", "store-only", "store"], help="build modes to run")
    args = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        tmp = Path(tmp)
        huge = article(tmp / "huge.txt", args.huge)
        rows.append((f"{args.huge:g} MB article", "store", kg_build(str(huge), "-o", str(tmp / "o1"), "-q")))
        inputs = [(f"{mb:g} MB article", lambda mb=mb: article(tmp / f"a{mb:g}.txt", mb)) for mb in args.sizes]
        inputs += [(f"{n:,} files", lambda n=n: folder(tmp / f"in{n}", n)) for n in args.files]
        for k, (what, make) in enumerate(inputs):
            path = make()
            for mode in args.modes:
                extra = [] if mode == "store" else [f"--{mode}"]
                rows.append((what, mode, kg_build(str(path), "-o", str(tmp / f"o{k}-{mode}"), "-q",
                                                  "--no-html", *extra)))
    print("| input | mode | exit | seconds | peak RSS (MB) | message |")
    print("| --- | --- | --- | --- | --- | --- |")
    for what, mode, r in rows:
        print(f"| {what} | {mode} | {r['code']} | {r['seconds']:.1f} | {r['rss_mb']:.0f} | {r['message'][:80]} |")


if __name__ == "__main__":
    main()

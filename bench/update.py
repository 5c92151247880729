"""Adding a few articles to a big store (issue 14), run by hand; prints a Markdown table.

    python3 bench/update.py                          # 30,000 articles, then 10 more
    python3 bench/update.py --articles 3000 --add 10 --keep /tmp/upd   # smaller; keep the folder

The corpus is the shared Wikinews CSVs (../shared/corpus/wikinews) repeated: article i is
Wikinews article i mod 295 as a text file (title, then the first --lead paragraphs), dated its
own date plus i // 295 days, so the copies are distinct articles of distinct days. Each step is
the command a user types, in a child process, timed from outside (seconds of wall time):
the full build with its files (`kg build CORPUS -o OUT -j 2 -q --files`), the same command again
(nothing changed), 10 new articles (`kg build NEW -o OUT -q`: the store; the files of a store of
more than 2,000 articles are written on demand), 10 more with --store-only, 10 more with --files
(every file rewritten), the same 10 into an empty store (the cost that does not depend on the
store), and one article edited in place.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
csv.field_size_limit(10**8)


def wikinews(lead: int) -> list[tuple[dt.date | None, str]]:
    out = []
    for path in sorted(WIKINEWS.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                day = dt.date.fromisoformat(row["date"][:10]) if row.get("date") else None
                paras = [p for p in row["text"].split("\n") if p.strip()][:lead]
                out.append((day, (row.get("title") or "").strip() + "\n\n" + "\n\n".join(paras)))
    return out


def write(folder: Path, items: list, start: int, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        day, text = items[i % len(items)]
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        head = "lang: en\n" + (f"date: {day + dt.timedelta(days=i // len(items))}\n" if day else "")
        (sub / f"wn-{i:06d}.txt").write_text(head + "\n" + text + "\n", encoding="utf-8")
    return folder


def kg(*args: str) -> float:
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if proc.returncode not in (0, 1):
        sys.exit(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return seconds


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=30_000)
    p.add_argument("--add", type=int, default=10)
    p.add_argument("--lead", type=int, default=3, help="paragraphs of each Wikinews article (default 3)")
    p.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (a second run reuses its store)")
    args = p.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-update-"))
    items = wikinews(args.lead)
    corpus, out = work / "corpus", work / "out"
    rows = []
    if not (out / "store").exists():
        write(corpus, items, 0, args.articles)
        rows.append((f"full build of {args.articles:,} articles, store and files (-j 2 --files)",
                     kg("build", str(corpus), "-o", str(out), "-j", "2", "-q", "--files")))
    rows.append(("the same command again, nothing changed (files current: kept)",
                 kg("build", str(corpus), "-o", str(out), "-q")))
    n = args.articles + 1000 * (len(list(work.glob("new*"))) + 1)
    batches = [write(work / f"new{n + k * args.add}", items, n + k * args.add, args.add) for k in range(4)]
    rows.append((f"{args.add} new articles: the store (the files: on demand)",
                 kg("build", str(batches[0]), "-o", str(out), "-q")))
    rows.append((f"{args.add} new articles, --store-only", kg("build", str(batches[1]), "-o", str(out), "-q",
                                                              "--store-only")))
    rows.append((f"{args.add} new articles, store and every file (--files)",
                 kg("build", str(batches[2]), "-o", str(out), "-q", "--files")))
    rows.append((f"the same {args.add} articles into an empty store (the floor: start, models, extraction)",
                 kg("build", str(batches[3]), "-o", str(work / "empty"), "-q")))
    edited = next(iter(sorted(corpus.rglob("*.txt"))))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nRussia criticised the United States.\n",
                      encoding="utf-8")
    rows.append(("one article edited, the whole corpus named", kg("build", str(corpus), "-o", str(out), "-q")))
    print("| step | seconds |")
    print("| --- | --- |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} |")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

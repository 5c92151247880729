"""Benchmarks for issue 5 (the network, its analysis and the HTML page), run by hand; prints a table.

    python3 bench/network.py                   # 300 actors, 5,000 events, and 1,000 / 50,000
    python3 bench/network.py --sizes 300x5000  # one size

For each size of tests/synthetic.py's event list: building the network (kg.views.network.build), the
whole `kg show all` report (kg.views.analysis.report, with --split), rendering the page (kg.views.page.render)
and its size, and in headless Chromium (tests/browser.py's DevTools driver, networking off) the
seconds from the start of loading until the layout has stabilised and physics is off
(`data-layout-ms`), checked still one second later. Median of --repeat runs.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402
import synthetic  # noqa: E402

from kg.views import analysis, page as html, network  # noqa: E402


def timed(call, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300x5000,1000x50000", help="ACTORSxEVENTS,...")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder, browser.DevTools() as chrome:
        for size in args.sizes.split(","):
            actors, count = (int(x) for x in size.lower().split("x"))
            events = synthetic.events(actors, count)
            t_build, g = timed(lambda: network.build(events), args.repeat)
            t_report, _ = timed(lambda: analysis.report(events, split="2017-01-01"), args.repeat)
            t_render, page = timed(lambda: html.render(g, title=size), args.repeat)
            path = Path(folder) / f"{size}.html"
            path.write_text(page, encoding="utf-8")
            settle = []
            for _ in range(args.repeat):
                tab = chrome.open(path, timeout=120)
                tab.wait("document.body.getAttribute('data-stabilized') === 'true'", timeout=300)
                settle.append(int(tab.evaluate("document.body.getAttribute('data-layout-ms')")) / 1000)
                shot = tab.screenshot()
                time.sleep(1)
                still = tab.screenshot() == shot
                problems = tab.problems() + tab.requests()
            rows.append((size, g.number_of_nodes(), g.number_of_edges(), t_build, t_report, t_render,
                         len(page.encode()) / 1e6, statistics.median(settle), still, len(problems)))
    print("| actors x events | nodes | ties | network | kg show all | page render | page MB "
          "| layout settles | still after 1 s | console errors + requests |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for size, nodes, ties, t1, t2, t3, mb, settle, still, problems in rows:
        print(f"| {size} | {nodes} | {ties} | {t1:.2f} s | {t2:.2f} s | {t3:.2f} s | {mb:.1f} "
              f"| {settle:.1f} s | {'yes' if still else 'no'} | {problems} |")


if __name__ == "__main__":
    main()
